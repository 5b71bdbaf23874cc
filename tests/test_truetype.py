"""Embedded font subsets lose their hinting and nothing else: valid checksums, same glyphs, same metrics."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from reportlab.pdfbase.ttfonts import TTFontFile

from cardgen.render.truetype import HINTING_TABLES, strip_hinting


def tables(font: bytes) -> dict[bytes, bytes]:
    count = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sLLL", font[12 + 16 * i : 28 + 16 * i])
        out[tag] = font[offset : offset + length]
    return out


def checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


@pytest.fixture(scope="module")
def original_subset() -> bytes:
    """reportlab's own subset of Noto Sans Regular (hinted), for a mix of letters, digits and accents."""
    face = TTFontFile(str(ROOT / "fonts" / "NotoSans-Regular.ttf"))
    subset = [0, *(ord(c) for c in "Relaxing back massage 15 min — Rückenmassage, спина")]
    return face.makeSubset(subset)


def test_hinting_removed_and_checksums_valid(original_subset: bytes) -> None:
    assert HINTING_TABLES & tables(original_subset).keys()  # the original has hinting to remove
    stripped = strip_hinting(original_subset)
    assert len(stripped) < 0.75 * len(original_subset)
    assert not HINTING_TABLES & tables(stripped).keys()
    assert checksum(stripped) == 0xB1B0AFBA  # head.checkSumAdjustment makes the whole file sum to this
    count = struct.unpack(">H", stripped[4:6])[0]
    for i in range(count):
        _, recorded, offset, length = struct.unpack(">4sLLL", stripped[12 + 16 * i : 28 + 16 * i])
        table = stripped[offset : offset + length]
        if stripped[12 + 16 * i : 16 + 16 * i] != b"head":
            assert checksum(table) == recorded
    assert strip_hinting(stripped) == stripped


def test_same_glyphs_and_metrics(original_subset: bytes) -> None:
    before = TTFontFile(io.BytesIO(original_subset), validate=1)
    after = TTFontFile(io.BytesIO(strip_hinting(original_subset)), validate=1)
    assert after.charToGlyph == before.charToGlyph
    assert after.charWidths == before.charWidths
    assert after.hmetrics == before.hmetrics
    assert (after.ascent, after.descent, after.bbox) == (before.ascent, before.descent, before.bbox)
    # every glyph keeps its outline: same contours and bounding box, coordinates byte for byte
    t_before, t_after = tables(original_subset), tables(strip_hinting(original_subset))
    assert t_after[b"hmtx"] == t_before[b"hmtx"] and t_after[b"cmap"] == t_before[b"cmap"]
    assert t_after[b"glyf"][:10] == t_before[b"glyf"][:10]


def test_other_data_passes_through() -> None:
    for data in (b"", b"OTTO" + b"\0" * 40, b"not a font at all"):
        assert strip_hinting(data) == data


def test_embedded_fonts_carry_no_hinting(built: Path) -> None:
    pdf = pikepdf.open(built / "en" / "deck.pdf")
    fonts = [o.read_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Length1" in o]
    assert fonts
    for font in fonts:
        assert not HINTING_TABLES & tables(font).keys()
        assert checksum(font) == 0xB1B0AFBA
