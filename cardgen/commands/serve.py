"""`cardgen serve`: watch, rebuild, and show every page in a local browser page that refreshes itself."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from .options import content_options, out_option, say
from .watch import lost_folders, report


@click.command()
@content_options
@out_option()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1; 0 picks a free one.",
)
@click.option(
    "--dpi", type=click.IntRange(24, 300), default=96, show_default=True, help="Resolution of the page images."
)
def serve(content: Path, layouts: Path | None, langs: tuple[str, ...], out: Path, port: int, dpi: int) -> None:
    """Rebuild on save like `watch`, and show every card and booklet page at http://127.0.0.1:PORT/.

    The page puts the languages side by side, refreshes itself after each rebuild and shows content errors
    (file:line: message) in place of the cards. It needs no network: everything comes from this process.
    """
    from ..build import BuildOptions
    from ..live.preview import PreviewCache
    from ..live.rebuild import LiveBuild, changes
    from ..live.site import PreviewSite, make_server

    site = PreviewSite(PreviewCache(dpi=dpi))
    try:
        server = make_server(site, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}; try --port 0") from None
    thread = threading.Thread(target=server.serve_forever, name="cardgen-serve", daemon=True)
    thread.start()
    host, bound = server.server_address[:2]
    click.echo(f"serving http://{host}:{bound}/")
    live = LiveBuild(BuildOptions(content=content, layouts=layouts, out=out, langs=langs))
    try:
        rebuild = live.rebuild()
        site.update(rebuild)
        report(rebuild, out)
        paths = live.watched_paths()
        ready = lambda: say(f"watching {', '.join(map(str, paths))} (Ctrl-C to stop)")  # noqa: E731
        for changed in changes(paths, threading.Event(), ready, lost_folders):
            rebuild = live.rebuild(changed)
            site.update(rebuild)
            report(rebuild, out)
    finally:
        server.shutdown()
        server.server_close()
