"""Command line: the only module that talks to the terminal. Thin: parse options, call the library, print.

Exit codes: 0 success, 1 content, layout or output error (CardgenError), 2 usage error (click's own and
UsageError), 3 an internal error (a bug): one short line, and `cardgen --debug ...` shows the traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__


class _Group(click.Group):
    """The command group; turns an unexpected exception (a bug) into one short line unless --debug is given."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            from .errors import InternalError

            what = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
            raise InternalError(
                f"cardgen: internal error ({what}); this is a bug in cardgen, not in your files. "
                "Run the same command as `cardgen --debug ...` to see the traceback, and please report it."
            ) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="cardgen")
@click.option(
    "--debug",
    is_flag=True,
    envvar="CARDGEN_DEBUG",
    help="Show the full traceback of an internal error (for bug reports). Also CARDGEN_DEBUG=1.",
)
def main(debug: bool) -> None:
    """Build print-ready step-card decks and take-home booklets from a massage routine written as data."""


def _register_commands() -> None:
    """Each command lives in its own module under cardgen/commands/ as a plain click command; the group adds
    them here, so the command modules never import this one."""
    from .commands import build, calibrate, check, init, lang, langs, preview, schema, serve, views, watch

    for module, name in (
        (build, "build"),
        (calibrate, "calibrate"),
        (check, "check"),
        (init, "init"),
        (lang, "lang"),
        (langs, "langs"),
        (preview, "preview"),
        (schema, "schema"),
        (serve, "serve"),
        (views, "views"),
        (watch, "watch"),
    ):
        main.add_command(getattr(module, name))


def run() -> None:
    """Entry point wrapper so `python -m cardgen` behaves like the console script."""
    main(prog_name="cardgen")


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
