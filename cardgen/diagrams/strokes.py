"""From the content's stroke vocabulary to a Diagram: sides, order numbers, repetitions, and validation.

Conventions (the legend states the first; the rest are what the drawing shows):
- The person lies face down, seen from above, head at the top: their left is on the viewer's left.
- side "both" is one stroke on the left and its exact mirror image on the right (the hands move
  symmetrically), so a "both" circle declared clockwise turns clockwise on the left and counter-clockwise
  on the right; "left", "right" and "centre" turn exactly as declared, as seen on the page.
- Order numbers sit in a disc on the start of each stroke (inside the ring, by its start, for a circle), only
  when the step has more than one order.
- Repetitions ("×5") stand just beyond the stroke's arrowhead, on the side away from the spine.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import shapes
from .geometry import Point, add, length, mirror_x, scale, sub, unit
from .primitives import Arrowhead, Circle, Diagram, Label, Primitive, StrokeMarks, mirrored
from .silhouette import BOUNDS, around_radius, landmark, silhouette
from .vocabulary import (
    CENTRE_LANDMARKS,
    LANDMARKS,
    PAIRED_LANDMARKS,
    PRESSURES,
    SIDES,
    STROKE_KINDS,
    TURNS,
    Stroke,
)

#: Kinds that travel along a `path` of landmarks.
PATH_KINDS: tuple[str, ...] = ("glide", "loops", "thumb_walk", "wave", "knead")
DISC_R = 0.024
#: Where the opening of a circling arrow faces on the left side, in degrees (60 = up and towards the spine,
#: where strokes arrive from and leave to); mirrored on the right, straight up on the midline.
GAP_LEFT, GAP_CENTRE = 60.0, 90.0
#: How far a repetition label stands sideways from the arrowhead it belongs to.
REPEAT_GAP = 0.07


def validate(stroke: Stroke) -> list[str]:
    """Everything wrong with one stroke, as sentences naming the allowed values; empty when it can be drawn.

    The content schema adds file and line; this function only knows the vocabulary and the anatomy.
    """
    problems: list[str] = []
    kind = stroke.kind
    if kind not in STROKE_KINDS:
        problems.append(f"unknown stroke kind {kind!r}; allowed kinds: {', '.join(STROKE_KINDS)}")
    if stroke.side not in SIDES:
        problems.append(f"unknown side {stroke.side!r}; allowed sides: {', '.join(SIDES)}")
    if stroke.turn not in TURNS:
        problems.append(f"unknown turn {stroke.turn!r}; allowed turns: {', '.join(TURNS)}")
    if stroke.pressure not in PRESSURES:
        problems.append(f"unknown pressure {stroke.pressure!r}; allowed pressures: {', '.join(PRESSURES)}")
    if not isinstance(stroke.order, int) or isinstance(stroke.order, bool) or stroke.order < 1:
        problems.append(f"order must be a whole number from 1, not {stroke.order!r}")
    if stroke.repeat is not None and (not isinstance(stroke.repeat, int) or stroke.repeat < 1):
        problems.append(f"repeat must be a whole number from 1, not {stroke.repeat!r}")

    def check_landmark(name: object, what: str) -> None:
        if name not in LANDMARKS:
            problems.append(f"unknown landmark {name!r} in {what}; allowed landmarks: {', '.join(LANDMARKS)}")
        elif stroke.side == "centre" and name in PAIRED_LANDMARKS:
            problems.append(
                f"side 'centre' makes no sense with the paired landmark {name!r} in {what}; give a side "
                f"(left, right, both) or use a midline landmark: {', '.join(CENTRE_LANDMARKS)}"
            )

    if kind in PATH_KINDS:
        if len(stroke.path) < 2:
            problems.append(f"a {kind} needs a path of at least 2 landmarks, got {len(stroke.path)}")
        for name in stroke.path:
            check_landmark(name, "path")
        for a, b in zip(stroke.path, stroke.path[1:], strict=False):
            if a == b:
                problems.append(f"path repeats {a!r} twice in a row; the stroke would not move")
        if stroke.around is not None:
            problems.append(f"a {kind} follows its path; 'around' is only for circle")
    if kind == "thumb_walk" and stroke.side == "centre":
        problems.append("thumb_walk works beside the spine, not on it; use side left, right or both")
    if kind == "circle":
        if stroke.around is None:
            problems.append(f"a circle needs 'around': one of {', '.join(LANDMARKS)}")
        else:
            check_landmark(stroke.around, "around")
        if stroke.path:
            problems.append("a circle takes 'around', not 'path'")
    if kind == "rest":
        if not isinstance(stroke.minutes, int) or stroke.minutes < 1:
            problems.append(f"rest needs minutes, a whole number from 1, not {stroke.minutes!r}")
        if stroke.path or stroke.around:
            problems.append("rest covers the whole body; it takes no path or around")
    return problems


def _frames(stroke: Stroke) -> list[tuple[str, bool]]:
    """(side to build on, mirror afterwards?) pairs. Right-side strokes are built on the left and mirrored, so
    both sides share one construction and "both" is an exact mirror image."""
    return {
        "left": [("left", False)],
        "right": [("left", True)],
        "both": [("left", False), ("left", True)],
        "centre": [("centre", False)],
    }[stroke.side]


def _clockwise(stroke: Stroke) -> bool:
    """Turning direction in the construction frame: a lone right stroke is built mirrored, so it flips."""
    cw = stroke.turn == "clockwise"
    return not cw if stroke.side == "right" else cw


def _path_points(stroke: Stroke, side: str, circled: set[str], numbered: bool) -> list[Point]:
    """Landmark points; an end on a landmark the step circles moves out to that circle, so lines leave or
    reach the ring instead of crossing it (and a start's order disc sits just outside the ring, not on it)."""
    pts = [landmark(n, side) for n in stroke.path]
    for i, j in ((0, 1), (-1, -2)):
        if stroke.path[i] in circled:
            r = around_radius(stroke.path[i]) + (DISC_R + 0.008 if numbered and i == 0 else 0.0)
            pts[i] = add(pts[i], scale(unit(sub(pts[j], pts[i])), r))
    return pts


def _start(stroke: Stroke, side: str, circled: set[str], numbered: bool) -> Point | None:
    if stroke.kind in PATH_KINDS:
        return _path_points(stroke, side, circled, numbered)[0]
    if stroke.kind == "circle" and stroke.around:
        gap = GAP_CENTRE if side == "centre" else GAP_LEFT
        centre, r = landmark(stroke.around, side), around_radius(stroke.around)
        # The number sits inside a ring big enough to hold it, otherwise just outside the ring's start.
        inset = DISC_R + 0.012 if r >= 2.5 * DISC_R else -(DISC_R + 0.01)
        return shapes.circle_start(centre, r, _clockwise(stroke), gap, inset=inset)
    return None


def _build(stroke: Stroke, side: str, circled: set[str], discs: Sequence[Point], numbered: bool) -> list[Primitive]:
    pressure = stroke.pressure
    if stroke.kind == "rest":
        return shapes.rest(stroke.minutes or 0)
    if stroke.kind == "circle":
        assert stroke.around is not None
        gap = GAP_CENTRE if side == "centre" else GAP_LEFT
        return shapes.circle(
            landmark(stroke.around, side), around_radius(stroke.around), _clockwise(stroke), gap, pressure
        )
    pts = _path_points(stroke, side, circled, numbered)
    if stroke.kind == "glide":
        # Stop short of another stroke's order disc rather than hide the arrowhead under it.
        hits_disc = any(length(sub(pts[-1], d)) < DISC_R * 1.5 for d in discs)
        return shapes.glide(pts, pressure, end_gap=DISC_R + 0.012 if hits_disc else 0.0)
    if stroke.kind == "loops":
        return shapes.loops(pts, _clockwise(stroke), pressure)
    builder = {"thumb_walk": shapes.thumb_walk, "wave": shapes.wave, "knead": shapes.knead}[stroke.kind]
    return builder(pts, pressure)


def _repeat_label(stroke: Stroke, side: str, prims: Sequence[Primitive]) -> Label:
    """Put "×n" just beyond the arrowhead, away from the spine, so it reads with the stroke it counts."""
    heads = [p for p in prims if isinstance(p, Arrowhead)]
    tip, d = (heads[-1].tip, heads[-1].direction) if heads else ((0.5, BOUNDS[3] / 2), (0.0, 1.0))
    outward = -1.0 if side == "left" else 1.0
    label = Label((0.0, 0.0), f"×{stroke.repeat}", shapes.LABEL_SIZE)
    half_w = (label.outline()[1][0] - label.outline()[0][0]) / 2
    x = tip[0] + outward * REPEAT_GAP + d[0] * 0.02
    y = tip[1] + d[1] * 0.03
    x = min(max(x, BOUNDS[0] + half_w), BOUNDS[2] - half_w)
    y = min(max(y, BOUNDS[1] + label.size), BOUNDS[3] - label.size)
    return label._replace(pos=(x, y))


def expand(strokes: Sequence[Stroke], *, with_silhouette: bool = True) -> Diagram:
    """Turn one step's strokes into a Diagram on the silhouette. Raises ValueError listing every problem."""
    problems = [f"stroke {i + 1}: {p}" for i, s in enumerate(strokes) for p in validate(s)]
    if problems:
        raise ValueError("; ".join(problems))
    numbered = len({s.order for s in strokes if s.kind != "rest"}) > 1
    circled = {s.around for s in strokes if s.kind == "circle" and s.around}
    discs: list[Point] = []
    if numbered:
        for s in strokes:
            for side, flip in _frames(s):
                start = _start(s, side, circled, numbered)
                if start is not None:
                    discs.append(mirror_x(start) if flip else start)
    groups: list[StrokeMarks] = []
    for s in strokes:
        for side, flip in _frames(s):
            frame_discs = [mirror_x(d) for d in discs] if flip else discs
            prims = _build(s, side, circled, frame_discs, numbered)
            start = _start(s, side, circled, numbered)
            if numbered and start is not None:
                prims.append(Circle(start, DISC_R, 0.0, "order", filled=True))
                prims.append(Label(start, str(s.order), DISC_R * 1.3, role="order"))
            if s.repeat:
                prims.append(_repeat_label(s, side, prims))
            if flip:
                prims = [mirrored(p) for p in prims]
            where = "right" if flip else side
            groups.append(StrokeMarks(s.kind, where, s.order, s.pressure, tuple(prims)))
    return Diagram(BOUNDS, silhouette() if with_silhouette else (), tuple(groups))
