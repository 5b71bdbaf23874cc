"""Blocks the booklet's sections are built from: steps beside (or above) their diagrams, legend rows and the
preparation checklist that fills a page.

Each block is kept whole when it fits a page; each has a flowing fallback for when it does not (large print,
a long translation), so nothing is ever cut off at the bottom of a page.
"""

from __future__ import annotations

from dataclasses import replace

from ..diagrams.views import BOX_H, BOX_W
from ..source.load import Project
from ..source.model import Step
from ..text.i18n import Texts
from ..text.markup import paragraphs
from ..text.styles import StyleSheet
from .column import stack
from .flow import Block, Composite, Figure, Group, Para
from .frames import Bookmark, Box, Diagram, Fill, Item, Rule, Tag, Text
from .legend import legend_rows
from .sections import preparation_lines
from .step_text import duration, hands_direction, instruction, step_alt
from .text import measure

#: Height of a diagram per unit of width: every body view is fitted into this box, so each is drawn to one scale.
SILHOUETTE_ASPECT = BOX_H / BOX_W


def step_title(texts: Texts, step: Step) -> str:
    """ "3. Spine stretch": the same number as on the step's card."""
    return f"{step.number}. {texts.get(f'steps.{step.id}.title')}"


def step_meta(texts: Texts, step: Step, total: int) -> str:
    """ "Step 3 of 8 · about 3 min · Both palms · Upward": the parts the step gives."""
    parts = [texts.get("ui.step_of", n=step.number, total=total), duration(texts, step)]
    parts.append(hands_direction(texts, step, labelled=False, sep=" · "))
    return " · ".join(part for part in parts if part)


def list_item(group: str, key: str) -> Tag:
    """The tag of one item's text in a list: LBody in its LI in the L named `group`."""
    return Tag("LBody", (("L", group), ("LI", f"{group}.{key}")))


def tagged(item: Text, tag: Tag) -> Text:
    return replace(item, tag=tag)


def step_block(project: Project, texts: Texts, styles: StyleSheet, step: Step, width: float, height: float) -> Block:
    """One step: its diagram beside its text as one composite (two or three to a page), or stacked."""
    spec = project.layout.spec.booklet
    total = len(project.routine.steps)
    title = step_title(texts, step)
    mark = Bookmark(title, 1)
    entries = [
        (title, "booklet_h2"),
        *((text, "booklet_body") for text in paragraphs(instruction(texts, step)[0])),
        (step_meta(texts, step, total), "booklet_meta"),
    ]
    if not step.strokes:  # no figure: the text takes the whole width
        return Group([Para(text, style, keep_with_next=i == 0) for i, (text, style) in enumerate(entries)], mark)
    if spec.step_layout == "beside":
        gap = spec.paragraph_gap
        dw = spec.step_diagram
        dh = dw * SILHOUETTE_ASPECT
        texts_x = dw + spec.column_gap
        placed, bottom = stack(entries, styles, texts_x, -gap, width - texts_x, gap / 2)
        placed[0] = tagged(placed[0], Tag("H2"))
        # text before the diagram: a reader that follows the content stream reads the step, then its numbers
        items: list[Item] = [Rule(0, 0, width, 0, color="faint", width=0.5), *placed]
        figure = Tag("Figure", alt=step_alt(texts, step))
        items.append(Diagram(Box(0, -gap - dh, dw, dh), step.strokes, label_style="booklet_diagram_label", tag=figure))
        block_h = max(dh + gap, -bottom)
        if block_h <= height:
            return Composite(items, block_h, mark)
    return Group(
        [
            Para(title, "booklet_h2", keep_with_next=True, tag=Tag("H2")),
            Figure(step.strokes, spec.diagram, "booklet_diagram_label", Tag("Figure", alt=step_alt(texts, step))),
            *(Para(text, style) for text, style in entries[1:]),
        ],
        bookmark=mark,
    )


