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

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from ..diagrams.strokes import expand
from ..diagrams.views import BOX_H, BOX_W
from ..diagrams.vocabulary import Stroke
from ..errors import FitError
from ..source.load import Project
from ..source.model import Step
from ..source.units import to_mm
from ..text.i18n import Texts
from ..text.markup import plain
from ..text.styles import StyleSheet
from .frames import Box, Diagram, Fill, Frame, Item, Tag, Text
from .step_text import duration, overview_title, overview_title_key, step_alt, total_time
from .text import measure, paragraph, place


@cache
def _extent(strokes: tuple[Stroke, ...]) -> tuple[float, float, float, float]:
    points = [p for prim in expand(strokes).primitives() for p in prim.outline()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def miniature_bounds(project: Project, margin: float = 0.02) -> tuple[float, float, float, float]:
    """One crop for every step's miniature (so the body is drawn at the same scale in every row)."""
    extents = [_extent(step.strokes) for step in project.routine.steps if step.strokes] or [(0.0, 0.0, BOX_W, BOX_H)]
    return (
        min(e[0] for e in extents) - margin,
        min(e[1] for e in extents) - margin,
        max(e[2] for e in extents) + margin,
        max(e[3] for e in extents) + margin,
    )


def _centred(item: Text, box: Box) -> Text:
    """The fitted text moved to the vertical middle of its box."""
    return replace(item, box=Box(item.box.x, box.y + (box.h - item.box.h) / 2, item.box.w, item.box.h))


def natural_width(text: str, style: Any) -> float:
    """The width `text` takes on one line in `style` (its longest line if it holds a line break)."""
    para = paragraph(text, style)
    para.wrap(100_000, 100_000)
    return max(para.getActualLineWidths0() or [0.0])


def _longest_word(text: str, styles: StyleSheet, name: str) -> float:
    """Width of the text's longest word at the style's minimum size; 0 where the language breaks words itself."""
    style = styles[name]
    if style.hyphenationLang or getattr(style, "shaping", 0):
        return 0.0
    minimum = styles.minimums.get(name) or style.fontSize
    small = style.clone(f"{style.name}@min", fontSize=minimum, leading=style.leading * minimum / style.fontSize)
    return max((natural_width(w, small) for w in plain(text).split()), default=0.0) + 0.5


def _at(style: Any, size: float) -> Any:
    """`style` at `size` (leading in proportion), hyphenation off."""
    return style.clone(
        f"{style.name}@{size}", fontSize=size, leading=style.leading * size / style.fontSize, hyphenationLang=""
    )


def _largest_fitting(style: Any, minimum: float, words: list[str], width: float) -> Any | None:
    """`style` at the largest size, down to `minimum`, at which every one of `words` fits `width`; or None."""
    size = style.fontSize
    while size >= minimum - 1e-6:
        current = _at(style, size)
        if max((natural_width(w, current) for w in words), default=0.0) < width - 0.01:  # a word that just fits wraps
            return current
        size -= 0.25
    return None


def _whole_words(
    text: str, styles: StyleSheet, name: str, width: float, where: str, lang: str, key: str
) -> tuple[Any, str]:
    """The style and text to fit a title in: the largest size, down to its minimum, at which the title's longest
    word fits the column, with hyphenation off, so the title breaks between words like every other title.

    reportlab cuts a word wider than its line anywhere ("Поглаживан|ие") and the fit still succeeds, so titles
    are shrunk for their longest word first. Only a word wider than the column even at the minimum size (a
    German compound on a small card) is hyphenated, in the languages that hyphenate, and only that word (soft
    hyphens where the language's patterns allow); scripts that break words themselves (Thai) are left alone.
    """
    style = styles[name]
    if getattr(style, "shaping", 0):
        return style, text
    words = plain(text).split() or [""]
    minimum = styles.minimums.get(name) or style.fontSize
    whole = _largest_fitting(style, minimum, words, width)
    if whole is not None:
        return whole, text
    if not style.hyphenationLang:
        raise FitError(
            f"{where} [{lang}]: a word is wider than the title column even at {minimum:g}pt; shorten it or use a "
            "larger card in layouts/",
            key=key,
            lang=lang,
        )
    smallest = _at(style, minimum)
    wide = {w for w in words if natural_width(w, smallest) >= width - 0.01}
    chosen = _largest_fitting(style, minimum, [w for w in words if w not in wide], width) or smallest
    broken = [_hyphenated(w, chosen, style.hyphenationLang, width) if w in wide else w for w in text.split(" ")]
    return chosen, " ".join(broken)


def _hyphenated(word: str, style: Any, lang: str, width: float) -> str:
    """`word` broken at its hyphenation points into pieces that each fit `width` with their hyphen, a line
    break after each hyphen (reportlab's own hyphenation would also break the words that fit)."""
    import pyphen

    points = [p for p in pyphen.Pyphen(lang=lang).positions(word) if 0 < p < len(word)]
    pieces, start = [], 0
    while True:
        fitting = [p for p in points if p > start and natural_width(word[start:p] + "-", style) < width - 0.01]
        if not fitting or natural_width(word[start:], style) < width - 0.01:
            pieces.append(word[start:])
            return "-\n".join(pieces)
        pieces.append(word[start : fitting[-1]])
        start = fitting[-1]


def overview_rows(
    project: Project, texts: Texts, styles: StyleSheet, box: Box, where: str, steps: Sequence[Step], prefix: str
) -> list[Item]:
    """One row per step filling `box` from the top: number, miniature, title, time; every other row tinted.

    The number and time columns are as wide as their widest entry in this language and style, so a large-print
    booklet or a long unit ("15 นาที") needs no layout number of its own; the title takes the rest.
    """
    from .cards import _fit_or_fail, project_min

    spec = project.layout.spec.overview
    pad = spec.padding
    row_h = box.h / len(steps)
    time = styles[f"{prefix}_time"]
    need = time.leading * project_min(styles, f"{prefix}_time") / time.fontSize + 2 * pad  # one line, shrunk
    if row_h < need:  # too many steps for the rows: the routine is what to change, not a label's words
        fit = max(1, int(box.h // need))
        raise FitError(
            f"{where} [{texts.lang}]: {len(steps)} steps leave {to_mm(row_h):.1f} mm a row, too little for one line; "
            f"at most {fit} fit on it; use fewer steps, or a layout with a larger card",
            key="routine:steps",
            lang=texts.lang,
        )
    x0, y0, x1, y1 = crop = miniature_bounds(project)
    number_style = styles[f"{prefix}_number"].clone(f"{prefix}_number_c", alignment=1)
    time_style = styles[f"{prefix}_time"].clone(f"{prefix}_time_r", alignment=2)
    times = [duration(texts, step, short=True) for step in project.routine.steps]
    number_w = max(natural_width(str(s.number), number_style) for s in project.routine.steps) + 2 * pad
    time_w = max(natural_width(t, time_style) for t in times) + 0.5
    # the miniature gets what the titles' longest words leave, up to its share of the row
    titles = [overview_title(texts, s) for s in project.routine.steps]
    need = max(_longest_word(t, styles, f"{prefix}_title") for t in titles)
    aspect = (y1 - y0) / (x1 - x0)
    room = box.w - number_w - time_w - 4 * pad - need
    # at least miniature_min tall (wider than its share on a narrow card) when the titles leave the room
    share = max(box.w * spec.miniature_share, spec.miniature_min / aspect)
    mini_w = max(0.0, min((row_h - 2 * pad) / aspect, share, room))
    mini_h = mini_w * aspect
    items: list[Item] = []
    for index, step in enumerate(steps):
        row = Box(box.x, box.top - (index + 1) * row_h, box.w, row_h)
        if step.number % 2:
            items.append(Fill(row, fill="tint"))
        label = f"{where} step {step.number} ({step.id})"
        # a table row: the step's number heads it, then the miniature, title and time, in that reading order
        tr = (("Table", "overview"), ("TR", f"overview.{step.number}"))
        cell = Tag("TD", tr)
        number = Box(row.x, row.y, number_w, row_h)
        placed = place(str(step.number), number_style, f"{prefix}_number", number.x, 0, number.w)
        items.append(replace(_centred(placed, number), tag=Tag("TH", tr, scope="Row")))
        mini = Box(number.right, row.y + (row_h - mini_h) / 2, mini_w, mini_h)
        if step.strokes:  # a text step has no miniature: its row keeps the space, so the titles line up
            figure = Tag("Figure", (*tr, ("TD", f"overview.{step.number}.mini")), alt=step_alt(texts, step))
            items.append(Diagram(mini, step.strokes, bounds=crop, labels=False, tag=figure))
        time = Box(row.right - pad - time_w, row.y + pad, time_w, row_h - 2 * pad)
        minutes = times[step.number - 1]
        placed = _fit_or_fail(
            minutes, styles, f"{prefix}_time", time, f"{label} time", texts.lang, "ui.minutes_short", time_style
        )
        time_item = replace(_centred(placed, time), region=f"time.{step.number}", tag=cell)
        title_x = number.right + mini_w + 2 * pad
        title = Box(title_x, row.y + pad, time.x - pad - title_x, row_h - 2 * pad)
        title_text, key = overview_title(texts, step), overview_title_key(texts, step)
        name = f"{prefix}_title"
        style, text = _whole_words(title_text, styles, name, title.w, f"{label} title", texts.lang, key)
        try:
            placed = _fit_or_fail(text, styles, name, title, f"{label} title", texts.lang, key, style)
        except FitError:
            if style is styles[name] or not styles[name].hyphenationLang:
                raise
            # whole words take a line too many for the row: a hyphen is the lesser evil in a table's cell
            placed = _fit_or_fail(title_text, styles, name, title, f"{label} title", texts.lang, key)
        placed = replace(placed, text=title_text)  # the title as written, without the soft hyphens
        items += [replace(_centred(placed, title), region=f"title.{step.number}", tag=cell), time_item]
    return items


def overview_block(
    project: Project,
    texts: Texts,
    styles: StyleSheet,
    box: Box,
    where: str,
    steps: Sequence[Step] | None = None,
    prefix: str = "overview",
) -> list[Item]:
    """The rows and, under a rule at the foot of `box`, the total time right-aligned under the times column.

    `steps` (default: all) lets a small card carry part of the routine; the total comes with the last step.
    """
    steps = project.routine.steps if steps is None else steps
    if steps[-1] is not project.routine.steps[-1]:
        return overview_rows(project, texts, styles, box, where, steps, prefix)
    spec = project.layout.spec.overview
    total_style = styles[f"{prefix}_total"].clone(f"{prefix}_total_r", alignment=2)
    text = total_time(texts, project)
    width = box.w - spec.padding
    _, height = measure(text, total_style, width)
    total = place(text, total_style, f"{prefix}_total", box.x, box.y + height, width)
    rule_y = total.box.top + spec.padding
    rows = Box(box.x, rule_y + spec.padding, box.w, box.top - rule_y - spec.padding)
    return [
        *overview_rows(project, texts, styles, rows, where, steps, prefix),
        Fill(Box(box.x, rule_y - 0.3, box.w, 0.6), fill="faint"),  # a rule as a box: booklet pages move boxes
        total,
    ]


def overview_card(
    project: Project, texts: Texts, styles: StyleSheet, steps: Sequence[Step], index: int = 0, count: int = 1
) -> Frame:
    """One overview card: its steps' rows between the colour band and the card's safe bottom edge."""
    from .cards import _headed_card, _pages_label, band_height

    spec = project.layout.spec.card
    title, kicker = texts.get("ui.overview_heading"), texts.get("meta.title")
    band = band_height(project, styles, kicker, title, "1/2") if count > 1 else None
    frame, safe, band_bottom = _headed_card(
        project, texts, styles, "overview", title, _pages_label("", index, count), band
    )
    body = Box(safe.x, safe.y, safe.w, band_bottom - spec.gap - safe.y)
    frame.items += overview_block(project, texts, styles, body, "overview card", steps)
    if index == 0:
        frame.bookmarks.append(title)
    return frame


def rows_per_part(project: Project, height: float, total_h: float) -> int:
    """How many rows fit a part of the overview `height` tall (its total taking `total_h`) with every
    miniature at least overview.miniature_min tall: a long routine continues on another card or page."""
    spec = project.layout.spec.overview
    room = height - total_h - 2 * spec.padding
    return max(1, int((room + 1e-6) // (spec.miniature_min + 2 * spec.padding)))


def split_steps(steps: Sequence[Step], per: int) -> list[Sequence[Step]]:
    """`steps` in as few parts of at most `per` as there can be, as even as they can be (9 and 7, not 10 and 6)."""
    count = math.ceil(len(steps) / per)
    size = math.ceil(len(steps) / count)
    return [steps[i : i + size] for i in range(0, len(steps), size)]


def _total_height(project: Project, texts: Texts, styles: StyleSheet, prefix: str, width: float) -> float:
    return measure(total_time(texts, project), styles[f"{prefix}_total"], width)[1]


def overview_cards(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """The overview on one card, or on as many as keep every miniature overview.miniature_min tall (1/2, 2/2);
    on a card smaller than designed (may_continue), on more cards still when a title does not fit."""
    from .cards import band_height, may_continue

    card = project.layout.spec.card
    steps = project.routine.steps
    title, kicker = texts.get("ui.overview_heading"), texts.get("meta.title")
    safe_w = project.layout.geometry.card_w - 2 * card.safe
    body_h = project.layout.geometry.card_h - band_height(project, styles, kicker, title, "1/2") - card.gap - card.safe
    per = rows_per_part(project, body_h, _total_height(project, texts, styles, "overview", safe_w))
    first = split_steps(steps, per)
    try:
        return [overview_card(project, texts, styles, part, i, len(first)) for i, part in enumerate(first)]
    except FitError:
        if not may_continue(project):
            raise
    for count in range(len(first) + 1, len(steps) + 1):
        parts = split_steps(steps, math.ceil(len(steps) / count))
        try:
            return [overview_card(project, texts, styles, part, i, len(parts)) for i, part in enumerate(parts)]
        except FitError:
            if len(parts) == len(steps):
                raise
    raise AssertionError("unreachable: the loop returns or raises")
