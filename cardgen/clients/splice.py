"""Personal booklets by splicing: one language's booklet is rendered once, then each client's cover goes in.

Rendering a 12-page booklet and its imposed print file with reportlab takes about 0.25 s; a client's booklet
differs only in its cover. So a batch renders the two PDFs once with a placeholder cover (the template), and
per client renders the cover alone (one page, ~15 ms) and copies it into the template with pikepdf:

- booklet.pdf: page 1 keeps its page object (so the outline's link to it stays valid) and gets the cover's
  content stream and resources, and its structure elements (the booklet is tagged: a client's contact and
  date are paragraphs the placeholder cover does not have);
- booklet-print.pdf: every page is a form XObject placed on the sheets; the cover is the form named `page1`
  (render.booklet_sheets names forms by reading position), so its entry in the first sheet's resources is
  replaced by the client's cover page turned into a form.

reportlab names font subsets AAAAAA+, AAAAAB+, ... in every document, so the cover's subsets are renamed (CV
prefix) before they join the template's: two different subsets under one name can make a print shop's RIP,
which caches fonts by name, print the wrong glyphs. Saved with a deterministic /ID: the same client gives
the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

#: The cover's form in booklet-print.pdf (render.booklet_sheets: forms are named by reading position).
COVER_FORM = "/FormXob.page1"


@dataclass(frozen=True)
class Template:
    """One language's booklet and print file, rendered once with a placeholder cover."""

    booklet: bytes
    booklet_print: bytes
    pages: int
    print_pages: int


def make_template(booklet: bytes, booklet_print: bytes, pages: int, print_pages: int) -> Template:
    """The template from reportlab's two PDFs, passed once through qpdf. Measured: qpdf saves a file it wrote
    itself in ~1 ms, a file straight from reportlab in ~15 ms, and a client pays two saves."""
    import pikepdf

    return Template(
        _save(pikepdf.open(io.BytesIO(booklet))), _save(pikepdf.open(io.BytesIO(booklet_print))), pages, print_pages
    )


def _retag_fonts(resources: Any) -> None:
    """Rename the subset tags of the fonts in `resources` (AAAAAA+Name -> CVAAAA+Name), in place."""
    import pikepdf

    fonts = resources.get("/Font")
    if fonts is None:
        return
    for font in fonts.values():
        for holder, key in ((font, "/BaseFont"), (font.get("/FontDescriptor"), "/FontName")):
            if holder is None or key not in holder:
                continue
            name = str(holder[key])[1:]
            tag, plus, rest = name.partition("+")
            if plus and len(tag) == 6:
                holder[key] = pikepdf.Name(f"/CV{tag[2:]}+{rest}")


def _save(pdf: Any) -> bytes:
    """Streams are copied as they are: reportlab compressed them already (without ASCII85, render.pdf); qpdf
    need not decode and re-encode them."""
    import pikepdf

    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buffer.getvalue()


def personalise(template: Template, cover_pdf: bytes, author: str) -> tuple[bytes, bytes]:
    """(booklet.pdf, booklet-print.pdf) of one client: the template with `cover_pdf`'s one page as its cover."""
    import pikepdf

    cover = pikepdf.open(io.BytesIO(cover_pdf))
    page = cover.pages[0]
    _retag_fonts(page.Resources)

    booklet = pikepdf.open(io.BytesIO(template.booklet))
    first = booklet.pages[0]
    first.obj.Contents = booklet.copy_foreign(cover.make_indirect(page.obj.Contents))
    first.obj.Resources = booklet.copy_foreign(cover.make_indirect(page.obj.Resources))
    if "/StructTreeRoot" in booklet.Root:
        _splice_structure(booklet, cover)
    _set_author(booklet, author)

    sheets = pikepdf.open(io.BytesIO(template.booklet_print))
    holder = next(p for p in sheets.pages if COVER_FORM in p.Resources.get("/XObject", {}))
    holder.Resources.XObject[COVER_FORM] = sheets.copy_foreign(page.as_form_xobject())
    _set_author(sheets, author)
    return _save(booklet), _save(sheets)


def _splice_structure(booklet: Any, cover: Any) -> None:
    """Put the cover's own structure elements in place of the placeholder's: the top-level elements of the
    template's Document on page 1 go, the cover PDF's come first, and the ParentTree's page 1 entry follows."""
    import pikepdf

    first = booklet.pages[0].obj
    document = booklet.Root.StructTreeRoot.K[0]
    copied: dict[tuple[int, int], Any] = {}

    def copy(element: Any, parent: Any) -> Any:
        new = booklet.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=element.S, P=parent, Pg=first))
        for key in ("/Alt", "/Lang", "/A"):
            if key in element:
                new[key] = (
                    booklet.copy_foreign(element[key])
                    if isinstance(element[key], pikepdf.Dictionary)
                    else (element[key])
                )
        kids = []
        for kid in element.K:
            kids.append(copy(kid, new) if isinstance(kid, pikepdf.Dictionary) else kid)
        new.K = pikepdf.Array(kids)
        copied[element.objgen] = new
        return new

    kept = [k for k in document.K if k.get("/Pg") is None or k.Pg.objgen != first.objgen]
    spliced = [copy(k, document) for k in cover.Root.StructTreeRoot.K[0].K]
    document.K = pikepdf.Array([*spliced, *kept])
    mcids = cover.Root.StructTreeRoot.ParentTree.Nums[1]
    nums = booklet.Root.StructTreeRoot.ParentTree.Nums
    nums[1] = pikepdf.Array([copied[e.objgen] for e in mcids])


def _set_author(pdf: Any, author: str) -> None:
    """The practitioner as /Author and dc:creator (PDF/A wants the two to agree); none named, neither is set."""
    if not author:
        return
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:creator"] = [author]
    pdf.docinfo["/Author"] = author
