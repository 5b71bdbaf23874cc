"""`cardgen watch`: rebuild on every save, only the languages the change touches; errors never stop it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import content_options, out_option, say

if TYPE_CHECKING:
    from ..live.rebuild import Rebuild


def report(rebuild: Rebuild, out: Path) -> None:
    """One rebuild as the author wants to read it: what was written, or every problem with its file and line."""
    stamp = time.strftime("%H:%M:%S")
    if rebuild.ok:
        if not rebuild.built:
            say(f"[{stamp}] nothing to rebuild for the languages asked for")
            return
        say(f"[{stamp}] rebuilt {', '.join(rebuild.built)} in {rebuild.seconds:.2f} s; output in {out}")
        for lang in rebuild.built:
            wrote = [p.name for p in rebuild.written if p.parent.name == lang]
            same = [p.name for p in rebuild.unchanged if p.parent.name == lang]
            parts = [f"wrote {', '.join(wrote)}"] if wrote else []
            parts += [f"unchanged {', '.join(same)}"] if same else []
            say(f"  {lang}: {'; '.join(parts)}")
        return
    for problem in rebuild.problems:
        click.secho(str(problem), fg="red", err=True)
    if rebuild.message:
        click.secho(rebuild.message, fg="red", err=True)
    count = len(rebuild.problems) or 1
    click.secho(f"[{stamp}] {count} problem{'s' if count != 1 else ''}; nothing was written. Still watching.", err=True)


@click.command()
@content_options
@out_option()
def watch(content: Path, layouts: Path | None, langs: tuple[str, ...], out: Path) -> None:
    """Build, then rebuild on every save until Ctrl-C: a text/<lang>.yaml rebuilds that language only."""
    from ..build import BuildOptions
    from ..live.rebuild import LiveBuild, changes

    live = LiveBuild(BuildOptions(content=content, layouts=layouts, out=out, langs=langs))
    report(live.rebuild(), out)
    paths = live.watched_paths()
    ready = lambda: say(f"watching {', '.join(map(str, paths))} (Ctrl-C to stop)")  # noqa: E731
    for changed in changes(paths, threading.Event(), ready, lost_folders):
        report(live.rebuild(changed), out)


def lost_folders(gone: list[Path]) -> None:
    """A watched folder was deleted or replaced: say so; watching resumes (with a full rebuild) when it is back."""
    names = ", ".join(map(str, gone))
    click.secho(
        f"[{time.strftime('%H:%M:%S')}] {names} is gone; waiting for it to come back (Ctrl-C to stop)", err=True
    )
