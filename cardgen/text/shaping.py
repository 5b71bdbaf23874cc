"""Shaping for every script with harfbuzz (kerning, standard ligatures, Thai marks), keeping text extractable.

reportlab shapes a paragraph's words with harfbuzz when its style says shaping=1, but three things go wrong:

1. reportlab shapes a whole word with the font of its first run, so "15นาที" would draw the digits with Thai
   glyph ids. `shape_frag_word` shapes each font run of a word on its own, with our own harfbuzz call.
2. The PDF's ToUnicode map says which text each glyph stands for. reportlab maps a substituted glyph (a
   lowered tone mark, a ligature) to a private-use code that reads as nothing useful. Here each harfbuzz
   cluster's characters are dealt to its glyphs in order (a ligature reads as all its letters) and every glyph
   whose reading differs from its cmap character gets a private code of its own whose ToUnicode entry is that
   reading. No entry is ever empty: pdf.js, PDFium and MuPDF read an empty entry as garbage. The one cluster
   with more glyphs than characters, Thai SARA AM (harfbuzz splits it into a ring and a vowel so a tone mark
   fits between), is drawn with the font's precomposed glyph.
3. Marks have no advance, so readers that order glyphs by position (poppler) or read a backward offset as a
   gap (PDFium) misplace them; a line's run that holds marks is wrapped in an ActualText span, which those
   readers and MuPDF read instead of the glyphs. pdf.js ignores ActualText and reads the ToUnicode entries.

Only our registered fonts (`cg_shaping`) are shaped here; anything else falls back to reportlab's behaviour.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from typing import Any, NamedTuple

from . import linebreaks

_installed = False
_original: Any = None
_original_break: Any = None
_original_format: Any = None
#: reportlab's functions shape_frag_word calls for every word, bound by install()
_get_font: Any = None
_string_width: Any = None
_ShapedFragWord: Any = None
_make_shaped_frag_word: Any = None
_SIMPLE = 0x7FFFFFFF  # the cluster reportlab gives a plain character joined to a shaped string (a space)


class _Units:
    """Per font: (glyph id, text, width) -> the code that draws that glyph and reads as that text."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self.codes: dict[tuple[int, str, float], int] = {}
        self.actual: dict[int, str] = {}
        self.next = 0xF8FF

    def code(self, gid: int, width: float, text: str) -> int:
        key = (gid, text, width)
        if key not in self.codes:
            face = self.font.face
            while self.next in face.charToGlyph:
                self.next -= 1
            if self.next < 0xE000:
                raise RuntimeError(f"out of private-use codes for {self.font.fontName}")
            code = self.next
            face.charToGlyph[code] = gid
            face.charWidths[code] = width
            self.codes[key] = code
            self.actual[code] = text
        return self.codes[key]


def readable(font_name: str, text: str) -> str:
    """What `text` drawn in a face reads as: each shaped glyph's code replaced by the text it stands for."""
    from reportlab.pdfbase import pdfmetrics

    units = getattr(pdfmetrics.getFont(font_name), "_cg_units", None)
    return "".join(units.actual.get(ord(c), c) for c in text) if units else text


def units_for(font: Any) -> _Units:
    units = getattr(font, "_cg_units", None)
    if units is None:
        units = font._cg_units = _Units(font)
    return units


#: the features harfbuzz applies besides the script's required ones: the font's kerning and standard ligatures
FEATURES = {"kern": True, "liga": True}


class Glyph(NamedTuple):
    """One shaped glyph: its glyph id, the character the font's cmap gives it ("" for a substituted glyph)
    and reportlab's ShapeData (cluster, advances, offsets, width)."""

    gid: int
    char: str
    sd: Any


_NIKHAHIT, _SARA_AA, _SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
#: how far (per 1000 em) harfbuzz may have moved a nikhahit for the precomposed SARA AM's ring to stand in for
#: it: Noto Sans Thai moves it at most 26 (ซ้ำ), 0.08 mm at 9 pt
_RING_SLACK = 30


