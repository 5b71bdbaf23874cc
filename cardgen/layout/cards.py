"""Lay out the deck: one card per step, plus the preparation and ambience card.

Geometry comes from the layout's `card` section; every box is computed from the safe area inside the trim,
so text and diagrams never reach the cut. Colour bands run into the bleed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import FitError
from ..source.card_size import continues, scaled_diagram
from ..source.load import Project
from ..source.model import Step
from ..source.units import to_mm
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .flow import Block, Composite, Para, paginate
from .frames import Box, Diagram, Fill, Frame, Item, Rule, Tag, Text
from .legend import legend_rows
from .legend import orientation as legend_orientation
from .sections import preparation_lines, preparation_title
from .step_text import duration, hands_direction, instruction, meta_key, step_alt
from .text import cut_at, fit, measure, paragraph, place, rebalanced, word_breaks


def _card_frame(project: Project, kind: str, label: str) -> tuple[Frame, Box, Box]:
    """An empty card frame, its trim box and its safe box."""
    spec = project.layout.spec.card
    geo = project.layout.geometry
    bleed = spec.bleed
    frame = Frame(
        geo.card_w + 2 * bleed,
        geo.card_h + 2 * bleed,
        Box(bleed, bleed, geo.card_w, geo.card_h),
        kind=kind,
        label=label,
    )
    return frame, frame.trim, frame.trim.inset(spec.safe)


def _fit_or_fail(
    text: str,
    styles: StyleSheet,
    name: str,
    box: Box,
    where: str,
    lang: str,
    key: str | None = None,
    style: Any = None,
) -> Text:
    """Fit text in its box or raise FitError naming the text key, so the error points at the too-long text.

    `style` is a variant of style `name` (right-aligned, say) to fit in; its minimum size is `name`'s."""
    style = style or styles[name]
    minimum = project_min(styles, name)
    placed = fit(text, style, name, box, minimum)
    if placed is None:
        _, height = measure(
            text,
            style.clone("min", fontSize=minimum, leading=style.leading * minimum / style.fontSize),
            box.w,
        )
        raise FitError(
            f"{where} [{lang}]: text does not fit even at {minimum:g}pt; "
            f"it overflows by {to_mm(height - box.h):.1f} mm; shorten it or enlarge the box in layouts/",
            key=key,
            lang=lang,
        )
    return placed


def project_min(styles: StyleSheet, name: str) -> float:
    """The smallest size a style may shrink to (its own size when the layout sets no minimum)."""
    return styles.minimums.get(name) or styles[name].fontSize


def _header(
    frame: Frame,
    trim: Box,
    safe: Box,
    project: Project,
    styles: StyleSheet,
    kicker: str,
    title: str,
    aside: str,
    where: str,
    lang: str,
    height: float | None = None,
    title_key: str | None = None,
    kicker_key: str | None = None,
) -> float:
    """Colour band with kicker line and title; returns the y where the band ends. `height` overrides the
    layout's header height (see band_height). A title that does not fit because a kicker from `kicker_key`
    wrapped is reported at the kicker's key: that is the text to shorten."""
    spec = project.layout.spec.card
    band_bottom = trim.top - (spec.header if height is None else height)
    frame.items.append(Fill(Box(0, band_bottom, frame.width, frame.height - band_bottom), fill="band"))
    top = safe.top
    kick = place(kicker, styles["card_step"], "card_step", safe.x, top, kicker_width(aside, styles, safe.w, spec.gap))
    frame.items.append(kick)
    if aside:
        side = place(
            aside,
            styles["card_step"].clone("aside", alignment=2),
            "card_step",
            safe.x + safe.w * 0.4,
            top,
            safe.w * 0.6,
        )
        frame.items.append(side)
    title_box = Box(safe.x, band_bottom + spec.gap * 0.6, safe.w, kick.box.y - (band_bottom + spec.gap * 0.6))
    try:
        placed = _fit_or_fail(title, styles, "card_title", title_box, f"{where} title", lang, title_key)
        frame.items.append(replace(placed, tag=Tag("H1")))  # each card's title heads it for a screen reader
    except FitError:
        lines = round(kick.box.h / styles["card_step"].leading)
        if lines < 2 or kicker_key is None:
            raise
        # the routine's name above the title wrapped and took the title's room: that is the text to shorten
        raise FitError(
            f"{where} [{lang}]: the routine's title above it takes {lines} lines of the header and leaves no room "
            "for the card's title; shorten it to one line",
            key=kicker_key,
            lang=lang,
        ) from None
    return band_bottom


