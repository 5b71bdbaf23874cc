"""`cardgen schema`: write the JSON Schemas editors use to check and complete content and layout files."""

from __future__ import annotations

from pathlib import Path

import click

from .options import say


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder for routine, text, translation, layout and presets .schema.json.",
)
def schema(out: Path) -> None:
    """Write JSON Schemas for routine.yaml, text/<lang>.yaml and layouts/*.yaml, generated from cardgen's models.

    Editors with yaml-language-server read them from a first-line comment such as
    `# yaml-language-server: $schema=../schemas/routine.schema.json`.
    """
    from ..output.atomic import ensure_writable_dir
    from ..source.schema.editor import write_schemas

    ensure_writable_dir(out)
    for path in write_schemas(out):
        say(f"wrote {path}")
