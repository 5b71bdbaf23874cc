"""Schema of content/routine.yaml: the language-neutral structure of a routine (ids, order, strokes, timings)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PositiveInt, field_validator, model_validator

from ...diagrams.vocabulary import LANDMARKS, Pressure, Side, StrokeKind, Turn
from .common import Id, Strict

Landmark = Literal[LANDMARKS]  # type: ignore[valid-type]
#: Documented limits (README "Limits and safety"): past them the cards cannot show a routine, and a number such
#: as 10**30 minutes would otherwise surface as a text that does not fit, far from the line to change.
MAX_MINUTES = 180
MAX_STEPS = 60
Minutes = Annotated[int, Field(gt=0, le=MAX_MINUTES)]
PATH_KINDS = {"glide", "loops", "thumb_walk", "wave", "knead"}


class StrokeModel(Strict):
    """One movement drawn on the back silhouette; landmarks by name, never coordinates."""

    kind: StrokeKind
    side: Side = "both"
    path: list[Landmark] = Field(default_factory=list)
    around: Landmark | None = None
    turn: Turn = "clockwise"
    pressure: Pressure = "light"
    order: PositiveInt = 1
    repeat: PositiveInt | None = None
    minutes: Minutes | None = None

    @model_validator(mode="after")
    def _shape(self) -> StrokeModel:
        if self.kind in PATH_KINDS and len(self.path) < 2:
            raise ValueError(f"a {self.kind} stroke needs a path of at least 2 landmarks, e.g. [waist, neck]")
        if self.kind == "circle" and self.around is None:
            raise ValueError("a circle stroke needs 'around: <landmark>', e.g. around: shoulder_blade")
        if self.kind == "rest" and self.minutes is None:
            raise ValueError("a rest stroke needs 'minutes: <number>', e.g. minutes: 15")
        return self


class StepModel(Strict):
    """One card: what the hands do, which way, for how long, and the strokes of its diagram."""

    id: Id
    hands: Id
    direction: Id
    minutes: Minutes
    diagram: list[StrokeModel] = Field(min_length=1)


class RoutineModel(Strict):
    """The whole routine file."""

    id: Id
    source_language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
    steps: list[StepModel] = Field(min_length=1, max_length=MAX_STEPS)
    types: list[Id] = Field(default_factory=list)
    essential_oils: list[Id] = Field(default_factory=list)
    music: list[str] = Field(default_factory=list)
    required_in_every_language: list[str] = Field(
        default_factory=list,
        description="Text keys (safety.body) or sections (safety) every language must give in its own words: "
        "no English fallback; build and check fail for a language that lacks them",
    )
    logo: str | None = Field(
        default=None,
        description="A PNG or JPEG image for the back of the deck, relative to the content folder, e.g. logo.png",
    )

    @field_validator("types", "essential_oils")
    @classmethod
    def _unique_ids(cls, ids: list[str]) -> list[str]:
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate id {', '.join(dupes)}; list each once")
        return ids
