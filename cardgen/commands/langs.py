"""`cardgen langs`: how complete each translation is (translated, stale, missing, % complete)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import content_options


@click.command()
@content_options
def langs(content: Path, layouts: Path | None, langs: tuple[str, ...]) -> None:
    """Show a table of every language: strings translated and current, stale, missing, % complete."""
    # Only loading and the translation records: no fonts or layout, so reportlab is never imported here
    # (glyph and layout problems are build's and check's to report).
    from ..source.load import load_project, require_languages
    from ..text.i18n import coverage

    project = load_project(content, layouts)
    chosen = list(dict.fromkeys(langs)) or project.languages
    require_languages(project, chosen, content / "text")
    rows = [("language", "translated", "stale", "missing", "complete")]
    for report in (coverage(project, lang) for lang in chosen):
        rows.append(
            (
                report.lang,
                str(report.translated),
                str(len(report.stale)),
                str(len(report.missing)),
                f"{report.percent:.1f}%",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in pairs]
        click.echo("  ".join(cells))
