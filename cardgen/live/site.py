"""The local preview page of `cardgen serve`: every card and booklet page as PNG, side by side per language.

A stdlib HTTP server on 127.0.0.1 serves one self-contained page (cardgen/web/index.html: no external assets, so
it works offline) and three JSON/PNG endpoints. The page polls /version.json, a build counter, five times a
second and fetches /state.json when it moves, so it refreshes itself when a rebuild finishes; when the content has
errors, the state carries them (file, line, message) and the page shows them instead of the cards.

The watcher thread renders previews outside the lock and swaps the new state in at once, so a request never
sees half a rebuild. PNG URLs are content hashes: an unchanged page is never downloaded twice.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from .preview import PREVIEWED, PagePreview, PreviewCache, preview_files
from .rebuild import Rebuild


class PreviewSite:
    """The state the page shows, updated by the watcher thread, read by the server's threads."""

    def __init__(self, cache: PreviewCache | None = None) -> None:
        self._cache = cache or PreviewCache()
        self._lock = threading.Lock()
        # only the watcher thread touches these two
        self._files: dict[str, dict[str, bytes]] = {}
        self._pages: dict[str, list[PagePreview]] = {}
        self._version = 0
        self._state: bytes = json.dumps({"build": 0, "ok": True, "building": True, "documents": []}).encode()
        self._png: dict[str, bytes] = {}

    def update(self, rebuild: Rebuild) -> None:
        """Take in one rebuild: render the previews of the languages it built, then publish everything at once."""
        if rebuild.ok:
            for lang, files in rebuild.files.items():
                self._files[lang] = files
                self._pages[lang] = preview_files(files, self._cache)
            self._files = {lang: self._files[lang] for lang in rebuild.languages if lang in self._files}
            self._pages = {lang: self._pages[lang] for lang in self._files}
            self._cache.retain((name, data) for files in self._files.values() for name, data in files.items())
        png = {_key(page): page.png for pages in self._pages.values() for page in pages}
        state = json.dumps(self._describe(rebuild), ensure_ascii=False).encode("utf-8")
        with self._lock:
            self._png = png
            self._state = state
            self._version = rebuild.number

    def _describe(self, rebuild: Rebuild) -> dict[str, Any]:
        documents = []
        for name in (n.removesuffix(".pdf") for n in PREVIEWED):
            rows: dict[int, dict[str, Any]] = {}
            for lang, pages in self._pages.items():
                for page in pages:
                    if page.document == name:
                        rows.setdefault(page.number, {})[lang] = {
                            "src": f"/png/{_key(page)}.png",
                            "text": page.text,
                            "width": page.width,
                            "height": page.height,
                        }
            documents.append({"name": name, "pages": [{"number": n, "cells": rows[n]} for n in sorted(rows)]})
        return {
            "build": rebuild.number,
            "ok": rebuild.ok,
            "building": False,
            "finished": time.strftime("%H:%M:%S"),
            "seconds": round(rebuild.seconds, 3),
            "built": list(rebuild.built),
            "languages": list(self._pages),
            "problems": [
                {"where": str(p).removesuffix(f": {p.message}"), "message": p.message, "file": p.file, "line": p.line}
                for p in rebuild.problems
            ],
            "message": rebuild.message,
            "documents": documents,
        }

    def version(self) -> int:
        with self._lock:
            return self._version

    def state(self) -> bytes:
        with self._lock:
            return self._state

    def png(self, key: str) -> bytes | None:
        with self._lock:
            return self._png.get(key)


def _key(page: PagePreview) -> str:
    return hashlib.sha256(page.png).hexdigest()[:32]


def page_html() -> bytes:
    return resources.files("cardgen.live").joinpath("web", "index.html").read_bytes()


#: Host header values the preview answers to (with any port): the loopback names. A page on another site that
#: makes its own name resolve to 127.0.0.1 (DNS rebinding) sends its own name, and gets 403, not the state.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
#: Connections the kernel queues while every thread is busy; the stdlib's 5 drops most of a page's first burst.
BACKLOG = 256


def allowed_host(value: str | None) -> bool:
    """Whether a Host header names a loopback name this server serves ("localhost:8765", "127.0.0.1")."""
    if not value:
        return False
    host = value.strip().lower()
    if host.startswith("["):  # [::1]:8765
        host = host[: host.find("]") + 1] if "]" in host else host
    else:
        host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return host in LOOPBACK_HOSTS


class _Server(ThreadingHTTPServer):
    """A threading server with a deep listen backlog that stays quiet about clients that went away."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closed a tab mid-answer (a broken pipe, a reset) is normal, not worth a traceback; any
        other error gets one line on stderr, never a traceback in the terminal the author reads rebuilds in."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(f"serve: a request failed ({type(error).__name__}: {error})\n")


def make_server(site: PreviewSite, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """An HTTP server for `site` on a loopback port (0: any free one; read it from server.server_address)."""
    index = page_html()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not allowed_host(self.headers.get("Host")):
                self.send_error(HTTPStatus.FORBIDDEN, "this preview answers only to localhost and 127.0.0.1")
                return
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(index, "text/html; charset=utf-8")
            elif path == "/version.json":
                self._send(json.dumps({"build": site.version()}).encode(), "application/json")
            elif path == "/state.json":
                self._send(site.state(), "application/json; charset=utf-8")
            elif path.startswith("/png/") and path.endswith(".png"):
                data = site.png(path.removeprefix("/png/").removesuffix(".png"))
                if data is None:
                    self.send_error(HTTPStatus.NOT_FOUND)
                else:
                    self._send(data, "image/png", cache="public, max-age=86400, immutable")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, kind: str, cache: str = "no-store") -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the terminal is for rebuilds and content errors, not for each poll of the page."""

    return _Server((host, port), Handler)
