"""`cardgen build`: write deck.pdf, deck-sheets.pdf and booklet.pdf per language."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import content_options, human_size, main, out_option


@main.command()
@content_options
@out_option()
@click.option("--client", help="Client name for the booklet cover.")
@click.option("--practitioner", help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", help="Date printed on the booklet cover.")
def build(
    content: Path,
    layouts: Path | None,
    langs: tuple[str, ...],
    out: Path,
    client: str | None,
    practitioner: str | None,
    contact: str | None,
    date_: str | None,
) -> None:
    """Build deck.pdf, deck-sheets.pdf and booklet.pdf for each language."""
    from ..build import BuildOptions
    from ..build import build as run_build
    from ..layout.booklet import Personal

    options = BuildOptions(
        content=content,
        layouts=layouts,
        out=out,
        langs=langs,
        personal=Personal(client, practitioner, contact, date_),
    )
    outputs = run_build(options, progress=lambda lang: click.echo(f"building {lang} …", err=True))
    for output in outputs:
        click.echo(
            f"wrote {output.path}  {output.pages} page{'s' if output.pages != 1 else ''}  {human_size(output.size)}"
        )
