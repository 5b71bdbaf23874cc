"""Line breaking per language: German hyphenates long words; Thai breaks between the words ICU's dictionary finds
(inside one only when it is longer than a line, between syllables), never inside a cluster, and stays shaped."""

from __future__ import annotations

import pyphen
import pytest
from conftest import CONTENT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr

from cardgen.layout.text import measure
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.shaping import units_for
from cardgen.text.styles import build_styles

PHRASE = "เตรียมน้ำมันนวดคุณภาพดีไว้ให้พร้อมสำหรับการนวดหลังอย่างผ่อนคลาย"  # no spaces, as Thai is written


@pytest.fixture(scope="module")
def project():
    return load_project(CONTENT)


def styles_for(project, lang: str):
    chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
    return build_styles(project.layout.spec, chain, lang)


def line_texts(para) -> list[tuple[str, float, bool]]:
    """Each line's text as a reader gets it (through our ToUnicode groups), its width, and if all Thai is shaped."""
    out = []
    for line in para.blPara.lines:
        text, shaped = "", True
        for word in line.words:
            string = word.text
            font = pdfmetrics.getFont(word.fontName)
            actual = units_for(font).actual if hasattr(font, "cg_shaping") else {}
            text += "".join(actual.get(ord(c), c) for c in string)
            shaped &= isinstance(string, ShapedStr) or not string or not hasattr(font, "cg_shaping")
        out.append((text, line.extraSpace, shaped))
    return out


def plain_lines(para) -> list[str]:
    """Line texts of an unshaped paragraph (reportlab keeps simple lines as (extra space, [words]))."""
    lines = para.blPara.lines
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words) for line in lines]


def _boundaries(text: str, breaker: type) -> set[int]:
    positions, at = {0}, 0
    for segment in breaker(text, "th"):
        at += len(segment)
        positions.add(at)
    return positions


@pytest.mark.parametrize("width", [90, 140, 200])
def test_thai_breaks_between_dictionary_words_never_inside_a_cluster(project, width: int) -> None:
    from icu4py.breakers import CharacterBreaker, LineBreaker

    style = styles_for(project, "th")["card_body"]
    para, height = measure(PHRASE, style, width)
    lines = line_texts(para)
    assert len(lines) >= 2
    assert "".join(text for text, _, _ in lines) == PHRASE  # nothing lost, nothing doubled
    words = _boundaries(PHRASE, LineBreaker)  # ICU's dictionary: where a line may break between Thai words
    clusters = _boundaries(PHRASE, CharacterBreaker)
    syllables = set(pyphen.Pyphen(lang="th_TH").positions(PHRASE))  # only inside a word longer than a line
    end = 0
    for text, extra, shaped in lines[:-1]:
        end += len(text)
        assert end in clusters, f"line ends inside a cluster: {text!r}"
        assert end in words or end in syllables, f"line ends inside a word: {text!r}"
        assert extra >= -0.01, "line wider than the box"
        assert shaped, "a split piece lost its shaping"
    assert height == pytest.approx(len(lines) * style.leading, abs=0.5)
    if width >= 140:  # no dictionary word here is wider than that: every break is between words
        assert all(sum(len(t) for t, _, _ in lines[: i + 1]) in words for i in range(len(lines) - 1))


def _mean_fill(project, lang: str, width: float) -> float:
    """Mean fill of the lines that are not a paragraph's last, over the language's long texts (body style)."""
    from cardgen.text.i18n import texts_for

    style = styles_for(project, lang)["card_body"]
    texts = texts_for(project, lang)
    fills = []
    for text in texts.strings.values():
        if len(text) > 150 and "{" not in text and "<" not in text:
            para, _ = measure(text, style, width)
            fills += [1 - extra / width for _, extra, _ in line_texts(para)[:-1]]
    assert len(fills) > 30
    return sum(fills) / len(fills)


def test_thai_lines_fill_their_measure_like_english(project) -> None:
    """Thai has no spaces between words: broken only at spaces its lines ended far short (mean fill 0.78 in the
    shipped PDFs against 0.93 for English); broken between dictionary words they fill as well."""
    thai, english = _mean_fill(project, "th", 200), _mean_fill(project, "en", 200)
    assert thai >= english - 0.03, (thai, english)


def test_german_hyphenates_long_words_and_english_does_not(project) -> None:
    text = "Die Schulterblattmuskulatur entspannt sich"
    de, _ = measure(text, styles_for(project, "de")["card_body"], 110)
    en, _ = measure(text, styles_for(project, "en")["card_body"], 110)
    de_lines, en_lines = plain_lines(de), plain_lines(en)
    assert any(line.endswith("-") for line in de_lines), de_lines
    assert not any(line.endswith("-") for line in en_lines), en_lines
