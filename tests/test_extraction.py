"""Every reader gets the words back: pdf.js, PDFium, poppler and MuPDF each find the text file's words in each
language's deck and booklet (Thai included, whose shaped marks once read as garbage in three of them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT, LANGS
from text_readers import ENGINES, missing_tool, squashed, words

FILES = ("deck.pdf", "booklet.pdf")


@pytest.fixture(scope="module")
def extracted(built_all: Path) -> dict[tuple[str, str], str]:
    """(engine, lang) -> the squashed text of that language's deck and booklet, for every engine that runs."""
    return {
        (engine, lang): "".join(squashed(read(built_all / lang / name)) for name in FILES)
        for engine, read in ENGINES.items()
        if missing_tool(engine) is None
        for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("engine", ENGINES)
def test_engine_finds_the_words(extracted: dict[tuple[str, str], str], engine: str, lang: str) -> None:
    reason = missing_tool(engine)
    if reason:
        pytest.skip(reason)
    vocabulary = words(CONTENT / "text" / f"{lang}.yaml", lang)
    # the words the PDFs print: those some engine finds (the QR prompts are not printed without a URL, say)
    printed = {w for w in vocabulary if any(w in text for (_, code), text in extracted.items() if code == lang)}
    assert len(printed) >= 0.95 * len(vocabulary), sorted(vocabulary - printed)
    found = {w for w in printed if w in extracted[engine, lang]}
    assert len(found) >= 0.98 * len(printed), f"{len(found)}/{len(printed)}; missing: {sorted(printed - found)[:20]}"
