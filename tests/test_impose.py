"""Tests for cardgen.impose: N-up sheets, crop marks, duplex backs, fold-over pairs, saddle-stitch booklets.

The geometric checks here are written independently of the module's own helpers (a Liang-Barsky clip for
"does this mark touch that box", a physical simulation of turning paper over and folding a stack of sheets),
so a shared mistake cannot make both sides agree.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from cardgen.impose import (
    MM,
    NOTES,
    ImpositionError,
    Rect,
    back_rect,
    back_slot,
    booklet_slots,
    creep_shift,
    land_after_flip,
    pad_pages,
    plan_fold,
    plan_sheet,
    registration_error,
    saddle_order,
)

A4 = (595.2756, 841.8898)
A4_LANDSCAPE = (A4[1], A4[0])
A5 = (419.5276, 595.2756)
LETTER = (612.0, 792.0)
TOL = 0.1 * MM  # 0.1 mm, the registration the tests demand of a perfect flip

# Print settings used throughout, as a layout would give them (PRINT.md): 3 mm bleed, 5 mm marks 3 mm out.
BLEED, MARK_LEN, MARK_OFF = 3 * MM, 5 * MM, 3 * MM


# --- independent geometric checks -------------------------------------------------------------------------


def overlap_length(seg, r: Rect) -> float:
    """Length of the part of segment `seg` inside the closed rectangle r (Liang-Barsky clipping)."""
    (x1, y1), (x2, y2) = seg
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - r.x), (dx, r.right - x1), (-dy, y1 - r.y), (dy, r.top - y1)):
        if p == 0:
            if q < 0:
                return 0.0
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    return max(0.0, t1 - t0) * math.hypot(dx, dy)


def seg_inside(seg, r: Rect, tol: float = 1e-6) -> bool:
    return all(r.x - tol <= x <= r.right + tol and r.y - tol <= y <= r.top + tol for x, y in seg)


def seg_len(seg) -> float:
    (x1, y1), (x2, y2) = seg
    return math.hypot(x2 - x1, y2 - y1)


def assert_marks_clear(segments, bleeds, printable: Rect) -> None:
    """Every segment stays inside the printable area and shares no length with any bleed box (closed)."""
    for seg in segments:
        assert seg_inside(seg, printable), f"{seg} leaves the printable area {printable}"
        assert seg_len(seg) > 0
        for b in bleeds:
            assert overlap_length(seg, b) <= 1e-6, f"{seg} touches bleed box {b}"


def area_overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a.right, b.right) - max(a.x, b.x)) * max(0.0, min(a.top, b.top) - max(a.y, b.y))


def assert_layout_sound(plan) -> None:
    printable = Rect(plan.margin, plan.margin, plan.paper_w - 2 * plan.margin, plan.paper_h - 2 * plan.margin)
    for b in plan.bleeds:
        assert printable.contains(b, tol=1e-3), f"bleed {b} outside printable {printable}"
    for a, b in itertools.combinations(plan.bleeds, 2):
        assert area_overlap(a, b) <= 1e-6, f"bleed boxes overlap: {a} {b}"
    assert_marks_clear(plan.crop_marks(), plan.bleeds, printable)
    assert_marks_clear(plan.cut_lines(), plan.bleeds, printable)


def rotate_about(point, centre, degrees: int):
    """Rotate a point counter-clockwise about centre (exact for multiples of 90°)."""
    c, s = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}[degrees % 360]
    x, y = point[0] - centre[0], point[1] - centre[1]
    return (centre[0] + c * x - s * y, centre[1] + s * x + c * y)


def art_point(trim: Rect, rotation: int, u: float, v: float):
    """Where the artwork's point (u, v) (fractions of the card's own width/height from its centre, card
    upright) is drawn when the card art is drawn rotated by `rotation` in the slot `trim`."""
    cx, cy = trim.centre
    w, h = (trim.w, trim.h) if rotation % 180 == 0 else (trim.h, trim.w)
    return rotate_about((cx + u * w, cy + v * h), (cx, cy), rotation)


def mirror_point(p, axis: str, about: float):
    return (2 * about - p[0], p[1]) if axis == "x" else (p[0], 2 * about - p[1])


def close(p, q, tol=TOL) -> bool:
    return math.isclose(p[0], q[0], abs_tol=tol) and math.isclose(p[1], q[1], abs_tol=tol)


def grid_plan(cols: int, rows: int, card_w_mm: float, card_h_mm: float, gutter_mm: float = 0.0, **kw):
    """A plan that comes out as exactly cols x rows: paper just 1 mm larger than the grid needs."""
    margin, reach, gap = 5.0, 8.0, 6.0 + gutter_mm
    w = cols * card_w_mm + (cols - 1) * gap + 2 * (margin + reach) + 1
    h = rows * card_h_mm + (rows - 1) * gap + 2 * (margin + reach) + 1
    plan = plan_sheet(
        w * MM,
        h * MM,
        card_w_mm * MM,
        card_h_mm * MM,
        BLEED,
        gutter_mm * MM,
        margin * MM,
        MARK_LEN,
        MARK_OFF,
        **kw,
    )
    assert (plan.cols, plan.rows) == (cols, rows)
    return plan


# --- Rect -------------------------------------------------------------------------------------------------


def test_rect_helpers():
    r = Rect(10, 20, 30, 40)
    assert (r.right, r.top, r.centre) == (40, 60, (25, 40))
    assert r.inset(5) == Rect(15, 25, 20, 30)
    assert r.inset(-3) == Rect(7, 17, 36, 46)
    assert r.grow(left=1, top=2) == Rect(9, 20, 31, 42)
    assert r.translate(1, -1) == Rect(11, 19, 30, 40)
    assert r.contains(Rect(10, 20, 30, 40)) and r.contains(Rect(11, 21, 5, 5))
    assert not r.contains(Rect(9, 21, 5, 5))
    assert r.intersects(Rect(39, 59, 5, 5))
    assert not r.intersects(Rect(40, 20, 5, 5)), "touching along an edge is not overlapping"
    assert not r.intersects(Rect(100, 100, 1, 1))
    with pytest.raises(ValueError):
        Rect(0, 0, -1, 1)
    with pytest.raises(ValueError):
        r.inset(16)


# --- N-up sheets ------------------------------------------------------------------------------------------


def test_b7_on_a4_is_4_up():
    # Across: 2 x 88 + 6 (two bleeds) = 182 mm of trim block, + 2 x 8 mm for marks = 198 mm = 210 - 2 x 6:
    # an exact fit. Down: 2 x 125 + 6 + 16 = 272 <= 285 mm; 3 rows would need 403 mm.
    plan = plan_sheet(*A4, 88 * MM, 125 * MM, BLEED, 0.0, 6 * MM, MARK_LEN, MARK_OFF, allow_rotate=True)
    assert (plan.cols, plan.rows, plan.per_sheet, plan.rotation) == (2, 2, 4, 0)
    assert_layout_sound(plan)
    # One hair more margin and the exact fit is gone.
    assert plan_sheet(*A4, 88 * MM, 125 * MM, BLEED, 0.0, 6.1 * MM, MARK_LEN, MARK_OFF).per_sheet == 2


def test_slots_reading_order_and_centring():
    plan = plan_sheet(*A4, 63 * MM, 88 * MM, BLEED, 2 * MM, 5 * MM, MARK_LEN, MARK_OFF)
    assert (plan.cols, plan.rows) == (2, 2)
    tl, tr, bl, br = plan.slots
    assert tl.trim.x < tr.trim.x and tl.trim.y == tr.trim.y > bl.trim.y
    assert (bl.col, bl.row, bl.index) == (0, 1, 2) and plan.slot(1, 1) is br
    assert tr.trim.x - tl.trim.right == pytest.approx(2 * BLEED + 2 * MM)
    assert tr.bleed.x - tl.bleed.right == pytest.approx(2 * MM)
    xs = [v for s in plan.slots for v in (s.bleed.x, s.bleed.right)]
    ys = [v for s in plan.slots for v in (s.bleed.y, s.bleed.top)]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(A4[0] / 2)
    assert (min(ys) + max(ys)) / 2 == pytest.approx(A4[1] / 2)
    assert all(s.bleed == s.trim.inset(-BLEED) for s in plan.slots)


def test_poker_on_letter_pins_what_really_fits():
    """Poker 63 x 88 mm on Letter (215.9 x 279.4 mm) with 3 mm bleed per card cannot be 9-up: three rows of
    bleed boxes alone are 3 x 94 = 282 mm, taller than the paper. What does fit is pinned here."""
    poker = (63 * MM, 88 * MM)
    per_card = plan_sheet(*LETTER, *poker, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF)
    assert (per_card.cols, per_card.rows) == (2, 2)
    rotated = plan_sheet(*LETTER, *poker, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, allow_rotate=True)
    assert (rotated.cols, rotated.rows, rotated.rotation) == (2, 3, 90)
    assert (rotated.slots[0].trim.w, rotated.slots[0].trim.h) == pytest.approx((88 * MM, 63 * MM))
    no_margin = plan_sheet(*LETTER, *poker, BLEED, 0.0, 0.0, 0.0, MARK_OFF)
    assert no_margin.rows == 2, "3 rows of separately bled poker cards never fit on Letter"
    # Butted cards (one cut between neighbours, bleed on the block's outer edge only).
    shared = plan_sheet(*LETTER, *poker, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, shared_cuts=True)
    assert (shared.cols, shared.rows) == (3, 2)
    shared_rot = plan_sheet(
        *LETTER, *poker, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, shared_cuts=True, allow_rotate=True
    )
    assert (shared_rot.cols, shared_rot.rows, shared_rot.rotation) == (2, 4, 90)
    # 9-up needs butted cards, no room reserved for marks, and a margin of at most 4.7 mm:
    # 3 x 88 + 2 x 3 = 270 mm of bleed block in 279.4 mm of paper.
    nine = plan_sheet(*LETTER, *poker, BLEED, 0.0, 4.5 * MM, 0.0, MARK_OFF, shared_cuts=True)
    assert (nine.cols, nine.rows) == (3, 3)
    assert_layout_sound(nine)
    assert plan_sheet(*LETTER, *poker, BLEED, 0.0, 5 * MM, 0.0, MARK_OFF, shared_cuts=True).rows == 2
    for plan in (per_card, rotated, shared, shared_rot):
        assert_layout_sound(plan)


def test_shared_cuts_bleed_only_on_the_outside():
    plan = plan_sheet(*LETTER, 63 * MM, 88 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, shared_cuts=True)
    a, b = plan.slot(0, 0), plan.slot(1, 0)
    assert a.trim.right == pytest.approx(b.trim.x)
    assert a.bleed.right == pytest.approx(a.trim.right) and a.bleed.x == pytest.approx(a.trim.x - BLEED)
    assert a.bleed.top == pytest.approx(a.trim.top + BLEED) and a.bleed.y == pytest.approx(a.trim.y)
    assert plan.slot(1, 1).bleed.y == pytest.approx(plan.slot(1, 1).trim.y - BLEED)
    xs = {round(x, 6) for s in plan.cut_lines() for x in (s[0][0], s[1][0]) if s[0][0] == s[1][0]}
    assert len(xs) == 4, "three columns butted share their inner cuts: 4 distinct vertical cuts"


def test_gutter_zero_marks_only_in_outer_margin():
    plan = plan_sheet(*A4, 88 * MM, 125 * MM, BLEED, 0.0, 6 * MM, MARK_LEN, MARK_OFF)
    marks = plan.crop_marks()
    x0, y0 = min(b.x for b in plan.bleeds), min(b.y for b in plan.bleeds)
    block = Rect(x0, y0, max(b.right for b in plan.bleeds) - x0, max(b.top for b in plan.bleeds) - y0)
    assert len(marks) == 16  # 4 per card: the 4 that point into the grid are dropped
    for m in marks:
        assert overlap_length(m, block) <= 1e-6, "with butted bleeds marks stay in the outer margin"
        assert seg_len(m) == pytest.approx(MARK_LEN)
        (x1, y1), (x2, y2) = m
        trims_x = {round(v, 6) for t in plan.trims for v in (t.x, t.right)}
        trims_y = {round(v, 6) for t in plan.trims for v in (t.y, t.top)}
        assert round(x1, 6) in trims_x if x1 == x2 else round(y1, 6) in trims_y, "marks align to trim lines"
        start_gap = min(abs(x1 - v) for v in trims_x) if y1 == y2 else min(abs(y1 - v) for v in trims_y)
        assert start_gap == pytest.approx(MARK_OFF)
    assert_layout_sound(plan)
    # Cut guides: each of the 4 distinct x and 4 distinct y cut lines appears in both outer margins.
    cuts = plan.cut_lines()
    assert len(cuts) == 16


def test_marks_in_gutters_are_shortened_then_full():
    # 4 mm gutter: between two trims there are 3 + 4 + 3 mm; a mark starting 3 mm out has 4 mm before the
    # neighbour's bleed, so it is shortened from 5 to 4 mm.
    plan = plan_sheet(*A4, 63 * MM, 88 * MM, BLEED, 4 * MM, 5 * MM, MARK_LEN, MARK_OFF)
    lengths = sorted({round(seg_len(m) / MM, 6) for m in plan.crop_marks()})
    assert lengths == [4.0, 5.0]
    assert_layout_sound(plan)
    # A gutter too narrow for min_length drops them; a wide one keeps full marks between cards.
    narrow = plan_sheet(*A4, 63 * MM, 88 * MM, BLEED, 0.5 * MM, 5 * MM, MARK_LEN, MARK_OFF)
    assert {round(seg_len(m) / MM, 6) for m in narrow.crop_marks()} == {5.0}
    wide = plan_sheet(*A4, 50 * MM, 70 * MM, BLEED, 12 * MM, 5 * MM, MARK_LEN, MARK_OFF)
    assert {round(seg_len(m) / MM, 6) for m in wide.crop_marks()} == {5.0}
    assert len(wide.crop_marks()) == 8 * wide.per_sheet
    assert_layout_sound(wide)


def test_mark_offset_inside_bleed_is_pushed_out():
    plan = plan_sheet(*A4, 63 * MM, 88 * MM, 5 * MM, 0.0, 5 * MM, MARK_LEN, 2 * MM)
    assert_layout_sound(plan)
    assert plan.crop_marks()


def test_card_larger_than_paper_raises():
    with pytest.raises(ImpositionError, match="no card fits") as info:
        plan_sheet(*A4, 300 * MM, 100 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF)
    assert isinstance(info.value, ValueError)
    assert "300.0 mm" in str(info.value)
    # Rotation rescues a card that only fits sideways.
    plan = plan_sheet(*A4, 250 * MM, 150 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, allow_rotate=True)
    assert (plan.per_sheet, plan.rotation) == (1, 90)
    with pytest.raises(ImpositionError, match="card_w"):
        plan_sheet(*A4, -1.0, 100.0, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF)
    with pytest.raises(ImpositionError, match="bleed"):
        plan_sheet(*A4, 100.0, 100.0, math.nan, 0.0, 5 * MM, MARK_LEN, MARK_OFF)
    with pytest.raises(ImpositionError, match="gutter"):
        plan_sheet(*A4, 100.0, 100.0, BLEED, -1.0, 5 * MM, MARK_LEN, MARK_OFF)


@st.composite
def paper_and_card(draw):
    """Paper from 150 pt to 900 pt and a card from 8 % to 100 % of it on each axis: grids stay under about
    12 x 12 (the checks are quadratic) while a fair share of cases fit nothing at all."""
    paper_w, paper_h = draw(st.floats(150, 900)), draw(st.floats(150, 900))
    return paper_w, paper_h, paper_w * draw(st.floats(0.08, 1.0)), paper_h * draw(st.floats(0.08, 1.0))


@settings(max_examples=300, deadline=None)
@given(
    sizes=paper_and_card(),
    bleed=st.floats(min_value=0, max_value=12),
    gutter=st.floats(min_value=0, max_value=30),
    margin=st.floats(min_value=0, max_value=20),
    mark_length=st.one_of(st.just(0.0), st.floats(0, 20)),
    mark_offset=st.floats(min_value=0, max_value=12),
    allow_rotate=st.booleans(),
    shared_cuts=st.booleans(),
)
def test_property_sheet(sizes, bleed, gutter, margin, mark_length, mark_offset, allow_rotate, shared_cuts):
    paper_w, paper_h, card_w, card_h = sizes
    args = (paper_w, paper_h, card_w, card_h, bleed, gutter, margin, mark_length, mark_offset)
    reach = max(bleed, max(mark_offset, bleed) + mark_length) if mark_length > 0 else bleed
    room_w, room_h = paper_w - 2 * (margin + reach), paper_h - 2 * (margin + reach)
    one_fits = (card_w <= room_w + 1e-3 and card_h <= room_h + 1e-3) or (
        allow_rotate and card_h <= room_w + 1e-3 and card_w <= room_h + 1e-3
    )
    try:
        plan = plan_sheet(*args, allow_rotate=allow_rotate, shared_cuts=shared_cuts)
    except ImpositionError:
        event("nothing fits")
        assert not one_fits
        return
    assert one_fits and plan.per_sheet >= 1
    event(f"per sheet {'1' if plan.per_sheet == 1 else '2-9' if plan.per_sheet < 10 else '10+'}")
    assert_layout_sound(plan)
    # Maximal: one more column or row would not fit.
    gap = 0.0 if shared_cuts else 2 * bleed + gutter
    w, h = plan.slots[0].trim.w, plan.slots[0].trim.h
    assert (plan.cols + 1) * w + plan.cols * gap > room_w + 1e-3
    assert (plan.rows + 1) * h + plan.rows * gap > room_h + 1e-3
    # Duplex: every back lands on its front, whichever edge the paper turns over.
    for flip in ("long", "short"):
        for s in plan.slots:
            placed = back_rect(plan, s.index, flip)
            assert land_after_flip(placed.trim, paper_w, paper_h, flip).isclose(s.trim, tol=1e-6)
            # Bleed too: with butted cards the bleed is one-sided, and mirrored columns mirror it.
            assert land_after_flip(placed.bleed, paper_w, paper_h, flip).isclose(s.bleed, tol=1e-6)


# --- duplex -----------------------------------------------------------------------------------------------

GRIDS = [(3, 3, 63, 88), (2, 2, 63, 88), (3, 2, 50, 100), (1, 1, 63, 88), (4, 2, 30, 100)]


@pytest.mark.parametrize(("cols", "rows", "cw", "ch"), GRIDS)
def test_back_slot_mapping_on_portrait(cols, rows, cw, ch):
    plan = grid_plan(cols, rows, cw, ch)
    assert plan.paper_h > plan.paper_w
    for s in plan.slots:
        long_index, long_rot = back_slot(plan, s.index, "long")
        long_back = plan.slots[long_index]
        assert (long_back.col, long_back.row, long_rot) == (cols - 1 - s.col, s.row, 0)
        short_index, short_rot = back_slot(plan, s.index, "short")
        short_back = plan.slots[short_index]
        assert (short_back.col, short_back.row, short_rot) == (s.col, rows - 1 - s.row, 180)


@pytest.mark.parametrize(("cols", "rows", "cw", "ch"), GRIDS)
@pytest.mark.parametrize("flip", ["long", "short"])
@pytest.mark.parametrize("gutter_mm", [0.0, 7.0])
def test_back_lands_on_front_after_flip(cols, rows, cw, ch, flip, gutter_mm):
    plan = grid_plan(cols, rows, cw, ch, gutter_mm)
    for s in plan.slots:
        placed = back_rect(plan, s.index, flip)
        landed = land_after_flip(placed.trim, plan.paper_w, plan.paper_h, flip)
        assert landed.isclose(s.trim, tol=TOL)
        assert land_after_flip(placed.bleed, plan.paper_w, plan.paper_h, flip).isclose(s.bleed, tol=TOL)
        dx, dy = registration_error(s.trim, placed.trim, plan.paper_w, plan.paper_h, flip)
        assert abs(dx) < TOL and abs(dy) < TOL


@pytest.mark.parametrize("flip", ["long", "short"])
def test_offsets_shift_the_landed_back(flip):
    plan = grid_plan(3, 3, 63, 88)
    ox, oy = 1.5 * MM, -2 * MM
    # Long flip on portrait mirrors x: a back-page shift right lands as a shift left. Short mirrors y.
    expected = (-ox, oy) if flip == "long" else (ox, -oy)
    for s in plan.slots:
        placed = back_rect(plan, s.index, flip, offset_x=ox, offset_y=oy)
        assert placed.trim.x == pytest.approx(back_rect(plan, s.index, flip).trim.x + ox)
        dx, dy = registration_error(s.trim, placed.trim, plan.paper_w, plan.paper_h, flip)
        assert (dx, dy) == pytest.approx(expected, abs=1e-6)
    # Correcting a measured misregistration: the printer lands backs (d, e) off -> pass (-d, -e).
    measured = (0.8 * MM, 1.2 * MM)
    for s in plan.slots:
        placed = back_rect(plan, s.index, flip, -measured[0], -measured[1])
        printed = placed.trim.translate(*measured)  # what the misregistering printer does
        landed = land_after_flip(printed, plan.paper_w, plan.paper_h, flip)
        assert landed.isclose(s.trim, tol=TOL)


@pytest.mark.parametrize("paper", [A4, A4_LANDSCAPE, LETTER])
@pytest.mark.parametrize("allow_rotate", [False, True])
@pytest.mark.parametrize("flip", ["long", "short"])
def test_back_reads_upright_when_card_is_turned_sideways(paper, allow_rotate, flip):
    """Follow an asymmetric point of the artwork: the back's point (u, v), after the paper is turned,
    must sit behind the front's point (-u, v), i.e. the card turned about its own vertical axis shows the
    back upright. Checked for rotated placements and landscape paper too."""
    plan = plan_sheet(*paper, 88 * MM, 63 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, allow_rotate=allow_rotate)
    w, h = plan.paper_w, plan.paper_h
    for s in plan.slots:
        placed = back_rect(plan, s.index, flip)
        for u, v in ((0.3, 0.4), (-0.2, 0.1)):
            back_pt = art_point(placed.trim, placed.rotation, u, v)
            landed = land_after_flip(Rect(*back_pt, 0, 0), w, h, flip)
            assert close((landed.x, landed.y), art_point(s.trim, plan.rotation, -u, v), tol=1e-6)


def test_duplex_rejects_bad_arguments():
    plan = grid_plan(2, 2, 63, 88)
    with pytest.raises(IndexError):
        back_slot(plan, 4, "long")
    with pytest.raises(ValueError, match="flip"):
        back_slot(plan, 0, "sideways")


# --- fold-over --------------------------------------------------------------------------------------------


def test_fold_pairs_meet_at_fold_and_mirror():
    plan = plan_fold(*A4, 63 * MM, 88 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF)
    assert (plan.fold, plan.cols, plan.rows, plan.per_sheet) == ("vertical", 1, 2, 2)
    assert (plan.rotation, plan.back_rotation) == (0, 0)
    for p in plan.pairs:
        (fx1, fy1), (fx2, fy2) = p.fold
        assert fx1 == fx2 == pytest.approx(p.front.right) == pytest.approx(p.back.x)
        assert (fy1, fy2) == pytest.approx((p.front.y, p.front.top))
        assert p.front_bleed.right == pytest.approx(fx1) == pytest.approx(p.back_bleed.x), "bleeds meet"
        assert p.front_bleed.x == pytest.approx(p.front.x - BLEED)
        assert p.back_bleed.right == pytest.approx(p.back.right + BLEED)
        mirrored = Rect(2 * fx1 - p.back.right, p.back.y, p.back.w, p.back.h)
        assert mirrored.isclose(p.front, tol=1e-6)
    assert_layout_sound(plan)
    assert_marks_clear(plan.fold_marks(), plan.bleeds, plan.printable)
    # Each fold continues into the top and bottom margins; between the two rows the butted bleeds leave
    # no room, so those two marks are dropped.
    assert len(plan.fold_marks()) == 2


def test_fold_maximises_pairs_with_rotation():
    plan = plan_fold(*A4, 63 * MM, 88 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, allow_rotate=True)
    # Cards turned sideways: pairs 176 x 63 mm, one across, four down.
    assert (plan.per_sheet, plan.fold, plan.rotation, plan.back_rotation) == (4, "vertical", 90, 270)
    assert_layout_sound(plan)
    horizontal = plan_fold(*A4, 63 * MM, 88 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, fold="horizontal")
    assert (horizontal.per_sheet, horizontal.back_rotation) == (2, 180)
    p = horizontal.pairs[0]
    assert p.front.y == pytest.approx(p.back.top) and p.front_bleed.y == pytest.approx(p.back_bleed.top)
    assert_layout_sound(horizontal)
    with pytest.raises(ValueError, match="fold"):
        plan_fold(*A4, 63 * MM, 88 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF, fold="diagonal")
    with pytest.raises(ImpositionError, match="fold-over"):
        plan_fold(*A4, 150 * MM, 250 * MM, BLEED, 0.0, 5 * MM, MARK_LEN, MARK_OFF)


@pytest.mark.parametrize("fold", ["vertical", "horizontal"])
@pytest.mark.parametrize("allow_rotate", [False, True])
def test_folded_back_reads_upright(fold, allow_rotate):
    plan = plan_fold(
        *A4, 88 * MM, 63 * MM, BLEED, 2 * MM, 5 * MM, MARK_LEN, MARK_OFF, fold=fold, allow_rotate=allow_rotate
    )
    for p in plan.pairs:
        (fx, fy), _ = p.fold
        for u, v in ((0.3, 0.4), (-0.2, 0.1)):
            back_pt = art_point(p.back, plan.back_rotation, u, v)
            axis, about = ("x", fx) if fold == "vertical" else ("y", fy)
            folded = mirror_point(back_pt, axis, about)
            assert close(folded, art_point(p.front, plan.rotation, -u, v), tol=1e-6)


@settings(max_examples=150, deadline=None)
@given(
    sizes=paper_and_card(),
    bleed=st.floats(min_value=0, max_value=12),
    gutter=st.floats(min_value=0, max_value=30),
    margin=st.floats(min_value=0, max_value=20),
    allow_rotate=st.booleans(),
)
def test_property_fold(sizes, bleed, gutter, margin, allow_rotate):
    paper_w, paper_h, card_w, card_h = sizes
    try:
        plan = plan_fold(
            paper_w,
            paper_h,
            card_w,
            card_h,
            bleed,
            gutter,
            margin,
            MARK_LEN,
            MARK_OFF,
            allow_rotate=allow_rotate,
        )
    except ImpositionError:
        assume(False)
        return
    assert_layout_sound(plan)
    assert_marks_clear(plan.fold_marks(), plan.bleeds, plan.printable)


# --- booklets ---------------------------------------------------------------------------------------------


def table(order):
    """{(sheet, side): (left position, right position)}"""
    return {(s.sheet, s.side): (s.left, s.right) for s in order.sides}


def test_saddle_order_8_and_12_explicit():
    # fmt: off
    assert table(saddle_order(8)) == {
        (0, "front"): (8, 1), (0, "back"): (2, 7),
        (1, "front"): (6, 3), (1, "back"): (4, 5),
    }
    assert table(saddle_order(12)) == {
        (0, "front"): (12, 1), (0, "back"): (2, 11),
        (1, "front"): (10, 3), (1, "back"): (4, 9),
        (2, "front"): (8, 5), (2, "back"): (6, 7),
    }
    # fmt: on
    order = saddle_order(12)
    assert [(s.sheet, s.side) for s in order.sides][:3] == [(0, "front"), (0, "back"), (1, "front")]
    assert all(s.left_page == s.left and s.right_page == s.right for s in order.sides)
    assert (order.padded, order.n_sheets, order.padding) == (12, 3, ())


@pytest.mark.parametrize("n", [4, 8, 12, 16, 20, 13])
def test_saddle_order_formula(n):
    order = saddle_order(n)
    p = order.padded
    assert p == n + (-n % 4) and p % 4 == 0
    assert len(order.sides) == p // 2
    for k in range(p // 4):
        assert table(order)[(k, "front")] == (p - 2 * k, 2 * k + 1)
        assert table(order)[(k, "back")] == (2 * k + 2, p - 2 * k - 1)
    positions = sorted(x for s in order.sides for x in (s.left, s.right))
    assert positions == list(range(1, p + 1)), "every position printed exactly once"
    # Facing halves of one side always add up to p + 1.
    assert all(s.left + s.right == p + 1 for s in order.sides)


def test_13_pages_padded_to_16_back_cover_last():
    order = saddle_order(13)
    assert (order.n_pages, order.padded, order.n_sheets) == (13, 16, 4)
    assert order.padding == (13, 14, 15)
    assert order.pages == (*range(1, 13), None, None, None, 13)
    outer_front = order.sides[0]
    assert (outer_front.left, outer_front.right) == (16, 1)
    assert (outer_front.left_page, outer_front.right_page) == (13, 1), "back cover on the outside"
    with_notes = saddle_order(13, notes_available=2)
    assert with_notes.pages[12:] == (NOTES, NOTES, None, 13)
    assert with_notes.padding == (13, 14, 15)


def test_pad_pages_policy():
    assert pad_pages(16) == tuple(range(1, 17))
    assert pad_pages(13, notes_available=5) == (*range(1, 13), NOTES, NOTES, NOTES, 13)
    assert pad_pages(14, notes_available=1) == (*range(1, 14), NOTES, None, 14)
    assert pad_pages(2) == (1, None, None, 2)
    assert pad_pages(1, notes_available=1) == (1, NOTES, None, None)
    for bad in (0, -3):
        with pytest.raises(ImpositionError):
            pad_pages(bad)
    with pytest.raises(ImpositionError):
        pad_pages(8, notes_available=-1)


def physical_place(sheet_w, sheet_h, rect: Rect, side: str, rotation: int, flip: str):
    """Which physical half of the sheet (as seen from its front side) a page drawn at `rect` on `side`
    occupies, and where its 'up' points in front-side coordinates (seen through the paper for a back)."""
    centre = (sheet_w / 2, sheet_h / 2)

    def to_front(p):
        p = rotate_about(p, centre, rotation)
        if side == "back":
            landed = land_after_flip(Rect(*p, 0, 0), sheet_w, sheet_h, flip)
            p = (landed.x, landed.y)
        return p

    c = to_front(rect.centre)
    above = to_front((rect.centre[0], rect.centre[1] + 1))
    return ("L" if c[0] < sheet_w / 2 else "R"), (round(above[0] - c[0]), round(above[1] - c[1]))


@pytest.mark.parametrize("n", [8, 12, 16, 20, 13])
@pytest.mark.parametrize("flip", ["short", "long"])
def test_folding_the_stack_reads_in_order(n, flip):
    """Print every side on A4 landscape, turn the paper for the backs, stack sheet 0 outermost, fold at the
    spine: reading the booklet must give positions 1..padded in order, every page upright."""
    order = saddle_order(n, flip)
    sw, sh = A4_LANDSCAPE
    slots = booklet_slots(sw, sh, *A5)
    faces = {}  # (sheet, physical half, face) -> position
    for s in order.sides:
        for rect, pos in ((slots.left, s.left), (slots.right, s.right)):
            half, up = physical_place(sw, sh, rect, s.side, s.rotation, flip)
            # Seen through the paper from the front, an upright back page turned about the spine (a
            # vertical axis) still points up: every page must have up = (0, 1) in front coordinates.
            assert up == (0, 1), f"position {pos} on sheet {s.sheet} {s.side} is not upright"
            faces[(s.sheet, half, s.side)] = pos
    m = order.n_sheets
    reading = []
    for k in range(m):  # right halves, outside in: front face then back face
        reading += [faces[(k, "R", "front")], faces[(k, "R", "back")]]
    for k in reversed(range(m)):  # left halves, inside out: back face then front face
        reading += [faces[(k, "L", "back")], faces[(k, "L", "front")]]
    assert reading == list(range(1, order.padded + 1))
    assert {s.rotation for s in order.sides if s.side == "back"} == ({0} if flip == "short" else {180})
    assert {s.rotation for s in order.sides if s.side == "front"} == {0}


def test_creep_shift():
    creep = 0.1 * MM
    assert creep_shift(0, 4, creep) == (0.0, 0.0)
    left, right = creep_shift(3, 4, creep)
    assert left == pytest.approx(0.3 * MM) and right == pytest.approx(-0.3 * MM)
    shifts = [creep_shift(k, 5, creep)[0] for k in range(5)]
    assert shifts == sorted(shifts), "inner sheets shift more"
    with pytest.raises(IndexError):
        creep_shift(4, 4, creep)
    with pytest.raises(ImpositionError):
        creep_shift(0, 4, -1.0)


def test_booklet_slots_a5_on_a4_landscape():
    sw, sh = A4_LANDSCAPE
    slots = booklet_slots(sw, sh, *A5, staple_mark=6 * MM)
    # A5 is 148 mm wide, half of A4's 297 mm is 148.5: the spread sits 0.5 mm in from each short edge.
    assert slots.left.isclose(Rect(0.5 * MM, 0, A5[0], A5[1]), tol=1e-3)
    assert slots.right.x == pytest.approx(sw / 2) == pytest.approx(slots.left.right)
    assert slots.spine == ((sw / 2, slots.left.y), (sw / 2, slots.left.top))
    (a, b) = slots.staple_marks
    for seg, frac in ((a, 0.25), (b, 0.75)):
        (x1, y1), (x2, y2) = seg
        assert x1 == x2 == pytest.approx(sw / 2)
        assert (y1 + y2) / 2 == pytest.approx(slots.left.y + frac * A5[1])
        assert y2 - y1 == pytest.approx(6 * MM)
    smaller = booklet_slots(sw, sh, 140 * MM, 200 * MM)
    assert smaller.left.centre[1] == pytest.approx(sh / 2)
    assert smaller.right.right - sw / 2 == pytest.approx(140 * MM)
    with pytest.raises(ImpositionError, match="landscape"):
        booklet_slots(*A4, 100, 100)
    with pytest.raises(ImpositionError, match="do not fit"):
        booklet_slots(sw, sh, 150 * MM, 200 * MM)
