"""Draw the labelled sheet of each body view (`cardgen views --out`): one A4 page per view, and a PNG of it.

A tool for authors, not part of a deck: the view's name, file and orientation line above the drawing, every
landmark named on it (positions from diagrams.view_sheet).
"""

from __future__ import annotations

import io
from pathlib import Path

from ..diagrams.draw import draw_diagram
from ..diagrams.primitives import Label
from ..diagrams.view_sheet import labelled
from ..diagrams.views import View

FONT_FILE = Path(__file__).resolve().parents[2] / "fonts" / "NotoSans-Regular.ttf"
A4 = (841.89, 595.28)  # landscape: most views are wider than tall, and a tall one still fills the height
LABEL_PT = 8.0
MARGIN = 40.0


def _font() -> str:
    """Noto Sans when the fonts folder is there (a source checkout), else the PDF's standard Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "NotoSans" in pdfmetrics.getRegisteredFontNames():
        return "NotoSans"
    if FONT_FILE.is_file():
        pdfmetrics.registerFont(TTFont("NotoSans", str(FONT_FILE)))
        return "NotoSans"
    return "Helvetica"


def view_sheets_pdf(views: list[View]) -> bytes:
    """A PDF with one labelled page per view."""
    from reportlab import rl_config
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    rl_config.invariant = 1
    buffer = io.BytesIO()
    font = _font()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=font)
    canvas.setTitle("cardgen body views")
    w, h = A4
    for view in views:
        canvas.setFont(font, 18)
        canvas.drawString(MARGIN, h - MARGIN - 14, view.name)
        canvas.setFont(font, 9)
        side = {"reader-left": "body's left on the reader's left", "reader-right": "body's left on the reader's right"}
        facts = [view.file, f"symmetry: {view.symmetry}", side.get(view.left, "one side or limb")]
        canvas.drawString(MARGIN, h - MARGIN - 32, " · ".join(facts))
        canvas.drawString(MARGIN, h - MARGIN - 46, f"orientation: {view.orientation or '(none given)'}")
        canvas.drawString(
            MARGIN, h - MARGIN - 60, "dot = landmark, dashed ring = size of a circle or hold drawn around it"
        )
        top = h - MARGIN - 70
        sheet = labelled(view)
        labels = [p for m in sheet.strokes for p in m.primitives if isinstance(p, Label)]
        marks = tuple(
            m._replace(primitives=tuple(p for p in m.primitives if not isinstance(p, Label))) for m in sheet.strokes
        )
        box = (MARGIN, MARGIN, w - 2 * MARGIN, top - MARGIN)
        draw_diagram(
            canvas,
            sheet._replace(strokes=marks),
            *box,
            stroke_color=Color(0.1, 0.3, 0.6),
            outline_color=Color(0.25, 0.25, 0.25),
            accent_color=Color(0.75, 0.3, 0.1),
            label_font=font,
            label_size=LABEL_PT,
        )
        _names(canvas, labels, sheet.bounds, box, font)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _names(canvas, labels: list[Label], bounds, box, font: str) -> None:
    """Landmark names on white, so they stay readable over the drawing (draw_diagram's own fit, repeated)."""
    from reportlab.lib.colors import Color

    bx0, by0, bx1, by1 = bounds
    x, y, w, h = box
    s = min(w / (bx1 - bx0), h / (by1 - by0))
    ox = x + (w - (bx1 - bx0) * s) / 2 - bx0 * s
    oy = y + (h - (by1 - by0) * s) / 2 - by0 * s
    for label in labels:
        size = min(LABEL_PT, label.size * s)
        px, py = ox + label.pos[0] * s, oy + label.pos[1] * s
        width = canvas.stringWidth(label.text, font, size)
        canvas.setFillColor(Color(1, 1, 1))
        canvas.rect(px - width / 2 - 1.5, py - size * 0.55, width + 3, size * 1.1, stroke=0, fill=1)
        canvas.setFillColor(Color(0.05, 0.2, 0.45))
        canvas.setFont(font, size)
        canvas.drawCentredString(px, py - 0.36 * size, label.text)


def pdf_pages_to_png(pdf: bytes, paths: list[Path], dpi: int = 110) -> None:
    """Rasterise each page of `pdf` to the matching path (pypdfium2, as the previews do)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        for page, path in zip(document, paths, strict=True):
            page.render(scale=dpi / 72).to_pil().save(path)
    finally:
        document.close()
