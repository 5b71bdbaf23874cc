"""One shape per stroke kind, from already resolved points to primitives.

These builders know nothing of landmarks, sides or orders (see `strokes.py`); they turn a path or a centre
into the symbol a reader must recognise at arm's length: a plain arrow, a circling arrow, a chain of loops,
thumb prints, a wave, pinch marks, a row of tapping dots, a zigzag, two arrows pulling apart, a pressed dot in
a ring, a dashed resting area, a towel and a clock. Each is told apart by shape alone (greyscale print).
Sizes are in the diagrams' normalised units (see `views`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .geometry import (
    Point,
    add,
    arc_points,
    catmull_rom,
    cumulative,
    normal,
    point_at,
    scale,
    sub,
    trim,
    unit,
)
from .primitives import Arc, Arrowhead, Circle, Clock, Label, Polyline, Primitive, Towel
from .vocabulary import Pressure

#: Line width per pressure: firm is twice as heavy, so it reads in greyscale without colour.
WIDTH = {"light": 0.0075, "firm": 0.015}
#: Arrowhead length per pressure (a heavier line needs a bigger head to stay visible).
HEAD = {"light": 0.034, "firm": 0.042}
LABEL_SIZE = 0.042


def _head(curve: Sequence[Point], pressure: Pressure) -> Arrowhead:
    """An arrowhead on the end of `curve`, aimed along its last stretch (not just its last tiny segment)."""
    size = HEAD[pressure]
    total = cumulative(curve)[-1]
    base, _ = point_at(curve, max(0.0, total - size))
    return Arrowhead(curve[-1], unit(sub(curve[-1], base)), size, style=pressure)


def _line_to_head(curve: Sequence[Point], pressure: Pressure, role: str = "stroke") -> list[Primitive]:
    head = _head(curve, pressure)
    body = trim(curve, end=head.size * 0.7)
    return [Polyline(body, WIDTH[pressure], role, pressure), head]


def smooth(points: Sequence[Point]) -> tuple[Point, ...]:
    """The drawn course through landmark points: straight for two, a smooth curve for more."""
    return catmull_rom(points, samples=16) if len(points) > 2 else tuple(points)


def glide(points: Sequence[Point], pressure: Pressure, end_gap: float = 0.0) -> list[Primitive]:
    """A plain arrow along the path: the hands slide from the first landmark to the last."""
    curve = trim(smooth(points), end=end_gap) if end_gap else smooth(points)
    return _line_to_head(curve, pressure)


def circle(centre: Point, radius: float, clockwise: bool, gap_at: float, pressure: Pressure) -> list[Primitive]:
    """A 300° circling arrow; the 60° opening is centred on `gap_at` degrees, the head just before it."""
    sweep = -300.0 if clockwise else 300.0
    start = gap_at - 30.0 if clockwise else gap_at + 30.0
    size = HEAD[pressure]
    head_deg = math.degrees(size / radius)
    end = start + sweep
    arc_sweep = sweep - math.copysign(head_deg * 0.7, sweep)
    base = arc_points(centre, radius, end - math.copysign(head_deg, sweep), 0, n=2)[0]
    tip = arc_points(centre, radius, end, 0, n=2)[0]
    return [
        Arc(centre, radius, start, arc_sweep, WIDTH[pressure], style=pressure),
        Arrowhead(tip, unit(sub(tip, base)), size, style=pressure),
    ]


def circle_start(centre: Point, radius: float, clockwise: bool, gap_at: float, inset: float = 0.0) -> Point:
    """Where `circle` begins, moved `inset` towards the centre (its order number sits inside the ring
    there)."""
    start = gap_at - 30.0 if clockwise else gap_at + 30.0
    return arc_points(centre, radius - inset, start, 0, n=2)[0]


def loops(points: Sequence[Point], clockwise: bool, pressure: Pressure) -> list[Primitive]:
    """Circular rubbing: a chain of small loops (a prolate trochoid) whose centre travels along the path.

    It starts on the first landmark and leaves its last loop moving forward, so the arrowhead shows the way of
    travel, not the way of turning.
    """
    path = smooth(points)
    total = cumulative(path)[-1]
    r, tail = 0.024, HEAD[pressure] * 1.3
    n_loops = max(2, round((total - r - tail) / 0.048))
    turn = -1.0 if clockwise else 1.0
    theta0, theta1 = -math.pi / 2, 2 * math.pi * n_loops
    out: list[Point] = []
    steps = 40 * n_loops
    for k in range(steps + 1):
        th = theta0 + (theta1 - theta0) * k / steps
        c, d = point_at(path, r + (total - r - tail) * k / steps)
        side = scale(normal(d), -turn)  # the right of travel for counter-clockwise loops
        out.append(add(c, add(scale(side, r * math.cos(th)), scale(d, r * math.sin(th)))))
    _, d_end = point_at(path, total)
    out.append(add(out[-1], scale(d_end, tail)))
    return _line_to_head(out, pressure)


def thumb_walk(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """Thumb walking: a trail of short thumb prints, stepping alternately, ending in an arrowhead."""
    path = smooth(points)
    total = cumulative(path)[-1]
    size = HEAD[pressure]
    step, half_len, half_w = 0.042, 0.013, 0.0085
    count = max(2, int((total - size - 0.02) / step))
    out: list[Primitive] = []
    for i in range(count):
        c, d = point_at(path, 0.03 + i * step)
        c = add(c, scale(normal(d), 0.005 * (1 if i % 2 else -1)))
        n = normal(d)
        oval = tuple(
            add(c, add(scale(d, half_len * math.cos(a)), scale(n, half_w * math.sin(a))))
            for a in (2 * math.pi * k / 16 for k in range(16))
        )
        out.append(Polyline(oval, WIDTH["light"] * 0.5, "mark", pressure, closed=True, fill=True))
    tip, d = point_at(path, total)
    out.append(Arrowhead(tip, d, size, style=pressure))
    return out


def wave(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """A sine-shaped arrow travelling along the path; it straightens before the head so the head aims true."""
    path = smooth(points)
    total = cumulative(path)[-1]
    amp, wavelength = 0.017, 0.062
    calm = HEAD[pressure] * 1.2
    out: list[Point] = []
    steps = max(24, int(total / 0.004))
    for k in range(steps + 1):
        s = total * k / steps
        c, d = point_at(path, s)
        fade = min(1.0, max(0.0, (total - s - calm) / (wavelength / 2)))
        out.append(add(c, scale(normal(d), amp * fade * math.sin(2 * math.pi * s / wavelength))))
    return _line_to_head(out, pressure)


def knead(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """Kneading: a guide arrow with pinch marks (pairs of small wedges squeezing the line) spaced along it."""
    path = smooth(points)
    total = cumulative(path)[-1]
    out = _line_to_head(path, pressure)
    gap, depth, half = WIDTH[pressure] / 2 + 0.004, 0.022, 0.012
    first, last = 0.06, total - HEAD[pressure] - 0.025  # clear of an order disc and of the head
    count = min(4, max(2, round((last - first) / 0.075) + 1))
    for i in range(count):
        c, d = point_at(path, first + i * (last - first) / (count - 1))
        n = normal(d)
        for sgn in (1, -1):
            apex = add(c, scale(n, sgn * gap))
            back = add(c, scale(n, sgn * (gap + depth)))
            wedge = (add(back, scale(d, -half)), apex, add(back, scale(d, half)))
            out.append(Polyline(wedge, 0.002, "mark", pressure, closed=True, fill=True))
    return out


def tap(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """Percussion: a row of dots (each a tap of the fingertips or the hand's edge) ending in an arrowhead."""
    path = smooth(points)
    total = cumulative(path)[-1]
    size, step = HEAD[pressure], 0.03
    radius = 0.008 if pressure == "light" else 0.011
    count = max(2, int((total - size - 0.01) / step))
    out: list[Primitive] = [
        Circle(point_at(path, 0.012 + i * step)[0], radius, 0.0, "mark", pressure, filled=True) for i in range(count)
    ]
    tip, d = point_at(path, total)
    out.append(Arrowhead(tip, d, size, style=pressure))
    return out


def friction(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """Friction: a tight zigzag (small back-and-forth strokes) travelling along the path to an arrowhead."""
    path = smooth(points)
    total = cumulative(path)[-1]
    amp, pitch = 0.014, 0.018
    calm = HEAD[pressure] * 1.2
    out: list[Point] = [path[0]]
    n = max(2, int((total - calm) / pitch))
    for i in range(1, n + 1):
        c, d = point_at(path, i * pitch)
        out.append(add(c, scale(normal(d), amp * (1 if i % 2 else -1))))
    out.append(point_at(path, total)[0])
    return _line_to_head(out, pressure)


def stretch(points: Sequence[Point], pressure: Pressure) -> list[Primitive]:
    """Traction: from the middle of the path two arrows pull apart, one to each end, with a bar where the hands
    take hold; the path's first landmark is pulled one way, its last the other."""
    path = smooth(points)
    total = cumulative(path)[-1]
    mid, d = point_at(path, total / 2)
    gap = 0.012
    first = tuple(reversed(trim(path, end=total / 2 + gap)))
    second = trim(path, start=total / 2 + gap)
    bar = scale(normal(d), 0.022)
    return [
        Polyline((add(mid, bar), sub(mid, bar)), WIDTH[pressure], "mark", pressure),
        *_line_to_head(first, pressure),
        *_line_to_head(second, pressure),
    ]


#: Press: the dot is the thumb's or fingertip's contact, the ring around it the pressure spreading.
PRESS_DOT, PRESS_RING = 0.014, 0.03
#: Smallest radius of a hold's area (a hand's width is never smaller than this on any view).
HOLD_MIN_R = 0.039


def press(centre: Point, seconds: float, pressure: Pressure, label_dx: float) -> list[Primitive]:
    """Static compression: a filled dot in a ring, and how long it is held ("5 s") beside it (`label_dx` says
    which side, away from the middle)."""
    text = f"{seconds:g} s"
    label = Label((0.0, 0.0), text, LABEL_SIZE)
    half_w = (label.outline()[1][0] - label.outline()[0][0]) / 2
    pos = (centre[0] + label_dx * (PRESS_RING + 0.012 + half_w), centre[1])
    return [
        Circle(centre, PRESS_DOT, 0.0, "mark", pressure, filled=True),
        Circle(centre, PRESS_RING, WIDTH[pressure], "stroke", pressure),
        label._replace(pos=pos),
    ]


def hold(centre: Point, radius: float, pressure: Pressure) -> list[Primitive]:
    """Still hands resting: the area they cover, outlined dashed (no arrow: nothing moves)."""
    ring = arc_points(centre, max(radius, HOLD_MIN_R), 0, 360, n=64)
    return [Polyline(ring, WIDTH[pressure], "stroke", pressure, closed=True, dash=(0.016, 0.011))]


def rest(minutes: int, bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 0.85)) -> list[Primitive]:
    """A towel laid over the body from below the shoulders, and a clock showing the minutes (number from
    data). Drawn for the back's 1 x 0.85 box and stretched to the view's `bounds`."""
    x0, y0, x1, y1 = bounds
    sx, sy = (x1 - x0), (y1 - y0) / 0.85

    def at(p: Point) -> Point:
        return (x0 + p[0] * sx, y0 + p[1] * sy)

    top = catmull_rom(((0.17, 0.575), (0.33, 0.59), (0.5, 0.582), (0.67, 0.59), (0.83, 0.575)), samples=6)
    right = catmull_rom(((0.83, 0.575), (0.845, 0.35), (0.85, 0.15), (0.845, 0.0)), samples=6)
    left = tuple((1 - x, y) for x, y in reversed(right))
    edge = (*top, *right[1:], *left[:-1])
    hem = catmull_rom(((0.175, 0.54), (0.33, 0.553), (0.5, 0.546), (0.67, 0.553), (0.825, 0.54)), samples=6)
    stripe = tuple((x, y - 0.014) for x, y in hem)
    folds = (
        hem,
        stripe,
        catmull_rom(((0.3, 0.48), (0.285, 0.3), (0.3, 0.08)), samples=8),
        catmull_rom(((0.7, 0.48), (0.715, 0.3), (0.7, 0.08)), samples=8),
        catmull_rom(((0.52, 0.47), (0.5, 0.3), (0.52, 0.12)), samples=8),
    )
    return [
        Towel(tuple(map(at, edge)), tuple(tuple(map(at, f)) for f in folds), 0.0055),
        Clock(at((0.885, 0.73)), 0.072, minutes, 0.006),
        Label(at((0.885, 0.615)), f"{minutes} min", LABEL_SIZE),
    ]
