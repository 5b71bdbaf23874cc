"""Place a language's link as a QR code of the layout's size, with its quiet zone, or refuse a URL too long.

The symbol is `qr.size` wide whatever the URL; a longer URL needs more modules, so each gets smaller. Below
`qr.min_module` a phone no longer reads it reliably through a laminate's glare, so that is a FitError asking for
a shorter address, never a code that may not scan.
"""

from __future__ import annotations

from ..errors import FitError
from ..source.qr import QUIET_ZONE, qr_modules
from ..source.schema.layout import QrGeometry
from ..source.units import to_mm
from .frames import Box, QrCode


def qr_width(url: str, spec: QrGeometry) -> float:
    """Width of the code including its quiet zone, in points."""
    count = len(qr_modules(url))
    return spec.size * (count + 2 * QUIET_ZONE) / count


def qr_code(url: str, x: float, y: float, spec: QrGeometry, where: str) -> QrCode:
    """The code for `url` with the lower-left corner of its quiet zone at (x, y)."""
    modules = qr_modules(url)
    module = spec.size / len(modules)
    if module < spec.min_module - 1e-9:
        raise FitError(
            f"{where}: the address {url!r} needs {len(modules)} modules across, {to_mm(module):.2f} mm each in a "
            f"{to_mm(spec.size):.0f} mm code, smaller than the {to_mm(spec.min_module):.2f} mm a phone reads "
            "reliably; use a shorter address (a short link) or a larger qr.size in layouts/"
        )
    width = qr_width(url, spec)
    return QrCode(Box(x, y, width, width), modules, QUIET_ZONE, url)
