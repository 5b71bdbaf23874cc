"""Read a tagged PDF the way a screen reader does, and check what PDF/UA asks of its structure.

Written against the file only (pikepdf for the objects and content streams, pdfplumber for the text of each
marked-content id), never against cardgen's layout, so the tests see what a reader sees. Until a full PDF/UA
validator can be had on the machine (veraPDF is not packaged), `problems` checks the machine-checkable
rules of the Matterhorn protocol that matter here:

- every painting operator of every page lies inside marked content: tagged (an MCID) or an Artifact;
- every MCID on a page belongs to a structure element (through the ParentTree), and every element's
  MCID exists on its page;
- every Figure has /Alt; headings start at H1 and never skip a level;
- every Link annotation has a /StructParent whose element is a Link holding an OBJR to that annotation,
  and a /Contents description;
- the catalog has /Lang, /MarkInfo /Marked true, /ViewerPreferences /DisplayDocTitle true, and pages with
  annotations have /Tabs /S.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf

#: operators that put marks on the page (text, paths, images, forms, shadings)
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "INLINE IMAGE", "EI"}


@dataclass
class Node:
    role: str
    depth: int
    text: str = ""
    alt: str | None = None
    lang: str | None = None
    kids: list[Node] = field(default_factory=list)


def _mcid_text(path: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text drawn inside it."""
    texts: dict[tuple[int, int], list[str]] = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts.setdefault((index, char["mcid"]), []).append(char["text"])
    return {key: "".join(chars) for key, chars in texts.items()}


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: i for i, page in enumerate(pdf.pages)}


def structure(path: Path) -> Node:
    """The structure tree with each element's own text (its MCIDs' text, in order), Alt and Lang."""
    texts = _mcid_text(path)
    with pikepdf.open(path) as pdf:
        pages = _page_index(pdf)

        def walk(elem: pikepdf.Dictionary, depth: int) -> Node:
            node = Node(
                str(elem.get("/S", "/?"))[1:],
                depth,
                alt=str(elem.Alt) if "/Alt" in elem else None,
                lang=str(elem.Lang) if "/Lang" in elem else None,
            )
            page = pages.get(elem.Pg.objgen) if "/Pg" in elem else None
            kids = elem.get("/K", [])
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            own = []
            for kid in kids:
                if isinstance(kid, int):
                    own.append(texts.get((page, int(kid)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    own.append(texts.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    continue
                elif isinstance(kid, pikepdf.Dictionary):
                    node.kids.append(walk(kid, depth + 1))
            node.text = " ".join(t for t in own if t)
            return node

        root = pdf.Root.StructTreeRoot
        top = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        tree = Node("StructTreeRoot", -1)
        tree.kids = [walk(k, 0) for k in top]
        return tree


def flatten(node: Node) -> list[Node]:
    out = [node] if node.depth >= 0 else []
    for kid in node.kids:
        out += flatten(kid)
    return out


def read_aloud(path: Path) -> list[str]:
    """One line per element, in reading order, as a screen reader announces it: role, then text or Alt."""
    lines = []
    for node in flatten(structure(path)):
        said = node.alt if node.role == "Figure" else node.text
        lang = f" [{node.lang}]" if node.lang else ""
        lines.append(f"{'  ' * node.depth}{node.role}{lang}: {said}" if said else f"{'  ' * node.depth}{node.role}")
    return lines


def _marked_content(pdf: pikepdf.Pdf) -> tuple[list[str], dict[int, set[int]]]:
    """(painting outside any marked content, per page) and the MCIDs each page's content stream uses."""
    problems: list[str] = []
    used: dict[int, set[int]] = {}
    for index, page in enumerate(pdf.pages):
        stack: list[str] = []
        used[index] = set()
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                stack.append(tag)
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    used[index].add(int(operands[1].MCID))
            elif op == "EMC":
                if not stack:
                    problems.append(f"page {index + 1}: EMC without BDC/BMC")
                else:
                    stack.pop()
            elif op in PAINT and not stack:
                problems.append(f"page {index + 1}: {op} outside marked content (neither tagged nor an artifact)")
        if stack:
            problems.append(f"page {index + 1}: {len(stack)} marked-content sequences left open")
    return problems, used


def problems(path: Path) -> list[str]:
    """Every PDF/UA structure rule above that the file breaks; [] for a clean file."""
    found: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            return ["no /StructTreeRoot: the file is not tagged"]
        if not str(root.get("/Lang", "")):
            found.append("catalog has no /Lang")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            found.append("catalog /MarkInfo /Marked is not true")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            found.append("catalog /ViewerPreferences /DisplayDocTitle is not true")
        painting, used = _marked_content(pdf)
        found += painting
        pages = _page_index(pdf)
        parent_tree = root.StructTreeRoot.ParentTree.Nums
        tree = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for index, page in enumerate(pdf.pages):
            key = page.obj.get("/StructParents")
            if used[index] and key is None:
                found.append(f"page {index + 1}: has MCIDs but no /StructParents")
                continue
            mapped = tree.get(int(key)) if key is not None else None
            for mcid in used[index]:
                if mapped is None or mcid >= len(mapped) or not isinstance(mapped[mcid], pikepdf.Dictionary):
                    found.append(f"page {index + 1}: MCID {mcid} belongs to no structure element")
            if "/Annots" in page.obj and page.obj.get("/Tabs") != "/S":
                found.append(f"page {index + 1}: annotations but no /Tabs /S")
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                if not str(annot.get("/Contents", "")):
                    found.append(f"page {index + 1}: a link without /Contents")
                elem = tree.get(int(annot.get("/StructParent", -1)))
                objrs = [] if elem is None else [k for k in elem.K if isinstance(k, pikepdf.Dictionary)]
                if elem is None or elem.S != "/Link" or not any(k.get("/Obj") == annot for k in objrs):
                    found.append(f"page {index + 1}: a link annotation outside a Link structure element")
        referenced: dict[int, set[int]] = {i: set() for i in range(len(pdf.pages))}
        levels: list[int] = []

        def walk(elem: pikepdf.Dictionary) -> None:
            role = str(elem.S)[1:]
            if role == "Figure" and not str(elem.get("/Alt", "")):
                found.append("a Figure without /Alt")
            if re.fullmatch(r"H[1-6]", role):
                levels.append(int(role[1]))
            page = pages.get(elem.Pg.objgen) if "/Pg" in elem else None
            kids = elem.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    if page is None:
                        found.append(f"{role}: an MCID without /Pg")
                    else:
                        referenced[page].add(int(kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    referenced[pages[kid.Pg.objgen]].add(int(kid.MCID))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                    walk(kid)

        top = root.StructTreeRoot.K
        for elem in top if isinstance(top, pikepdf.Array) else [top]:
            walk(elem)
        for index in referenced:
            for mcid in sorted(referenced[index] - used[index]):
                found.append(f"page {index + 1}: the structure tree names MCID {mcid}, which the page does not have")
            for mcid in sorted(used[index] - referenced[index]):
                found.append(f"page {index + 1}: MCID {mcid} is in no element's /K")
        previous = 0
        for level in levels:
            if level > previous + 1:
                found.append(f"heading H{level} follows H{previous}: a level is skipped")
            previous = level
    return found
