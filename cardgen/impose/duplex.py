"""Duplex card sheets: where each card's back goes on the back page so it lands behind its front.

Conventions, which a renderer must follow:

- The back page is a normal upright PDF page. The printer's duplex mode ("flip on long edge" / "flip on short
  edge") turns the paper over about that edge of the *paper*. Turning over about a vertical axis mirrors x
  about the sheet's centre line; about a horizontal axis mirrors y. On portrait paper the long edge is
  vertical (long flip mirrors x, short flip mirrors y); on landscape paper it is the other way round.
- A finished card is turned over like a book page, about its own vertical axis, the way people turn cards.
  The back artwork is therefore drawn turned by `rotation` degrees counter-clockwise about its slot's centre
  so that it reads upright after that turn: on portrait paper, 0° for a long-edge flip and 180° for a
  short-edge flip (the paper turned top over bottom leaves the back upside down relative to a sideways turn).
  Cards placed rotated on the sheet (plan.rotation 90) get the rotation that follows from the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cardgen.impose.geometry import Rect
from cardgen.impose.sheet import SheetPlan

Flip = Literal["long", "short"]
Axis = Literal["x", "y"]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where to draw a card's back on the back page: trim, bleed clip and rotation (degrees, CCW)."""

    index: int
    trim: Rect
    bleed: Rect
    rotation: int


def mirror_axis(paper_w: float, paper_h: float, flip: Flip) -> Axis:
    """Which coordinate the duplex turn mirrors: "x" when the paper turns about a vertical edge."""
    if flip not in ("long", "short"):
        raise ValueError(f"flip must be 'long' or 'short', got {flip!r}")
    long_edge_vertical = paper_h >= paper_w  # square paper counts as portrait
    return "x" if (flip == "long") == long_edge_vertical else "y"


def back_rotation(front_rotation: int, axis: Axis) -> int:
    """Rotation of the back artwork so it reads upright when the cut card is turned about its vertical axis.

    Seen through the paper from the front, a back drawn at rotation b appears as F·R(b), F the mirror of the
    turn. Turning the card sideways about its own vertical axis must show it as R(f)·Mx (f the front's
    rotation). Solving F·R(b) = R(f)·Mx: with F = Mx, b = -f; with F = My = R(180)·Mx, b = 180 - f.
    """
    return (-front_rotation if axis == "x" else 180 - front_rotation) % 360


def back_slot(plan: SheetPlan, index: int, flip: Flip) -> tuple[int, int]:
    """(slot index on the back page, rotation of the back artwork in degrees) for the card in slot `index`.

    Portrait paper, long flip: column c -> cols-1-c, same row, rotation 0. Short flip: same column, row
    rows-1-r, rotation 180.
    """
    if not 0 <= index < plan.per_sheet:
        raise IndexError(f"slot {index} out of range for {plan.per_sheet} slots")
    row, col = divmod(index, plan.cols)
    axis = mirror_axis(plan.paper_w, plan.paper_h, flip)
    if axis == "x":
        col = plan.cols - 1 - col
    else:
        row = plan.rows - 1 - row
    return row * plan.cols + col, back_rotation(plan.rotation, axis)


def back_rect(plan: SheetPlan, index: int, flip: Flip, offset_x: float = 0.0, offset_y: float = 0.0) -> Placement:
    """Where to draw the back of the card in slot `index`, in back-page coordinates.

    (offset_x, offset_y) shifts the whole back page's content to correct the printer's misregistration: if a
    calibration sheet shows the backs land (dx, dy) off, measured in back-page coordinates, pass (-dx, -dy).
    A shift in back-page x lands mirrored (-x on the front) when the turn mirrors x.
    """
    back_index, rotation = back_slot(plan, index, flip)
    slot = plan.slots[back_index]
    return Placement(
        back_index,
        slot.trim.translate(offset_x, offset_y),
        slot.bleed.translate(offset_x, offset_y),
        rotation,
    )


def land_after_flip(back: Rect, paper_w: float, paper_h: float, flip: Flip) -> Rect:
    """Where a rectangle drawn on the back page ends up, in front-page coordinates, after the duplex turn.

    It is the same physical spot seen through the paper: for a perfect printer the back of every card lands
    exactly on its front.
    """
    if mirror_axis(paper_w, paper_h, flip) == "x":
        return Rect(paper_w - back.right, back.y, back.w, back.h)
    return Rect(back.x, paper_h - back.top, back.w, back.h)


def registration_error(front: Rect, back: Rect, paper_w: float, paper_h: float, flip: Flip) -> tuple[float, float]:
    """(dx, dy) by which the back, once the paper is turned, misses the front, in front-page coordinates."""
    landed = land_after_flip(back, paper_w, paper_h, flip)
    return (landed.x - front.x, landed.y - front.y)
