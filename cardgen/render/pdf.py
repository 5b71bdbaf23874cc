"""Write frames to PDF documents: cards one per page, cards imposed on sheets, booklet pages.

Determinism: reportlab's invariant mode fixes the document ID and dates, so the same input gives the same bytes
(SOURCE_DATE_EPOCH is honoured for the dates a reader shows). What a PDF claims (PDF/X, PDF/A, tagged) is its
DocInfo's `conformance`; standards.py and structure.py write those parts.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from typing import Any

from ..layout.frames import Bookmark, Frame
from ..text.markup import plain
from ..text.styles import StyleSheet
from .draw import draw_frame
from .objstreams import use_object_streams
from .reuse import DrawnText
from .standards import Conformance, apply_conformance, eol_before_endstream, make_info
from .structure import Tagger, destination_name


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str  # "" leaves /Author out (no practitioner named)
    subject: str
    lang: str
    creator: str = "cardgen"
    conformance: Conformance = field(default_factory=Conformance)
    fallback_lang: str | None = None  # the language missing strings print in: /Lang on their elements


def new_canvas(buffer: io.BytesIO, info: DocInfo, pagesize: tuple[float, float], font: str) -> Any:
    """A canvas whose initial font is ours, so no unembedded base-14 font (Helvetica) is ever referenced."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.invariant = 1
    # Binary (Flate only) streams: ASCII85 on top of Flate makes every stream 25% larger and its pure-Python
    # encoder took a quarter of a one-language build (0.165 s of 0.7 s); no PDF reader needs it.
    rl_config.useA85 = 0
    eol_before_endstream()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1, lang=info.lang, initialFontName=font)
    canvas._doc.info = make_info(
        plain(info.title), info.author, plain(info.subject), info.creator, "cardgen (reportlab)", info.conformance
    )
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        canvas._doc._timeStamp.t = float(epoch)  # reportlab reads its timestamp from here in invariant mode
    return canvas


def _outline(canvas: Any, frame: Frame, page_index: int) -> None:
    for i, mark in enumerate(frame.bookmarks):
        key = f"p{page_index}-{i}"
        title, level = (mark.title, mark.level) if isinstance(mark, Bookmark) else (mark, 0)
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(plain(title), key, level=level)


def save(canvas: Any, info: DocInfo) -> None:
    """Add what the document claims to conform to (XMP, OutputIntent), then write it: with an object stream
    unless it claims PDF/X-1a, which is PDF 1.4 (objstreams.py)."""
    apply_conformance(canvas, info.lang, info.conformance)
    if info.conformance.pdfx is None:
        use_object_streams(canvas._doc)
    canvas.save()


def render_pages(frames: list[Frame], styles: StyleSheet, info: DocInfo, texts: DrawnText | None = None) -> bytes:
    """One frame per page; card frames get TrimBox = card and BleedBox = MediaBox = card + bleed. `texts`:
    records each text item's operators for the print PDF made from these frames (render.reuse)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, info, (frames[0].width, frames[0].height), styles.fonts.regular)
    tagger = Tagger(len(frames), info.fallback_lang) if info.conformance.tagged else None
    for index, frame in enumerate(frames):
        canvas.setPageSize((frame.width, frame.height))
        trim = frame.trim
        canvas.setTrimBox((trim.x, trim.y, trim.right, trim.top))
        canvas.setBleedBox((0, 0, frame.width, frame.height))
        _outline(canvas, frame, index)
        if tagger:
            tagger.new_page()
            canvas.bookmarkPage(destination_name(index + 1))
        draw_frame(canvas, frame, styles, tagger, texts)
        if tagger:
            tagger.add_links(canvas)
        canvas.showPage()
    if any(f.bookmarks for f in frames):
        canvas.showOutline()
    if tagger:
        tagger.finish(canvas)
    if texts is not None:
        texts.finish(canvas)
    save(canvas, info)
    return buffer.getvalue()
