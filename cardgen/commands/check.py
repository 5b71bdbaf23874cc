"""`cardgen check`: validate and lay out everything, write nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import content_options, main


@main.command()
@content_options
def check(content: Path, layouts: Path | None, langs: tuple[str, ...]) -> None:
    """Validate content and layouts and lay out every card and page, writing nothing."""
    from ..build import BuildOptions
    from ..build import check as run_check

    checked = run_check(BuildOptions(content=content, layouts=layouts, langs=langs))
    click.echo(f"ok: {', '.join(checked)}")
