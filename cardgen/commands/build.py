"""`cardgen build`: write deck.pdf, deck-sheets.pdf and booklet.pdf per language."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import content_options, human_size, main

#: A cover line is one short line of text; longer ones would run off the cover page.
MAX_COVER_LINE = 120


def cover_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """One line of at most MAX_COVER_LINE characters; printed as text (markup and {{ }} stay literal)."""
    if value is not None and (len(value) > MAX_COVER_LINE or "\n" in value or "\r" in value):
        raise click.BadParameter(f"must be one line of at most {MAX_COVER_LINE} characters; got {len(value)}")
    return value


@main.command()
@content_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder; PDFs go to OUT/<lang>/.",
)
@click.option("--client", callback=cover_line, help="Client name for the booklet cover.")
@click.option("--practitioner", callback=cover_line, help="Practitioner or practice name for the booklet cover.")
@click.option("--contact", callback=cover_line, help="Contact line for the booklet cover.")
@click.option("--date", "date_", metavar="TEXT", callback=cover_line, help="Date printed on the booklet cover.")
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
