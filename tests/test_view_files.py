"""The shipped body-view SVGs keep the view file format of issue 15 (a contract with the view loader).

Each view is read with the standard library only, as a routine author's own file would be by the loader, and
checked for what a stroke needs from it: the root's data-* attributes, an outline drawn with plain strokes,
only the allowed elements and no transforms, every landmark the view must have (listed in
cardgen/diagrams/views/required.yaml), paired landmarks on the side data-left names and mirroring about
data-axis, and every landmark inside the picture with room for labels around the body.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

VIEWS = Path(__file__).resolve().parent.parent / "cardgen" / "diagrams" / "views"
SVG = "{http://www.w3.org/2000/svg}"
REQUIRED: dict[str, dict[str, list[str]]] = yaml.safe_load((VIEWS / "required.yaml").read_text())
ALLOWED = {"path", "ellipse", "circle", "line", "polyline"}
STROKE_WIDTH = {"outline": (0.6, 1.2), "details": (0.3, 0.6)}
MARGIN = 0.08  # the free band around the body, a fraction of each side
MIRROR_TOLERANCE = 0.5
NAME = re.compile(r"[a-z][a-z0-9_]*(-left|-right)?")
Point = tuple[float, float]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def _root(view: str) -> ET.Element:
    return ET.parse(VIEWS / f"{view}.svg").getroot()


def _box(root: ET.Element) -> tuple[float, float]:
    x0, y0, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert (x0, y0) == (0, 0), "the viewBox starts at 0 0"
    return w, h


def _group(root: ET.Element, gid: str) -> ET.Element | None:
    return next((g for g in root.findall(f"{SVG}g") if g.get("id") == gid), None)


def _landmarks(root: ET.Element) -> dict[str, tuple[float, float, float]]:
    group = _group(root, "landmarks")
    assert group is not None, "no <g id='landmarks'>"
    out: dict[str, tuple[float, float, float]] = {}
    for c in group:
        assert c.tag == f"{SVG}circle", f"landmarks holds only circles, not {c.tag}"
        name = c.get("id", "")
        assert NAME.fullmatch(name), f"landmark id {name!r} is not lower snake_case (with -left/-right)"
        assert name not in out, f"landmark {name!r} given twice"
        out[name] = (float(c.get("cx", "nan")), float(c.get("cy", "nan")), float(c.get("r", "nan")))
        assert out[name][2] > 0, f"{name}: r must be positive"
    return out


def _segments(root: ET.Element) -> list[tuple[Point, Point]]:
    """Every drawn line of the outline and details, flattened into short straight pieces."""
    runs: list[list[Point]] = []
    for gid in ("outline", "details"):
        group = _group(root, gid)
        for el in group if group is not None else ():
            tag = el.tag.removeprefix(SVG)
            if tag == "ellipse":
                cx, cy, rx, ry = (float(el.get(k, "nan")) for k in ("cx", "cy", "rx", "ry"))
                turns = [2 * math.pi * k / 48 for k in range(49)]
                runs.append([(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in turns])
            elif tag == "path":
                runs += _flatten(el.get("d", ""))
    return [pair for run in runs for pair in pairwise(run)]


def _bezier(p0: Point, c1: Point, c2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    x, y = (u**3 * p0[j] + 3 * u * u * t * c1[j] + 3 * u * t * t * c2[j] + t**3 * p3[j] for j in (0, 1))
    return (x, y)


def _flatten(d: str) -> list[list[Point]]:
    """The runs of a path written with absolute M, L, C and Z (what the shipped views use)."""
    runs: list[list[Point]] = []
    for cmd, args in re.findall(r"([MCLZ])([^MCLZ]*)", d):
        nums = [float(n) for n in NUMBER.findall(args)]
        pts = list(zip(nums[0::2], nums[1::2], strict=True))
        if cmd == "M":
            runs.append(pts)
        elif cmd == "L":
            runs[-1] += pts
        elif cmd == "Z":
            runs[-1].append(runs[-1][0])
        else:
            for i in range(0, len(pts), 3):
                p0, (c1, c2, p3) = runs[-1][-1], pts[i : i + 3]
                runs[-1] += [_bezier(p0, c1, c2, p3, k / 8) for k in range(1, 9)]
    return runs


def _walls_around(x: float, y: float, segments: list[tuple[Point, Point]]) -> int:
    """How many of the four ways (left, right, up, down) from a point meet a drawn line."""
    walls = set()
    for (x1, y1), (x2, y2) in segments:
        if (y1 - y) * (y2 - y) <= 0 and y1 != y2:
            cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            walls.add("right" if cross > x else "left")
        if (x1 - x) * (x2 - x) <= 0 and x1 != x2:
            cross = y1 + (x - x1) * (y2 - y1) / (x2 - x1)
            walls.add("down" if cross > y else "up")
    return len(walls)


def test_every_shipped_view_is_listed_and_every_listed_view_ships() -> None:
    shipped = {p.stem for p in VIEWS.glob("*.svg")}
    assert shipped == set(REQUIRED)
    assert "CC0-1.0" in (VIEWS / "LICENSE").read_text()


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_root_attributes(view: str) -> None:
    root = _root(view)
    assert root.tag == f"{SVG}svg"
    w, _ = _box(root)
    assert root.get("data-view") == view
    assert root.get("data-symmetry") in ("mirror", "none")
    assert root.get("data-left") in ("reader-left", "reader-right", "none")
    assert len(root.get("data-orientation", "").split()) >= 3, "the legend needs an orientation line"
    if root.get("data-symmetry") == "mirror":
        assert 0 < float(root.get("data-axis", "nan")) < w
        assert root.get("data-left") != "none", "a mirrored view says which side is the body's left"


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_drawing_uses_plain_strokes_only(view: str) -> None:
    root = _root(view)
    w, h = _box(root)
    assert {g.get("id") for g in root} <= {"outline", "details", "landmarks"}
    assert all(child.tag == f"{SVG}g" for child in root), "everything sits in one of the three groups"
    for el in root.iter():
        assert not {"transform", "style", "class"} & set(el.attrib), f"{el.tag} has a transform, style or class"
    for gid, (lo, hi) in STROKE_WIDTH.items():
        group = _group(root, gid)
        if group is None:
            assert gid == "details", "no <g id='outline'>"
            continue
        assert len(group) > 0, f"{gid} is empty"
        for el in group:
            tag = el.tag.removeprefix(SVG)
            assert tag in ALLOWED, f"{gid}: <{tag}> is not allowed"
            assert el.get("fill") == "none", f"{gid}: <{tag}> must not be filled"
            assert lo <= float(el.get("stroke-width", "nan")) <= hi, f"{gid}: stroke-width out of {lo}-{hi}"
            if tag == "path":
                d = el.get("d", "")
                assert set(re.findall(r"[A-Za-z]", d.replace("e-", ""))) <= set("MCLQZ"), "absolute commands only"
                nums = [float(n) for n in NUMBER.findall(d)]
                xs, ys = nums[0::2], nums[1::2]
                assert min(xs) >= 0 and max(xs) <= w and min(ys) >= 0 and max(ys) <= h, f"{gid} leaves the box"


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_required_landmarks_are_there(view: str) -> None:
    names = set(_landmarks(_root(view)))
    need = REQUIRED[view]
    missing = [n for n in need.get("single", []) if n not in names]
    missing += [f"{n}-{s}" for n in need.get("paired", []) for s in ("left", "right") if f"{n}-{s}" not in names]
    assert not missing, f"{view} lacks {missing}"


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_paired_landmarks_mirror_on_the_side_data_left_names(view: str) -> None:
    root = _root(view)
    marks = _landmarks(root)
    lefts = [n.removesuffix("-left") for n in marks if n.endswith("-left")]
    assert sorted(lefts) == sorted(n.removesuffix("-right") for n in marks if n.endswith("-right"))
    if root.get("data-symmetry") != "mirror":
        return
    axis = float(root.get("data-axis", "nan"))
    reader_left = root.get("data-left") == "reader-left"
    for name in lefts:
        (lx, ly, lr), (rx, ry, rr) = marks[f"{name}-left"], marks[f"{name}-right"]
        assert abs((lx - axis) + (rx - axis)) <= MIRROR_TOLERANCE and abs(ly - ry) <= MIRROR_TOLERANCE, name
        assert abs(lr - rr) <= MIRROR_TOLERANCE, name
        assert (lx < axis) == reader_left, f"{name}-left is on the wrong side of the axis for {root.get('data-left')}"
    for name, (x, _, _) in marks.items():
        if not name.endswith(("-left", "-right")):
            assert abs(x - axis) <= MIRROR_TOLERANCE, f"{name} is single, so it sits on the axis"


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_landmarks_sit_inside_the_picture(view: str) -> None:
    root = _root(view)
    w, h = _box(root)
    for name, (x, y, r) in _landmarks(root).items():
        assert MARGIN * w <= x <= (1 - MARGIN) * w and MARGIN * h <= y <= (1 - MARGIN) * h, f"{name} in the margin"
        assert r <= x <= w - r and r <= y <= h - r, f"{name}: its circle leaves the picture"


@pytest.mark.parametrize("view", sorted(REQUIRED))
def test_landmarks_lie_on_the_body(view: str) -> None:
    """A landmark on the body has drawn lines on at least three of its four sides (a limb's cut end may be
    open); one placed beside the body, in the label margin, has them on two at most."""
    root = _root(view)
    segments = _segments(root)
    for name, (x, y, _) in _landmarks(root).items():
        assert _walls_around(x, y, segments) >= 3, f"{view}: {name} is not on the body"


@pytest.mark.parametrize("view", sorted(v for v in REQUIRED if _root(v).get("data-symmetry") == "mirror"))
def test_midline_landmarks_say_how_far_beside_the_midline_a_side_stroke_goes(view: str) -> None:
    root = _root(view)
    w, _ = _box(root)
    group = _group(root, "landmarks")
    assert group is not None
    for c in group:
        if not c.get("id", "").endswith(("-left", "-right")):
            offset = float(c.get("data-offset", "0"))
            assert 0 < offset < w / 4, f"{view}: {c.get('id')} needs a data-offset beside the midline"
