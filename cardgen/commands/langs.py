"""`cardgen langs`: how complete each translation is (translated, stale, missing, % complete)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import content_options, main


@main.command()
@content_options
def langs(content: Path, layouts: Path | None, langs: tuple[str, ...]) -> None:
    """Show a table of every language: strings translated and current, stale, missing, % complete."""
    from ..build import BuildOptions, coverage_reports, prepare

    project, chosen = prepare(BuildOptions(content=content, layouts=layouts, langs=langs))
    rows = [("language", "translated", "stale", "missing", "complete")]
    for report in coverage_reports(project, chosen):
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