def _recompose_sara_am(face: Any, glyphs: list[Glyph]) -> list[Glyph]:
    """Draw a decomposed SARA AM (nikhahit, tone marks, sara aa: harfbuzz's Thai shaper splits the vowel so a
    tone mark can sit above the ring) as the font's precomposed glyph, so no cluster has more glyphs than
    characters and every glyph can read as one of them. The tone marks keep the places harfbuzz gave them.
    A nikhahit harfbuzz moved or swapped for a narrow variant (beside the ascender of ป ฝ ฟ) stays as shaped."""
    am = face.charToGlyph.get(ord(_SARA_AM))
    if am is None:
        return glyphs
    out: list[Glyph] = []
    ring: int | None = None  # index in `out` of a plain nikhahit waiting for its sara aa
    for glyph in glyphs:
        if glyph.char == _NIKHAHIT and max(abs(glyph.sd.x_offset), abs(glyph.sd.y_offset)) <= _RING_SLACK:
            ring = len(out)
        elif glyph.char == _SARA_AA and ring is not None:
            if out[ring].sd.cluster == glyph.sd.cluster:
                del out[ring]
                width = face.charWidths.get(ord(_SARA_AM), glyph.sd.width)
                glyph = Glyph(am, _SARA_AM, glyph.sd._replace(width=width))
            ring = None
        elif glyph.sd.x_advance:
            ring = None
        out.append(glyph)
    return out


def _readings(glyphs: list[Glyph], text: str) -> list[str]:
    """The source text each glyph reads as: a cluster's characters dealt to its glyphs in order, the last glyph
    taking any left over (a ligature reads as all its letters). A glyph a cluster has no character left for
    (never seen after `_recompose_sara_am`) reads as its own character, so no glyph reads as nothing."""
    clusters = [g.sd.cluster for g in glyphs]
    if any(a > b for a, b in pairwise(clusters)) or any(not 0 <= c < len(text) for c in clusters):
        return [g.char or "" for g in glyphs]  # out of order (not seen with monotone clusters): as drawn
    out: list[str] = []
    i = 0
    while i < len(glyphs):
        j = i
        while j < len(glyphs) and clusters[j] == clusters[i]:
            j += 1
        source = text[clusters[i] : clusters[j] if j < len(glyphs) else len(text)]
        count = j - i
        if count > len(source):
            out += [*source, *(g.char or "" for g in glyphs[i + len(source) : j])]
        else:
            out += [*source[: count - 1], source[count - 1 :]]
        i = j
    return out


