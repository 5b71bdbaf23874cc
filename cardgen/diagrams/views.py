"""Body views: an SVG drawing (outline, details) with named landmark circles, read into diagram units.

Why files and not Python: people draw bodies in Inkscape or any editor; a view is data like a font, shipped
in `cardgen/diagrams/views/NAME.svg` or brought by a routine in `content/views/NAME.svg` (format: the SVG view
contract in the README). svgelements reads them: it is pure Python (no cairo, no reportlab coupling), parses
paths, arcs and basic shapes to absolute coordinates with any transform applied, and gives each element's
attributes, so landmarks are simply the circles of the `landmarks` group.

Units: a view is scaled so it fits the diagrams' reference box (1 wide, 0.85 tall) exactly, y flipped to point
up, and shifted so its mirror axis (or its middle) sits at x = 0.5: stroke shapes keep one size on every view,
and mirroring a "both" stroke stays x -> 1 - x. Each file is parsed once per process.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from .geometry import Point
from .primitives import Polyline, Primitive

#: The reference box every view is fitted into (width, height): the card diagram's proportions.
BOX_W, BOX_H = 1.0, 0.85
#: Drawn line widths in diagram units (from the SVG's stroke-width, kept within these so every view reads alike).
OUTLINE_WIDTH = (0.0045, 0.008)
DETAIL_WIDTH = (0.0025, 0.0045)
#: Paired landmarks of a mirrored view must mirror each other within this many SVG units.
MIRROR_TOLERANCE = 0.5
#: A view file larger than this is refused before it is parsed (README "Limits"); real drawings are ~10 KB.
MAX_VIEW_BYTES = 2 * 1024 * 1024
#: A curve is sampled into straight pieces about this long (diagram units).
SAMPLE = 0.01
MAX_SAMPLES = 200
#: Curve lengths (for the number of samples) are measured to this many SVG units, halving at least this deep.
LENGTH_ERROR = 1e-4
LENGTH_DEPTH = 5
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
SIDES = ("left", "right")

Symmetry = Literal["mirror", "none"]
LeftMeaning = Literal["reader-left", "reader-right", "none"]


class ViewError(ValueError):
    """A view file is malformed; `line` is its line in the SVG when known."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.file, self.line, self.message = file, line, message


@dataclass(frozen=True, slots=True)
class Landmark:
    """One landmark point of one side (`side` "centre" for a midline or single-limb landmark)."""

    name: str
    side: str
    point: Point
    radius: float
    offset: float = 0.0  # how far beside the midline a side-stroke puts a midline landmark


@dataclass(frozen=True, eq=False)
class View:
    """A body seen one way: background primitives, landmarks, symmetry. Compared and hashed by identity (one
    object per file per process), so diagrams can be cached per (strokes, view)."""

    name: str
    file: str
    bounds: tuple[float, float, float, float]
    background: tuple[Primitive, ...]
    landmarks: dict[str, dict[str, Landmark]] = field(default_factory=dict)  # name -> side -> landmark
    symmetry: Symmetry = "none"
    left: LeftMeaning = "none"
    orientation: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.landmarks)

    def paired(self, name: str) -> bool:
        return "centre" not in self.landmarks[name]

    def landmark(self, name: str, side: str) -> Landmark:
        """The landmark `name` for a concrete side ("left", "right", "centre"); a midline landmark with side
        left/right moves `offset` to the body's side; a paired one asked for "centre" gives its left."""
        sides = self.landmarks[name]
        if side in sides:
            return sides[side]
        if "centre" in sides:
            mark = sides["centre"]
            if side in SIDES and mark.offset and self.symmetry == "mirror":
                towards_reader_left = (side == "left") == (self.left != "reader-right")
                dx = -mark.offset if towards_reader_left else mark.offset
                return Landmark(name, side, (mark.point[0] + dx, mark.point[1]), mark.radius, mark.offset)
            return mark
        return next(iter(sides.values()))

    def point(self, name: str, side: str) -> Point:
        return self.landmark(name, side).point

    def radius(self, name: str) -> float:
        return next(iter(self.landmarks[name].values())).radius

    def describe(self) -> str:
        """Landmark names for messages and `cardgen views`: paired ones marked (left/right)."""
        return ", ".join(f"{n} (left/right)" if self.paired(n) else n for n in self.names)


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _samples(length: float, k: float) -> int:
    """How many straight pieces a curve of this length (SVG units) is drawn with."""
    return min(MAX_SAMPLES, max(2, math.ceil(length * k / SAMPLE)))


