"""Register the layout's font families with reportlab once per process.

Parsing a TrueType file is the slowest single step of a small build, so each file is registered once and
reused by every card, page and language; reportlab embeds only the glyphs used (a subset) in each PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .schema.layout import Fonts

_registered: dict[Path, str] = {}


@dataclass(frozen=True, slots=True)
class FontSet:
    """reportlab font names for one family's four weights (missing weights fall back to regular/bold)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def weight(self, name: str) -> str:
        return getattr(self, name)


def _register_file(path: Path) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    resolved = path.resolve()
    if resolved not in _registered:
        name = f"cg-{resolved.stem}"
        pdfmetrics.registerFont(TTFont(name, str(resolved)))
        _registered[resolved] = name
    return _registered[resolved]


def family_for(fonts: Fonts, fonts_dir: Path, lang: str) -> FontSet:
    """The FontSet printing `lang`, registering its files on first use."""
    from reportlab.lib.fonts import addMapping

    family_name = fonts.languages.get(lang) or fonts.languages.get(lang.split("-")[0]) or fonts.languages["default"]
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


def check_fonts(fonts: Fonts, fonts_dir: Path, layout_file: str) -> list[Problem]:
    """Every font file a layout names must exist before any work starts."""
    problems = []
    for name, family in fonts.families.items():
        for weight in ("regular", "bold", "italic", "bold_italic"):
            file = getattr(family, weight)
            if file and not (fonts_dir / file).is_file():
                problems.append(
                    Problem(
                        layout_file,
                        None,
                        None,
                        f"fonts.families.{name}.{weight}",
                        f"font file {file!r} not found in {fonts_dir}",
                    )
                )
    for lang, family in fonts.languages.items():
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