@cache
def _hb_font(font_name: str) -> Any:
    """One harfbuzz font per face: positions come back in font units whatever the size, scaled per use."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).hbFont()


@lru_cache(maxsize=16384)
def _shaped(font_name: str, text: str) -> tuple[tuple[Any, str], ...] | None:
    """harfbuzz's glyphs for `text` in a face, as (ShapeData, the code that draws the glyph and reads as its
    source text); None when shaping changes nothing (no kerning, ligature or mark). Cached: layout measures
    the same words many times (fitting a card tries several sizes) and every language prints the same labels."""
    import uharfbuzz
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import ShapeData

    font, hb_font = pdfmetrics.getFont(font_name), _hb_font(font_name)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(hb_font, buffer, FEATURES)
    face, scale = font.face, font.pdfScale
    glyphs = []
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        chars = face.glyphToChar.get(info.codepoint)
        char = chr(chars[0]) if chars else ""
        width = face.charWidths[chars[0]] if chars else scale(hb_font.get_glyph_h_advance(info.codepoint))
        sd = ShapeData(
            info.cluster, scale(pos.x_advance), scale(pos.y_advance), scale(pos.x_offset), scale(pos.y_offset), width
        )
        glyphs.append(Glyph(info.codepoint, char, sd))
    if len(glyphs) == len(text) and all(
        g.char == c and g.sd.x_advance == g.sd.width and not (g.sd.x_offset or g.sd.y_offset)
        for g, c in zip(glyphs, text, strict=True)
    ):
        return None
    if _SARA_AM in text:
        glyphs = _recompose_sara_am(face, glyphs)
    units = units_for(font)
    return tuple(
        (g.sd, g.char if reading == g.char else chr(units.code(g.gid, g.sd.width, reading)))
        for g, reading in zip(glyphs, _readings(glyphs, text), strict=True)
    )


def _shape_run(font: Any, run: list[Any], breaks: frozenset[int]) -> tuple[float, list[Any]] | None:
    """One font run of a word shaped by harfbuzz: (width, [(frag, ShapedStr), ...]) with each glyph drawn by a
    code that reads as its source text; None when shaping changes nothing."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    text = "".join(string for _, string in run)
    glyphs = _shaped(font.fontName, text) if text else None
    if glyphs is None:
        return None
    starts = list(accumulate((len(string) for _, string in run[:-1]), initial=0))
    # glyphs where a line may break: a spacing glyph whose cluster starts at a break position
    clusters = [sd.cluster for sd, _ in glyphs]
    allowed = {
        i
        for i, (sd, _) in enumerate(glyphs)
        if sd.cluster in breaks and (i == 0 or (sd.x_advance and sd.cluster != clusters[i - 1]))
    }
    owners = [bisect_right(starts, cluster) - 1 for cluster in clusters]
    pieces, width = [], 0.0
    for k, (frag, _) in enumerate(run):
        at = [i for i, owner in enumerate(owners) if owner == k]
        if not at:
            continue
        piece = ShapedStr("".join(glyphs[i][1] for i in at), shapeData=[glyphs[i][0] for i in at])
        piece._cg_breaks = frozenset(n for n, i in enumerate(at) if i in allowed)
        pieces.append((frag, piece))
        width += sum(glyphs[i][0].x_advance for i in at) * frag.fontSize / 1000
    return width, pieces


