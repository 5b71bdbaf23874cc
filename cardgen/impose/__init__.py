"""Imposition: pure geometry placing finished card and page frames on printer sheets.

Points throughout, origin bottom-left as in PDF; no reportlab, no I/O. A renderer takes the rectangles,
rotations and mark segments computed here and draws frames and hairlines at them.

- sheet: N-up card sheets, crop marks, cut guides.
- duplex: where card backs go for long- or short-edge duplex, and where they land after the turn.
- fold: fold-over cards (front and back side by side, no duplex).
- booklet: saddle-stitch page order, padding, creep, the two-page spread.
"""

from cardgen.impose.booklet import (
    NOTES,
    BookletSlots,
    PageRef,
    SaddleOrder,
    SheetSide,
    booklet_slots,
    creep_shift,
    pad_pages,
    saddle_order,
)
from cardgen.impose.duplex import (
    Flip,
    Placement,
    back_rect,
    back_rotation,
    back_slot,
    land_after_flip,
    mirror_axis,
    registration_error,
)
from cardgen.impose.fold import FoldPair, FoldPlan, plan_fold
from cardgen.impose.geometry import MM, ImpositionError, Point, Rect, Segment
from cardgen.impose.sheet import SheetPlan, Slot, plan_sheet

__all__ = [
    "MM",
    "NOTES",
    "BookletSlots",
    "Flip",
    "FoldPair",
    "FoldPlan",
    "ImpositionError",
    "PageRef",
    "Placement",
    "Point",
    "Rect",
    "SaddleOrder",
    "Segment",
    "SheetPlan",
    "SheetSide",
    "Slot",
    "back_rect",
    "back_rotation",
    "back_slot",
    "booklet_slots",
    "creep_shift",
    "land_after_flip",
    "mirror_axis",
    "pad_pages",
    "plan_fold",
    "plan_sheet",
    "registration_error",
    "saddle_order",
]
