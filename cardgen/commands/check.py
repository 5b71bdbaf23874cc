"""`cardgen check`: validate and lay out everything, write nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Problem
from .coverage_report import print_coverage, strict_option
from .options import content_options, say


@click.command()
@content_options
@strict_option
@click.option("--fit", "fit", is_flag=True, help="Also print how full each card's text boxes are, per language.")
def check(content: Path, layouts: Path | None, langs: tuple[str, ...], strict: bool, fit: bool) -> None:
    """Validate content and layouts and lay out every card and page, writing nothing."""
    from ..build import BuildOptions
    from ..build import check as run_check

    def warn(problems: list[Problem]) -> None:
        for problem in problems:
            click.echo(f"warning: {problem}", err=True)

    checked = run_check(
        BuildOptions(content=content, layouts=layouts, langs=langs, strict=strict), report=print_coverage, warn=warn
    )
    if fit:
        from ..build import fit_report

        options = BuildOptions(content=content, layouts=layouts, langs=langs)
        click.echo(f"{'lang':<5} {'card':<22} {'region':<12} {'fill':>6}  size")
        for row in fit_report(options):
            size = f"{row.size:g}pt" + (f" (shrunk from {row.nominal:g}pt)" if row.shrunk else "") if row.size else ""
            click.echo(f"{row.lang:<5} {row.card:<22} {row.region:<12} {row.fill:>6.0%}  {size}")
    say(f"ok: {', '.join(checked)}")
