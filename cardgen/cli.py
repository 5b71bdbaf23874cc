"""Command line: the only module that talks to the terminal. Thin: parse options, call the library, print.

Exit codes: 0 success, 1 content/layout error (CardgenError), 2 usage error (click's own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__


def _human(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def content_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a routine."""
    func = click.option(
        "--lang",
        "langs",
        multiple=True,
        metavar="CODE",
        help="Language to build (repeatable). Default: every language in content/text/.",
    )(func)
    func = click.option(
        "--layouts",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder with layout files. Default: the built-in layouts.",
    )(func)
    func = click.option(
        "--content",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("content"),
        show_default=True,
        help="Folder with routine.yaml and text/<lang>.yaml.",
    )(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="cardgen")
def main() -> None:
    """Build print-ready step-card decks and take-home booklets from a massage routine written as data."""


@main.command()
@content_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder; PDFs go to OUT/<lang>/.",
)
@click.option("--client", help="Client name for the booklet cover.")
@click.option("--practitioner", help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", help="Date printed on the booklet cover.")
def build(
    content: Path,
    layouts: Path | None,
    langs: tuple[str, ...],
    out: Path,
    client: str | None,
    practitioner: str | None,
    contact: str | None,
    date_: str | None,
) -> None:
    """Build deck.pdf, deck-sheets.pdf and booklet.pdf for each language."""
    from .build import BuildOptions
    from .build import build as run_build
    from .layout.booklet import Personal

    options = BuildOptions(
        content=content,
        layouts=layouts,
        out=out,
        langs=langs,
        personal=Personal(client, practitioner, contact, date_),
    )
    outputs = run_build(options, progress=lambda lang: click.echo(f"building {lang} …", err=True))
    for output in outputs:
        click.echo(f"wrote {output.path}  {output.pages} page{'s' if output.pages != 1 else ''}  {_human(output.size)}")


@main.command()
@content_options
def check(content: Path, layouts: Path | None, langs: tuple[str, ...]) -> None:
    """Validate content and layouts and lay out every card and page, writing nothing."""
    from .build import BuildOptions
    from .build import check as run_check

    checked = run_check(BuildOptions(content=content, layouts=layouts, langs=langs))
    click.echo(f"ok: {', '.join(checked)}")


def run() -> None:
    """Entry point wrapper so `python -m cardgen` behaves like the console script."""
    main(prog_name="cardgen")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
