"""What makes a PDF one a print shop or an archive accepts: the PDF/X and PDF/A parts reportlab does not write.

- deck.pdf and deck-sheets.pdf claim PDF/X-1a:2003 (ISO 15930-4). The cards are CMYK only with no transparency,
  which is what X-1a is for, and it can name a registered printing condition (FOGRA39, GRACoL2013, ...) by its
  OutputConditionIdentifier without embedding a profile; X-4 would need a CMYK profile embedded in every file
  and buys transparency and ICC colour we do not use. A condition that is not registered needs its profile:
  the shop's ICC file is then embedded as DestOutputProfile. X-1a:2003 is built on PDF 1.4, so the header
  stays %PDF-1.4; it wants GTS_PDFXVersion and GTS_PDFXConformance in the Info dictionary, Trapped set, and a
  TrimBox on every page (pdf.py sets TrimBox and BleedBox).
- booklet.pdf claims PDF/A-2b (ISO 19005-2) and PDF/UA-1: XMP metadata that repeats the Info dictionary, an
  OutputIntent GTS_PDFA1 with an embedded CMYK profile (our device CMYK needs one; see
  cardgen/render/profiles/README.md for where the shipped one comes from).
- Both: XMP metadata naming the title and the claims, and an end-of-line before every `endstream` (reportlab
  writes the keyword straight after the data, which PDF/A and PDFBox's preflight reject).

Everything here writes through reportlab's own object model (PDFDictionary, PDFStream, the catalog's
attributes) before `canvas.save()`, so a build stays one pass and no second PDF library is needed.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..text.markup import escape

PDFX_VERSION = "PDF/X-1:2003"
PDFX_CONFORMANCE = "PDF/X-1a:2003"
ICC_REGISTRY = "http://www.color.org"
#: The profile PDF/A's OutputIntent embeds (device CMYK needs one); built from the FOGRA39L data.
BOOKLET_PROFILE = Path(__file__).with_name("profiles") / "cardgen-FOGRA39L.icc"


@dataclass(frozen=True)
class OutputIntent:
    """A printing condition: its identifier, a line describing it and, when embedded, its ICC profile."""

    condition: str
    info: str
    profile: bytes | None = None
    registry: str | None = ICC_REGISTRY


@dataclass(frozen=True)
class Conformance:
    """What a PDF claims: PDF/X-1a:2003 (`pdfx` set), PDF/A-2b and PDF/UA-1 (`pdfa` set, tagged)."""

    pdfx: OutputIntent | None = None
    pdfa: OutputIntent | None = None
    tagged: bool = False  # a structure tree (PDF/UA-1 claimed in XMP)


def deck_conformance(condition: str, profile: bytes | None) -> Conformance:
    """PDF/X-1a:2003 for the print shop's condition: registered (named only) or described by its own profile."""
    if profile is None:
        return Conformance(pdfx=OutputIntent(condition, f"{condition} (registered at {ICC_REGISTRY})"), tagged=True)
    return Conformance(pdfx=OutputIntent(condition, f"{condition} (ICC profile embedded)", profile, None), tagged=True)


def booklet_conformance() -> Conformance:
    profile = BOOKLET_PROFILE.read_bytes()
    return Conformance(pdfa=OutputIntent("FOGRA39L", "Coated FOGRA39 (ISO 12647-2:2004)", profile, None), tagged=True)


def icc_colour_space(profile: bytes) -> tuple[str, str]:
    """(device class, colour space) from an ICC header, e.g. ("prtr", "CMYK")."""
    if len(profile) < 128 or profile[36:40] != b"acsp":
        return "", ""
    return profile[12:16].decode("latin-1"), profile[16:20].decode("latin-1").strip()


def _components(profile: bytes) -> int:
    return {"GRAY": 1, "RGB": 3, "CMYK": 4}.get(icc_colour_space(profile)[1], 4)


def eol_before_endstream() -> None:
    """Make reportlab end every stream's data with an EOL before `endstream` (ISO 19005-2, 6.1.7.1).

    The Length stays the data's length, so readers see the same bytes; only the keyword moves to its own line.
    reportlab has one place that writes streams (PDFStream.format), patched once per process.
    """
    from reportlab.pdfbase import pdfdoc

    original = pdfdoc.PDFStream.format
    if getattr(original, "cardgen_eol", False):
        return

    def format_with_eol(self: Any, document: Any) -> bytes:
        data: bytes = original(self, document)
        assert data.endswith(b"endstream\n")
        return data[: -len(b"endstream\n")] + b"\nendstream\n"

    format_with_eol.cardgen_eol = True  # type: ignore[attr-defined]
    pdfdoc.PDFStream.format = format_with_eol


def _pdf_date(ts: Any) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return f"D:{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}{ts.dhh:+03d}'{ts.dmm:02d}'"


