"""Schema of content/routine.yaml: the language-neutral structure of a routine (ids, order, strokes, timings)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PositiveFloat, PositiveInt, StringConstraints, field_validator, model_validator

from ...diagrams.vocabulary import PATH_KINDS, Pressure, Side, StrokeKind, Turn
from .common import Id, Strict

#: A landmark of the step's view, by name; which names exist is checked against the view when it is loaded.
Landmark = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
#: A body view: shipped (cardgen views lists them) or the routine's own content/views/NAME.svg.
ViewName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
#: Documented limits (README "Limits and safety"): past them the cards cannot show a routine, and a number such
#: as 10**30 minutes would otherwise surface as a text that does not fit, far from the line to change.
MAX_MINUTES = 180
MAX_STEPS = 60
Minutes = Annotated[int, Field(gt=0, le=MAX_MINUTES)]


class StrokeModel(Strict):
    """One movement drawn on the step's body view; landmarks by name, never coordinates."""

    kind: StrokeKind
    side: Side = "both"
    path: list[Landmark] = Field(default_factory=list)
    around: Landmark | None = None
    at: Landmark | None = Field(default=None, description="The landmark a press or hold stays on")
    hold: PositiveFloat | None = Field(default=None, description="Seconds a press is held, e.g. 5")
    turn: Turn = "clockwise"
    mirror: bool = Field(
        default=True,
        description="Circles with side both: true, the right side turns the opposite way (two hands circling "
        "symmetrically); false, both sides turn as declared",
    )
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
        if self.kind in ("press", "hold") and self.at is None:
            raise ValueError(f"a {self.kind} stroke needs 'at: <landmark>', e.g. at: heel")
        if self.kind == "press" and self.hold is None:
            raise ValueError("a press stroke needs 'hold: <seconds>', e.g. hold: 5")
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
    view: ViewName | None = Field(
        default=None, description="The body view of this step's diagram (default: the routine's)"
    )


class RoutineModel(Strict):
    """The whole routine file."""

    id: Id
    source_language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
    steps: list[StepModel] = Field(min_length=1, max_length=MAX_STEPS)
    view: ViewName = Field(
        default="back", description="The body view every step is drawn on unless it names its own (cardgen views)"
    )
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
