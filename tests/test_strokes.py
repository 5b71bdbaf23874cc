"""Each stroke kind's geometry on real body views, read from the diagram primitives (no PDF): which way it
travels, on which side it lands, where its order number sits, and that strokes sharing a path stay apart.

Directions are on the page (y up): on the foot sole the toes are at the top, so heel -> toes runs upwards.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from cardgen.diagrams.geometry import length, signed_area, sub
from cardgen.diagrams.primitives import Arc, Arrowhead, Circle, Label, Polyline, StrokeMarks
from cardgen.diagrams.strokes import MIN_CIRCLE_R, SHARED_GAP, expand
from cardgen.diagrams.views import View, shipped_view
from cardgen.diagrams.vocabulary import Stroke


def sole() -> View:
    return shipped_view("foot_sole")


def neck() -> View:
    return shipped_view("neck_shoulders")


def marks(*strokes: Stroke) -> tuple[StrokeMarks, ...]:
    return expand(list(strokes)).strokes


def heads(m: StrokeMarks) -> list[Arrowhead]:
    return [p for p in m.primitives if isinstance(p, Arrowhead)]


def dot(a: tuple[float, float], b: tuple[float, float]) -> float:
    return a[0] * b[0] + a[1] * b[1]


def test_tap_is_a_row_of_dots_from_start_to_end_with_an_arrowhead() -> None:
    heel, toes = sole().point("heel", "centre"), sole().point("toes", "centre")
    (m,) = marks(Stroke("tap", "centre", ("heel", "toes"), view=sole()))
    dots = [p for p in m.primitives if isinstance(p, Circle) and p.filled]
    assert len(dots) >= 5
    # in order from the heel towards the toes, each on the line between them
    ys = [d.centre[1] for d in dots]
    assert ys == sorted(ys) and abs(ys[0] - heel[1]) < 0.03
    for d in dots:
        assert abs(d.centre[0] - (heel[0] + (toes[0] - heel[0]) * (d.centre[1] - heel[1]) / (toes[1] - heel[1]))) < 1e-6
    (head,) = heads(m)
    assert length(sub(head.tip, toes)) < 1e-6 and head.direction[1] > 0.99  # upwards, to the toes
    assert not any(isinstance(p, Polyline) for p in m.primitives)  # dots only: told apart from a glide


def test_friction_zigzags_across_its_path_and_ends_in_an_arrowhead() -> None:
    v = sole()
    start, end = v.point("outer_edge", "centre"), v.point("little_toe", "centre")
    (m,) = marks(Stroke("friction", "centre", ("outer_edge", "little_toe"), view=v))
    (line,) = [p for p in m.primitives if isinstance(p, Polyline)]
    along = sub(end, start)
    sides = [math.copysign(1, along[0] * (p[1] - start[1]) - along[1] * (p[0] - start[0])) for p in line.points[1:-2]]
    assert len(sides) >= 6 and all(a != b for a, b in pairwise(sides))  # alternates every point
    (head,) = heads(m)
    assert length(sub(head.tip, end)) < 1e-6 and dot(head.direction, along) > 0


def test_stretch_is_two_arrows_pulling_apart_from_the_middle() -> None:
    v = shipped_view("foot_top")
    instep, toes = v.point("instep", "centre"), v.point("toes", "centre")
    (m,) = marks(Stroke("stretch", "centre", ("instep", "toes"), view=v))
    down, up = sorted(heads(m), key=lambda h: h.tip[1])
    assert length(sub(down.tip, instep)) < 1e-6 and down.direction[1] < -0.99  # pulled back towards the instep
    assert length(sub(up.tip, toes)) < 1e-6 and up.direction[1] > 0.99  # and out towards the toes
    (bar,) = [p for p in m.primitives if isinstance(p, Polyline) and p.role == "mark"]
    middle = ((instep[0] + toes[0]) / 2, (instep[1] + toes[1]) / 2)
    centre = ((bar.points[0][0] + bar.points[1][0]) / 2, (bar.points[0][1] + bar.points[1][1]) / 2)
    assert length(sub(centre, middle)) < 1e-6 and abs(dot(sub(*bar.points), sub(toes, instep))) < 1e-9  # across


def test_press_is_a_dot_in_a_ring_with_its_seconds_away_from_the_middle() -> None:
    v = neck()
    left, right = marks(Stroke("press", "both", at="shoulder_top", hold=5, view=v))
    assert (left.side, right.side) == ("left", "right")
    for m, sign in ((left, -1), (right, 1)):
        point = v.point("shoulder_top", m.side)
        (filled,) = [p for p in m.primitives if isinstance(p, Circle) and p.filled]
        (ring,) = [p for p in m.primitives if isinstance(p, Circle) and not p.filled]
        (label,) = [p for p in m.primitives if isinstance(p, Label)]
        assert filled.centre == pytest.approx(point) and ring.centre == pytest.approx(point)
        assert ring.radius > filled.radius * 1.5
        assert label.text == "5 s" and sign * (label.pos[0] - point[0]) > ring.radius  # outside the ring, outward
        assert not heads(m)  # nothing moves


def test_hold_is_a_dashed_area_around_its_landmark_without_arrows() -> None:
    v = sole()
    (m,) = marks(Stroke("hold", "centre", at="arch", view=v))
    (area,) = m.primitives
    assert isinstance(area, Polyline) and area.closed and area.dash
    arch = v.point("arch", "centre")
    radii = {round(length(sub(p, arch)), 6) for p in area.points}
    assert len(radii) == 1 and radii.pop() >= v.radius("arch") - 1e-6


@pytest.mark.parametrize(("mirror", "right_ccw"), [(True, False), (False, True)])
def test_both_circles_turn_mirrored_or_the_same_as_declared(mirror: bool, right_ccw: bool) -> None:
    v = neck()
    left, right = marks(
        Stroke("circle", "both", around="shoulder_blade", turn="counterclockwise", mirror=mirror, view=v)
    )
    arcs = {m.side: next(p for p in m.primitives if isinstance(p, Arc)) for m in (left, right)}
    assert signed_area(arcs["left"].outline()) > 0  # the left turns as declared: counter-clockwise on the page
    assert (signed_area(arcs["right"].outline()) > 0) is right_ccw
    assert arcs["left"].centre[0] < 0.5 < arcs["right"].centre[0]  # body's left on the reader's left (from behind)


def test_a_circle_around_a_small_landmark_is_not_a_blob() -> None:
    v = neck()
    assert v.radius("neck") < MIN_CIRCLE_R
    (m,) = marks(Stroke("circle", "centre", around="neck", view=v))
    (arc,) = [p for p in m.primitives if isinstance(p, Arc)]
    assert arc.radius == MIN_CIRCLE_R and arc.centre == pytest.approx(v.point("neck", "centre"))


def test_glide_down_the_arm_on_the_seated_view_lands_on_each_side() -> None:
    v = neck()
    left, right = marks(Stroke("glide", "both", ("shoulder_edge", "upper_arm", "elbow"), view=v))
    for m in (left, right):
        (head,) = heads(m)
        assert head.tip == pytest.approx(v.point("elbow", m.side)) and head.direction[1] < 0  # down the arm
    assert heads(left)[0].tip[0] < 0.5 < heads(right)[0].tip[0]


def test_a_one_limb_view_draws_side_both_once() -> None:
    v = sole()
    (m,) = marks(Stroke("glide", "both", ("heel", "toes"), view=v))
    assert m.side == "centre"


def test_strokes_sharing_a_path_are_drawn_side_by_side_and_keep_their_arrowheads() -> None:
    v = sole()
    up, down = marks(
        Stroke("glide", "centre", ("heel", "toes"), order=1, view=v),
        Stroke("glide", "centre", ("toes", "heel"), order=2, view=v),
    )
    (a,), (b,) = heads(up), heads(down)
    lines = [next(p for p in m.primitives if isinstance(p, Polyline)) for m in (up, down)]
    # the two lines run parallel, SHARED_GAP apart, and neither arrowhead sits on the other line
    (a0, a1), (b0, b1) = lines[0].points, lines[1].points
    d = sub(a1, a0)
    for q in (b0, b1):
        assert abs(d[0] * (q[1] - a0[1]) - d[1] * (q[0] - a0[0])) / length(d) == pytest.approx(SHARED_GAP, abs=1e-6)
    assert length(sub(a.tip, b.tip)) > a.size * 2
    assert a.direction[1] > 0 > b.direction[1]


def test_order_numbers_sit_on_each_stroke_start() -> None:
    v = sole()
    first, second = marks(
        Stroke("thumb_walk", "centre", ("heel", "arch", "ball"), order=1, view=v),
        Stroke("press", "centre", at="ball", hold=5, order=2, view=v),
    )
    disc1 = next(p for p in first.primitives if isinstance(p, Label) and p.role == "order")
    disc2 = next(p for p in second.primitives if isinstance(p, Label) and p.role == "order")
    assert disc1.text == "1" and disc1.pos == pytest.approx(v.point("heel", "centre"))
    ball = v.point("ball", "centre")
    assert disc2.text == "2" and disc2.pos[1] > ball[1] and abs(disc2.pos[0] - ball[0]) < 1e-9  # above the press


def test_every_kind_stays_inside_its_view() -> None:
    v = sole()
    strokes = [
        Stroke("tap", "centre", ("heel", "inner_edge", "big_toe"), view=v),
        Stroke("friction", "centre", ("outer_edge", "little_toe"), order=2, view=v),
        Stroke("stretch", "centre", ("arch", "toes"), order=3, view=v),
        Stroke("press", "centre", at="big_toe", hold=3, order=4, view=v),
        Stroke("hold", "centre", at="heel", order=5, view=v),
        Stroke("circle", "centre", around="ball", order=6, repeat=3, view=v),
    ]
    diagram = expand(strokes)
    assert diagram.bounds == v.bounds
    x0, y0, x1, y1 = v.bounds
    for p in diagram.primitives():
        for x, y in p.outline():
            assert x0 - 0.12 <= x <= x1 + 0.12 and y0 - 0.01 <= y <= y1 + 0.01


def test_unknown_landmark_names_the_view_and_lists_its_landmarks() -> None:
    with pytest.raises(ValueError, match=r"view foot_sole has no landmark 'spine_mid'; its landmarks: toes, "):
        expand([Stroke("glide", "centre", ("heel", "spine_mid"), view=sole())])


def test_numbers_never_cover_each_other_or_a_press_in_a_crowded_neck() -> None:
    v = neck()
    groups = marks(
        Stroke("glide", "both", ("neck", "shoulder_top", "shoulder_edge"), order=1, view=v),
        Stroke("circle", "centre", around="neck", order=2, view=v),
        Stroke("press", "both", at="occiput", hold=5, order=3, view=v),
    )
    discs = [p for m in groups for p in m.primitives if isinstance(p, Circle) and p.role == "order"]
    assert len(discs) == 5
    for i, a in enumerate(discs):
        for b in discs[i + 1 :]:
            assert length(sub(a.centre, b.centre)) >= a.radius + b.radius - 1e-9
    presses = [
        p for m in groups if m.kind == "press" for p in m.primitives if isinstance(p, Circle) and p.role == "stroke"
    ]
    assert len(presses) == 2 and length(sub(presses[0].centre, presses[1].centre)) >= 2 * presses[0].radius  # apart
    for ring in presses:
        for d in discs:
            assert length(sub(ring.centre, d.centre)) >= ring.radius + d.radius - 1e-9
