"""Content is text, not markup: escape everything, then interpret only **bold** and *italic*.

reportlab's Paragraph understands an XML-like markup; passing content through unescaped would let a stray
"<" break a build or a translation inject tags (<font>, <a href>, <img src>). Every piece of text is escaped
on its own and only the two documented inline forms become tags, so the result is always well nested:
`**bold *and** italic*` gives bold text with literal asterisks, never crossed tags. The one other tag is the
FALLBACK mark that i18n appends to a string printed in English because its translation is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .fonts import FontChain

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


def escape(text: str) -> str:
    """&, < and > as entities (what xml.sax.saxutils.escape does; that module imports urllib, http and email,
    16 ms of every build)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def unescape(text: str) -> str:
    """The inverse of escape."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


#: Appended by i18n to a string that fell back to English; becomes a small "EN" tag on the printout.
#: A supplementary private-use character: no font draws it and no translation types it.
FALLBACK = "\U000f0fe0"
#: What the tag says.
FALLBACK_LABEL = "EN"


def _inline(text: str) -> str:
    """Escaped text with **bold** and *italic* spans as <b> and <i> tags, always well nested."""
    out, pos = [], 0
    for match in _BOLD.finditer(text):
        out += [_italics(text[pos : match.start()]), f"<b>{_italics(match.group(1))}</b>"]
        pos = match.end()
    out.append(_italics(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Tagging:
    """How the EN tag looks: colour (a reportlab colour string), the face that draws its letters, and its size.

    The tag sits on the baseline, slightly smaller than the text: raised (superscript) text is read by PDF
    text extraction as part of the line above, which would put "EN" in the wrong place for search and
    screen readers.
    """

    color: str = "#b04030"
    face: str | None = None
    size: float | None = None


def plain(text: str) -> str:
    """Text for places without markup (bookmarks, document info): the fallback mark removed."""
    return text.replace(FALLBACK, "")


def _tag(tagging: Tagging) -> str:
    face = f' name="{tagging.face}"' if tagging.face else ""
    size = f' size="{tagging.size:g}"' if tagging.size else ""
    return f'<font{face}{size} color="{tagging.color}">\u00a0{FALLBACK_LABEL}</font>'


_TAG_SLOT = "<cg-fallback/>"
_TAGS = re.compile(r"(<[^>]*>)")
_WEIGHTS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}


def to_para(
    text: str, tagging: Tagging | None = None, chain: FontChain | None = None, base_weight: str = "regular"
) -> str:
    """Plain content text -> reportlab paragraph markup, with only **bold** and *italic* interpreted.

    With a font chain, every run of characters that the language's own family cannot draw is wrapped in
    <font name=...> naming the face (of the right weight) of the family that can.
    """
    safe = _inline(text).replace(FALLBACK, _TAG_SLOT)
    tagging = tagging or Tagging()
    if chain is None or len(chain.families) == 1:
        return safe.replace(_TAG_SLOT, _tag(tagging))
    out = []
    bold = base_weight in ("bold", "bold_italic")
    italic = base_weight in ("italic", "bold_italic")
    depth = {"b": 0, "i": 0}
    for part in _TAGS.split(safe):
        if part == _TAG_SLOT:
            out.append(_tag(tagging))
        elif part.startswith("<"):
            name = part.strip("</>")
            depth[name] += -1 if part.startswith("</") else 1
            out.append(part)
        elif part:
            weight = _WEIGHTS[(bold or depth["b"] > 0, italic or depth["i"] > 0)]
            for family, run in chain.runs(unescape(part)):
                if family is chain.families[0]:
                    out.append(escape(run))
                else:
                    out.append(f'<font name="{family.faces.weight(weight)}">{escape(run)}</font>')
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    """Split a block of text into paragraphs at blank lines; single newlines are spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
