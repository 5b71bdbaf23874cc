"""From the content's stroke vocabulary to a Diagram on the step's body view: sides, order numbers,
repetitions, shared paths, and validation.

Conventions (the legend states the view's orientation and how `both` circles turn; the rest is what the
drawing shows):
- A mirrored view (the back, the face...) builds a right-side stroke on the left and mirrors it about the
  view's axis (x = 0.5 in diagram units), so "both" is an exact mirror image. On a view of one limb
  (`data-symmetry="none"`) a stroke is drawn where its landmarks are; its side then has nothing to mirror.
- side "both" circles: the left turns as declared; the right turns the opposite way (`mirror: true`, the
  default: two hands circling symmetrically) or the same way (`mirror: false`). "left", "right" and "centre"
  turn exactly as declared, as seen on the page.
- Order numbers sit in a disc on the start of each stroke (inside the ring, by its start, for a circle; above
  a press or hold; at the middle of a stretch), only when the step has more than one order.
- Strokes of one step on the same path (either way along it) and side are drawn side by side, not stacked,
  so no arrowhead hides another.
- Repetitions ("×5") stand just beyond the stroke's arrowhead, on the side away from the middle.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import shapes
from .geometry import Point, add, length, mirror_x, normal, scale, sub, unit
from .primitives import Arrowhead, Circle, Diagram, Label, Primitive, StrokeMarks, mirrored
from .views import View, default_view
from .vocabulary import PATH_KINDS, POINT_KINDS, PRESSURES, SIDES, STROKE_KINDS, TURNS, Stroke

DISC_R = 0.024
#: Where the opening of a circling arrow faces on the reader's left half, in degrees (60 = up and towards the
#: middle, where strokes arrive from and leave to); mirrored on the right half, straight up on the midline.
GAP_LEFT, GAP_CENTRE = 60.0, 90.0
#: How far a repetition label stands sideways from the arrowhead it belongs to.
REPEAT_GAP = 0.07
#: Distance between the centre lines of strokes sharing one path.
SHARED_GAP = 0.045
#: Smallest radius a circle stroke is drawn with, whatever its landmark's: about 6.5 mm across on a card, so a
#: circle around a small landmark (the neck, an ankle bone) still reads as a turning arrow, not a blob.
MIN_CIRCLE_R = 0.05

#: (side whose landmarks are looked up, side it shows on the page, mirror afterwards?)
Frame = tuple[str, str, bool]


def view_of(stroke: Stroke) -> View:
    return stroke.view or default_view()


def missing_landmark(view: View, name: object) -> str:
    """The message for a landmark the view lacks: which view, and every landmark it has."""
    return f"view {view.name} has no landmark {name!r}; its landmarks: {view.describe()}"


def problems(stroke: Stroke) -> list[tuple[tuple[str | int, ...], str]]:
    """Everything wrong with one stroke, as (field, sentence naming the allowed values); empty when drawable.

    The content schema adds file and line; this function only knows the vocabulary and the view's landmarks.
    """
    found: list[tuple[tuple[str | int, ...], str]] = []
    kind = stroke.kind
    if kind not in STROKE_KINDS:
        found.append((("kind",), f"unknown stroke kind {kind!r}; allowed kinds: {', '.join(STROKE_KINDS)}"))
    if stroke.side not in SIDES:
        found.append((("side",), f"unknown side {stroke.side!r}; allowed sides: {', '.join(SIDES)}"))
    if stroke.turn not in TURNS:
        found.append((("turn",), f"unknown turn {stroke.turn!r}; allowed turns: {', '.join(TURNS)}"))
    if stroke.pressure not in PRESSURES:
        found.append((("pressure",), f"unknown pressure {stroke.pressure!r}; allowed: {', '.join(PRESSURES)}"))
    if not isinstance(stroke.order, int) or isinstance(stroke.order, bool) or stroke.order < 1:
        found.append((("order",), f"order must be a whole number from 1, not {stroke.order!r}"))
    if stroke.repeat is not None and (not isinstance(stroke.repeat, int) or stroke.repeat < 1):
        found.append((("repeat",), f"repeat must be a whole number from 1, not {stroke.repeat!r}"))
    view = view_of(stroke)

    def check_landmark(name: object, loc: tuple[str | int, ...]) -> None:
        if name not in view.landmarks:
            found.append((loc, missing_landmark(view, name)))
        elif stroke.side == "centre" and view.paired(str(name)) and view.symmetry == "mirror":
            midline = ", ".join(n for n in view.names if not view.paired(n)) or "none"
            found.append(
                (
                    loc,
                    f"side 'centre' makes no sense with the paired landmark {name!r}; give a side (left, right, "
                    f"both) or use a midline landmark of view {view.name}: {midline}",
                )
            )

    if kind in PATH_KINDS:
        if len(stroke.path) < 2:
            found.append((("path",), f"a {kind} needs a path of at least 2 landmarks, got {len(stroke.path)}"))
        for k, name in enumerate(stroke.path):
            check_landmark(name, ("path", k))
        for a, b in zip(stroke.path, stroke.path[1:], strict=False):
            if a == b:
                found.append((("path",), f"path repeats {a!r} twice in a row; the stroke would not move"))
    for key, value, kinds in (("around", stroke.around, ("circle",)), ("at", stroke.at, POINT_KINDS)):
        if value is not None and kind not in kinds:
            found.append(((key,), f"'{key}' is only for {' and '.join(kinds)}; a {kind} does not take it"))
    if stroke.path and kind not in PATH_KINDS:
        found.append((("path",), f"a {kind} takes no 'path'; path is for {', '.join(PATH_KINDS)}"))
    if kind == "thumb_walk" and stroke.side == "centre" and view.symmetry == "mirror":
        found.append((("side",), "thumb_walk works beside the spine, not on it; use side left, right or both"))
    if kind == "circle":
        if stroke.around is None:
            found.append((("around",), f"a circle needs 'around': one of {view.describe()}"))
        else:
            check_landmark(stroke.around, ("around",))
    if kind in POINT_KINDS:
        if stroke.at is None:
            found.append((("at",), f"a {kind} needs 'at': one of {view.describe()}"))
        else:
            check_landmark(stroke.at, ("at",))
    if kind == "press" and (stroke.hold is None or stroke.hold <= 0):
        found.append((("hold",), "a press needs 'hold: SECONDS', how long it is held, e.g. hold: 5"))
    if stroke.hold is not None and kind != "press":
        found.append((("hold",), f"'hold: seconds' is for press; a {kind} does not take it"))
    if not stroke.mirror and (kind != "circle" or stroke.side != "both"):
        found.append((("mirror",), "mirror is only for circles with side both (how the right side turns)"))
    if kind == "rest":
        if not isinstance(stroke.minutes, int) or stroke.minutes < 1:
            found.append((("minutes",), f"rest needs minutes, a whole number from 1, not {stroke.minutes!r}"))
        if stroke.path or stroke.around:
            found.append(((), "rest covers the whole body; it takes no path or around"))
    return found


def validate(stroke: Stroke) -> list[str]:
    """The sentences of `problems`, for callers that only report them."""
    return [message for _, message in problems(stroke)]


def _landmarks(stroke: Stroke) -> tuple[str, ...]:
    return (*stroke.path, *(n for n in (stroke.around, stroke.at) if n))


def frames(stroke: Stroke) -> list[Frame]:
    """Where one stroke is drawn. On a mirrored view a right-side stroke is built on the left and mirrored, so
    both sides share one construction; on a one-limb view it is drawn where its landmarks are."""
    view = view_of(stroke)
    if view.symmetry == "mirror":
        return {
            "left": [("left", "left", False)],
            "right": [("left", "right", True)],
            "both": [("left", "left", False), ("left", "right", True)],
            "centre": [("centre", "centre", False)],
        }[stroke.side]
    paired = any(n in view.landmarks and view.paired(n) for n in _landmarks(stroke))
    if stroke.side == "both" and paired:
        return [("left", "left", False), ("right", "right", False)]
    side = stroke.side if stroke.side in ("left", "right") and paired else "centre"
    return [(side, side, False)]


def _clockwise(stroke: Stroke, frame: Frame) -> bool:
    """Turning direction in the construction frame: as declared, except a `both` stroke's right side turns
    the other way when mirrored; a frame built mirrored flips once more."""
    _, page_side, flip = frame
    cw = stroke.turn == "clockwise"
    if stroke.side == "both" and page_side == "right" and stroke.mirror:
        cw = not cw
    return not cw if flip else cw


def circle_radius(view: View, name: str) -> float:
    """The radius of a circle drawn around landmark `name`: the view's size for it, at least MIN_CIRCLE_R."""
    return max(view.radius(name), MIN_CIRCLE_R)


