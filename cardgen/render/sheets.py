"""Draw imposed sheets: each distinct frame once as a form XObject, placed by one transform and clipped.

Drawing a card once and placing it by reference keeps the file small and guarantees the imposed card is the
same card as in deck.pdf. Each placement is `q <clip> W n <a b c d e f> cm /Form Do Q` — one `cm` per card,
so a reader (or a test) finds every card's position and turn from the content stream alone.
"""

from __future__ import annotations

import io
from typing import Any

from ..layout.sheet_plan import Guide, Imposition, Placed, Sheet
from ..text.styles import StyleSheet
from .forms import draw_form, place_form
from .pdf import DocInfo, new_canvas, save
from .reuse import DrawnText

#: cos and sin of the quarter turns, exact (no floating-point residue in the matrices).
_TURN = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}


def placement_matrix(placed: Placed) -> tuple[float, float, float, float, float, float]:
    """The matrix taking frame coordinates (origin at the frame's bleed corner) to sheet coordinates: the
    frame's trim centre goes to the slot's trim centre, turned `rotation` degrees counter-clockwise."""
    cos, sin = _TURN[placed.rotation % 360]
    trim = placed.frame.trim
    fx, fy = trim.x + trim.w / 2, trim.y + trim.h / 2
    cx, cy = placed.trim.x + placed.trim.w / 2, placed.trim.y + placed.trim.h / 2
    return (cos, sin, -sin, cos, cx - (cos * fx - sin * fy), cy - (sin * fx + cos * fy))


def render_sheets(imposition: Imposition, styles: StyleSheet, info: DocInfo, texts: DrawnText | None = None) -> bytes:
    """Every sheet of the imposition as one page of the paper's size, in order; `texts`: deck.pdf's text
    operators, written again instead of setting the cards' paragraphs again (render.reuse)."""
    buffer = io.BytesIO()
    first = imposition.sheets[0]
    canvas = new_canvas(buffer, info, (first.width, first.height), styles.fonts.regular)
    if texts is not None:
        texts.install(canvas)
    names: dict[int, str] = {}
    for sheet in imposition.sheets:
        canvas.setPageSize((sheet.width, sheet.height))
        canvas.setTrimBox((0, 0, sheet.width, sheet.height))  # PDF/X: every page names its trim; a sheet is its paper
        for placed in sheet.cards:
            key = id(placed.frame)
            if key not in names:
                names[key] = f"card{len(names)}"
                draw_form(canvas, placed.frame, styles, names[key], texts)
            place_form(canvas, names[key], placed.clip, placement_matrix(placed))
        _hairlines(canvas, sheet, imposition.mark_width, styles.color(imposition.mark_color), styles)
        canvas.showPage()
    save(canvas, info)
    return buffer.getvalue()


def _hairlines(canvas: Any, sheet: Sheet, width: float, color: Any, styles: StyleSheet) -> None:
    """Crop marks or cut lines (solid), fold marks (dashed, in K: folded by hand), then rounded cut guides."""
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(width)
    canvas.setLineCap(0)  # butt caps: a mark ends exactly where it is measured to end
    for (x1, y1), (x2, y2) in sheet.marks:
        canvas.line(x1, y1, x2, y2)
    if sheet.folds:
        canvas.setStrokeColor(styles.color("mark"))
        canvas.setDash(2, 1.5)
        for (x1, y1), (x2, y2) in sheet.folds:
            canvas.line(x1, y1, x2, y2)
    canvas.restoreState()
    if sheet.guides:
        _guides(canvas, sheet.guides, width, styles.color("guide"))


def _guides(canvas: Any, guides: tuple[Guide, ...], width: float, color: Any) -> None:
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(width)
    canvas.setDash(0.8, 0.8)
    for guide in guides:
        r = guide.rect
        if guide.radius > 0:
            canvas.roundRect(r.x, r.y, r.w, r.h, guide.radius, stroke=1, fill=0)
        else:
            canvas.rect(r.x, r.y, r.w, r.h, stroke=1, fill=0)
    canvas.restoreState()
