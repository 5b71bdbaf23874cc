"""Draw one frame's items on a canvas (a page or a form XObject)."""

from __future__ import annotations

from typing import Any

from ..layout.frames import Diagram, Fill, Frame, Pattern, Picture, QrCode, Rule, Text
from ..text.styles import StyleSheet
from .diagram import draw_diagram_item
from .qr import draw_qr
from .reuse import DrawnText
from .structure import Tagger


def draw_frame(
    canvas: Any, frame: Frame, styles: StyleSheet, tagger: Tagger | None = None, texts: DrawnText | None = None
) -> None:
    """Draw every item in order; with a `tagger`, each inside its marked content (tagged PDF); with `texts`,
    text items are recorded there or written from there (render.reuse)."""
    for item in frame.items:
        if tagger is None:
            _draw_item(canvas, item, styles, texts)
            continue
        tagger.begin(canvas, item)
        _draw_item(canvas, item, styles, texts)
        tagger.end(canvas)


def _draw_item(canvas: Any, item: Any, styles: StyleSheet, texts: DrawnText | None) -> None:
    if isinstance(item, Fill):
        _fill(canvas, item, styles)
    elif isinstance(item, Rule):
        canvas.setStrokeColor(styles.color(item.color))
        canvas.setLineWidth(item.width)
        canvas.line(item.x1, item.y1, item.x2, item.y2)
    elif isinstance(item, Text):
        if texts is None:
            item.para.drawOn(canvas, item.box.x, item.box.y)
        else:
            texts.draw(canvas, item)
    elif isinstance(item, Diagram):
        draw_diagram_item(canvas, item, styles)
    elif isinstance(item, QrCode):
        draw_qr(canvas, item, styles)
    elif isinstance(item, Pattern):
        _pattern(canvas, item, styles)
    elif isinstance(item, Picture):
        canvas.drawImage(
            str(item.path), item.box.x, item.box.y, item.box.w, item.box.h, preserveAspectRatio=True, mask="auto"
        )


def _pattern(canvas: Any, item: Pattern, styles: StyleSheet) -> None:
    """Define the pattern as a form XObject the first time its name is seen, then place it (clipped)."""
    if not canvas.hasForm(item.name):
        rows = _repeated_row(item.circles)
        if rows is not None:  # one row drawn once, placed once per row: 280 rings cost 20 (12.5 -> ~1 KB)
            row, starts = rows
            _ring_row_form(canvas, f"{item.name}-row", row, item, styles)
        canvas.beginForm(item.name, 0, 0, item.box.w, item.box.h)
        canvas.setStrokeColor(styles.color(item.color))
        canvas.setLineWidth(item.width)
        if rows is None:
            for x, y, r in item.circles:
                canvas.circle(x, y, r, stroke=1, fill=0)
        else:
            for x, y in starts:
                canvas.saveState()
                canvas.translate(round(x, 3), round(y, 3))
                canvas.doForm(f"{item.name}-row")
                canvas.restoreState()
        canvas.endForm()
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(item.box.x, item.box.y, item.box.w, item.box.h)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.translate(item.box.x, item.box.y)
    canvas.doForm(item.name)
    canvas.restoreState()


Row = tuple[tuple[float, float], ...]  # (x from the row's first ring, radius) of each ring in a row


def _repeated_row(circles: tuple[tuple[float, float, float], ...]) -> tuple[Row, list[tuple[float, float]]] | None:
    """When every row of rings (same y) is one row moved, that row and where each row starts; else None."""
    by_y: dict[float, list[tuple[float, float]]] = {}
    for x, y, r in circles:
        by_y.setdefault(y, []).append((x, r))
    shapes = {tuple((round(x - row[0][0], 6), r) for x, r in row) for row in by_y.values()}
    if len(shapes) != 1 or len(by_y) < 2:
        return None
    return next(iter(shapes)), [(row[0][0], y) for y, row in by_y.items()]


def _ring_row_form(canvas: Any, name: str, row: Row, item: Pattern, styles: StyleSheet) -> None:
    reach = max(r for _, r in row) + item.width  # a form clips to its box: leave room for radius and stroke
    canvas.beginForm(name, -reach, -reach, max(x for x, _ in row) + reach, reach)
    canvas.setStrokeColor(styles.color(item.color))
    canvas.setLineWidth(item.width)
    for x, r in row:
        canvas.circle(x, 0, r, stroke=1, fill=0)
    canvas.endForm()


def _fill(canvas: Any, item: Fill, styles: StyleSheet) -> None:
    box = item.box
    if item.fill:
        canvas.setFillColor(styles.color(item.fill))
    if item.stroke:
        canvas.setStrokeColor(styles.color(item.stroke))
        canvas.setLineWidth(item.width)
    if item.radius:
        canvas.roundRect(
            box.x, box.y, box.w, box.h, item.radius, stroke=int(bool(item.stroke)), fill=int(bool(item.fill))
        )
    else:
        canvas.rect(box.x, box.y, box.w, box.h, stroke=int(bool(item.stroke)), fill=int(bool(item.fill)))
