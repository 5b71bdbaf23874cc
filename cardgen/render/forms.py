"""Frames drawn once as form XObjects and placed by reference, shared by the imposed sheets and booklet-print.

Both print files place the same card or page many times (or once, but must be byte-for-byte the page of the
reading PDF): drawing it once and placing the form keeps the file small and the placement a single `cm`.
"""

from __future__ import annotations

from typing import Any

from ..layout.frames import Box, Frame
from ..text.styles import StyleSheet
from .draw import draw_frame
from .reuse import DrawnText


def draw_form(canvas: Any, frame: Frame, styles: StyleSheet, name: str, texts: DrawnText | None = None) -> None:
    """Draw `frame` as the form XObject `name`, its origin at the frame's bleed corner; `texts`: the reading
    PDF's text operators, installed in this document (render.reuse)."""
    canvas.beginForm(name, 0, 0, frame.width, frame.height)
    draw_frame(canvas, frame, styles, texts=texts)
    canvas.endForm()


def place_form(canvas: Any, name: str, clip: Box, matrix: tuple[float, float, float, float, float, float]) -> None:
    """Place form `name` by one transform, clipped to `clip` (sheet coordinates) so it cannot spill onto its
    neighbour: `q <clip> W n <matrix> cm /name Do Q`."""
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(clip.x, clip.y, clip.w, clip.h)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.transform(*matrix)
    canvas.doForm(name)
    canvas.restoreState()
