"""`cardgen views`: the body views a routine can draw on, with their landmarks; `--out` draws a labelled sheet
of each, so an author sees where every landmark is before naming it in routine.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from .options import content_dir_option


@click.command()
@content_dir_option(exists=False)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write views.pdf (one labelled page per view) and NAME.png for each view into this folder.",
)
@click.argument("names", nargs=-1, metavar="[NAME]...")
def views(content: Path, out: Path | None, names: tuple[str, ...]) -> None:
    """List the body views (shipped, and the routine's own in content/views/) with their landmarks.

    A step draws on the routine's `view:` (default back) or its own; its strokes name landmarks of that view.
    Paired landmarks take the stroke's side (left, right, both).
    """
    from ..diagrams.views import ViewError, shipped_names
    from ..errors import InputError, Problem, UsageError
    from ..source.paths import PathRefused
    from ..source.views import UnknownView, content_views, find_view

    available = list(dict.fromkeys([*shipped_names(), *content_views(content)]))
    chosen = list(names) or available
    found, problems = [], []
    for name in chosen:
        try:
            found.append(find_view(name, content))
        except ViewError as exc:
            problems.append(Problem(exc.file, exc.line, None, "", exc.message))
        except (UnknownView, PathRefused) as exc:
            raise UsageError(f"Invalid value for '[NAME]': {exc}") from None
    if problems:
        raise InputError(problems)
    for view in found:
        where = "" if view.file.startswith("cardgen/") else f"  [{view.file}]"
        click.echo(f"{view.name}: {view.orientation}{where}")
        click.echo(f"  {view.describe()}")
    if out is not None:
        from ..output.atomic import write_atomic
        from ..render.view_sheets import pdf_pages_to_png, view_sheets_pdf

        out.mkdir(parents=True, exist_ok=True)
        pdf = view_sheets_pdf(found)
        write_atomic(out / "views.pdf", pdf)
        pdf_pages_to_png(pdf, [out / f"{view.name}.png" for view in found])
        click.echo(f"wrote {out / 'views.pdf'} and {len(found)} PNG sheets")
