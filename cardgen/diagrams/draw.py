"""Paint a Diagram onto a reportlab canvas as vector paths (no images), fitted into a box.

All geometry comes ready from `strokes.expand`; this module only maps normalised units to page points and
picks colours by role. Colours are whatever reportlab colours the caller passes (CMYK for print); lighter
shades are tints of those colours, never transparency, so the PDF stays plain for print shops.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable, Sequence
from functools import lru_cache

from reportlab.lib.colors import CMYKColor, Color

from .geometry import Point, arc_points
from .legend import legend_items
from .primitives import Arc, Arrowhead, Circle, Clock, Diagram, Label, Polyline, Primitive, Towel

__all__ = ["draw_diagram", "legend_items", "tint"]

#: How much of the outline colour shades the body and the fine anatomy (0 = paper, 1 = full colour).
BODY_TINT, DETAIL_TINT, SECTOR_TINT = 0.10, 0.55, 0.35
#: White gap each side of a movement line where it crosses the outline or another line, in normalised units.
HALO = 0.006


def tint(color: Color, amount: float) -> Color:
    """`color` mixed with paper white; CMYK stays CMYK (scaled inks), RGB is blended towards white."""
    if isinstance(color, CMYKColor):
        return CMYKColor(color.cyan * amount, color.magenta * amount, color.yellow * amount, color.black * amount)
    r, g, b = color.rgb()
    return Color(1 - (1 - r) * amount, 1 - (1 - g) * amount, 1 - (1 - b) * amount)


def _paper(color: Color) -> Color:
    return CMYKColor(0, 0, 0, 0) if isinstance(color, CMYKColor) else Color(1, 1, 1)


def draw_diagram(
    canvas,
    diagram: Diagram,
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    stroke_color: Color,
    outline_color: Color,
    accent_color: Color,
    label_font: str,
    label_size: float,
) -> None:
    """Draw `diagram` centred in the box (x, y, w, h) in points, aspect preserved.

    `label_font` must already be registered (this is called once per card; registering here would be slow).
    `label_size` is the preferred size of numbers in points; it shrinks only where a number must fit its disc.

    The same diagram in the same box is drawn many times (a card in deck.pdf and on its sheet, every language):
    its operators are recorded the first time and replayed after (see `_Recorder`), keyed on every input.
    """
    args = (diagram, x, y, w, h, stroke_color, outline_color, accent_color, label_font, label_size)
    key = _cache_key(canvas, args)
    if key is None:
        _paint(_Deduped(canvas), args)
        return
    ops = _OPS.pop(key, None)
    if ops is None:
        recorder = _Recorder(canvas)  # draws as it records
        _paint(recorder, args)
        ops = recorder.finish()
        if len(_OPS) >= OPS_CACHED:
            del _OPS[next(iter(_OPS))]  # the least recently used: a process-wide cache stays bounded (watch)
    else:
        _replay(canvas, ops)
    _OPS[key] = ops  # most recently used last


def _paint(canvas: _Deduped, args: tuple) -> None:
    """Paint the diagram; `args` are draw_diagram's, in its order."""
    diagram, x, y, w, h, stroke_color, outline_color, accent_color, label_font, label_size = args
    bx0, by0, bx1, by1 = diagram.bounds
    s = min(w / (bx1 - bx0), h / (by1 - by0))
    ox = x + (w - (bx1 - bx0) * s) / 2 - bx0 * s
    oy = y + (h - (by1 - by0) * s) / 2 - by0 * s

    def tr(p: Point) -> tuple[float, float]:
        return (ox + p[0] * s, oy + p[1] * s)

    paper = _paper(stroke_color)
    colours = {
        "outline": outline_color,
        "detail": tint(outline_color, DETAIL_TINT),
        "towel": outline_color,
        "stroke": stroke_color,
        "mark": stroke_color,
        "arrowhead": stroke_color,
        "clock": stroke_color,
        "order": accent_color,
        "label": stroke_color,
    }
    canvas.saveState()
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    prims = diagram.layered()
    # Knock-out halos first, under every movement line, so crossings and the body outline stay separable.
    for p in prims:
        if p.role in ("stroke", "mark") and isinstance(p, Polyline | Arc):
            _line(canvas, tr, p.outline(), (p.width + 2 * HALO) * s, paper, closed=getattr(p, "closed", False))
    shared = _shared_background(prims, diagram)
    if shared:
        # The silhouette is the same on every step: painted once per PDF as a form XObject in the diagram's own
        # units, then placed by a scale-and-move, in the same painting order as before (after the halos).
        matrix = (s, 0, 0, s, ox, oy)
        canvas.live(_place_background, tuple(shared), diagram.bounds, outline_color, matrix, forgets=True)
        prims = prims[len(shared) :]
    for p in prims:
        colour = colours[p.role]
        match p:
            case Polyline():
                fill = (tint(outline_color, BODY_TINT) if p.role == "outline" else colour) if p.fill else None
                dash = [d * s for d in p.dash] if p.dash else None
                _line(canvas, tr, p.points, p.width * s, colour, closed=p.closed, fill=fill, dash=dash)
            case Arc():
                _line(canvas, tr, p.outline(), p.width * s, colour)
            case Arrowhead():
                _line(canvas, tr, p.outline(), 0.5, colour, closed=True, fill=colour)
            case Circle():
                cx, cy = tr(p.centre)
                canvas.setFillColor(colour)
                canvas.setStrokeColor(colour)
                canvas.setLineWidth(p.width * s)
                canvas.circle(cx, cy, p.radius * s, stroke=0 if p.filled else 1, fill=1 if p.filled else 0)
            case Label():
                on_disc = p.role == "order"
                size = min(label_size, p.size * s * (1.15 if on_disc else 1.0))
                canvas.setFillColor(paper if on_disc else colour)
                # text is encoded by the document's own font subsets: always drawn, never replayed as bytes
                px, py = tr(p.pos)
                canvas.live(_label, label_font, size, px, py - 0.36 * size, p.text)
            case Towel():
                _line(canvas, tr, p.edge, p.width * s, colour, closed=True, fill=paper)
                for fold in p.folds:
                    _line(canvas, tr, fold, p.width * 0.7 * s, tint(outline_color, DETAIL_TINT))
            case Clock():
                _clock(canvas, tr, p, s, colour, tint(accent_color, SECTOR_TINT), paper)
    canvas.restoreState()


