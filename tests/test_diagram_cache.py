"""The diagram operator cache (cardgen.diagrams.draw): a drawing recorded once is replayed when every input is
equal, drawn afresh when any input differs, and a replay writes exactly the operators a fresh drawing writes.
Labels are text in the document's own font subsets: they are drawn on every replay, never copied as bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cardgen.diagrams import draw
from cardgen.diagrams.draw import draw_diagram
from cardgen.diagrams.strokes import expand
from cardgen.diagrams.vocabulary import Stroke

ROOT = Path(__file__).resolve().parent.parent
COLOURS = {
    "stroke_color": CMYKColor(0.9, 0.5, 0, 0.3),
    "outline_color": CMYKColor(0, 0, 0, 0.75),
    "accent_color": CMYKColor(0, 0.75, 1, 0.25),
}
BOX = (10.0, 20.0, 200.0, 160.0)
_PAINT = draw._paint


@pytest.fixture(scope="module")
def font() -> str:
    name = "NotoSans-Bold"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(ROOT / "fonts" / "NotoSans-Bold.ttf")))
    return name


@pytest.fixture(scope="module")
def diagram():
    """Two numbered strokes: halos, the silhouette form, lines, arrowheads and order labels (text)."""
    return expand(
        (
            Stroke(kind="glide", path=("shoulder_edge", "neck"), side="both", order=1),
            Stroke(kind="circle", around="shoulder_blade", side="both", order=2),
        )
    )


@pytest.fixture
def paints(monkeypatch):
    """Counts actual paintings (a replay does not paint); the cache starts empty and is emptied after."""
    draw._OPS.clear()
    count = [0]
    original = draw._paint

    def counted(*args, **kwargs):
        count[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(draw, "_paint", counted)
    yield count
    draw._OPS.clear()


def _draw(canvas: Canvas, diagram, box=BOX, font: str = "NotoSans-Bold", size: float = 7.0, **colours) -> list[str]:
    start = len(canvas._code)
    draw_diagram(canvas, diagram, *box, label_font=font, label_size=size, **{**COLOURS, **colours})
    return canvas._code[start:]


def _fresh(diagram, *, after: tuple = (), **kwargs) -> list[str]:
    """What a drawing writes with no cache at all, on a canvas of its own where the drawings `after` ((diagram,
    arguments) each) were made first: form and font names are the document's own, numbered as first used."""
    saved = dict(draw._OPS)
    draw._OPS.clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(draw, "_cache_key", lambda canvas, args: None)
            patch.setattr(draw, "_paint", _PAINT)
            canvas = Canvas(io.BytesIO())
            for earlier, arguments in after:
                _draw(canvas, earlier, **arguments)
            return _draw(canvas, diagram, **kwargs)
    finally:
        draw._OPS.clear()
        draw._OPS.update(saved)


def test_equal_inputs_replay_the_recorded_operators(diagram, font, paints) -> None:
    canvas = Canvas(io.BytesIO())
    first = _draw(canvas, diagram)
    second = _draw(canvas, diagram)
    assert paints[0] == 1, "the second drawing must be a replay"
    assert first == second == _fresh(diagram)
    third = _draw(Canvas(io.BytesIO()), diagram)  # another document (another PDF, another language)
    assert paints[0] == 1
    assert third == first


@pytest.mark.parametrize(
    "change",
    [
        {"box": (11.0, 20.0, 200.0, 160.0)},
        {"box": (10.0, 21.0, 200.0, 160.0)},
        {"box": (10.0, 20.0, 180.0, 160.0)},
        {"box": (10.0, 20.0, 200.0, 150.0)},
        {"size": 3.0},
        {"font": "NotoSans-Regular"},
        {"stroke_color": CMYKColor(0.9, 0.5, 0, 0.31)},
        {"outline_color": CMYKColor(0, 0, 0, 0.7)},
        {"accent_color": CMYKColor(0, 0.75, 1, 0.2)},
        {"accent_color": CMYKColor(0, 0.75, 1, 0.25, density=0.5)},
        {"stroke_color": Color(0.1, 0.2, 0.3), "outline_color": Color(0, 0, 0), "accent_color": Color(1, 0, 0)},
    ],
    ids=lambda change: ",".join(change),
)
def test_any_different_input_is_drawn_afresh(diagram, font, paints, change) -> None:
    if change.get("font") == "NotoSans-Regular" and "NotoSans-Regular" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(ROOT / "fonts" / "NotoSans-Regular.ttf")))
    canvas = Canvas(io.BytesIO())
    base = _draw(canvas, diagram)
    changed = _draw(canvas, diagram, **change)
    assert paints[0] == 2, f"{change} must not be served from the cache"
    assert changed != base
    assert changed == _fresh(diagram, after=[(diagram, {})], **change)


def test_a_different_drawing_is_drawn_afresh(diagram, font, paints) -> None:
    canvas = Canvas(io.BytesIO())
    _draw(canvas, diagram)
    other = expand((Stroke(kind="glide", path=("shoulder_edge", "neck"), side="left", order=1),))
    assert _draw(canvas, other) == _fresh(other, after=[(diagram, {})])
    moved = diagram._replace(bounds=(diagram.bounds[0] - 0.1, *diagram.bounds[1:]))  # a miniature's crop
    assert _draw(canvas, moved) == _fresh(moved, after=[(diagram, {}), (other, {})])
    assert paints[0] == 3


def test_canvas_state_read_while_drawing_is_part_of_the_key(diagram, font, paints) -> None:
    canvas = Canvas(io.BytesIO())
    base = _draw(canvas, diagram)
    canvas._fillMode = 0 if canvas._fillMode else 1  # paths are filled with the canvas's fill rule
    assert _draw(canvas, diagram) != base
    assert paints[0] == 2


def test_colours_that_touch_the_document_are_never_cached(diagram, font, paints) -> None:
    canvas = Canvas(io.BytesIO())
    spot = CMYKColorSep(0, 0.5, 1, 0, spotName="Brand")
    translucent = Color(0.2, 0.3, 0.4, alpha=0.5)
    for colours in ({"accent_color": spot}, {"stroke_color": translucent}):
        _draw(canvas, diagram, **colours)
        _draw(canvas, diagram, **colours)
    assert paints[0] == 4
    assert not draw._OPS


def test_labels_are_drawn_in_each_document(diagram, font, paints, tmp_path: Path) -> None:
    """A replay in a new document still uses that document's font: the order numbers are real text there."""
    _draw(Canvas(io.BytesIO()), diagram)
    path = tmp_path / "replayed.pdf"
    canvas = Canvas(str(path))
    _draw(canvas, diagram)
    canvas.save()
    assert paints[0] == 1
    with pikepdf.open(path) as pdf:
        fonts = pdf.pages[0].Resources.Font
        assert any("NotoSans-Bold" in str(f.BaseFont) for f in fonts.values())
    from pdfminer.high_level import extract_text

    assert {"1", "2"} <= set(extract_text(str(path)).split())


def test_the_cache_stays_bounded(diagram, font, paints, monkeypatch) -> None:
    monkeypatch.setattr(draw, "OPS_CACHED", 3)
    canvas = Canvas(io.BytesIO())
    for x in range(5):
        _draw(canvas, diagram, box=(float(x), 0.0, 100.0, 80.0))
    assert len(draw._OPS) == 3
    _draw(canvas, diagram, box=(0.0, 0.0, 100.0, 80.0))  # dropped as the least recently used: painted again
    assert paints[0] == 6
