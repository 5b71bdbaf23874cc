"""Lay out the take-home booklet: a cover, then the sections flowing over A5 pages with page numbers.

The booklet tells the same routine as the cards (same numbers, same diagrams) in a client's reading order:
why, what kinds exist, how to prepare, the steps, a partner variant, aftercare and safety.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import FitError
from ..i18n import Texts
from ..load import Project
from ..markup import paragraphs
from ..styles import StyleSheet
from ..units import to_mm
from .flow import Block, Composite, Figure, Group, PageBreak, Para, paginate
from .frames import Box, Diagram, Frame, Rule
from .legend import legend_rows
from .text import place


@dataclass(frozen=True)
class Personal:
    """What may be printed on the cover for one client; never stored anywhere but the PDF."""

    client: str | None = None
    practitioner: str | None = None
    contact: str | None = None
    date: str | None = None


def _section(texts: Texts, key: str, *, bookmark: bool = True) -> list[Block]:
    heading = texts.get(f"{key}.heading")
    blocks: list[Block] = [Para(heading, "booklet_h1", heading if bookmark else None, keep_with_next=True)]
    blocks += [Para(p, "booklet_body") for p in paragraphs(texts.get(f"{key}.body"))]
    return blocks


def body_blocks(project: Project, texts: Texts, styles: StyleSheet, width: float) -> list[Block]:
    """Every section after the cover, in reading order."""
    routine = project.routine
    blocks: list[Block] = _section(texts, "purpose")
    heading = texts.get("benefits.heading")
    blocks.append(Para(heading, "booklet_h1", heading, keep_with_next=True))
    blocks += [
        Para(texts.get(f"benefits.items.{key}"), "booklet_body", bullet=True)
        for key in project.source_text.benefits.items
    ]
    heading = texts.get("types.heading")
    blocks.append(Para(heading, "booklet_h1", heading, keep_with_next=True))
    for type_id in routine.types:
        blocks.append(Para(texts.get(f"types.items.{type_id}.name"), "booklet_h2", keep_with_next=True))
        blocks += [Para(p, "booklet_body") for p in paragraphs(texts.get(f"types.items.{type_id}.body"))]

    prep, amb = texts.get("preparation.heading"), texts.get("ambience.heading")
    oils = ", ".join(texts.get(f"preparation.essential_oils.{oil}") for oil in routine.essential_oils)
    blocks += [
        PageBreak(),
        Para(f"{prep} · {amb}", "booklet_h1", f"{prep} · {amb}", keep_with_next=True),
        Para(prep, "booklet_h2", keep_with_next=True),
        Para(texts.get("preparation.skin"), "booklet_body"),
        Para(
            f"{texts.get('preparation.oil')} {texts.get('preparation.essential_oils_intro')} {oils}.",
            "booklet_body",
        ),
        Para(amb, "booklet_h2", keep_with_next=True),
        Para(f"{texts.get('ambience.calm')} {texts.get('ambience.light')}", "booklet_body"),
        Para(f"{texts.get('ambience.music_intro')} {', '.join(routine.music)}.", "booklet_body"),
        Para(texts.get("ambience.candles"), "booklet_body"),
        PageBreak(),
    ]
    heading = texts.get("ui.steps_heading")
    blocks.append(Para(heading, "booklet_h1", heading, keep_with_next=True))
    blocks.append(Para(texts.get("ui.legend_heading"), "booklet_h2", keep_with_next=True))
    blocks.append(Para(texts.get("ui.legend_orientation"), "booklet_body"))
    rows, bottom = legend_rows(texts, styles, 0.0, 0.0, width, project.layout.spec.booklet.legend_symbol)
    blocks.append(Composite(rows, -bottom))
    height = project.layout.spec.booklet.diagram
    total = len(routine.steps)
    for step in routine.steps:
        title = f"{step.number}. {texts.get(f'steps.{step.id}.title')}"
        meta = (
            f"{texts.get('ui.step_of', n=step.number, total=total)} · "
            f"{texts.get('ui.minutes', minutes=step.minutes)} · "
            f"{texts.get(f'ui.hands.{step.hands}')} · {texts.get(f'ui.direction.{step.direction}')}"
        )
        blocks.append(
            Group(
                [
                    Para(title, "booklet_h2"),
                    Figure(step.strokes, height),
                    Para(texts.get(f"steps.{step.id}.instruction"), "booklet_body"),
                    Para(meta, "booklet_meta"),
                ],
                bookmark=title,
            )
        )
    blocks += [
        PageBreak(),
        *_section(texts, "partner"),
        *_section(texts, "aftercare"),
        *_section(texts, "safety"),
    ]
    blocks.append(Para(texts.get("ui.general_guidance"), "booklet_meta"))
    return blocks


def cover(project: Project, texts: Texts, styles: StyleSheet, personal: Personal) -> Frame:
    spec = project.layout.spec.booklet
    geo = project.layout.geometry
    frame = Frame(geo.page_w, geo.page_h, Box(0, 0, geo.page_w, geo.page_h), kind="cover", label="cover")
    x, width = spec.margin_outer, geo.page_w - spec.margin_inner - spec.margin_outer
    top = geo.page_h - spec.margin_top
    title = place(texts.get("meta.booklet_title"), styles["booklet_cover_title"], "booklet_cover_title", x, top, width)
    sub = place(
        texts.get("meta.subtitle"),
        styles["booklet_cover_sub"],
        "booklet_cover_sub",
        x,
        title.box.y - spec.paragraph_gap * 2,
        width,
    )
    frame.items += [title, sub]
    figure_top = sub.box.y - spec.paragraph_gap * 4
    figure_h = min(spec.diagram * 1.6, figure_top - spec.margin_bottom - 40 * 2)
    if figure_h < spec.diagram / 2:  # a long title would leave a tiny (or negative) picture
        raise FitError(
            f"booklet cover [{texts.lang}]: the title and subtitle leave {to_mm(max(figure_h, 0.0)):.1f} mm for the "
            f"cover picture; shorten them so at least {to_mm(spec.diagram / 2):.1f} mm remains",
            key="meta.booklet_title",
            lang=texts.lang,
        )
    frame.items.append(Diagram(Box(x, figure_top - figure_h, width, figure_h), project.routine.steps[0].strokes))
    lines = []
    if personal.client:
        lines.append(texts.get("ui.prepared_for", client=personal.client))
    if personal.practitioner:
        lines.append(texts.get("ui.prepared_by", practitioner=personal.practitioner))
    lines += [v for v in (personal.contact, personal.date) if v]
    y = spec.margin_bottom
    for line in reversed(lines):
        item = place(line, styles["booklet_meta"], "booklet_meta", x, y + styles["booklet_meta"].leading, width)
        frame.items.append(item)
        y = item.box.top + 1
    if lines:
        frame.items.append(Rule(x, y + 4, x + width, y + 4, color="faint", width=0.6))
    frame.bookmarks.append(texts.get("meta.booklet_title"))
    return frame


def booklet(project: Project, texts: Texts, styles: StyleSheet, personal: Personal | None = None) -> list[Frame]:
    """All pages of the booklet in reader order, numbered from the cover (page 1)."""
    spec = project.layout.spec.booklet
    geo = project.layout.geometry
    width = geo.page_w - spec.margin_inner - spec.margin_outer
    height = geo.page_h - spec.margin_top - spec.margin_bottom
    flow = paginate(body_blocks(project, texts, styles, width), styles, width, height, spec.paragraph_gap)
    frames = [cover(project, texts, styles, personal or Personal())]
    for index, page in enumerate(flow, start=2):
        left = spec.margin_inner if index % 2 else spec.margin_outer  # odd pages are right-hand pages
        top = geo.page_h - spec.margin_top
        frame = Frame(geo.page_w, geo.page_h, Box(0, 0, geo.page_w, geo.page_h), kind="page", label=f"page {index}")
        for offset, item in page.items:
            box = Box(left + item.box.x, top - offset + item.box.y, item.box.w, item.box.h)
            frame.items.append(replace(item, box=box))
        frame.bookmarks += page.bookmarks
        folio = place(
            texts.get("ui.page", n=index),
            styles["booklet_folio"].clone("folio", alignment=2 if index % 2 else 0),
            "booklet_folio",
            left,
            spec.folio + styles["booklet_folio"].leading,
            width,
        )
        frame.items.append(folio)
        frames.append(frame)
    return frames
