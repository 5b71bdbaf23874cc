"""Command line: the only module that talks to the terminal. Thin: parse options, call the library, print.

Exit codes: 0 success, 1 content, layout or output error (CardgenError), 2 usage error (click's own and
UsageError), 3 an internal error (a bug): one short line, and `cardgen --debug ...` shows the traceback.
"""

from __future__ import annotations

import os
import re
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
            from .errors import CardgenError, InternalError

            if isinstance(exc, ModuleNotFoundError) and exc.name:
                raise CardgenError(_missing_module(exc.name)) from exc

            what = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
            raise InternalError(
                f"cardgen: internal error ({what}); this is a bug in cardgen, not in your files. "
                "Run the same command as `cardgen --debug ...` to see the traceback, and please report it."
            ) from exc


#: Import names that differ from the name to install.
_DISTRIBUTION = {"PIL": "pillow", "yaml": "pyyaml"}


def _missing_module(name: str) -> str:
    """One line for a library that is not installed (cardgen installed with --no-deps, or a broken venv),
    naming the requirement cardgen's own metadata declares for it."""
    from importlib import metadata

    top = name.split(".")[0]
    if top == "cardgen":
        return f"cardgen: its own module {name} is missing; reinstall cardgen (pip install --force-reinstall cardgen)"
    package = _DISTRIBUTION.get(top, top)
    try:
        declared = metadata.requires("cardgen") or []
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        declared = []
    named = (r.split(";")[0].strip() for r in declared if "extra ==" not in r)  # runtime ones, not extras
    wanted = next((r for r in named if re.split(r"[^A-Za-z0-9._-]", r)[0].lower() == package.lower()), package)
    return f"cardgen: this needs the Python package {package}, which is not installed; pip install '{wanted}'"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="cardgen")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings, and what a command is asked for.")
@click.option("-v", "--verbose", is_flag=True, help="Also print the project found and the folders used, and timings.")
@click.option(
    "--debug",
    is_flag=True,
    envvar="CARDGEN_DEBUG",
    help="Show the full traceback of an internal error (for bug reports). Also CARDGEN_DEBUG=1.",
)
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool, debug: bool) -> None:
    """Build print-ready step-card decks and take-home booklets from a massage routine written as data.

    Run in a project folder (made by `cardgen init DIR`; its cardgen.toml names the content, layouts and
    output folders) or any folder below it. NO_COLOR=1 turns colours off. Shell completion: see the README.
    """
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose ask for opposite things; give one")
    ctx.meta["cardgen.verbosity"] = -1 if quiet else 1 if verbose else 0
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        ctx.color = False  # every click.echo/secho below this context, watch's and serve's included


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
