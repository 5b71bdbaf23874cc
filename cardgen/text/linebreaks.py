"""Where lines may break inside what reportlab takes for one word: Thai words, and words longer than a line.

reportlab breaks lines only at spaces. Thai writes no spaces between words, so a Thai line used to end at the
last space that fit (mean fill of lines that are not a paragraph's last: 0.78, English 0.93). ICU's line
breaker finds the words with its dictionary (icu4py: one manylinux wheel with ICU inside, no compiler, imports
in about 6 ms; PyICU needs a C++ build against libicu, PyThaiNLP is pure Python and slower), and each Thai word
becomes a frag word of its own, set with no space after it. A word longer than a line is still cut, between
syllables (pyphen's th_TH patterns) and never inside a cluster, keeping its shaping.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Any

_installed = False
_original_split: Any = None
_original_frag_words: Any = None
#: Per shaping face: where a long run may break (text positions), e.g. Thai syllable boundaries from pyphen.
BREAKERS: dict[str, Any] = {}
#: Per face of a script written without spaces between words (Thai): the ICU locale whose dictionary finds them.
DICTIONARY: dict[str, str] = {}


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


@lru_cache(maxsize=8192)
def _dictionary_breaks(text: str, locale: str) -> tuple[int, ...]:
    """Where ICU's line breaker (its dictionary, for Thai) lets a line break inside `text`, as str indices.
    Cached: layout measures the same text several times (a card's text at several sizes)."""
    from icu4py.breakers import LineBreaker

    positions, at = [], 0
    for segment in LineBreaker(text, locale):  # segments, not offsets: ICU counts UTF-16 units
        at += len(segment)
        positions.append(at)
    return tuple(positions[:-1])


def _word_pieces(word: list[Any]) -> list[list[Any]]:
    """A frag word of a dictionary-broken script cut into its words (reportlab breaks lines only at spaces).

    Every piece but the last is a plain frag word, which reportlab sets with no space after it and may end a
    line after; the last keeps the word's own kind (followed by a space or not). Shaped words (a paragraph
    already broken once) and words of other scripts are left whole.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.paragraph import _HSFrag

    if type(word) not in (list, _HSFrag) or len(word) < 2:
        return [word]
    parts = word[1:]
    if any(not isinstance(s, str) or hasattr(s, "__shapeData__") or hasattr(f, "cbDefn") for f, s in parts):
        return [word]
    locale = next((DICTIONARY[f.fontName] for f, _ in parts if f.fontName in DICTIONARY), None)
    if locale is None:
        return [word]
    text = "".join(s for _, s in parts)
    cuts = _dictionary_breaks(text, locale)
    if not cuts:
        return [word]
    pieces, start = [], 0
    for end in [*cuts, len(text)]:
        piece, at = [], 0
        for frag, string in parts:
            a, b = max(start - at, 0), min(end - at, len(string))
            if a < b:
                piece.append((frag, string[a:b]))
            at += len(string)
        width = sum(stringWidth(s, f.fontName, f.fontSize) for f, s in piece)
        pieces.append(list([width, *piece]))
        start = end
    pieces[-1] = type(word)(pieces[-1])
    return pieces


def _frag_words(frags: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """reportlab's _getFragWords, with words of dictionary-broken scripts (Thai) cut where ICU may break them."""
    words = _original_frag_words(frags, *args, **kwargs)
    if not DICTIONARY:
        return words
    return [piece for word in words for piece in _word_pieces(word)]


def install() -> None:
    """Route reportlab's word list and long-word splitting through this module (once per process)."""
    global _installed, _original_split, _original_frag_words
    if _installed:
        return
    from reportlab.platypus import paragraph

    _original_split = paragraph._splitFragWord
    _original_frag_words = paragraph._getFragWords
    paragraph._splitFragWord = split_frag_word
    paragraph._getFragWords = _frag_words
    _installed = True
