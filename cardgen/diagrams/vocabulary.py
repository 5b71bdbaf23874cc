"""The stroke vocabulary content may use, and the landmarks strokes may name.

Content never carries coordinates: a stroke names landmarks of the back silhouette and a side. This module is
the single list of those names; the schema validates against it and the geometry resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

StrokeKind = Literal["glide", "circle", "loops", "thumb_walk", "wave", "knead", "rest"]
Side = Literal["left", "right", "both", "centre"]
#: As seen on the page (face down, head at the top). With side "both" the left side turns as declared and the
#: right side is its mirror image, as two hands circling symmetrically do.
Turn = Literal["clockwise", "counterclockwise"]
Pressure = Literal["light", "firm"]

#: Landmarks on the spine's midline. With side left/right/both they are offset beside the spine.
CENTRE_LANDMARKS: tuple[str, ...] = ("neck", "spine_top", "spine_mid", "spine_low", "sacrum")
#: Landmarks that exist once per side of the body; the stroke's side chooses which.
PAIRED_LANDMARKS: tuple[str, ...] = ("shoulder_edge", "shoulder_blade", "waist", "flank", "buttock")
LANDMARKS: tuple[str, ...] = CENTRE_LANDMARKS + PAIRED_LANDMARKS

STROKE_KINDS: tuple[str, ...] = get_args(StrokeKind)
SIDES: tuple[str, ...] = get_args(Side)
TURNS: tuple[str, ...] = get_args(Turn)
PRESSURES: tuple[str, ...] = get_args(Pressure)


@dataclass(frozen=True, slots=True)
class Stroke:
    """One movement of a step, as the content declares it (validated, language-neutral)."""

    kind: StrokeKind
    side: Side = "both"
    path: tuple[str, ...] = ()
    around: str | None = None
    turn: Turn = "clockwise"
    pressure: Pressure = "light"
    order: int = 1
    repeat: int | None = None
    minutes: int | None = None
