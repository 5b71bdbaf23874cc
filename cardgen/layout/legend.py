"""The legend of diagram symbols: one row per symbol, its drawing at the cards' scale beside its label.

Symbols come from the diagrams package (keys such as glide_light); their words from the text's ui.legend, so a
translator never touches a drawing.
"""

from __future__ import annotations

from functools import cache

from ..diagrams.legend import LEGEND_BOUNDS, legend_items
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .frames import Box, Diagram, Item, Text
from .text import place


@cache
def legend_keys() -> tuple[str, ...]:
    return tuple(item.key for item in legend_items())


def legend_rows(
    texts: Texts, styles: StyleSheet, x: float, top: float, width: float, symbol_w: float, style: str = "legend_label"
) -> tuple[list[Item], float]:
    """Legend rows from `top` down; returns the items and the y where they end."""
    x0, y0, x1, y1 = LEGEND_BOUNDS
    symbol_h = symbol_w * (y1 - y0) / (x1 - x0)
    gap = symbol_w * 0.12
    items: list[Item] = []
    for key in legend_keys():
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
