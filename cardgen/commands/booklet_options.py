"""The booklet's options on `cardgen build`, as one decorator group so the build command stays short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from .options import CREEP

if TYPE_CHECKING:
    from ..build import BuildOptions, Output
    from ..render.booklets import BookletOptions
    from ..source.load import Project
    from ..text.i18n import Coverage


def booklet_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--large-print, --booklet-flip, --creep and --clients; the command receives them as keyword arguments."""
    options = [
        click.option(
            "--large-print",
            is_flag=True,
            help="Booklet in large print (16 pt or larger, layouts/large-print.yaml) for clients with low vision.",
        ),
        click.option(
            "--booklet-flip",
            type=click.Choice(["short", "long"]),
            default="short",
            show_default=True,
            help="Duplex flip your printer uses for booklet-print.pdf: short edge (usual for booklets) or long edge.",
        ),
        click.option(
            "--creep",
            type=CREEP,
            default=0.0,
            show_default=True,
            metavar="MM",
            help="Shift each inner sheet's pages this far toward the spine, per sheet: about the paper's "
            "thickness (0.1 for 80 g/m² paper), so outer margins stay even in a thick booklet.",
        ),
        click.option(
            "--clients",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            metavar="FILE.csv",
            help="Write one booklet per row of this CSV (header: client,practitioner,contact,date) to "
            "OUT/<lang>/booklets/<name>.pdf and <name>-print.pdf, and nothing else.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def run_booklet_build(
    options: BuildOptions,
    clients: Path | None,
    progress: Callable[[str, int, int], None],
    report: Callable[[list[Coverage]], None],
    after_write: Callable[[Project, list[Output]], None] | None = None,
) -> list[Output]:
    """The normal build, or only the clients' booklets when a clients file is given.

    `after_write` is the normal build's (the rebuild manifest); a clients batch has none."""
    if clients is None:
        from ..build import build

        return build(options, progress=progress, report=report, after_write=after_write)
    from ..clients.batch import build_clients

    return build_clients(options, clients, progress=progress, report=report)


def booklet_settings(large_print: bool, booklet_flip: Literal["short", "long"], creep: float) -> BookletOptions:
    from ..render.booklets import BookletOptions

    return BookletOptions(flip=booklet_flip, creep_mm=creep, large_print=large_print)
