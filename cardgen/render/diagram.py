"""Draw diagram items: a step's strokes on its body view, or one legend symbol.

Expanding strokes into primitives is pure and cached per stroke tuple, so a step drawn on its card, on the
imposed sheet and in the booklet is computed once per process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..diagrams.draw import draw_diagram
from ..diagrams.legend import legend_items
from ..diagrams.primitives import Diagram as Shapes
from ..diagrams.primitives import Label
from ..diagrams.strokes import expand
from ..diagrams.views import View
from ..diagrams.vocabulary import Stroke
from ..layout.frames import Diagram
from ..text.styles import StyleSheet


@cache
def _expanded(strokes: tuple[Stroke, ...], view: View | None = None) -> Shapes:
    return expand(strokes, view=view)


@cache
def _legend() -> dict[str, Shapes]:
    return {item.key: item.diagram for item in legend_items()}


@cache
def _unlabelled(shapes: Shapes) -> Shapes:
    """The drawing without its text: a miniature keeps the order discs' colour but not their unreadable digits."""
    strokes = tuple(
        m._replace(primitives=tuple(p for p in m.primitives if not isinstance(p, Label))) for m in shapes.strokes
    )
    return shapes._replace(strokes=strokes)


#: What diagram labels print: order numbers, repeat counts ("×5"), seconds of a press ("5 s"), rest minutes.
_LABEL_CHARS = "0123456789×. smin"


def _label_face(styles: StyleSheet, face: str) -> str:
    """A face of the language's font chain that draws digits and "×" (Noto Sans Thai draws neither)."""
    chain = styles.chain
    if chain is None:
        return face
    return chain.face_covering(_LABEL_CHARS, chain.weight_of(face)) or face


def draw_diagram_item(canvas: Any, item: Diagram, styles: StyleSheet) -> None:
    shapes = _legend()[item.legend] if item.legend else _expanded(item.strokes, item.view)
    if item.bounds:
        shapes = shapes._replace(bounds=item.bounds)
    if not item.labels:
        shapes = _unlabelled(shapes)
    box = item.box
    label = styles[item.label_style]
    draw_diagram(
        canvas,
        shapes,
        box.x,
        box.y,
        box.w,
        box.h,
        stroke_color=styles.color("diagram"),
        outline_color=styles.color("muted"),
        accent_color=styles.color("accent"),
        label_font=_label_face(styles, label.fontName),
        label_size=label.fontSize,
    )
