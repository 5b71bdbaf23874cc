"""`build --clients FILE.csv`: one personal booklet per client and language, nothing else.

Each language's inner pages are laid out once; per client only the cover changes. Like the build, nothing is
written until every booklet of every language has been rendered, and the only files written are the PDFs
asked for: OUT/<lang>/booklets/<slug>.pdf and <slug>-print.pdf (the temporary file of each atomic write is
renamed into place or removed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .booklets import client_booklet_pdfs, inner_pages
from .build import BuildOptions, Output, prepare
from .clients import read_clients
from .fonts import family_for
from .i18n import texts_for
from .output import ensure_writable_dir, write_atomic
from .styles import build_styles


def build_clients(options: BuildOptions, clients: Path, progress: Callable[[str], None] | None = None) -> list[Output]:
    project, langs = prepare(options)
    rows = read_clients(clients, options.personal)
    ensure_writable_dir(options.out)
    files: dict[Path, tuple[bytes, int]] = {}
    for lang in langs:
        if progress:
            progress(lang)
        texts = texts_for(project, lang)
        fonts = family_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
        styles = build_styles(project.layout.spec, fonts, lang)
        inner = inner_pages(project, texts, styles)
        folder = options.out / lang / "booklets"
        for row in rows:
            made = client_booklet_pdfs(project, texts, styles, inner, row.personal, options.booklet)
            files[folder / f"{row.slug}.pdf"] = made["booklet.pdf"]
            files[folder / f"{row.slug}-print.pdf"] = made["booklet-print.pdf"]
    for path, (data, _) in files.items():
        write_atomic(path, data)
    return [Output(path, pages, len(data)) for path, (data, pages) in files.items()]