def _headed_card(
    project: Project,
    texts: Texts,
    styles: StyleSheet,
    kind: str,
    title: str,
    aside: str = "",
    band: float | None = None,
    title_key: str | None = None,
) -> tuple[Frame, Box, float]:
    """A card named for its kind, opened by the band with the routine's title as kicker: the frame, its safe
    box and where the band ends. The preparation, legend, overview and continued cards all start this way."""
    frame, trim, safe = _card_frame(project, kind, kind)
    where = f"{kind} card"
    kicker = texts.get("meta.title")
    band_bottom = _header(
        frame, trim, safe, project, styles, kicker, title, aside, where, texts.lang, band, title_key, "meta.title"
    )
    return frame, safe, band_bottom


def kicker_width(aside: str, styles: StyleSheet, safe_w: float, gap: float) -> float:
    """The kicker line's width: the whole line, or beside an aside ("about 3 min", "1/2") what the aside leaves,
    at least 60 % of it (so a short "1/2" does not squeeze the routine's title onto two lines)."""
    if not aside:
        return safe_w
    para = paragraph(aside, styles["card_step"])
    para.wrap(safe_w * 0.6, 100_000)
    return max(safe_w * 0.6, safe_w - max(para.getActualLineWidths0() or [0.0]) - gap)


def band_height(project: Project, styles: StyleSheet, kicker: str, title: str, aside: str) -> float:
    """The header band's height: the layout's, or on a card smaller than designed (may_continue) as much more
    as a title needs that wraps to more lines on the narrower card, at the title style's minimum size."""
    spec = project.layout.spec.card
    safe_w = project.layout.geometry.card_w - 2 * spec.safe
    _, kick_h = measure(kicker, styles["card_step"], kicker_width(aside, styles, safe_w, spec.gap))
    room = spec.header - spec.safe - kick_h - spec.gap * 0.6
    style = styles["card_title"]
    minimum = project_min(styles, "card_title")
    if not may_continue(project) or fit(title, style, "card_title", Box(0, 0, safe_w, room), minimum):
        return spec.header
    small = style.clone("min", fontSize=minimum, leading=style.leading * minimum / style.fontSize)
    _, need = measure(title, small, safe_w)
    return spec.header + need - room + 0.01


def diagram_height(project: Project) -> float:
    """The diagram region's height on this card (see card_size.scaled_diagram)."""
    return scaled_diagram(project.layout.spec.card, project.layout.geometry)


def may_continue(project: Project) -> bool:
    """Whether text too long for one card continues on the next (see card_size.continues)."""
    return continues(project.layout.spec.card, project.layout.geometry)


def _pages_label(aside: str, index: int, count: int) -> str:
    """'1/2', '2/2' beside the header's aside text on a card that continues: digits need no translation."""
    if count == 1:
        return aside
    return f"{aside}  ·  {index + 1}/{count}" if aside else f"{index + 1}/{count}"