def _xmp_date(ts: Any) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def make_info(title: str, author: str, subject: str, creator: str, producer: str, conformance: Conformance) -> Any:
    """reportlab's Info dictionary without an empty /Author or /Keywords, plus the PDF/X keys when claimed."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    class Info(PDFInfo):
        def format(self, document: Any) -> bytes:
            date = PDFString(_pdf_date(document._timeStamp))
            entries: dict[str, Any] = {
                "Title": PDFString(self.title),
                "Subject": PDFString(self.subject),
                "Creator": PDFString(self.creator),
                "Producer": PDFString(self.producer),
                "CreationDate": date,
                "ModDate": date,
                "Trapped": PDFName("False"),
            }
            if self.author:
                entries["Author"] = PDFString(self.author)
            if conformance.pdfx:
                entries["GTS_PDFXVersion"] = PDFString(PDFX_VERSION)
                entries["GTS_PDFXConformance"] = PDFString(PDFX_CONFORMANCE)
            return PDFDictionary(entries).format(document)

    info = Info()
    info.title, info.author, info.subject, info.creator, info.producer = title, author, subject, creator, producer
    return info


def xmp_packet(info: Any, lang: str, conformance: Conformance, stamp: Any) -> bytes:
    """The XMP metadata stream's packet: the Info dictionary's values again, and the standards claimed."""
    date = _xmp_date(stamp)
    fields = [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>',
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt>'
        "</dc:description>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>",
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>",
    ]
    if info.author:
        fields.insert(2, f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>")
    extension = ""
    if conformance.pdfx:
        fields += [  # pdf:Trapped only here: PDF/A-1's XMP schemas do not define it (PDFBox: 7.1.1)
            "<pdf:Trapped>False</pdf:Trapped>",
            f"<pdfx:GTS_PDFXVersion>{PDFX_VERSION}</pdfx:GTS_PDFXVersion>",
            f"<pdfx:GTS_PDFXConformance>{PDFX_CONFORMANCE}</pdfx:GTS_PDFXConformance>",
            f"<pdfxid:GTS_PDFXVersion>{PDFX_CONFORMANCE}</pdfxid:GTS_PDFXVersion>",
        ]
    if conformance.pdfa:
        fields += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    if conformance.tagged:
        fields.append("<pdfuaid:part>1</pdfuaid:part>")
        extension = _PDFUA_EXTENSION if conformance.pdfa else ""
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    body = "\n  ".join(fields)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'<rdf:Description rdf:about="" {namespaces}>\n  {body}\n</rdf:Description>\n{extension}'
        "</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}

#: PDF/A accepts only XMP properties of its predefined schemas unless the file describes the others:
#: pdfuaid:part is described here (the form the PDF/UA Reference Suite uses).
_PDFUA_EXTENSION = """<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def _written_stream(content: bytes, entries: dict[str, Any]) -> Any:
    """A stream whose data is written as given: unfiltered (PDF/A forbids a filtered metadata stream) or already
    encoded by the caller (entries then name the filter)."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream

    class Plain(PDFStream):
        def format(self, document: Any) -> bytes:
            dictionary = PDFDictionary({**entries, "Length": len(content)})
            return dictionary.format(document) + b"\nstream\n" + content + b"\nendstream\n"

    return Plain(PDFDictionary(entries), content)


@lru_cache(maxsize=4)
def deflated(profile: bytes) -> bytes:
    """An ICC profile's Flate data (as reportlab's own filter writes it), compressed once per process: the same
    profile goes into every booklet and deck of a build and into every client's cover page of a batch, and
    compressing it is most of what embedding costs (0.9 ms for the booklet's 28 KB profile)."""
    return zlib.compress(profile)


def _intent_dict(document: Any, intent: OutputIntent, subtype: str) -> Any:
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    entries: dict[str, Any] = {
        "Type": PDFName("OutputIntent"),
        "S": PDFName(subtype),
        "OutputConditionIdentifier": PDFString(intent.condition),
        "Info": PDFString(intent.info),
    }
    if intent.registry:
        entries["RegistryName"] = PDFString(intent.registry)
    if intent.profile is not None:
        flate = {"N": _components(intent.profile), "Filter": PDFArray([PDFName("FlateDecode")])}
        entries["DestOutputProfile"] = document.Reference(_written_stream(deflated(intent.profile), flate))
    return document.Reference(PDFDictionary(entries))


def apply_conformance(canvas: Any, lang: str, conformance: Conformance) -> None:
    """Add the XMP metadata and the OutputIntent to the catalog; call just before `canvas.save()`."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFName

    document = canvas._doc
    catalog = document.Catalog
    # PDF/UA is claimed only where a structure tree was written (the imposed sheets place untagged forms)
    conformance = replace(conformance, tagged=getattr(catalog, "StructTreeRoot", None) is not None)
    packet = xmp_packet(document.info, lang, conformance, document._timeStamp)
    catalog.Metadata = _written_stream(packet, {"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    intents = []
    if conformance.pdfx:
        intents.append(_intent_dict(document, conformance.pdfx, "GTS_PDFX"))
    if conformance.pdfa:
        intents.append(_intent_dict(document, conformance.pdfa, "GTS_PDFA1"))
    if intents:
        catalog.OutputIntents = PDFArray(intents)
        catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    for page in document.Pages.pages:
        page.Trans = None  # reportlab writes an empty /Trans on every page unless told of a transition
