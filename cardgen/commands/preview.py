"""`cardgen preview`: every card and booklet page as PNG, rendered from the PDFs a build produces."""

from __future__ import annotations

from pathlib import Path

import click

from .options import content_options, out_option, say


@click.command()
@content_options
@out_option("preview", "Output folder; PNGs go to OUT/<lang>/deck-NN.png and booklet-NN.png.")
@click.option("--dpi", type=click.IntRange(24, 600), default=96, show_default=True, help="Resolution of the PNGs.")
@click.option("--bleed", is_flag=True, help="Show the bleed around each card instead of cropping to the trim.")
def preview(content: Path, layouts: Path | None, langs: tuple[str, ...], out: Path, dpi: int, bleed: bool) -> None:
    """Render every card and booklet page to PNG, so you can look without a PDF viewer."""
    from ..build import BuildOptions, build_language, prepare
    from ..layout.booklet import Personal
    from ..live.preview import PreviewCache, preview_files, write_previews
    from ..output.atomic import ensure_writable_dir

    options = BuildOptions(content=content, layouts=layouts, out=out, langs=langs)
    project, chosen = prepare(options)
    ensure_writable_dir(out)
    # Lay out and render every language before writing any PNG, like build: an error leaves old previews alone.
    cache = PreviewCache(dpi=dpi, bleed=bleed)
    rendered = {}
    for lang in chosen:
        say(f"rendering {lang} …", err=True)
        files = {name: data for name, (data, _) in build_language(project, lang, Personal()).items()}
        rendered[lang] = preview_files(files, cache)
    for lang, pages in rendered.items():
        written = write_previews(out / lang, pages)
        say(f"wrote {len(written)} PNGs to {out / lang}")
