"""Directional diagrams: geometry checked on the primitives, and each step's picture checked against a golden.

The geometry tests need no PDF: they read `expand()`'s primitives and check what a reader would see (which way
arrows point, which way circles turn, that both sides mirror each other, that nothing leaves the box).

The golden tests render each step of content/routine.yaml into a small PDF with reportlab, rasterise it with
pypdfium2 and compare it with tests/goldens/diagrams/<step_id>.png within a tolerance. After an intended
change to the drawing, regenerate the goldens with

    CARDGEN_UPDATE_GOLDENS=1 PYTHONPATH=. pytest tests/test_diagrams.py

then look at the new PNGs before committing them.
"""

from __future__ import annotations

import os
import re
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image, ImageChops
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cardgen.diagrams.draw import draw_diagram
from cardgen.diagrams.geometry import signed_area
from cardgen.diagrams.legend import legend_items
from cardgen.diagrams.primitives import Arc, Arrowhead, Circle, Diagram, Label, Polyline, StrokeMarks
from cardgen.diagrams.strokes import expand, validate
from cardgen.diagrams.views import default_view
from cardgen.diagrams.vocabulary import STROKE_KINDS, Stroke

BOUNDS = default_view().bounds
LANDMARKS = default_view().names


def landmark(name: str, side: str) -> tuple[float, float]:
    return default_view().point(name, side)


ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "goldens" / "diagrams"
UPDATE = os.environ.get("CARDGEN_UPDATE_GOLDENS") == "1"
#: Golden tolerance: mean absolute difference per channel (0-255); share of pixels differing by more than 48.
MEAN_TOLERANCE, PIXEL_TOLERANCE = 1.5, 0.004

SMALL_ROUTINE = """
steps:
  - id: neck_glide
    diagram:
      - {kind: glide, path: [shoulder_edge, neck], side: both}
  - id: neck_circles
    diagram:
      - {kind: circle, around: neck, side: centre, turn: counterclockwise, order: 1}
      - {kind: circle, around: shoulder_edge, side: right, turn: clockwise, order: 2, repeat: 3}
  - id: trapezius_knead
    diagram:
      - {kind: knead, path: [shoulder_edge, spine_top], side: left, pressure: firm}
      - {kind: wave, path: [spine_mid, neck], side: centre, order: 2}
"""


def _strokes(raw: list[dict]) -> list[Stroke]:
    return [Stroke(**{k: tuple(v) if k == "path" else v for k, v in item.items()}) for item in raw]


def _routine(text: str | None = None) -> dict[str, list[Stroke]]:
    data = yaml.safe_load(text if text is not None else (ROOT / "content" / "routine.yaml").read_text())
    return {step["id"]: _strokes(step["diagram"]) for step in data["steps"]}


STEPS = _routine()


def _marks(step: str, order: int | None = None, side: str | None = None) -> list[StrokeMarks]:
    return [
        m
        for m in expand(STEPS[step]).strokes
        if (order is None or m.order == order) and (side is None or m.side == side)
    ]


def _head(marks: StrokeMarks) -> Arrowhead:
    (head,) = [p for p in marks.primitives if isinstance(p, Arrowhead)]
    return head


def _tail(marks: StrokeMarks) -> tuple[float, float]:
    """Where the movement starts: the first point of its first line or mark."""
    first = next(p for p in marks.primitives if isinstance(p, Polyline | Arc))
    return first.outline()[0]


# --- geometry -----------------------------------------------------------------------------------------------


def test_every_step_of_the_routine_expands() -> None:
    for step, strokes in STEPS.items():
        diagram = expand(strokes)
        assert diagram.strokes, step
        assert diagram.background, step


def test_upward_glide_arrowhead_is_above_its_tail() -> None:
    for step, order in (("stroking", 1), ("spine_stretch", 1), ("palm_rubbing", 1), ("finishing", 1)):
        for marks in _marks(step, order):
            assert _head(marks).tip[1] > _tail(marks)[1] + 0.2, (step, marks.side)
            assert _head(marks).direction[1] > 0


