"""A small paginator: measured blocks flow down pages, headings stay with what follows, groups stay whole.

Booklet pages have the same text width on odd and even pages (inner and outer margins swap), so each block is
measured once and only its x changes with the page side. A group or composite that fits on a page is never
split; a group taller than a page (large print, a long translation) flows block by block instead of running
off the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..diagrams.vocabulary import Stroke
from ..errors import FitError
from .frames import Bookmark, Box, Diagram, Item, Tag, Text
from .text import measure


@dataclass
class Para:
    text: str
    style: str
    bookmark: str | Bookmark | None = None
    keep_with_next: bool = False
    bullet: bool = False
    tag: Tag | None = None  # None: a paragraph


@dataclass
class Figure:
    strokes: tuple[Stroke, ...]
    height: float
    label_style: str = "diagram_label"
    tag: Tag | None = None  # a Figure tag with the diagram's alternative text


@dataclass
class Composite:
    """Items laid out elsewhere (e.g. a legend row), boxes relative to the block's top-left (y <= 0); kept whole."""

    items: list[Item]
    height: float
    bookmark: str | Bookmark | None = None


@dataclass
class Group:
    """Blocks printed together on one page (a step: title, diagram, instruction) when they fit on one."""

    blocks: list[Para | Figure | Composite]
    bookmark: str | Bookmark | None = None


@dataclass
class PageBreak:
    pass


Block = Para | Figure | Group | Composite | PageBreak


@dataclass
class FlowPage:
    """Items placed relative to the content box's top-left; x and y are fixed up per page side later."""

    #: (offset of the block's top below the content top, item with its box relative to that top: y <= 0)
    items: list[tuple[float, Item]] = field(default_factory=list)
    bookmarks: list[str | Bookmark] = field(default_factory=list)


class Paginator:
    def __init__(self, styles: Any, width: float, height: float, gap: float) -> None:
        self.styles = styles
        self.width = width
        self.height = height
        self.gap = gap
        self.pages: list[FlowPage] = [FlowPage()]
        self.cursor = 0.0
        self._bookmark_next: str | Bookmark | None = None
        self.splits = 0  # paragraphs split so far: each split one's parts share a key

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

    def _measure(self, block: Para | Figure | Composite) -> tuple[float, Any]:
        if isinstance(block, Figure | Composite):
            return block.height, None
        para, height = measure(block.text, self._style(block), self.width, bullet="•" if block.bullet else None)
        return height, para

    def _gap_above(self, block: Para | Figure | Composite) -> float:
        if isinstance(block, Para):
            return max(self.styles[block.style].spaceBefore, self.gap)
        return self.gap

    def _space_before(self, block: Para | Figure | Composite) -> float:
        return 0.0 if self.cursor == 0.0 else self._gap_above(block)

    def _put(self, block: Para | Figure | Composite, height: float, para: Any) -> None:
        if isinstance(block, Composite):
            self._put_composite(block)
            return
        self.cursor += self._space_before(block)
        self._take_bookmark()
        if isinstance(block, Figure):
            box = Box(0, -height, self.width, height)
            item: Item = Diagram(box, block.strokes, label_style=block.label_style, tag=block.tag)
        else:
            item = Text(Box(0, -height, self.width, height), para, block.text, block.style, tag=block.tag)
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
        self.page.items.append((self.cursor, item))
        self.cursor += height

    def add(self, block: Block, following: Block | None = None) -> None:
        if isinstance(block, PageBreak):
            self.new_page()
            return
        if isinstance(block, Composite):
            self._put_composite(block)
            return
        if isinstance(block, Group):
            measured = [(b, *self._measure(b)) for b in block.blocks]
            total = sum(h + self._gap_above(b) for b, h, _ in measured) - self._gap_above(block.blocks[0])
            if total > self.height:  # taller than any page: let it flow rather than run off the bottom
                if block.bookmark:
                    self._bookmark_next = block.bookmark
                for i, b in enumerate(block.blocks):
                    self.add(b, block.blocks[i + 1] if i + 1 < len(block.blocks) else following)
                return
            if self.cursor > 0 and self.cursor + self._gap_above(block.blocks[0]) + total > self.height:
                self.new_page()
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
            for b, h, p in measured:
                self._put(b, h, p)
            return
        height, para = self._measure(block)
        need = height + self._space_before(block)
        if isinstance(block, Para) and block.keep_with_next and following is not None:
            need += self._first_lines(following)
        if self.cursor + need <= self.height:
            self._put(block, height, para)
            return
        if isinstance(block, Figure) or block.keep_with_next or para is None:
            self.new_page()
            self._put(block, height, para)
            return
        self._split(block, para)

    def _put_composite(self, block: Composite) -> None:
        if block.height > self.height + 0.01:
            raise FitError(
                f"a block of {block.height:.0f}pt does not fit a page of {self.height:.0f}pt; "
                "shorten its text or enlarge the page in layouts/"
            )
        space = self.gap if self.cursor > 0 else 0.0
        if self.cursor + space + block.height > self.height and self.cursor > 0:
            self.new_page()
            space = 0.0
        self.cursor += space
        self._take_bookmark()
        if block.bookmark:
            self.page.bookmarks.append(block.bookmark)
        self.page.items += [(self.cursor, item) for item in block.items]
        self.cursor += block.height

    def _take_bookmark(self) -> None:
        """A flowing group's bookmark goes on the page where its first block lands."""
        if self._bookmark_next is not None:
            self.page.bookmarks.append(self._bookmark_next)
            self._bookmark_next = None

    def _first_lines(self, block: Block) -> float:
        """How much of the next block must share the page with a heading (three lines, or a whole figure)."""
        if isinstance(block, Para):
            return self._space_before(block) + 3 * self.styles[block.style].leading
        if isinstance(block, Figure | Composite):
            return self.gap + block.height
        if isinstance(block, Group):
            total = sum(self._measure(b)[0] + self._gap_above(b) for b in block.blocks)
            return total if total <= self.height else self._first_lines(block.blocks[0])
        return 0.0

    def _split(self, block: Para, para: Any) -> None:
        """Split a paragraph across pages with reportlab's own line breaking; its parts stay one element."""
        self.splits += 1
        tag = block.tag or Tag("P")
        block = replace(block, tag=replace(tag, key=tag.key or f"split.{self.splits}:{block.text}"))
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
                self._put(replace(block, bookmark=None, keep_with_next=False), h2, rest)
                return
            para = rest
            block = replace(block, bookmark=None, keep_with_next=False)


def paginate(blocks: list[Block], styles: Any, width: float, height: float, gap: float) -> list[FlowPage]:
    paginator = Paginator(styles, width, height, gap)
    for i, block in enumerate(blocks):
        paginator.add(block, blocks[i + 1] if i + 1 < len(blocks) else None)
    return [page for page in paginator.pages if page.items or page.bookmarks]
