"""`cardgen build`: write deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..cli import content_options, human_size, main
from .booklet_options import booklet_options, booklet_settings, run_booklet_build


@main.command()
@content_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder; PDFs go to OUT/<lang>/.",
)
@click.option("--client", help="Client name for the booklet cover.")
@click.option("--practitioner", help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", help="Date printed on the booklet cover.")
@booklet_options
def build(
    content: Path,
    layouts: Path | None,
    langs: tuple[str, ...],
    out: Path,
    client: str | None,
    practitioner: str | None,
    contact: str | None,
    date_: str | None,
    clients: Path | None,
    **booklet: Any,
) -> None:
    """Build deck.pdf, deck-sheets.pdf, booklet.pdf and booklet-print.pdf for each language."""
    from ..build import BuildOptions
    from ..layout.booklet import Personal

    options = BuildOptions(
        content=content,
        layouts=layouts,
        out=out,
        langs=langs,
        personal=Personal(client, practitioner, contact, date_),
        booklet=booklet_settings(**booklet),
    )
    outputs = run_booklet_build(options, clients, progress=lambda lang: click.echo(f"building {lang} …", err=True))
    for output in outputs:
        click.echo(
            f"wrote {output.path}  {output.pages} page{'s' if output.pages != 1 else ''}  {human_size(output.size)}"
        )
