"""A small paginator that breaks pages as a typesetter would: measured blocks flow down pages, and

- a heading never ends a page: it keeps with it at least the first two lines of what follows (a whole short
  paragraph, a figure, a kept group), through a chain of headings ("Types" then "Thai massage" then text);
- a paragraph breaks only where at least two of its lines stay at the page's foot (no orphan) and at least two
  go to the next page (no widow), so a paragraph of three lines or fewer never breaks;
- a list keeps its first two items together and its last two, so no item is left alone at either end (bullet
  paragraphs by themselves; rows laid out elsewhere, such as a legend's, through keep_with_next);
- a group that flows over pages (a large-print step) does not leave its last paragraph (the step's numbers)
  alone at the top of a page: two lines of the text before it go along;
- a chapter (the blocks between two page breaks) that spills onto one more page is tightened first: the
  space between its blocks shrinks, down to `tighten` times its size, then its line spacing, down to
  `tighten_leading` times, whichever least saves the page (the layout's booklet section sets both).

A paragraph is cut between words of its source text, each part measured as a paragraph of its own: shaped
scripts (Thai) do not survive reportlab's Paragraph.split. Booklet pages have the same text width on odd and
even pages (inner and outer margins swap), so each block is measured once and only its x changes with the page
side. A group or composite that fits on a page is never split; a group taller than a page (large print, a
long translation) flows block by block instead of running off the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from ..diagrams.vocabulary import Stroke
from ..errors import FitError
from .frames import Bookmark, Box, Diagram, Item, Tag, Text
from .text import cut_after_lines, line_count, measure

#: The fewest lines of a paragraph at the foot of a page (orphan) or at the top of the next (widow), the
#: fewest lines of text a heading keeps with it, and the fewest list items kept together at a list's ends.
MIN_LINES = 2
#: How much the space between blocks shrinks per attempt when a chapter is tightened.
TIGHTEN_STEP = 0.1
#: How much the line spacing shrinks per attempt, once the gaps are as tight as they may be.
LEADING_STEP = 0.01
#: Points of overrun still counted as fitting (rounding in reportlab's heights).
EPS = 0.01


@dataclass
class Para:
    text: str
    style: str
    bookmark: str | Bookmark | None = None
    keep_with_next: bool = False
    bullet: bool = False
    continued: bool = False  # the rest of a list item split over a page: indented like it, without a bullet
    tag: Tag | None = None  # None: a paragraph


@dataclass
class Figure:
    strokes: tuple[Stroke, ...]
    height: float
    label_style: str = "diagram_label"
    tag: Tag | None = None  # a Figure tag with the diagram's alternative text


@dataclass
class Composite:
    """Items laid out elsewhere (e.g. a legend row), boxes relative to the block's top-left (y <= 0); kept whole.

    `space_before` is added to the flow's gap above it (not at the top of a page), and tightens with it;
    `keep_with_next` keeps it on the page of what follows (a legend row that starts or ends its list)."""

    items: list[Item]
    height: float
    bookmark: str | Bookmark | None = None
    space_before: float = 0.0
    keep_with_next: bool = False


@dataclass
class Group:
    """Blocks printed together on one page (a step: title, diagram, instruction) when they fit on one."""

    blocks: list[Para | Figure | Composite]
    bookmark: str | Bookmark | None = None


@dataclass
class PageBreak:
    pass


Block = Para | Figure | Group | Composite | PageBreak
Leaf = Para | Figure | Composite | Group  # what a chapter's queue holds: groups that fit a page stay whole


@dataclass
class FlowPage:
    """Items placed relative to the content box's top-left; x and y are fixed up per page side later."""

    #: (offset of the block's top below the content top, item with its box relative to that top: y <= 0)
    items: list[tuple[float, Item]] = field(default_factory=list)
    bookmarks: list[str | Bookmark] = field(default_factory=list)


