"""Bilingual cards (`build --back-lang CODE`): each card's back says what its front says, in a second language.

A practitioner holds the front (their language) while the client reads the back (theirs). The back of a step
card is that step's text in the back language, laid out without the diagram the front already shows: the
step number and title in the colour band, the time beside them, the instruction, and hands and direction at
the foot. The backs go wherever the imposition puts a card's back (duplex or fold-over), so the back of step
k always lands on the front of step k.

The preparation, legend and overview cards get the back language's own cards of the same kind, one for one,
when the back language needs as many of them as the front does; otherwise (a longer translation continued on
more small cards) those fronts keep the decorative back rather than print half a translation.
"""

from __future__ import annotations

from ..source.load import Project
from ..source.model import Step
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .backs import back_frame
from .cards import _card_frame, _fit_or_fail, _header, footer_items
from .deck import deck
from .frames import Box, Frame
from .step_text import duration, hands_direction, instruction, meta_key


def step_text_back(project: Project, step: Step, texts: Texts, styles: StyleSheet) -> Frame:
    """The back of step `step`'s card(s): its whole text in `texts`' language, fitted like any card text."""
    spec = project.layout.spec.card
    frame, trim, safe = _card_frame(project, "back-text", step.id)
    where = f"back of card {step.number} ({step.id})"
    band_bottom = _header(
        frame,
        trim,
        safe,
        project,
        styles,
        texts.get("ui.step_of", n=step.number, total=len(project.routine.steps)),
        texts.get(f"steps.{step.id}.title"),
        duration(texts, step),
        where,
        texts.lang,
    )
    meta = hands_direction(texts, step)
    bottom = safe.y
    if meta:
        frame.items += footer_items(spec, safe, meta, styles, f"{where} footer", texts.lang, meta_key(step))
        bottom = safe.y + spec.footer + spec.gap
    body = Box(safe.x, bottom, safe.w, band_bottom - spec.gap - bottom)
    text, key = instruction(texts, step)
    frame.items.append(_fit_or_fail(text, styles, "card_body", body, f"{where} instruction", texts.lang, key))
    return frame


def bilingual_backs(project: Project, texts: Texts, styles: StyleSheet, fronts: list[Frame]) -> list[Frame]:
    """The back of every front in `texts`' language, in the fronts' order (the imposition pairs them up)."""
    steps = {step.id: step for step in project.routine.steps}
    theirs = deck(project, texts, styles)
    by_kind: dict[str, list[Frame]] = {}
    for card in theirs:
        by_kind.setdefault(card.kind, []).append(card)
    ours: dict[str, int] = {}
    for front in fronts:
        ours[front.kind] = ours.get(front.kind, 0) + 1
    made: dict[str, Frame] = {}
    seen: dict[str, int] = {}
    out = []
    for front in fronts:
        if front.kind == "step":
            if front.label not in made:
                made[front.label] = step_text_back(project, steps[front.label], texts, styles)
            out.append(made[front.label])
            continue
        index = seen.get(front.kind, 0)
        seen[front.kind] = index + 1
        same = by_kind.get(front.kind, [])
        if len(same) == ours[front.kind]:
            out.append(same[index])
        else:
            if "" not in made:
                made[""] = back_frame(project, texts, styles, None)
            out.append(made[""])
    return out
