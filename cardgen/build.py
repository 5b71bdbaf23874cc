"""The build recipe: load and validate everything first, lay out every language, then write every PDF.

Nothing is written until all languages have laid out without error, so a bad translation never leaves a
half-updated output folder (mkdocs' build does the same for sites).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .booklets import BookletOptions, booklet_pdfs
from .errors import InputError, Problem
from .fonts import check_fonts, family_for
from .i18n import texts_for
from .layout import booklet as booklet_layout
from .layout import cards as card_layout
from .layout.sheet_plan import plan_deck_sheets
from .load import Project, load_project
from .output import ensure_writable_dir, write_atomic
from .render.pdf import DocInfo, render_pages
from .render.sheets import render_sheets
from .styles import build_styles


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    size: int


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    layouts: Path | None = None
    out: Path = Path("build")
    langs: tuple[str, ...] = ()
    personal: booklet_layout.Personal = field(default_factory=booklet_layout.Personal)
    booklet: BookletOptions = field(default_factory=BookletOptions)


def prepare(options: BuildOptions) -> tuple[Project, list[str]]:
    """Load and check everything a build needs; raise InputError listing every problem."""
    project = load_project(options.content, options.layouts, options.booklet.layout_name)
    problems: list[Problem] = check_fonts(
        project.layout.spec.fonts, project.layout.fonts_dir, str(project.layout.source_files[0])
    )
    langs = list(options.langs) or project.languages
    for lang in langs:
        if lang not in project.texts:
            problems.append(
                Problem(
                    str(options.content / "text"),
                    None,
                    None,
                    "",
                    f"no text for language {lang!r}; available: {', '.join(project.languages)}",
                )
            )
    if problems:
        raise InputError(problems)
    return project, langs


def build_language(
    project: Project, lang: str, personal: booklet_layout.Personal, booklet: BookletOptions | None = None
) -> dict[str, tuple[bytes, int]]:
    """Every PDF of one language, in memory: name -> (bytes, page count)."""
    texts = texts_for(project, lang)
    fonts = family_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
    styles = build_styles(project.layout.spec, fonts, lang)
    author = personal.practitioner or "cardgen"
    deck_info = DocInfo(texts.get("meta.deck_title"), author, texts.get("meta.subtitle"), lang)
    cards = card_layout.deck(project, texts, styles)
    sheets, spec = plan_deck_sheets(project, cards)
    return {
        "deck.pdf": (render_pages(cards, styles, deck_info), len(cards)),
        "deck-sheets.pdf": (render_sheets(sheets, spec, styles, deck_info), len(sheets)),
        **booklet_pdfs(project, texts, styles, personal, booklet or BookletOptions()),
    }


def build(options: BuildOptions, progress: Callable[[str], None] | None = None) -> list[Output]:
    """Build every requested language; write only after all of them laid out and rendered."""
    project, langs = prepare(options)
    ensure_writable_dir(options.out)
    results: dict[str, dict[str, tuple[bytes, int]]] = {}
    for lang in langs:
        if progress:
            progress(lang)
        results[lang] = build_language(project, lang, options.personal, options.booklet)
    outputs = []
    for lang, files in results.items():
        for name, (data, pages) in files.items():
            path = options.out / lang / name
            write_atomic(path, data)
            outputs.append(Output(path, pages, len(data)))
    return outputs


def check(options: BuildOptions) -> list[str]:
    """Validate content and layouts and lay out every language without writing; returns the languages."""
    project, langs = prepare(options)
    for lang in langs:
        texts = texts_for(project, lang)
        styles = build_styles(
            project.layout.spec, family_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang
        )
        card_layout.deck(project, texts, styles)
        booklet_layout.booklet(project, texts, styles)
    return langs


VERSION = __version__