def _gap(point: Point) -> float:
    """The opening of a circling arrow faces up and towards the middle of the view."""
    if abs(point[0] - 0.5) < 1e-6:
        return GAP_CENTRE
    return GAP_LEFT if point[0] < 0.5 else 180.0 - GAP_LEFT


def _shared_offsets(strokes: Sequence[Stroke]) -> dict[tuple[int, str], float]:
    """Sideways shift of each (stroke index, page side) running between the same two landmarks as another
    stroke of the step (either way, through any landmarks between), so neither hides the other."""
    groups: dict[tuple[tuple[str, str], str], list[int]] = {}
    for i, s in enumerate(strokes):
        if s.kind in PATH_KINDS and len(s.path) >= 2:
            ends = (min(s.path[0], s.path[-1]), max(s.path[0], s.path[-1]))
            for _, page_side, _ in frames(s):
                groups.setdefault((ends, page_side), []).append(i)
    out: dict[tuple[int, str], float] = {}
    for (ends, page_side), members in groups.items():
        for rank, i in enumerate(members):
            if len(members) > 1:
                # the same sideways shift whichever way a stroke runs: measured against one direction
                sign = 1.0 if strokes[i].path[0] == ends[0] else -1.0
                out[(i, page_side)] = sign * (rank - (len(members) - 1) / 2) * SHARED_GAP
    return out