def _label(canvas, font: str, size: float, x: float, y: float, text: str) -> None:
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)


def _place_background(
    canvas, background: tuple[Primitive, ...], bounds: tuple[float, ...], outline_color: Color, matrix: tuple
) -> None:
    name = _background_form(canvas, list(background), bounds, outline_color)
    canvas.saveState()
    canvas.transform(*matrix)
    canvas.doForm(name)
    canvas.restoreState()


class _Deduped:
    """The canvas, without repeated colour and width settings: a diagram sets them before each of its hundreds
    of lines, mostly to what they already are (each one costs a pure-Python number formatting and bytes).

    Valid within one graphics state: anything that saves, restores or switches the state forgets what was set.
    Only the calls `_paint` makes exist here. Each either only appends operators to the content stream (`_code`),
    or is `live`: it depends on or changes the document (fonts, forms) or the canvas's state stack.
    """

    def __init__(self, canvas) -> None:
        self.raw = canvas
        self._set: dict[str, object] = {}

    def _code(self, method: str, *args, **kwargs) -> None:
        """A call whose only effect that outlasts the diagram is the operators it appends."""
        getattr(self.raw, method)(*args, **kwargs)

    def live(self, action: Callable[..., None], *args, forgets: bool = False) -> None:
        """A call run on the canvas every time the diagram is drawn; `forgets`: it saves or restores the graphics
        state, so what was set is no longer known."""
        if forgets:
            self._set.clear()
        action(self.raw, *args)

    def saveState(self) -> None:  # reportlab's names, so callers need not know
        self.live(_save_state, forgets=True)

    def restoreState(self) -> None:
        self.live(_restore_state, forgets=True)

    def _once(self, key: str, value: object, method: str) -> None:
        if key not in self._set or self._set[key] != value:
            self._code(method, value)
            self._set[key] = value

    def setStrokeColor(self, colour: Color) -> None:
        self._once("stroke", colour, "setStrokeColor")

    def setFillColor(self, colour: Color) -> None:
        self._once("fill", colour, "setFillColor")

    def setLineWidth(self, width: float) -> None:
        self._once("width", width, "setLineWidth")

    def setLineJoin(self, mode: int) -> None:
        self._code("setLineJoin", mode)

    def setLineCap(self, mode: int) -> None:
        self._code("setLineCap", mode)

    def setDash(self, dash: list[float]) -> None:
        self._code("setDash", dash)

    def drawPath(self, path: _PathCode, stroke: int, fill: int) -> None:
        self._code("drawPath", path, stroke=stroke, fill=fill)

    def circle(self, x: float, y: float, r: float, stroke: int, fill: int) -> None:
        self._code("circle", x, y, r, stroke=stroke, fill=fill)


def _save_state(canvas) -> None:
    canvas.saveState()


