"""Layouts that cannot work, found at load time: each is an error naming the layout key, not a broken PDF.

The schema checks each value on its own (a length has a unit, a size is not negative); these checks look at
values together: a card that does not fit the paper, a safe margin that leaves no room, regions taller than
the card, a style whose leading is smaller than its size or whose colour is not defined. They run on the
merged layout, so a user's layout that only changes one value is checked against everything it inherits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .card_size import continues, scaled_diagram
from .limits import MAX_OFFSET_MM
from .model import Geometry
from .schema.layout import LayoutModel
from .units import to_mm

Key = tuple[str, ...]

#: A text column narrower than this many em of its body style cannot hold a line of words.
MIN_LINE_EMS = 8
#: Smallest diagram area and legend symbol that can still be read at arm's length.
MIN_DIAGRAM_PT = 10 * 72 / 25.4
MIN_SYMBOL_PT = 3 * 72 / 25.4
#: PDF viewers refuse pages with a side over 14,400 pt (200 in); smaller than 1 pt is not a page.
MAX_PAGE_PT = 14_400.0


@dataclass(frozen=True)
class Finding:
    """One impossible value: `keys` are the layout keys involved, most likely culprit first.

    The loader reports it at whichever of the keys the user's own file sets (see load.LayoutSource.blame).
    """

    keys: tuple[Key, ...]
    message: str


#: The largest back offset, in points, in a layout as on the command line (--offset-x, --offset-y).
MAX_OFFSET = MAX_OFFSET_MM * 72 / 25.4


def mm(points: float) -> str:
    return f"{to_mm(points):.1f} mm"


def check_layout(
    spec: LayoutModel, geo: Geometry, required_styles: Iterable[str] = (), required_colors: Iterable[str] = ()
) -> list[Finding]:
    """Every reason this layout cannot produce a deck and booklet; empty when it can."""
    found: list[Finding] = []
    found += _names(spec, required_styles, required_colors)
    found += _styles(spec)
    found += _sizes(geo)
    if any(f.keys[0][-1] in ("size", "paper", "page") for f in found):
        return found  # the arithmetic below needs real sizes
    found += _pictures(spec)
    found += _card(spec, geo)
    found += _booklet(spec, geo)
    found += _sheet(spec, geo)
    return found


def _names(spec: LayoutModel, styles: Iterable[str], colors: Iterable[str]) -> list[Finding]:
    found = []
    missing_styles = sorted(set(styles) - set(spec.styles))
    if missing_styles:
        found.append(
            Finding(
                (("styles",),),
                f"missing style{'s' if len(missing_styles) > 1 else ''} {', '.join(missing_styles)}; "
                "every style of the built-in layout is needed (or say `extends: default`)",
            )
        )
    missing_colors = sorted(set(colors) - set(spec.colors))
    if missing_colors:
        found.append(
            Finding(
                (("colors",),),
                f"missing colour{'s' if len(missing_colors) > 1 else ''} {', '.join(missing_colors)}; "
                "every colour of the built-in layout is needed (or say `extends: default`)",
            )
        )
    return found


def _styles(spec: LayoutModel) -> list[Finding]:
    found = []
    defined = ", ".join(spec.colors)
    for name, style in spec.styles.items():
        at: Key = ("styles", name)
        if style.color not in spec.colors:
            found.append(Finding(((*at, "color"),), f"unknown colour {style.color!r}; defined colours: {defined}"))
        if style.leading < style.size:
            found.append(
                Finding(
                    ((*at, "leading"), (*at, "size")),
                    f"leading {style.leading:g}pt is smaller than the size {style.size:g}pt, so lines would overlap; "
                    f"allowed: {style.size:g}pt or more (about 1.2 × size is usual)",
                )
            )
        if style.min_size is not None and style.min_size > style.size:
            found.append(
                Finding(
                    ((*at, "min_size"), (*at, "size")),
                    f"min_size {style.min_size:g}pt is larger than the size {style.size:g}pt; "
                    f"allowed: at most {style.size:g}pt (text only ever shrinks to fit)",
                )
            )
    return found


def _sizes(geo: Geometry) -> list[Finding]:
    found = []
    for key, w, h in (
        (("card", "size"), geo.card_w, geo.card_h),
        (("sheet", "paper"), geo.paper_w, geo.paper_h),
        (("booklet", "page"), geo.page_w, geo.page_h),
    ):
        if min(w, h) < 1 or max(w, h) > MAX_PAGE_PT:
            found.append(
                Finding(
                    (key,),
                    f"{mm(w)} × {mm(h)} cannot be a page; allowed: sides from 1 pt to {mm(MAX_PAGE_PT)} "
                    "(the PDF limit), e.g. 63x88mm or a preset",
                )
            )
    return found


def _pictures(spec: LayoutModel) -> list[Finding]:
    """Diagrams and legend symbols are drawn scaled to their box; too small a box is illegible (and at 0 the
    drawing's dash patterns degenerate)."""
    found = []
    for key, minimum in (
        (("card", "diagram"), MIN_DIAGRAM_PT),
        (("booklet", "diagram"), MIN_DIAGRAM_PT),
        (("booklet", "cover_diagram"), MIN_DIAGRAM_PT),
        (("booklet", "step_diagram"), MIN_DIAGRAM_PT),
        (("card", "legend_symbol"), MIN_SYMBOL_PT),
        (("booklet", "legend_symbol"), MIN_SYMBOL_PT),
        (("booklet", "notes_line"), MIN_SYMBOL_PT),  # ruled lines closer than this are no use, and many
    ):
        section = getattr(spec, key[0])
        value = getattr(section, key[1], None)
        if value is not None and value < minimum:
            message = f"{key[1]} {mm(value)} is too small to be legible; allowed: at least {mm(minimum)}"
            found.append(Finding((key,), message))
    return found


def _card(spec: LayoutModel, geo: Geometry) -> list[Finding]:
    """The card's regions, from the top: header band, diagram, instruction, footer (see layout/cards.py)."""
    card = spec.card
    styles = spec.styles
    found = []
    short = min(geo.card_w, geo.card_h)
    if card.bleed * 2 >= short:
        found.append(
            Finding(
                (("card", "bleed"), ("card", "size")),  # the size when it is what the user changed (--card)
                f"bleed {mm(card.bleed)} on each side is more than half the card's shorter side ({mm(short)}); "
                f"allowed: less than {mm(short / 2)} — 3 mm is usual",
            )
        )
    if card.corner_radius * 2 > short:
        found.append(
            Finding(
                (("card", "corner_radius"), ("card", "size")),
                f"corner_radius {mm(card.corner_radius)} is more than half the card; allowed: at most {mm(short / 2)}",
            )
        )
    body = styles.get("card_body")
    if body is None:
        return found
    inner_w = geo.card_w - 2 * card.safe
    need_w = MIN_LINE_EMS * (body.min_size or body.size)
    if inner_w < need_w:
        found.append(
            Finding(
                (("card", "safe"), ("card", "size")),
                f"a safe margin of {mm(card.safe)} on each side leaves {mm(inner_w)} of width in a {mm(geo.card_w)} "
                f"card; allowed: at most {mm(max(0.0, (geo.card_w - need_w) / 2))}, so a line of text fits",
            )
        )
        return found
    if not {"card_step", "card_title", "card_meta"} <= set(styles):
        return found
    step, title, meta = styles["card_step"], styles["card_title"], styles["card_meta"]
    header_need = (
        card.safe + step.leading + (title.min_size or title.size) / title.size * title.leading + card.gap * 0.6
    )
    if card.header < header_need:
        found.append(
            Finding(
                (("card", "header"), ("card", "safe")),
                f"header {mm(card.header)} has no room for the step line and one title line below the safe margin; "
                f"allowed: at least {mm(header_need)} with these styles",
            )
        )
    footer_need = (meta.min_size or meta.size) / meta.size * meta.leading + 1.5
    if card.footer < footer_need:
        found.append(
            Finding(
                (("card", "footer"),),
                f"footer {mm(card.footer)} cannot hold one line of card_meta; allowed: at least {mm(footer_need)}",
            )
        )
    line = (body.min_size or body.size) / body.size * body.leading
    diagram = scaled_diagram(card, geo)  # on a card smaller than designed_for the diagram shrinks
    if continues(card, geo):  # the instruction may move to a card of its own, without the diagram
        diagram, gaps = 0.0, 2
    else:
        gaps = 3
    used = card.header + diagram + card.footer + gaps * card.gap + card.safe
    if geo.card_h - used < line:
        found.append(
            Finding(
                (("card", "diagram"), ("card", "header"), ("card", "footer"), ("card", "gap"), ("card", "safe")),
                f"header + diagram + footer + {gaps} × gap + safe come to {mm(used)} of a {mm(geo.card_h)} card, "
                f"leaving no room for the instruction; allowed: at most {mm(geo.card_h - line)} together",
            )
        )
    return found


def _booklet(spec: LayoutModel, geo: Geometry) -> list[Finding]:
    book = spec.booklet
    styles = spec.styles
    found = []
    width = geo.page_w - book.margin_inner - book.margin_outer
    height = geo.page_h - book.margin_top - book.margin_bottom
    body = styles.get("booklet_body")
    need_w = MIN_LINE_EMS * body.size if body else 0.0
    if width < need_w:
        found.append(
            Finding(
                (("booklet", "margin_inner"), ("booklet", "margin_outer"), ("booklet", "page")),
                f"margin_inner + margin_outer leave {mm(width)} of text width on a {mm(geo.page_w)} page; "
                f"allowed: at least {mm(need_w)} of width, so a line of text fits",
            )
        )
    step_parts = ("booklet_h2", "booklet_body", "booklet_meta")
    if all(name in styles for name in step_parts):
        # A step (title, diagram, first line, meta line) is kept on one page by the paginator.
        need_h = book.diagram + sum(styles[n].leading for n in step_parts) + 3 * book.paragraph_gap
        if height < need_h:
            found.append(
                Finding(
                    (
                        ("booklet", "diagram"),
                        ("booklet", "margin_top"),
                        ("booklet", "margin_bottom"),
                        ("booklet", "page"),
                    ),
                    f"the text area is {mm(height)} tall but a step with its {mm(book.diagram)} diagram needs "
                    f"{mm(need_h)}; allowed: a diagram of at most {mm(max(0.0, book.diagram - need_h + height))}, "
                    "or smaller margins",
                )
            )
    if book.folio >= book.margin_bottom:
        found.append(
            Finding(
                (("booklet", "folio"), ("booklet", "margin_bottom")),
                f"folio {mm(book.folio)} puts the page number inside the text area (margin_bottom is "
                f"{mm(book.margin_bottom)}); allowed: less than margin_bottom",
            )
        )
    return found


def _sheet(spec: LayoutModel, geo: Geometry) -> list[Finding]:
    """The card with its bleed must fit the paper's printable area, upright or turned.

    Only the loosest condition is checked here: the imposition planner (layout/sheet_plan.py) tries
    gutters, butted cuts, rotation and marks, and reports any finer misfit itself.
    """
    sheet, card = spec.sheet, spec.card
    for axis in ("offset_x", "offset_y"):  # as --offset-x allows: a larger shift prints the backs off the cards
        if abs(getattr(sheet, axis)) > MAX_OFFSET:
            return [
                Finding(
                    (("sheet", axis),),
                    f"{axis} {mm(getattr(sheet, axis))} is not a printer's offset; allowed: -{mm(MAX_OFFSET)} to "
                    f"{mm(MAX_OFFSET)} (printers are 0.5-3 mm off: read yours off `cardgen calibrate`)",
                )
            ]
    room_w, room_h = geo.paper_w - 2 * sheet.margin, geo.paper_h - 2 * sheet.margin
    if room_w <= 0 or room_h <= 0:
        return [
            Finding(
                (("sheet", "margin"),),
                f"a margin of {mm(sheet.margin)} leaves no printable area on {mm(geo.paper_w)} × {mm(geo.paper_h)} "
                f"paper; allowed: less than {mm(min(geo.paper_w, geo.paper_h) / 2)}",
            )
        ]
    w, h = geo.card_w + 2 * card.bleed, geo.card_h + 2 * card.bleed
    if (w > room_w or h > room_h) and (h > room_w or w > room_h):
        return [
            Finding(
                (("card", "size"), ("sheet", "paper"), ("sheet", "margin"), ("card", "bleed")),
                f"the card with its bleed ({mm(w)} × {mm(h)}) is larger than the printable area of the paper "
                f"({mm(room_w)} × {mm(room_h)}), even turned; allowed: a smaller card.size or a larger sheet.paper",
            )
        ]
    return []
