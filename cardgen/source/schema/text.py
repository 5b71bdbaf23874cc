"""Schema of content/text/<lang>.yaml: every string a deck or booklet prints, keyed by the routine's ids.

The source language must be complete; a translation is validated with the same model but may leave keys out
(they fall back to the source language, visibly).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from ..qr import check_url
from .common import Strict

Url = Annotated[str, AfterValidator(check_url)]


class MetaText(Strict):
    title: str = Field(max_length=120)  # the routine's name, one line above each card's own title
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
    legend_orientation: str | None = Field(
        default=None, description="No longer printed: the legend gives views.NAME.orientation for each view used"
    )
    notes_heading: str
    general_guidance: str
    prepared_for: str
    prepared_by: str
    overview_heading: str = Field(description="Title of the routine-at-a-glance card and booklet page")
    minutes_short: str = Field(description="A step's time on the overview, e.g. {{ minutes }} min")
    total_time: str = Field(description="The whole routine's time on the overview, e.g. Total: {{ minutes }} min")
    qr_video: str = Field(description="Caption beside the QR code of links.video (card backs, booklet cover)")
    qr_booklet: str = Field(description="Caption beside the QR code of links.booklet (booklet cover)")
    legend: dict[str, str] = Field(description="Label per diagram legend symbol (glide_light, circle_clockwise, ...)")
    hands: dict[str, str] = Field(default_factory=dict, description="Label per hands id used in routine.yaml")
    direction: dict[str, str] = Field(default_factory=dict, description="Label per direction id used in routine.yaml")
    seconds: str | None = Field(
        default=None, description="A step's time given in seconds, on its card: e.g. about {{ seconds }} s"
    )
    seconds_short: str | None = Field(
        default=None, description="A step's time given in seconds, on the overview: e.g. {{ seconds }} s"
    )
    repeat: dict[str, str] = Field(
        default_factory=dict,
        description="Per repeat side id (routine.yaml repeat.side), the card's sentence: e.g. other: Repeat steps "
        "{{ steps }} on the other foot. ({{ first }}, {{ last }}: the first and last step numbers)",
    )


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
    """Each line is optional: a line left out is not printed (the oils' line needs routine.yaml essential_oils)."""

    heading: str
    skin: str | None = None
    oil: str | None = None
    essential_oils_intro: str | None = None
    essential_oils: dict[str, str] = Field(default_factory=dict)


class Ambience(Strict):
    """Each line is optional: a line left out is not printed (the music line needs routine.yaml music)."""

    heading: str
    calm: str | None = None
    light: str | None = None
    music_intro: str | None = None
    candles: str | None = None


class Links(Strict):
    """Addresses printed as QR codes. Each language gives its own: a link never falls back to another language's."""

    video: Url | None = Field(default=None, description="A video of the routine; its code prints on the card backs")
    booklet: Url | None = Field(
        default=None, description="The booklet online; its code prints on the booklet cover (else the video's)"
    )


class StepText(Strict):
    title: str
    short_title: str | None = Field(default=None, description="A shorter title for the overview's narrow rows")
    instruction: str | None = Field(
        default=None, description="What the hands do; a repeat step may leave it out (its card names the steps)"
    )


class ViewText(Strict):
    orientation: str = Field(description="Which way the view shows the body, e.g. seen from behind, client seated")


class TextModel(Strict):
    """One language's text file."""

    meta: MetaText
    ui: UiText
    # Every section is optional: one left out prints no heading, no contents entry and no empty list.
    purpose: Section | None = None
    benefits: ListSection | None = None
    types: TypesSection | None = None
    preparation: Preparation | None = None
    ambience: Ambience | None = None
    steps: dict[str, StepText]
    partner: Section | None = None
    aftercare: Section | None = None
    safety: Section | None = None
    links: Links = Field(default_factory=Links, description="Optional addresses printed as QR codes")
    views: dict[str, ViewText] = Field(
        default_factory=dict,
        description="Per body view (back, foot_sole, ...): its orientation line for the legend, in this language; "
        "without it the legend prints the view file's English line",
    )
