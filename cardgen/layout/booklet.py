"""Lay out the take-home booklet: cover, contents, the sections flowing over A5 pages, notes; numbered pages.

The booklet tells the same routine as the cards (same numbers, same diagrams) in a client's reading order:
why, what kinds exist, how to prepare, the steps, a partner variant, aftercare and safety, then notes pages.
The page count is padded to a multiple of four with notes pages, so booklet.pdf holds exactly the pages a
saddle-stitched print of it has, in reading order, and its page numbers match the printed ones.
"""

from __future__ import annotations

from ..source.load import Project
from ..text.i18n import Texts
from ..text.markup import paragraphs
from ..text.styles import StyleSheet
from .booklet_blocks import legend_blocks, list_item, preparation_sheet, step_block
from .booklet_contents import Entry, contents_blocks, notes_page
from .booklet_cover import PageBox, Personal, cover, page_box
from .column import moved
from .flow import Block, Composite, FlowPage, PageBreak, Para, paginate
from .frames import ARTIFACT, Bookmark, Box, Frame, Tag
from .legend import orientation as legend_orientation
from .overview import overview_block, rows_per_part, split_steps
from .sections import preparation_title
from .step_text import total_time
from .text import measure, place

__all__ = ["Personal", "body_blocks", "booklet", "inner_pages"]


def _heading(text: str, level: int = 0) -> Para:
    style, role = ("booklet_h1", "H1") if level == 0 else ("booklet_h2", "H2")
    return Para(text, style, text if level == 0 else Bookmark(text, level), keep_with_next=True, tag=Tag(role))


def _section(texts: Texts, key: str) -> list[Block]:
    """A heading and its paragraphs; nothing when the content leaves the section out."""
    if not (texts.has(f"{key}.heading") and texts.has(f"{key}.body")):
        return []
    return [
        _heading(texts.get(f"{key}.heading")),
        *(Para(p, "booklet_body") for p in paragraphs(texts.get(f"{key}.body"))),
    ]


def _benefits(project: Project, texts: Texts) -> list[Block]:
    benefits = project.source_text.benefits
    items = [k for k in (benefits.items if benefits else {}) if texts.has(f"benefits.items.{k}")]
    if not items or not texts.has("benefits.heading"):
        return []
    return [
        _heading(texts.get("benefits.heading")),
        *(
            Para(texts.get(f"benefits.items.{key}"), "booklet_body", bullet=True, tag=list_item("benefits", key))
            for key in items
        ),
    ]


def _types(project: Project, texts: Texts) -> list[Block]:
    if not project.routine.types or not texts.has("types.heading"):
        return []
    blocks: list[Block] = [_heading(texts.get("types.heading"))]
    for type_id in project.routine.types:
        name = texts.get(f"types.items.{type_id}.name")
        blocks.append(Para(name, "booklet_h2", keep_with_next=True, tag=Tag("H2")))
        blocks += [Para(p, "booklet_body") for p in paragraphs(texts.get(f"types.items.{type_id}.body"))]
    return blocks


def body_blocks(project: Project, texts: Texts, styles: StyleSheet, width: float, height: float) -> list[Block]:
    """Every section after the cover and contents, in reading order; a section the content leaves out is not
    there at all (no heading, no contents entry)."""
    routine = project.routine
    blocks: list[Block] = [*_section(texts, "purpose"), *_benefits(project, texts), *_types(project, texts)]
    if blocks:
        blocks.append(PageBreak())
    prep = preparation_title(texts, project)
    if prep:
        blocks += [*preparation_sheet(project, texts, styles, width, height, _heading(prep)), PageBreak()]
    blocks += [*overview_page(project, texts, styles, width), PageBreak()]

    blocks.append(_heading(texts.get("ui.steps_heading")))
    blocks.append(_heading(texts.get("ui.legend_heading"), level=1))
    blocks.append(Para(legend_orientation(project, texts), "booklet_body", keep_with_next=True))
    blocks += legend_blocks(project, texts, styles, width)
    blocks.append(PageBreak())
    blocks += [step_block(project, texts, styles, step, width, height) for step in routine.steps]
    after = [*_section(texts, "partner"), *_section(texts, "aftercare")]
    safety = _section(texts, "safety")
    if safety:
        after += [safety[0], Para(texts.get("ui.general_guidance"), "booklet_guidance"), *safety[1:]]
    return [*blocks, PageBreak(), *after] if after else blocks


