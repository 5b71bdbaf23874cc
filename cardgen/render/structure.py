"""Tagged PDF: mark what a page draws as content of a structure element or as an artifact, and build the tree.

Every layout item carries its Tag (cardgen/layout/frames.py), so tagging is a by-product of drawing: each
tagged item's drawing is wrapped in `/Role <</MCID n>> BDC ... EMC`, each untagged shape in
`/Artifact BMC ... EMC`, and the elements are collected in the order drawn, which is the reading order the
layout gives. Text without a tag is a paragraph (P); a shape without one is an artifact.

At the end `finish` writes /StructTreeRoot (a Document element holding the rest), /ParentTree (each page's
MCIDs and each link annotation back to their elements), /MarkInfo, DisplayDocTitle, /StructParents and
/Tabs /S on the pages, and the contents' links: a /Link annotation per entry and page, inside its Link element
by an object reference (OBJR), as PDF/UA asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..layout.frames import Box, Tag, Text
from ..text.markup import FALLBACK, plain


@dataclass
class Element:
    role: str
    parent: Element | None
    alt: str | None = None
    lang: str | None = None
    scope: str | None = None
    kids: list[Element | tuple[int, int] | tuple[str, int, Any]] = field(default_factory=list)
    page: int | None = None  # the page of its first marked content
    obj: Any = None  # the PDFDictionary once written


@dataclass
class _Link:
    element: Element
    page: int
    box: Box
    target: int
    text: str


class Tagger:
    """Collects marked content and structure elements while pages are drawn; `finish` writes the tree."""

    def __init__(self, pages: int, fallback_lang: str | None = None) -> None:
        self.pages = pages  # link annotations' ParentTree keys follow the pages'
        self.document = Element("Document", None)
        self.groups: dict[tuple[str, ...], Element] = {}
        self.keyed: dict[str, Element] = {}
        self.page = -1
        self.mcids: list[list[Element]] = []  # per page: the element of each MCID
        self.links: list[_Link] = []
        self.fallback_lang = fallback_lang

    def new_page(self) -> None:
        self.page += 1
        self.mcids.append([])

    def _container(self, parents: tuple[tuple[str, str], ...]) -> Element:
        node = self.document
        for depth in range(len(parents)):
            path = tuple(f"{role}:{ident}" for role, ident in parents[: depth + 1])
            child = self.groups.get(path)
            if child is None:
                child = self.groups[path] = Element(parents[depth][0], node)
                node.kids.append(child)
            node = child
        return node

    def _element(self, tag: Tag, item: Any) -> Element:
        if tag.key is not None and tag.key in self.keyed:
            return self.keyed[tag.key]
        parent = self._container(tag.parents)
        lang = self.fallback_lang if isinstance(item, Text) and FALLBACK in item.text else None
        element = Element(tag.role, parent, tag.alt, lang, tag.scope)
        parent.kids.append(element)
        if tag.key is not None:
            self.keyed[tag.key] = element
        return element

    def begin(self, canvas: Any, item: Any) -> None:
        """Open the marked content of `item` (close it with `end`)."""
        tag = getattr(item, "tag", None)
        if tag is None and isinstance(item, Text):
            tag = Tag("P")
        if tag is None or tag.role == "Artifact":
            canvas.addLiteral("/Artifact BMC")
            return
        element = self._element(tag, item)
        page = self.mcids[self.page]
        mcid = len(page)
        page.append(element)
        if element.page is None:
            element.page = self.page
        element.kids.append((self.page, mcid))
        canvas.addLiteral(f"/{_content_tag(tag.role)} <</MCID {mcid}>> BDC")
        if tag.link is not None:
            self._add_link(element, item.box, tag.link, plain(item.text) if isinstance(item, Text) else "")

    def end(self, canvas: Any) -> None:
        canvas.addLiteral("EMC")

    def _add_link(self, element: Element, box: Box, target: int, text: str) -> None:
        """One link per element and page: a contents entry's title and its page number share one rectangle."""
        for link in self.links:
            if link.element is element and link.page == self.page:
                x, y = min(link.box.x, box.x), min(link.box.y, box.y)
                link.box = Box(x, y, max(link.box.right, box.right) - x, max(link.box.top, box.top) - y)
                link.text = f"{link.text} {text}".strip()
                return
        self.links.append(_Link(element, self.page, box, target, text))

    def targets(self) -> set[int]:
        """1-based pages some link goes to (each needs a destination)."""
        return {link.target for link in self.links}

    def add_links(self, canvas: Any) -> None:
        """The link annotations of the page just drawn; call before showPage."""
        for index, link in enumerate(self.links):
            if link.page != self.page:
                continue
            b = link.box
            annotation = _link_annotation(
                Rect=(b.x, b.y, b.right, b.top),
                Contents=link.text,  # PDF/UA: a link's description
                Destination=canvas._bookmarkReference(destination_name(link.target)),
                Border="[0 0 0]",
                F=4,  # print: PDF/A wants every annotation's print flag set
                StructParent=self.pages + index,  # the ParentTree's keys: pages first, then links
            )
            canvas._addAnnotation(annotation, f"cardgen-link-{index}")

    def finish(self, canvas: Any) -> None:
        """Write the structure tree and its catalog and page entries; call just before `canvas.save()`."""
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFPage

        document = canvas._doc
        pages = document.Pages.pages
        page_refs = [document.Reference(page) for page in pages]
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = document.Reference(root)
        doc_ref = self._write(self.document, root_ref, document, page_refs)
        root["K"] = PDFArray([doc_ref])
        nums: list[Any] = []
        for index, elements in enumerate(self.mcids):
            nums += [index, PDFArray([document.Reference(e.obj) for e in elements])]
        for index, link in enumerate(self.links):
            parent_index = self.pages + index
            annotation = document.refAnnotation(f"cardgen-link-{index}")
            link.element.obj["K"].sequence.append(
                PDFDictionary({"Type": PDFName("OBJR"), "Obj": annotation, "Pg": page_refs[link.page]})
            )
            nums += [parent_index, document.Reference(link.element.obj)]
        root["ParentTree"] = document.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        root["ParentTreeNextKey"] = self.pages + len(self.links)
        for index, page in enumerate(pages):
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = index
            page.Tabs = PDFName("S")
        catalog = document.Catalog
        catalog.StructTreeRoot = root
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})

    def _write(self, element: Element, parent_ref: Any, document: Any, page_refs: list[Any]) -> Any:
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

        obj = element.obj = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent_ref})
        entries = obj.dict  # reportlab's PDFDictionary copies what it is given; fill in its own dict
        ref = document.Reference(obj)
        if element.page is not None:
            entries["Pg"] = page_refs[element.page]
        if element.alt is not None:
            entries["Alt"] = PDFString(element.alt)
        if element.lang:
            entries["Lang"] = PDFString(element.lang)
        if element.scope:
            entries["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(element.scope)})
        kids: list[Any] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(self._write(kid, ref, document, page_refs))
            elif kid[0] == element.page:
                kids.append(kid[1])
            else:
                kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[kid[0]], "MCID": kid[1]}))
        entries["K"] = PDFArray(kids)
        return ref


def _link_annotation(**entries: Any) -> Any:
    """reportlab's LinkAnnotation, allowed the /StructParent a tagged link needs."""
    from reportlab.pdfbase.pdfdoc import LinkAnnotation

    class TaggedLink(LinkAnnotation):
        permitted = (*LinkAnnotation.permitted, "StructParent")

    return TaggedLink(**entries)


def destination_name(page: int) -> str:
    """The named destination of a 1-based page that a link goes to."""
    return f"cardgen-page-{page}"


def _content_tag(role: str) -> str:
    """The tag on the marked content itself (readers use the element's role; this only has to be a name)."""
    return "Span" if role in {"Link", "TD", "TH", "LBody"} else role
