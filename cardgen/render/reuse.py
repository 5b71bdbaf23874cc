"""Text drawn once: the operators each text item wrote in a reading PDF, written again in its print PDF.

deck-sheets.pdf places deck.pdf's cards and booklet-print.pdf booklet.pdf's pages, each frame as a form drawn
afresh, and setting paragraphs is most of drawing a frame. A paragraph's operators depend on the paragraph, its
place in the frame, the canvas state (the same: a form starts from the state a page starts from, and the items
before it are drawn the same way) and the document's fonts: reportlab numbers each document's fonts (/F1, ...)
and assigns every character a code in a subset of its own, in the order first used. So the print PDF is given
the reading PDF's font state as it was finished (`install`): every code the recorded operators use means the
same glyph there, and text drawn afresh (card backs) is added to the same subsets. The fonts embedded are then
the reading PDF's subsets, plus what the print PDF adds; each printed glyph is the same.

Anything whose drawing touches the page beyond its operators (a link annotation) is not recorded.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any

from ..layout.frames import Text


class DrawnText:
    """Record text items' operators while drawing one document (`draw`), `finish` it before that document is
    saved, then `install` it in other documents, where `draw` writes the recorded operators instead."""

    def __init__(self) -> None:
        self._code: dict[int, tuple[Text, list[str]]] = {}  # id(item) -> (item, its operators)
        self._fonts: list[tuple[Any, Any]] | None = None  # (font, its state in the recorded document)
        self._mapping: dict[str, str] = {}
        self._delayed: list[Any] = []
        self._installed: weakref.WeakSet[Any] = weakref.WeakSet()  # documents given the recorded font state

    def draw(self, canvas: Any, item: Text) -> None:
        """Draw `item`: recorded while recording, replayed in an installed document when recorded, else drawn."""
        if self._fonts is None:
            code, annotations = canvas._code, len(canvas._annotationrefs)
            start = len(code)
            item.para.drawOn(canvas, item.box.x, item.box.y)
            if len(canvas._annotationrefs) == annotations and code is canvas._code:
                self._code[id(item)] = (item, code[start:])
            return
        entry = self._code.get(id(item))
        if entry is not None and entry[0] is item and canvas._doc in self._installed:
            canvas._code.extend(entry[1])
            return
        item.para.drawOn(canvas, item.box.x, item.box.y)

    def finish(self, canvas: Any) -> None:
        """Keep the recorded document's font state; call after its last page, before it is saved (saving
        freezes and drops that state)."""
        document = canvas._doc
        self._fonts = [(font, _copy_state(font.state[document])) for font in document.delayedFonts]
        self._mapping = dict(document.fontMapping)
        self._delayed = list(document.delayedFonts)

    def install(self, canvas: Any) -> None:
        """Give a fresh canvas's document the recorded font state, so the recorded operators mean the same
        there; a document that has used a font already is left alone (its text is then drawn afresh)."""
        document = canvas._doc
        if self._fonts is None or document.fontMapping or document.delayedFonts:
            return
        for font, state in self._fonts:
            font.state[document] = _copy_state(state)
        document.fontMapping.update(self._mapping)
        document.delayedFonts.extend(self._delayed)
        self._installed.add(document)


def _copy_state(state: Any) -> Any:
    """A TrueType font's per-document state (reportlab's TTFont.State), its code assignments copied."""
    new = copy.copy(state)
    new.assignments = dict(state.assignments)
    new.subsets = [list(subset) for subset in state.subsets]
    return new
