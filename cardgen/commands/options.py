"""Options and helpers shared by several commands (sqlite-utils' habit: option groups as decorators).

Kept apart from cli.py so that command modules never import the group that registers them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from ..source.project_file import ProjectFolders


def verbosity() -> int:
    """-1 with -q/--quiet, 1 with -v/--verbose, else 0 (the group stores it in the context's shared meta)."""
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get("cardgen.verbosity", 0)) if ctx is not None else 0


def say(message: str, *, err: bool = False) -> None:
    """A status line (wrote ..., ok: ...): silenced by -q. Errors, warnings and asked-for tables never are."""
    if verbosity() >= 0:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """A line only -v/--verbose shows, on stderr: which project and folders, how long things took."""
    if verbosity() > 0:
        click.echo(message, err=True)


def project(ctx: click.Context) -> ProjectFolders | None:
    """The project the current folder is in (cardgen.toml at or above it, or ./content), looked up once per run."""
    if "cardgen.project" not in ctx.meta:
        from ..source.project_file import find_project

        found = find_project()
        ctx.meta["cardgen.project"] = found
        if found is None:
            detail("no project here (no cardgen.toml in this folder or above it, no content/ folder)")
        else:
            where = found.file or f"{found.root} (a content/ folder, no cardgen.toml)"
            layouts = found.layouts or "built-in"
            detail(f"project {where}: content {found.content}, layouts {layouts}, out {found.out}")
    found: ProjectFolders | None = ctx.meta["cardgen.project"]
    return found


#: Said when a command needs content and neither a flag nor a project names it.
NOT_A_PROJECT = (
    "not in a cardgen project: no cardgen.toml in this folder or above it, and no content/ folder here; "
    "start one with `cardgen init DIR` (then cd DIR), or name the folder with --content"
)


def _project_content(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    if value is not None:
        return value
    found = project(ctx)
    if found is None:
        from ..errors import UsageError

        raise UsageError(NOT_A_PROJECT)
    return found.content


def _project_layouts(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        return value
    found = project(ctx)
    return found.layouts if found is not None else None


def layouts_option(exists: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--layouts; unset, the project's layouts (which extend the built-in ones), else the built-in layouts."""
    return click.option(
        "--layouts",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=None,
        callback=_project_layouts,
        help="Folder with layout files. Default: the project's layouts/ (cardgen.toml), else the built-in layouts.",
    )


def content_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a routine."""
    func = click.option(
        "--lang",
        "langs",
        multiple=True,
        metavar="CODE",
        help="Language to build (repeatable). Default: every language in content/text/.",
    )(func)
    func = layouts_option()(func)
    return content_dir_option()(func)


def content_dir_option(exists: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --content option; unset, the project's content folder. `exists=False` leaves a missing folder to the
    library's own error (the `lang` commands), instead of click's usage error."""
    return click.option(
        "--content",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=None,
        callback=_project_content,
        help="Folder with routine.yaml and text/<lang>.yaml. Default: the project's content/ (cardgen.toml).",
    )


def out_option(
    below: str | None = None, help: str = "Output folder; PDFs go to OUT/<lang>/."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option of every command that writes files (build, preview, watch, serve). Unset, the project's
    output folder (its `below` subfolder when given), else build/ in the current folder."""

    def callback(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
        if value is not None:
            return value
        found = project(ctx)
        folder = found.out if found is not None else Path("build")
        return folder / below if below else folder

    where = "build" + (f"/{below}" if below else "")
    return click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=None,
        callback=callback,
        help=f"{help} Default: the project's {where}/.",
    )
