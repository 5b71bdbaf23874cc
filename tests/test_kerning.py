"""Kerning reaches the PDF: pairs the font kerns ("Yo", "To", "Wa", "AV") are set closer than the first letter's
advance, in the built booklet and in every script's text drawn through the renderer; ligatures read as letters."""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from conftest import CONTENT

from cardgen.layout.frames import Box, Frame, Text
from cardgen.layout.text import measure
from cardgen.render.pdf import DocInfo, render_pages
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.styles import build_styles

PAIRS = ("Yo", "To", "Wa", "AV")


def pair_gaps(pdf_bytes: bytes, pairs: tuple[str, ...]) -> list[tuple[str, float, float]]:
    """(pair, where the second letter starts from the first's origin, the first letter's own advance) for each
    of `pairs` set on one line in one font, read from the PDF's glyph positions and widths."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            chars = page.chars
            for a, b in pairwise(chars):
                pair = a["text"] + b["text"]
                if pair in pairs and abs(a["top"] - b["top"]) < 0.1 and a["fontname"] == b["fontname"]:
                    out.append((pair, b["x0"] - a["x0"], a["width"]))
    return out


def rendered(lang: str, text: str) -> bytes:
    """`text` in the language's card body style, drawn by the renderer onto a one-page PDF."""
    project = load_project(CONTENT)
    fonts = project.layout.spec.fonts
    styles = build_styles(project.layout.spec, chain_for(fonts, project.layout.fonts_dir, lang), lang)
    para, height = measure(text, styles["card_body"], 400)
    frame = Frame(500, 100, Box(0, 0, 500, 100), [Text(Box(20, 50, 400, height), para, text, "card_body")])
    return render_pages([frame], styles, DocInfo(text, "test", "", lang))


def test_booklet_sets_its_kerned_pairs_closer(built: Path) -> None:
    gaps = pair_gaps((built / "en" / "booklet.pdf").read_bytes(), PAIRS)
    assert {"Yo", "To", "Wa"} <= {pair for pair, _, _ in gaps}  # the English text holds these three
    for pair, step, advance in gaps:
        assert step < advance - 0.1, f"{pair}: {step:.3f} pt from letter to letter, unkerned {advance:.3f}"


@pytest.mark.parametrize(
    ("lang", "text", "pairs"),
    [
        ("en", "AVATAR You To Water", PAIRS),
        ("ru", "ТАК Город Туман", ("ТА", "Го", "Ту")),
        ("el", "ΤΑΞΗ Τον ΑΥΡΑ", ("ΤΑ", "Το", "ΑΥ")),
        ("es", "AVE Yo Tomás Wagner", PAIRS),
    ],
)
def test_every_script_is_kerned_in_the_pdf(lang: str, text: str, pairs: tuple[str, ...]) -> None:
    project = load_project(CONTENT)
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang
    )
    para, height = measure(text, styles["card_body"], 400)
    frame = Frame(500, 100, Box(0, 0, 500, 100), [Text(Box(20, 50, 400, height), para, text, "card_body")])
    gaps = pair_gaps(render_pages([frame], styles, DocInfo("kerning", "test", "", lang)), pairs)
    assert {pair for pair, _, _ in gaps} == set(pairs)
    for pair, step, advance in gaps:
        assert step < advance - 0.05, f"{pair}: {step:.3f} pt from letter to letter, unkerned {advance:.3f}"


def test_ligatures_read_as_their_letters() -> None:
    """Noto Sans draws "ffi" as one glyph; its ToUnicode entry gives the three letters back."""
    project = load_project(CONTENT)
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en"), "en"
    )
    text = "office baffle"
    para, height = measure(text, styles["card_body"], 400)
    frame = Frame(500, 100, Box(0, 0, 500, 100), [Text(Box(20, 50, 400, height), para, text, "card_body")])
    with pdfplumber.open(io.BytesIO(render_pages([frame], styles, DocInfo("ligatures", "test", "", "en")))) as pdf:
        page = pdf.pages[0]
        assert page.extract_text() == text
        assert len(page.chars) < len(text.replace(" ", ""))  # fewer glyphs than letters: ligatures were used