Curve = Callable[[float], tuple[float, float]]


def _cubic(c: tuple[float, ...]) -> Curve:
    """A cubic Bézier's point at t, from (x0, y0, x1, y1, x2, y2, x3, y3)."""
    x0, y0, x1, y1, x2, y2, x3, y3 = c

    def point(t: float) -> tuple[float, float]:
        t3 = t * t * t
        u = 1 - t
        u3 = u * u * u
        t2u = t * t * u
        u2t = u * u * t
        return (u3 * x0 + 3 * (u2t * x1 + t2u * x2) + t3 * x3, u3 * y0 + 3 * (u2t * y1 + t2u * y2) + t3 * y3)

    return point


def _quadratic(c: tuple[float, ...]) -> Curve:
    """A quadratic Bézier's point at t, from (x0, y0, x1, y1, x2, y2)."""
    x0, y0, x1, y1, x2, y2 = c

    def point(t: float) -> tuple[float, float]:
        u = 1 - t
        t2, u2, ut = t * t, u * u, u * t
        return (u2 * x0 + 2 * ut * x1 + t2 * x2, u2 * y0 + 2 * ut * y1 + t2 * y2)

    return point


def _arc(seg) -> Curve:
    """An elliptical arc's point at t (0 = its start, 1 = its end), as svgelements' Arc.point gives it."""
    start, end = (float(seg.start[0]), float(seg.start[1])), (float(seg.end[0]), float(seg.end[1]))
    if seg.start == seg.end and seg.sweep == 0:
        return lambda t: start
    t0, sweep, rotation = seg.get_start_t(), seg.sweep, seg.get_rotation()
    a, b, cx, cy = seg.rx, seg.ry, seg.center.x, seg.center.y
    cos_rot, sin_rot = math.cos(rotation), math.sin(rotation)

    def point(t: float) -> tuple[float, float]:
        if t == 0:
            return start
        if t == 1:
            return end
        cos_t, sin_t = math.cos(t0 + sweep * t), math.sin(t0 + sweep * t)
        return (cx + a * cos_t * cos_rot - b * sin_t * sin_rot, cy + a * cos_t * sin_rot + b * sin_t * cos_rot)

    return point


def _chord_length(point: Curve) -> float:
    """A curve's length: chords halved until two halves add less than LENGTH_ERROR to their chord.

    svgelements' own recursion (PathSegment.segment_length, error LENGTH_ERROR, depth ≥ LENGTH_DEPTH), done on
    floats: it gives the same number, so every curve keeps its number of samples. svgelements would switch to
    scipy when scipy is installed, a slightly different length and so, now and then, one sample more or less: a
    view's drawing no longer depends on what else is installed.
    """

    def halves(t0: float, t1: float, p0: tuple[float, float], p1: tuple[float, float], depth: int) -> float:
        tm = (t0 + t1) / 2.0
        pm = point(tm)
        chord = math.hypot(p1[0] - p0[0], p1[1] - p0[1])
        two = math.hypot(pm[0] - p0[0], pm[1] - p0[1]) + math.hypot(p1[0] - pm[0], p1[1] - pm[1])
        if two - chord > LENGTH_ERROR or depth < LENGTH_DEPTH:
            return halves(t0, tm, p0, pm, depth + 1) + halves(tm, t1, pm, p1, depth + 1)
        return two

    return halves(0.0, 1.0, point(0.0), point(1.0), 0)


