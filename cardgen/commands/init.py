"""`cardgen init DIR`: start a new routine project in an empty folder."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Start a new routine in FOLDER: content, a layout extending the built-in one, editor schemas, a README."""
    from ..output.scaffold import init_project

    for path in init_project(folder):
        click.echo(f"wrote {path}")
    click.echo(f"next: cardgen build --content {folder / 'content'} --layouts {folder / 'layouts'}")
