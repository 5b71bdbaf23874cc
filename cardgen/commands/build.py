"""`cardgen build`: write deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf per language.

The print options are one shared group of decorators (sqlite-utils style): `paper_options` (what the printer
and paper need, shared with `cardgen calibrate`) and `print_options` (those plus the card and how it is cut).
Each option set on the command line becomes a layout override, merged over the layout before validation, so
the command line and a layout file say the same things in the same words.
"""

from __future__ import annotations

import functools
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..source.limits import MAX_PERSONAL, OPTION_OF
from .booklet_options import booklet_options, booklet_settings, run_booklet_build
from .coverage_report import print_coverage, strict_option
from .options import (
    CORNER_RADIUS,
    MARGIN,
    OFFSET,
    SEAL,
    content_options,
    detail,
    out_option,
    say,
    verbosity,
)


class LanguageProgress:
    """A click progress bar on stderr, one step per language, created once the build knows how many."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.last = ""

    def __call__(self, lang: str, done: int, total: int) -> None:
        """`lang` is being built (empty at the end), `done` of `total` are finished."""
        if verbosity() < 0:
            return
        if not sys.stderr.isatty():  # a log or a pipe: one line per language instead of a bar
            if lang and lang != self.last:  # a client batch reports many steps per language
                click.echo(f"building {lang} ({done + 1}/{total}) …", err=True)
            self.last = lang
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


#: A cover line is one short line of text (the same limit as a cell of a clients CSV).
MAX_COVER_LINE = MAX_PERSONAL


def cover_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """One line of at most MAX_COVER_LINE characters; printed as text (markup and {{ }} stay literal)."""
    if value is not None and (len(value) > MAX_COVER_LINE or "\n" in value or "\r" in value):
        raise click.BadParameter(f"must be one line of at most {MAX_COVER_LINE} characters; got {len(value)}")
    return value


_MM = lambda v: f"{v:.4f}mm"  # noqa: E731 - a length in the layout's own notation
_AS_IS = lambda v: v  # noqa: E731
_LENGTHS = {"corner_radius", "margin", "offset_x", "offset_y", "seal"}
#: option name -> (layout section, key, how the value becomes a layout value); source.limits.OPTION_OF names
#: the option back in a message about a value given on the command line.
LAYOUT_KEYS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    option.removeprefix("--").replace("-", "_"): (section, key, _MM if key in _LENGTHS else _AS_IS)
    for (section, key), option in OPTION_OF.items()
}

_PAPER: dict[str, Callable[..., Any]] = {
    "paper": click.option(
        "--paper", metavar="NAME|WxH", help="Paper: a4, letter, a3, tabloid, or a size such as 210x297mm."
    ),
    "duplex": click.option(
        "--duplex",
        type=click.Choice(["long", "short", "none"]),
        help="How the printer turns the paper for backs: long or short edge; none = fronts only. [layout: long]",
    ),
    "offset_x": click.option(
        "--offset-x", type=OFFSET, metavar="MM", help="Shift backs right by MM (read off `cardgen calibrate`)."
    ),
    "offset_y": click.option(
        "--offset-y", type=OFFSET, metavar="MM", help="Shift backs up by MM (read off `cardgen calibrate`)."
    ),
    "margin": click.option(
        "--margin", type=MARGIN, metavar="MM", help="The printer's unprintable edge in mm. [layout: 3]"
    ),
}
_CARD: dict[str, Callable[..., Any]] = {
    "card": click.option(
        "--card", metavar="NAME|WxH", help="Card: poker, tarot, a7, a6, b7, index-4x6, index-5x7, or e.g. 63x88mm."
    ),
    "orientation": click.option(
        "--orientation", type=click.Choice(["portrait", "landscape"]), help="Card orientation."
    ),
    "marks": click.option(
        "--marks",
        type=click.Choice(["corners", "lines", "none"]),
        help="Crop marks at the corners, full cut lines (for a guillotine), or none.",
    ),
    "imposition": click.option(
        "--imposition",
        type=click.Choice(["auto", "gutters", "butted"]),
        help="Cards each with their own bleed (gutters), sharing cuts (butted), or whichever fits more (auto).",
    ),
    "fold": click.option(
        "--fold/--no-fold",
        default=None,
        help="Fold-over sheets: front and back side by side, folded; no duplex printing needed.",
    ),
    "corner_radius": click.option(
        "--corner-radius", type=CORNER_RADIUS, metavar="MM", help="Draw rounded-corner cut guides of this radius."
    ),
    "seal": click.option("--seal", type=SEAL, metavar="MM", help="Laminating: space cards for a sealed border of MM."),
    "output_intent": click.option(
        "--output-intent",
        metavar="NAME",
        help="The print shop's printing condition for the PDF/X deck, e.g. FOGRA39, GRACoL2013. [layout: FOGRA39]",
    ),
    "icc": click.option(
        "--icc",
        metavar="FILE",
        help="The print shop's CMYK ICC profile, embedded in the PDF/X deck (name it with --output-intent).",
    ),
}


def _with_overrides(options: dict[str, Callable[..., Any]], func: Callable[..., Any]) -> Callable[..., Any]:
    """Add `options` to a command and hand their values to it as one `overrides` argument (layout sections)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        overrides: dict[str, dict[str, Any]] = {}
        for name in options:
            value = kwargs.pop(name, None)
            if value is not None:
                section, key, convert = LAYOUT_KEYS[name]
                overrides.setdefault(section, {})[key] = convert(value)
        return func(*args, overrides=overrides, **kwargs)

    for option in reversed(options.values()):
        wrapper = option(wrapper)
    return wrapper


