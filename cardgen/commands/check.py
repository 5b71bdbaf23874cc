"""`cardgen check`: validate and lay out everything, write nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import content_options, main
from .coverage_report import print_coverage, strict_option


@main.command()
@content_options
@strict_option
def check(content: Path, layouts: Path | None, langs: tuple[str, ...], strict: bool) -> None:
    """Validate content and layouts and lay out every card and page, writing nothing."""
    from ..build import BuildOptions
    from ..build import check as run_check

    checked = run_check(
        BuildOptions(content=content, layouts=layouts, langs=langs, strict=strict), report=print_coverage
    )
    click.echo(f"ok: {', '.join(checked)}")
