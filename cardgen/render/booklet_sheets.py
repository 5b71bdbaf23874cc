"""Draw booklet-print.pdf: each booklet page drawn once as a form XObject, placed on its half of a sheet side.

Placing pages by reference keeps the file small and guarantees the printed page is the page of booklet.pdf.
A side with rotation 180 (long-edge duplex backs) is drawn turned in its content stream rather than with
/Rotate, so every reader and printer driver sees the same physical layout. Each page is clipped to its half
of the sheet: with creep compensation a page moves toward the spine and must not spill onto its neighbour.
"""

from __future__ import annotations

import io
from typing import Any

from ..layout.booklet_plan import BookletSide
from ..text.styles import StyleSheet
from .forms import draw_form, place_form
from .pdf import DocInfo, new_canvas, save
from .reuse import DrawnText


def render_booklet_sheets(
    sides: list[BookletSide], styles: StyleSheet, info: DocInfo, mark_width: float, texts: DrawnText | None = None
) -> bytes:
    """The imposed sheet sides; `texts`: booklet.pdf's text operators, written again instead of setting the
    pages' paragraphs again (render.reuse)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, info, (sides[0].width, sides[0].height), styles.fonts.regular)
    if texts is not None:
        texts.install(canvas)
    names: dict[int, str] = {}
    for side in sides:
        canvas.setPageSize((side.width, side.height))
        canvas.saveState()
        if side.rotation:
            canvas.translate(side.width / 2, side.height / 2)
            canvas.rotate(side.rotation)
            canvas.translate(-side.width / 2, -side.height / 2)
        for placed in side.pages:
            name = names.get(id(placed.frame))
            if name is None:
                # named by reading position (the cover is "page1"), so a client batch can swap the cover's form
                name = names[id(placed.frame)] = f"page{placed.position}"
                draw_form(canvas, placed.frame, styles, name, texts)
            shift = (1, 0, 0, 1, placed.x - placed.frame.trim.x, placed.y - placed.frame.trim.y)
            place_form(canvas, name, placed.clip, shift)
        _marks(canvas, side, mark_width, styles.color("mark"))
        canvas.restoreState()
        canvas.showPage()
    save(canvas, info)
    return buffer.getvalue()


def _marks(canvas: Any, side: BookletSide, width: float, color: Any) -> None:
    """Fold and staple marks in the layout's `mark` colour (K only): booklet-print.pdf is for home printers,
    which would lay down every ink for registration colour."""
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(width)
    for (x1, y1), (x2, y2) in side.marks:
        canvas.line(x1, y1, x2, y2)
    canvas.restoreState()
