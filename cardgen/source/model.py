"""The validated model handed down the pipeline: frozen, language-neutral structure plus resolved geometry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagrams.views import View
from ..diagrams.vocabulary import Stroke
from .schema.layout import LayoutModel


@dataclass(frozen=True, slots=True)
class Repeat:
    """A step that does earlier steps again on another side: their ids and numbers, and the side's text id."""

    steps: tuple[str, ...]
    numbers: tuple[int, ...]
    side: str  # the card's sentence is the text ui.repeat.<side>


@dataclass(frozen=True, slots=True)
class Step:
    """One card of the routine: ids only; its words come from the language's text.

    No strokes: a text card (no figure). `seconds` is the step's time; a repeat step's is its steps' unless given.
    `seconds_given`: the time was written in seconds (printed "30 s"), not in minutes (printed "1½ min")."""

    id: str
    number: int
    hands: str | None
    direction: str | None
    seconds: int
    strokes: tuple[Stroke, ...]
    seconds_given: bool = False
    repeat: Repeat | None = None

    @property
    def minutes(self) -> float:
        return self.seconds / 60


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    source_language: str
    steps: tuple[Step, ...]
    types: tuple[str, ...]
    essential_oils: tuple[str, ...]
    music: tuple[str, ...]
    required: tuple[str, ...] = ()  # text keys or sections every language must translate (see required.py)
    logo: Path | None = None  # resolved inside the content folder and checked to be a PNG or JPEG (images.py)
    cover_step: str | None = None  # the step whose diagram the booklet's cover shows (default: the first drawn)
    cover_view: View | None = None  # or a body view drawn bare

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)


@dataclass(frozen=True, slots=True)
class Geometry:
    """Sizes resolved from presets and orientation, in points."""

    card_w: float
    card_h: float
    paper_w: float
    paper_h: float
    page_w: float
    page_h: float
    #: the sheet a booklet is imposed on, landscape
    print_w: float = 0.0
    print_h: float = 0.0
    design_w: float = 0.0  # the size card.designed_for names (portrait); 0 when unknown
    design_h: float = 0.0


@dataclass(frozen=True, slots=True)
class Layout:
    spec: LayoutModel
    geometry: Geometry
    fonts_dir: Path
    source_files: tuple[Path, ...]
    output_profile: bytes | None = None  # pdfx.icc read and checked: the print shop's CMYK profile
