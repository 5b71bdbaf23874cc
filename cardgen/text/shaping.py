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
_original_split: Any = None
#: Per shaping face: where a long run may break (text positions), e.g. Thai syllable boundaries from pyphen.
BREAKERS: dict[str, Any] = {}


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


def _remap(font: Any, shaped: list[Any], text: str, breaks: frozenset[int] = frozenset()) -> list[Any]:
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
    # glyphs where a line may break: a group's first glyph whose source text starts at a break position
    allowed = {start for n, start in enumerate(starts) if bounds[n] in breaks}
    out, pos = [], 0
    for frag, string in shaped:
        count = len(string)
        piece = ShapedStr("".join(new_chars[pos : pos + count]), shapeData=list(string.__shapeData__))
        piece._cg_breaks = frozenset(i - pos for i in allowed if pos <= i < pos + count)
        out.append((frag, piece))
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
            breaker = BREAKERS.get(font_name)
            pieces += _remap(font, list(result[1:]), text, frozenset(breaker(text)) if breaker else frozenset())
            width += result[0]
            changed = True
        else:
            pieces += run
            width += run_width
    if not changed:
        return word
    new = makeShapedFragWord(word)([width, *pieces])
    return new


def split_frag_word(word: list[Any], max_width: float, max_widths: list[float], lineno: int) -> list[Any]:
    """reportlab's _splitFragWord for a shaped word longer than a line: break only where allowed.

    reportlab splits an over-long word at any character and rebuilds plain strings, which drops the shaping
    data (Thai marks would lose their positions) and can cut a letter from its marks. Thai writes no spaces
    between words, so a phrase longer than a line is common; here it breaks at the last allowed glyph (a
    syllable boundary, or a change of font) that fits, keeping each piece a shaped string.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.paragraph import _HSFrag, _SplitFrag, _SplitFragH, _SplitFragHS

    if not any(getattr(s, "_cg_breaks", None) for _, s in word[1:]):
        return _original_split(word, max_width, max_widths, lineno)
    glyphs = []  # (frag index, index in its string, width, may break before)
    for index, (frag, string) in enumerate(word[1:]):
        data = getattr(string, "__shapeData__", None)
        breaks = getattr(string, "_cg_breaks", frozenset())
        for j, char in enumerate(string):
            width = (
                data[j].x_advance * frag.fontSize / 1000 if data else stringWidth(char, frag.fontName, frag.fontSize)
            )
            glyphs.append((index, j, width, j in breaks or (j == 0 and index > 0)))
    cuts, start, used, last = [], 0, 0.0, None
    limit, line = max_width, lineno
    for k, (_, _, width, breakable) in enumerate(glyphs):
        if breakable and k > start:
            last = (k, used)
        if used + width > limit + 1e-6 and (last is not None or (k > start and width > 0)):
            cut, cut_used = last if last is not None else (k, used)
            cuts.append(cut)
            used -= cut_used
            start, last = cut, None
            line += 1
            limit = max_widths[min(len(max_widths) - 1, line)]
        used += width
    bounds = [0, *cuts, len(glyphs)]
    pieces = []
    for a, b in pairwise(bounds):
        parts: list[Any] = []
        for index, (frag, string) in enumerate(word[1:]):
            js = [g[1] for g in glyphs[a:b] if g[0] == index]
            if js:
                clone = frag.clone()
                text = string[js[0] : js[-1] + 1]
                if hasattr(clone, "text"):
                    clone.text = text
                parts.append((clone, text))
        pieces.append([sum(g[2] for g in glyphs[a:b]), *parts])
    last_class = _SplitFragHS if isinstance(word, _HSFrag) else _SplitFragH
    return [_SplitFrag(p) for p in pieces[:-1]] + [last_class(pieces[-1])]


def install() -> None:
    """Route reportlab's paragraph shaping and long-word splitting through this module (once per process)."""
    global _installed, _original, _original_split
    if _installed:
        return
    from reportlab.platypus import paragraph

    _original = paragraph.shapeFragWord
    _original_split = paragraph._splitFragWord
    paragraph.shapeFragWord = shape_frag_word
    paragraph._splitFragWord = split_frag_word
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
