"""Stack measured texts down a column: the building block of composites (a step beside its diagram, a contents
line, a checklist panel) whose parts must stay together on one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..text.styles import StyleSheet
from .frames import Box, Item, Rule, Text
from .text import place


def stack(
    entries: Sequence[tuple[str, str]], styles: StyleSheet, x: float, top: float, width: float, gap: float
) -> tuple[list[Text], float]:
    """Place (text, style name) entries from `top` down, `gap` (or a style's space_before) apart.

    Returns the items and the y of the last one's bottom edge.
    """
    items: list[Text] = []
    y = top
    for i, (text, name) in enumerate(entries):
        if i:
            y -= max(gap, styles[name].spaceBefore)
        item = place(text, styles[name], name, x, y, width)
        items.append(item)
        y = item.box.y
    return items, y


def last_baseline(item: Text) -> float:
    """Baseline of a text's last line (reportlab puts the first baseline one font size below the top)."""
    style = item.para.style
    return item.box.y + style.leading - style.fontSize


def last_line_end(item: Text) -> float:
    """x where a text's last line ends, for a rule that continues it (a leader, a line to write on)."""
    widths = item.para.getActualLineWidths0()
    return item.box.x + (widths[-1] if widths else 0.0)


def moved(item: Item, dx: float, dy: float) -> Item:
    """An item laid out relative to a block (or stacked from 0), moved into place on its page."""
    if isinstance(item, Rule):
        return replace(item, x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx, y2=item.y2 + dy)
    box = item.box
    return replace(item, box=Box(box.x + dx, box.y + dy, box.w, box.h))
