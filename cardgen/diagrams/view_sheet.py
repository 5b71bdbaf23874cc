"""A view's labelled sheet, as diagram primitives: where every landmark is, so an author can name them.

Each landmark gets a dot, a dashed ring of its radius (the size a circle stroke around it takes) and its name
(with "-left"/"-right" for a paired one), put beside the dot away from the middle, or at the first nearby place
where it overlaps no other name or dot. Pure geometry: `cardgen views --out` draws it, tests read it.
"""

from __future__ import annotations

from .geometry import Point, arc_points
from .primitives import Circle, Diagram, Label, Polyline, Primitive, StrokeMarks
from .views import View

#: Label size and the dot's radius, in diagram units (about 7 pt and 0.8 mm on an A4 sheet).
LABEL = 0.016
DOT = 0.0045

Box = tuple[float, float, float, float]


def _box(label: Label) -> Box:
    (x0, y0), _, (x1, y1), _ = label.outline()
    return (x0, y0, x1, y1)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(point: Point, text: str, outward: float) -> list[Point]:
    """Places to try for a name: beside the dot away from the middle (a little higher or lower, then further
    out), then on the inner side, above and below."""
    half = LABEL * 0.32 * len(text)
    x, y = point
    beside = DOT * 2 + half + 0.004
    out = [(x + outward * reach, y + dy * LABEL) for reach in (beside, beside + LABEL * 3) for dy in (0, 1.2, -1.2)]
    out += [(x - outward * beside, y), (x, y + LABEL * 1.3), (x, y - LABEL * 1.3)]
    out += [(x + outward * beside, y + dy * LABEL) for dy in (2.4, -2.4, 3.6, -3.6)]
    return out


def labelled(view: View) -> Diagram:
    """The view with every landmark marked and named; bounds grown so the names fit."""
    marks: list[Primitive] = []
    taken: list[Box] = []
    spots = [
        (mark, f"{name}-{side}" if side != "centre" else name)
        for name, sides in view.landmarks.items()
        for side, mark in sides.items()
    ]
    for mark, _ in spots:
        taken.append((mark.point[0] - DOT, mark.point[1] - DOT, mark.point[0] + DOT, mark.point[1] + DOT))
    for mark, text in spots:
        ring = arc_points(mark.point, mark.radius, 0, 360, n=48)
        marks.append(Polyline(ring, 0.0018, "stroke", "light", closed=True, dash=(0.006, 0.005)))
        marks.append(Circle(mark.point, DOT, 0.0, "mark", filled=True))
        outward = -1.0 if mark.point[0] < 0.5 else 1.0
        label = Label(mark.point, text, LABEL)
        for pos in _candidates(mark.point, text, outward):
            label = Label(pos, text, LABEL)
            if not any(_overlaps(_box(label), box) for box in taken):
                break
        taken.append(_box(label))
        marks.append(label)
    x0, y0, x1, y1 = view.bounds
    boxes = [*taken, (x0, y0, x1, y1)]
    bounds = (
        min(b[0] for b in boxes) - 0.01,
        min(b[1] for b in boxes) - 0.01,
        max(b[2] for b in boxes) + 0.01,
        max(b[3] for b in boxes) + 0.01,
    )
    return Diagram(bounds, view.background, (StrokeMarks("landmarks", "centre", 1, "light", tuple(marks)),))
