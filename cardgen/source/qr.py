"""QR codes for a language's links (a video of the routine, the booklet online): validation and module matrix.

Encoding is segno's (pure Python, maintained, ISO/IEC 18004 conformant); cardgen only takes the matrix of dark
and light modules, so layout stays pure data and render draws the modules as vector rectangles (no raster).
Error correction M, raised by segno whenever that costs no extra modules: a laminated card glares and scuffs.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

#: Light modules a reader needs around the symbol (ISO/IEC 18004: four).
QUIET_ZONE = 4


def check_url(value: str) -> str:
    """An absolute http(s) address with a host and no spaces; raises ValueError saying what was expected."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"expected an http:// or https:// address such as https://example.org/video; got {value!r}")
    return value


@cache
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of modules (True = dark) of the smallest regular QR code holding `data`, without the quiet zone."""
    import segno

    code = segno.make(data, error="m", boost_error=True, micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)
