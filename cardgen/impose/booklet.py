"""Saddle-stitched booklets: which page goes on which half of which sheet side; padding, creep, the spread.

Vocabulary. A *position* is a page of the folded booklet, 1..padded in reading order (1 = front cover,
padded = back cover). A *page* is a page of content, 1..n_pages. Padding maps the two onto each other.

Sheets are landscape with two pages side by side and the spine vertical in the middle (A5 on A4 landscape,
half-letter on Letter). Sheet 0 is the outermost; its front side is the outside of the booklet. A side is
described as seen upright with that side facing you: `left` and `right` are the halves left and right of
the spine. For n positions, sheet k carries (n-2k, 2k+1) on the front and (2k+2, n-2k-1) on the back.

Duplex. "short" (the usual): a landscape sheet's short edge is vertical, so the printer turns it about a
vertical axis and the back side is drawn upright (rotation 0). "long": it turns top over bottom, so the back
side is drawn rotated 180° about the sheet's centre (e.g. PDF /Rotate 180 on that page), which also puts the
`left` page on the physical right. Rotation applies to the whole side, after laying out left and right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cardgen.impose.geometry import FIT_EPS, MM, ImpositionError, Rect, Segment, check_sizes, mm

#: What a booklet position holds: a content page (1-based), a notes page, or None for a blank.
PageRef = int | Literal["notes"] | None
NOTES: Literal["notes"] = "notes"


def pad_pages(n_pages: int, notes_available: int = 0) -> tuple[PageRef, ...]:
    """Reading order of a booklet of `n_pages` content pages padded up to a multiple of 4.

    Policy: the last content page is the back cover and stays last. Padding goes just before it: first up
    to `notes_available` notes pages (useful to a reader who writes down their own pressure or timings), then
    blanks, so any blank becomes the inside back cover, where a blank is least odd. A single page has no back
    cover and its padding follows it. Result[i] is what position i+1 holds.
    """
    if isinstance(n_pages, bool) or not isinstance(n_pages, int) or n_pages < 1:
        raise ImpositionError(f"a booklet needs at least one page, got {n_pages!r}")
    if notes_available < 0:
        raise ImpositionError(f"notes_available must be >= 0, got {notes_available}")
    padding = -n_pages % 4
    notes = min(padding, notes_available)
    filler: list[PageRef] = [NOTES] * notes + [None] * (padding - notes)
    body: list[PageRef] = list(range(1, n_pages + 1))
    if n_pages == 1:
        return tuple(body + filler)
    return tuple(body[:-1] + filler + body[-1:])


@dataclass(frozen=True, slots=True)
class SheetSide:
    """One side of one sheet: positions left and right of the spine, what they hold, and its rotation."""

    sheet: int
    side: Literal["front", "back"]
    left: int
    right: int
    left_page: PageRef
    right_page: PageRef
    rotation: int


@dataclass(frozen=True, slots=True)
class SaddleOrder:
    """Imposition order for a saddle-stitched booklet. `sides` runs sheet 0 front, sheet 0 back, sheet 1
    front, ... which is also the order to print them (duplex, one sheet after another)."""

    n_pages: int
    padded: int
    pages: tuple[PageRef, ...]
    sides: tuple[SheetSide, ...]

    @property
    def n_sheets(self) -> int:
        return self.padded // 4

    @property
    def padding(self) -> tuple[int, ...]:
        """Positions that hold no content page (notes pages or blanks)."""
        return tuple(i + 1 for i, p in enumerate(self.pages) if not isinstance(p, int))


def saddle_order(n_pages: int, flip: Literal["short", "long"] = "short", notes_available: int = 0) -> SaddleOrder:
    """Which position and page sits on each half of each sheet side (see the module docstring)."""
    if flip not in ("short", "long"):
        raise ValueError(f"flip must be 'short' or 'long', got {flip!r}")
    pages = pad_pages(n_pages, notes_available)
    n = len(pages)
    back_rotation = 0 if flip == "short" else 180
    sides = []
    for k in range(n // 4):
        for side, (left, right), rotation in (
            ("front", (n - 2 * k, 2 * k + 1), 0),
            ("back", (2 * k + 2, n - 2 * k - 1), back_rotation),
        ):
            sides.append(SheetSide(k, side, left, right, pages[left - 1], pages[right - 1], rotation))
    return SaddleOrder(n_pages, n, pages, tuple(sides))


def creep_shift(sheet_index: int, n_sheets: int, creep: float) -> tuple[float, float]:
    """(left dx, right dx) in points to shift sheet `sheet_index`'s pages toward the spine.

    `creep` is the shift per sheet in points, about one paper thickness (0.1 mm for 80 g/m²). Sheet 0, the
    outermost, is not shifted; sheet k moves k*creep toward the spine: left pages right (+), right pages left
    (-). Both sides of a sheet get the same shift, in the side's upright frame. From a measured total T at
    the innermost sheet use creep = T / (n_sheets - 1).
    """
    if not 0 <= sheet_index < n_sheets:
        raise IndexError(f"sheet {sheet_index} out of range for {n_sheets} sheets")
    if creep < 0:
        raise ImpositionError(f"creep must be >= 0, got {creep}")
    shift = sheet_index * creep
    return (shift, -shift)


@dataclass(frozen=True, slots=True)
class BookletSlots:
    """A spread on one sheet side: the two page trims, the spine (fold) and the staple marks."""

    left: Rect
    right: Rect
    spine: Segment
    staple_marks: tuple[Segment, Segment]


def booklet_slots(
    sheet_w: float, sheet_h: float, page_w: float, page_h: float, *, staple_mark: float = 6 * MM
) -> BookletSlots:
    """Two pages side by side centred on a landscape sheet, meeting at the spine.

    Staple marks are `staple_mark`-long segments on the spine, centred at 1/4 and 3/4 of the page height.
    Print them only on the outside of the booklet (sheet 0, front side), where the staples go in; keep them
    shorter than the staple's crown (about 12 mm) so the staple hides them.
    """
    check_sizes(
        {"sheet_w": sheet_w, "sheet_h": sheet_h, "page_w": page_w, "page_h": page_h},
        {"staple_mark": staple_mark},
    )
    if sheet_w < sheet_h:
        raise ImpositionError(f"booklet sheets are landscape (spine vertical), got {mm(sheet_w)} x {mm(sheet_h)}")
    if 2 * page_w > sheet_w + FIT_EPS or page_h > sheet_h + FIT_EPS:
        raise ImpositionError(
            f"two {mm(page_w)} x {mm(page_h)} pages side by side do not fit a {mm(sheet_w)} x {mm(sheet_h)} sheet"
        )
    cx, y = sheet_w / 2, (sheet_h - page_h) / 2
    left, right = Rect(cx - page_w, y, page_w, page_h), Rect(cx, y, page_w, page_h)
    half = staple_mark / 2
    marks = tuple(((cx, y + f * page_h - half), (cx, y + f * page_h + half)) for f in (0.25, 0.75))
    return BookletSlots(left, right, ((cx, y), (cx, y + page_h)), (marks[0], marks[1]))
