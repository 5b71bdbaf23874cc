"""Schema of content/routine.yaml: the language-neutral structure of a routine (ids, order, strokes, timings)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PositiveFloat, PositiveInt, StringConstraints, field_validator, model_validator

from ...diagrams.vocabulary import PATH_KINDS, Pressure, Side, StrokeKind, Turn
from .common import Allowed, Id, Strict

#: A landmark of the step's view, by name; which names exist is checked against the view when it is loaded.
Landmark = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
#: A body view: shipped (cardgen views lists them) or the routine's own content/views/NAME.svg.
ViewName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
#: Documented limits (README "Limits and safety"): past them the cards cannot show a routine, and a number such
#: as 10**30 minutes would otherwise surface as a text that does not fit, far from the line to change.
MAX_MINUTES = 180
MAX_STEPS = 60
#: Minutes in halves: 3, 1.5 or 0.5 (YAML reads 3 as a whole number and 1.5 as a number: both are taken).
Minutes = Annotated[
    float,
    Field(gt=0, le=MAX_MINUTES, multiple_of=0.5),
    Allowed(f"a number of minutes in halves, more than 0 and at most {MAX_MINUTES}, such as 3, 1.5 or 0.5"),
]


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


class RepeatModel(Strict):
    """Earlier steps done again, on the other side (the other foot, hand, shoulder): by list or by range."""

    steps: list[Id] | None = Field(
        default=None, description="The ids of the earlier steps to repeat, in order, e.g. [heel_press, arch_glide]"
    )
    first: Id | None = Field(default=None, description="The first earlier step of a range to repeat (with last)")
    last: Id | None = Field(default=None, description="The last earlier step of a range to repeat (with first)")
    side: Id = Field(
        default="other",
        description="Which side; the card's sentence is the text ui.repeat.<side>, e.g. "
        "'Repeat steps {{ steps }} on the other foot.'",
    )

    @model_validator(mode="after")
    def _one_way(self) -> RepeatModel:
        ranged = self.first is not None or self.last is not None
        if self.steps is not None and ranged:
            raise ValueError("give either steps: [ids] or first: and last:, not both")
        if self.steps is None and not (self.first is not None and self.last is not None):
            raise ValueError("name the steps to repeat: steps: [id, id] or first: <step id> and last: <step id>")
        if self.steps is not None and not self.steps:
            raise ValueError("steps: needs at least one earlier step id")
        return self


class CoverModel(Strict):
    """What the booklet's cover shows: one step's diagram, or a body view with no strokes."""

    step: Id | None = Field(default=None, description="The id of the step whose diagram is on the cover")
    view: Id | None = Field(default=None, description="A body view drawn bare on the cover, e.g. back")

    @model_validator(mode="after")
    def _one(self) -> CoverModel:
        if (self.step is None) == (self.view is None):
            raise ValueError("give one of step: <step id> or view: <view name>")
        return self


class StepModel(Strict):
    """One card: what the hands do, which way, for how long, and the strokes of its diagram.

    A step without a diagram is a text card; a step with `repeat` does earlier steps again on the other side."""

    id: Id
    hands: Id | None = Field(default=None, description="The hands id (text ui.hands.<id>); none: no hands line")
    direction: Id | None = Field(default=None, description="The direction id (text ui.direction.<id>)")
    minutes: Minutes | None = Field(
        default=None, description="Time in minutes, in halves: 3, 1.5, 0.5 (or give seconds instead)"
    )
    seconds: PositiveInt | None = Field(default=None, description="Time in seconds, e.g. 30 (instead of minutes)")
    diagram: list[StrokeModel] = Field(
        default_factory=list, description="The strokes of the step's diagram; none: a text card without a figure"
    )
    view: ViewName | None = Field(
        default=None, description="The body view of this step's diagram (default: the routine's)"
    )
    repeat: RepeatModel | None = Field(
        default=None, description="Repeat earlier steps on the other side; its time is theirs unless given"
    )

    @model_validator(mode="after")
    def _time(self) -> StepModel:
        if self.minutes is not None and self.seconds is not None:
            raise ValueError("give minutes or seconds, not both")
        if self.minutes is None and self.seconds is None and self.repeat is None:
            raise ValueError("a step needs minutes: (3, 1.5) or seconds: (30)")
        return self

    @property
    def time_seconds(self) -> int | None:
        """The step's own time in seconds, or None (a repeat step without a time takes its steps' time)."""
        if self.seconds is not None:
            return self.seconds
        return None if self.minutes is None else round(self.minutes * 60)


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
    cover: CoverModel | None = Field(
        default=None,
        description="The booklet cover's picture: {step: ID} or {view: NAME}; default the first step's diagram",
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
