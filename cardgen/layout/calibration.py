"""The duplex calibration sheet: targets on the front, rulers on the back, read against the light.

The front carries five crosshairs (centre and near each corner). The back carries, where each crosshair
should land after the printer's duplex turn, an x ruler and a y ruler in millimetres. Held up to a light with
the back towards you, each line of the front crosses its ruler at a number: that number, plus the offset the
sheet was printed with, is the printer offset to give cardgen (`--offset-x`, `--offset-y` or the layout's
sheet.offset_x/offset_y). Five places instead of one show whether the error is a shift (all agree) or a
scale or skew (they differ), and a 100 mm ruler on each side catches a printer driver that scales the page.

Why the reading is the correction: ruler tick t is drawn t mm from where the front's line should land, in
back-page coordinates. If the printer puts the back's content d mm off, tick t lands at t + d; the front's
line meets the tick where t + d = 0, so the reading is -d, exactly what impose.back_rect wants as its offset.
"""

from __future__ import annotations

from ..impose import MM, Rect, land_after_flip
from ..text.styles import StyleSheet
from .frames import Box, Frame, Rule, Text
from .text import place

#: Rulers read from -RANGE to +RANGE millimetres: printers are typically 0.5-3 mm out (PRINT.md).
RANGE = 5
TARGET_ARM = 16 * MM  # half the length of each crosshair line
RULER_GAP = 7 * MM  # distance from the target's centre to the ruler's baseline
RULER_PT = 5.5  # ruler numbers are 2 mm apart: small, but clear held close to a light


def targets(paper_w: float, paper_h: float, margin: float) -> list[tuple[float, float]]:
    """Centre, then the four corners inset enough that rulers and labels stay inside the printable area."""
    inset_x = margin + TARGET_ARM + 22 * MM
    inset_y = margin + TARGET_ARM + 45 * MM  # room above for the instructions, below for the 100 mm ruler
    left, right, bottom, top = inset_x, paper_w - inset_x, inset_y, paper_h - inset_y
    return [(paper_w / 2, paper_h / 2), (left, top), (right, top), (left, bottom), (right, bottom)]


def _label(
    text: str, styles: StyleSheet, x: float, y: float, width: float, align: int = 1, size: float | None = None
) -> Text:
    """A one-line label whose box is centred on x (align 1), starts at x (0) or ends at x (2), top at y;
    `size` in points shrinks it (ruler numbers 2 mm apart)."""
    style = styles["card_meta"].clone(f"calibration-{align}-{size}", alignment=align)
    if size is not None:
        style = style.clone(f"{style.name}-small", fontSize=size, leading=size * 1.1)
    left = {0: x, 1: x - width / 2, 2: x - width}[align]
    return place(text, style, "card_meta", left, y, width)


def _hundred_mm(frame: Frame, styles: StyleSheet, x: float, y: float, note: str) -> None:
    """A 100 mm ruler from (x, y) to the right, ticks every 10 mm: it checks the printer prints at 100 %."""
    frame.items.append(Rule(x, y, x + 100 * MM, y, color="ink", width=0.5))
    for i in range(11):
        frame.items.append(Rule(x + i * 10 * MM, y, x + i * 10 * MM, y + (3 if i % 5 else 5) * MM, "ink", 0.5))
    frame.items.append(_label(note, styles, x, y - 1 * MM, 100 * MM, align=0))


def calibration_front(
    paper_w: float, paper_h: float, margin: float, styles: StyleSheet, heading: str, lines: list[str]
) -> Frame:
    """The front: a crosshair at each target, lettered, and the instructions."""
    frame = Frame(paper_w, paper_h, Box(0, 0, paper_w, paper_h), kind="calibration", label="front")
    for letter, (x, y) in zip("ABCDE", targets(paper_w, paper_h, margin), strict=True):
        frame.items.append(Rule(x - TARGET_ARM, y, x + TARGET_ARM, y, color="ink", width=0.5))
        frame.items.append(Rule(x, y - TARGET_ARM, x, y + TARGET_ARM, color="ink", width=0.5))
        frame.items.append(_letter(letter, styles, x, y))
    _text_block(frame, styles, margin, heading, lines)
    _hundred_mm(frame, styles, (paper_w - 100 * MM) / 2, margin + 12 * MM, "100 mm at 100 % scale")
    return frame


