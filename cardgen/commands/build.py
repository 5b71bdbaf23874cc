"""`cardgen build`: write deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf per language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..cli import content_options, human_size, main, out_option
from .booklet_options import booklet_options, booklet_settings, run_booklet_build
from .coverage_report import print_coverage, strict_option


class LanguageProgress:
    """A click progress bar on stderr, one step per language, created once the build knows how many."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, lang: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():  # a log or a pipe: one line per language instead of a bar
            if lang:
                click.echo(f"building {lang} ({done + 1}/{total}) …", err=True)
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="building", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.label = f"building {lang}" if lang else "built"
        self.bar.update(done - self.bar.pos)

    def __enter__(self) -> LanguageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@main.command()
@content_options
@out_option()
@strict_option
@click.option("--client", help="Client name for the booklet cover.")
@click.option("--practitioner", help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", help="Date printed on the booklet cover.")
@booklet_options
@click.option("--force", is_flag=True, help="Rebuild every language, even those whose inputs did not change.")
def build(
    content: Path,
    layouts: Path | None,
    langs: tuple[str, ...],
    out: Path,
    strict: bool,
    client: str | None,
    practitioner: str | None,
    contact: str | None,
    date_: str | None,
    clients: Path | None,
    force: bool,
    **booklet: Any,
) -> None:
    """Build deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf for each language.

    A language whose inputs (content, layouts, fonts, options, cardgen itself) did not change since the last
    build into the same folder, and whose PDFs are still there, is left as it is; --force rebuilds it anyway.
    """
    # Decided before reportlab, pydantic, YAML or Jinja2 are imported, so a no-op costs a Python start.
    from ..manifest import Inputs, Manifest, languages, options_text

    inputs = Inputs(content, layouts, options_text(click.get_current_context().params))
    manifest = Manifest.load(out)
    requested = list(dict.fromkeys(langs)) or languages(content)
    # a clients batch writes only the clients' booklets (cardgen/client_batch.py): never skipped, never recorded
    todo = requested if force or clients is not None else manifest.stale(inputs, requested)
    for lang in requested:
        if lang not in todo:
            for path, pages, size in manifest.recorded_outputs(lang):
                click.echo(f"unchanged {path}  {pages} page{'s' if pages != 1 else ''}  {human_size(size)}")
    if requested and not todo:
        return
    if todo != requested:
        langs = tuple(todo)

    from ..build import BuildOptions
    from ..layout.booklet import Personal

    options = BuildOptions(
        content=content,
        layouts=layouts,
        out=out,
        langs=langs,
        strict=strict,
        personal=Personal(client, practitioner, contact, date_),
        booklet=booklet_settings(**booklet),
    )
    with LanguageProgress() as progress:
        outputs = run_booklet_build(
            options,
            clients,
            progress=progress,
            report=print_coverage,
            after_write=lambda project, written: manifest.record(
                inputs, project.routine.source_language, project.layout.fonts_dir, [(o.path, o.pages) for o in written]
            ),
        )
    for output in outputs:
        click.echo(
            f"wrote {output.path}  {output.pages} page{'s' if output.pages != 1 else ''}  {human_size(output.size)}"
        )
