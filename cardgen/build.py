"""The build recipe: load and validate everything first, lay out every language, then write every PDF.

Nothing is written until all languages have laid out without error, so a bad translation never leaves a
half-updated output folder (mkdocs' build does the same for sites).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .errors import COMMAND_LINE, FitError, InputError, Problem, UsageError
from .layout import booklet as booklet_layout
from .layout.backs import backs as card_backs
from .layout.bilingual import bilingual_backs
from .layout.deck import deck
from .layout.fit_report import FitRow, fit_rows
from .layout.frames import Frame
from .layout.sheet_plan import choose_plan, impose_deck
from .output.atomic import check_writable, write_all_atomic
from .output.parallel import map_languages
from .render.booklets import BOOKLET_FILES, BookletOptions, booklet_pdfs
from .render.pdf import DocInfo, render_pages
from .render.reuse import DrawnText
from .render.sheets import render_sheets
from .render.standards import deck_conformance
from .source.load import Project, load_project_collecting, require_languages
from .source.model import Step
from .text.fonts import chain_for, check_fonts
from .text.i18n import Coverage, Texts, coverage, flatten, texts_for
from .text.preflight import Printed, preflight
from .text.required import required_problems
from .text.styles import StyleSheet, build_styles
from .text.unused import unused_text

T = TypeVar("T")


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
    strict: bool = False  # missing and stale translations are errors, not EN-tagged fallbacks
    personal: booklet_layout.Personal = field(default_factory=booklet_layout.Personal)
    booklet: BookletOptions = field(default_factory=BookletOptions)
    #: Layout values set on the command line (--card, --paper, ...), merged over the layout before validation.
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    back_lang: str | None = None  # cards' backs carry each card's text in this language (bilingual cards)


def prepare(options: BuildOptions, *, required: bool = True) -> tuple[Project, list[str]]:
    """Load and check everything a build needs; raise InputError listing every problem.

    Every kind of problem is found in one run: the routine's structure, missing text, characters no font
    draws, required text, strict coverage and, when any of those is found, text that does not fit its card
    (laid out anyway, so a user fixing the first list is not surprised by a second one).
    `required=False` skips the every-language rule (required.py) for commands that report on or repair
    translations (`langs`, `lang mark`): they must work precisely when a required string is missing.
    """
    project, problems = load_project_collecting(
        options.content, options.layouts, options.booklet.layout_name, options.overrides
    )
    if project is None:
        raise InputError(problems + _required_anyway(options, problems))
    langs = list(dict.fromkeys(options.langs)) or project.languages
    if problems and not (_every_text_read(project) and all(lang in project.texts for lang in langs)):
        # a text file refused whole (broken YAML, an alias bomb): report it at once, not after other checks
        raise InputError(problems)
    require_languages(project, langs, options.content / "text")
    # every language that prints: the built ones and the backs' (--back-lang), checked alike
    printed = [*langs, *([options.back_lang] if options.back_lang and options.back_lang not in langs else [])]
    if options.back_lang and options.back_lang not in project.texts:
        raise UsageError(
            f"Invalid value for '--back-lang': no text for language {options.back_lang!r} in "
            f"{options.content / 'text'}; available: {', '.join(project.languages)}"
        )
    font_problems = check_fonts(project.layout.spec.fonts, str(project.layout.source_files[0]))
    problems += font_problems
    if not font_problems:
        personal = [
            Printed(f"--{name}", None, None, name, value)
            for name, value in vars(options.personal).items()
            if isinstance(value, str)
        ]
        for lang in printed:
            chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
            problems += preflight(project, lang, chain, personal)
    if required:
        problems += required_problems(project, printed)
    if options.strict:
        problems += [p for lang in langs for p in coverage(project, lang).problems]
    if problems:
        if not font_problems:
            problems += _fit_problems_anyway(project, langs)
        raise InputError(problems)
    choose_plan(project)  # a card that fits no sheet is a layout error: report it before any work
    return project, langs


def _required_anyway(options: BuildOptions, found: list[Problem]) -> list[Problem]:
    """Required text missing in a language, checked from the raw files of a routine that failed its schema (a
    typo in one stroke), so that a translator sees it in the same run. Nothing when the files cannot say."""
    from types import SimpleNamespace

    from .source.load import load_texts
    from .source.marked_yaml import SourceError, load_yaml

    try:
        routine_src = load_yaml(options.content / "routine.yaml")
    except (SourceError, OSError):
        return []
    data = routine_src.data if isinstance(routine_src.data, dict) else {}
    required, src_lang = data.get("required_in_every_language"), data.get("source_language")
    texts = load_texts(options.content, [])
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required) or src_lang not in texts:
        return []
    routine = SimpleNamespace(required=tuple(required), source_language=src_lang)
    project = SimpleNamespace(routine=routine, routine_source=routine_src, texts=texts, content_dir=options.content)
    langs = list(dict.fromkeys(options.langs)) or [src_lang, *sorted(set(texts) - {src_lang})]
    return [p for p in required_problems(project, [lang for lang in langs if lang in texts]) if p not in found]  # type: ignore[arg-type]


def _every_text_read(project: Project) -> bool:
    """Whether every language's file was read (none refused as broken YAML, too large, an alias bomb)."""
    files = [p for p in (project.content_dir / "text").glob("*.yaml") if not p.name.endswith(".lock.yaml")]
    return all(path.stem in project.texts for path in files)


