"""Personal booklets by splicing: one language's booklet is rendered once, then each client's cover goes in.

Rendering a 12-page booklet and its imposed print file with reportlab takes about 0.25 s; a client's booklet
differs only in its cover. So a batch renders the two PDFs once with a placeholder cover (the template), and
per client renders the cover alone (one page) and splices it in:

- booklet.pdf: page 1 keeps its page object (so the outline's link to it stays valid) and gets the cover's
  content stream and resources, and its structure elements (the booklet is tagged: a client's contact and
  date are paragraphs the placeholder cover does not have);
- booklet-print.pdf: every page is a form XObject placed on the sheets; the cover is the form named `page1`
  (render.booklet_sheets names forms by reading position), so its entry in the first sheet's resources is
  replaced by the client's cover page turned into a form.

The splice works on bytes. Once per language (make_template) each PDF is opened with pikepdf, the objects a
client changes become empty "slots" (page 1's contents and resources, the Document element, the parent tree's
page 1 entry, Info and XMP; the print file's cover form), and it is saved and cut into the bytes of every
other object with their offsets (a Skeleton). Per client, the cover PDF (one page, small) is read with pikepdf,
its objects renumbered after the template's last and written with the slots after the shared bytes, under a
fresh cross-reference table. Re-opening and re-saving the whole template per client with pikepdf cost 17 ms
a booklet (two parses, two saves); this costs about 2.

reportlab names font subsets AAAAAA+, AAAAAB+, ... in every document, so the cover's subsets are renamed (CV
prefix) before they join the template's: two different subsets under one name can make a print shop's RIP,
which caches fonts by name, print the wrong glyphs. The /ID is a digest of the file's bytes: the same client
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: The cover's form in booklet-print.pdf (render.booklet_sheets: forms are named by reading position).
COVER_FORM = "/FormXob.page1"

#: A PDF literal or hex string (skipped: their bytes are never object numbers) or an indirect reference.
_TOKENS = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\w.+#/-])(\d+) (\d+) R\b", re.S)
#: A font subset's tag, as reportlab writes it in /BaseFont and /FontName: six capitals and a plus.
_SUBSET = re.compile(rb"/[A-Z]{2}([A-Z]{4})\+")


@dataclass(frozen=True)
class Skeleton:
    """A saved PDF cut into shared bytes and slots: `head` is the header and every object but the slots, in
    file order; `offsets[n]` is object n's offset in it (0 for a slot and for object 0)."""

    head: bytes
    offsets: tuple[int, ...]
    digest: bytes  # of `head`: the /ID hashes it and the client's bytes without hashing `head` again
    root: int
    slots: dict[str, int]  # what the client changes -> its object number
    template: bytes  # the whole saved file (for the Info and XMP of each practitioner named)

    @property
    def size(self) -> int:
        return len(self.offsets)


@dataclass(frozen=True)
class Template:
    """One language's booklet and print file, rendered once with a placeholder cover, cut for splicing."""

    booklet: Skeleton
    booklet_print: Skeleton
    pages: int
    print_pages: int
    document: bytes = b""  # the Document element's dictionary without its /K (kids)
    kept: tuple[int, ...] = ()  # the Document's kids on pages after the cover: they stay
    authors: dict[str, tuple[bytes, bytes, bytes, bytes]] = field(default_factory=dict, compare=False)


def _save(pdf: Any) -> bytes:
    """Streams are copied as they are: reportlab compressed them already (without ASCII85, render.pdf); qpdf
    need not decode and re-encode them. No object streams: the splice finds objects by the xref table."""
    import pikepdf

    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
    return buffer.getvalue()


