"""Draw one frame's items on a canvas (a page or a form XObject)."""

from __future__ import annotations

from typing import Any

from ..layout.frames import Diagram, Fill, Frame, QrCode, Rule, Text
from ..styles import StyleSheet
from .diagram import draw_diagram_item
from .qr import draw_qr


def draw_frame(canvas: Any, frame: Frame, styles: StyleSheet) -> None:
    for item in frame.items:
        if isinstance(item, Fill):
            _fill(canvas, item, styles)
        elif isinstance(item, Rule):
            canvas.setStrokeColor(styles.color(item.color))
            canvas.setLineWidth(item.width)
            canvas.line(item.x1, item.y1, item.x2, item.y2)
        elif isinstance(item, Text):
            item.para.drawOn(canvas, item.box.x, item.box.y)
        elif isinstance(item, Diagram):
            draw_diagram_item(canvas, item, styles)
        elif isinstance(item, QrCode):
            draw_qr(canvas, item, styles)


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