def _order_discs(
    strokes: Sequence[Stroke], circled: set[str], shifts: dict[tuple[int, str], float]
) -> dict[tuple[int, str], Point]:
    """Where each (stroke, page side)'s order number goes, in its construction frame: on the stroke's start,
    moved off the middle line (a "both" pair's two numbers would touch there) and off any number placed
    before it, so no two numbers cover each other. A mirrored side reuses its left side's place."""
    placed: dict[tuple[int, str], Point] = {}
    # what a number must not cover: other numbers (radius DISC_R) and the rings of presses and holds
    taken: list[tuple[Point, float]] = []
    for s in strokes:
        if s.kind in POINT_KINDS and s.at:
            for side, _, flip in frames(s):
                centre, ring = _point_mark(s, side)
                taken.append((mirror_x(centre) if flip else centre, ring))
    gap = DISC_R * 2.1
    for i, s in enumerate(strokes):
        for frame in frames(s):
            _, page_side, flip = frame
            start = _start(s, frame, circled, True, shifts.get((i, page_side), 0.0))
            if start is None:
                continue
            if flip and (i, "left") in placed:
                start = placed[(i, "left")]  # the mirror image of its left side's place, unless that is taken
            elif page_side in ("left", "right") and view_of(s).symmetry == "mirror":
                limit = 0.5 - gap / 2  # construction frame: the left half
                start = (min(start[0], limit), start[1]) if start[0] < 0.5 else (max(start[0], 1 - limit), start[1])
            for _ in range(6):
                page = mirror_x(start) if flip else start
                near = [(c, r) for c, r in taken if length(sub(page, c)) < r + DISC_R * 1.05 - 1e-9]
                if not near:
                    break
                (centre, r), away = near[0], sub(page, near[0][0])
                away = unit(away) if length(away) > 1e-9 else (0.0, 1.0)
                moved = add(centre, scale(away, r + DISC_R * 1.05))
                start = mirror_x(moved) if flip else moved
            placed[(i, page_side)] = start
            taken.append((mirror_x(start) if flip else start, DISC_R))
    return placed


