"""`build --clients FILE.csv`: one personal booklet per client and language, nothing else.

Each language's inner pages are laid out once; per client only the cover changes. Like the build, every
client's name is checked against each language's fonts first (a name no font can draw would print as gaps),
nothing is written until every booklet of every language has been rendered, and the only files written are
the PDFs asked for: OUT/<lang>/booklets/<slug>.pdf and <slug>-print.pdf (the temporary file of each atomic
write is renamed into place or removed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .booklets import client_booklet_pdfs, inner_pages
from .build import BuildOptions, Output, coverage_reports, for_each_language, prepare
from .clients import ClientRow, read_clients
from .errors import InputError, Problem
from .fonts import chain_for
from .i18n import Coverage, texts_for
from .output import check_writable, write_all_atomic
from .preflight import Printed, missing_glyphs, right_to_left
from .styles import build_styles

FILE_ENDS = (".pdf", "-print.pdf")


def _client_strings(path: Path, rows: list[ClientRow]) -> list[Printed]:
    return [
        Printed(str(path), row.row, None, f"row {row.row}: {name}", value)
        for row in rows
        for name, value in vars(row.personal).items()
        if value
    ]


def build_clients(
    options: BuildOptions,
    clients: Path,
    progress: Callable[[str, int, int], None] | None = None,
    report: Callable[[list[Coverage]], None] | None = None,
) -> list[Output]:
    project, langs = prepare(options)
    rows = read_clients(clients, options.personal)
    strings = _client_strings(clients, rows)
    problems: list[Problem] = []
    chains = {lang: chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang) for lang in langs}
    for lang, chain in chains.items():
        problems += right_to_left(lang, strings, str(clients)) or missing_glyphs(lang, chain, strings)
    if problems:
        raise InputError(problems)
    if report:
        report(coverage_reports(project, langs))
    folders = {lang: options.out / lang / "booklets" for lang in langs}
    check_writable(folders[lang] / f"{row.slug}{end}" for lang in langs for row in rows for end in FILE_ENDS)

    def booklets_of(lang: str) -> dict[Path, tuple[bytes, int]]:
        texts = texts_for(project, lang)
        styles = build_styles(project.layout.spec, chains[lang], lang)
        inner = inner_pages(project, texts, styles)
        made_here: dict[Path, tuple[bytes, int]] = {}
        for row in rows:
            made = client_booklet_pdfs(project, texts, styles, inner, row.personal, options.booklet)
            made_here[folders[lang] / f"{row.slug}.pdf"] = made["booklet.pdf"]
            made_here[folders[lang] / f"{row.slug}-print.pdf"] = made["booklet-print.pdf"]
        return made_here

    # texts that do not fit are reported for every language at once, at their file:line; all files or none
    results = for_each_language(project, langs, booklets_of, progress)
    files = {path: made for per_lang in results.values() for path, made in per_lang.items()}
    write_all_atomic({path: data for path, (data, _) in files.items()})
    return [Output(path, pages, len(data)) for path, (data, pages) in files.items()]
