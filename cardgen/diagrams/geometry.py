"""Plain 2-D helpers for the diagram geometry: smooth curves, arc length, mirroring, orientation.

Kept free of reportlab and of anatomy so every shape the cards print can be computed and tested as numbers.
Coordinates are y-up (as on a PDF page), so a positive signed area means counter-clockwise as seen on the
page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

Point = tuple[float, float]


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def length(a: Point) -> float:
    return math.hypot(a[0], a[1])


def unit(a: Point) -> Point:
    n = length(a)
    return (a[0] / n, a[1] / n) if n > 1e-12 else (0.0, 1.0)


def normal(d: Point) -> Point:
    """The left-hand normal of a direction (rotated +90°, y up)."""
    return (-d[1], d[0])


def rotate(d: Point, degrees: float) -> Point:
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return (d[0] * c - d[1] * s, d[0] * s + d[1] * c)


def mirror_x(p: Point) -> Point:
    """Mirror about the spine (x = 0.5): the body's left becomes its right."""
    return (1.0 - p[0], p[1])


def signed_area(points: Sequence[Point]) -> float:
    """Shoelace area: > 0 when the points run counter-clockwise on a y-up page."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def catmull_rom(points: Sequence[Point], *, closed: bool = False, samples: int = 12) -> tuple[Point, ...]:
    """A smooth curve through every point (uniform Catmull-Rom), sampled as a dense polyline.

    Anatomy and stroke paths are given as a few key points; a spline through them keeps the drawing organic
    without hand-written Bézier handles, and stays a plain list of points for tests and for the PDF path.
    """
    pts = list(points)
    if len(pts) < 3:
        return tuple(pts)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
    else:
        ext = [sub(scale(pts[0], 2), pts[1]), *pts, sub(scale(pts[-1], 2), pts[-2])]
    out: list[Point] = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for k in range(samples):
            t = k / samples
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in (0, 1)
                )
            )
    if not closed:
        out.append(pts[-1])
    return tuple(out)


def cumulative(points: Sequence[Point]) -> list[float]:
    """Arc length from the first point to each point."""
    acc = [0.0]
    for a, b in pairwise(points):
        acc.append(acc[-1] + length(sub(b, a)))
    return acc


def point_at(points: Sequence[Point], s: float) -> tuple[Point, Point]:
    """The point at arc length `s` along a polyline, and the unit tangent there."""
    acc = cumulative(points)
    s = min(max(s, 0.0), acc[-1])
    for i in range(1, len(points)):
        if acc[i] >= s or i == len(points) - 1:
            seg = acc[i] - acc[i - 1]
            t = 0.0 if seg <= 1e-12 else (s - acc[i - 1]) / seg
            a, b = points[i - 1], points[i]
            return add(a, scale(sub(b, a), t)), unit(sub(b, a))
    return points[-1], (0.0, 1.0)


def trim(points: Sequence[Point], start: float = 0.0, end: float = 0.0) -> tuple[Point, ...]:
    """The part of a polyline between arc length `start` and `total - end` (to make room for heads, discs)."""
    acc = cumulative(points)
    lo, hi = start, acc[-1] - end
    if hi <= lo:
        mid, _ = point_at(points, (lo + hi) / 2)
        return (mid, mid)
    out = [point_at(points, lo)[0]]
    out += [p for p, s in zip(points, acc, strict=True) if lo < s < hi]
    out.append(point_at(points, hi)[0])
    return tuple(out)


def arc_points(centre: Point, radius: float, start_deg: float, sweep_deg: float, n: int = 48) -> tuple[Point, ...]:
    """Points on a circular arc; a positive sweep runs counter-clockwise on a y-up page."""
    steps = max(2, int(n * abs(sweep_deg) / 360) + 1)
    return tuple(
        (
            centre[0] + radius * math.cos(math.radians(start_deg + sweep_deg * k / (steps - 1))),
            centre[1] + radius * math.sin(math.radians(start_deg + sweep_deg * k / (steps - 1))),
        )
        for k in range(steps)
    )