def _path_points(stroke: Stroke, side: str, circled: set[str], numbered: bool, shift: float = 0.0) -> list[Point]:
    """Landmark points; an end on a landmark the step circles moves out to that circle, so lines leave or
    reach the ring instead of crossing it (and a start's order disc sits just outside the ring, not on it).
    `shift` moves the whole path sideways (to the left of its travel) when strokes share it."""
    view = view_of(stroke)
    pts = [view.point(n, side) for n in stroke.path]
    for i, j in ((0, 1), (-1, -2)):
        if stroke.path[i] in circled:
            r = circle_radius(view, stroke.path[i]) + (DISC_R + 0.008 if numbered and i == 0 else 0.0)
            pts[i] = add(pts[i], scale(unit(sub(pts[j], pts[i])), r))
    if shift:
        offset = scale(normal(unit(sub(pts[-1], pts[0]))), shift)
        pts = [add(p, offset) for p in pts]
    return pts


def _start(stroke: Stroke, frame: Frame, circled: set[str], numbered: bool, shift: float) -> Point | None:
    view, side = view_of(stroke), frame[0]
    if stroke.kind == "stretch":
        pts = shapes.smooth(_path_points(stroke, side, circled, numbered, shift))
        from .geometry import cumulative, point_at

        return point_at(pts, cumulative(pts)[-1] / 2)[0]
    if stroke.kind in PATH_KINDS:
        return _path_points(stroke, side, circled, numbered, shift)[0]
    if stroke.kind == "circle" and stroke.around:
        centre, r = view.point(stroke.around, side), circle_radius(view, stroke.around)
        # The number sits inside a ring big enough to hold it, otherwise just outside the ring's start.
        inset = DISC_R + 0.012 if r >= 2.5 * DISC_R else -(DISC_R + 0.01)
        return shapes.circle_start(centre, r, _clockwise(stroke, frame), _gap(centre), inset=inset)
    if stroke.kind in POINT_KINDS and stroke.at:
        centre, ring = _point_mark(stroke, side)
        return (centre[0], centre[1] + ring + DISC_R + 0.006)
    return None


def _point_mark(stroke: Stroke, side: str) -> tuple[Point, float]:
    """Centre and outer radius of a press or hold. On a midline landmark worked on both sides the two marks
    stand at least their own radius beside the middle, so the pair does not overlap into one blot."""
    view = view_of(stroke)
    assert stroke.at is not None
    centre = view.point(stroke.at, side)
    ring = shapes.PRESS_RING if stroke.kind == "press" else max(view.radius(stroke.at), shapes.HOLD_MIN_R)
    if side in ("left", "right") and view.symmetry == "mirror" and not view.paired(stroke.at):
        beside = ring + 0.006
        if abs(centre[0] - 0.5) < beside:
            centre = (0.5 - beside if centre[0] <= 0.5 else 0.5 + beside, centre[1])
    return centre, ring


def _outward(point: Point) -> float:
    """-1 on the reader's left half, +1 on the right half (labels go away from the middle)."""
    return -1.0 if point[0] < 0.5 else 1.0