def _fit_problems_anyway(project: Project, langs: list[str]) -> list[Problem]:
    """Texts that do not fit, found by laying out a project that already has other problems."""
    from dataclasses import replace

    source = flatten(project.texts[project.routine.source_language].data)

    def worded(step: Step) -> bool:  # a step whose words are missing is reported already; leave it out here
        needs = [f"steps.{step.id}.title", *([] if step.repeat else [f"steps.{step.id}.instruction"])]
        labels = (("hands", step.hands), ("direction", step.direction))
        needs += [f"ui.{name}.{value}" for name, value in labels if value]
        needs += [f"ui.repeat.{step.repeat.side}"] if step.repeat else []
        needs += ["ui.seconds", "ui.seconds_short"] if step.seconds_given else []
        return all(key in source for key in needs)

    steps = tuple(step for step in project.routine.steps if worded(step))
    if not steps:
        return []
    project = replace(project, routine=replace(project.routine, steps=steps))
    try:
        for_each_language(project, langs, lambda lang: lay_out(project, lang, None))
    except InputError as exc:
        return exc.problems
    except Exception:
        return []
    return []


def coverage_reports(project: Project, langs: list[str]) -> list[Coverage]:
    """What each language prints in English (missing) or may no longer match the English (stale)."""
    return [coverage(project, lang) for lang in langs]


def language_styles(project: Project, lang: str) -> StyleSheet:
    return build_styles(project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang)


def card_backs_for(project: Project, texts: Texts, styles: StyleSheet, cards: list[Frame], back_lang: str | None):
    """The decorative backs, or with `back_lang` each card's text in that language (bilingual cards)."""
    if back_lang:
        return bilingual_backs(project, texts_for(project, back_lang), language_styles(project, back_lang), cards)
    return card_backs(project, texts, styles, cards)


def deck_doc_info(project: Project, texts: Texts, personal: booklet_layout.Personal) -> DocInfo:
    """The deck's document title, author (none when no practitioner is named), subject, language and its PDF/X
    conformance (the print shop's condition)."""
    pdfx = project.layout.spec.pdfx
    return DocInfo(
        texts.get("meta.deck_title"),
        personal.practitioner or "",
        texts.get("meta.subtitle"),
        texts.lang,
        conformance=deck_conformance(pdfx.output_intent, project.layout.output_profile),
    )


def build_language(
    project: Project,
    lang: str,
    personal: booklet_layout.Personal,
    booklet: BookletOptions | None = None,
    back_lang: str | None = None,
) -> dict[str, tuple[bytes, int]]:
    """Every PDF of one language, in memory: name -> (bytes, page count). `back_lang`: bilingual card backs."""
    texts = texts_for(project, lang)
    styles = language_styles(project, lang)
    return {
        **deck_pdfs(project, texts, styles, personal, back_lang),
        **booklet_pdfs(project, texts, styles, personal, booklet or BookletOptions()),
    }


def deck_pdfs(
    project: Project, texts: Texts, styles: StyleSheet, personal: booklet_layout.Personal, back_lang: str | None = None
) -> dict[str, tuple[bytes, int]]:
    """deck.pdf and deck-sheets.pdf: the half of a language that reads only the cards' texts (live/reuse.py
    rebuilds each half only when a text it read changed)."""
    deck_info = deck_doc_info(project, texts, personal)
    cards = deck(project, texts, styles)
    sheets = impose_deck(project, cards, card_backs_for(project, texts, styles, cards, back_lang))
    drawn = DrawnText()  # deck.pdf's paragraphs, set once and written into deck-sheets.pdf too (render.reuse)
    deck_pdf = render_pages(cards, styles, deck_info, drawn)
    return {
        "deck.pdf": (deck_pdf, len(cards)),
        "deck-sheets.pdf": (render_sheets(sheets, styles, deck_info, drawn), len(sheets.sheets)),
    }


