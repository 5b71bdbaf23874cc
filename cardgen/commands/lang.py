"""`cardgen lang ...`: commands that act on one translation (`lang mark`; more subcommands register here)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import content_dir_option, say


@click.group()
def lang() -> None:
    """Work on one translation: start one (add), record that it matches the current English (mark)."""


@lang.command()
@click.argument("code")
@click.argument("keys", nargs=-1)
@content_dir_option(exists=False)
def mark(code: str, keys: tuple[str, ...], content: Path) -> None:
    """Record that CODE's strings (or only KEYS) are translated from the current English.

    Run it after translating or re-checking strings. It writes text/CODE.lock.yaml, the hash of the English
    each string was made from; when that English changes later, `cardgen langs` and `build` report it stale.
    """
    from ..build import BuildOptions, prepare
    from ..text.i18n import mark_current

    project, _ = prepare(BuildOptions(content=content, langs=(code,)), required=False)
    marked, path = mark_current(project, code, list(keys) or None)
    say(f"marked {len(marked)} string{'s' if len(marked) != 1 else ''} of {code} as current in {path}")


@lang.command()
@click.argument("code")
@content_dir_option(exists=False)
def add(code: str, content: Path) -> None:
    """Start a translation: copy the source-language text to text/CODE.yaml, every string untranslated.

    Translate the values in place (keys stay as they are), then run `cardgen lang mark CODE`. Until then
    `cardgen langs` counts every string as not yet translated and builds print the English.
    """
    from ..build import BuildOptions, prepare
    from ..text.i18n import start_translation

    project, _ = prepare(BuildOptions(content=content), required=False)
    path = start_translation(project, code)
    say(f"wrote {path}: translate its values, then run `cardgen lang mark {code}`")
