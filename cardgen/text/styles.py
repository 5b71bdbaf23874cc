"""Turn the layout's named styles and CMYK colours into reportlab objects for one language's fonts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..source.schema.layout import LayoutModel
from .fonts import FontChain, FontSet
from .hyphenation import unhyphenate_titles
from .markup import Tagging


def cmyk(values: list[float]) -> Any:
    from reportlab.lib.colors import CMYKColor

    c, m, y, k = (v / 100 for v in values)
    return CMYKColor(c, m, y, k)


@dataclass
class StyleSheet:
    """Paragraph styles and colours by name, built once per language."""

    paragraph: dict[str, Any]
    colors: dict[str, Any]
    fonts: FontSet
    minimums: dict[str, float]
    chain: FontChain | None = None

    def __getitem__(self, name: str) -> Any:
        return self.paragraph[name]

    def color(self, name: str) -> Any:
        return self.colors[name]


def _breaker(dictionary: str) -> Any:
    """Text -> positions where a line may break, from a pyphen dictionary (hyphenation points)."""
    import pyphen

    from .hyphenation import preload

    preload(dictionary)  # parse only the patterns our words need (German's 77,000 took 0.35 s)
    return pyphen.Pyphen(lang=dictionary).positions


def build_styles(spec: LayoutModel, chain: FontChain, lang: str) -> StyleSheet:
    """Paragraph styles in the language's own family; each carries the chain so markup can fall back per run."""
    from reportlab.lib.styles import ParagraphStyle

    fonts = chain.primary
    typography = spec.typography.get(lang) or spec.typography.get(lang.split("-")[0])
    from .linebreaks import BREAKERS, DICTIONARY
    from .shaping import install

    install()  # every script is shaped by harfbuzz: kerning and standard ligatures (text/shaping.py)
    if chain.shaping and typography and typography.line_break:
        breaker = _breaker(typography.line_break)
        BREAKERS.update({face: breaker for face in chain.shaped_faces})  # syllables, inside an over-long word
        DICTIONARY.update({face: lang.split("-")[0] for face in chain.shaped_faces})  # between words (ICU)
    hyphenation = typography.hyphenation if typography and typography.hyphenation else ""
    if hyphenation:
        from .hyphenation import preload

        preload(hyphenation)  # before reportlab's Pyphen(lang=...) parses the whole dictionary
    latin = chain.family_for("E") or chain.families[0]
    bullet = chain.family_for("•") or chain.families[0]

    colors = {name: cmyk(v) for name, v in spec.colors.items()}
    tag_cmyk = spec.colors.get("accent", [0, 58, 78, 8])
    tagging = Tagging(color="cmyk({})".format(",".join(f"{v / 100:g}" for v in tag_cmyk)), face=latin.faces.bold)
    paragraph = {}
    for name, style in spec.styles.items():
        paragraph[name] = ParagraphStyle(
            name=f"{lang}-{name}",
            fontName=fonts.weight(style.weight),
            fontSize=style.size,
            leading=style.leading,
            textColor=colors.get(style.color, colors.get("ink")),
            spaceBefore=style.space_before,
            spaceAfter=style.space_after,
            splitLongWords=1,
            hyphenationLang=hyphenation,
            shaping=1 if chain.shaping else 0,  # "breaks its own words" to layout code; every style is shaped
            bulletFontName=bullet.faces.regular,
            bulletFontSize=style.size,
        )
        # how markup draws the EN tag of a fallback string: a little smaller than the text, on its baseline
        paragraph[name].cg_tagging = replace(tagging, size=round(style.size * 0.8, 2))
        paragraph[name].cg_chain = chain  # markup wraps runs the primary family cannot draw
        paragraph[name].cg_shaping = True  # shaped by harfbuzz while reportlab breaks lines (text/shaping.py)
    unhyphenate_titles(paragraph)
    minimums = {name: style.min_size for name, style in spec.styles.items() if style.min_size}
    return StyleSheet(paragraph, colors, fonts, minimums, chain)
