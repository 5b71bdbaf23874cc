"""Options and helpers shared by several commands (sqlite-utils' habit: option groups as decorators).

Kept apart from cli.py so that command modules never import the group that registers them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..source.project_file import ProjectFolders


def human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


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
