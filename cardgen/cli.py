"""Command line: the only module that talks to the terminal. Thin: parse options, call the library, print.

Exit codes: 0 success, 1 content, layout or output error (CardgenError), 2 usage error (click's own and
UsageError), 3 an internal error (a bug): one short line, and `cardgen --debug ...` shows the traceback.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

import click

from . import __version__

#: Each command lives in its own module under cardgen/commands/, as a plain click command of the same name (so
#: the command modules never import this one), with the line `cardgen --help` lists it by: the first paragraph
#: of its help. A command's module is imported only when that command runs, so `cardgen --help` and each
#: command pay for no other command's imports (tests/test_cli_habits.py checks the lines against the commands).
COMMANDS: dict[str, str] = {
    "build": "Build deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf for each language.",
    "calibrate": "Write a two-sided calibration sheet: print it duplex, hold it to a light, read your printer offset.",
    "check": "Validate content and layouts and lay out every card and page, writing nothing.",
    "init": "Start a new routine in FOLDER: cardgen.toml, content, a layout extending the built-in one, editor "
    "schemas, a README. Then `cd FOLDER && cardgen build`.",
    "lang": "Work on one translation: start one (add), record that it matches the current English (mark).",
    "langs": "Show a table of every language: strings translated and current, stale, missing, % complete.",
    "preview": "Render every card and booklet page to PNG, so you can look without a PDF viewer.",
    "schema": "Write JSON Schemas for routine.yaml, text/<lang>.yaml and layouts/*.yaml, generated from "
    "cardgen's models.",
    "serve": "Rebuild on save like `watch`, and show every card and booklet page at http://127.0.0.1:PORT/.",
    "views": "List the body views (shipped, and the routine's own in content/views/) with their landmarks.",
    "watch": "Build, then rebuild on every save until Ctrl-C: a text/<lang>.yaml rebuilds that language only.",
}


class _Group(click.Group):
    """The command group; turns an unexpected exception (a bug) into one short line unless --debug is given,
    and imports a command's module only when that command is asked for (COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__package__}.commands.{cmd_name}")
        command: click.Command = getattr(module, cmd_name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            # Suggested here, from COMMANDS: click suggests only from commands it holds (none, they load lazily),
            # and click 8.1 (our lower bound) does not suggest at all.
            from difflib import get_close_matches

            close = get_close_matches(name, COMMANDS, n=1)
            ctx.fail(f"No such command {name!r}." + (f" Did you mean {close[0]!r}?" if close else ""))
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list as click writes it, from COMMANDS: listing the commands imports none of them."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=line).get_short_help_str(limit)) for name, line in sorted(COMMANDS.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def run() -> None:
    """Entry point wrapper so `python -m cardgen` behaves like the console script."""
    main(prog_name="cardgen")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
