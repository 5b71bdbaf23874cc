"""How full each fitted text box is, per card and language: the numbers behind `cardgen check --fit`.

A translation that fills 98% of a card's instruction box prints today and overflows after the next edit;
seeing the fill ratio (and whether the text had to shrink) per language tells a translator where to trim.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.styles import StyleSheet
from .frames import Frame, Text


@dataclass(frozen=True)
class FitRow:
    lang: str
    card: str
    region: str
    fill: float  # used height / available height
    size: float | None = None  # the size the text was set at (after shrinking), if it was fitted
    nominal: float | None = None  # the style's own size

    @property
    def shrunk(self) -> bool:
        return self.size is not None and self.nominal is not None and self.size < self.nominal - 1e-6


def fit_rows(lang: str, frames: list[Frame], styles: StyleSheet) -> list[FitRow]:
    rows = []
    for frame in frames:
        for item in frame.items:
            if isinstance(item, Text) and item.room:
                size = item.para.style.fontSize
                rows.append(
                    FitRow(
                        lang,
                        frame.label,
                        item.region or item.style,
                        item.box.h / item.room,
                        size,
                        styles[item.style].fontSize,
                    )
                )
        for region, used, room in frame.measures:
            rows.append(FitRow(lang, frame.label, region, used / room if room else 1.0))
    return rows