def _body_parts(
    text: str,
    styles: StyleSheet,
    name: str,
    first: Box,
    rest: Box,
    where: str,
    lang: str,
    split: bool,
    key: str | None = None,
) -> list[Text]:
    """The text in `first` (shrunk down to its minimum if that makes it fit), or, when it cannot fit and
    `split` is allowed, cut at line breaks into `first` and as many `rest` boxes as it needs: at the largest
    size, down to the minimum, that needs the fewest cards (no card carrying a last lone line)."""
    style, minimum = styles[name], project_min(styles, name)
    if first.h > 0:
        placed = fit(text, style, name, first, minimum)
        if placed is not None:
            return [placed]
    if not split:
        return [_fit_or_fail(text, styles, name, first, where, lang, key)]
    best: list[Text] | None = None
    size = style.fontSize
    while size >= minimum - 1e-6:
        sized = style.clone(f"{style.name}@{size}", fontSize=size, leading=style.leading * size / style.fontSize)
        parts = _split_parts(text, sized, name, first, rest, where, lang, key)
        if best is None or len(parts) < len(best):
            best = parts
        size -= 0.25
    assert best is not None
    return best


def _split_parts(
    text: str, style: Any, name: str, first: Box, rest: Box, where: str, lang: str, key: str | None = None
) -> list[Text]:
    """The text cut between words into `first`, then as many `rest` boxes as it needs.

    Each part is a paragraph of its own, made from the source text, not a piece of reportlab's
    Paragraph.split: shaped scripts (Thai) come out of a split paragraph with broken glyphs.
    """
    parts: list[Text] = []
    box, remaining = first, text
    while True:
        para, height = measure(remaining, style, box.w)
        if height <= box.h + 0.01:
            parts.append(Text(Box(box.x, box.top - height, box.w, height), para, remaining, name))
            return parts
        head, tail = _longest_head(remaining, style, box)
        if not head:
            if box is rest:
                raise FitError(
                    f"{where} [{lang}]: one line of this text is taller than a whole card; allowed: shorter words "
                    "or a larger card",
                    key=key,
                    lang=lang,
                )
            parts.append(Text(Box(box.x, box.top, box.w, 0.0), None, "", name))  # no line fits under the diagram
        else:
            para, height = measure(head, style, box.w)
            parts.append(Text(Box(box.x, box.top - height, box.w, height), para, head, name))
            remaining = tail
        box = rest


def _longest_head(text: str, style: Any, box: Box) -> tuple[str, str]:
    """The longest run of whole words from the start of `text` that fits `box`, and the rest; ("", text)
    when not even the first word does. Binary search over the spaces: a longer head is never shorter."""
    cuts = word_breaks(text)
    lo, hi, best = 0, len(cuts) - 1, ("", text)
    while lo <= hi:
        mid = (lo + hi) // 2
        head, tail = cut_at(text, cuts[mid])
        if measure(head, style, box.w)[1] <= box.h + 0.01:
            best, lo = (head, tail), mid + 1
        else:
            hi = mid - 1
    return best


def step_card(project: Project, step: Step, texts: Texts, styles: StyleSheet) -> Frame:
    """The step's card when it fits on one (the common case); see step_cards."""
    return step_cards(project, step, texts, styles)[0]


