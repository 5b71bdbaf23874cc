"""Object streams (render/objstreams.py): the same objects as reportlab's own writer, only packed differently;
and only in the files that may be PDF 1.5 (not the PDF/X-1a:2003 decks, which are PDF 1.4)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest

from cardgen.render.objstreams import use_object_streams
from cardgen.render.standards import eol_before_endstream


def _document(packed: bool) -> bytes:
    """A small document with what the builds write: text, a form, an outline, a link, metadata-like streams."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.invariant = 1
    eol_before_endstream()  # as every build does (render/pdf.py)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 300), invariant=1, pageCompression=1)
    canvas.beginForm("mark")
    canvas.circle(5, 5, 4, fill=1)
    canvas.endForm()
    for page in range(3):
        canvas.bookmarkPage(f"p{page}")
        canvas.addOutlineEntry(f"Page {page + 1}", f"p{page}", level=0)
        canvas.drawString(20, 250, f"Page {page + 1} with some words")
        canvas.doForm("mark")
        canvas.linkAbsolute("next", "p0", (10, 10, 60, 30))
        canvas.showPage()
    canvas.showOutline()
    if packed:
        use_object_streams(canvas._doc)
    canvas.save()
    return buffer.getvalue()


def test_packed_file_holds_the_same_objects_as_reportlabs_own() -> None:
    classic, packed = _document(False), _document(True)
    assert classic[:8] < b"%PDF-1.5" and packed.startswith(b"%PDF-1.5")
    assert len(packed) < len(classic)
    with pikepdf.open(io.BytesIO(classic)) as a, pikepdf.open(io.BytesIO(packed)) as b:
        assert b.trailer.Type == "/XRef" and "/Type" not in a.trailer
        numbers = [obj.objgen[0] for obj in a.objects if obj.objgen[0]]
        assert numbers and b.Root.objgen == a.Root.objgen and b.docinfo.objgen == a.docinfo.objgen
        in_streams = 0
        for number in numbers:
            x, y = a.get_object(number, 0), b.get_object(number, 0)
            if isinstance(x, pikepdf.Stream):
                assert x.read_raw_bytes() == y.read_raw_bytes(), number
                assert x.stream_dict.unparse() == y.stream_dict.unparse(), number
            else:
                assert x.unparse() == y.unparse(), number
                in_streams += 1
        assert in_streams > 10, "the dictionaries went into the object stream"
        assert a.pages[2].Contents.read_bytes() == b.pages[2].Contents.read_bytes()


def test_every_stream_of_a_packed_file_ends_with_an_eol() -> None:
    data = _document(True)
    ends = [m.start() for m in re.finditer(rb"endstream", data)]
    assert len(ends) >= 3 and all(data[i - 1 : i] == b"\n" for i in ends)


@pytest.mark.parametrize(("name", "packed"), [("deck.pdf", False), ("deck-sheets.pdf", False), ("booklet.pdf", True)])
def test_only_files_that_are_not_pdfx_are_packed(built: Path, name: str, packed: bool) -> None:
    data = (built / "en" / name).read_bytes()
    assert data.startswith(b"%PDF-1.5" if packed else b"%PDF-1.4")
    assert (b"/ObjStm" in data) == packed and (b"\nxref\n" in data) == (not packed)
    with pikepdf.open(built / "en" / name) as pdf:
        assert len(pdf.pages) > 1