def _cut(data: bytes, slots: dict[str, int], root: int) -> Skeleton:
    """Split a file qpdf wrote (one classic xref table, objects in number order) into shared bytes and slots."""
    start = int(data[data.rindex(b"startxref") :].split()[1])
    header, count = data[start:].split(b"\n", 2)[1].split()
    assert header == b"0", "one xref subsection"
    table = data[start:].split(b"\n", 2)[2]
    places = [int(table[20 * n : 20 * n + 10]) for n in range(int(count))]
    ends = {a: b for a, b in zip(sorted(places[1:]), [*sorted(places[1:])[1:], start], strict=True)}
    parts, offsets, position = [data[: min(places[1:])]], [0] * len(places), min(places[1:])
    skipped = set(slots.values())
    for number in sorted(range(1, len(places)), key=places.__getitem__):
        if number in skipped:
            continue
        chunk = data[places[number] : ends[places[number]]]
        offsets[number] = position
        parts.append(chunk)
        position += len(chunk)
    head = b"".join(parts)
    return Skeleton(head, tuple(offsets), hashlib.md5(head).digest(), root, slots, data)


def _booklet_skeleton(booklet: bytes) -> tuple[Skeleton, bytes, tuple[int, ...]]:
    """The booklet with page 1's contents and resources, the Document's kids on page 1, the parent tree's
    page 1 entry, Info and XMP as slots; also the Document's dictionary without /K, and its kept kids."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(booklet))
    first = pdf.pages[0].obj
    first.Contents = pdf.make_stream(b"")
    first.Resources = pdf.make_indirect(pikepdf.Dictionary())
    tree = pdf.Root.StructTreeRoot
    document = tree.K[0]
    document.K = pikepdf.Array([k for k in document.K if k.get("/Pg") is None or k.Pg.objgen != first.objgen])
    tree.ParentTree.Nums[1] = pdf.make_indirect(pikepdf.Array([]))
    saved = _save(pdf)
    pdf = pikepdf.open(io.BytesIO(saved))
    first, tree = pdf.pages[0].obj, pdf.Root.StructTreeRoot
    document = tree.K[0]
    slots = {
        "page": first.objgen[0],  # not a slot: the page the cover's elements are on
        "contents": first.Contents.objgen[0],
        "resources": first.Resources.objgen[0],
        "document": document.objgen[0],
        "parents": tree.ParentTree.Nums[1].objgen[0],
        "info": pdf.trailer.Info.objgen[0],
        "metadata": pdf.Root.Metadata.objgen[0],
    }
    kept = tuple(k.objgen[0] for k in document.K)
    rest = pikepdf.Dictionary({k: v for k, v in document.items() if k != "/K"}).unparse()
    shared = {k: v for k, v in slots.items() if k != "page"}
    skeleton = _cut(saved, shared, pdf.Root.objgen[0])
    return Skeleton(**{**vars(skeleton), "slots": slots}), rest, kept


def _print_skeleton(sheets: bytes) -> Skeleton:
    """The print file with the cover's form, Info and XMP as slots."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(sheets))
    holder = next(p for p in pdf.pages if COVER_FORM in p.Resources.get("/XObject", {}))
    holder.Resources.XObject[COVER_FORM] = pdf.make_stream(b"")
    saved = _save(pdf)
    pdf = pikepdf.open(io.BytesIO(saved))
    holder = next(p for p in pdf.pages if COVER_FORM in p.Resources.get("/XObject", {}))
    slots = {
        "form": holder.Resources.XObject[COVER_FORM].objgen[0],
        "info": pdf.trailer.Info.objgen[0],
        "metadata": pdf.Root.Metadata.objgen[0],
    }
    return _cut(saved, slots, pdf.Root.objgen[0])


def make_template(booklet: bytes, booklet_print: bytes, pages: int, print_pages: int) -> Template:
    """The template from reportlab's two PDFs, cut once into shared bytes and slots."""
    skeleton, document, kept = _booklet_skeleton(booklet)
    return Template(skeleton, _print_skeleton(booklet_print), pages, print_pages, document, kept)


