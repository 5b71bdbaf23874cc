"""The routine at a glance: every step's number, miniature diagram, title and time, one row each, and the total.

A timetable rather than a grid: rows read top to bottom in the order the hands work, the times line up in one
right-hand column above the total, and each title gets the whole middle of its row (a two-column grid left
Russian and German titles about 20 mm, too narrow for "поглаживания" without breaking the word).
One layout serves the deck (a card after the legend, so the miniatures' symbols are explained before they are
used and the practitioner meets the whole sequence before step 1) and the booklet (a page before the steps).

Every title and time is fitted like other card text: it may shrink to its style's minimum, and text that does
not fit even then is a FitError naming the card, the step and the language. Miniatures are cropped to what the
routine's diagrams actually draw (the silhouette and its marks), so the body fills the row's height.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ..diagrams.strokes import expand
from ..diagrams.vocabulary import Stroke
from ..i18n import Texts
from ..load import Project
from ..styles import StyleSheet
from .frames import Box, Diagram, Fill, Frame, Item, Text
from .text import measure, place


def total_minutes(project: Project) -> int:
    return sum(step.minutes for step in project.routine.steps)


@cache
def _extent(strokes: tuple[Stroke, ...]) -> tuple[float, float, float, float]:
    points = [p for prim in expand(strokes).primitives() for p in prim.outline()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def miniature_bounds(project: Project, margin: float = 0.02) -> tuple[float, float, float, float]:
    """One crop for every step's miniature (so the body is drawn at the same scale in every row)."""
    extents = [_extent(step.strokes) for step in project.routine.steps]
    return (
        min(e[0] for e in extents) - margin,
        min(e[1] for e in extents) - margin,
        max(e[2] for e in extents) + margin,
        max(e[3] for e in extents) + margin,
    )


def _centred(item: Text, box: Box) -> Text:
    """The fitted text moved to the vertical middle of its box."""
    return replace(item, box=Box(item.box.x, box.y + (box.h - item.box.h) / 2, item.box.w, item.box.h))


def overview_rows(project: Project, texts: Texts, styles: StyleSheet, box: Box, where: str) -> list[Item]:
    """One row per step filling `box` from the top: number, miniature, title, time; every other row tinted."""
    from .cards import _fit_or_fail

    spec = project.layout.spec.overview
    steps = project.routine.steps
    row_h = box.h / len(steps)
    pad = spec.padding
    x0, y0, x1, y1 = crop = miniature_bounds(project)
    mini_h = row_h - 2 * pad
    mini_w = mini_h * (x1 - x0) / (y1 - y0)
    number_style = styles["overview_number"].clone("overview_number_c", alignment=1)
    time_style = styles["overview_time"].clone("overview_time_r", alignment=2)
    items: list[Item] = []
    for index, step in enumerate(steps):
        row = Box(box.x, box.top - (index + 1) * row_h, box.w, row_h)
        if index % 2 == 0:
            items.append(Fill(row, fill="tint"))
        label = f"{where} step {step.number} ({step.id})"
        number = Box(row.x, row.y, spec.number_width, row_h)
        items.append(_centred(place(str(step.number), number_style, "overview_number", number.x, 0, number.w), number))
        items.append(Diagram(Box(number.right, row.y + pad, mini_w, mini_h), step.strokes, bounds=crop, labels=False))
        time = Box(row.right - pad - spec.time_width, row.y + pad, spec.time_width, mini_h)
        minutes = texts.get("ui.minutes_short", minutes=step.minutes)
        placed = _fit_or_fail(minutes, styles, "overview_time", time, f"{label} time", texts.lang, time_style)
        items.append(replace(_centred(placed, time), region=f"time.{step.number}"))
        title_x = number.right + mini_w + 2 * pad
        title = Box(title_x, row.y + pad, time.x - pad - title_x, mini_h)
        placed = _fit_or_fail(
            texts.get(f"steps.{step.id}.title"), styles, "overview_title", title, f"{label} title", texts.lang
        )
        items.append(replace(_centred(placed, title), region=f"title.{step.number}"))
    return items


def overview_block(project: Project, texts: Texts, styles: StyleSheet, box: Box, where: str) -> list[Item]:
    """The rows and, under a rule at the foot of `box`, the total time right-aligned under the times column."""
    spec = project.layout.spec.overview
    total_style = styles["overview_total"].clone("overview_total_r", alignment=2)
    text = texts.get("ui.total_time", minutes=total_minutes(project))
    width = box.w - spec.padding
    _, height = measure(text, total_style, width)
    total = place(text, total_style, "overview_total", box.x, box.y + height, width)
    rule_y = total.box.top + spec.padding
    rows = Box(box.x, rule_y + spec.padding, box.w, box.top - rule_y - spec.padding)
    return [
        *overview_rows(project, texts, styles, rows, where),
        Fill(Box(box.x, rule_y - 0.3, box.w, 0.6), fill="faint"),  # a rule as a box: booklet pages move boxes
        total,
    ]


def overview_card(project: Project, texts: Texts, styles: StyleSheet) -> Frame:
    """The deck's overview card: the timetable between the colour band and the card's safe bottom edge."""
    from .cards import _card_frame, _header

    spec = project.layout.spec.card
    frame, trim, safe = _card_frame(project, "overview", "overview")
    title = texts.get("ui.overview_heading")
    band_bottom = _header(
        frame, trim, safe, project, styles, texts.get("meta.title"), title, "", "overview card", texts.lang
    )
    body = Box(safe.x, safe.y, safe.w, band_bottom - spec.gap - safe.y)
    frame.items += overview_block(project, texts, styles, body, "overview card")
    frame.bookmarks.append(title)
    return frame
