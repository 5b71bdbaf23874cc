"""Write a reportlab document with its dictionaries packed in one compressed object stream (PDF 1.5).

reportlab writes every object on its own, uncompressed unless it is a stream, and a classic xref table of 20
bytes an entry. A tagged booklet has ~300 objects, most of them small dictionaries (structure elements, pages,
links, outline entries): 43 KB of a 124 KB booklet.pdf. Packed into one Flate-compressed object stream with a
cross-reference stream instead of the table they take ~8 KB. Doing it here, as reportlab formats the objects,
costs about a millisecond; re-saving reportlab's file with qpdf (pikepdf) costs 8-25 ms a PDF and loses the
end-of-line before `endstream` that PDF/A wants.

Only for files that may be PDF 1.5: PDF/X-1a:2003 (deck.pdf, deck-sheets.pdf) is PDF 1.4, which has neither
object streams nor cross-reference streams, so those keep reportlab's own writer. PDF/A-2b (booklet.pdf) is
built on PDF 1.7 and allows both.
"""

from __future__ import annotations

import struct
import zlib
from types import MethodType
from typing import Any

#: How reportlab ends a formatted stream object; streams stay outside (an object stream holds no streams).
_STREAM_END = b"endstream\n"


def use_object_streams(document: Any) -> None:
    """Make `document` (a reportlab PDFDocument) write itself with an object stream and an xref stream."""
    document._pdfVersion = max(tuple(document._pdfVersion), (1, 5))
    document.format = MethodType(_format, document)


def _format(self: Any) -> bytes:
    """reportlab's PDFDocument.format, with dictionaries collected into an object stream (see the module)."""
    from reportlab.pdfbase.pdfdoc import PDFFile, PDFName, format, pdfdocEnc

    if self.encrypt.info():
        raise ValueError("object streams are written for unencrypted documents only")
    self.encrypt.prepare(self)
    self.Reference(self.Catalog)
    info_ref = self.Reference(self.info)
    out = PDFFile(self._pdfVersion)
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 0xFFFF)}  # number -> xref (type, field 2, field 3)
    packed: list[tuple[int, bytes]] = []
    number = 0
    # objects may register new objects while being formatted: go on until the numbers run out, as reportlab does
    while (number := number + 1) in self.numberToId:
        oid = self.numberToId[number]
        self.encrypt.register(number, 0)
        body = format(self.idToObject[oid], self, toplevel=1)
        if body.endswith(_STREAM_END):
            entries[number] = (1, out.add(pdfdocEnc(f"{number} 0 obj\n") + body + b"endobj\n"), 0)
        else:
            entries[number] = (2, 0, len(packed))  # field 2 (the stream's number) is set below
            packed.append((number, body.rstrip(b"\n")))
    stream_number, xref_number = number, number + 1
    header = " ".join(f"{n} {offset}" for n, offset in _offsets(packed)).encode() + b"\n"
    data = zlib.compress(header + b"\n".join(body for _, body in packed))
    objstm = {"Type": PDFName("ObjStm"), "N": len(packed), "First": len(header)}
    entries[stream_number] = (1, out.add(_stream(stream_number, objstm, data, self)), 0)
    for n, (kind, _, index) in list(entries.items()):
        if kind == 2:
            entries[n] = (2, stream_number, index)
    xref_offset = out.offset
    entries[xref_number] = (1, xref_offset, 0)
    width = max(1, (xref_offset.bit_length() + 7) // 8)
    rows = b"".join(
        struct.pack(">B", kind) + field.to_bytes(width, "big") + struct.pack(">H", last)
        for kind, field, last in (entries[n] for n in range(xref_number + 1))
    )
    trailer = {
        "Type": PDFName("XRef"),
        "Size": xref_number + 1,
        "W": [1, width, 2],
        "Root": self.Reference(self.Catalog),
        "Info": info_ref,
        "ID": self.ID(),
    }
    out.add(_stream(xref_number, trailer, zlib.compress(rows), self))
    out.add(pdfdocEnc(f"startxref\n{xref_offset}\n%%EOF\n"))
    return out.format(self)


def _offsets(packed: list[tuple[int, bytes]]) -> list[tuple[int, int]]:
    """Each packed object's number and its offset from the first object (bodies joined by one newline)."""
    at, out = 0, []
    for number, body in packed:
        out.append((number, at))
        at += len(body) + 1
    return out


def _stream(number: int, entries: dict[str, Any], data: bytes, document: Any) -> bytes:
    """An indirect Flate stream, its data followed by an end-of-line before `endstream` (PDF/A)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, format, pdfdocEnc

    values = {k: PDFArray(v) if isinstance(v, list) else v for k, v in entries.items()}
    values |= {"Filter": PDFName("FlateDecode"), "Length": len(data)}
    head = format(PDFDictionary(values), document)
    return pdfdocEnc(f"{number} 0 obj\n") + head + b"\nstream\n" + data + b"\nendstream\nendobj\n"
