"""Content is text, not markup: escape everything, then interpret only **bold** and *italic*.

reportlab's Paragraph understands an XML-like markup; passing content through unescaped would let a stray
"<" break a build or a translation inject tags. Only the two documented inline forms become tags.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")


def to_para(text: str) -> str:
    """Plain content text -> reportlab paragraph markup, with only **bold** and *italic* interpreted."""
    safe = escape(text)
    safe = _BOLD.sub(r"<b>\1</b>", safe)
    return _ITALIC.sub(r"<i>\1</i>", safe)


def paragraphs(text: str) -> list[str]:
    """Split a block of text into paragraphs at blank lines; single newlines are spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