def shape_frag_word(word: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
    """reportlab's shapeFragWord, run per font run of our fonts, with a glyph code per reading (module docstring).

    Called for every word of every paragraph each time it is measured; most words (Latin without kerning
    pairs or ligatures) come back unchanged from the cached `_shaped`, and then nothing else is computed."""
    if isinstance(word, _ShapedFragWord) or any(hasattr(f, "cbDefn") for f, _ in word[1:]):
        return _original(word, *args, **kwargs)
    runs: list[list[Any]] = []
    for frag, string in word[1:]:
        if runs and runs[-1][0][0].fontName == frag.fontName:
            runs[-1].append((frag, string))
        else:
            runs.append([(frag, string)])
    shaped_runs = []
    for run in runs:
        font_name = run[0][0].fontName
        font = _get_font(font_name)
        shaped = None
        if getattr(font, "cg_shaping", False):
            text = "".join(s for _, s in run)
            breaker = linebreaks.BREAKERS.get(font_name)
            shaped = _shape_run(font, run, frozenset(breaker(text)) if breaker else frozenset())
        shaped_runs.append(shaped)
    if not any(shaped_runs):
        return word
    pieces: list[Any] = []
    width = 0.0
    for run, shaped in zip(runs, shaped_runs, strict=True):
        if shaped is None:
            pieces += run
            width += sum(_string_width(s, f.fontName, f.fontSize) for f, s in run)
        else:
            width += shaped[0]
            pieces += shaped[1]
    return _make_shaped_frag_word(word)([width, *pieces])


def _break_lines(paragraph: Any, width: Any) -> Any:
    """reportlab's Paragraph.breakLines with shaping on for our styles (`cg_shaping`), whatever `shaping` says.

    reportlab shapes only when a style says shaping=1, and layout code reads that flag as "this language
    breaks its own words" (Thai); every script is shaped here for its kerning and ligatures without
    claiming that, so the flag is set only while reportlab breaks the lines.
    """
    style = paragraph.style
    if style.shaping or not getattr(style, "cg_shaping", False):
        return _original_break(paragraph, width)
    style.shaping = 1
    try:
        return _original_break(paragraph, width)
    finally:
        style.shaping = 0


def _actual_text(font_name: str, text: Any) -> str | None:
    """What a shaped run that holds marks reads as, for an ActualText span; None for any other text.

    Marks are drawn at the pen position after their letter with zero advance, so a reader that orders glyphs by
    position (poppler) or takes a backward offset for a word gap (PDFium) puts a tone mark after the next letter
    or after a space. Those readers, and MuPDF, read a marked-content span's ActualText instead of its glyphs;
    pdf.js does not, and reads the glyph codes' ToUnicode entries, which carry the same text glyph by glyph.
    """
    data = getattr(text, "__shapeData__", None)
    if data is None:  # most text drawn: not shaped, nothing to look up
        return None
    from reportlab.pdfbase import pdfmetrics

    units = getattr(pdfmetrics.getFont(font_name), "_cg_units", None)
    if units is None or not any(sd.x_advance == 0 and sd.cluster != _SIMPLE for sd in data):
        return None
    return readable(font_name, text)


def _format_text(textobject: Any, text: Any) -> str:
    """reportlab's PDFTextObject._formatText, with shaped runs holding marks inside an ActualText span."""
    code = _original_format(textobject, text)
    actual = _actual_text(textobject._fontname, text)
    if not actual:
        return code
    return f"/Span <</ActualText <FEFF{_utf16(actual)}>>> BDC {code} EMC"


def install() -> None:
    """Route reportlab's paragraph shaping and long-word splitting through this module (once per process)."""
    global _installed, _original, _original_break, _original_format
    global _get_font, _string_width, _ShapedFragWord, _make_shaped_frag_word
    if _installed:
        return
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfgen import textobject
    from reportlab.platypus import paragraph

    _get_font, _string_width = pdfmetrics.getFont, pdfmetrics.stringWidth
    _ShapedFragWord, _make_shaped_frag_word = ttfonts.ShapedFragWord, ttfonts.makeShapedFragWord

    _original = paragraph.shapeFragWord
    _original_break = paragraph.Paragraph.breakLines
    _original_format = textobject.PDFTextObject._formatText
    textobject.PDFTextObject._formatText = _format_text
    paragraph.shapeFragWord = shape_frag_word
    paragraph.Paragraph.breakLines = _break_lines
    linebreaks.install()
    _installed = True


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def tounicode_cmap(name: str, subset: list[int], actual: dict[int, str]) -> str:
    """A ToUnicode CMap for one font subset, with our codes mapped to the text their glyphs stand for."""
    entries = [f"<{i:02X}> <{_utf16(actual.get(code, chr(code)))}>" for i, code in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *(
                line
                for start in range(0, len(entries), 100)  # a bfchar block holds at most 100 entries
                for line in (
                    f"{len(entries[start : start + 100])} beginbfchar",
                    *entries[start : start + 100],
                    "endbfchar",
                )
            ),
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def shaping_font_class() -> type:
    """A TTFont whose ToUnicode maps carry the source text of each glyph shaping produced."""
    from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

    class ShapingTTFont(TTFont):
        cg_shaping = True

        def addObjects(self, doc: Any) -> None:  # reportlab's method name
            state = self.state.get(doc)
            subsets = [list(s) for s in state.subsets] if state else []
            super().addObjects(doc)
            actual = units_for(self).actual
            for n, subset in enumerate(subsets):
                if not any(code in actual for code in subset):
                    continue
                base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                stream = doc.idToObject["toUnicodeCMap:" + base]
                stream.content = tounicode_cmap(base, subset, actual)

    return ShapingTTFont
