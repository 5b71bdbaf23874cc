"""N-up card sheets: how many cards fit on a sheet, where each goes, where crop marks and cut guides go.

The plan is data for the renderer: it places each finished card frame with its trim at `slot.trim`, clipped
to `slot.bleed`, and draws `crop_marks()` (or `cut_lines()`) as hairlines with butt caps.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.impose.geometry import (
    MM,
    ImpositionError,
    Rect,
    Segment,
    centred_starts,
    corner_rays,
    fit_count,
    grid_room,
    guillotine_lines,
    mm,
    ray_marks,
)


@dataclass(frozen=True, slots=True)
class Slot:
    """One card position: `trim` is the finished card, `bleed` the area its artwork may cover."""

    index: int
    col: int
    row: int
    trim: Rect
    bleed: Rect


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """Where N cards go on one sheet.

    Slots are in reading order (row-major, row 0 at the top, col 0 at the left). `rotation` is 0 or 90: at 90
    the card is drawn turned 90° counter-clockwise (its top edge towards the sheet's left edge), so a slot's
    trim is card_h wide and card_w high. `card_w`/`card_h` are the card as designed, before any rotation.
    With `shared_cuts` neighbouring cards butt at the trim (one cut between them) and only the block's outer
    edges carry bleed; otherwise every card has its own bleed and `gutter` separates the bleed boxes.
    """

    paper_w: float
    paper_h: float
    card_w: float
    card_h: float
    bleed: float
    gutter: float
    margin: float
    mark_length: float
    mark_offset: float
    cols: int
    rows: int
    rotation: int
    shared_cuts: bool
    slots: tuple[Slot, ...]

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def rotated(self) -> bool:
        return self.rotation == 90

    @property
    def paper(self) -> Rect:
        return Rect(0.0, 0.0, self.paper_w, self.paper_h)

    @property
    def printable(self) -> Rect:
        """The area a home printer can reach: cards, bleed and marks all stay inside it."""
        return self.paper.inset(self.margin)

    @property
    def trims(self) -> tuple[Rect, ...]:
        return tuple(s.trim for s in self.slots)

    @property
    def bleeds(self) -> tuple[Rect, ...]:
        return tuple(s.bleed for s in self.slots)

    def slot(self, col: int, row: int) -> Slot:
        if not (0 <= col < self.cols and 0 <= row < self.rows):
            raise IndexError(f"no slot at col {col}, row {row} in a {self.cols} x {self.rows} grid")
        return self.slots[row * self.cols + col]

    def crop_marks(self, min_length: float = MM) -> list[Segment]:
        """Two marks per card corner, along the trim lines, pointing away from the card.

        Each starts max(mark_offset, bleed) beyond the trim so it never prints on its own bleed, is shortened
        where it would touch another card's bleed box or leave the printable area, and is dropped when that
        leaves less than `min_length`. With butted bleeds (gutter 0) that leaves marks in the outer margin
        only; with a wide enough gutter marks also sit between cards.
        """
        rays = [r for s in self.slots for r in corner_rays(s.trim)]
        offset = max(self.mark_offset, self.bleed)
        return ray_marks(rays, self.bleeds, self.printable, offset, self.mark_length, min_length)

    def cut_lines(self) -> list[Segment]:
        """Guillotine guides along every distinct trim x and y, in the margins and gutters only."""
        return guillotine_lines(self.trims, self.bleeds, self.printable)


def plan_sheet(
    paper_w: float,
    paper_h: float,
    card_w: float,
    card_h: float,
    bleed: float,
    gutter: float,
    margin: float,
    mark_length: float,
    mark_offset: float,
    *,
    allow_rotate: bool = False,
    shared_cuts: bool = False,
) -> SheetPlan:
    """Fit as many cards as possible (a cols x rows grid centred on the paper).

    The grid's bleed boxes and the full-length crop marks of its outer edge must lie inside the printable
    area (paper minus `margin`). Marks start max(mark_offset, bleed) beyond the trim; mark_length 0 means no
    marks and reserves no room for them. Between cards, `gutter` separates bleed boxes (0 = bleeds butt); it
    is ignored with `shared_cuts`. With `allow_rotate` the card turned 90° is tried too and wins only if it
    fits strictly more. There are no defaults for print sizes: those belong to layouts (see PRINT.md).
    """
    reach, avail_w, avail_h = grid_room(
        paper_w, paper_h, card_w, card_h, bleed, gutter, margin, mark_length, mark_offset
    )
    gap = 0.0 if shared_cuts else 2 * bleed + gutter
    best: tuple[int, int, int] | None = None
    for rotation in (0, 90) if allow_rotate and card_w != card_h else (0,):
        w, h = (card_w, card_h) if rotation == 0 else (card_h, card_w)
        cols, rows = fit_count(avail_w, w, gap), fit_count(avail_h, h, gap)
        if best is None or cols * rows > best[0] * best[1]:
            best = (cols, rows, rotation)
    assert best is not None
    cols, rows, rotation = best
    if cols * rows == 0:
        raise ImpositionError(
            f"no card fits: a {mm(card_w)} x {mm(card_h)} card with {mm(bleed)} bleed and crop marks "
            f"reaching {mm(reach)} beyond the trim needs {mm(card_w + 2 * reach)} x "
            f"{mm(card_h + 2 * reach)}, but the printable area of the {mm(paper_w)} x {mm(paper_h)} paper "
            f"({mm(margin)} margin) is "
            f"{mm(paper_w - 2 * margin)} x {mm(paper_h - 2 * margin)}"
            + (" (rotation was tried too)" if allow_rotate else "")
        )
    w, h = (card_w, card_h) if rotation == 0 else (card_h, card_w)
    xs = centred_starts(paper_w, cols, w, gap)
    ys = centred_starts(paper_h, rows, h, gap)[::-1]  # row 0 is the top row
    slots = []
    for row in range(rows):
        for col in range(cols):
            trim = Rect(xs[col], ys[row], w, h)
            if shared_cuts:
                bleed_box = trim.grow(
                    left=bleed if col == 0 else 0.0,
                    right=bleed if col == cols - 1 else 0.0,
                    top=bleed if row == 0 else 0.0,
                    bottom=bleed if row == rows - 1 else 0.0,
                )
            else:
                bleed_box = trim.inset(-bleed)
            slots.append(Slot(len(slots), col, row, trim, bleed_box))
    return SheetPlan(
        paper_w,
        paper_h,
        card_w,
        card_h,
        bleed,
        0.0 if shared_cuts else gutter,
        margin,
        mark_length,
        mark_offset,
        cols,
        rows,
        rotation,
        shared_cuts,
        tuple(slots),
    )
