"""A small paginator: measured blocks flow down pages, headings stay with what follows, groups stay whole.

Booklet pages have the same text width on odd and even pages (inner and outer margins swap), so each block is
measured once and only its x changes with the page side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagrams.vocabulary import Stroke
from .frames import Box, Diagram, Item, Text
from .text import measure


@dataclass
class Para:
    text: str
    style: str
    bookmark: str | None = None
    keep_with_next: bool = False
    bullet: bool = False


@dataclass
class Figure:
    strokes: tuple[Stroke, ...]
    height: float


@dataclass
class Group:
    """Blocks printed together on one page (a step: title, diagram, instruction)."""

    blocks: list[Para | Figure]
    bookmark: str | None = None


@dataclass
class Composite:
    """Items laid out elsewhere (e.g. the legend), boxes relative to the block's top-left (y <= 0); kept whole."""

    items: list[Item]
    height: float
    bookmark: str | None = None


@dataclass
class PageBreak:
    pass


Block = Para | Figure | Group | Composite | PageBreak


@dataclass
class FlowPage:
    """Items placed relative to the content box's top-left; x and y are fixed up per page side later."""

    #: (offset of the block's top below the content top, item with its box relative to that top: y <= 0)
    items: list[tuple[float, Item]] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)


class Paginator:
    def __init__(self, styles: Any, width: float, height: float, gap: float) -> None:
        self.styles = styles
        self.width = width
        self.height = height
        self.gap = gap
        self.pages: list[FlowPage] = [FlowPage()]
        self.cursor = 0.0

    @property
    def page(self) -> FlowPage:
        return self.pages[-1]

    def new_page(self) -> None:
        if self.page.items or self.page.bookmarks:
            self.pages.append(FlowPage())
        self.cursor = 0.0

    def _style(self, para: Para) -> Any:
        style = self.styles[para.style]
        if para.bullet:
            indent = style.fontSize * 1.2
            return style.clone(f"{style.name}-bullet", leftIndent=indent, bulletIndent=0)
        return style

    def _measure(self, block: Para | Figure) -> tuple[float, Any]:
        if isinstance(block, Figure):
            return block.height, None
        para, height = measure(block.text, self._style(block), self.width, bullet="•" if block.bullet else None)
        return height, para

    def _space_before(self, block: Para | Figure) -> float:
        if self.cursor == 0.0:
            return 0.0
        if isinstance(block, Para):
            return max(self.styles[block.style].spaceBefore, self.gap)
        return self.gap

    def _put(self, block: Para | Figure, height: float, para: Any) -> None:
        self.cursor += self._space_before(block)
        if isinstance(block, Figure):
            item: Item = Diagram(Box(0, -height, self.width, height), block.strokes)
        else:
            item = Text(Box(0, -height, self.width, height), para, block.text, block.style)
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
        self.page.items.append((self.cursor, item))
        self.cursor += height

    def add(self, block: Block, following: Block | None = None) -> None:
        if isinstance(block, PageBreak):
            self.new_page()
            return
        if isinstance(block, Composite):
            space = self.gap if self.cursor > 0 else 0.0
            if self.cursor + space + block.height > self.height and self.cursor > 0:
                self.new_page()
                space = 0.0
            self.cursor += space
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
            self.page.items += [(self.cursor, item) for item in block.items]
            self.cursor += block.height
            return
        if isinstance(block, Group):
            measured = [(b, *self._measure(b)) for b in block.blocks]
            total = sum(h for _, h, _ in measured) + self.gap * len(measured)
            if self.cursor + total > self.height and self.cursor > 0:
                self.new_page()
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
            for b, h, p in measured:
                self._put(b, h, p)
            return
        height, para = self._measure(block)
        need = height + self._space_before(block)
        if block.keep_with_next and following is not None:
            need += self._first_lines(following)
        if self.cursor + need <= self.height:
            self._put(block, height, para)
            return
        if isinstance(block, Figure) or block.keep_with_next or para is None:
            self.new_page()
            self._put(block, height, para)
            return
        self._split(block, para)

    def _first_lines(self, block: Block) -> float:
        """How much of the next block must share the page with a heading (three lines, or a whole figure)."""
        if isinstance(block, Para):
            return self._space_before(block) + 3 * self.styles[block.style].leading
        if isinstance(block, Figure):
            return self.gap + block.height
        if isinstance(block, Group):
            return sum(self._measure(b)[0] + self.gap for b in block.blocks)
        return 0.0

    def _split(self, block: Para, para: Any) -> None:
        """Split a paragraph across pages with reportlab's own line breaking."""
        while True:
            room = self.height - self.cursor - self._space_before(block)
            parts = para.split(self.width, room) if room > 0 else []
            if len(parts) < 2:
                self.new_page()
                _, height = para.wrap(self.width, 10_000)
                if height <= self.height:
                    self._put(block, height, para)
                    return
                parts = para.split(self.width, self.height)
                if len(parts) < 2:
                    self._put(block, height, para)
                    return
            first, rest = parts[0], parts[1]
            _, h1 = first.wrap(self.width, room)
            self._put(block, h1, first)
            self.new_page()
            _, h2 = rest.wrap(self.width, 10_000)
            if h2 <= self.height:
                self._put(Para(block.text, block.style, None, False, block.bullet), h2, rest)
                return
            para = rest
            block = Para(block.text, block.style, None, False, block.bullet)


def paginate(blocks: list[Block], styles: Any, width: float, height: float, gap: float) -> list[FlowPage]:
    paginator = Paginator(styles, width, height, gap)
    for i, block in enumerate(blocks):
        paginator.add(block, blocks[i + 1] if i + 1 < len(blocks) else None)
    return [page for page in paginator.pages if page.items or page.bookmarks]