def _restore_state(canvas) -> None:
    canvas.restoreState()


#: A recorded drawing: operator strings to append as they are, and live calls (function, arguments) between them.
Ops = tuple[list[str] | tuple[Callable[..., None], tuple], ...]


class _Recorder(_Deduped):
    """Draws like `_Deduped` and keeps what it did: the operators a code-only call appended, and each live call."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.ops: list[list[str] | tuple[Callable[..., None], tuple]] = []

    def _code(self, method: str, *args, **kwargs) -> None:
        code = self.raw._code
        start = len(code)
        super()._code(method, *args, **kwargs)
        if self.ops and isinstance(self.ops[-1], list):
            self.ops[-1].extend(code[start:])
        else:
            self.ops.append(code[start:])

    def live(self, action: Callable[..., None], *args, forgets: bool = False) -> None:
        super().live(action, *args, forgets=forgets)
        self.ops.append((action, args))

    def finish(self) -> Ops:
        return tuple(self.ops)


def _replay(canvas, ops: Ops) -> None:
    for op in ops:
        if isinstance(op, list):
            canvas._code.extend(op)
        else:
            op[0](canvas, *op[1])


#: Recorded drawings kept per process, least recently used dropped first (one language draws about 50).
OPS_CACHED = 512
_OPS: dict[tuple, Ops] = {}


def _colour_key(colour: Color) -> tuple | None:
    """What of a colour reaches the operators; None for kinds whose setting touches the document (separations,
    transparency), which are then drawn afresh every time."""
    if type(colour) is CMYKColor and colour.alpha == 1:
        return ("k", colour.cyan, colour.magenta, colour.yellow, colour.black, colour.density)
    if type(colour) is Color and colour.alpha == 1:
        return ("rg", colour.red, colour.green, colour.blue)
    return None


def _cache_key(canvas, args: tuple) -> tuple | None:
    """Every input the recorded operators depend on: the drawing, its box, colours, label face and size, and the
    canvas state reportlab reads while writing them (fill rule, transparency state); None: do not cache."""
    colours = tuple(_colour_key(c) for c in args[5:8])
    if None in colours or getattr(canvas, "_enforceColorSpace", None) is not None:
        return None
    state = getattr(canvas, "_extgstate", None)
    extg = tuple(sorted(state._d.items())) if state is not None else None
    return (*args[:5], colours, *args[8:], canvas._fillMode, extg)


#: Per canvas: (background, outline colour) -> form name. Weak, so a finished canvas frees its entry.
_FORMS: weakref.WeakKeyDictionary[object, dict[tuple[object, str], str]] = weakref.WeakKeyDictionary()


def _shared_background(prims: list[Primitive], diagram: Diagram) -> list[Primitive]:
    """The leading primitives that are the whole background (plain lines), or [] when it cannot be shared.

    Only when painting order puts every background primitive first can it move into one form unchanged.
    """
    n = len(diagram.background)
    head = prims[:n]
    if not n or any(a is not b for a, b in zip(head, diagram.background, strict=True)):
        return []
    return head if all(isinstance(p, Polyline) for p in head) else []


def _background_form(canvas, background: list[Primitive], bounds: tuple[float, ...], outline_color: Color) -> str:
    """Name of the form painting `background` in diagram units; drawn into the document the first time."""
    forms = _FORMS.setdefault(canvas, {})
    key = (tuple(background), repr(outline_color))
    if key not in forms:
        forms[key] = name = f"cgDiagramBackground{len(forms)}"
        x0, y0, x1, y1 = bounds
        pad = 0.05  # room for the outline's stroke width beyond the bounds (a form clips to its box)
        canvas.beginForm(name, x0 - pad, y0 - pad, x1 + pad, y1 + pad)
        canvas.setLineJoin(1)
        canvas.setLineCap(1)
        for p in background:
            assert isinstance(p, Polyline)
            colour = outline_color if p.role == "outline" else tint(outline_color, DETAIL_TINT)
            fill = tint(outline_color, BODY_TINT) if p.fill and p.role == "outline" else (colour if p.fill else None)
            dash = list(p.dash or ())
            _line(canvas, _same, p.points, p.width, colour, closed=p.closed, fill=fill, dash=dash, decimals=4)
        canvas.endForm()
    return forms[key]


def _same(p: Point) -> tuple[float, float]:
    return p[0], p[1]


class _PathCode:
    """A finished path for canvas.drawPath (which only calls getCode): its operators written here directly.

    reportlab's path object formats every coordinate with a pure-Python routine; a one-language build draws
    about 14,000 diagram points, and that formatting was over a quarter of its rendering time.
    """

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:
        return self.code


#: How far (in diagram units, about 0.07 pt on a card and 0.09 pt in the booklet) a simplified line may stray from
#: the sampled one: a tenth of the thinnest line drawn, far below what print or screen can show.
SIMPLIFY = 0.0005


@lru_cache(maxsize=8192)
def _simplified(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """The polyline with the points it does not need (Ramer-Douglas-Peucker within SIMPLIFY) left out.

    Curves arrive densely sampled (loops, arcs, splines); most samples lie within a hundredth of a point of
    the line between their neighbours. Dropping them halves the content streams without a visible change.
    Cached: a step's diagram is drawn on its card and in the booklet.
    """
    n = len(points)
    if n < 4:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    limit = SIMPLIFY * SIMPLIFY
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        dx, dy = points[b][0] - ax, points[b][1] - ay
        length = dx * dx + dy * dy
        worst, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i][0] - ax, points[i][1] - ay
            t = min(1.0, max(0.0, (px * dx + py * dy) / length)) if length else 0.0
            ex, ey = px - t * dx, py - t * dy
            if ex * ex + ey * ey > worst:
                worst, at = ex * ex + ey * ey, i
        if worst > limit:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return tuple(p for p, kept in zip(points, keep, strict=True) if kept)


#: Tidy fixed-decimal numbers in one pass each: trailing zeros ("12.50" -> "12.5", "3.00" -> "3"), a leading
#: zero ("0.5" -> ".5", "-0.5" -> "-.5") and a negative zero; what reportlab's fp_str writes, at C speed.
_TRAILING_ZEROS = re.compile(r"\.?0+(?= |$)")
_LEADING_ZERO = re.compile(r"(?<![\d.])0\.")
_NEGATIVE_ZERO = re.compile(r"(?<!\S)-0(?= |$)")


def _path_code(tr: Callable[[Point], tuple[float, float]], points: Sequence[Point], closed: bool, decimals: int) -> str:
    pair = f"{{:.{decimals}f}} {{:.{decimals}f}}"
    moved = [pair.format(*tr(p)) for p in _simplified(tuple(points))]
    code = f"n {moved[0]} m " + "".join(f"{xy} l " for xy in moved[1:]) + ("h" if closed else "")
    code = _TRAILING_ZEROS.sub("", code.rstrip())
    return _NEGATIVE_ZERO.sub("0", _LEADING_ZERO.sub(".", code))


def _line(
    canvas,
    tr: Callable[[Point], tuple[float, float]],
    points: Sequence[Point],
    width: float,
    colour: Color,
    *,
    closed: bool = False,
    fill: Color | None = None,
    dash: list[float] | None = None,
    decimals: int = 2,
) -> None:
    """One polyline; coordinates to `decimals` places (2 on the page: 0.01 pt; 4 in the unit-box form)."""
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    if dash:
        canvas.setDash(dash)
    if fill is not None:
        canvas.setFillColor(fill)
    canvas.drawPath(_PathCode(_path_code(tr, points, closed, decimals)), stroke=1, fill=1 if fill is not None else 0)
    if dash:
        canvas.setDash([])  # every other line is solid


def _clock(canvas, tr, clock: Clock, s: float, colour: Color, sector: Color, paper: Color) -> None:
    """Face, duration shaded clockwise from twelve, hour ticks, and a hand where the duration ends."""
    c, r = clock.centre, clock.radius
    _line(canvas, tr, arc_points(c, r, 0, 360), clock.width * s, colour, closed=True, fill=paper)
    sweep = -360 * min(clock.minutes, 60) / 60
    if sweep:
        _line(canvas, tr, (c, *arc_points(c, r * 0.86, 90, sweep)), 0.01, sector, closed=True, fill=sector)
    for hour in range(12):
        a = math.radians(90 - hour * 30)
        inner = 0.72 if hour % 3 == 0 else 0.82
        _line(
            canvas,
            tr,
            [
                (c[0] + r * inner * math.cos(a), c[1] + r * inner * math.sin(a)),
                (c[0] + r * 0.95 * math.cos(a), c[1] + r * 0.95 * math.sin(a)),
            ],
            clock.width * 0.8 * s,
            colour,
        )
    end = math.radians(90 + sweep)
    _line(
        canvas,
        tr,
        [c, (c[0] + r * 0.7 * math.cos(end), c[1] + r * 0.7 * math.sin(end))],
        clock.width * s,
        colour,
    )
    _line(canvas, tr, [c, (c[0], c[1] + r * 0.5)], clock.width * 1.2 * s, colour)
