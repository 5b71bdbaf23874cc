"""Schema of layouts/*.yaml: sizes, margins, colours and type styles. No layout number lives in Python."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator

from ...errors import quote
from ..units import MM
from .common import Allowed, Length, NonNegativeLength, PositiveLength, Strict

Weight = Literal["regular", "bold", "italic", "bold_italic"]


def _cmyk(value: list[float]) -> list[float]:
    if len(value) != 4 or not all(0 <= c <= 100 for c in value):
        raise ValueError(f"expected four CMYK percentages 0–100, e.g. [0, 0, 0, 88]; got {quote(value)}")
    return value


Cmyk = Annotated[list[float], AfterValidator(_cmyk), Allowed("four CMYK percentages 0–100, e.g. [0, 0, 0, 88]")]


class FontFamily(Strict):
    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None
    shaping: bool = Field(
        default=False,
        description="Shape this family's text with harfbuzz (scripts whose marks stack or letters join: Thai, "
        "Arabic). Costs several times the layout time, so only the scripts that need it turn it on.",
    )


def _as_chain(value: object) -> object:
    return [value] if isinstance(value, str) else value


FontChainNames = Annotated[list[str], BeforeValidator(_as_chain)]


class Fonts(Strict):
    dir: str = "../fonts"
    families: dict[str, FontFamily]
    languages: dict[str, FontChainNames] = Field(
        description="Per language code: the families that print it, in order; each character run uses the "
        "first family that has its glyphs. `default` serves languages not listed."
    )

    @field_validator("languages")
    @classmethod
    def _has_default(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if "default" not in value:
            raise ValueError("needs a 'default' entry naming the family used for most languages")
        if any(not chain for chain in value.values()):
            raise ValueError("each language needs at least one family")
        return value


class CardGeometry(Strict):
    size: str
    orientation: Literal["portrait", "landscape"] = "portrait"
    bleed: NonNegativeLength
    safe: NonNegativeLength
    header: NonNegativeLength
    diagram: NonNegativeLength
    footer: NonNegativeLength
    gap: NonNegativeLength
    legend_symbol: NonNegativeLength
    corner_radius: NonNegativeLength = 0.0
    back_pattern: PositiveLength = 9 * MM  # spacing of the rings on the card back
    back_logo: NonNegativeLength = 14 * MM  # height of the content's logo on the card back
    # The card size the regions above were drawn for. On a smaller card the diagram shrinks in proportion and,
    # with overflow auto, text that does not fit continues on the next card ("1/2", "2/2").
    designed_for: str = "b7"
    overflow: Literal["auto", "continue", "error"] = "auto"


class SheetGeometry(Strict):
    paper: str
    orientation: Literal["portrait", "landscape"] = "portrait"
    margin: NonNegativeLength
    gutter: NonNegativeLength = 0.0
    marks: Literal["corners", "lines", "none"] = "corners"
    mark_length: NonNegativeLength
    mark_offset: NonNegativeLength
    mark_width: NonNegativeLength
    mark_min: NonNegativeLength = 1 * MM  # a mark the room shortens below this is left out
    # auto: whichever of gutters (each card its own bleed) and butted (one cut between neighbours, bleed on
    # the block's outside) fits the most cards; ties go to gutters.
    imposition: Literal["auto", "gutters", "butted"] = "auto"
    duplex: Literal["long", "short", "none"] = "long"
    fold: bool = False
    offset_x: Length = 0.0  # where the printer puts backs, corrected: read it off `cardgen calibrate`
    offset_y: Length = 0.0
    seal: NonNegativeLength = 0.0  # sealed laminate border each card needs around its trim (0: not laminating)


class BookletGeometry(Strict):
    page: str
    margin_top: NonNegativeLength
    margin_bottom: NonNegativeLength
    margin_inner: NonNegativeLength
    margin_outer: NonNegativeLength
    folio: NonNegativeLength
    diagram: NonNegativeLength
    paragraph_gap: NonNegativeLength
    legend_symbol: NonNegativeLength
    step_layout: Literal["beside", "stacked"] = Field(
        description="beside: each step's diagram left of its text, so two or three steps share a page; "
        "stacked: the diagram above the text at full width (large print, where a narrow column would hold "
        "only a few words per line)"
    )
    step_diagram: NonNegativeLength = Field(
        description="Width of a step's diagram beside its text (step_layout: beside)"
    )
    column_gap: NonNegativeLength = Field(description="Space between a step's diagram and its text")
    tighten: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="A section that spills onto one more page is tightened first: the space between its "
        "paragraphs may shrink to this share of its size if that saves the page (1: never tighten)",
    )
    tighten_leading: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="When shrinking the space between paragraphs (tighten) is not enough, the line spacing "
        "may shrink to this share of its size too (1: never)",
    )
    cover_diagram: NonNegativeLength = Field(description="Height of the picture panel on the cover")
    notes_line: NonNegativeLength = Field(description="Spacing of the ruled lines on a notes page")
    print_paper: str = Field(description="Sheet the booklet is imposed on, two pages side by side (landscape)")
    print_margin: NonNegativeLength = Field(description="The printer's unprintable edge; fold marks stay inside it")
    fold_mark: NonNegativeLength = Field(description="Length of the fold marks on the spine, top and bottom")
    staple_mark: NonNegativeLength = Field(
        description="Length of the two staple marks on the spine (outside sheet only)"
    )
    mark_width: NonNegativeLength


class OverviewGeometry(Strict):
    """The routine at a glance (a card of the deck, a booklet page): one row per step, then the total."""

    miniature_share: float = Field(
        default=0.2, gt=0, le=0.5, description="Widest share of a row the miniature diagram may take"
    )
    padding: Length = Field(default="0.8mm", validate_default=True, description="Space around each row's contents")
    booklet_height: Length = Field(
        default="150mm", validate_default=True, description="Height of the overview on its booklet page"
    )
    miniature_min: PositiveLength = Field(
        default="12mm",
        validate_default=True,
        description="Smallest height of a step's miniature: a routine with more steps than a card holds at this "
        "height continues on a second overview card (and booklet page)",
    )


class QrGeometry(Strict):
    """QR codes of a language's links (card backs, booklet cover)."""

    size: Length = Field(
        default="20mm", validate_default=True, description="Width of the symbol without its quiet zone"
    )
    min_module: Length = Field(
        default="0.5mm",
        validate_default=True,
        description="Smallest module a phone reads through a laminate; a URL needing smaller ones is an error",
    )


