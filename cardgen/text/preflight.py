"""Checks that run before anything is laid out: every character has a glyph, and no text runs right to left.

A font without a glyph prints nothing (or a box) where a letter should be, and the PDF still looks finished;
so every character of every string a language prints is checked against that language's font chain first,
and a miss names the language, file, line, key, the character and its code point.

Right-to-left scripts (Arabic, Hebrew) are refused. We built an Arabic fixture (tests/fixtures/ar.yaml) and
looked at it: harfbuzz joined the letters and put a pure-Arabic line's words in the right order, but lines
were left-aligned, the card layout did not mirror, English fallbacks and Latin names sat in the wrong place
in a mixed line, and extracted text came out with reversed letters. reportlab's bidi needs rlbidi, which
cannot be installed here; until cardgen has a line-level bidi pass, refusing is the only way not to print
garbled text silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import Problem
from ..source.load import Project
from .fonts import FontChain
from .i18n import RTL_LANGUAGES, flatten

#: Characters that never need a glyph: reportlab breaks lines at these or drops them (soft hyphen prints "-").
_INVISIBLE = frozenset(" \t\n\r\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


@dataclass(frozen=True)
class Printed:
    """One string a language prints, with where it comes from."""

    file: str
    line: int | None
    col: int | None
    key: str
    text: str


def printed_strings(project: Project, lang: str) -> list[Printed]:
    """Every string `lang` prints: its translation, English where it falls back, and the routine's names."""
    src_lang = project.routine.source_language
    sources = [project.texts[lang]] if lang == src_lang else [project.texts[lang], project.texts[src_lang]]
    seen: set[str] = set()
    out: list[Printed] = []
    for source in sources:
        for key, text in flatten(source.data).items():
            if key in seen:
                continue
            seen.add(key)
            line, col = source.locate(tuple(key.split(".")))
            out.append(Printed(source.display, line, col, key, text))
    routine = project.routine_source
    for i, name in enumerate(project.routine.music):
        line, col = routine.locate(("music", i))
        out.append(Printed(routine.display, line, col, f"music[{i}]", name))
    return out


def _describe(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def missing_glyphs(lang: str, chain: FontChain, strings: Iterable[Printed]) -> list[Problem]:
    """One problem per string and character that no family in the chain can draw."""
    families = ", ".join(f.name for f in chain.families)
    problems = []
    for item in strings:
        seen: set[str] = set()
        for char in _TEMPLATE.sub("", item.text):
            if char in _INVISIBLE or char in seen or chain.covers(char):
                continue
            seen.add(char)
            problems.append(
                Problem(
                    item.file,
                    item.line,
                    item.col,
                    item.key,
                    f"[{lang}] character {_describe(char)} has no glyph in the font chain ({families}); "
                    "use another character or add a font that has it to fonts.languages in layouts/",
                )
            )
    return problems


def right_to_left(lang: str, strings: Iterable[Printed], file: str) -> list[Problem]:
    """Refuse a right-to-left language or text: name the first RTL character and how many strings have one."""
    why = (
        "is not supported: cardgen cannot yet order right-to-left lines or mirror the page, so it would "
        "print garbled text; remove the language or its right-to-left strings"
    )
    problems = []
    if lang.split("-")[0].lower() in RTL_LANGUAGES:
        problems.append(Problem(file, None, None, "", f"[{lang}] right-to-left language {lang!r} {why}"))
    rtl = []
    for item in strings:
        char = next((c for c in item.text if unicodedata.bidirectional(c) in ("R", "AL")), None)
        if char is not None:
            rtl.append((item, char))
    if rtl:
        (item, char), more = rtl[0], len(rtl) - 1
        also = f" ({more} more string{'s' if more != 1 else ''} too)" if more else ""
        message = f"[{lang}] right-to-left text {_describe(char)} {why}{also}"
        problems.append(Problem(item.file, item.line, item.col, item.key, message))
    return problems


def preflight(project: Project, lang: str, chain: FontChain, extra: Iterable[Printed] = ()) -> list[Problem]:
    """Everything that must hold before `lang` is laid out; `extra` adds strings from options (client name)."""
    strings = [*printed_strings(project, lang), *extra]
    direction = right_to_left(lang, strings, project.texts[lang].display)
    return direction or missing_glyphs(lang, chain, strings)
