"""Shaping for the scripts that need it (Thai), keeping shaped text searchable and copyable.

reportlab shapes a paragraph's words with harfbuzz when its style says shaping=1, but two things go wrong for
a Thai paragraph that also holds digits and Latin words in a fallback font:

1. reportlab shapes a whole word with the font of its first run, so "15นาที" would draw the digits with Thai
   glyph ids. `shape_frag_word` shapes each font run of a word on its own, and only runs in a shaping face.
2. The PDF's ToUnicode map says which text each glyph stands for. reportlab maps a glyph to its cmap
   character, or to a private-use code for a glyph harfbuzz substituted (a lowered tone mark), so copied
   or extracted Thai comes out garbled, and readers that sort glyphs by position put marks after the next
   letter. After shaping we group each spacing glyph with the zero-width marks that follow it; unless the
   group is one glyph that is its own character, the first glyph gets a code of its own whose ToUnicode
   entry is the group's whole source text, and the marks get codes mapped to nothing. pdftotext (poppler)
   then reads exactly the characters typed; pdfplumber reads them too but splits words at the empty marks
   (extra spaces); PDFium shows empty ToUnicode entries as raw codes (a known limit, see the issue notes).

The patch is installed once and falls back to reportlab's own behaviour for fonts that are not ours.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

_installed = False
_original: Any = None


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


def units_for(font: Any) -> _Units:
    units = getattr(font, "_cg_units", None)
    if units is None:
        units = font._cg_units = _Units(font)
    return units


def _remap(font: Any, shaped: list[Any], text: str) -> list[Any]:
    """Give each spacing glyph + its marks the source text they stand for (see the module docstring)."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    glyphs = []  # (frag index, char, shape data)
    for index, (_, string) in enumerate(shaped):
        data = getattr(string, "__shapeData__", None)
        if data is None or len(data) != len(string):
            return shaped
        glyphs += [(index, char, sd) for char, sd in zip(string, data, strict=True)]
    starts = [i for i, (_, _, sd) in enumerate(glyphs) if sd.x_advance or i == 0]
    bounds = [glyphs[i][2].cluster for i in starts] + [len(text)]
    if any(a > b for a, b in pairwise(bounds)):  # not monotone: read the run as a whole
        starts, bounds = [0], [0, len(text)]
    units = units_for(font)
    face = font.face
    new_chars = [char for _, char, _ in glyphs]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(glyphs)
        source = text[bounds[n] : bounds[n + 1]]
        if end - start == 1 and new_chars[start] == source:
            continue  # a lone glyph that is its own character: reportlab's mapping is already right
        char = new_chars[start]
        new_chars[start] = chr(units.code(face.charToGlyph[ord(char)], face.charWidths.get(ord(char), 0), source))
        for i in range(start + 1, end):  # the marks read as nothing: the group's first glyph carries the text
            mark = ord(new_chars[i])
            new_chars[i] = chr(units.code(face.charToGlyph[mark], face.charWidths.get(mark, 0), ""))
    out, pos = [], 0
    for frag, string in shaped:
        count = len(string)
        chars = "".join(new_chars[pos : pos + count])
        out.append((frag, ShapedStr(chars, shapeData=list(string.__shapeData__))))
        pos += count
    return out


def shape_frag_word(word: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
    """reportlab's shapeFragWord, run per font run, only on shaping faces, with extractable glyph codes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord

    if isinstance(word, ShapedFragWord) or any(hasattr(f, "cbDefn") for f, _ in word[1:]):
        return _original(word, *args, **kwargs)
    runs: list[list[Any]] = []
    for frag, string in word[1:]:
        if runs and runs[-1][0][0].fontName == frag.fontName:
            runs[-1].append((frag, string))
        else:
            runs.append([(frag, string)])
    pieces: list[Any] = []
    width = 0.0
    changed = False
    for run in runs:
        font_name = run[0][0].fontName
        font = pdfmetrics.getFont(font_name)
        run_width = sum(pdfmetrics.stringWidth(s, f.fontName, f.fontSize) for f, s in run)
        if not getattr(font, "cg_shaping", False):
            pieces += run
            width += run_width
            continue
        result = _original([run_width, *run], *args, **kwargs)
        if len(result) > 1 and any(isinstance(s, ShapedStr) for _, s in result[1:]):
            text = "".join(s for _, s in run)
            pieces += _remap(font, list(result[1:]), text)
            width += result[0]
            changed = True
        else:
            pieces += run
            width += run_width
    if not changed:
        return word
    new = makeShapedFragWord(word)([width, *pieces])
    return new


def install() -> None:
    """Route reportlab's paragraph shaping through shape_frag_word (once per process)."""
    global _installed, _original
    if _installed:
        return
    from reportlab.platypus import paragraph

    _original = paragraph.shapeFragWord
    paragraph.shapeFragWord = shape_frag_word
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


def shaping_font_class() -> type:
    """A TTFont whose ToUnicode maps carry the source text of the glyph groups shaping produced."""
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
