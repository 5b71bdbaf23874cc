"""The legend's symbols: each movement kind drawn small and straight, keyed for text that content supplies.

Items share the diagrams' units, so a legend drawn at the cards' scale shows the very same line weights.
`used_keys` picks the symbols a routine's diagrams actually draw: a legend lists nothing the reader will not
meet (no towel in a routine without a rest, no wave in a foot massage).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from . import shapes
from .primitives import Circle, Clock, Diagram, Label, Primitive, StrokeMarks, Towel, mirrored
from .strokes import DISC_R, frames
from .vocabulary import Stroke

#: Every legend item fits this box (width, height in diagram units): a short horizontal stroke.
LEGEND_BOUNDS = (0.0, 0.0, 0.26, 0.12)
_LINE = ((0.02, 0.06), (0.24, 0.06))


class LegendItem(NamedTuple):
    """A symbol and the key its explanation is filed under in the content's text (ui.legend.KEY)."""

    key: str
    diagram: Diagram


def _item(key: str, kind: str, pressure: str, prims: list[Primitive]) -> LegendItem:
    marks = StrokeMarks(kind, "centre", 1, pressure, tuple(prims))
    return LegendItem(key, Diagram(LEGEND_BOUNDS, (), (marks,)))


def _pair(clockwise_left: bool, clockwise_right: bool) -> list[Primitive]:
    """Two small circling arrows side by side, as a `both` circle draws them on a left and a right side."""
    r = 0.036
    left = shapes.circle((0.075, 0.06), r, clockwise_left, 60.0, "light")
    # the right one is built as a left one and mirrored about the symbol's middle, like a diagram's right side
    right = shapes.circle((0.075, 0.06), r, not clockwise_right, 60.0, "light")
    shift = 0.185 - (1.0 - 0.075)  # mirrored about x = 0.5, then moved beside the left one
    return [*left, *(_moved(mirrored(p), shift) for p in right)]


def _moved(p: Primitive, dx: float) -> Primitive:
    match p:
        case Circle() | Clock():
            return p._replace(centre=(p.centre[0] + dx, p.centre[1]))
    fields = {k: v for k, v in p._asdict().items() if k in ("centre", "tip")}
    return p._replace(**{k: (v[0] + dx, v[1]) for k, v in fields.items()})


@cache
def legend_items() -> tuple[LegendItem, ...]:
    """Every symbol, in legend order: pressure, turning, each movement kind, numbers, rest."""
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
        _item("circle_both_mirrored", "circle", "light", _pair(False, True)),
        _item("circle_both_same", "circle", "light", _pair(False, False)),
        _item("loops", "loops", "light", shapes.loops(_LINE, True, "light")),
        _item("thumb_walk", "thumb_walk", "light", shapes.thumb_walk(_LINE, "light")),
        _item("wave", "wave", "light", shapes.wave(_LINE, "light")),
        _item("knead", "knead", "firm", shapes.knead(_LINE, "firm")),
        _item("tap", "tap", "light", shapes.tap(_LINE, "light")),
        _item("friction", "friction", "light", shapes.friction(_LINE, "light")),
        _item("stretch", "stretch", "light", shapes.stretch(_LINE, "light")),
        _item("press", "press", "light", shapes.press((0.06, 0.06), 5, "light", 1.0)),
        _item("hold", "hold", "light", shapes.hold(mid, 0.045, "light")),
        _item("order", "glide", "light", numbered),
        _item("repeat", "glide", "light", repeat),
        _item("rest", "rest", "light", rest),
    )


def _keys_of(strokes: Sequence[Stroke]) -> Iterable[str]:
    if len({s.order for s in strokes if s.kind != "rest"}) > 1:
        yield "order"
    for s in strokes:
        if s.repeat:
            yield "repeat"
        if s.kind == "glide":
            yield f"glide_{s.pressure}"
        elif s.kind == "circle":
            yield f"circle_{s.turn}"
            if len(frames(s)) == 2:  # drawn on both sides (on a one-limb view "both" is drawn once)
                yield "circle_both_mirrored" if s.mirror else "circle_both_same"
        else:
            yield s.kind


def used_keys(steps: Iterable[Sequence[Stroke]]) -> tuple[str, ...]:
    """The keys of the symbols these steps' diagrams draw, in legend order."""
    used = {key for strokes in steps for key in _keys_of(strokes)}
    return tuple(item.key for item in legend_items() if item.key in used)
