"""Measure text with reportlab's own wrapping and shrink it to fit, never below the layout's minimum."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..text.linebreaks import BREAKERS, DICTIONARY
from ..text.markup import to_para
from .frames import Box, Tag, Text


def paragraph(text: str, style: Any, bullet: str | None = None) -> Any:
    from reportlab.platypus import Paragraph

    chain = getattr(style, "cg_chain", None)
    weight = chain.weight_of(style.fontName) if chain else "regular"
    return Paragraph(to_para(text, getattr(style, "cg_tagging", None), chain, weight), style, bulletText=bullet)


#: Measurements one language keeps (its whole deck and booklet make about 400); the bound only caps memory.
MEASURED_LIMIT = 4096
_PLAIN = (str, int, float, bool, type(None))


def measure(text: str, style: Any, width: float, bullet: str | None = None) -> tuple[Any, float]:
    """A wrapped Paragraph and its height at `width`.

    Memoized: layout measures the same paragraph again and again (a card's text while fitting and rebalancing
    it, a paginator's blocks on every tightening it tries, the heads it cuts), about one call in seven a repeat.
    The key is every input that changes the result: the text, bullet and width, every attribute of the style
    (name, font, size, leading, alignment, hyphenation language, shaping, the font chain and tagging...) and
    where Thai and over-long words may break (text/linebreaks.py). The memo hangs on the style's font chain, so
    it lives as long as one language's style sheet and no longer. Callers share the Paragraph they get: it is
    only read and drawn after this, never wrapped again."""
    chain = getattr(style, "cg_chain", None)
    if chain is None:
        return _measure(text, style, width, bullet)
    memo = chain.measured
    breaking = _line_breaking()
    key = (text, bullet, width, _style_key(style, memo), breaking[0])
    hit = memo.get(key)
    if hit is None:
        if len(memo) >= MEASURED_LIMIT:
            memo.clear()
        # the breakers are kept with the result so that no other breaker can take their ids while it is cached
        hit = memo[key] = (*_measure(text, style, width, bullet), breaking[1])
    return hit[0], hit[1]


def _measure(text: str, style: Any, width: float, bullet: str | None) -> tuple[Any, float]:
    para = paragraph(text, style, bullet)
    _, height = para.wrap(width, 10_000)
    return para, height


def _style_key(style: Any, memo: dict[tuple[Any, ...], tuple[Any, ...]]) -> tuple[Any, ...]:
    """Every attribute of a ParagraphStyle (reportlab copies a parent's into each clone) but its parent: plain
    values as they are, objects (colours, font chain, tagging) by identity, so that equal clones share a key.

    Building that key costs more than a measurement saves when it is built on every call, so it is kept in
    `memo` under the identities of the style's attribute names and values (a C-level map), found again while
    the style is unchanged; the entry keeps those values, so no other object can take their ids meanwhile."""
    attributes = style.__dict__
    identities = (tuple(attributes), tuple(map(id, attributes.values())))
    known = memo.get(identities)
    if known is None:
        plain = tuple((k, v if type(v) in _PLAIN else id(v)) for k, v in attributes.items() if k != "parent")
        known = memo[identities] = (tuple(attributes.values()), plain)
    return known[1]


def _line_breaking() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Where lines of shaped faces may break, which build_styles sets per face: (a key, the breakers)."""
    breakers = tuple(BREAKERS.items())
    return (tuple(DICTIONARY.items()), tuple((face, id(b)) for face, b in breakers)), breakers


def place(text: str, style: Any, style_name: str, x: float, top: float, width: float, tag: Tag | None = None) -> Text:
    """A Text item whose top edge is at `top`."""
    para, height = measure(text, style, width)
    return Text(Box(x, top - height, width, height), para, text, style_name, tag=tag)


def fit(text: str, style: Any, style_name: str, box: Box, min_size: float, step: float = 0.25) -> Text | None:
    """Place text in `box` from its top, shrinking size and leading together; None if even min_size overflows."""
    size, leading = style.fontSize, style.leading
    current = style
    while True:
        para, height = measure(text, current, box.w)
        if height <= box.h + 0.01:
            return Text(Box(box.x, box.top - height, box.w, height), para, text, style_name, room=box.h)
        size -= step
        if size < min_size - 1e-6:
            return None
        current = style.clone(f"{style.name}@{size}", fontSize=size, leading=leading * size / style.fontSize)


def line_count(height: float, style: Any) -> int:
    """How many lines a paragraph of `height` set in `style` has (reportlab: one leading a line)."""
    return max(round(height / style.leading), 1 if height > 0 else 0)


def word_breaks(text: str) -> list[int]:
    """Where `text` may be cut between words: the index of each run of spaces that follows a word."""
    return [i for i, ch in enumerate(text) if ch.isspace() and i > 0 and not text[i - 1].isspace()]


def balanced(head: str, tail: str) -> tuple[str, str]:
    """Close **bold** and *italic* left open at the cut in `head` and reopen them at the start of `tail`."""
    bold = head.count("**") % 2 == 1
    italic = head.replace("**", "").count("*") % 2 == 1
    close = ("*" if italic else "") + ("**" if bold else "")
    return head + close, close[::-1] + tail


def cut_at(text: str, index: int) -> tuple[str, str]:
    """`text` cut at the space at `index`, its markup closed in the head and reopened in the tail."""
    return balanced(text[:index].rstrip(), text[index:].lstrip())


def cut_after_lines(
    text: str, style: Any, width: float, lines: int, bullet: str | None = None
) -> tuple[str, str] | None:
    """The longest head of whole words that sets in at most `lines` lines, and the rest; None when not even
    the first word fits or nothing is left over. Binary search over the spaces: a longer head never has fewer
    lines. reportlab breaks lines greedily, so the head's lines are the paragraph's own first lines."""
    cuts = word_breaks(text)
    lo, hi, best = 0, len(cuts) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        head, tail = cut_at(text, cuts[mid])
        if line_count(measure(head, style, width, bullet)[1], style) <= lines:
            best, lo = (head, tail), mid + 1
        else:
            hi = mid - 1
    return best if best is not None and best[1] else None


#: A card text's last line of one word narrower than this share of the measure is rebalanced (see rebalanced).
SHORT_LAST_LINE = 0.25
#: A title's: in large type on a narrow page one word is a good share of the line and still looks left over.
SHORT_TITLE_LINE = 0.5
#: How far rebalancing may narrow the measure to push a word down to the last line (as many lines as before,
#: so a long text is never narrowed much; a two-line footer may be).
REBALANCE_NARROWING = 0.4


def line_texts(para: Any) -> list[str]:
    """The text of each line of a wrapped Paragraph, as reportlab broke it (hyphens it added included)."""
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return [" ".join(str(word) for word in line[1]) for line in lines]
    return ["".join(str(frag.text) for frag in line.words) for line in lines]


def ends_on_short_word(para: Any, width: float, short: float = SHORT_LAST_LINE) -> bool:
    """Whether the paragraph's last line, below others, is one word narrower than `short` of `width`."""
    lines = line_texts(para)
    if len(lines) < 2 or len(lines[-1].split()) != 1:
        return False
    return para.getActualLineWidths0()[-1] < width * short


def rebalanced(item: Text, short: float = SHORT_LAST_LINE) -> Text:
    """`item` with a last line of one short word avoided: its lines broken at a narrower measure, so that a word
    from the line before joins it, in as many lines as before. Left-aligned text only (a narrower wrap moves
    nothing else). A word hyphenated onto the last line ("Bewe-/gung") is tried whole, unhyphenated. The item
    is unchanged when no narrowing up to REBALANCE_NARROWING does it."""
    para = item.para
    if para is None or para.style.alignment != 0 or not ends_on_short_word(para, item.box.w, short):
        return item
    count = len(line_texts(para))
    styles = [para.style]
    if getattr(para.style, "hyphenationLang", ""):
        styles.append(para.style.clone(f"{para.style.name}-unhyphenated", hyphenationLang=""))
    for style in styles:
        width = item.box.w - 1.0
        while width >= item.box.w * (1 - REBALANCE_NARROWING):
            narrower, _ = measure(item.text, style, width)
            lines = line_texts(narrower)
            if len(lines) > count:
                break
            if len(lines) == count and not ends_on_short_word(narrower, item.box.w, short):
                return replace(item, para=narrower)  # keeps its box, room, region and tag
            width -= 1.0
    return item
