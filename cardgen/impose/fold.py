"""Fold-over cards: front and back side by side on one side of the paper, folded along their shared edge.

This needs no duplex registration at all (PRINT.md). The fold lies exactly on the shared trim edge of front
and back; neither carries bleed across it, so the two bleed boxes meet at the fold and the colour of each
side runs right up to the folded edge. The other three sides of the pair are cut and carry bleed.

Orientation, reasoned through (the same mirror argument as in duplex.back_rotation):

- Vertical fold (front left, back right): folding the back half behind the front turns it about a vertical
  axis, exactly like turning a finished card over sideways. The back sits at the mirror image of the front's
  position about the fold line but its artwork is drawn upright and unmirrored (rotation 0): seen from
  behind after the fold it reads upright.
- Horizontal fold (front on top, back below): folding turns the back top over bottom, so drawn upright it
  would read upside down once the card is turned sideways; it is drawn rotated 180°.
- Cards placed turned 90° (rotation 90) get rotation -90 (vertical fold) or 90 (horizontal fold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cardgen.impose.duplex import back_rotation
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

FoldDirection = Literal["vertical", "horizontal"]


@dataclass(frozen=True, slots=True)
class FoldPair:
    """One fold-over card: trims and bleed clips of front and back, and the fold segment between them."""

    index: int
    col: int
    row: int
    front: Rect
    back: Rect
    front_bleed: Rect
    back_bleed: Rect
    fold: Segment

    @property
    def trim(self) -> Rect:
        """The unfolded pair's outline: what is cut out of the sheet before folding."""
        x, y = min(self.front.x, self.back.x), min(self.front.y, self.back.y)
        return Rect(x, y, max(self.front.right, self.back.right) - x, max(self.front.top, self.back.top) - y)


@dataclass(frozen=True, slots=True)
class FoldPlan:
    """Pairs in reading order (row 0 at the top). `rotation` turns the front artwork (0 or 90, CCW) and
    `back_rotation` the back artwork, each about its own trim's centre."""

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
    fold: FoldDirection
    rotation: int
    back_rotation: int
    pairs: tuple[FoldPair, ...]

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def printable(self) -> Rect:
        return Rect(0.0, 0.0, self.paper_w, self.paper_h).inset(self.margin)

    @property
    def bleeds(self) -> tuple[Rect, ...]:
        return tuple(b for p in self.pairs for b in (p.front_bleed, p.back_bleed))

    @property
    def fold_lines(self) -> tuple[Segment, ...]:
        return tuple(p.fold for p in self.pairs)

    def crop_marks(self, min_length: float = MM) -> list[Segment]:
        """Corner marks at the four outer corners of each pair (the fold is not cut)."""
        rays = [r for p in self.pairs for r in corner_rays(p.trim)]
        return ray_marks(
            rays, self.bleeds, self.printable, max(self.mark_offset, self.bleed), self.mark_length, min_length
        )

    def fold_marks(self, min_length: float = MM) -> list[Segment]:
        """Marks continuing each fold line beyond both ends, outside every bleed box, to line up a fold or
        a scoring tool."""
        rays = []
        for p in self.pairs:
            (x1, y1), (x2, y2) = p.fold
            rays += [(x1, y1, 0, -1), (x2, y2, 0, 1)] if x1 == x2 else [(x1, y1, -1, 0), (x2, y2, 1, 0)]
        return ray_marks(
            rays, self.bleeds, self.printable, max(self.mark_offset, self.bleed), self.mark_length, min_length
        )

    def cut_lines(self) -> list[Segment]:
        """Guillotine guides along the pairs' outer trims (never along a fold), outside every bleed box."""
        return guillotine_lines((p.trim for p in self.pairs), self.bleeds, self.printable)


def plan_fold(
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
    fold: FoldDirection | Literal["auto"] = "auto",
    allow_rotate: bool = False,
) -> FoldPlan:
    """Fit the most fold-over pairs on the paper; `gutter` separates the bleed boxes of neighbouring pairs.

    The same fitting rules as plan_sheet apply to the pair's outline. With fold="auto" both fold directions
    are tried; ties go to the vertical fold (its back needs no rotation), then to the unrotated card.
    """
    reach, avail_w, avail_h = grid_room(
        paper_w, paper_h, card_w, card_h, bleed, gutter, margin, mark_length, mark_offset
    )
    if fold not in ("auto", "vertical", "horizontal"):
        raise ValueError(f"fold must be 'auto', 'vertical' or 'horizontal', got {fold!r}")
    gap = 2 * bleed + gutter
    directions: tuple[FoldDirection, ...] = ("vertical", "horizontal") if fold == "auto" else (fold,)
    best: tuple[int, int, FoldDirection, int] | None = None
    for rotation in (0, 90) if allow_rotate and card_w != card_h else (0,):
        w, h = (card_w, card_h) if rotation == 0 else (card_h, card_w)
        for d in directions:
            uw, uh = (2 * w, h) if d == "vertical" else (w, 2 * h)
            cols, rows = fit_count(avail_w, uw, gap), fit_count(avail_h, uh, gap)
            if best is None or cols * rows > best[0] * best[1]:
                best = (cols, rows, d, rotation)
    assert best is not None
    cols, rows, direction, rotation = best
    if cols * rows == 0:
        raise ImpositionError(
            f"no fold-over card fits: front and back of a {mm(card_w)} x {mm(card_h)} card side by side, "
            f"with {mm(bleed)} bleed and marks reaching {mm(reach)} beyond the trim, do not fit the "
            f"printable area {mm(paper_w - 2 * margin)} x {mm(paper_h - 2 * margin)} of the "
            f"{mm(paper_w)} x {mm(paper_h)} paper"
        )
    w, h = (card_w, card_h) if rotation == 0 else (card_h, card_w)
    uw, uh = (2 * w, h) if direction == "vertical" else (w, 2 * h)
    xs = centred_starts(paper_w, cols, uw, gap)
    ys = centred_starts(paper_h, rows, uh, gap)[::-1]
    b = bleed
    pairs = []
    for row in range(rows):
        for col in range(cols):
            x, y = xs[col], ys[row]
            if direction == "vertical":
                front, back = Rect(x, y, w, h), Rect(x + w, y, w, h)
                fb, bb = front.grow(left=b, bottom=b, top=b), back.grow(right=b, bottom=b, top=b)
                seg: Segment = ((x + w, y), (x + w, y + h))
            else:
                front, back = Rect(x, y + h, w, h), Rect(x, y, w, h)
                fb, bb = front.grow(left=b, right=b, top=b), back.grow(left=b, right=b, bottom=b)
                seg = ((x, y + h), (x + w, y + h))
            pairs.append(FoldPair(len(pairs), col, row, front, back, fb, bb, seg))
    axis = "x" if direction == "vertical" else "y"
    return FoldPlan(
        paper_w,
        paper_h,
        card_w,
        card_h,
        bleed,
        gutter,
        margin,
        mark_length,
        mark_offset,
        cols,
        rows,
        direction,
        rotation,
        back_rotation(rotation, axis),
        tuple(pairs),
    )
