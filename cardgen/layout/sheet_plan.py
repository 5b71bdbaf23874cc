"""Place the deck's cards on printer sheets (N-up, centred) with crop marks outside every bleed."""

from __future__ import annotations

from ..load import Project
from ..render.sheets import Placement, SheetSpec
from .frames import Frame


def plan_deck_sheets(project: Project, cards: list[Frame]) -> tuple[list[list[tuple[Frame, Placement]]], SheetSpec]:
    spec = project.layout.spec
    geo = project.layout.geometry
    bleed, gutter, margin = spec.card.bleed, spec.sheet.gutter, spec.sheet.margin
    reach = spec.sheet.mark_offset + spec.sheet.mark_length  # marks' extent beyond the trim
    outer = max(reach, bleed) + margin
    pitch_x = geo.card_w + 2 * bleed + gutter
    pitch_y = geo.card_h + 2 * bleed + gutter
    cols = max(1, int((geo.paper_w - 2 * outer + 2 * bleed + gutter) // pitch_x))
    rows = max(1, int((geo.paper_h - 2 * outer + 2 * bleed + gutter) // pitch_y))
    grid_w = cols * geo.card_w + (cols - 1) * (2 * bleed + gutter)
    grid_h = rows * geo.card_h + (rows - 1) * (2 * bleed + gutter)
    x0 = (geo.paper_w - grid_w) / 2
    y0 = (geo.paper_h - grid_h) / 2
    slots = [Placement(x0 + c * pitch_x, y0 + (rows - 1 - r) * pitch_y) for r in range(rows) for c in range(cols)]
    marks = []
    off, length = spec.sheet.mark_offset, spec.sheet.mark_length
    xs = sorted({x for s in slots for x in (s.x, s.x + geo.card_w)})
    ys = sorted({y for s in slots for y in (s.y, s.y + geo.card_h)})
    for x in xs:
        marks += [
            ((x, y0 - off - length), (x, y0 - off)),
            ((x, y0 + grid_h + off), (x, y0 + grid_h + off + length)),
        ]
    for y in ys:
        marks += [
            ((x0 - off - length, y), (x0 - off, y)),
            ((x0 + grid_w + off, y), (x0 + grid_w + off + length, y)),
        ]
    sheets = [list(zip(cards[i : i + len(slots)], slots, strict=False)) for i in range(0, len(cards), len(slots))]
    return sheets, SheetSpec(geo.paper_w, geo.paper_h, slots, marks, spec.sheet.mark_width)