def fit_problems(project: Project, error: FitError) -> list[Problem]:
    """Each text that does not fit, at the line of the file it came from (the translation, or the source
    language's file when the translation fell back to it)."""
    problems = []
    for part in error.parts:
        if part.key and part.key.startswith("--"):  # a value given on the command line (--client, ...)
            problems.append(Problem(COMMAND_LINE, None, None, part.key, part.message))
            continue
        if part.key and part.key.startswith("routine:"):  # the routine's structure (too many steps), not a text
            problems.append(project.routine_source.problem(tuple(part.key[8:].split(".")), part.message))
            continue
        lang = part.lang or project.routine.source_language
        source = project.texts.get(lang)
        loc = tuple(part.key.split(".")) if part.key else ()
        if source is None or (loc and loc not in source.marks):
            source = project.texts[project.routine.source_language]
        problems.append(
            source.problem(loc, part.message) if part.key else Problem(source.display, None, None, "", part.message)
        )
    return problems


def for_each_language(
    project: Project,
    langs: list[str],
    work: Callable[[str], T],
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, T]:
    """Run `work` for every language, collecting texts that do not fit across all of them into one InputError.

    `progress` is told (language starting, languages done, languages in all), then ("", all, all) at the end.
    Languages share nothing once loaded: cardgen.output.parallel spreads them over the cores (forked after the
    imports), the costliest first (a language's text file size stands for its cost: Thai's is the largest
    and it is shaped).
    """
    results: dict[str, T] = {}
    problems: list[Problem] = []
    cost = lambda lang: project.texts[lang].path.stat().st_size  # noqa: E731
    for lang, outcome in map_languages(work, langs, progress=progress, cost=cost, catch=(FitError,)):
        if isinstance(outcome, FitError):
            problems.extend(fit_problems(project, outcome))
        else:
            results[lang] = outcome
    if progress:
        progress("", len(langs), len(langs))
    if problems:
        raise InputError(problems)
    return results


OUTPUT_NAMES = ("deck.pdf", "deck-sheets.pdf", *BOOKLET_FILES)


def build(
    options: BuildOptions,
    progress: Callable[[str, int, int], None] | None = None,
    report: Callable[[list[Coverage]], None] | None = None,
    after_write: Callable[[Project, list[Output]], None] | None = None,
) -> list[Output]:
    """Build every requested language; write only after all of them laid out and rendered, all or nothing.

    `after_write` sees the project and the outputs once all are written (the CLI records its rebuild manifest).
    """
    project, langs = prepare(options)
    check_writable((options.out / lang / name for lang in langs for name in OUTPUT_NAMES), options.out)
    if report:
        report(coverage_reports(project, langs))
    results = for_each_language(
        project,
        langs,
        lambda lang: build_language(project, lang, options.personal, options.booklet, options.back_lang),
        progress,
    )
    files = {options.out / lang / name: made for lang, made in results.items() for name, made in made.items()}
    write_all_atomic({path: data for path, (data, _) in files.items()}, options.out)
    outputs = [Output(path, pages, len(data)) for path, (data, pages) in files.items()]
    if after_write:
        after_write(project, outputs)
    return outputs


def lay_out(project: Project, lang: str, back_lang: str | None) -> set[str]:
    """Lay out one language's deck, card backs and booklet without rendering; returns the text keys printed."""
    texts = texts_for(project, lang)
    styles = language_styles(project, lang)
    cards = deck(project, texts, styles)
    card_backs_for(project, texts, styles, cards, back_lang)
    booklet_layout.booklet(project, texts, styles)
    deck_doc_info(project, texts, booklet_layout.Personal())  # the metadata prints text too
    return texts.used


def check(
    options: BuildOptions,
    report: Callable[[list[Coverage]], None] | None = None,
    warn: Callable[[list[Problem]], None] | None = None,
) -> list[str]:
    """Validate content and layouts and lay out every language without writing; returns the languages.

    `warn` is given the text keys nothing printed (a warning, not an error: the build works without them)."""
    project, langs = prepare(options)
    if report:
        report(coverage_reports(project, langs))
    used = for_each_language(project, langs, lambda lang: lay_out(project, lang, options.back_lang))
    if warn:
        warn([p for lang in langs for p in unused_text(project, lang, used[lang])])
    return langs


def fit_report(options: BuildOptions) -> list[FitRow]:
    """Lay out every card of every language and report how full each fitted box is."""
    project, langs = prepare(options)

    def rows_of(lang: str) -> list[FitRow]:
        texts = texts_for(project, lang)
        chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
        styles = build_styles(project.layout.spec, chain, lang)
        return fit_rows(lang, deck(project, texts, styles), styles)

    return [row for rows in for_each_language(project, langs, rows_of).values() for row in rows]


VERSION = __version__
