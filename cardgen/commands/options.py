"""Options and helpers shared by several commands (sqlite-utils' habit: option groups as decorators).

Kept apart from cli.py so that command modules never import the group that registers them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


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