def _build(
    stroke: Stroke, frame: Frame, circled: set[str], discs: Sequence[Point], numbered: bool, shift: float
) -> list[Primitive]:
    view, side, pressure = view_of(stroke), frame[0], stroke.pressure
    if stroke.kind == "rest":
        return shapes.rest(stroke.minutes or 0, view.bounds)
    if stroke.kind == "circle":
        assert stroke.around is not None
        centre = view.point(stroke.around, side)
        return shapes.circle(
            centre, circle_radius(view, stroke.around), _clockwise(stroke, frame), _gap(centre), pressure
        )
    if stroke.kind == "press":
        assert stroke.at is not None and stroke.hold is not None
        centre, _ = _point_mark(stroke, side)
        return shapes.press(centre, stroke.hold, pressure, _outward(centre) if centre[0] != 0.5 else 1.0)
    if stroke.kind == "hold":
        assert stroke.at is not None
        centre, ring = _point_mark(stroke, side)
        return shapes.hold(centre, ring, pressure)
    pts = _path_points(stroke, side, circled, numbered, shift)
    if stroke.kind == "glide":
        # Stop short of another stroke's order disc rather than hide the arrowhead under it.
        hits_disc = any(length(sub(pts[-1], d)) < DISC_R * 1.5 for d in discs)
        return shapes.glide(pts, pressure, end_gap=DISC_R + 0.012 if hits_disc else 0.0)
    if stroke.kind == "loops":
        return shapes.loops(pts, _clockwise(stroke, frame), pressure)
    builder = {
        "thumb_walk": shapes.thumb_walk,
        "wave": shapes.wave,
        "knead": shapes.knead,
        "tap": shapes.tap,
        "friction": shapes.friction,
        "stretch": shapes.stretch,
    }[stroke.kind]
    return builder(pts, pressure)


def _repeat_label(stroke: Stroke, prims: Sequence[Primitive], bounds: tuple[float, ...]) -> Label:
    """Put "×n" just beyond the arrowhead (or beside a press or hold), away from the middle, so it reads with
    the stroke it counts."""
    heads = [p for p in prims if isinstance(p, Arrowhead)]
    if heads:
        tip, d = heads[-1].tip, heads[-1].direction
    else:
        rings = [p for p in prims if isinstance(p, Circle)]
        tip, d = (rings[0].centre if rings else (0.5, bounds[3] / 2)), (0.0, -1.0)
    label = Label((0.0, 0.0), f"×{stroke.repeat}", shapes.LABEL_SIZE)
    half_w = (label.outline()[1][0] - label.outline()[0][0]) / 2
    x = tip[0] + _outward(tip) * REPEAT_GAP + d[0] * 0.02
    y = tip[1] + d[1] * 0.03
    x = min(max(x, bounds[0] + half_w), bounds[2] - half_w)
    y = min(max(y, bounds[1] + label.size), bounds[3] - label.size)
    return label._replace(pos=(x, y))


def expand(strokes: Sequence[Stroke], *, with_silhouette: bool = True, view: View | None = None) -> Diagram:
    """Turn one step's strokes into a Diagram on their view (`view`: the one to draw when there are no strokes,
    such as a bare view on a cover). Raises ValueError listing every problem."""
    found = [f"stroke {i + 1}: {p}" for i, s in enumerate(strokes) for p in validate(s)]
    if found:
        raise ValueError("; ".join(found))
    view = view_of(strokes[0]) if strokes else view or default_view()
    numbered = len({s.order for s in strokes if s.kind != "rest"}) > 1
    circled = {s.around for s in strokes if s.kind == "circle" and s.around}
    shifts = _shared_offsets(strokes)
    placed = _order_discs(strokes, circled, shifts) if numbered else {}
    discs = [mirror_x(d) if side == "right" and view.symmetry == "mirror" else d for (_, side), d in placed.items()]
    groups: list[StrokeMarks] = []
    for i, s in enumerate(strokes):
        for frame in frames(s):
            _, page_side, flip = frame
            shift = shifts.get((i, page_side), 0.0)
            frame_discs = [mirror_x(d) for d in discs] if flip else discs
            prims = _build(s, frame, circled, frame_discs, numbered, shift)
            start = placed.get((i, page_side))
            if start is not None:
                prims.append(Circle(start, DISC_R, 0.0, "order", filled=True))
                prims.append(Label(start, str(s.order), DISC_R * 1.3, role="order"))
            if s.repeat:
                prims.append(_repeat_label(s, prims, view.bounds))
            if flip:
                prims = [mirrored(p) for p in prims]
            groups.append(StrokeMarks(s.kind, page_side, s.order, s.pressure, tuple(prims)))
    return Diagram(view.bounds, view.background if with_silhouette else (), tuple(groups))
