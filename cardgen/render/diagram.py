"""Draw a diagram item: the back silhouette with the step's strokes (plain silhouette until diagrams land)."""

from __future__ import annotations

from typing import Any

from ..layout.frames import Diagram
from ..styles import StyleSheet


def draw_diagram_item(canvas: Any, item: Diagram, styles: StyleSheet) -> None:
    box = item.box
    size = min(box.w / 0.8, box.h)
    cx = box.x + box.w / 2
    y0 = box.y + (box.h - size) / 2
    canvas.saveState()
    canvas.setStrokeColor(styles.color("muted"))
    canvas.setFillColor(styles.color("tint"))
    canvas.setLineWidth(0.8)
    canvas.circle(cx, y0 + size * 0.9, size * 0.08, stroke=1, fill=1)
    path = canvas.beginPath()
    path.moveTo(cx - size * 0.32, y0 + size * 0.78)
    path.lineTo(cx + size * 0.32, y0 + size * 0.78)
    path.curveTo(cx + size * 0.28, y0 + size * 0.5, cx + size * 0.2, y0 + size * 0.35, cx + size * 0.24, y0)
    path.lineTo(cx - size * 0.24, y0)
    path.curveTo(
        cx - size * 0.2,
        y0 + size * 0.35,
        cx - size * 0.28,
        y0 + size * 0.5,
        cx - size * 0.32,
        y0 + size * 0.78,
    )
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.restoreState()
