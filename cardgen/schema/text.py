"""Schema of content/text/<lang>.yaml: every string a deck or booklet prints, keyed by the routine's ids.

The source language must be complete; a translation is validated with the same model but may leave keys out
(they fall back to the source language, visibly).
"""

from __future__ import annotations

from pydantic import Field

from .common import Strict


class MetaText(Strict):
    title: str
    subtitle: str
    deck_title: str
    booklet_title: str


class UiText(Strict):
    """Labels around the content; values may use Jinja2 variables such as {{ n }} and {{ total }}."""

    step_of: str
    minutes: str
    hands_label: str
    direction_label: str
    page: str
    contents: str
    steps_heading: str
    legend_heading: str
    legend_orientation: str
    notes_heading: str
    general_guidance: str
    prepared_for: str
    prepared_by: str
    legend: dict[str, str] = Field(description="Label per diagram legend symbol (glide_light, circle_clockwise, ...)")
    hands: dict[str, str] = Field(description="Label per hands id used in routine.yaml")
    direction: dict[str, str] = Field(description="Label per direction id used in routine.yaml")


class Section(Strict):
    heading: str
    body: str


class ListSection(Strict):
    heading: str
    items: dict[str, str]


class TypeText(Strict):
    name: str
    body: str


class TypesSection(Strict):
    heading: str
    items: dict[str, TypeText]


class Preparation(Strict):
    heading: str
    skin: str
    oil: str
    essential_oils_intro: str
    essential_oils: dict[str, str]


class Ambience(Strict):
    heading: str
    calm: str
    light: str
    music_intro: str
    candles: str


class StepText(Strict):
    title: str
    instruction: str


class TextModel(Strict):
    """One language's text file."""

    meta: MetaText
    ui: UiText
    purpose: Section
    benefits: ListSection
    types: TypesSection
    preparation: Preparation
    ambience: Ambience
    steps: dict[str, StepText]
    partner: Section
    aftercare: Section
    safety: Section
