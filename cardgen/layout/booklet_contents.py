"""The contents page (section titles with their page numbers) and the ruled notes pages.

The contents can only be numbered once the body is paginated, and its own length moves the body's numbers;
booklet.py lays it out twice (see `booklet`). Entries are one composite each so an entry never splits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .booklet_cover import PageBox
from .column import last_baseline, last_line_end, stack
from .flow import Block, Composite, Para
from .frames import Frame, Item, Rule, Tag, Text
from .text import place

STYLES = ("booklet_toc", "booklet_toc_step")


@dataclass(frozen=True)
class Entry:
    title: str
    level: int
    page: int


def _entry(entry: Entry, index: int, texts: Texts, styles: StyleSheet, width: float) -> Composite:
    """Title left, page number right on the title's last line, a hairline leader between them; title and
    number are one Link (to the entry's page) in the contents' TOCI."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = STYLES[min(entry.level, len(STYLES) - 1)]
    style = styles[name]
    indent = style.fontSize * 1.6 * entry.level
    number = texts.get("ui.page", n=entry.page)
    column = stringWidth("0000", style.fontName, style.fontSize)
    gap = style.fontSize * 0.6
    (title,), bottom = stack([(entry.title, name)], styles, indent, 0.0, width - indent - column - gap, 0)
    line_top = bottom + style.leading
    right = style.clone(f"{style.name}-right", alignment=2)
    page_no = place(number, right, name, width - column, line_top, column)
    baseline = last_baseline(title)
    leader_end = width - stringWidth(number, style.fontName, style.fontSize) - gap
    link = Tag("Link", (("TOC", "contents"), ("TOCI", f"contents.{index}")), key=f"contents.{index}", link=entry.page)
    items: list[Item] = [replace(title, tag=link), replace(page_no, tag=link)]
    start = last_line_end(title) + gap
    if leader_end > start:
        items.append(Rule(start, baseline, leader_end, baseline, color="faint", width=0.5))
    return Composite(items, -bottom, space_before=style.spaceBefore)


def contents_blocks(texts: Texts, styles: StyleSheet, entries: list[Entry], width: float) -> list[Block]:
    heading = texts.get("ui.contents")
    blocks: list[Block] = [Para(heading, "booklet_h1", heading, keep_with_next=True, tag=Tag("H1"))]
    blocks += [_entry(entry, i, texts, styles, width) for i, entry in enumerate(entries)]
    return blocks


def notes_page(texts: Texts, styles: StyleSheet, page: PageBox, number: int, line_gap: float, first: bool) -> Frame:
    """A page of writing lines under the notes heading; only the first notes page is bookmarked."""
    frame = page.frame("notes", f"page {number}")
    heading_text = texts.get("ui.notes_heading")
    x, top = page.left(number), page.height - page.top
    heading: Text = place(heading_text, styles["booklet_h1"], "booklet_h1", x, top, page.content_w, Tag("H1"))
    frame.items.append(heading)
    if first:
        frame.bookmarks.append(heading_text)
    y = heading.box.y - line_gap
    while y >= page.bottom - 0.01:
        frame.items.append(Rule(x, y, x + page.content_w, y, color="faint", width=0.6))
        y -= line_gap
    return frame