def _curve(seg) -> tuple[Curve, float]:
    """A curved segment's point function and length (SVG units).

    The same arithmetic, in the same order, as svgelements' point() and length() without numpy or scipy, so the
    sampled outlines are bit for bit what svgelements gave; but on plain floats, where svgelements builds Point
    objects and tries to import numpy for every point: that made reading a view cost up to half a second.
    """
    from svgelements import Arc, CubicBezier, QuadraticBezier

    if isinstance(seg, CubicBezier):
        point = _cubic((*seg.start, *seg.control1, *seg.control2, *seg.end))
        return point, _chord_length(point)
    if isinstance(seg, QuadraticBezier):
        return _quadratic((*seg.start, *seg.control, *seg.end)), seg.length()
    if isinstance(seg, Arc):
        point = _arc(seg)
        if seg.sweep == 0:
            return point, 0.0
        if abs(seg.rx - seg.ry) < 1e-12:  # a circle's arc
            return point, abs(seg.rx * seg.sweep)
        return point, _chord_length(point)
    return (lambda t: tuple(seg.point(t))), seg.length(error=LENGTH_ERROR) if hasattr(seg, "length") else 1.0


def _polylines(shape, tr, k: float) -> Iterable[tuple[tuple[Point, ...], bool]]:
    """Each subpath of an svgelements shape as (points in diagram units, closed)."""
    from svgelements import Close, Line, Move, Path

    points: list[Point] = []
    closed = False
    for seg in Path(shape):
        if isinstance(seg, Move):
            if len(points) > 1:
                yield tuple(points), closed
            points, closed = [tr(seg.end)], False
        elif isinstance(seg, Close):
            closed = True
        elif isinstance(seg, Line):
            points.append(tr(seg.end))
        else:
            point, length = _curve(seg)
            n = _samples(length, k)
            points.extend(tr(point(i / n)) for i in range(1, n + 1))
    if len(points) > 1:
        yield tuple(points), closed


#: An open outline whose ends are this close (share of its size) still encloses the body: it is tinted as
#: the closed shapes are (the fill closes it; the line stays open, as at a neck under the head or a limb's cut
#: end). A line that only bounds part of the body (one shoulder's slope) is left untinted.
NEARLY_CLOSED = 0.3


def _encloses(points: tuple[Point, ...], closed: bool) -> bool:
    """Whether an outline shape is a body area, painted in the body tint (SVG views are lines only)."""
    if closed:
        return True
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    size = math.hypot(max(xs) - min(xs), max(ys) - min(ys))
    gap = math.hypot(points[0][0] - points[-1][0], points[0][1] - points[-1][1])
    return len(points) > 2 and size > 0 and gap < NEARLY_CLOSED * size


def _width(element, limits: tuple[float, float], k: float) -> float:
    try:
        value = float(element.values.get("stroke-width", 0) or 0) * k
    except (TypeError, ValueError):
        value = 0.0
    return min(max(value, limits[0]), limits[1])


def _dash(element, k: float) -> tuple[float, ...] | None:
    raw = element.values.get("stroke-dasharray")
    if not raw or raw == "none":
        return None
    try:
        parts = tuple(float(v) * k for v in re.split(r"[\s,]+", str(raw).strip()) if v)
    except ValueError:
        return None
    return parts if parts and all(p > 0 for p in parts) else None


