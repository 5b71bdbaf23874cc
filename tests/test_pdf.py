"""The default build read back by real PDF readers: pikepdf (structure), pdfplumber (text), pypdfium2 (render)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml
from conftest import CONTENT

from cardgen.text.markup import paragraphs

EN = yaml.safe_load((CONTENT / "text" / "en.yaml").read_text(encoding="utf-8"))
ROUTINE = yaml.safe_load((CONTENT / "routine.yaml").read_text(encoding="utf-8"))
MM = 72 / 25.4


def squash(text: str) -> str:
    """Text with all whitespace removed and soft hyphens dropped, for comparing wrapped PDF text."""
    return "".join(text.replace("\u00ad", "").split())


def pdf_text(path: Path) -> list[str]:
    """Each page's text in content-stream order: a step's text beside its diagram stays one run of text."""
    with pdfplumber.open(path) as pdf:
        return [page.extract_text(use_text_flow=True) or "" for page in pdf.pages]


@pytest.mark.parametrize("name", ["deck.pdf", "deck-sheets.pdf", "booklet.pdf", "booklet-print.pdf"])
def test_fonts_embedded_and_subset(built: Path, name: str) -> None:
    with pikepdf.open(built / "en" / name) as pdf:
        fonts = {}
        for page in pdf.pages:
            for _, font in page.resources.get("/Font", {}).items():
                fonts[str(font.BaseFont)] = font
            for _, xobj in page.resources.get("/XObject", {}).items():
                for _, font in xobj.get("/Resources", {}).get("/Font", {}).items():
                    fonts[str(font.BaseFont)] = font
        assert fonts, f"no fonts found in {name}"
        for base, font in fonts.items():
            assert base[7] == "+" and base[1:7].isupper(), f"{base} is not a subset font"
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor, f"{base} is not embedded"


def test_deck_has_one_page_per_step_plus_preparation_legend_and_overview(built: Path) -> None:
    with pikepdf.open(built / "en" / "deck.pdf") as pdf:
        # the overview takes two cards: eight rows with 12 mm miniatures do not fit one B7 card
        assert len(pdf.pages) == len(ROUTINE["steps"]) + 4 == 12


def test_deck_page_boxes(built: Path) -> None:
    with pikepdf.open(built / "en" / "deck.pdf") as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            bleed = [float(v) for v in page.BleedBox]
            trim = [float(v) for v in page.TrimBox]
            assert media == pytest.approx(bleed, abs=0.01)
            assert trim[2] - trim[0] == pytest.approx(88 * MM, abs=0.01 * MM)
            assert trim[3] - trim[1] == pytest.approx(125 * MM, abs=0.01 * MM)
            assert trim[0] - media[0] == pytest.approx(3 * MM, abs=0.01 * MM)


def test_every_step_text_extracts_from_deck(built: Path) -> None:
    pages = [squash(t) for t in pdf_text(built / "en" / "deck.pdf")]
    for number, step in enumerate(ROUTINE["steps"], start=1):
        text = EN["steps"][step["id"]]
        page = pages[number + 3]  # pages 0 to 3 are the preparation, legend and two overview cards
        assert squash(text["title"]) in page
        assert squash(text["instruction"]) in page, step["id"]


def test_booklet_carries_every_section(built: Path) -> None:
    whole = squash("".join(pdf_text(built / "en" / "booklet.pdf")))
    for key in ("purpose", "partner", "aftercare", "safety"):
        for para in paragraphs(EN[key]["body"]):
            assert squash(para) in whole, key
    for step in ROUTINE["steps"]:
        assert squash(EN["steps"][step["id"]]["instruction"]) in whole
    for item in EN["types"]["items"].values():
        assert squash(item["name"]) in whole
    for artist in ROUTINE["music"]:
        assert squash(artist) in whole


def test_booklet_is_a5_with_page_numbers(built: Path) -> None:
    texts = pdf_text(built / "en" / "booklet.pdf")
    with pikepdf.open(built / "en" / "booklet.pdf") as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            assert (box[2] - box[0], box[3] - box[1]) == pytest.approx((148 * MM, 210 * MM), abs=0.05)
    for number, text in enumerate(texts[1:], start=2):
        assert text.strip().splitlines()[-1].strip() == str(number)


@pytest.mark.parametrize("name", ["deck.pdf", "deck-sheets.pdf", "booklet.pdf", "booklet-print.pdf"])
def test_every_page_renders_with_ink(built: Path, name: str) -> None:
    pdf = pdfium.PdfDocument(built / "en" / name)
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=1, grayscale=True).to_pil()
            histogram = image.histogram()
            inked = sum(histogram[:200]) / sum(histogram)
            assert inked > 0.002, f"page {index + 1} of {name} looks blank ({inked:.4%} inked)"
    finally:
        pdf.close()