class PrintStandard(Strict):
    """What deck.pdf and deck-sheets.pdf tell a print shop: PDF/X-1a:2003 for its printing condition."""

    output_intent: str = Field(
        default="FOGRA39",
        min_length=1,
        description="The print shop's printing condition: a characterization registered at color.org "
        "(FOGRA39, FOGRA51, GRACoL2013, SWOP2013C3, JC200103, ...), or the name of the profile given by `icc`",
    )
    icc: str | None = Field(
        default=None,
        description="The print shop's CMYK output profile (.icc/.icm), a file in the layouts folder; embedded in "
        "the PDF/X files. Needed when `output_intent` is not a registered condition",
    )


class Style(Strict):
    weight: Weight = "regular"
    size: PositiveLength
    leading: PositiveLength
    color: str = "ink"
    min_size: PositiveLength | None = None  # text may shrink down to this size to fit; never below
    space_before: NonNegativeLength = 0.0
    space_after: NonNegativeLength = 0.0


class Typography(Strict):
    """How one language breaks lines."""

    hyphenation: str | None = Field(
        default=None, description="pyphen dictionary for hyphenating long words at line ends, e.g. de_DE"
    )
    line_break: str | None = Field(
        default=None,
        description="pyphen dictionary whose break points split a phrase longer than a line, without a hyphen "
        "(Thai: th_TH, syllable boundaries); for scripts written without spaces between words",
    )


class Presets(Strict):
    cards: dict[str, str]
    papers: dict[str, str]


class LayoutModel(Strict):
    """A whole layout after `extends:` has been merged."""

    extends: str | None = None
    fonts: Fonts
    colors: dict[str, Cmyk] = Field(description="CMYK percentages, e.g. [0, 0, 0, 88]")
    card: CardGeometry
    sheet: SheetGeometry
    booklet: BookletGeometry
    overview: OverviewGeometry = Field(default_factory=OverviewGeometry)
    qr: QrGeometry = Field(default_factory=QrGeometry)
    pdfx: PrintStandard = Field(default_factory=PrintStandard)
    styles: dict[str, Style]
    typography: dict[str, Typography] = Field(default_factory=dict, description="Line breaking per language code")
