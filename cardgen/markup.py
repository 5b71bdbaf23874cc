"""Content is text, not markup: escape everything, then interpret only **bold** and *italic*.

reportlab's Paragraph understands an XML-like markup; passing content through unescaped would let a stray
"<" break a build or a translation inject tags (<font>, <a href>, <img src>). Every piece of text is escaped
on its own and only the two documented inline forms become tags, so the result is always well nested:
`**bold *and** italic*` gives bold text with literal asterisks, never crossed tags.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)


def _italics(text: str) -> str:
    """Escaped text with *italic* spans as <i> tags; an unpaired asterisk prints as itself."""
    out, pos = [], 0
    for match in _ITALIC.finditer(text):
        out += [escape(text[pos : match.start()]), f"<i>{escape(match.group(1))}</i>"]
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def to_para(text: str) -> str:
    """Plain content text -> reportlab paragraph markup, with only **bold** and *italic* interpreted."""
    out, pos = [], 0
    for match in _BOLD.finditer(text):
        out += [_italics(text[pos : match.start()]), f"<b>{_italics(match.group(1))}</b>"]
        pos = match.end()
    out.append(_italics(text[pos:]))
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    """Split a block of text into paragraphs at blank lines; single newlines are spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
