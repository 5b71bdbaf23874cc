"""Impose the deck on printer sheets: choose the arrangement, then place fronts, backs or fold-over pairs.

The geometry (grids, crop marks, cut lines, duplex mirroring, fold-over pairs) is cardgen.impose's; this module
decides *which* imposition the layout asks for and turns it into sheets of placed frames that the renderer
draws without further thought.

Arrangements (layout `sheet.imposition`):

- gutters: every card has its own bleed; two cuts between neighbours. Crop marks may sit in gutters.
- butted: neighbours share one cut and only the block's outer edge has bleed (PRINT.md: marks go only in the
  outer margin). Fits more cards, e.g. 9 poker cards on Letter, where three rows of separately bled cards
  (3 x 94 mm) are taller than the paper (279.4 mm).
- auto: whichever fits the most cards; ties go to gutters, then to sheets with full-length marks.

Each arrangement is first tried with room reserved for full-length marks all round, then "tight": only
bleed and the printer's margin are reserved and marks are as long as the room left allows (at least
`sheet.mark_min`). A tight sheet is accepted only if every cut line still has a mark at both of its ends,
so a sheet is never offered that cannot be cut.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import InputError, Problem
from ..impose import (
    FoldPlan,
    ImpositionError,
    Rect,
    Segment,
    SheetPlan,
    Slot,
    back_rect,
    plan_fold,
    plan_sheet,
)
from ..impose.geometry import EPS
from ..source.load import Project
from ..source.schema.layout import SheetGeometry
from .frames import Frame

Side = Literal["front", "back", "fold"]


@dataclass(frozen=True, slots=True)
class Placed:
    """One frame on a sheet: its trim goes to `trim` (already turned, so w and h swap at 90°/270°), its
    artwork turned `rotation` degrees counter-clockwise about the trim's centre and clipped to `clip`."""

    frame: Frame
    trim: Rect
    clip: Rect
    rotation: int


@dataclass(frozen=True, slots=True)
class Guide:
    """A rounded-rectangle cut guide (lamination border, rounded corners)."""

    rect: Rect
    radius: float


@dataclass(frozen=True, slots=True)
class Sheet:
    """One printed side: placed frames, hairline marks (crop marks or cut lines), fold marks and guides."""

    side: Side
    width: float
    height: float
    cards: tuple[Placed, ...]
    marks: tuple[Segment, ...]
    folds: tuple[Segment, ...] = ()
    guides: tuple[Guide, ...] = ()


@dataclass(frozen=True)
class Imposition:
    """The chosen plan and the sheets made from it, in print order (front, back, front, back, ...)."""

    plan: SheetPlan | FoldPlan
    arrangement: str
    sheets: list[Sheet]
    mark_width: float
    mark_color: str = "mark"  # a colour of the layout: crop marks and cut lines

    @property
    def per_sheet(self) -> int:
        return self.plan.per_sheet


def _gutter(sheet: SheetGeometry, bleed: float) -> float:
    """Gutter between bleed boxes: the layout's, widened so neighbouring trims are at least 2 x seal apart
    (each card then keeps a sealed laminate border of `seal` when the plastic is cut midway)."""
    return max(sheet.gutter, 2 * (sheet.seal - bleed))


def _mark_length(sheet: SheetGeometry) -> float:
    return 0.0 if sheet.marks == "none" else sheet.mark_length


def _segments(plan: SheetPlan | FoldPlan, sheet: SheetGeometry) -> list[Segment]:
    if sheet.marks == "none":
        return []
    if sheet.marks == "lines":
        return plan.cut_lines()
    return plan.crop_marks(sheet.mark_min)


def _marked_both_ends(marks: Sequence[Segment], axis: int, at: float, lo: float, hi: float) -> bool:
    """A mark lies on the line {axis = at} below `lo` and another above `hi` (along the other axis)."""
    other = 1 - axis
    on = [s for s in marks if abs(s[0][axis] - at) < 1e-6 and abs(s[1][axis] - at) < 1e-6]
    return any(max(s[0][other], s[1][other]) <= lo + EPS for s in on) and any(
        min(s[0][other], s[1][other]) >= hi - EPS for s in on
    )


def cut_lines_marked(plan: SheetPlan | FoldPlan, marks: Sequence[Segment]) -> bool:
    """True when every distinct cut line of the plan has a mark on it beyond both ends of the card block:
    what a guillotine or a ruler needs to line up each cut."""
    trims = [p.trim for p in plan.pairs] if isinstance(plan, FoldPlan) else list(plan.trims)
    lo_x, hi_x = min(t.x for t in trims), max(t.right for t in trims)
    lo_y, hi_y = min(t.y for t in trims), max(t.top for t in trims)
    xs = {round(v, 6) for t in trims for v in (t.x, t.right)}
    ys = {round(v, 6) for t in trims for v in (t.y, t.top)}
    return all(_marked_both_ends(marks, 0, x, lo_y, hi_y) for x in xs) and all(
        _marked_both_ends(marks, 1, y, lo_x, hi_x) for y in ys
    )


