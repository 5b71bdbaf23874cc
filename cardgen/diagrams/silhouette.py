"""The back silhouette: a person lying face down, seen from above with the head at the top.

Orientation (say it on the legend): the viewer looks down on the back, head at the top of the picture, so the
person's LEFT side is on the viewer's LEFT. Every paired landmark is defined once for the left side (x < 0.5)
and mirrored about the spine (x -> 1 - x) for the right, so "both" strokes are exact mirror images.

Units: x runs 0..1 left to right, y runs 0..H bottom to top (y up, like a PDF page). The 1 : 0.85 box fits a
card diagram area from about 80 x 70 mm down to 60 x 45 mm with little waste; the body sits in the middle and
the free columns either side take labels (repetitions, the rest clock).
"""

from __future__ import annotations

from functools import cache

from .geometry import Point, arc_points, catmull_rom, mirror_x
from .primitives import Polyline, Primitive
from .vocabulary import CENTRE_LANDMARKS, PAIRED_LANDMARKS

#: Height of the coordinate box; the width is 1.
H = 0.85
#: The box every diagram primitive stays inside: (x0, y0, x1, y1).
BOUNDS: tuple[float, float, float, float] = (0.0, 0.0, 1.0, H)
MIDLINE = 0.5

#: Midline landmarks, top to bottom.
CENTRE_POINTS: dict[str, Point] = {
    "neck": (0.5, 0.675),
    "spine_top": (0.5, 0.605),
    "spine_mid": (0.5, 0.44),
    "spine_low": (0.5, 0.27),
    "sacrum": (0.5, 0.16),
}
#: How far beside the spine a midline landmark lands when a stroke works one side (paraspinal, off the bone).
PARASPINAL: dict[str, float] = {
    "neck": 0.03,
    "spine_top": 0.05,
    "spine_mid": 0.055,
    "spine_low": 0.055,
    "sacrum": 0.05,
}
#: Paired landmarks on the body's left (viewer's left); the right side is the mirror image.
LEFT_POINTS: dict[str, Point] = {
    "shoulder_edge": (0.245, 0.585),
    "shoulder_blade": (0.345, 0.497),
    "waist": (0.415, 0.26),
    "flank": (0.305, 0.39),
    "buttock": (0.39, 0.09),
}
#: Radius of a circle drawn "around" each landmark: big enough to enclose the structure, small enough to clear
#: strokes running beside the spine.
AROUND_RADIUS: dict[str, float] = {
    "shoulder_blade": 0.066,
    "shoulder_edge": 0.045,
    "waist": 0.05,
    "flank": 0.045,
    "buttock": 0.06,
    "neck": 0.035,
    "spine_top": 0.045,
    "spine_mid": 0.05,
    "spine_low": 0.05,
    "sacrum": 0.045,
}

assert set(CENTRE_POINTS) == set(CENTRE_LANDMARKS) and set(LEFT_POINTS) == set(PAIRED_LANDMARKS)


def landmark(name: str, side: str) -> Point:
    """Resolve a content landmark and a concrete side ("left", "right", "centre") to a point.

    Paired landmarks take the given side (centre is refused: there is no middle shoulder blade). Midline
    landmarks stay on the spine for "centre" and move beside it for "left"/"right", so a two-sided glide up
    "to spine_top" runs parallel to the spine instead of converging on it.
    """
    if side not in ("left", "right", "centre"):
        raise ValueError(f"side must be left, right or centre here, not {side!r}")
    if name in CENTRE_POINTS:
        x, y = CENTRE_POINTS[name]
        if side == "centre":
            return (x, y)
        off = PARASPINAL[name]
        return (x - off, y) if side == "left" else (x + off, y)
    if name in LEFT_POINTS:
        if side == "centre":
            raise ValueError(f"{name!r} is a paired landmark; give it a side (left, right or both)")
        p = LEFT_POINTS[name]
        return p if side == "left" else mirror_x(p)
    raise KeyError(name)


def around_radius(name: str) -> float:
    return AROUND_RADIUS[name]


# Left half of the body contour, from under the head down to the bottom edge, as smooth runs meeting at
# corners (the cut end of the upper arm, the armpit, the cut across the thighs).
_LEFT_RUNS: tuple[tuple[Point, ...], ...] = (
    (  # neck, trapezius slope, shoulder cap, outer upper arm down to the elbow
        (0.458, 0.705),
        (0.456, 0.672),
        (0.43, 0.648),
        (0.35, 0.628),
        (0.27, 0.612),
        (0.222, 0.59),
        (0.197, 0.55),
        (0.185, 0.49),
        (0.18, 0.42),
        (0.178, 0.335),
    ),
    ((0.178, 0.335), (0.232, 0.325)),  # where the arm is cut off, at the elbow
    ((0.232, 0.325), (0.236, 0.40), (0.245, 0.46), (0.256, 0.50)),  # inner upper arm up to the armpit
    (  # side of the chest, waist, hip, thigh
        (0.256, 0.50),
        (0.262, 0.45),
        (0.275, 0.38),
        (0.29, 0.31),
        (0.294, 0.26),
        (0.288, 0.21),
        (0.279, 0.15),
        (0.277, 0.09),
        (0.282, 0.04),
        (0.285, 0.012),
    ),
    ((0.285, 0.012), (0.5, 0.012)),  # cut across the thighs
)
_SCAPULA_LEFT: tuple[Point, ...] = (
    (0.403, 0.557),
    (0.35, 0.566),
    (0.293, 0.554),
    (0.313, 0.497),
    (0.37, 0.432),
    (0.397, 0.462),
    (0.405, 0.517),
)
_HEAD = ((0.5, 0.765), 0.066, 0.075)  # centre, half-width, half-height


def _left_contour() -> list[Point]:
    out: list[Point] = []
    for run in _LEFT_RUNS:
        pts = catmull_rom(run, samples=8)
        out.extend(pts if not out else pts[1:])
    return out


@cache
def silhouette() -> tuple[Primitive, ...]:
    """The body as primitives: filled outline and head, then faint spine, shoulder blades, sacrum, cleft."""
    left = _left_contour()
    body = tuple(left + [mirror_x(p) for p in reversed(left)][1:])
    (cx, cy), rx, ry = _HEAD
    head = tuple((cx + rx * x, cy + ry * y) for x, y in arc_points((0, 0), 1.0, 90, 360, n=40))
    scapula = catmull_rom(_SCAPULA_LEFT, closed=True, samples=8)
    sacrum = ((0.476, 0.185), (0.524, 0.185), (0.5, 0.13))
    outline_w, faint_w = 0.0055, 0.0035
    return (
        Polyline(body, outline_w, "outline", "outline", closed=True, fill=True),
        Polyline(head, outline_w, "outline", "outline", closed=True, fill=True),
        Polyline(((0.5, 0.665), (0.5, 0.185)), faint_w, "detail", "faint", dash=(0.012, 0.008)),
        Polyline(scapula, faint_w, "detail", "faint", closed=True),
        Polyline(tuple(mirror_x(p) for p in scapula), faint_w, "detail", "faint", closed=True),
        Polyline(sacrum, faint_w, "detail", "faint", closed=True),
        Polyline(((0.5, 0.13), (0.5, 0.03)), faint_w, "detail", "faint"),
    )
