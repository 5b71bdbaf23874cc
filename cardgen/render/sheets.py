"""Impose finished card frames on printer sheets: each card drawn once as a form XObject, then placed.

Drawing a card once and placing it by reference keeps the file small and guarantees the imposed card is the
same card as in deck.pdf.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..layout.frames import Frame
from ..styles import StyleSheet
from .draw import draw_frame
from .pdf import DocInfo, new_canvas


@dataclass(frozen=True)
class Placement:
    """Where one card's trim box goes on a sheet (lower-left corner) and its rotation in degrees."""

    x: float
    y: float
    rotation: int = 0


@dataclass(frozen=True)
class SheetSpec:
    width: float
    height: float
    placements: Sequence[Placement]
    marks: Sequence[tuple[tuple[float, float], tuple[float, float]]]
    mark_width: float


def _form(canvas: Any, frame: Frame, styles: StyleSheet, name: str) -> None:
    canvas.beginForm(name, 0, 0, frame.width, frame.height)
    draw_frame(canvas, frame, styles)
    canvas.endForm()


def render_sheets(
    sheets: list[list[tuple[Frame, Placement]]], spec: SheetSpec, styles: StyleSheet, info: DocInfo
) -> bytes:
    """Each sheet is a list of (frame, placement); marks are the same on every sheet."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, info, (spec.width, spec.height), styles.fonts.regular)
    names: dict[int, str] = {}
    for sheet in sheets:
        for frame, place in sheet:
            key = id(frame)
            if key not in names:
                names[key] = f"card{len(names)}"
                _form(canvas, frame, styles, names[key])
            canvas.saveState()
            bleed_x, bleed_y = frame.trim.x, frame.trim.y
            canvas.translate(place.x, place.y)
            if place.rotation:
                canvas.translate(frame.trim.w / 2, frame.trim.h / 2)
                canvas.rotate(place.rotation)
                canvas.translate(-frame.trim.w / 2, -frame.trim.h / 2)
            canvas.translate(-bleed_x, -bleed_y)
            canvas.doForm(names[key])
            canvas.restoreState()
        _marks(canvas, spec, styles)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _marks(canvas: Any, spec: SheetSpec, styles: StyleSheet) -> None:
    """Crop marks in registration colour (all inks), so they show on every separation."""
    from reportlab.lib.colors import CMYKColor

    canvas.saveState()
    canvas.setStrokeColor(CMYKColor(1, 1, 1, 1))
    canvas.setLineWidth(spec.mark_width)
    for (x1, y1), (x2, y2) in spec.marks:
        canvas.line(x1, y1, x2, y2)
    canvas.restoreState()
