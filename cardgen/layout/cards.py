"""Lay out the deck: one card per step, plus the preparation and ambience card.

Geometry comes from the layout's `card` section; every box is computed from the safe area inside the trim,
so text and diagrams never reach the cut. Colour bands run into the bleed.
"""

from __future__ import annotations

from ..errors import FitError
from ..i18n import Texts
from ..load import Project
from ..model import Step
from ..styles import StyleSheet
from ..units import to_mm
from .frames import Box, Diagram, Fill, Frame, Rule, Text
from .legend import legend_rows
from .text import fit, place


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


def _fit_or_fail(text: str, styles: StyleSheet, name: str, box: Box, where: str, lang: str) -> Text:
    style = styles[name]
    minimum = project_min(styles, name)
    placed = fit(text, style, name, box, minimum)
    if placed is None:
        from .text import measure

        _, height = measure(
            text,
            style.clone("min", fontSize=minimum, leading=style.leading * minimum / style.fontSize),
            box.w,
        )
        raise FitError(
            f"{where} [{lang}]: text does not fit even at {minimum:g}pt; "
            f"it overflows by {to_mm(height - box.h):.1f} mm — shorten it or enlarge the box in layouts/"
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
) -> float:
    """Colour band with kicker line and title; returns the y where the band ends."""
    spec = project.layout.spec.card
    band_bottom = trim.top - spec.header
    frame.items.append(Fill(Box(0, band_bottom, frame.width, frame.height - band_bottom), fill="band"))
    top = safe.top
    kick = place(kicker, styles["card_step"], "card_step", safe.x, top, safe.w * 0.6 if aside else safe.w)
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
    frame.items.append(_fit_or_fail(title, styles, "card_title", title_box, f"{where} title", lang))
    return band_bottom


def step_card(project: Project, step: Step, texts: Texts, styles: StyleSheet) -> Frame:
    spec = project.layout.spec.card
    total = len(project.routine.steps)
    frame, trim, safe = _card_frame(project, "step", step.id)
    where = f"card {step.number} ({step.id})"
    band_bottom = _header(
        frame,
        trim,
        safe,
        project,
        styles,
        texts.get("ui.step_of", n=step.number, total=total),
        texts.get(f"steps.{step.id}.title"),
        texts.get("ui.minutes", minutes=step.minutes),
        where,
        texts.lang,
    )
    diagram_top = band_bottom - spec.gap
    diagram = Box(safe.x, diagram_top - spec.diagram, safe.w, spec.diagram)
    frame.items.append(Diagram(diagram, step.strokes))
    footer = Box(safe.x, safe.y, safe.w, spec.footer)
    frame.items.append(Rule(safe.x, footer.top, safe.right, footer.top, color="faint", width=0.6))
    meta = (
        f"**{texts.get('ui.hands_label')}:** {texts.get(f'ui.hands.{step.hands}')}  ·  "
        f"**{texts.get('ui.direction_label')}:** {texts.get(f'ui.direction.{step.direction}')}"
    )
    frame.items.append(
        _fit_or_fail(
            meta,
            styles,
            "card_meta",
            Box(safe.x, safe.y, safe.w, spec.footer - 1.5),
            f"{where} footer",
            texts.lang,
        )
    )
    body = Box(safe.x, footer.top + spec.gap, safe.w, diagram.y - spec.gap - (footer.top + spec.gap))
    frame.items.append(
        _fit_or_fail(
            texts.get(f"steps.{step.id}.instruction"),
            styles,
            "card_body",
            body,
            f"{where} instruction",
            texts.lang,
        )
    )
    frame.bookmarks.append(f"{step.number}. {texts.get(f'steps.{step.id}.title')}")
    return frame


def preparation_card(project: Project, texts: Texts, styles: StyleSheet) -> Frame:
    """The preparation and ambience sheet, as one card of the deck."""
    spec = project.layout.spec.card
    frame, trim, safe = _card_frame(project, "preparation", "preparation")
    title = f"{texts.get('preparation.heading')} · {texts.get('ambience.heading')}"
    band_bottom = _header(
        frame, trim, safe, project, styles, texts.get("meta.title"), title, "", "preparation card", texts.lang
    )
    oils = ", ".join(texts.get(f"preparation.essential_oils.{oil}") for oil in project.routine.essential_oils)
    music = ", ".join(project.routine.music)
    blocks = [
        ("card_heading", texts.get("preparation.heading")),
        ("sheet_body", texts.get("preparation.skin")),
        (
            "sheet_body",
            f"{texts.get('preparation.oil')} {texts.get('preparation.essential_oils_intro')} {oils}.",
        ),
        ("card_heading", texts.get("ambience.heading")),
        ("sheet_body", f"{texts.get('ambience.calm')} {texts.get('ambience.light')}"),
        ("sheet_body", f"{texts.get('ambience.music_intro')} {music}."),
        ("sheet_body", texts.get("ambience.candles")),
    ]
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
            "shorten it or choose a larger card in layouts/"
        )
    frame.bookmarks.append(title)
    return frame


def legend_card(project: Project, texts: Texts, styles: StyleSheet) -> Frame:
    """What the diagram symbols mean, and which way the body faces."""
    spec = project.layout.spec.card
    frame, trim, safe = _card_frame(project, "legend", "legend")
    title = texts.get("ui.legend_heading")
    band_bottom = _header(
        frame, trim, safe, project, styles, texts.get("meta.title"), title, "", "legend card", texts.lang
    )
    orientation = place(
        texts.get("ui.legend_orientation"), styles["sheet_body"], "sheet_body", safe.x, band_bottom - spec.gap, safe.w
    )
    frame.items.append(orientation)
    rows, bottom = legend_rows(texts, styles, safe.x, orientation.box.y - spec.gap, safe.w, spec.legend_symbol)
    frame.items += rows
    if bottom < safe.y - 0.01:
        raise FitError(
            f"legend card [{texts.lang}]: the legend overflows the card by {to_mm(safe.y - bottom):.1f} mm;"
            " shorten the labels or choose a larger card in layouts/"
        )
    frame.bookmarks.append(title)
    return frame


def deck(project: Project, texts: Texts, styles: StyleSheet) -> list[Frame]:
    """The whole deck in order: preparation, the legend, then one card per step."""
    return [
        preparation_card(project, texts, styles),
        legend_card(project, texts, styles),
        *(step_card(project, step, texts, styles) for step in project.routine.steps),
    ]