def overview_page(project: Project, texts: Texts, styles: StyleSheet, width: float) -> list[Block]:
    """The routine at a glance, as on its card, on a page of its own between preparation and the steps."""
    height = project.layout.spec.overview.booklet_height
    box = Box(0.0, -height, width, height)
    prefix = "booklet_overview"
    total_h = measure(total_time(texts, project), styles[f"{prefix}_total"], width)[1]
    parts = split_steps(project.routine.steps, rows_per_part(project, height, total_h))
    blocks: list[Block] = [_heading(texts.get("ui.overview_heading"))]
    for index, part in enumerate(parts):  # a long routine continues on the next page, miniatures as tall
        if index:
            blocks.append(PageBreak())
        items = overview_block(project, texts, styles, box, "booklet overview", part, prefix)
        blocks.append(Composite(items, height))
    return blocks


def _frame(page: PageBox, flow: FlowPage, number: int, texts: Texts, styles: StyleSheet, kind: str) -> Frame:
    """A flowed page placed on its side of the spread, with its page number in the outer corner."""
    frame = page.frame(kind, f"page {number}")
    left, top = page.left(number), page.height - page.top
    for offset, item in flow.items:
        frame.items.append(moved(item, left, top - offset))
    frame.bookmarks += flow.bookmarks
    _folio(frame, page, number, texts, styles)
    return frame


def _folio(frame: Frame, page: PageBox, number: int, texts: Texts, styles: StyleSheet) -> None:
    style = styles["booklet_folio"]
    frame.items.append(
        place(
            texts.get("ui.page", n=number),
            style.clone("folio", alignment=2 if number % 2 else 0),
            "booklet_folio",
            page.left(number),
            page.folio + style.fontSize,
            page.content_w,
            tag=ARTIFACT,
        )
    )


def _entries(flow: list[FlowPage], first_page: int) -> list[Entry]:
    entries = []
    for index, page in enumerate(flow):
        for mark in page.bookmarks:
            title, level = (mark.title, mark.level) if isinstance(mark, Bookmark) else (mark, 0)
            entries.append(Entry(title, level, first_page + index))
    return entries


def inner_pages(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """Pages 2 to the end: contents, sections, notes. The same for every client, so a batch lays them out once."""
    spec = project.layout.spec.booklet
    page = page_box(project)
    width, height, gap = page.content_w, page.content_h, spec.paragraph_gap
    tight = (spec.tighten, spec.tighten_leading)
    body = paginate(body_blocks(project, texts, styles, width, height), styles, width, height, gap, *tight)
    notes_title = texts.get("ui.notes_heading")

    def contents_for(n_contents: int) -> list[FlowPage]:
        first_body = 2 + n_contents
        entries = [*_entries(body, first_body), Entry(notes_title, 0, first_body + len(body))]
        return paginate(contents_blocks(texts, styles, entries, width), styles, width, height, gap, *tight)

    # Two passes: the contents' own length moves every number after it. Numbers never change its length
    # (each sits in a fixed column), so the second pass is final.
    contents = contents_for(1)
    if len(contents) != 1:
        contents = contents_for(len(contents))

    frames: list[Frame] = []
    for flow, kind in [*((c, "contents") for c in contents), *((b, "page") for b in body)]:
        frames.append(_frame(page, flow, len(frames) + 2, texts, styles, kind))
    # notes pages after the last section, at least one, as many as make the count a multiple of four
    notes = 1 + (-(len(frames) + 2) % 4)
    for i in range(notes):
        number = len(frames) + 2
        frame = notes_page(texts, styles, page, number, spec.notes_line, first=i == 0)
        _folio(frame, page, number, texts, styles)
        frames.append(frame)
    return frames


def booklet(project: Project, texts: Texts, styles: StyleSheet, personal: Personal | None = None) -> list[Frame]:
    """All pages of the booklet in reader order, numbered from the cover (page 1), a multiple of four long."""
    return [cover(project, texts, styles, personal or Personal()), *inner_pages(project, texts, styles)]
