"""Print the missing/stale translation report that `build` and `check` show (a helper, not a command)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click


def strict_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--strict",
        is_flag=True,
        help="Missing and stale translations are errors (exit 1) instead of English text tagged EN.",
    )(func)


def print_coverage(reports: Sequence[Any]) -> None:
    """One summary line per language with gaps, then every gap as file:line:col: key: message (to stderr)."""
    for report in reports:
        if not report.missing and not report.stale:
            continue
        click.echo(
            f"{report.lang}: {len(report.missing)} missing (printed in English, tagged EN), "
            f"{len(report.stale)} stale; {report.percent:.0f}% complete",
            err=True,
        )
        for problem in report.problems:
            click.echo(f"  {problem}", err=True)
