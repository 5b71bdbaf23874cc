"""Measure text with reportlab's own wrapping and shrink it to fit, never below the layout's minimum."""

from __future__ import annotations

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
