"""Read a PDF's text back the way four independent engines do, and list the words a text file holds.

pdf.js (Firefox), PDFium (Chrome), poppler (pdftotext) and MuPDF (mutool) each build text from glyph codes,
ToUnicode maps, ActualText spans and positions in their own way; what they agree on is what a reader copies
and searches. `missing_tool` says which engine cannot run here and how to install it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

JS = Path(__file__).resolve().parent / "js"


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def pdfjs(path: Path) -> str:
    return _run("node", str(JS / "extract.mjs"), str(path))


def pdfium(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        document.close()


def poppler(path: Path) -> str:
    return _run("pdftotext", "-enc", "UTF-8", str(path), "-")


def mupdf(path: Path) -> str:
    return _run("mutool", "draw", "-q", "-F", "txt", "-o", "-", str(path))


ENGINES: dict[str, Callable[[Path], str]] = {"pdf.js": pdfjs, "PDFium": pdfium, "poppler": poppler, "MuPDF": mupdf}


def missing_tool(engine: str) -> str | None:
    """Why `engine` cannot run on this machine (with the install hint), or None when it can."""
    if engine == "pdf.js":
        if shutil.which("node") is None:
            return "pdf.js needs Node.js: apt-get install nodejs npm"
        version = _run("node", "--version").strip().lstrip("v").split(".")
        if tuple(map(int, version[:2])) < (20, 16):
            return f"pdf.js 5 needs Node.js 20.16 or later, this is {'.'.join(version)}"
        if not (JS / "node_modules" / "pdfjs-dist").is_dir():
            return "pdf.js is not installed: cd tests/js && npm ci"
    if engine == "poppler" and shutil.which("pdftotext") is None:
        return "pdftotext is missing: apt-get install poppler-utils"
    if engine == "MuPDF" and shutil.which("mutool") is None:
        return "mutool is missing: apt-get install mupdf-tools"
    return None


def line_text(line: Any) -> str:
    """A laid-out paragraph line's text as a reader gets it: reportlab keeps a simple line as (extra space,
    [words]) and a shaped one (every script is shaped) as a FragLine whose words carry glyph codes."""
    from cardgen.text.shaping import readable

    if isinstance(line, tuple):
        return " ".join(line[1])
    return "".join(readable(word.fontName, word.text) for word in line.words)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def words(text_file: Path, lang: str, shortest: int = 3) -> set[str]:
    """The words (ICU's word boundaries, so Thai too) of `shortest` letters or more in a text/<lang>.yaml."""
    from icu4py.breakers import WordBreaker

    found = set()
    for string in _strings(yaml.safe_load(text_file.read_text(encoding="utf-8"))):
        string = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]+>", " ", string)  # placeholders and markup tags
        for word in WordBreaker(string, lang):
            word = unicodedata.normalize("NFC", word.strip())
            if len(word) >= shortest and all(unicodedata.category(c)[0] in "LM" for c in word):
                found.add(word)
    return found


def squashed(text: str) -> str:
    """Extracted text with line-end hyphens (PDFium reports one as U+FFFE) and all white space removed, so a
    word reads whole whether a line broke inside it or not."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\ufffe\s*|[-\u00ad\u2010\x02]\s*\n\s*", "", text)
    return re.sub(r"\s+", "", text)
