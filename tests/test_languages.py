"""Every shipped language builds, and its PDFs read back as exactly its strings (Thai shaped, included)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from conftest import CONTENT, LANGS

from cardgen.text.i18n import render
from cardgen.text.markup import paragraphs

ROUTINE = yaml.safe_load((CONTENT / "routine.yaml").read_text(encoding="utf-8"))
HYPHENATED = {"de"}  # layouts/default.yaml hyphenates these: a line may end in an added "-"


def texts(lang: str) -> dict:
    return yaml.safe_load((CONTENT / "text" / f"{lang}.yaml").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return "".join(text.replace("\u00ad", "").split())


def without_folio(page_text: str) -> str:
    """A page's text without its page number (the last line of a booklet page), so split paragraphs rejoin."""
    lines = page_text.rstrip().splitlines()
    return "\n".join(lines[:-1] if lines and lines[-1].strip().isdigit() else lines)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        # content-stream order: a booklet step's text beside its diagram stays one run of text
        return squash("".join(without_folio(page.extract_text(use_text_flow=True) or "") for page in pdf.pages))


def found(needle: str, haystack: str, lang: str) -> bool:
    """Exact containment, character for character; hyphenating languages may add a '-' at a line break."""
    needle = squash(needle.replace("**", ""))
    if lang not in HYPHENATED:
        return needle in haystack
    return re.search("-?".join(map(re.escape, needle)), haystack) is not None


def deck_strings(t: dict) -> list[str]:
    total = len(ROUTINE["steps"])
    out = [t["meta"]["title"], t["preparation"]["heading"], t["preparation"]["skin"], t["ambience"]["candles"]]
    for n, step in enumerate(ROUTINE["steps"], start=1):
        out += [t["steps"][step["id"]]["title"], t["steps"][step["id"]]["instruction"]]
        out += [render(t["ui"]["step_of"], n=n, total=total), render(t["ui"]["minutes"], minutes=step["minutes"])]
        out += [t["ui"]["hands"][step["hands"]], t["ui"]["direction"][step["direction"]]]
    return out


def booklet_strings(t: dict) -> list[str]:
    out = [t["meta"]["booklet_title"], t["meta"]["subtitle"], t["ui"]["general_guidance"]]
    for key in ("purpose", "partner", "aftercare", "safety"):
        out += [t[key]["heading"], *paragraphs(t[key]["body"])]
    out += [t["benefits"]["heading"], *t["benefits"]["items"].values()]
    for item in t["types"]["items"].values():
        out += [item["name"], *paragraphs(item["body"])]
    out += [t["preparation"]["skin"], t["ambience"]["calm"], t["ambience"]["candles"], *ROUTINE["music"]]
    out += [step["instruction"] for step in t["steps"].values()]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_deck_text_is_the_languages_strings(built_all: Path, lang: str) -> None:
    text = pdf_text(built_all / lang / "deck.pdf")
    missing = [s for s in deck_strings(texts(lang)) if not found(s, text, lang)]
    assert not missing, f"{lang} deck lacks {missing[:3]}"


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_text_is_the_languages_strings(built_all: Path, lang: str) -> None:
    text = pdf_text(built_all / lang / "booklet.pdf")
    missing = [s for s in booklet_strings(texts(lang)) if not found(s, text, lang)]
    assert not missing, f"{lang} booklet lacks {missing[:3]}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("name", ["deck.pdf", "booklet.pdf"])
def test_thai_extracts_exactly_with_pdftotext_too(built_all: Path, name: str) -> None:
    out = subprocess.run(
        ["pdftotext", str(built_all / "th" / name), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = "".join(without_folio(page) for page in out.split("\f"))
    strings = deck_strings(texts("th")) if name == "deck.pdf" else booklet_strings(texts("th"))
    missing = [s for s in strings if squash(s) not in squash(out)]
    assert not missing, missing[:3]


def test_thai_is_shaped_and_still_reads_right(built_all: Path) -> None:
    """Shaping replaced glyphs (a lowered tone mark has no character of its own) yet each glyph reads as its
    source characters: no ToUnicode entry is empty (pdf.js, PDFium and MuPDF read an empty one as garbage)."""
    with pikepdf.open(built_all / "th" / "deck.pdf") as pdf:
        cmaps = [
            bytes(font.ToUnicode.read_bytes())
            for page in pdf.pages
            for _, font in page.resources.Font.items()
            if "NotoSansThai" in str(font.BaseFont)
        ]
    entries = [entry for cmap in cmaps for entry in re.findall(rb"<[0-9A-F]{2}> <([0-9A-F]*)>", cmap)]
    assert entries and b"" not in entries
    # a Thai mark drawn with a substituted glyph: a second code that reads as the same mark
    marks = [e for e in entries if re.fullmatch(rb"0E(?:3[1-A]|4[7-E])", e)]
    assert len(marks) > len(set(marks))
    word = "ทั้งสองข้าง"  # a consonant with a vowel and a tone mark stacked above it
    assert word in pdf_text(built_all / "th" / "deck.pdf")


@pytest.mark.parametrize("lang", LANGS)
def test_every_pdf_declares_its_language(built_all: Path, lang: str) -> None:
    for name in ("deck.pdf", "deck-sheets.pdf", "booklet.pdf"):
        with pikepdf.open(built_all / lang / name) as pdf:
            assert str(pdf.Root.Lang) == lang, name


@pytest.mark.parametrize("lang", LANGS)
def test_no_glyph_is_missing(built_all: Path, lang: str) -> None:
    """Every drawn character reads back as a real character, in a font whose cmap has it (no tofu, no PUA)."""
    from reportlab.pdfbase import pdfmetrics

    from cardgen.source.load import load_project
    from cardgen.text.fonts import chain_for

    project = load_project(CONTENT)
    chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
    faces = {
        name.split("+", 1)[1]: pdfmetrics.getFont(f"cg-{name.split('+', 1)[1]}") for name in _fonts(built_all, lang)
    }
    with pdfplumber.open(built_all / lang / "deck.pdf") as pdf:
        for page in pdf.pages:
            for char in page.chars:
                for c in char["text"]:
                    assert not 0xE000 <= ord(c) <= 0xF8FF and c != "\ufffd", (lang, char)
                    face = faces[char["fontname"].split("+", 1)[1]].face
                    assert c.isspace() or ord(c) in face.charToGlyph, (lang, c, char["fontname"])


def _fonts(built: Path, lang: str) -> set[str]:
    with pikepdf.open(built / lang / "deck.pdf") as pdf:
        return {str(font.BaseFont)[1:] for page in pdf.pages for _, font in page.resources.Font.items()}


def test_build_reports_progress_per_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line names the language that starts. Serial (CARDGEN_JOBS=1) so the lines are known exactly; with
    workers (tests/test_cli_habits.py) languages finish in any order and only the rule can be checked."""
    from conftest import run

    monkeypatch.setenv("CARDGEN_JOBS", "1")
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en", "--lang", "th")
    assert code == 0, out
    assert [line for line in out.splitlines() if line.startswith("building")] == [
        "building en (1/2) …",
        "building th (2/2) …",
    ]
