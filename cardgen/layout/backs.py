"""The card back: one design for the deck, so the backs of a printed deck look alike face down.

A pattern of overlapping rings runs into the bleed (so a duplex back that lands a millimetre off still covers
the card to its edge); a white panel in the safe area carries the content's logo (if routine.yaml names one),
the deck's title and, on step cards, the step number, so a dropped deck can be sorted without turning it over.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from ..source.load import Project
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .frames import Box, Fill, Frame, Pattern, Picture, Text
from .qr import qr_code
from .text import place


def ring_lattice(width: float, height: float, pitch: float) -> tuple[tuple[float, float, float], ...]:
    """Rings on a triangular lattice covering width x height (and a ring beyond each edge, so the pattern
    has no seam where it is clipped), radius 0.62 x pitch so neighbours overlap into a woven look."""
    if pitch <= 0:
        return ()
    row_h = pitch * math.sqrt(3) / 2
    radius = pitch * 0.62
    rows = math.ceil(height / row_h) + 2
    cols = math.ceil(width / pitch) + 2
    circles = []
    for r in range(-1, rows):
        shift = pitch / 2 if r % 2 else 0.0
        circles += [(c * pitch + shift, r * row_h, radius) for c in range(-1, cols)]
    return tuple(circles)


def _logo(project: Project) -> Path | None:
    """The content's logo, when routine.yaml names one. Hook: the loader resolves and checks `logo:` (inside
    the content folder, a PNG or JPEG) and sets Routine.logo; until it does, backs simply have no logo."""
    return getattr(project.routine, "logo", None)


def back_frame(project: Project, texts: Texts, styles: StyleSheet, number: int | None) -> Frame:
    """One card back, the same size as a card with its bleed; `number` is the step number (None: no number)."""
    spec = project.layout.spec.card
    geo = project.layout.geometry
    width, height = geo.card_w + 2 * spec.bleed, geo.card_h + 2 * spec.bleed
    frame = Frame(width, height, Box(spec.bleed, spec.bleed, geo.card_w, geo.card_h), kind="back", label="back")
    frame.items.append(Fill(Box(0, 0, width, height), fill="band"))
    frame.items.append(
        Pattern(
            Box(0, 0, width, height),
            f"back-pattern-{width:.2f}x{height:.2f}",
            ring_lattice(width, height, spec.back_pattern),
        )
    )
    safe = frame.trim.inset(spec.safe)
    pad = spec.gap * 1.6
    inner_w = safe.w - 2 * pad
    logo = _logo(project)
    lines = [("back_title", texts.get("meta.title"))]
    if number is not None:
        lines.append(("back_number", str(number)))
    texts_placed = [
        place(text, styles[name].clone(f"{name}-centred", alignment=1), name, 0, 0, inner_w) for name, text in lines
    ]
    heights = ([spec.back_logo] if logo is not None else []) + [t.box.h for t in texts_placed]
    url = texts.link("video")
    code = qr_code(url, 0, 0, project.layout.spec.qr, f"card back [{texts.lang}] links.video") if url else None
    if code is not None:
        caption = place(
            texts.get("ui.qr_video"), styles["back_caption"].clone("cap-c", alignment=1), "back_caption", 0, 0, inner_w
        )
        heights += [code.box.h, caption.box.h]
    panel_h = sum(heights) + spec.gap * (len(heights) - 1) + 2 * pad
    panel = Box(safe.x, frame.trim.y + (frame.trim.h - panel_h) / 2, safe.w, panel_h)
    frame.items.append(Fill(panel, fill="paper", radius=spec.gap))
    top = panel.top - pad
    if logo is not None:
        frame.items.append(Picture(Box(panel.x + pad, top - spec.back_logo, inner_w, spec.back_logo), logo))
        top -= spec.back_logo + spec.gap
    for t in texts_placed:
        frame.items.append(Text(Box(panel.x + pad, top - t.box.h, inner_w, t.box.h), t.para, t.text, t.style))
        top -= t.box.h + spec.gap
    if code is not None:  # the video's QR code, centred, its caption under it
        size = code.box.w
        frame.items.append(replace(code, box=Box(panel.x + (panel.w - size) / 2, top - size, size, size)))
        top -= size + spec.gap
        frame.items.append(replace(caption, box=Box(panel.x + pad, top - caption.box.h, inner_w, caption.box.h)))
    return frame


def backs(project: Project, texts: Texts, styles: StyleSheet, fronts: list[Frame]) -> list[Frame]:
    """The back of every front, in order. Cards with the same number share one back Frame, so a renderer
    draws each distinct back once."""
    numbers = {step.id: step.number for step in project.routine.steps}
    made: dict[int | None, Frame] = {}
    out = []
    for front in fronts:
        number = numbers.get(front.label) if front.kind == "step" else None
        if number not in made:
            made[number] = back_frame(project, texts, styles, number)
        out.append(made[number])
    return out