def read_view(path: Path, display: str, required: tuple[str, ...] = ()) -> View:
    """Parse one view file; raises ViewError naming what is wrong and how to fix it."""
    from xml.etree.ElementTree import ParseError

    from svgelements import SVG, Circle, Group, Shape

    try:
        size = path.stat().st_size
        if size > MAX_VIEW_BYTES:
            raise ViewError(
                display, None, f"{size} bytes; a view file may have at most {MAX_VIEW_BYTES // 1024 // 1024} MiB"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ViewError(display, None, f"cannot read the view file ({exc})") from None
    try:
        svg = SVG.parse(path, reify=True)
    except ParseError as exc:
        raise ViewError(display, exc.position[0], f"not a well-formed SVG file: {exc}") from None
    except Exception as exc:  # svgelements raises assorted errors on broken attributes
        raise ViewError(display, None, f"cannot read this SVG ({type(exc).__name__}: {exc})") from None
    if not isinstance(svg, SVG) or svg.viewbox is None:
        raise ViewError(display, 1, 'the <svg> root needs a viewBox="0 0 W H" in user units')
    vb = svg.viewbox
    width, height = float(vb.width), float(vb.height)
    if width <= 0 or height <= 0:
        raise ViewError(display, 1, f"viewBox {vb} has no area; give positive width and height")
    attrs = svg.values
    name = path.stem
    symmetry = attrs.get("data-symmetry", "none")
    if symmetry not in ("mirror", "none"):
        raise ViewError(display, _line_of(text, "data-symmetry"), f"data-symmetry {symmetry!r}: use mirror or none")
    left = attrs.get("data-left", "none")
    if left not in ("reader-left", "reader-right", "none"):
        raise ViewError(
            display, _line_of(text, "data-left"), f"data-left {left!r}: use reader-left, reader-right or none"
        )
    if symmetry == "mirror":
        try:
            axis = float(attrs["data-axis"])
        except (KeyError, ValueError):
            raise ViewError(
                display, _line_of(text, "data-symmetry"), "a mirrored view needs data-axis, the x of its mirror line"
            ) from None
    else:
        axis = float(vb.x) + width / 2
    k = min(BOX_W / width, BOX_H / height)
    y_top = float(vb.y)

    def tr(p) -> Point:
        return (0.5 + (float(p[0]) - axis) * k, (y_top + height - float(p[1])) * k)

    groups = {g.id: g for g in svg.elements() if isinstance(g, Group) and g.id in ("outline", "details", "landmarks")}
    if "outline" not in groups:
        raise ViewError(display, None, 'no <g id="outline"> group: the body drawing goes in it')
    if "landmarks" not in groups:
        raise ViewError(display, None, 'no <g id="landmarks"> group: one <circle id="NAME" ...> per landmark')
    background: list[Primitive] = []
    for group, role, limits in (("outline", "outline", OUTLINE_WIDTH), ("details", "detail", DETAIL_WIDTH)):
        if group not in groups:
            continue
        for element in groups[group].select():
            if not isinstance(element, Shape):
                continue
            style = "outline" if role == "outline" else "faint"
            w, dash = _width(element, limits, k), _dash(element, k)
            for points, closed in _polylines(element, tr, k):
                fill = role == "outline" and _encloses(points, closed)
                background.append(Polyline(points, w, role, style, closed=closed, dash=dash, fill=fill))
    if not any(p.role == "outline" for p in background):
        raise ViewError(display, _line_of(text, 'id="outline"'), "the outline group draws nothing")
    landmarks: dict[str, dict[str, Landmark]] = {}
    raw: dict[str, dict[str, tuple[float, float]]] = {}
    for element in groups["landmarks"].select():
        if isinstance(element, Group):
            continue
        ident = element.id or ""
        line = _line_of(text, f'id="{ident}"') if ident else _line_of(text, 'id="landmarks"')
        if not isinstance(element, Circle):
            raise ViewError(display, line, f"landmark {ident or '(no id)'}: use a <circle id cx cy r>")
        base, _, side = ident.partition("-")
        if not NAME.match(base) or (side and side not in SIDES):
            raise ViewError(
                display, line, f"landmark id {ident!r}: use a lower snake_case name, or NAME-left / NAME-right"
            )
        absent = [a for a in ("cx", "cy", "r") if a not in element.values]
        if absent:
            raise ViewError(display, line, f"landmark {ident}: give {', '.join(absent)} (centre and radius)")
        r = float(element.implicit_rx or element.rx or 0)
        if r <= 0:
            raise ViewError(display, line, f"landmark {ident}: give r > 0, the size of a circle drawn around it")
        try:
            offset = float(element.values.get("data-offset", 0) or 0)
        except ValueError:
            raise ViewError(display, line, f"landmark {ident}: data-offset must be a number") from None
        where = side or "centre"
        sides = landmarks.setdefault(base, {})
        if where in sides or (side and "centre" in sides) or (not side and sides):
            raise ViewError(display, line, f"landmark {base!r} is given twice; give it once, or once per side")
        centre = (float(element.cx), float(element.cy))
        raw.setdefault(base, {})[where] = centre
        sides[where] = Landmark(base, where, tr(centre), r * k, offset * k)
    for base, sides in landmarks.items():
        line = _line_of(text, f'id="{base}-')
        if "centre" not in sides and set(sides) != set(SIDES):
            raise ViewError(display, line, f"landmark {base!r} has only its {next(iter(sides))} side; add the other")
        if symmetry == "mirror" and "centre" not in sides:
            (lx, ly), (rx, ry) = raw[base]["left"], raw[base]["right"]
            if abs(lx + rx - 2 * axis) > MIRROR_TOLERANCE or abs(ly - ry) > MIRROR_TOLERANCE:
                raise ViewError(
                    display,
                    line,
                    f"{base}-left ({lx:g}, {ly:g}) and {base}-right ({rx:g}, {ry:g}) do not mirror each other "
                    f"about data-axis {axis:g} (within {MIRROR_TOLERANCE} units); move one of them",
                )
    missing = [n for n in required if n not in landmarks]
    if missing:
        raise ViewError(
            display,
            _line_of(text, 'id="landmarks"'),
            f"view {name} lacks the landmark{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"it has {', '.join(landmarks) or 'none'}",
        )
    if not landmarks:
        raise ViewError(display, _line_of(text, 'id="landmarks"'), "no landmarks: add <circle id=NAME cx cy r>")
    x0 = 0.5 - (axis - float(vb.x)) * k
    bounds = (x0, 0.0, x0 + width * k, height * k)
    orientation = str(attrs.get("data-orientation", "")).strip()
    return View(name, display, bounds, tuple(background), landmarks, symmetry, left, orientation)


def shipped_names() -> tuple[str, ...]:
    """The views that ship with cardgen, by name."""
    folder = resources.files("cardgen.diagrams") / "views"
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".svg")))


