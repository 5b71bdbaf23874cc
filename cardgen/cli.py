"""Command line: the only module that talks to the terminal. Thin: parse options, call the library, print.

Exit codes: 0 success, 1 content, layout or output error (CardgenError), 2 usage error (click's own and
UsageError), 3 an internal error (a bug): one short line, and `cardgen --debug ...` shows the traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__


def human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def content_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a routine."""
    func = click.option(
        "--lang",
        "langs",
        multiple=True,
        metavar="CODE",
        help="Language to build (repeatable). Default: every language in content/text/.",
    )(func)
    func = click.option(
        "--layouts",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Folder with layout files. Default: the built-in layouts.",
    )(func)
    return content_dir_option()(func)


def content_dir_option(exists: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --content option. `exists=False` leaves a missing folder to the library's own error (the `lang`
    commands), instead of click's usage error."""
    return click.option(
        "--content",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=Path("content"),
        show_default=True,
        help="Folder with routine.yaml and text/<lang>.yaml.",
    )


def out_option(
    default: Path = Path("build"), help: str = "Output folder; PDFs go to OUT/<lang>/."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option of every command that writes files (build, preview, watch, serve)."""
    return click.option("--out", type=click.Path(path_type=Path), default=default, show_default=True, help=help)


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
    """Each command lives in its own module under cardgen/commands/; importing one registers it on `main`."""
    from .commands import build, calibrate, check, init, lang, langs, preview, schema, serve, watch  # noqa: F401


def run() -> None:
    """Entry point wrapper so `python -m cardgen` behaves like the console script."""
    main(prog_name="cardgen")


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
