"""The booklet's two PDFs for one language: booklet.pdf (A5, reading order) and booklet-print.pdf (imposed for
saddle stitching). Shared by the build and the per-client batch, which lays out the inner pages once per
language and only the cover per client.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import InputError, Problem
from ..impose.geometry import ImpositionError
from ..layout.booklet import Personal, booklet, inner_pages
from ..layout.booklet_plan import Flip, PrintMarks, plan_booklet_print
from ..layout.frames import Frame
from ..source.load import Project
from ..source.units import MM
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .booklet_sheets import render_booklet_sheets
from .pdf import DocInfo, render_pages
from .reuse import DrawnText
from .standards import Conformance, booklet_conformance

BOOKLET_FILES = ("booklet.pdf", "booklet-print.pdf")


@dataclass(frozen=True)
class BookletOptions:
    """How the booklet is printed: duplex flip of the imposed sheets, creep per sheet, large print."""

    flip: Flip = "short"
    creep_mm: float = 0.0
    large_print: bool = False

    @property
    def layout_name(self) -> str:
        """Large print is a layout of its own (layouts/large-print.yaml extends default)."""
        return "large-print" if self.large_print else "default"


def booklet_info(texts: Texts, personal: Personal, source_lang: str | None = None) -> DocInfo:
    """Title, author (the practitioner, when given), subject and language; never the client's name.

    booklet.pdf claims PDF/A-2b and PDF/UA-1 and is tagged; `source_lang` is the language of strings that fall
    back to the source (their elements get its /Lang)."""
    return DocInfo(
        texts.get("meta.booklet_title"),
        personal.cleaned().practitioner or "",
        texts.get("meta.subtitle"),
        texts.lang,
        conformance=booklet_conformance(),
        fallback_lang=source_lang,
    )


def render_booklet(
    project: Project, frames: list[Frame], styles: StyleSheet, info: DocInfo, options: BookletOptions
) -> dict[str, tuple[bytes, int]]:
    """booklet.pdf and booklet-print.pdf from finished pages: name -> (bytes, page count)."""
    spec, geo = project.layout.spec.booklet, project.layout.geometry
    marks = PrintMarks(spec.print_margin, spec.fold_mark, spec.staple_mark, spec.mark_width)
    try:
        sides = plan_booklet_print(
            frames, geo.print_w, geo.print_h, marks, flip=options.flip, creep=options.creep_mm * MM
        )
    except ImpositionError as exc:
        layout = str(project.layout.source_files[0])
        raise InputError([Problem(layout, None, None, "booklet.print_paper", str(exc))]) from None
    texts = DrawnText()  # booklet.pdf's paragraphs, set once and written into both files
    reading = render_pages(frames, styles, info, texts)
    # for a home printer: no print-shop or archive claims, and not tagged (booklet.pdf is the one to read)
    untagged = replace(info, conformance=Conformance())
    return {
        "booklet.pdf": (reading, len(frames)),
        "booklet-print.pdf": (render_booklet_sheets(sides, styles, untagged, spec.mark_width, texts), len(sides)),
    }


def booklet_pdfs(
    project: Project, texts: Texts, styles: StyleSheet, personal: Personal, options: BookletOptions
) -> dict[str, tuple[bytes, int]]:
    frames = booklet(project, texts, styles, personal)
    info = booklet_info(texts, personal, project.routine.source_language)
    return render_booklet(project, frames, styles, info, options)


__all__ = ["BOOKLET_FILES", "BookletOptions", "booklet_info", "booklet_pdfs", "inner_pages", "render_booklet"]