def _renumber(text: bytes, number: Callable[[int], int]) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d 0 R" % number(int(match.group(1)))

    return _TOKENS.sub(one, text)


def _references(text: bytes) -> list[int]:
    return [int(m.group(1)) for m in _TOKENS.finditer(text) if m.group(1) is not None]


def _object(dictionary: bytes, stream: bytes | None) -> bytes:
    if stream is None:
        return dictionary
    return dictionary + b"\nstream\n" + stream + b"\nendstream"  # EOL before endstream (PDF/A)


def _stream_dict(stream: Any, length: int, **extra: Any) -> bytes:
    import pikepdf

    entries = {k: v for k, v in stream.stream_dict.items() if k != "/Length"}
    return pikepdf.Dictionary({**entries, **extra, "/Length": length}).unparse()


@dataclass
class _Cover:
    """The client's cover read from its PDF: every object it needs, by its number there, as bytes that still
    refer to the cover's numbers (renumbered per file, see _place)."""

    objects: dict[int, tuple[bytes, bytes | None]]
    order: list[int]
    contents: tuple[bytes, bytes]
    resources: bytes
    form: bytes
    #: struct element -> (its entries but /P /Pg /K, its parent element (None: the Document), its kids: an
    #: element's number (True, n) or a marked-content id (False, mcid))
    elements: dict[int, tuple[bytes, int | None, list[tuple[bool, int]]]]
    top: list[int]
    parents: list[int]


def _read_cover(cover_pdf: bytes) -> _Cover:
    import pikepdf

    cover = pikepdf.open(io.BytesIO(cover_pdf))
    page = cover.pages[0]
    contents = page.obj.Contents
    assert isinstance(contents, pikepdf.Stream), "reportlab writes one content stream a page"
    resources = page.obj.Resources.unparse(resolved=True)
    form = page.as_form_xobject()  # BBox and Matrix as pikepdf makes them; the filter is the page's
    raw = contents.read_raw_bytes()
    extra = {k: v for k, v in contents.stream_dict.items() if k in ("/Filter", "/DecodeParms")}
    form_dict = _stream_dict(form, len(raw), **extra)

    elements: dict[int, tuple[bytes, int | None, list[tuple[bool, int]]]] = {}

    def walk(element: Any, parent: int | None) -> int:
        number = element.objgen[0]
        kept = pikepdf.Dictionary({k: element[k] for k in ("/Alt", "/Lang", "/A") if k in element})
        kids = [
            (True, walk(kid, number)) if isinstance(kid, pikepdf.Dictionary) else (False, int(kid)) for kid in element.K
        ]
        elements[number] = (
            b"/Type /StructElem /S " + element.S.unparse() + b" " + kept.unparse()[2:-2].strip(),
            parent,
            kids,
        )
        return number

    tree = cover.Root.get("/StructTreeRoot")
    top = [walk(kid, None) for kid in tree.K[0].K] if tree is not None else []
    parents = [e.objgen[0] for e in tree.ParentTree.Nums[1]] if tree is not None else []
    # what the contents, resources and elements refer to, and what that refers to: all copied
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    todo = _references(resources) + [r for text, _, _ in elements.values() for r in _references(text)]
    while todo:
        number = todo.pop()
        if number in objects:
            continue
        obj = cover.get_object(number, 0)
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            objects[number] = (_stream_dict(obj, len(data)), data)
        else:
            objects[number] = (obj.unparse(resolved=True), None)
        todo += _references(objects[number][0])
    retag = {n: (_SUBSET.sub(rb"/CV\1+", text), data) for n, (text, data) in objects.items()}
    contents_entry = (_stream_dict(contents, len(raw)), raw)
    return _Cover(retag, sorted(retag), contents_entry, resources, form_dict, elements, top, parents)


