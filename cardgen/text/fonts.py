"""Register the layout's font families with reportlab once per process, and chain them per language.

Parsing a TrueType file is the slowest single step of a small build, so each file is parsed once per process,
when a face is first asked for, and reused by every card, page and language (and by every rebuild of `watch`
and `serve`; the workers of a parallel build are forked after the faces a language needs are parsed);
reportlab embeds only the glyphs used (a subset) in each PDF.

No single font draws every script: Noto Sans Thai has Thai letters but no digits, Latin letters or quotes,
yet Thai text is full of them ("15 นาที", "Ku Nye", the music artists). A language therefore prints with a
chain of families (layouts/default.yaml, fonts.languages); each character run goes to the first family in the
chain that has its glyphs (FontChain.runs), and markup wraps those runs in <font name=...>.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..source.schema.layout import Fonts

#: font file -> the reportlab name of its face, parsed or not
_registered: dict[Path, str] = {}
#: reportlab names of faces named by a layout but not asked for yet -> their files
_pending: dict[str, Path] = {}
_original_find: Any = None


@dataclass(frozen=True, slots=True)
class FontSet:
    """reportlab font names for one family's four weights (missing weights fall back to regular/bold)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def weight(self, name: str) -> str:
        return getattr(self, name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a font file is parsed.

    Parsing a face allocates tens of thousands of small objects (its cmap and widths), none of them garbage,
    and the allocations set off collections that walk every object the imports made: half of the parsing time
    of a cold build (Noto Sans' four faces: 44 ms CPU with the collector on, 25 with it off). The collector
    runs again as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _register_file(path: Path) -> str:
    """The reportlab name of a font file's face. The file is parsed the first time reportlab asks for the face
    (pdfmetrics.getFont), once per process: a layout names four weights of a family, yet a build draws
    only those its text uses (the shipped content never sets bold italic, so its 0.5 MB is never parsed)."""
    resolved = path.resolve()
    if resolved not in _registered:
        _install_lookup()
        name = f"cg-{resolved.stem}"
        _pending[name] = resolved
        _registered[resolved] = name
    return _registered[resolved]


def _install_lookup() -> None:
    """Route reportlab's look-up of an unknown font name through `_parse_pending` (once per process)."""
    global _original_find
    from reportlab.pdfbase import pdfmetrics

    if _original_find is None:
        _original_find = pdfmetrics.findFontAndRegister
        pdfmetrics.findFontAndRegister = _parse_pending


def _parse_pending(font_name: str) -> Any:
    """reportlab's findFontAndRegister (its getFont calls it for a name not registered yet), parsing and
    registering one of our faces first asked for now; any other name goes to reportlab's own."""
    from reportlab.pdfbase import pdfmetrics

    from ..render.truetype import embed_without_hinting
    from .shaping import shaping_font_class

    path = _pending.pop(font_name, None)
    if path is None:
        return _original_find(font_name)
    with _collector_paused():
        font = shaping_font_class()(font_name, str(path))  # every script is shaped (kerning, ligatures)
    embed_without_hinting(font)  # embedded subsets ~40% smaller; outlines unchanged (render/truetype.py)
    pdfmetrics.registerFont(font)
    return pdfmetrics.getFont(font_name)


@dataclass(frozen=True)
class Family:
    """One family of a chain: its faces, the characters it can draw, and whether its script needs shaping."""

    name: str
    faces: FontSet
    chars: frozenset[int]
    shaping: bool = False


@dataclass(frozen=True)
class FontChain:
    """The families printing one language, in order of preference; the first is the language's own."""

    families: tuple[Family, ...]

    @property
    def primary(self) -> FontSet:
        return self.families[0].faces

    @property
    def shaping(self) -> bool:
        return any(f.shaping for f in self.families)

    @cached_property
    def measured(self) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        """layout/text.py's memo of measured paragraphs set with this chain: one language's, living with its
        style sheet (every style of the sheet holds the chain)."""
        return {}

    @cached_property
    def shaped_faces(self) -> frozenset[str]:
        """reportlab font names whose runs go through harfbuzz."""
        return frozenset(
            name for f in self.families if f.shaping for name in (f.faces.regular, f.faces.bold, f.faces.italic)
        )

    def family_for(self, char: str) -> Family | None:
        """The first family that draws `char`, or None when no family in the chain does."""
        code = ord(char)
        return next((f for f in self.families if code in f.chars), None)

    def face_covering(self, text: str, weight: str = "regular") -> str | None:
        """The face (of `weight`) of the first family that draws every character of `text`, for text drawn
        without markup (diagram numbers); None when no single family does."""
        codes = {ord(c) for c in text}
        family = next((f for f in self.families if codes <= f.chars), None)
        return family.faces.weight(weight) if family else None

    def covers(self, char: str) -> bool:
        return self.family_for(char) is not None

    def weight_of(self, face: str) -> str:
        """Which weight a face name is (of any family in the chain); regular when unknown."""
        for family in self.families:
            for weight in ("regular", "bold", "italic", "bold_italic"):  # a missing weight aliases an earlier one
                if family.faces.weight(weight) == face:
                    return weight
        return "regular"

    def runs(self, text: str) -> list[tuple[Family, str]]:
        """Split text into runs of one family. A character stays in the current run when that family draws it
        (so spaces and hyphens do not fragment a Thai run); otherwise it starts a run in the first family that
        does. Characters no family draws stay with the current run (the glyph preflight reports them first)."""
        out: list[tuple[Family, str]] = []
        current: Family | None = None
        start = 0
        for i, char in enumerate(text):
            if current is not None and ord(char) in current.chars:
                continue
            family = self.family_for(char) or current or self.families[0]
            if family is not current:
                if current is not None and i > start:
                    out.append((current, text[start:i]))
                current, start = family, i
        if current is not None and start < len(text):
            out.append((current, text[start:]))
        return out


def _cmap(face_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(face_name).face.charToGlyph)


def chain_for(fonts: Fonts, fonts_dir: Path, lang: str) -> FontChain:
    """The font chain printing `lang` (its own entry, its base language's, or `default`), registered on first use."""
    names = fonts.languages.get(lang) or fonts.languages.get(lang.split("-")[0]) or fonts.languages["default"]
    families = []
    for name in names:
        faces = _register_family(fonts, fonts_dir, name)
        # a character counts as covered only when every weight draws it, so bold text never loses a glyph
        chars = frozenset.intersection(*(_cmap(face) for face in {faces.regular, faces.bold, faces.italic}))
        families.append(Family(name, faces, chars, fonts.families[name].shaping))
    return FontChain(tuple(families))


def family_for(fonts: Fonts, fonts_dir: Path, lang: str) -> FontSet:
    """The FontSet of the language's own (first) family."""
    return chain_for(fonts, fonts_dir, lang).primary


def _register_family(fonts: Fonts, fonts_dir: Path, family_name: str) -> FontSet:
    from reportlab.lib.fonts import addMapping

    family = fonts.families[family_name]
    regular = _register_file(fonts_dir / family.regular)
    bold = _register_file(fonts_dir / family.bold) if family.bold else regular
    italic = _register_file(fonts_dir / family.italic) if family.italic else regular
    bold_italic = _register_file(fonts_dir / family.bold_italic) if family.bold_italic else bold
    for face, (is_bold, is_italic) in (
        (regular, (0, 0)),
        (bold, (1, 0)),
        (italic, (0, 1)),
        (bold_italic, (1, 1)),
    ):
        addMapping(regular, is_bold, is_italic, face)
    return FontSet(regular, bold, italic, bold_italic)


def check_fonts(fonts: Fonts, layout_file: str) -> list[Problem]:
    """Every family a language's chain names must be defined. (load checks the font files themselves, with
    line numbers, before a project exists.)"""
    problems = []
    for lang, chain in fonts.languages.items():
        for family in chain:
            if family not in fonts.families:
                problems.append(
                    Problem(
                        layout_file,
                        None,
                        None,
                        f"fonts.languages.{lang}",
                        f"unknown family {family!r}; defined: {', '.join(fonts.families)}",
                    )
                )
    return problems