class Paginator:
    """One chapter's blocks onto pages, with its gaps scaled by `scale` (1: as designed; less: tightened)."""

    def __init__(
        self,
        styles: Any,
        width: float,
        height: float,
        gap: float,
        scale: float = 1.0,
        cache: dict[tuple[str, str, bool, bool], tuple[Any, float]] | None = None,
        join: bool = True,
    ) -> None:
        self.styles = styles
        self.join = join  # keep a flowing group's last paragraph with two lines of the one before
        self.width = width
        self.height = height
        self.gap = gap
        self.scale = scale
        self.cache = {} if cache is None else cache
        self.pages: list[FlowPage] = [FlowPage()]
        self.cursor = 0.0
        self._bookmark_next: str | Bookmark | None = None
        self.queue: list[Leaf] = []
        self.marks: dict[int, str | Bookmark] = {}  # a flowing group's bookmark, on its first block's index
        self.keeps: set[int] = set()
        #: paragraphs the next block follows onto a page: at least two of their lines go with it
        self.joins: set[int] = set()

    @property
    def page(self) -> FlowPage:
        return self.pages[-1]

    def new_page(self) -> None:
        if self.page.items or self.page.bookmarks:
            self.pages.append(FlowPage())
        self.cursor = 0.0

    # --- measuring ---------------------------------------------------------------------------------------------

    def _style(self, para: Para) -> Any:
        style = self.styles[para.style]
        if para.bullet or para.continued:
            indent = style.fontSize * 1.2
            return style.clone(f"{style.name}-bullet", leftIndent=indent, bulletIndent=0)
        return style

    def _para(self, block: Para) -> tuple[Any, float]:
        key = (block.text, block.style, block.bullet, block.continued)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = measure(block.text, self._style(block), self.width, "•" if block.bullet else None)
        return hit

    def _measure(self, block: Para | Figure | Composite) -> tuple[float, Any]:
        if isinstance(block, Figure | Composite):
            return block.height, None
        para, height = self._para(block)
        return height, para

    def _lines(self, block: Para) -> int:
        return line_count(self._para(block)[1], self.styles[block.style])

    def _gap_above(self, block: Leaf) -> float:
        if isinstance(block, Group):
            return self._gap_above(block.blocks[0])
        if isinstance(block, Para):
            return max(self.styles[block.style].spaceBefore, self.gap) * self.scale
        if isinstance(block, Composite):
            return (self.gap + block.space_before) * self.scale
        return self.gap * self.scale

    def _space_before(self, block: Leaf) -> float:
        return 0.0 if self.cursor == 0.0 else self._gap_above(block)

    def _group_height(self, group: Group) -> float:
        measured = [(b, self._measure(b)[0]) for b in group.blocks]
        return sum(h + self._gap_above(b) for b, h in measured) - self._gap_above(group.blocks[0])

    def _need(self, index: int) -> float:
        """The least of block `index`, from its top, that may start on a page: what the rules above keep."""
        block = self.queue[index]
        if isinstance(block, Group):
            return self._group_height(block)
        if isinstance(block, Figure):
            return block.height
        height, _ = self._measure(block)
        if index in self.keeps:
            if index + 1 < len(self.queue):
                return height + self._gap_above(self.queue[index + 1]) + self._need(index + 1)
            return height
        if isinstance(block, Composite) or self._lines(block) < 2 * MIN_LINES:
            return height
        return MIN_LINES * self.styles[block.style].leading

    # --- placing -----------------------------------------------------------------------------------------------

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

    def _put_composite(self, block: Composite) -> None:
        if block.height > self.height + EPS:
            raise FitError(
                f"a block of {block.height:.0f}pt does not fit a page of {self.height:.0f}pt; "
                "shorten its text or enlarge the page in layouts/"
            )
        if self.cursor > 0 and self.cursor + self._gap_above(block) + block.height > self.height + EPS:
            self.new_page()
        self.cursor += self._space_before(block)
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

    def _fits(self, amount: float) -> bool:
        return self.cursor + amount <= self.height + EPS

    def flow(self, blocks: list[Para | Figure | Group | Composite]) -> list[FlowPage]:
        """Lay out one chapter (no page breaks inside); returns its pages."""
        for block in blocks:
            if isinstance(block, Group) and self._group_height(block) > self.height:
                # taller than any page: let it flow rather than run off the bottom
                if block.bookmark:
                    self.marks[len(self.queue)] = block.bookmark
                self.queue += block.blocks
                if self.join and len(block.blocks) >= 2 and all(isinstance(b, Para) for b in block.blocks[-2:]):
                    self.joins.add(len(self.queue) - 2)  # its last line (a step's numbers) ends its text
            else:
                self.queue.append(block)
        self.keeps = {i for i, b in enumerate(self.queue) if isinstance(b, Para | Composite) and b.keep_with_next}
        self.keeps |= _list_ends(self.queue)
        for index in range(len(self.queue)):
            if index in self.marks:
                self._bookmark_next = self.marks[index]
            self._add(index)
        return [page for page in self.pages if page.items or page.bookmarks]

    def _add(self, index: int) -> None:
        block = self.queue[index]
        if isinstance(block, Composite):
            kept = self._space_before(block) + self._need(index)  # itself and what it keeps with
            if index in self.keeps and self.cursor > 0 and not self._fits(kept):
                self.new_page()
            self._put_composite(block)
            return
        if isinstance(block, Group):
            if self.cursor > 0 and not self._fits(self._gap_above(block) + self._group_height(block)):
                self.new_page()
            if block.bookmark:
                self.page.bookmarks.append(block.bookmark)
            for b in block.blocks:
                self._put(b, *self._measure(b))
            return
        height, para = self._measure(block)
        if isinstance(block, Figure) or index in self.keeps:
            if self.cursor > 0 and not self._fits(self._space_before(block) + self._need(index)):
                self.new_page()
            self._put(block, height, para)
            return
        after = 0.0
        if index in self.joins and self._lines(block) >= 2 * MIN_LINES:
            after = self._gap_above(self.queue[index + 1]) + self._need(index + 1)
        if self._fits(self._space_before(block) + height + after):
            self._put(block, height, para)
            return
        self._break(block, after)

    def _break(self, block: Para, after: float = 0.0) -> None:
        """A paragraph that does not fit where it is (with `after`, what must follow it on its page): split it,
        two lines or more each side, or move it on."""
        leading = self.styles[block.style].leading
        while True:
            height, para = self._measure(block)
            if self._fits(self._space_before(block) + height + after):
                self._put(block, height, para)
                return
            lines = self._lines(block)
            room = self.height - self.cursor - self._space_before(block)
            keep = min(math.floor((room + EPS) / leading), lines - MIN_LINES)
            parts = self._cut(block, keep) if keep >= MIN_LINES else None
            if parts is not None:
                head, block = parts
                self._put(head, *self._measure(head))
                self.new_page()
                continue
            if self.cursor == 0:  # no cut between words fits a page: set it whole rather than lose text
                self._put(block, height, para)
                return
            self.new_page()

    def _cut(self, block: Para, lines: int) -> tuple[Para, Para] | None:
        """`block` as a head of at most `lines` lines and a tail of at least MIN_LINES, or None."""
        style = self._style(block)
        bullet = "•" if block.bullet else None
        for wanted in range(lines, MIN_LINES - 1, -1):
            cut = cut_after_lines(block.text, style, self.width, wanted, bullet)
            if cut is None:
                return None
            head_text, tail_text = cut
            # the parts of a split paragraph stay one element for a screen reader: they share a tag key
            tag = block.tag or Tag("P")
            tag = replace(tag, key=tag.key or f"split:{block.text}")
            head = replace(block, text=head_text, tag=tag)
            tail = Para(tail_text, block.style, continued=block.bullet or block.continued, tag=tag)
            if self._lines(head) >= MIN_LINES and self._lines(tail) >= MIN_LINES:
                return head, tail
        return None


