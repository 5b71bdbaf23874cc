"""`cardgen lang ...`: commands that act on one translation (`lang mark`; more subcommands register here)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import main


@main.group()
def lang() -> None:
    """Work on one translation: start one (add), record that it matches the current English (mark)."""


@lang.command()
@click.argument("code")
@click.argument("keys", nargs=-1)
@click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder with routine.yaml and text/<lang>.yaml.",
)
def mark(code: str, keys: tuple[str, ...], content: Path) -> None:
    """Record that CODE's strings (or only KEYS) are translated from the current English.

    Run it after translating or re-checking strings. It writes text/CODE.lock.yaml, the hash of the English
    each string was made from; when that English changes later, `cardgen langs` and `build` report it stale.
    """
    from ..build import BuildOptions, prepare
    from ..i18n import mark_current

    project, _ = prepare(BuildOptions(content=content, langs=(code,)))
    marked, path = mark_current(project, code, list(keys) or None)
    click.echo(f"marked {len(marked)} string{'s' if len(marked) != 1 else ''} of {code} as current in {path}")


@lang.command()
@click.argument("code")
@click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder with routine.yaml and text/<lang>.yaml.",
)
def add(code: str, content: Path) -> None:
    """Start a translation: copy the source-language text to text/CODE.yaml, every string untranslated.

    Translate the values in place (keys stay as they are), then run `cardgen lang mark CODE`. Until then
    `cardgen langs` counts every string as not yet translated and builds print the English.
    """
    from ..build import BuildOptions, prepare
    from ..i18n import start_translation

    project, _ = prepare(BuildOptions(content=content))
    path = start_translation(project, code)
    click.echo(f"wrote {path}: translate its values, then run `cardgen lang mark {code}`")