def test_stroking_comes_back_down_to_the_waist() -> None:
    for marks in _marks("stroking", 3):
        assert _head(marks).tip[1] < _tail(marks)[1]
        assert _head(marks).direction[1] < 0


def test_both_sides_are_mirror_images_about_the_spine() -> None:
    checked = 0
    for strokes in STEPS.values():
        groups = expand(strokes).strokes
        for s in strokes:
            if s.side != "both":
                continue
            (left,) = [g for g in groups if g.order == s.order and g.kind == s.kind and g.side == "left"]
            (right,) = [g for g in groups if g.order == s.order and g.kind == s.kind and g.side == "right"]
            assert len(left.primitives) == len(right.primitives)
            for a, b in zip(left.primitives, right.primitives, strict=True):
                assert type(a) is type(b)
                # Compare as point sets: a mirrored triangle or box lists its corners in the other order.
                theirs = b.outline()
                assert len(theirs) == len(a.outline())
                for x, y in a.outline():
                    assert min(abs(1 - x - xb) + abs(y - yb) for xb, yb in theirs) < 1e-9
                checked += 1
    assert checked >= 40


def test_body_left_is_on_the_viewers_left() -> None:
    for name in ("shoulder_edge", "shoulder_blade", "waist", "flank", "buttock"):
        left, right = landmark(name, "left"), landmark(name, "right")
        assert left[0] < 0.5 < right[0]
        assert right == pytest.approx((1 - left[0], left[1]))
    beside = landmark("spine_top", "left")
    assert 0.4 < beside[0] < 0.5 and landmark("spine_top", "centre")[0] == 0.5


def _arc(marks: StrokeMarks) -> Arc:
    (arc,) = [p for p in marks.primitives if isinstance(p, Arc)]
    return arc


def test_circle_direction_as_seen_on_the_page() -> None:
    # y is up, so clockwise on the page has a negative signed area; "both" mirrors, so the right turns back.
    for step, order, left_clockwise in (("stroking", 2, False), ("shoulder_kneading", 2, False)):
        left, right = _arc(_marks(step, order, "left")[0]), _arc(_marks(step, order, "right")[0])
        assert (signed_area(left.outline()) < 0) is left_clockwise
        assert (signed_area(right.outline()) < 0) is not left_clockwise
        assert 270 <= abs(left.sweep) <= 300  # 300° less the arrowhead
    for side in ("left", "right", "centre"):
        for turn in ("clockwise", "counterclockwise"):
            around = "spine_mid" if side == "centre" else "shoulder_blade"
            (marks,) = expand([Stroke("circle", side, around=around, turn=turn)]).strokes
            assert (signed_area(_arc(marks).outline()) < 0) is (turn == "clockwise"), (side, turn)


def test_circle_arrowhead_follows_the_turn() -> None:
    (marks,) = expand([Stroke("circle", "left", around="shoulder_blade", turn="clockwise")]).strokes
    arc, head = _arc(marks), _head(marks)
    cx, cy = arc.centre
    tx, ty = head.tip[0] - cx, head.tip[1] - cy
    cross = tx * head.direction[1] - ty * head.direction[0]
    assert cross < 0  # moving clockwise around the centre


def test_wave_travels_upward_and_waves() -> None:
    for marks in _marks("wave"):
        head = _head(marks)
        assert head.direction[1] > 0.9 and head.tip[1] > _tail(marks)[1] + 0.2
        line = next(p for p in marks.primitives if isinstance(p, Polyline))
        xs = [x for x, _ in line.points]
        mid = sum(xs) / len(xs)
        crossings = sum(1 for a, b in pairwise(xs) if (a - mid) * (b - mid) < 0)
        assert crossings >= 6