def _letter(letter: str, styles: StyleSheet, x: float, y: float) -> Text:
    """The target's letter, below-left of its centre, clear of both lines and both rulers."""
    return place(
        letter,
        styles["card_heading"].clone("calibration-letter", alignment=2),
        "card_heading",
        x - 12 * MM,
        y - 2 * MM,
        10 * MM,
    )


def calibration_back(
    paper_w: float,
    paper_h: float,
    margin: float,
    styles: StyleSheet,
    flip: str,
    offset: tuple[float, float],
    heading: str,
    lines: list[str],
) -> Frame:
    """The back: at each target's landing place (mirrored by the flip, moved by the printed offset), an x
    ruler above it and a y ruler beside it, ticks every 0.5 mm, numbered every millimetre."""
    frame = Frame(paper_w, paper_h, Box(0, 0, paper_w, paper_h), kind="calibration", label="back")
    ox, oy = offset
    for letter, (fx, fy) in zip("ABCDE", targets(paper_w, paper_h, margin), strict=True):
        spot = land_after_flip(Rect(fx, fy, 0.0, 0.0), paper_w, paper_h, flip)  # the mirror is its own inverse
        x, y = spot.x + ox, spot.y + oy
        _x_ruler(frame, styles, x, y + RULER_GAP)
        _y_ruler(frame, styles, x + RULER_GAP, y)
        frame.items.append(_letter(letter, styles, x, y))
    _text_block(frame, styles, margin, heading, lines)
    _hundred_mm(frame, styles, (paper_w - 100 * MM) / 2, margin + 12 * MM, "100 mm at 100 % scale")
    return frame


def _x_ruler(frame: Frame, styles: StyleSheet, x: float, y: float) -> None:
    """Horizontal baseline at y; tick t (mm) at x + t, pointing up; numbers above every 2 mm."""
    frame.items.append(Rule(x - RANGE * MM, y, x + RANGE * MM, y, color="ink", width=0.3))
    for half in range(-2 * RANGE, 2 * RANGE + 1):
        t = half / 2
        tx = x + t * MM
        frame.items.append(Rule(tx, y, tx, y + (2.5 if half % 2 == 0 else 1.2) * MM, color="ink", width=0.3))
        if half % 4 == 0:
            frame.items.append(_label(_signed(t), styles, tx, y + 5 * MM, 6 * MM, size=RULER_PT))


def _y_ruler(frame: Frame, styles: StyleSheet, x: float, y: float) -> None:
    """Vertical baseline at x; tick t (mm) at y + t, pointing right; numbers right of every 2 mm."""
    frame.items.append(Rule(x, y - RANGE * MM, x, y + RANGE * MM, color="ink", width=0.3))
    for half in range(-2 * RANGE, 2 * RANGE + 1):
        t = half / 2
        ty = y + t * MM
        frame.items.append(Rule(x, ty, x + (2.5 if half % 2 == 0 else 1.2) * MM, ty, color="ink", width=0.3))
        if half % 4 == 0:
            frame.items.append(_label(_signed(t), styles, x + 3 * MM, ty + 1 * MM, 6 * MM, 0, RULER_PT))


def _text_block(frame: Frame, styles: StyleSheet, margin: float, heading: str, lines: list[str]) -> None:
    """Heading and instructions in the top margin area, across the page."""
    width = frame.width - 2 * (margin + 10 * MM)
    top = frame.height - margin - 6 * MM
    title = place(heading, styles["card_heading"], "card_heading", margin + 10 * MM, top, width)
    frame.items.append(title)
    top = title.box.y - 1.5 * MM
    for line in lines:
        item = place(line, styles["sheet_body"], "sheet_body", margin + 10 * MM, top, width)
        frame.items.append(item)
        top = item.box.y - 1 * MM


def _signed(t: float) -> str:
    """+2, 0, −2: a true minus sign, as wide as the plus, so the numbers line up."""
    sign = "+" if t > 0 else "\u2212"
    return "0" if t == 0 else f"{sign}{abs(t):.0f}"
