"""The stroke vocabulary content may use: kinds, sides, turns, pressures, and one declared stroke (`Stroke`).

Content never carries coordinates: a stroke names landmarks of its step's body view (see `views`) and a side.
This module is the single list of the words; the schema validates against it and `strokes` resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from .views import View

StrokeKind = Literal[
    "glide", "circle", "loops", "thumb_walk", "wave", "knead", "tap", "friction", "stretch", "press", "hold", "rest"
]
Side = Literal["left", "right", "both", "centre"]
#: As seen on the page. With side "both" the left side turns as declared; the right side turns the opposite way
#: (`mirror`, the default: two hands circling symmetrically) or the same way (`mirror: false`).
Turn = Literal["clockwise", "counterclockwise"]
Pressure = Literal["light", "firm"]

#: Kinds that travel along a `path` of landmarks.
PATH_KINDS: tuple[str, ...] = ("glide", "loops", "thumb_walk", "wave", "knead", "tap", "friction", "stretch")
#: Kinds that stay on one landmark, named by `at`.
POINT_KINDS: tuple[str, ...] = ("press", "hold")

STROKE_KINDS: tuple[str, ...] = get_args(StrokeKind)
SIDES: tuple[str, ...] = get_args(Side)
TURNS: tuple[str, ...] = get_args(Turn)
PRESSURES: tuple[str, ...] = get_args(Pressure)


@dataclass(frozen=True, slots=True)
class Stroke:
    """One movement of a step, as the content declares it (validated, language-neutral), on its step's view.

    `view` is None only for strokes built outside a routine (tests, the legend): they are drawn on the back."""

    kind: StrokeKind
    side: Side = "both"
    path: tuple[str, ...] = ()
    around: str | None = None
    turn: Turn = "clockwise"
    pressure: Pressure = "light"
    order: int = 1
    repeat: int | None = None
    minutes: int | None = None
    at: str | None = None
    hold: float | None = None  # seconds a press is held
    mirror: bool = True  # side both circles: the right side turns the opposite way (True) or the same (False)
    view: View | None = None
