"""Plan booklet-print.pdf: which booklet page goes on which half of which sheet side, shifted for creep, with
fold and staple marks. The order, padding and spread come from cardgen.impose.booklet; this module only
turns them into frames at positions a renderer can draw.

Each side is described upright, as the reader sees it once the sheet is turned over; `rotation` 180 (a back
side for long-edge duplex) means the renderer turns the whole side about the sheet's centre.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..impose.booklet import NOTES, booklet_slots, creep_shift, saddle_order
from ..impose.geometry import ImpositionError, Segment
from .frames import Box, Frame

Flip = Literal["short", "long"]


@dataclass(frozen=True)
class PrintMarks:
    """Where the marks go, from the layout: lengths in points."""

    margin: float  # the printer's unprintable edge; fold marks start inside it
    fold: float
    staple: float
    width: float


@dataclass(frozen=True)
class PlacedPage:
    """A booklet page on a sheet side: its trim's lower-left corner and the half of the side it may draw in."""

    frame: Frame
    position: int  # 1-based place in the folded booklet's reading order
    x: float
    y: float
    clip: Box


@dataclass(frozen=True)
class BookletSide:
    sheet: int
    side: Literal["front", "back"]
    width: float
    height: float
    rotation: int
    pages: tuple[PlacedPage, ...]
    marks: tuple[Segment, ...]


def plan_booklet_print(
    frames: list[Frame],
    sheet_w: float,
    sheet_h: float,
    marks: PrintMarks,
    *,
    flip: Flip = "short",
    creep: float = 0.0,
    notes: Frame | None = None,
) -> list[BookletSide]:
    """Every sheet side in printing order (sheet 0 front, sheet 0 back, sheet 1 front, ...).

    `frames` are the booklet's pages in reading order; a count that is not a multiple of four is padded
    before the back cover with `notes` pages when given, then blanks (impose.booklet.pad_pages). `creep` is
    the shift per sheet toward the spine, in points (about one paper thickness).
    """
    if not frames:
        raise ImpositionError("a booklet needs at least one page")
    page_w, page_h = frames[0].trim.w, frames[0].trim.h
    slots = booklet_slots(sheet_w, sheet_h, page_w, page_h, staple_mark=marks.staple)
    order = saddle_order(len(frames), flip, notes_available=3 if notes is not None else 0)
    spine = slots.spine[0][0]
    halves = (Box(0, 0, spine, sheet_h), Box(spine, 0, sheet_w - spine, sheet_h))
    fold_marks = (
        ((spine, marks.margin), (spine, marks.margin + marks.fold)),
        ((spine, sheet_h - marks.margin - marks.fold), (spine, sheet_h - marks.margin)),
    )
    sides = []
    for side in order.sides:
        shifts = creep_shift(side.sheet, order.n_sheets, creep)
        placed = []
        for position, ref, slot, half, dx in (
            (side.left, side.left_page, slots.left, halves[0], shifts[0]),
            (side.right, side.right_page, slots.right, halves[1], shifts[1]),
        ):
            frame = frames[ref - 1] if isinstance(ref, int) else notes if ref == NOTES else None
            if frame is not None:
                placed.append(PlacedPage(frame, position, slot.x + dx, slot.y, half))
        side_marks: tuple[Segment, ...] = ()
        if side.side == "front":
            side_marks = fold_marks + (slots.staple_marks if side.sheet == 0 else ())
        sides.append(BookletSide(side.sheet, side.side, sheet_w, sheet_h, side.rotation, tuple(placed), side_marks))
    return sides