def step_cards(project: Project, step: Step, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """A step on one card: header, diagram, instruction, footer. On a card too small for the instruction it
    continues on further cards with the same header and footer (see may_continue)."""
    spec = project.layout.spec.card
    total = len(project.routine.steps)
    where = f"card {step.number} ({step.id})"
    kicker = texts.get("ui.step_of", n=step.number, total=total)
    title = texts.get(f"steps.{step.id}.title")
    minutes = duration(texts, step)
    band = band_height(project, styles, kicker, title, minutes)
    _, trim, safe = _card_frame(project, "step", step.id)
    band_bottom = trim.top - band
    diagram_top = band_bottom - spec.gap
    diagram = Box(safe.x, diagram_top - diagram_height(project), safe.w, diagram_height(project))
    meta = hands_direction(texts, step)
    # a step with neither hands nor direction has no footer: its text reaches down to the safe edge
    footer = Box(safe.x, safe.y, safe.w, spec.footer if meta else 0.0)
    text_bottom = footer.top + spec.gap if meta else safe.y
    body, body_key = instruction(texts, step)
    drawn = bool(step.strokes)  # a step without a diagram is a text card: its text takes the diagram's room
    parts = _body_parts(
        body,
        styles,
        "card_body",
        Box(safe.x, text_bottom, safe.w, (diagram.y - spec.gap if drawn else diagram_top) - text_bottom),
        Box(safe.x, text_bottom, safe.w, diagram_top - text_bottom),
        f"{where} instruction",
        texts.lang,
        may_continue(project),
        body_key,
    )
    parts = [rebalanced(part) for part in parts]  # no last line of one short word
    if parts[0].para is None:  # no line fits under the diagram: let the diagram have the whole card
        diagram = Box(safe.x, text_bottom, safe.w, diagram_top - text_bottom)
    frames = []
    for index, part in enumerate(parts):
        frame, trim, safe = _card_frame(project, "step", step.id)
        _header(
            frame,
            trim,
            safe,
            project,
            styles,
            kicker,
            title,
            _pages_label(minutes, index, len(parts)),
            where,
            texts.lang,
            band,
            f"steps.{step.id}.title",
        )
        if index == 0 and drawn:
            frame.items.append(Diagram(diagram, step.strokes, tag=Tag("Figure", alt=step_alt(texts, step))))
        if meta:
            frame.items += footer_items(spec, safe, meta, styles, f"{where} footer", texts.lang, meta_key(step))
        if part.para is not None:
            frame.items.append(part)
        if index == 0:
            frame.bookmarks.append(f"{step.number}. {texts.get(f'steps.{step.id}.title')}")
        frames.append(frame)
    return frames


def footer_items(spec: Any, safe: Box, meta: str, styles: StyleSheet, where: str, lang: str, key: str) -> list[Item]:
    """A step card's footer: a faint rule and the hands and direction line under it."""
    footer_top = safe.y + spec.footer
    line = _fit_or_fail(meta, styles, "card_meta", Box(safe.x, safe.y, safe.w, spec.footer - 1.5), where, lang, key)
    line = rebalanced(line)  # never a last line of one short word
    return [Rule(safe.x, footer_top, safe.right, footer_top, color="faint", width=0.6), line]


def _preparation_blocks(texts: Texts, project: Project) -> list[tuple[str, str]]:
    """(style, text) of the preparation card's paragraphs, in order."""
    blocks = []
    for heading, lines in preparation_lines(texts, project):
        blocks.append(("card_heading", heading))
        blocks += [("sheet_body", line) for line in lines]
    return blocks


def preparation_card(project: Project, texts: Texts, styles: StyleSheet) -> Frame:
    """The preparation and ambience sheet, as one card of the deck."""
    spec = project.layout.spec.card
    title = preparation_title(texts, project)
    frame, safe, band_bottom = _headed_card(
        project, texts, styles, "preparation", title, title_key="preparation.heading"
    )
    blocks = _preparation_blocks(texts, project)
    top = band_bottom - spec.gap
    for name, text in blocks:
        item = place(text, styles[name], name, safe.x, top, safe.w)
        frame.items.append(item)
        top = item.box.y - spec.gap * 0.6
    room = band_bottom - spec.gap - safe.y
    frame.measures.append(("text", room - (top + spec.gap * 0.6 - safe.y), room))
    if top < safe.y - 0.01:
        raise FitError(
            f"preparation card [{texts.lang}]: text overflows the card by {to_mm(safe.y - top):.1f} mm; "
            "shorten it or choose a larger card in layouts/",
            key="preparation",
            lang=texts.lang,
        )
    frame.bookmarks.append(title)
    return frame


def legend_card(project: Project, texts: Texts, styles: StyleSheet) -> Frame:
    """What the diagram symbols mean, and which way the body faces."""
    spec = project.layout.spec.card
    title = texts.get("ui.legend_heading")
    frame, safe, band_bottom = _headed_card(project, texts, styles, "legend", title, title_key="ui.legend_heading")
    orientation = place(
        legend_orientation(project, texts), styles["sheet_body"], "sheet_body", safe.x, band_bottom - spec.gap, safe.w
    )
    frame.items.append(orientation)
    rows, bottom = legend_rows(project, texts, styles, safe.x, orientation.box.y - spec.gap, safe.w, spec.legend_symbol)
    frame.items += rows
    if bottom < safe.y - 0.01:
        raise FitError(
            f"legend card [{texts.lang}]: the legend overflows the card by {to_mm(safe.y - bottom):.1f} mm;"
            " shorten the labels or choose a larger card in layouts/",
            key="ui.legend_heading",
            lang=texts.lang,
        )
    frame.bookmarks.append(title)
    return frame


def _shifted(item: Item, dx: float, dy: float) -> Item:
    """`item` moved by (dx, dy); replace() keeps every other field (label style, crop bounds, labels, ...)."""
    if not isinstance(item, (Text, Diagram)):
        raise TypeError(f"cannot flow {type(item).__name__} onto a card")
    return replace(item, box=Box(item.box.x + dx, item.box.y + dy, item.box.w, item.box.h))


def _flowed_cards(
    project: Project, texts: Texts, styles: StyleSheet, kind: str, title: str, blocks: list[Block], gap: float
) -> list[Frame]:
    """Blocks flowed under the same header onto as many cards as they need, numbered 1/n, 2/n, ..."""
    spec = project.layout.spec.card
    kicker = texts.get("meta.title")
    band = band_height(project, styles, kicker, title, "1/2")
    _, trim, safe = _card_frame(project, kind, kind)
    top = trim.top - band - spec.gap
    pages = paginate(blocks, styles, safe.w, top - safe.y, gap)
    frames = []
    for index, page in enumerate(pages):
        frame, safe, _ = _headed_card(project, texts, styles, kind, title, _pages_label("", index, len(pages)), band)
        frame.items += [_shifted(item, safe.x, top - offset) for offset, item in page.items]
        if index == 0:
            frame.bookmarks.append(title)
        frames.append(frame)
    return frames


def preparation_cards(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """The preparation card, continued on further cards when it is too small for the text (may_continue); no
    card when the content has neither preparation nor ambience."""
    if not preparation_lines(texts, project):
        return []
    try:
        return [preparation_card(project, texts, styles)]
    except FitError:
        if not may_continue(project):
            raise
    blocks: list[Block] = [
        Para(text, name, keep_with_next=name == "card_heading") for name, text in _preparation_blocks(texts, project)
    ]
    title = preparation_title(texts, project)
    return _flowed_cards(project, texts, styles, "preparation", title, blocks, project.layout.spec.card.gap * 0.6)


def legend_cards(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """The legend card, its rows continued on further cards when it is too small for them. Always allowed,
    also on the designed card size: how many rows there are depends on the symbols a routine draws (a routine
    using most of them needs two cards), not on how long a text is."""
    try:
        return [legend_card(project, texts, styles)]
    except FitError:
        pass
    spec = project.layout.spec.card
    width = project.layout.geometry.card_w - 2 * spec.safe
    orientation = place(legend_orientation(project, texts), styles["sheet_body"], "sheet_body", 0, 0, width)
    # the orientation line keeps with the first two rows, and the last two rows go on together: no row is left
    # alone at either end of the list (the rule the booklet's lists follow)
    blocks: list[Block] = [Composite([orientation], orientation.box.h + spec.gap, keep_with_next=True)]
    items, bottom = legend_rows(project, texts, styles, 0, 0, width, spec.legend_symbol)
    tops = [max(a.box.top, b.box.top) for a, b in zip(items[::2], items[1::2], strict=True)]
    for i, pair in enumerate(zip(items[::2], items[1::2], strict=True)):
        top, below = tops[i], tops[i + 1] if i + 1 < len(tops) else bottom
        keep = len(tops) >= 2 and i in (0, len(tops) - 2)
        blocks.append(Composite([_shifted(item, 0, -top) for item in pair], top - below, keep_with_next=keep))
    return _flowed_cards(project, texts, styles, "legend", texts.get("ui.legend_heading"), blocks, 0.0)
