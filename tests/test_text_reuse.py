"""Text drawn once (cardgen.render.reuse): a text item recorded in the reading PDF is written from the record in
the print PDF the record was installed in, and set afresh everywhere else: an item not recorded, a document
not given the recorded fonts, or a document that had used fonts of its own already."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text

from cardgen.build import BuildOptions, deck_doc_info, language_styles, prepare
from cardgen.layout import booklet as booklet_layout
from cardgen.layout.deck import deck
from cardgen.layout.frames import Text
from cardgen.render.pdf import new_canvas, render_pages, save
from cardgen.render.reuse import DrawnText
from cardgen.text.i18n import texts_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cards():
    project, _ = prepare(BuildOptions(content=ROOT / "content", langs=("en",)))
    texts = texts_for(project, "en")
    styles = language_styles(project, "en")
    info = deck_doc_info(project, texts, booklet_layout.Personal())
    return deck(project, texts, styles), styles, info


@pytest.fixture
def sets(monkeypatch):
    """Counts paragraphs actually set (drawOn), by the id of their Text item."""
    from reportlab.platypus.paragraph import Paragraph

    count: list[int] = []
    original = Paragraph.drawOn

    def counted(self, canvas, x, y, *args, **kwargs):
        count.append(id(self))
        return original(self, canvas, x, y, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "drawOn", counted)
    return count


def _texts(frame) -> list[Text]:
    return [item for item in frame.items if isinstance(item, Text)]


def _draw_one(frame, styles, info, drawn: DrawnText | None, *, install: bool = True, before: str | None = None):
    """One page holding `frame`'s text items drawn through `drawn`: (pdf bytes, the canvas's operators)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, info, (frame.width, frame.height), styles.fonts.regular)
    if before:  # a document that set text of its own before the record is installed
        canvas.setFont(styles.fonts.regular, 9)
        canvas.drawString(10, 10, before)
    if drawn is not None and install:
        drawn.install(canvas)
    for item in _texts(frame):
        if drawn is None:
            item.para.drawOn(canvas, item.box.x, item.box.y)
        else:
            drawn.draw(canvas, item)
    code = list(canvas._code)
    canvas.showPage()
    save(canvas, info)
    return buffer.getvalue(), code


def _recorded(cards) -> DrawnText:
    frames, styles, info = cards
    drawn = DrawnText()
    render_pages(frames, styles, info, drawn)
    return drawn


def test_recorded_text_is_written_not_set_again(cards, sets) -> None:
    frames, styles, info = cards
    drawn = _recorded(cards)
    set_while_recording = len(sets)
    assert set_while_recording == sum(len(_texts(f)) for f in frames)
    data, code = _draw_one(frames[3], styles, info, drawn)
    assert len(sets) == set_while_recording, "every recorded paragraph is written from the record"
    fresh, fresh_code = _draw_one(frames[3], styles, info, None)
    # the same words, in the same glyphs: the record's font state makes the codes mean the same letters
    assert extract_text(io.BytesIO(data)) == extract_text(io.BytesIO(fresh))
    assert len(code) == len(fresh_code)


def test_an_item_not_recorded_is_set_afresh(cards, sets) -> None:
    frames, styles, info = cards
    drawn = DrawnText()
    render_pages(frames[:2], styles, info, drawn)  # only the first two cards recorded
    before = len(sets)
    _draw_one(frames[5], styles, info, drawn)
    assert len(sets) - before == len(_texts(frames[5]))


def test_a_document_without_the_recorded_fonts_sets_text_afresh(cards, sets) -> None:
    frames, styles, info = cards
    drawn = _recorded(cards)
    before = len(sets)
    _draw_one(frames[3], styles, info, drawn, install=False)
    assert len(sets) - before == len(_texts(frames[3]))


def test_a_document_that_used_fonts_already_is_not_given_the_record(cards, sets) -> None:
    frames, styles, info = cards
    drawn = _recorded(cards)
    before = len(sets)
    data, _ = _draw_one(frames[3], styles, info, drawn, before="Already here")
    assert len(sets) - before == len(_texts(frames[3]))
    assert "Already here" in extract_text(io.BytesIO(data))


def test_text_drawn_afresh_in_an_installed_document_joins_the_recorded_subsets(cards) -> None:
    """Card backs are set in the print PDF only: new characters get new codes beside the recorded ones."""
    frames, styles, info = cards
    drawn = _recorded(cards)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, info, (frames[0].width, frames[0].height), styles.fonts.regular)
    drawn.install(canvas)
    for item in _texts(frames[3]):
        drawn.draw(canvas, item)
    canvas.setFont(styles.fonts.regular, 9)
    canvas.drawString(10, 10, "Qzx ÆØÅ ß 12345")
    canvas.showPage()
    save(canvas, info)
    words = extract_text(io.BytesIO(buffer.getvalue()))
    assert "Qzx ÆØÅ ß 12345" in words
    fresh, _ = _draw_one(frames[3], styles, info, None)
    assert set(extract_text(io.BytesIO(fresh)).split()) <= set(words.split())