def legend_blocks(project: Project, texts: Texts, styles: StyleSheet, width: float) -> list[Block]:
    """The legend as one composite per row, so a large-print legend longer than a page can break between rows."""
    items, _ = legend_rows(
        project, texts, styles, 0.0, 0.0, width, project.layout.spec.booklet.legend_symbol, style="booklet_legend"
    )
    blocks: list[Block] = []
    for i, (symbol, label) in enumerate(zip(items[::2], items[1::2], strict=True)):
        top = max(symbol.box.top, label.box.top)
        bottom = min(symbol.box.y, label.box.y)
        # the symbol is an artifact: its label says all it means, and a reader would hear it twice
        label = replace(label, tag=list_item("legend", str(i)))
        moved = [replace(item, box=replace(item.box, y=item.box.y - top)) for item in (symbol, label)]
        blocks.append(Composite(moved, top - bottom))
    return blocks


def _checklist(
    entries: list[str], styles: StyleSheet, x: float, top: float, width: float, gaps: float, group: str
) -> tuple[list[Item], float]:
    """Items with a tick box each, from `top` down; `gaps` is the space between items."""
    style = styles["booklet_body"]
    box_side = style.fontSize * 0.85
    indent = box_side + style.fontSize * 0.7
    items: list[Item] = []
    y = top
    for i, text in enumerate(entries):
        if i:
            y -= gaps
        placed, bottom = stack([(text, "booklet_body")], styles, x + indent, y, width - indent, 0)
        baseline = y - style.fontSize
        items.append(Fill(Box(x, baseline - box_side * 0.1, box_side, box_side), stroke="band", width=0.9, radius=1))
        items += [tagged(item, list_item(group, str(i))) for item in placed]
        y = bottom
    return items, y


def preparation_sheet(
    project: Project, texts: Texts, styles: StyleSheet, width: float, height: float, heading: Para
) -> list[Block]:
    """Preparation and ambience as a checklist in two tinted panels, spaced out to fill one page.

    When both panels do not fit one page (large print) each panel is kept whole on a page of its own; a panel
    taller than a page falls back to flowing bullet points.
    """
    spec = project.layout.spec.booklet
    panels = [(title, lines) for title, lines in preparation_lines(texts, project) if lines]
    heading_h = measure(heading.text, styles[heading.style], width)[1]
    pad, gap = spec.column_gap, spec.paragraph_gap

    def panel(title: str, entries: list[str], item_gap: float) -> Composite:
        """A tinted panel: its heading, then the entries as a checklist; items relative to its top-left."""
        head, head_bottom = stack([(title, "booklet_h2")], styles, pad, -pad, width - 2 * pad, 0)
        head = [tagged(item, Tag("H2")) for item in head]
        body, bottom = _checklist(entries, styles, pad, head_bottom - gap, width - 2 * pad, item_gap, title)
        box = Box(0, bottom - pad, width, pad - bottom)
        return Composite([Fill(box, fill="tint", radius=pad / 2), *head, *body], box.h)

    natural_gap = styles["booklet_body"].leading * 0.6
    natural = [panel(title, entries, natural_gap) for title, entries in panels]
    room = height - heading_h - gap * len(panels)
    spare = room - sum(p.height for p in natural)
    if spare >= 0:  # one page: spread the checklist out to fill it, up to one and a half lines between items
        n_gaps = sum(len(entries) - 1 for _, entries in panels)
        extra = min(spare / max(n_gaps, 1), styles["booklet_body"].leading * 1.5)
        return [heading, *(panel(title, entries, natural_gap + extra) for title, entries in panels)]
    if all(p.height <= height for p in natural):  # a page per panel (large print)
        return [heading, *natural]
    flowing: list[Block] = [heading]
    for title, entries in panels:
        flowing.append(Para(title, "booklet_h2", keep_with_next=True, tag=Tag("H2")))
        flowing += [
            Para(text, "booklet_body", bullet=True, tag=list_item(title, str(i))) for i, text in enumerate(entries)
        ]
    return flowing