def test_thumb_walk_goes_down_both_sides_of_the_spine() -> None:
    groups = _marks("spine_stretch", 2)
    assert {g.side for g in groups} == {"left", "right"}
    for marks in groups:
        prints = [p for p in marks.primitives if isinstance(p, Polyline) and p.role == "mark"]
        centres = [sum(y for _, y in p.points) / len(p.points) for p in prints]
        assert len(prints) >= 4 and centres == sorted(centres, reverse=True)
        head = _head(marks)
        assert head.direction[1] < -0.9 and head.tip[1] < centres[-1]
        assert all(abs(x - 0.5) < 0.1 for p in prints for x, _ in p.points)


def test_kneading_moves_from_the_shoulder_edges_inward() -> None:
    for marks in _marks("shoulder_kneading", 1):
        start, tip = _tail(marks), _head(marks).tip
        assert abs(tip[0] - 0.5) < abs(start[0] - 0.5) - 0.15
        pinches = [p for p in marks.primitives if p.role == "mark"]
        assert len(pinches) >= 4 and len(pinches) % 2 == 0


def test_circular_rubbing_loops_bottom_up_one_side_then_the_other() -> None:
    left, right = _marks("circular_rubbing", 1), _marks("circular_rubbing", 2)
    assert [m.side for m in left] == ["left"] and [m.side for m in right] == ["right"]
    for marks in (*left, *right):
        assert _head(marks).tip[1] > _tail(marks)[1] + 0.1


def test_rest_is_a_towel_and_a_clock_with_the_minutes() -> None:
    (marks,) = _marks("rest")
    roles = {p.role for p in marks.primitives}
    assert {"towel", "clock", "label"} <= roles
    assert [p.text for p in marks.primitives if isinstance(p, Label)] == ["15 min"]


def test_pressure_is_line_weight_not_colour() -> None:
    light = next(p for p in _marks("stroking", 1)[0].primitives if isinstance(p, Polyline))
    firm = next(p for p in _marks("spine_stretch", 1)[0].primitives if isinstance(p, Polyline))
    assert firm.style == "firm" and light.style == "light"
    assert firm.width >= 1.8 * light.width


def test_order_discs_only_when_a_step_has_several_orders_and_repeats_labelled() -> None:
    def labels(step: str) -> list[str]:
        return sorted(p.text for m in _marks(step) for p in m.primitives if isinstance(p, Label))

    assert labels("stroking") == ["1", "1", "2", "2", "3", "3"]
    assert labels("palm_rubbing") == ["×5", "×5"]
    assert not any(isinstance(p, Circle) for m in _marks("palm_rubbing") for p in m.primitives)


def _inside(diagram: Diagram) -> None:
    x0, y0, x1, y1 = diagram.bounds
    for p in diagram.primitives():
        for x, y in p.outline():
            assert x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6, (p, x, y)


def test_all_primitives_stay_inside_the_silhouette_box() -> None:
    for strokes in [*STEPS.values(), *_routine(SMALL_ROUTINE).values()]:
        diagram = expand(strokes)
        assert diagram.bounds == BOUNDS
        _inside(diagram)


def test_diagrams_carry_numbers_only_never_language() -> None:
    for strokes in STEPS.values():
        for p in expand(strokes).primitives():
            if isinstance(p, Label):
                assert re.fullmatch(r"\d+|×\d+|\d+ min", p.text), p.text


def test_a_second_routine_builds_from_the_vocabulary_alone() -> None:
    steps = _routine(SMALL_ROUTINE)
    assert set(steps) == {"neck_glide", "neck_circles", "trapezius_knead"}
    circles = expand(steps["neck_circles"]).strokes
    assert [(m.kind, m.side) for m in circles] == [("circle", "centre"), ("circle", "right")]
    assert (signed_area(_arc(circles[1]).outline()) < 0) is True


