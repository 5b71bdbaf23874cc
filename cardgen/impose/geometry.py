"""Shared geometry of imposition: rectangles, segments, grid fitting and clipped marks.

Everything is in PostScript points (floats) with the origin at the bottom-left of the page, as in PDF, so a
renderer can hand the numbers to reportlab unchanged. Nothing here draws or reads files: the imposition stage
only says *where* finished frames and marks go.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Points per millimetre. Print sizes are quoted in mm; PDF speaks points.
MM = 72 / 25.4
#: Tolerance for "touching is not overlapping": far below anything a printer can resolve.
EPS = 1e-6
#: Slack allowed when deciding whether a grid fits. Paper sizes are often quoted rounded to 4 decimals of a
#: point (A4 = 595.2756 pt); without slack an exact fit (two B7 cards across A4) could be lost to rounding.
FIT_EPS = 1e-3

Point = tuple[float, float]
#: A straight line from the first point to the second; marks start at the end nearer the card.
Segment = tuple[Point, Point]


class ImpositionError(ValueError):
    """Raised when the requested geometry cannot be imposed (nothing fits, sizes invalid)."""


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle: lower-left corner (x, y), width w and height h, in points."""

    x: float
    y: float
    w: float
    h: float

    def __post_init__(self) -> None:
        if self.w < -EPS or self.h < -EPS:
            raise ValueError(f"Rect needs non-negative width and height, got {self.w} x {self.h}")

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def inset(self, d: float) -> Rect:
        """Shrink by d on every side (negative d grows): trim.inset(-bleed) is the bleed box."""
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def grow(self, left: float = 0.0, bottom: float = 0.0, right: float = 0.0, top: float = 0.0) -> Rect:
        """Grow each side separately; used where bleed exists on some sides only (butted cards, folds)."""
        return Rect(self.x - left, self.y - bottom, self.w + left + right, self.h + bottom + top)

    def translate(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def contains(self, other: Rect, tol: float = EPS) -> bool:
        """True if other lies inside self (edges may coincide)."""
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.right <= self.right + tol
            and other.top <= self.top + tol
        )

    def intersects(self, other: Rect, tol: float = EPS) -> bool:
        """True if the two share area. Rects that only touch along an edge do not intersect: bleed boxes of
        cards butted together (gutter 0) touch and that is allowed."""
        return (
            min(self.right, other.right) - max(self.x, other.x) > tol
            and min(self.top, other.top) - max(self.y, other.y) > tol
        )

    def isclose(self, other: Rect, tol: float = EPS) -> bool:
        return all(math.isclose(a, b, abs_tol=tol) for a, b in zip(self._tuple(), other._tuple(), strict=True))

    def _tuple(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.w, self.h)


def fit_count(avail: float, unit: float, gap: float) -> int:
    """How many units of length `unit`, separated by `gap`, fit in `avail`: n*unit + (n-1)*gap <= avail."""
    if avail < unit - FIT_EPS:
        return 0
    return max(0, math.floor((avail + gap + FIT_EPS) / (unit + gap)))


def centred_starts(length: float, n: int, unit: float, gap: float) -> list[float]:
    """Start coordinates of n units centred in [0, length], ascending."""
    extent = n * unit + (n - 1) * gap
    first = (length - extent) / 2
    return [first + i * (unit + gap) for i in range(n)]


def _blocked_length(
    px: float, py: float, dx: int, dy: int, start: float, length: float, boxes: Iterable[Rect]
) -> float:
    """Length a mark may keep along the ray (px, py) + t*(dx, dy), t in [start, start + length], before it
    runs into a box. A box the mark merely touches at a point does not count; running along a box's edge
    does (a hairline on the edge of a card would print on it)."""
    keep = length
    for b in boxes:
        if dx:  # horizontal ray at y = py
            if not (b.y - EPS <= py <= b.top + EPS):
                continue
            lo, hi = sorted(((b.x - px) * dx, (b.right - px) * dx))
        else:
            if not (b.x - EPS <= px <= b.right + EPS):
                continue
            lo, hi = sorted(((b.y - py) * dy, (b.top - py) * dy))
        lo, hi = lo - start, hi - start
        if hi <= EPS or lo >= keep - EPS:
            continue
        keep = 0.0 if lo <= EPS else min(keep, lo)
    return keep


