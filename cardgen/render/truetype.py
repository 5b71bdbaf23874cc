"""Drop TrueType hinting from the font subsets embedded in our PDFs.

Hinting is bytecode that snaps outlines to a screen's pixel grid at small sizes. Printers and PDF viewers
rasterise PDF text without it (or auto-hint), yet in Noto Sans it is almost half of every embedded subset:
the `fpgm`, `prep` and `cvt ` tables (4 KB per face) and each glyph's instructions. Removing it leaves every
outline, metric and name record as it was and makes each embedded face about 40% smaller.

Only the bytes reportlab embeds are changed (its subset, at save time); the font files in fonts/ are never
modified. Anything this code does not recognise is passed through untouched.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from itertools import pairwise
from typing import Any

HINTING_TABLES = frozenset({b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"})
_MORE_COMPONENTS, _WE_HAVE_INSTRUCTIONS = 0x20, 0x100


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def _glyph_without_instructions(glyph: bytes) -> bytes:
    """A glyf entry with its instructions removed (simple or composite); empty glyphs stay empty."""
    if not glyph:
        return glyph
    contours = struct.unpack(">h", glyph[:2])[0]
    if contours >= 0:
        at = 10 + 2 * contours
        points = struct.unpack(">H", glyph[at - 2 : at])[0] + 1 if contours else 0
        length = struct.unpack(">H", glyph[at : at + 2])[0]
        outline = at + 2 + length
        return glyph[:at] + b"\0\0" + glyph[outline : outline + _outline_length(glyph, outline, points)]
    at, flag_positions, any_instructions = 10, [], False
    while True:
        flags = struct.unpack(">H", glyph[at : at + 2])[0]
        flag_positions.append(at)
        any_instructions |= bool(flags & _WE_HAVE_INSTRUCTIONS)
        at += 4 + (4 if flags & 0x1 else 2)  # flags, glyph index, two arguments (words or bytes)
        at += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0  # scale / x-y / 2x2
        if not flags & _MORE_COMPONENTS:
            break
    if not any_instructions:
        return glyph
    out = bytearray(glyph[:at])  # the instructions follow the last component: cut them, clear every flag
    for position in flag_positions:
        flags = struct.unpack(">H", out[position : position + 2])[0]
        out[position : position + 2] = struct.pack(">H", flags & ~_WE_HAVE_INSTRUCTIONS)
    return bytes(out)


def _outline_length(glyph: bytes, at: int, points: int) -> int:
    """Bytes of a simple glyph's flags and coordinates starting at `at` (the glyph's own padding excluded)."""
    start, x_bytes, y_bytes, seen = at, 0, 0, 0
    while seen < points:
        flags = glyph[at]
        at += 1
        repeat = 1
        if flags & 0x08:  # REPEAT_FLAG: the next byte says how many more points share these flags
            repeat += glyph[at]
            at += 1
        x_bytes += repeat * (1 if flags & 0x02 else 0 if flags & 0x10 else 2)  # short / same / word
        y_bytes += repeat * (1 if flags & 0x04 else 0 if flags & 0x20 else 2)
        seen += repeat
    return at - start + x_bytes + y_bytes


def strip_hinting(font: bytes) -> bytes:
    """The same TrueType font without hinting tables and glyph instructions (unchanged if not plain TrueType)."""
    try:
        return _strip(font)
    except (struct.error, KeyError, ValueError, IndexError):
        return font


def _strip(font: bytes) -> bytes:
    version, count = struct.unpack(">LH", font[:6])
    if version not in (0x00010000, 0x74727565):  # TrueType outlines only ('true' is Apple's tag)
        return font
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sLLL", font[12 + 16 * i : 28 + 16 * i])
        tables[tag] = font[offset : offset + length]
    if not {b"glyf", b"loca", b"head"} <= tables.keys():
        return font
    long_loca = struct.unpack(">h", tables[b"head"][50:52])[0] == 1
    loca = tables[b"loca"]
    offsets = (
        struct.unpack(f">{len(loca) // 4}L", loca)
        if long_loca
        else [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)]
    )
    glyf, new_offsets = bytearray(), [0]
    for start, end in pairwise(offsets):
        glyf += _glyph_without_instructions(tables[b"glyf"][start:end])
        glyf += b"\0" * (-len(glyf) % 4)
        new_offsets.append(len(glyf))
    tables[b"glyf"] = bytes(glyf)
    if long_loca:
        tables[b"loca"] = struct.pack(f">{len(new_offsets)}L", *new_offsets)
    else:
        tables[b"loca"] = struct.pack(f">{len(new_offsets)}H", *(o // 2 for o in new_offsets))
    maxp = tables.get(b"maxp", b"")
    if len(maxp) >= 32:  # version 1.0: no instructions left, so none of the interpreter's limits are needed
        tables[b"maxp"] = maxp[:14] + struct.pack(">7H", 1, 0, 0, 0, 0, 0, 0) + maxp[28:]
    for tag in HINTING_TABLES:
        tables.pop(tag, None)
    head = tables[b"head"]
    tables[b"head"] = head[:8] + b"\0\0\0\0" + head[12:]  # checkSumAdjustment, set below
    tags = sorted(tables)
    power = 1 << (len(tags).bit_length() - 1)
    header = struct.pack(">LHHHH", version, len(tags), power * 16, power.bit_length() - 1, len(tags) * 16 - power * 16)
    directory, body = bytearray(), bytearray()
    offset = 12 + 16 * len(tags)
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sLLL", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    out = bytearray(header + directory + body)
    head_at = 12 + 16 * len(tags) + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index(b"head")])
    adjustment = (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF
    out[head_at + 8 : head_at + 12] = struct.pack(">L", adjustment)
    return bytes(out)


def embed_without_hinting(font: Any) -> None:
    """Make a registered reportlab TTFont embed its subsets without hinting (idempotent)."""
    face = font.face
    if getattr(face, "_cg_unhinted", False):
        return
    make_subset: Callable[..., bytes] = face.makeSubset
    face.makeSubset = lambda *args, **kwargs: strip_hinting(make_subset(*args, **kwargs))
    face._cg_unhinted = True
