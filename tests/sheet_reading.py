"""Read imposed sheets back from the PDF: which marker text sits on which half of each side, and whether it is
upright or turned 180°. Written against pdfplumber's characters only, not cardgen's plan, so the tests check
what a printer would actually print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber


@dataclass(frozen=True)
class Marker:
    text: str
    x: float  # centre, in PDF points from the sheet's left edge
    y: float  # centre, from the bottom edge
    turned: bool  # drawn rotated 180°


def _words(chars: list[dict], page_height: float) -> list[Marker]:
    """Characters joined into words along their baseline, in reading order for their own rotation."""
    lines: dict[tuple[int, bool], list[dict]] = {}
    for c in chars:
        turned = c["matrix"][0] < 0
        lines.setdefault((round(c["top"]), turned), []).append(c)
    words = []
    for (_, turned), line in lines.items():
        line.sort(key=lambda c: c["x0"], reverse=turned)
        current: list[dict] = []
        for c in line:
            if current:
                prev = current[-1]
                gap = prev["x0"] - c["x1"] if turned else c["x0"] - prev["x1"]
                if gap > c["size"] * 0.4:
                    words.append(current)
                    current = []
            current.append(c)
        if current:
            words.append(current)
    out = []
    for word in words:
        x0, x1 = min(c["x0"] for c in word), max(c["x1"] for c in word)
        top, bottom = min(c["top"] for c in word), max(c["bottom"] for c in word)
        turned = word[0]["matrix"][0] < 0
        out.append(Marker("".join(c["text"] for c in word), (x0 + x1) / 2, page_height - (top + bottom) / 2, turned))
    return out


@dataclass(frozen=True)
class SideReading:
    width: float
    height: float
    left: list[Marker]
    right: list[Marker]


def read_sides(path: Path, pattern: str, band: float | None = None) -> list[SideReading]:
    """Markers matching `pattern` on each PDF page (sheet side), split at the vertical centre line.

    `band`: only words whose centre lies within this distance of the top or bottom edge (page numbers).
    """
    regex = re.compile(pattern)
    sides = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = [w for w in _words(page.chars, page.height) if regex.fullmatch(w.text)]
            if band is not None:
                words = [w for w in words if w.y < band or w.y > page.height - band]
            mid = page.width / 2
            sides.append(
                SideReading(page.width, page.height, [w for w in words if w.x < mid], [w for w in words if w.x >= mid])
            )
    return sides


def saddle_positions(padded: int, flip: str) -> list[tuple[int, int, bool]]:
    """What a printed sheet side must show, from PRINT.md: for n positions sheet k carries (n-2k, 2k+1) on the
    front and (2k+2, n-2k-1) on the back, each (left, right) as the reader holds it upright. With long-edge
    duplex the back is printed turned 180°, so on the PDF page its left page is on the right, upside down.

    Returns (physical left position, physical right position, turned) per side in printing order.
    """
    out = []
    for k in range(padded // 4):
        out.append((padded - 2 * k, 2 * k + 1, False))
        back = (2 * k + 2, padded - 2 * k - 1)
        out.append((back[1], back[0], True) if flip == "long" else (back[0], back[1], False))
    return out
