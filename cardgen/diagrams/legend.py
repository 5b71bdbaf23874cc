"""The legend's symbols: each movement kind drawn small and straight, keyed for text that content supplies.

Items share the diagrams' units, so a legend drawn at the cards' scale shows the very same line weights.
"""

from __future__ import annotations

from typing import NamedTuple

from . import shapes
from .primitives import Circle, Clock, Diagram, Label, Primitive, StrokeMarks, Towel
from .strokes import DISC_R

#: Every legend item fits this box (width, height in diagram units): a short horizontal stroke.
LEGEND_BOUNDS = (0.0, 0.0, 0.26, 0.12)
_LINE = ((0.02, 0.06), (0.24, 0.06))


class LegendItem(NamedTuple):
    """A symbol and the key its explanation is filed under in the content's text."""

    key: str
    diagram: Diagram


def _item(key: str, kind: str, pressure: str, prims: list[Primitive]) -> LegendItem:
    marks = StrokeMarks(kind, "centre", 1, pressure, tuple(prims))
    return LegendItem(key, Diagram(LEGEND_BOUNDS, (), (marks,)))


def legend_items() -> tuple[LegendItem, ...]:
    """Symbols in legend order: pressure, turning, each movement kind, numbers, rest."""
    mid = (0.13, 0.06)
    numbered = [
        *shapes.glide(((0.05, 0.06), (0.24, 0.06)), "light"),
        Circle((0.05, 0.06), DISC_R, 0.0, "order", filled=True),
        Label((0.05, 0.06), "1", DISC_R * 1.3, role="order"),
    ]
    repeat = [
        *shapes.glide(((0.02, 0.06), (0.16, 0.06)), "light"),
        Label((0.215, 0.06), "×3", shapes.LABEL_SIZE),
    ]
    rest = [
        Towel(((0.02, 0.02), (0.15, 0.02), (0.15, 0.10), (0.02, 0.10)), (((0.06, 0.09), (0.07, 0.03)),), 0.0055),
        Clock((0.205, 0.06), 0.045, 15, 0.005),
    ]
    return (
        _item("glide_light", "glide", "light", shapes.glide(_LINE, "light")),
        _item("glide_firm", "glide", "firm", shapes.glide(_LINE, "firm")),
        _item("circle_clockwise", "circle", "light", shapes.circle(mid, 0.045, True, 90.0, "light")),
        _item("circle_counterclockwise", "circle", "light", shapes.circle(mid, 0.045, False, 90.0, "light")),
        _item("loops", "loops", "light", shapes.loops(_LINE, True, "light")),
        _item("thumb_walk", "thumb_walk", "light", shapes.thumb_walk(_LINE, "light")),
        _item("wave", "wave", "light", shapes.wave(_LINE, "light")),
        _item("knead", "knead", "firm", shapes.knead(_LINE, "firm")),
        _item("order", "glide", "light", numbered),
        _item("repeat", "glide", "light", repeat),
        _item("rest", "rest", "light", rest),
    )
