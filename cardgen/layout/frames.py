"""The items a page is made of, positioned in points with the origin at the page's bottom-left.

A Frame is one finished page (a card with its bleed, or a booklet page). Every exporter consumes frames: the
one-card-per-page deck, the imposed sheets and the booklet, so a card is laid out once and drawn wherever.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagrams.views import View
from ..diagrams.vocabulary import Stroke


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Box:
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def contains(self, other: Box, tol: float = 0.01) -> bool:
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.right <= self.right + tol
            and other.top <= self.top + tol
        )


@dataclass(frozen=True, slots=True)
class Tag:
    """What an item is to a reader: its structure role, the elements it sits in, its alternative text.

    Roles are the standard structure types (ISO 32000-1, 14.8.4): H1, H2, P, LBody, Figure, TD, TH, Link, ...,
    or "Artifact" for page furniture (folios, bands, rules, marks) that a screen reader skips. `parents` are
    the enclosing elements, outermost first, each (role, id): items sharing an id share that element, so the
    three cells of a table row name the same ("TR", "overview.3"). Items with the same `key` are one element
    (a paragraph split over two pages, a contents entry's title and page number). `alt` is a Figure's
    alternative text; `link` the 1-based page a Link goes to.
    """

    role: str
    parents: tuple[tuple[str, str], ...] = ()
    alt: str | None = None
    key: str | None = None
    link: int | None = None
    scope: str | None = None  # a TH's /Scope: Row or Column


ARTIFACT = Tag("Artifact")


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled or stroked rectangle (backgrounds, colour bands, rules)."""

    box: Box
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.5
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    color: str = "faint"
    width: float = 0.5


@dataclass(frozen=True, slots=True)
class Text:
    """A measured paragraph: `para` is a reportlab Paragraph already wrapped to box.w; box.h is its height."""

    box: Box
    para: Any
    text: str
    style: str
    room: float | None = None  # the height it had to fit in (fitted text only), for the fit report
    region: str | None = None  # what the fit report calls it when the style name is not enough (a tile's step)
    tag: Tag | None = None  # None: a paragraph (P); see Tag


@dataclass(frozen=True, slots=True)
class Diagram:
    """A step's strokes on the silhouette, or (with `legend` set) one legend symbol by its key.

    `label_style` names the style of the numbers drawn in the diagram, so a large-print booklet can print them
    bigger than a card does."""

    box: Box
    strokes: tuple[Stroke, ...] = ()
    legend: str | None = None
    label_style: str = "diagram_label"
    bounds: tuple[float, float, float, float] | None = None  # a crop of the drawing's own bounds (miniatures)
    labels: bool = True  # False: leave out order numbers and repeat counts (unreadable on a miniature)
    tag: Tag | None = None  # None: an artifact; a Figure tag carries the alternative text
    view: View | None = None  # with no strokes: the body view drawn bare (default: the back)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A vector pattern of stroked circles (centre x, y and radius, relative to `box`), clipped to `box`.

    `name` identifies it: a renderer draws a pattern once as a form XObject and places that form wherever the
    same name appears again, so forty card backs cost one pattern in the file.
    """

    box: Box
    name: str
    circles: tuple[tuple[float, float, float], ...]
    color: str = "tint"
    width: float = 0.6


@dataclass(frozen=True, slots=True)
class Picture:
    """A raster image file (the content's logo), scaled to fit `box` keeping its proportions, centred."""

    box: Box
    path: Path


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code: `box` includes the light quiet zone of `quiet` modules around the symbol's `modules` rows."""

    box: Box
    modules: tuple[tuple[bool, ...], ...]
    quiet: int
    data: str
    tag: Tag | None = None  # None: an artifact


Item = Fill | Rule | Text | Diagram | Pattern | Picture | QrCode


@dataclass(frozen=True, slots=True)
class Bookmark:
    """An outline entry below the top level (a booklet's steps under their section); a plain str is level 0."""

    title: str
    level: int = 0


@dataclass
class Frame:
    """One finished page: its full size (with bleed), its trim box, and what is drawn on it."""

    width: float
    height: float
    trim: Box
    items: list[Item] = field(default_factory=list)
    kind: str = "card"
    label: str = ""
    bookmarks: list[str | Bookmark] = field(default_factory=list)
    measures: list[tuple[str, float, float]] = field(default_factory=list)  # (region, used, room) for fit reports

    @property
    def bleed(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)