def _authored(skeleton: Skeleton, author: str) -> tuple[bytes, bytes]:
    """(Info, XMP) objects of `skeleton` with `author` as /Author and dc:creator (PDF/A wants the two to
    agree); none named, the template's own."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(skeleton.template))
    if author:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:creator"] = [author]
        pdf.docinfo["/Author"] = author
    metadata = pdf.Root.Metadata
    data = metadata.read_bytes()  # unfiltered, as PDF/A wants it
    entries = {k: v for k, v in metadata.stream_dict.items() if k not in ("/Length", "/Filter", "/DecodeParms")}
    meta_dict = pikepdf.Dictionary({**entries, "/Length": len(data)}).unparse()
    return pdf.docinfo.unparse(resolved=True), _object(meta_dict, data)


def _assemble(skeleton: Skeleton, written: dict[int, bytes]) -> bytes:
    """The file: the shared bytes, then `written` (object number -> object), a new xref table and trailer."""
    parts = [skeleton.head]
    offsets = [*skeleton.offsets, *[0] * (max(written) + 1 - skeleton.size)]
    position = len(skeleton.head)
    for number, body in written.items():
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        offsets[number] = position
        parts.append(chunk)
        position += len(chunk)
    digest = hashlib.md5(skeleton.digest)
    for part in parts[1:]:
        digest.update(part)
    ident = digest.hexdigest().encode()
    entries = b"".join(b"%010d 00000 n \n" % offset for offset in offsets[1:])
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(offsets), entries))
    parts.append(
        b"trailer << /Root %d 0 R /Info %d 0 R /Size %d /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
        % (skeleton.root, skeleton.slots["info"], len(offsets), ident, ident, position)
    )
    return b"".join(parts)


def personalise(template: Template, cover_pdf: bytes, author: str) -> tuple[bytes, bytes]:
    """(booklet.pdf, booklet-print.pdf) of one client: the template with `cover_pdf`'s one page as its cover."""
    cover = _read_cover(cover_pdf)
    if author not in template.authors:  # the practitioner: usually one for a whole list
        template.authors[author] = (*_authored(template.booklet, author), *_authored(template.booklet_print, author))
    info, meta, print_info, print_meta = template.authors[author]

    booklet = template.booklet
    slots = booklet.slots
    new = {number: booklet.size + i for i, number in enumerate(cover.order)}
    new.update({number: booklet.size + len(new) + i for i, number in enumerate(cover.elements)})
    written = {
        slots["contents"]: _object(*cover.contents),
        slots["resources"]: _renumber(cover.resources, new.__getitem__),
        slots["info"]: info,
        slots["metadata"]: meta,
    }
    kids = b" ".join(b"%d 0 R" % n for n in [*(new[e] for e in cover.top), *template.kept])
    written[slots["document"]] = template.document[:-2].rstrip() + b" /K [ %s ] >>" % kids
    written[slots["parents"]] = b"[ %s ]" % b" ".join(b"%d 0 R" % new[e] for e in cover.parents)
    for number in cover.order:
        text, data = cover.objects[number]
        written[new[number]] = _object(_renumber(text, new.__getitem__), data)
    for number, (entries, parent, kids) in cover.elements.items():
        kid_refs = b" ".join(b"%d 0 R" % new[k] if element else b"%d" % k for element, k in kids)
        up = slots["document"] if parent is None else new[parent]
        written[new[number]] = b"<< %s /P %d 0 R /Pg %d 0 R /K [ %s ] >>" % (entries, up, slots["page"], kid_refs)
    first = _assemble(booklet, written)

    sheets = template.booklet_print
    moved = {number: sheets.size + i for i, number in enumerate(cover.order)}
    written = {
        sheets.slots["form"]: _object(_renumber(cover.form, moved.__getitem__), cover.contents[1]),
        sheets.slots["info"]: print_info,
        sheets.slots["metadata"]: print_meta,
    }
    for number in cover.order:
        text, data = cover.objects[number]
        written[moved[number]] = _object(_renumber(text, moved.__getitem__), data)
    return first, _assemble(sheets, written)
