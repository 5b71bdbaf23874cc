"""Font chains: each run of characters prints in the first family of the language's chain that draws it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.markup import to_para

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "content")


def chain(project, lang: str):
    return chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)


def test_thai_chain_is_thai_then_sans(project) -> None:
    th = chain(project, "th")
    assert [f.name for f in th.families] == ["thai", "sans"]
    assert th.shaping and not chain(project, "de").shaping
    assert [f.name for f in chain(project, "ru").families] == ["sans"]


def test_runs_split_thai_from_digits_and_latin(project) -> None:
    th = chain(project, "th")
    runs = [(family.name, text) for family, text in th.runs("ประมาณ 15 นาที (Ku Nye)")]
    # spaces stay in the run they follow: Noto Sans Thai has a space, so Thai runs are not fragmented
    assert runs == [("thai", "ประมาณ "), ("sans", "15 "), ("thai", "นาที "), ("sans", "(Ku Nye)")]


def test_markup_names_the_fallback_face_with_the_right_weight(project) -> None:
    th = chain(project, "th")
    markup = to_para("**มือ:** 15 & <ไม่>", chain=th)
    assert markup == (
        '<b>มือ<font name="cg-NotoSans-Bold">:</font></b> <font name="cg-NotoSans-Regular">15 &amp; &lt;</font>'
        'ไม่<font name="cg-NotoSans-Regular">&gt;</font>'
    )
    assert to_para("15 นาที", chain=th, base_weight="bold").startswith('<font name="cg-NotoSans-Bold">15 </font>')


def test_latin_language_markup_is_unchanged(project) -> None:
    assert to_para("**Hände:** 15 Min.", chain=chain(project, "de")) == "<b>Hände:</b> 15 Min."


def test_a_face_is_parsed_when_first_asked_for_and_only_once(project, tmp_path, monkeypatch) -> None:
    from reportlab.pdfbase import pdfmetrics

    from cardgen.text import fonts

    copy = tmp_path / "CgLazyTest-Regular.ttf"  # a file no other test registers, so this test sees it first
    copy.write_bytes((project.layout.fonts_dir / "NotoSans-BoldItalic.ttf").read_bytes())
    parsed: list[str] = []
    real = fonts._collector_paused
    monkeypatch.setattr(fonts, "_collector_paused", lambda: (parsed.append("parse"), real())[1])
    name = fonts._register_file(copy)
    assert name == "cg-CgLazyTest-Regular" and name in fonts._pending and parsed == []  # named, not parsed
    assert fonts._register_file(copy) == name and parsed == []
    font = pdfmetrics.getFont(name)  # the first look-up parses it
    assert parsed == ["parse"] and name not in fonts._pending and font.face.charToGlyph
    assert pdfmetrics.getFont(name) is font and fonts._register_file(copy) == name and parsed == ["parse"]
    assert pdfmetrics.getFont("Helvetica").fontName == "Helvetica"  # other names: reportlab's own look-up