def paper_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--paper, --duplex, --offset-x/--offset-y, --margin: the printer and its paper."""
    return _with_overrides(_PAPER, func)


def print_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Every print option: the card (size, orientation, marks, imposition, fold, corners, seal) and the paper."""
    return _with_overrides(_CARD | _PAPER, func)


@click.command()
@content_options
@out_option()
@strict_option
@click.option("--client", callback=cover_line, help="Client name for the booklet cover.")
@click.option("--practitioner", callback=cover_line, help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", callback=cover_line, help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", callback=cover_line, help="Date printed on the booklet cover.")
@click.option(
    "--back-lang",
    metavar="CODE",
    help="Bilingual cards: each card's back carries its text in this language (duplex and fold-over alike).",
)
@booklet_options
@print_options
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
    back_lang: str | None,
    force: bool,
    overrides: dict[str, dict[str, Any]],
    **booklet: Any,
) -> None:
    """Build deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf for each language.

    A language whose inputs (content, layouts, fonts, options, cardgen itself) did not change since the last
    build into the same folder, and whose PDFs are still there, is left as it is; --force rebuilds it anyway.
    """
    # Decided before reportlab, pydantic, YAML or Jinja2 are imported, so a no-op costs a Python start.
    from ..output.manifest import Inputs, Manifest, languages, options_text, output_line

    inputs = Inputs(content, layouts, options_text(click.get_current_context().params))
    manifest = Manifest.load(out)
    requested = list(dict.fromkeys(langs)) or languages(content)
    # a clients batch writes only the clients' booklets (cardgen/clients/batch.py): never skipped, never recorded
    todo = requested if force or clients is not None else manifest.stale(inputs, requested)
    for line in manifest.unchanged_lines(lang for lang in requested if lang not in todo):
        say(line)
    if requested and not todo:
        return
    if todo != requested:
        langs = tuple(todo)

    from ..build import BuildOptions
    from ..layout.booklet import Personal

    # Everything imported so far lives as long as the process: out of the collector's sight it is never
    # traversed again (a one-language build's CPU -14 %), and forked workers do not copy it by touching it.
    gc.freeze()

    started = time.perf_counter()

    options = BuildOptions(
        content=content,
        layouts=layouts,
        out=out,
        langs=langs,
        strict=strict,
        personal=Personal(client, practitioner, contact, date_),
        booklet=booklet_settings(**booklet),
        overrides=overrides,
        back_lang=back_lang,
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
        say(output_line("wrote", output.path, output.pages, output.size))
    detail(f"built {', '.join(langs) or 'every language'} in {time.perf_counter() - started:.2f} s")
