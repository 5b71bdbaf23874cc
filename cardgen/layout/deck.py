"""The whole deck in order: preparation, the legend, the overview, then the steps.

Its own module so that the card makers (cards.py) and the overview (overview.py, which builds on the cards'
frame and header) stay a one-way pair.
"""

from __future__ import annotations

from ..errors import FitError
from ..source.load import Project
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .cards import legend_cards, preparation_cards, step_cards
from .frames import Frame
from .overview import overview_cards


def deck(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """The whole deck in order: preparation, the legend, the overview, then the steps: one card each, or more
    on a card too small for the text (see may_continue).

    Every card is laid out even when one does not fit, so a run reports all texts that are too long at once.
    """
    makers = [
        lambda: preparation_cards(project, texts, styles),
        lambda: legend_cards(project, texts, styles),
        lambda: overview_cards(project, texts, styles),
        *(lambda step=step: step_cards(project, step, texts, styles) for step in project.routine.steps),
    ]
    frames: list[Frame] = []
    errors: list[FitError] = []
    for make in makers:
        try:
            frames += make()
        except FitError as exc:
            errors.append(exc)
    if errors:
        raise FitError.combine(errors)
    return frames
