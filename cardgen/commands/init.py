"""`cardgen init DIR`: start a new routine project in an empty folder, from the template or a shipped example."""

from __future__ import annotations

from pathlib import Path

import click

from ..source.builtin import EXAMPLES
from .options import say


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--example",
    type=click.Choice(sorted(EXAMPLES)),
    default=None,
    help="Start from a complete routine shipped with cardgen (its content and translations) instead of the "
    "short template.",
)
def init(folder: Path, example: str | None) -> None:
    """Start a new routine in FOLDER: cardgen.toml, content, a layout extending the built-in one, editor
    schemas, a README. Then `cd FOLDER && cardgen build`."""
    from ..output.scaffold import init_project

    for path in init_project(folder, example):
        say(f"wrote {path}")
    say(f"next: cd {folder} && cardgen build    # PDFs in {folder / 'build'}/<lang>/")