def _list_ends(queue: list[Leaf]) -> set[int]:
    """Indices of list items that keep with the next: a list's first item, and the one before its last."""
    keeps: set[int] = set()
    start = None
    for i, block in enumerate([*queue, None]):
        bullet = isinstance(block, Para) and block.bullet
        if bullet and start is None:
            start = i
        elif not bullet and start is not None:
            if i - start >= 2:
                keeps |= {start, i - 2}
            start = None
    return keeps


def _chapters(blocks: list[Block]) -> list[list[Para | Figure | Group | Composite]]:
    chapters: list[list[Para | Figure | Group | Composite]] = [[]]
    for block in blocks:
        if isinstance(block, PageBreak):
            chapters.append([])
        else:
            chapters[-1].append(block)
    return [chapter for chapter in chapters if chapter]


class _Tightened:
    """A style sheet whose styles have their leading scaled by `factor` (clones made once, on first use)."""

    def __init__(self, styles: Any, factor: float) -> None:
        self.styles = styles
        self.factor = factor
        self.made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.made:
            style = self.styles[name]
            self.made[name] = style.clone(f"{style.name}~{self.factor:g}", leading=style.leading * self.factor)
        return self.made[name]


def _tightenings(gaps: float, leading: float) -> list[tuple[float, float]]:
    """(gap scale, leading scale) from the least tightening to the most: gaps first, then lines."""
    steps = [(1.0 - TIGHTEN_STEP * n, 1.0) for n in range(1, round((1.0 - gaps) / TIGHTEN_STEP) + 1)]
    floor = steps[-1][0] if steps else 1.0
    n_lines = round((1.0 - leading) / LEADING_STEP)
    return steps + [(floor, 1.0 - LEADING_STEP * n) for n in range(1, n_lines + 1)]


def paginate(
    blocks: list[Block],
    styles: Any,
    width: float,
    height: float,
    gap: float,
    tighten: float = 1.0,
    tighten_leading: float = 1.0,
) -> list[FlowPage]:
    """Blocks onto pages of `width` x `height`; a chapter that spills is tightened, its gaps down to `tighten`
    times their size, then its line spacing down to `tighten_leading` times, if that saves a page."""
    caches: dict[float, dict[tuple[str, str, bool, bool], tuple[Any, float]]] = {}

    def run(chapter: list[Para | Figure | Group | Composite], gaps: float, lines: float, join: bool) -> list[FlowPage]:
        sheet = styles if lines == 1.0 else _Tightened(styles, lines)
        return Paginator(sheet, width, height, gap, gaps, caches.setdefault(lines, {}), join).flow(chapter)

    # the least change that saves a page: tighter spacing first; then, as a last resort, a flowing group's last
    # paragraph may start a page without lines of the one before (a page more for it is too dear)
    tightenings = _tightenings(tighten, tighten_leading)
    plans = [(*t, True) for t in tightenings] + [(*t, False) for t in [(1.0, 1.0), *tightenings]]
    pages: list[FlowPage] = []
    for chapter in _chapters(blocks):
        flowed = run(chapter, 1.0, 1.0, True)
        # try the tightest first: when even that saves no page (most chapters), no other will
        hopeless = len(flowed) == 1 or len(run(chapter, *plans[-1])) >= len(flowed)
        for plan in [] if hopeless else plans:
            tighter = run(chapter, *plan)
            if len(tighter) < len(flowed):
                flowed = tighter
                break
        pages += flowed
    return pages