@cache
def _required() -> dict[str, tuple[str, ...]]:
    """Landmarks each shipped view must have (views/required.yaml: view -> list of names)."""
    import yaml

    file = resources.files("cardgen.diagrams") / "views" / "required.yaml"
    if not file.is_file():
        return {}
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, ...]] = {}
    for view, names in data.items():
        if isinstance(names, dict):  # {landmarks: [...]} or {midline: [...], paired: [...]}
            names = [n for v in names.values() if isinstance(v, list) for n in v]
        out[str(view)] = tuple(str(n) for n in names or ())
    return out


@cache
def shipped_view(name: str) -> View:
    """A shipped view by name (parsed once per process); KeyError when there is none."""
    file = resources.files("cardgen.diagrams") / "views" / f"{name}.svg"
    if not NAME.match(name) or not file.is_file():
        raise KeyError(name)
    with resources.as_file(file) as path:
        return read_view(Path(path), f"cardgen/diagrams/views/{name}.svg", _required().get(name, ()))


@cache
def _content_view(path: Path, display: str, mtime: float) -> View:
    return read_view(path, display)


def content_view(path: Path, display: str) -> View:
    """A routine's own view file; parsed again only when the file changed (watch and serve rebuild in-process)."""
    return _content_view(path, display, path.stat().st_mtime)


def default_view() -> View:
    return shipped_view("back")
