"""`cardgen calibrate`: write a duplex calibration sheet to measure the printer's offset for card backs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..output.manifest import output_line
from .build import paper_options
from .options import layouts_option, say


@click.command()
@layouts_option(exists=False)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("calibration.pdf"),
    show_default=True,
    help="Where to write the calibration sheet (a PDF file).",
)
@paper_options
def calibrate(layouts: Path | None, out: Path, overrides: dict[str, dict[str, Any]]) -> None:
    """Write a two-sided calibration sheet: print it duplex, hold it to a light, read your printer offset.

    The readings (plus the offset the sheet was printed with) go to `cardgen build --offset-x X --offset-y Y`
    or to your layout's sheet.offset_x and sheet.offset_y.
    """
    from ..calibrate import write_calibration

    output = write_calibration(out, layouts, overrides)
    say(output_line("wrote", output.path, 2, output.size))
