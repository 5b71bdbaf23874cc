"""Lengths as users write them ("88mm", "10pt", "0.5in", "4x6in") converted to PDF points once, at load."""

from __future__ import annotations

import re

from ..errors import quote

MM = 72.0 / 25.4
UNITS: dict[str, float] = {"pt": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
_ZERO = re.compile(r"^\s*-?0+(?:\.0+)?\s*$")  # "0" needs no unit, as a bare number 0 needs none
#: The same pattern, for the editor schema (JSON Schema's `pattern`), so editor and loader accept the same text.
LENGTH_PATTERN = _LENGTH.pattern
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")


def parse_length(text: str | int | float) -> float:
    """Return the length in points; a bare 0 is allowed, any other number needs a unit.

    Raises ValueError with the accepted units, so schema errors can say what is allowed.
    """
    if isinstance(text, bool):
        raise ValueError(f"expected a length such as 3mm, 10pt or 0.5in; got {quote(text)}")
    if isinstance(text, int | float):
        if text == 0:
            return 0.0
        raise ValueError(f"a length needs a unit (pt, mm, cm, in), e.g. {text}mm; got {text!r}")
    if not isinstance(text, str):
        raise ValueError(f"expected a length such as 3mm, 10pt or 0.5in; got {quote(text)}")
    if _ZERO.match(text):
        return 0.0
    match = _LENGTH.match(text)
    if not match:
        raise ValueError(f"expected a length such as 3mm, 10pt or 0.5in; got {quote(text)}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_size(text: str) -> tuple[float, float]:
    """Parse "63x88mm" or "4x6in" into (width, height) in points."""
    match = _SIZE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"expected a size such as 63x88mm or 4x6in; got {quote(text)}")
    factor = UNITS[match.group(3)]
    return float(match.group(1)) * factor, float(match.group(2)) * factor


def to_mm(points: float) -> float:
    """Points back to millimetres, for messages a user reads."""
    return points / MM
