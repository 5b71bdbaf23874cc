"""PNG previews of every card and booklet page, rendered from the finished PDF bytes.

Rendering the PDF itself (with pypdfium2, Chrome's PDF engine) rather than re-drawing the layout frames means
the preview shows exactly what prints: embedded font subsets, colours, clipping and all. Each page also keeps
the text pdfium extracts from it, so a preview page can carry it as alt text and a browser can search it.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..output.atomic import write_atomic

#: The PDFs that have pages worth looking at one by one (imposed sheets repeat the cards).
PREVIEWED = ("deck.pdf", "booklet.pdf")
DEFAULT_DPI = 96

# pdfium is not thread-safe; the live server renders from its watcher thread while tests may render elsewhere.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class PagePreview:
    """One rendered page: where it comes from, its PNG bytes and the text printed on it."""

    document: str  # "deck" or "booklet"
    number: int  # 1-based page number within the document
    png: bytes
    text: str
    width: int
    height: int

    @property
    def filename(self) -> str:
        return f"{self.document}-{self.number:02d}.png"


def render_pdf(data: bytes, document: str, *, dpi: int = DEFAULT_DPI, bleed: bool = False) -> list[PagePreview]:
    """Render every page of a PDF to PNG; crop to the TrimBox (the finished card) unless `bleed` is asked for."""
    import pypdfium2 as pdfium

    scale = dpi / 72.0
    rendered: list[tuple[Any, str]] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                crop = (0.0, 0.0, 0.0, 0.0)
                if not bleed:
                    left, bottom, right, top = page.get_trimbox()
                    m_left, m_bottom, m_right, m_top = page.get_mediabox()
                    crop = (left - m_left, bottom - m_bottom, m_right - right, m_top - top)
                image = page.render(scale=scale, crop=crop).to_pil()
                rendered.append((image, _clean(page.get_textpage().get_text_bounded())))
        finally:
            pdf.close()
    # PNG encoding is most of the time and Pillow releases the GIL for it: encode the pages side by side.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        encoded = list(pool.map(_png, (image for image, _ in rendered)))
    return [
        PagePreview(document, number, png, text, image.width, image.height)
        for number, (png, (image, text)) in enumerate(zip(encoded, rendered, strict=True), start=1)
    ]


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # level 6 is slower for the same size on flat artwork
    return buffer.getvalue()


def _clean(text: str) -> str:
    """pdfium's text with Windows line ends and soft hyphens gone, so it reads like the page does."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "").replace("\x02", "")


class PreviewCache:
    """Renders a PDF only when its bytes changed: a one-language rebuild re-renders only that language's pages."""

    def __init__(self, dpi: int = DEFAULT_DPI, bleed: bool = False) -> None:
        self.dpi = dpi
        self.bleed = bleed
        self._cache: dict[tuple[str, str], list[PagePreview]] = {}

    def render(self, name: str, data: bytes) -> list[PagePreview]:
        key = (name, hashlib.sha256(data).hexdigest())
        if key not in self._cache:
            self._cache[key] = render_pdf(data, name.removesuffix(".pdf"), dpi=self.dpi, bleed=self.bleed)
        return self._cache[key]

    def retain(self, keep: Iterable[tuple[str, bytes]]) -> None:
        """Forget renders of PDFs no longer current, so a long session's memory stays flat."""
        wanted = {(name, hashlib.sha256(data).hexdigest()) for name, data in keep}
        for key in list(self._cache):
            if key not in wanted:
                del self._cache[key]


def preview_files(files: dict[str, bytes], cache: PreviewCache) -> list[PagePreview]:
    """The pages of one language's previewed PDFs, deck first, then booklet."""
    return [page for name in PREVIEWED if name in files for page in cache.render(name, files[name])]


def write_previews(folder: Path, pages: list[PagePreview]) -> list[Path]:
    """Write one language's PNGs atomically; remove PNGs of pages that no longer exist (a booklet got shorter)."""
    written = []
    for page in pages:
        path = folder / page.filename
        write_atomic(path, page.png)
        written.append(path)
    documents = {name.removesuffix(".pdf") for name in PREVIEWED}
    keep = {p.name for p in written}
    for stale in folder.glob("*-[0-9][0-9].png"):
        if stale.name not in keep and stale.name.rsplit("-", 1)[0] in documents:
            stale.unlink()
    return written