def choose_plan(project: Project) -> tuple[SheetPlan | FoldPlan, str]:
    """The plan the layout asks for, and a short name of its arrangement ("gutters", "butted", "fold")."""
    spec, geo = project.layout.spec, project.layout.geometry
    sheet, bleed = spec.sheet, spec.card.bleed
    length = _mark_length(sheet)
    gutter = _gutter(sheet, bleed)
    common = (geo.paper_w, geo.paper_h, geo.card_w, geo.card_h, bleed, gutter, sheet.margin)
    if sheet.fold:
        kinds = ["fold"]
    elif sheet.imposition == "auto":
        kinds = ["gutters"] if sheet.seal > 0 else ["gutters", "butted"]
    else:
        kinds = [sheet.imposition]
    best: tuple[SheetPlan | FoldPlan, str] | None = None
    errors: list[str] = []
    for kind in kinds:
        for tight in (False, True) if length > 0 else (False,):
            for rotate in (False, True):
                try:
                    if kind == "fold":
                        plan: SheetPlan | FoldPlan = plan_fold(
                            *common, 0.0 if tight else length, sheet.mark_offset, allow_rotate=rotate
                        )
                    else:
                        plan = plan_sheet(
                            *common,
                            0.0 if tight else length,
                            sheet.mark_offset,
                            allow_rotate=rotate,
                            shared_cuts=kind == "butted",
                        )
                except ImpositionError as exc:
                    errors.append(str(exc))
                    continue
                if tight:
                    plan = dataclasses.replace(plan, mark_length=length)
                    if not cut_lines_marked(plan, _segments(plan, sheet)):
                        continue
                if best is None or plan.per_sheet > best[0].per_sheet:
                    best = (plan, kind)
    if best is None:
        where = str(project.layout.source_files[0])
        message = f"{errors[0]}; choose a smaller card (--card) or larger paper (--paper)"
        raise InputError([Problem(where, None, None, "card.size", message)])
    return best


def _guides(trims: Sequence[Rect], project: Project) -> tuple[Guide, ...]:
    """Rounded cut guides: around each trim at `seal` (the laminated card's outline), with the card's corner
    radius; none when neither lamination nor rounded corners are asked for."""
    seal, radius = project.layout.spec.sheet.seal, project.layout.spec.card.corner_radius
    if seal <= 0 and radius <= 0:
        return ()
    return tuple(Guide(t.inset(-seal), radius) for t in trims)


def _occupied(plan: SheetPlan, slots: Sequence[Slot]) -> SheetPlan:
    """The plan restricted to the slots a sheet actually uses, so marks are drawn only for cards present."""
    return dataclasses.replace(plan, slots=tuple(slots))


def duplex_sheets(project: Project, plan: SheetPlan, fronts: list[Frame], backs: list[Frame] | None) -> list[Sheet]:
    """Front sheets, each followed by its back sheet when `backs` is given (sheet.duplex long or short).

    The back of the card in slot i goes where impose.back_rect puts it for the layout's flip and printer
    offset, so that once the paper is turned over it lands on its front.
    """
    sheet = project.layout.spec.sheet
    out = []
    n = plan.per_sheet
    for start in range(0, len(fronts), n):
        chunk = fronts[start : start + n]
        slots = plan.slots[: len(chunk)]
        front_plan = _occupied(plan, slots)
        out.append(
            Sheet(
                "front",
                plan.paper_w,
                plan.paper_h,
                tuple(Placed(f, s.trim, s.bleed, plan.rotation) for f, s in zip(chunk, slots, strict=True)),
                tuple(_segments(front_plan, sheet)),
                guides=_guides([s.trim for s in slots], project),
            )
        )
        if backs is None or sheet.duplex == "none":
            continue
        placed, back_slots = [], []
        for i, back in enumerate(backs[start : start + n]):
            where = back_rect(plan, i, sheet.duplex, sheet.offset_x, sheet.offset_y)
            placed.append(Placed(back, where.trim, where.bleed, where.rotation))
            back_slots.append(dataclasses.replace(plan.slots[where.index], trim=where.trim, bleed=where.bleed))
        back_plan = _occupied(plan, sorted(back_slots, key=lambda s: s.index))
        out.append(Sheet("back", plan.paper_w, plan.paper_h, tuple(placed), tuple(_segments(back_plan, sheet))))
    return out


def fold_sheets(project: Project, plan: FoldPlan, fronts: list[Frame], backs: list[Frame]) -> list[Sheet]:
    """Fold-over sheets: each card's front and back side by side, one fold between them; single-sided."""
    sheet = project.layout.spec.sheet
    out = []
    n = plan.per_sheet
    for start in range(0, len(fronts), n):
        pairs = plan.pairs[: len(fronts[start : start + n])]
        used = dataclasses.replace(plan, pairs=pairs)
        cards = []
        for pair, front, back in zip(pairs, fronts[start : start + n], backs[start : start + n], strict=False):
            cards.append(Placed(front, pair.front, pair.front_bleed, plan.rotation))
            cards.append(Placed(back, pair.back, pair.back_bleed, plan.back_rotation))
        folds = tuple(used.fold_marks(sheet.mark_min)) if sheet.marks != "none" else ()
        out.append(
            Sheet(
                "fold",
                plan.paper_w,
                plan.paper_h,
                tuple(cards),
                tuple(_segments(used, sheet)),
                folds,
                _guides([p.front for p in pairs], project),
            )
        )
    return out


def impose_deck(project: Project, fronts: list[Frame], backs: list[Frame]) -> Imposition:
    """deck-sheets.pdf's sheets for the layout: fold-over, duplex (front and back sheets) or fronts only."""
    plan, arrangement = choose_plan(project)
    if isinstance(plan, FoldPlan):
        sheets = fold_sheets(project, plan, fronts, backs)
    else:
        sheets = duplex_sheets(project, plan, fronts, backs)
    spec = project.layout.spec.sheet
    # registration colour (every ink) only for cut lines meant for a guillotine; corner marks and folds are cut
    # and folded by hand on a home or office printer, which would lay down all its inks for them
    return Imposition(plan, arrangement, sheets, spec.mark_width, "registration" if spec.marks == "lines" else "mark")
