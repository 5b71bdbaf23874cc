"""Measure text with reportlab's own wrapping and shrink it to fit, never below the layout's minimum."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..text.markup import to_para
from .frames import Box, Tag, Text


def paragraph(text: str, style: Any, bullet: str | None = None) -> Any:
    from reportlab.platypus import Paragraph

    chain = getattr(style, "cg_chain", None)
    weight = chain.weight_of(style.fontName) if chain else "regular"
    return Paragraph(to_para(text, getattr(style, "cg_tagging", None), chain, weight), style, bulletText=bullet)


def measure(text: str, style: Any, width: float, bullet: str | None = None) -> tuple[Any, float]:
    """A wrapped Paragraph and its height at `width`."""
    para = paragraph(text, style, bullet)
    _, height = para.wrap(width, 10_000)
    return para, height


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
