"""The legend of diagram symbols: one row per symbol, its drawing at the cards' scale beside its label.

Symbols come from the diagrams package (keys such as glide_light); their words from the text's ui.legend, so a
translator never touches a drawing. Only the symbols the routine draws are listed, and the orientation line of
every view its steps use (views.NAME.orientation in the text, else the view file's own English line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagrams.legend import LEGEND_BOUNDS, used_keys
from ..diagrams.strokes import view_of
from ..diagrams.views import View
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .frames import Box, Diagram, Item, Text
from .text import place

if TYPE_CHECKING:
    from ..source.load import Project


def legend_keys(project: Project) -> tuple[str, ...]:
    """The symbols this routine's diagrams draw, in legend order."""
    return used_keys(step.strokes for step in project.routine.steps)


def used_views(project: Project) -> tuple[View, ...]:
    """The views the steps are drawn on, in order of first use."""
    views: dict[int, View] = {}
    for step in project.routine.steps:
        for stroke in step.strokes[:1]:
            view = view_of(stroke)
            views.setdefault(id(view), view)
    return tuple(views.values())


def orientation(project: Project, texts: Texts) -> str:
    """Which way each used view shows the body, one sentence per view."""
    lines = []
    for view in used_views(project):
        key = f"views.{view.name}.orientation"
        line = (texts.get(key) if key in texts.strings else view.orientation).strip()
        if line:
            lines.append(line[0].upper() + line[1:] + ("" if line[-1] in ".!?。" else "."))
    return " ".join(lines)


def legend_rows(
    project: Project,
    texts: Texts,
    styles: StyleSheet,
    x: float,
    top: float,
    width: float,
    symbol_w: float,
    style: str = "legend_label",
) -> tuple[list[Item], float]:
    """Legend rows from `top` down; returns the items and the y where they end."""
    x0, y0, x1, y1 = LEGEND_BOUNDS
    symbol_h = symbol_w * (y1 - y0) / (x1 - x0)
    gap = symbol_w * 0.12
    items: list[Item] = []
    for key in legend_keys(project):
        label: Text = place(
            texts.get(f"ui.legend.{key}"), styles[style], style, x + symbol_w + gap, top, width - symbol_w - gap
        )
        row_h = max(symbol_h, label.box.h)
        items.append(Diagram(Box(x, top - (row_h + symbol_h) / 2, symbol_w, symbol_h), legend=key))
        shift = (row_h - label.box.h) / 2
        items.append(
            Text(Box(label.box.x, label.box.y - shift, label.box.w, label.box.h), label.para, label.text, style)
        )
        top -= row_h + gap * 0.6
    return items, top
