"""Options and helpers shared by several commands (sqlite-utils' habit: option groups as decorators).

Kept apart from cli.py so that command modules never import the group that registers them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..source.limits import MAX_OFFSET_MM


class Number(click.ParamType):
    """A finite number within [low, high], in `unit`: what every numeric option takes.

    click's float type accepts "nan", "inf" and 1e308, which reach the layout as lengths no page can have (and
    crash where they are turned into points). A value outside the range is a usage error naming the option
    (exit 2); `low=None` leaves the lower bound to the layout's own check of the key the option sets, so
    `--margin -5` is still reported as that key (`command line: sheet.margin: must be 0 or more`).
    """

    name = "number"

    def __init__(self, low: float | None, high: float, unit: str = "mm") -> None:
        self.low, self.high, self.unit = low, high, unit

    def _range(self) -> str:
        low = f"{self.low:g}" if self.low is not None else "0"
        return f"{low} to {self.high:g} {self.unit}".rstrip()

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"expected a number such as 1.5; got {str(value)[:40]!r}", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{str(value)[:40]!r} is not a finite number; allowed: {self._range()}", param, ctx)
        if number > self.high or (self.low is not None and number < self.low):
            self.fail(f"{str(value)[:40]} is out of range; allowed: {self._range()}", param, ctx)
        return number

    def __repr__(self) -> str:
        return f"Number({self.low}, {self.high}, {self.unit!r})"


#: The documented ranges of the numeric options (README "Limits and safety").
OFFSET = Number(-MAX_OFFSET_MM, MAX_OFFSET_MM)  # a duplex printer misplaces backs by 0.5-3 mm
MARGIN = Number(None, 50)  # a printer's unprintable edge: 3-6 mm
CORNER_RADIUS = Number(None, 50)  # also at most half the card (checked with the card's size)
SEAL = Number(None, 20)  # a pouch's sealed border: about 3 mm
CREEP = Number(0, 1)  # per sheet, about the paper's thickness


def human_size(size: int) -> str:
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
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Folder with layout files. Default: the built-in layouts.",
    )(func)
    return content_dir_option()(func)


def content_dir_option(exists: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --content option. `exists=False` leaves a missing folder to the library's own error (the `lang`
    commands), instead of click's usage error."""
    return click.option(
        "--content",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=Path("content"),
        show_default=True,
        help="Folder with routine.yaml and text/<lang>.yaml.",
    )


def out_option(
    default: Path = Path("build"), help: str = "Output folder; PDFs go to OUT/<lang>/."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option of every command that writes files (build, preview, watch, serve)."""
    return click.option("--out", type=click.Path(path_type=Path), default=default, show_default=True, help=help)
