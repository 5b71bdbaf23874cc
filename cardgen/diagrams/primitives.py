"""Immutable drawing primitives: what a diagram is made of, before any PDF exists.

Geometry is in the silhouette's normalised units (x 0..1 across, y up; see `silhouette.BOUNDS`), widths and
sizes too, so a diagram scales as one picture into any box. Every primitive names its `role` (what it depicts,
which picks its colour and layer) and its `style` (pressure or emphasis, which the drawer never expresses by
colour alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

from .geometry import Point, add, arc_points, normal, scale, sub, unit

Role = Literal["outline", "detail", "towel", "stroke", "mark", "arrowhead", "clock", "order", "label"]
Style = Literal["light", "firm", "outline", "faint"]

#: Drawing order: later roles are painted over earlier ones (numbers and labels always stay on top).
LAYERS: tuple[Role, ...] = (
    "outline",
    "detail",
    "towel",
    "stroke",
    "mark",
    "arrowhead",
    "clock",
    "order",
    "label",
)


class Polyline(NamedTuple):
    """An open or closed path through points; `fill` paints the inside of a closed one."""

    points: tuple[Point, ...]
    width: float
    role: Role
    style: Style
    closed: bool = False
    dash: tuple[float, ...] | None = None
    fill: bool = False

    def outline(self) -> tuple[Point, ...]:
        return self.points


class Arrowhead(NamedTuple):
    """A filled triangular head whose tip is the end of a movement; `direction` is the way of travel."""

    tip: Point
    direction: Point
    size: float
    role: Role = "arrowhead"
    style: Style = "light"

    def outline(self) -> tuple[Point, ...]:
        d = unit(self.direction)
        base = sub(self.tip, scale(d, self.size))
        side = scale(normal(d), self.size * 0.45)
        return (self.tip, add(base, side), add(base, scale(side, -1)))


class Arc(NamedTuple):
    """A circular arc; a positive `sweep` runs counter-clockwise as seen on the page (y up)."""

    centre: Point
    radius: float
    start: float
    sweep: float
    width: float
    role: Role = "stroke"
    style: Style = "light"

    @property
    def clockwise(self) -> bool:
        return self.sweep < 0

    def outline(self) -> tuple[Point, ...]:
        return arc_points(self.centre, self.radius, self.start, self.sweep)


class Circle(NamedTuple):
    """A full circle, filled (order discs) or stroked."""

    centre: Point
    radius: float
    width: float
    role: Role
    style: Style = "light"
    filled: bool = False

    def outline(self) -> tuple[Point, ...]:
        return arc_points(self.centre, self.radius, 0, 360, n=24)


class Label(NamedTuple):
    """A short language-neutral text centred on `pos`: an order number, "×5", "15 min". Never prose."""

    pos: Point
    text: str
    size: float
    role: Role = "label"
    style: Style = "light"

    def outline(self) -> tuple[Point, ...]:
        half_w, half_h = self.size * 0.32 * max(1, len(self.text)), self.size * 0.5
        x, y = self.pos
        return (
            (x - half_w, y - half_h),
            (x + half_w, y - half_h),
            (x + half_w, y + half_h),
            (x - half_w, y + half_h),
        )


class Towel(NamedTuple):
    """A towel laid over the body: its edge and the fold lines that make it read as cloth."""

    edge: tuple[Point, ...]
    folds: tuple[tuple[Point, ...], ...]
    width: float
    role: Role = "towel"
    style: Style = "light"

    def outline(self) -> tuple[Point, ...]:
        return self.edge


class Clock(NamedTuple):
    """A clock face whose shaded sector shows a duration (a quarter for 15 minutes)."""

    centre: Point
    radius: float
    minutes: int
    width: float
    role: Role = "clock"
    style: Style = "light"

    def outline(self) -> tuple[Point, ...]:
        return arc_points(self.centre, self.radius, 0, 360, n=24)


Primitive = Polyline | Arrowhead | Arc | Circle | Label | Towel | Clock


class StrokeMarks(NamedTuple):
    """The primitives one side of one content stroke became, kept together for tests and layout."""

    kind: str
    side: Literal["left", "right", "centre"]
    order: int
    pressure: str
    primitives: tuple[Primitive, ...]


class Diagram(NamedTuple):
    """A complete picture: the background (silhouette) and the marks of each stroke, within `bounds`."""

    bounds: tuple[float, float, float, float]
    background: tuple[Primitive, ...] = ()
    strokes: tuple[StrokeMarks, ...] = ()

    def primitives(self) -> Iterator[Primitive]:
        yield from self.background
        for marks in self.strokes:
            yield from marks.primitives

    def layered(self) -> list[Primitive]:
        """All primitives in painting order: by layer, and in content order within a layer."""
        return sorted(self.primitives(), key=lambda p: LAYERS.index(p.role))


def _mx(p: Point) -> Point:
    return (1.0 - p[0], p[1])


def mirrored(p: Primitive) -> Primitive:
    """The primitive reflected about the spine (x -> 1 - x): turning directions flip, heights stay."""
    match p:
        case Polyline() | Towel():
            fields = (
                {"points": tuple(map(_mx, p.points))}
                if isinstance(p, Polyline)
                else {
                    "edge": tuple(map(_mx, p.edge)),
                    "folds": tuple(tuple(map(_mx, f)) for f in p.folds),
                }
            )
            return p._replace(**fields)
        case Arrowhead():
            return p._replace(tip=_mx(p.tip), direction=(-p.direction[0], p.direction[1]))
        case Arc():
            return p._replace(centre=_mx(p.centre), start=180.0 - p.start, sweep=-p.sweep)
        case Circle() | Clock():
            return p._replace(centre=_mx(p.centre))
        case Label():
            return p._replace(pos=_mx(p.pos))
    raise TypeError(p)