def ray_marks(
    rays: Iterable[tuple[float, float, int, int]],
    boxes: Sequence[Rect],
    printable: Rect,
    offset: float,
    length: float,
    min_length: float,
) -> list[Segment]:
    """Marks along rays from trim points: each starts `offset` from its point and is `length` long, shortened
    where it would touch any box or leave the printable area, and dropped when shorter than `min_length`.

    A ray is (x, y, dx, dy) with (dx, dy) one of the four axis directions, pointing away from the card.
    Exact duplicates (two cards sharing a corner) are returned once.
    """
    out: list[Segment] = []
    seen: set[tuple[float, ...]] = set()
    if length <= 0:
        return out
    for px, py, dx, dy in rays:
        sx, sy = px + dx * offset, py + dy * offset
        if not (printable.x - EPS <= sx <= printable.right + EPS and printable.y - EPS <= sy <= printable.top + EPS):
            continue
        if dx:
            room = printable.right - sx if dx > 0 else sx - printable.x
        else:
            room = printable.top - sy if dy > 0 else sy - printable.y
        keep = min(_blocked_length(px, py, dx, dy, offset, length, boxes), room)
        if keep < min_length - EPS or keep <= EPS:
            continue
        seg = ((sx, sy), (sx + dx * keep, sy + dy * keep))
        key = tuple(round(v, 6) for p in sorted(seg) for v in p)
        if key not in seen:
            seen.add(key)
            out.append(seg)
    return out


def corner_rays(trim: Rect) -> list[tuple[float, float, int, int]]:
    """Two outward rays per corner of a trim box: one horizontal, one vertical, along the trim lines."""
    rays: list[tuple[float, float, int, int]] = []
    for x, dx in ((trim.x, -1), (trim.right, 1)):
        for y, dy in ((trim.y, -1), (trim.top, 1)):
            rays += [(x, y, dx, 0), (x, y, 0, dy)]
    return rays


def _distinct(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EPS:
            out.append(v)
    return out


def _gaps(lo: float, hi: float, blocked: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Parts of [lo, hi] outside every blocked interval (closed), keeping only pieces of positive length."""
    pieces, cur = [], lo
    for a, b in sorted(blocked):
        if a > cur + EPS:
            pieces.append((cur, min(a, hi)))
        cur = max(cur, b)
        if cur >= hi:
            break
    if hi > cur + EPS:
        pieces.append((cur, hi))
    return [(a, b) for a, b in pieces if b - a > EPS]


def guillotine_lines(trims: Iterable[Rect], boxes: Sequence[Rect], printable: Rect) -> list[Segment]:
    """Full-length cut guides along every distinct trim x (vertical) and trim y (horizontal), spanning the
    printable area but split so no piece touches any box: a guide shows where to cut without printing on a
    card. Vertical lines come first, left to right, each piece bottom-up; then horizontal ones, bottom-up."""
    trims = list(trims)
    out: list[Segment] = []
    for x in _distinct(v for t in trims for v in (t.x, t.right)):
        if not printable.x - EPS <= x <= printable.right + EPS:
            continue  # a trim within FIT_EPS of the paper's edge: no room to print its guide
        hits = [(b.y, b.top) for b in boxes if b.x - EPS <= x <= b.right + EPS]
        out += [((x, a), (x, b)) for a, b in _gaps(printable.y, printable.top, hits)]
    for y in _distinct(v for t in trims for v in (t.y, t.top)):
        if not printable.y - EPS <= y <= printable.top + EPS:
            continue
        hits = [(b.x, b.right) for b in boxes if b.y - EPS <= y <= b.top + EPS]
        out += [((a, y), (b, y)) for a, b in _gaps(printable.x, printable.right, hits)]
    return out


def check_sizes(positive: dict[str, float], non_negative: dict[str, float]) -> None:
    """Reject non-finite lengths, sizes that are not positive and spacings that are negative, by name."""
    for name, v in positive.items():
        if not (math.isfinite(v) and v > 0):
            raise ImpositionError(f"{name} must be a positive finite length in points, got {v!r}")
    for name, v in non_negative.items():
        if not (math.isfinite(v) and v >= 0):
            raise ImpositionError(f"{name} must be a non-negative finite length in points, got {v!r}")


def outer_reach(bleed: float, mark_length: float, mark_offset: float) -> float:
    """How far beyond the trim a sheet's outer edge needs room: its bleed, or its crop marks, which start
    max(mark_offset, bleed) out so they never print on the bleed. mark_length 0 means no marks."""
    return max(mark_offset, bleed) + mark_length if mark_length > 0 else bleed


def grid_room(
    paper_w: float,
    paper_h: float,
    card_w: float,
    card_h: float,
    bleed: float,
    gutter: float,
    margin: float,
    mark_length: float,
    mark_offset: float,
) -> tuple[float, float, float]:
    """Check a grid plan's sizes by name, then return its outer reach (see outer_reach) and the width and height
    left for the grid of trims: the paper minus margin and reach on every side. plan_sheet and plan_fold start
    here."""
    check_sizes(
        {"paper_w": paper_w, "paper_h": paper_h, "card_w": card_w, "card_h": card_h},
        {
            "bleed": bleed,
            "gutter": gutter,
            "margin": margin,
            "mark_length": mark_length,
            "mark_offset": mark_offset,
        },
    )
    reach = outer_reach(bleed, mark_length, mark_offset)
    return reach, paper_w - 2 * (margin + reach), paper_h - 2 * (margin + reach)


def mm(v: float) -> str:
    """Format points as millimetres for error messages people can check against a ruler."""
    return f"{v / MM:.1f} mm"