def test_validate_names_the_problem_and_the_allowed_names() -> None:
    assert all(validate(s) == [] for strokes in STEPS.values() for s in strokes)
    (bad_landmark,) = validate(Stroke("glide", "both", ("waist", "shoulderblade")))
    assert "view back has no landmark 'shoulderblade'" in bad_landmark and all(n in bad_landmark for n in LANDMARKS)
    bad_kind = validate(Stroke("stroke", "both", ("waist", "neck")))  # type: ignore[arg-type]
    assert any("unknown stroke kind 'stroke'" in m and all(k in m for k in STROKE_KINDS) for m in bad_kind)
    assert any("needs 'around'" in m for m in validate(Stroke("circle", "both")))
    assert any("at least 2 landmarks" in m for m in validate(Stroke("wave", "left", ("spine_low",))))
    assert any("side 'centre'" in m for m in validate(Stroke("glide", "centre", ("waist", "neck"))))
    assert any("unknown side" in m for m in validate(Stroke("glide", "middle", ("sacrum", "neck"))))  # type: ignore[arg-type]
    assert any("beside the spine" in m for m in validate(Stroke("thumb_walk", "centre", ("neck", "sacrum"))))
    assert any("minutes" in m for m in validate(Stroke("rest", "centre")))
    with pytest.raises(ValueError, match="has no landmark 'elbow'"):
        expand([Stroke("glide", "both", ("waist", "elbow"))])


def test_legend_has_every_symbol_inside_its_box() -> None:
    items = legend_items()
    keys = [item.key for item in items]
    for key in (
        "glide_light",
        "glide_firm",
        "circle_clockwise",
        "loops",
        "thumb_walk",
        "wave",
        "knead",
        "rest",
    ):
        assert key in keys
    for item in items:
        assert item.diagram.strokes
        _inside(item.diagram)


# --- PNG goldens -------------------------------------------------------------------------------------------

COLOURS = {
    "stroke_color": CMYKColor(0.9, 0.5, 0, 0.3),
    "outline_color": CMYKColor(0, 0, 0, 0.75),
    "accent_color": CMYKColor(0, 0.75, 1, 0.25),
}
BOX_MM = (80, 65)


@pytest.fixture(scope="module")
def label_font() -> str:
    name = "NotoSans-Bold"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(ROOT / "fonts" / "NotoSans-Bold.ttf")))
    return name


def _render(diagram: Diagram, pdf: Path, font: str, **colours: Color) -> Image.Image:
    w, h = BOX_MM[0] * mm, BOX_MM[1] * mm
    canvas = Canvas(str(pdf), pagesize=(w, h), invariant=True)
    draw_diagram(canvas, diagram, 0, 0, w, h, label_font=font, label_size=7, **(colours or COLOURS))
    canvas.save()
    assert b"/Subtype /Image" not in pdf.read_bytes(), "diagrams must be vector paths only"
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[0].render(scale=100 / 72).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.parametrize("step", list(STEPS))
def test_diagram_matches_golden_png(step: str, tmp_path: Path, label_font: str) -> None:
    image = _render(expand(STEPS[step]), tmp_path / f"{step}.pdf", label_font)
    golden = GOLDENS / f"{step}.png"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        image.save(golden, optimize=True)
        return
    assert golden.exists(), f"no golden for {step}; run with CARDGEN_UPDATE_GOLDENS=1 to create it"
    expected = Image.open(golden).convert("RGB")
    assert expected.size == image.size
    diff = ImageChops.difference(expected, image)
    histogram = diff.convert("L").histogram()
    pixels = image.size[0] * image.size[1]
    mean = sum(sum(i * n for i, n in enumerate(diff.getchannel(c).histogram())) for c in range(3)) / (3 * pixels)
    differing = sum(histogram[48:]) / pixels
    assert mean <= MEAN_TOLERANCE and differing <= PIXEL_TOLERANCE, (
        f"{step}: mean diff {mean:.2f}, {differing:.2%} pixels differ; if intended, regenerate with "
        "CARDGEN_UPDATE_GOLDENS=1 and look at the PNGs"
    )


def test_drawing_accepts_rgb_colours(tmp_path: Path, label_font: str) -> None:
    rgb = {
        "stroke_color": Color(0, 0, 0),
        "outline_color": Color(0.3, 0.3, 0.3),
        "accent_color": Color(0, 0, 0),
    }
    image = _render(expand(STEPS["rest"]), tmp_path / "rgb.pdf", label_font, **rgb)
    assert image.convert("L").getextrema()[0] < 60
