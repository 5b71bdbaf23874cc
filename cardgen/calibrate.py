"""The calibration recipe: load the layout (paper, duplex, offset), lay out the two sides, write one PDF.

The words on the sheet are instructions for the person holding it, like the CLI's own messages, not routine
content; they are English only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .build import Output
from .errors import CardgenError, InputError, Problem
from .layout.calibration import calibration_back, calibration_front
from .output.atomic import write_atomic
from .render.pdf import DocInfo, render_pages
from .source.load import BUILTIN_LAYOUTS, load_layout
from .source.units import to_mm
from .text.fonts import chain_for
from .text.styles import build_styles


def calibration_pdf(layouts: Path | None, overrides: dict[str, dict[str, Any]]) -> bytes:
    """Two pages, front and back, for the layout's paper and duplex flip, backs moved by its offset."""
    problems: list[Problem] = []
    layout = load_layout(layouts or BUILTIN_LAYOUTS, "default", problems, overrides)
    if layout is None:
        raise InputError(problems)
    sheet, geo = layout.spec.sheet, layout.geometry
    if sheet.duplex == "none":
        raise CardgenError(
            "the layout says sheet.duplex: none; calibration is for duplex printing: give --duplex long or short"
        )
    styles = build_styles(layout.spec, chain_for(layout.spec.fonts, layout.fonts_dir, "en"), "en")
    offset = (sheet.offset_x, sheet.offset_y)
    turn = f"flip on {sheet.duplex} edge"
    front = calibration_front(
        geo.paper_w,
        geo.paper_h,
        sheet.margin,
        styles,
        f"cardgen duplex calibration — front ({turn})",
        [
            f"Print both pages on one sheet: duplex, **{turn}**, at **100 %** (no “fit to page”). "
            "Check the 100 mm ruler below with a real ruler.",
            "Then hold the sheet up to a light with the **back** towards you.",
        ],
    )
    back = calibration_back(
        geo.paper_w,
        geo.paper_h,
        sheet.margin,
        styles,
        sheet.duplex,
        offset,
        f"cardgen duplex calibration — back ({turn})",
        [
            "Against the light, the front's crosshairs A–E show through. Where the vertical line crosses the "
            "ruler above each letter, read **x**; where the horizontal line crosses the ruler beside it, read **y**.",
            f"This sheet was printed with offset x = {to_mm(offset[0]):+.1f} mm, y = {to_mm(offset[1]):+.1f} mm. "
            "Your offset is that plus your readings: `cardgen build --offset-x X --offset-y Y`, "
            "or save it in your layout as sheet.offset_x / sheet.offset_y.",
            "If A–E read differently, the printer scales or skews the page: use the centre (A), and check the "
            "100 mm ruler.",
        ],
    )
    info = DocInfo("cardgen duplex calibration", "cardgen", f"{turn}, paper {sheet.paper}", "en")
    return render_pages([front, back], styles, info)


def write_calibration(out: Path, layouts: Path | None, overrides: dict[str, dict[str, Any]]) -> Output:
    data = calibration_pdf(layouts, overrides)
    write_atomic(out, data)
    return Output(out, 2, len(data))
