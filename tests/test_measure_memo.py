"""layout.text.measure is memoized per language: an equal measurement is reused, any changed input is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardgen.layout import text as layout_text
from cardgen.layout.text import line_texts, measure
from cardgen.source.load import load_project
from cardgen.text import linebreaks
from cardgen.text.fonts import chain_for
from cardgen.text.styles import build_styles

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Glide both palms up the back on either side of the spine, **slowly**, and *breathe* with the client."


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "content")


def sheet(project, lang: str):
    return build_styles(project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang)


def fresh(text: str, style, width: float, bullet: str | None = None):
    """The measurement without the memo."""
    return layout_text._measure(text, style, width, bullet)


def test_equal_inputs_are_measured_once(project) -> None:
    styles = sheet(project, "en")
    style = styles["card_body"]
    para, height = measure(TEXT, style, 120.0)
    again, again_height = measure(TEXT, style.clone(style.name), 120.0)  # an equal style, another object
    assert again is para and again_height == height
    reference, reference_height = fresh(TEXT, style, 120.0)
    assert height == reference_height and line_texts(para) == line_texts(reference)


@pytest.mark.parametrize(
    "change",
    [
        {"text": TEXT + " Again."},
        {"width": 119.0},
        {"bullet": "•"},
        {"fontSize": 9.0},
        {"leading": 15.0},
        {"fontName": "bold"},
        {"alignment": 2},
        {"leftIndent": 6.0},
        {"hyphenationLang": "de_DE"},
        {"shaping": 1},
        {"splitLongWords": 0},
        {"name": "another"},
    ],
)
def test_any_changed_input_is_measured_again(project, change: dict) -> None:
    styles = sheet(project, "en")
    base = styles["card_body"]
    para, _ = measure(TEXT, base, 120.0)
    text, width, bullet = change.pop("text", TEXT), change.pop("width", 120.0), change.pop("bullet", None)
    if change.get("fontName") == "bold":
        change["fontName"] = styles.fonts.bold
    style = base.clone(change.pop("name", base.name), **change)
    other, height = measure(text, style, width, bullet)
    assert other is not para
    reference, reference_height = fresh(text, style, width, bullet)
    assert height == reference_height and line_texts(other) == line_texts(reference)


def test_another_language_or_line_breaker_is_measured_again(project, monkeypatch) -> None:
    en, de = sheet(project, "en"), sheet(project, "de")
    para, _ = measure(TEXT, en["card_body"], 120.0)
    assert measure(TEXT, sheet(project, "en")["card_body"], 120.0)[0] is not para  # each sheet its own memo
    assert measure(TEXT, de["card_body"], 120.0)[0] is not para
    assert measure(TEXT, en["card_body"], 120.0)[0] is para
    monkeypatch.setitem(linebreaks.BREAKERS, "cg-test-face", lambda text: [])
    assert measure(TEXT, en["card_body"], 120.0)[0] is not para  # where words may break changed


def test_the_memo_is_bounded(project, monkeypatch) -> None:
    style = sheet(project, "en")["card_body"]
    monkeypatch.setattr(layout_text, "MEASURED_LIMIT", 3)
    for width in (100.0, 101.0, 102.0, 103.0):
        measure(TEXT, style, width)
    assert len(style.cg_chain.measured) <= 3
