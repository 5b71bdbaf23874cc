"""How a card smaller than the size its layout was designed for is laid out: pure functions of the layout.

Shared by the card layout (layout/cards.py) and the load-time layout checks (source/layout_checks.py), so that what
the checks call room for text is the room the cards really have.
"""

from __future__ import annotations

from .model import Geometry
from .schema.layout import CardGeometry


def continues(card: CardGeometry, geo: Geometry) -> bool:
    """Whether text too long for one card continues on the next (card.overflow; auto: on smaller cards)."""
    if card.overflow != "auto":
        return card.overflow == "continue"
    return geo.card_w < geo.design_w - 0.01 or geo.card_h < geo.design_h - 0.01


def scaled_diagram(card: CardGeometry, geo: Geometry) -> float:
    """The diagram region's height: as the layout says on the card it was designed for, in proportion on a
    shorter card (a poker card is 88 mm tall, B7 125 mm: its diagram is 88/125 of B7's)."""
    if geo.design_h <= 0 or geo.card_h >= geo.design_h:
        return card.diagram
    return card.diagram * geo.card_h / geo.design_h
