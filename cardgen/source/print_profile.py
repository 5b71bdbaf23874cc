"""The print shop's ICC output profile (layout `pdfx.icc`, or `--icc FILE`), read and checked at load.

PDF/X-1a embeds it as the OutputIntent's DestOutputProfile when the printing condition is not a registered
one. It must be a CMYK output (printer) profile: the cards are CMYK, and an RGB or monitor profile would
describe a different device. A file named in a layout lies inside the layouts folder, like a font; a file
given on the command line is the user's own path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from .paths import PathRefused, resolve_inside

MAX_PROFILE = 8 * 1024 * 1024  # the largest printer profiles are a few MB


def read_output_profile(value: str | None, merged: Any, layouts_dir: Path) -> tuple[bytes | None, list[Problem]]:
    """(profile bytes or None, problems) for `pdfx.icc`; `merged` is the LayoutSource that reports lines."""
    if value is None:
        return None, []
    loc = ("pdfx", "icc")
    if merged._overridden(loc):  # --icc: the user's own path, relative to where they run cardgen
        path = Path(value)
    else:
        source = merged.defines(loc) or merged
        try:
            path = resolve_inside(
                value, Path(source.path).parent, [Path(source.path).parent, layouts_dir], "the layouts folder"
            )
        except PathRefused as exc:
            return None, [merged.problem(loc, str(exc))]
    if not path.is_file():
        return None, [merged.problem(loc, f"no such file: {path}; give the print shop's .icc profile")]
    if path.stat().st_size > MAX_PROFILE:
        return None, [merged.problem(loc, f"{path} is larger than {MAX_PROFILE // 2**20} MiB; is it an ICC profile?")]
    data = path.read_bytes()
    device, space = (
        (data[12:16].decode("latin-1"), data[16:20].decode("latin-1").strip()) if len(data) >= 128 else ("", "")
    )
    if len(data) < 128 or data[36:40] != b"acsp":
        return None, [merged.problem(loc, f"{path} is not an ICC profile (no 'acsp' signature)")]
    if space != "CMYK" or device != "prtr":
        found = f"a {space or '?'} {device or '?'} profile"
        return None, [merged.problem(loc, f"{path} is {found}; expected a CMYK output (printer) profile")]
    return data, []
