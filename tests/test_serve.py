"""`cardgen serve`: the live preview page, over HTTP and in a real headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_process import CliProcess

from cardgen.build import BuildOptions
from cardgen.live.preview import PreviewCache
from cardgen.live.rebuild import LiveBuild
from cardgen.live.site import PreviewSite, make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


@pytest.fixture
def site_server(content_copy: Path, tmp_path: Path) -> Iterator[tuple[str, LiveBuild, PreviewSite]]:
    """The site and its server in this process (no watcher: the test calls rebuild itself)."""
    live = LiveBuild(BuildOptions(content=content_copy, out=tmp_path / "out", langs=("en", "ru")))
    site = PreviewSite(PreviewCache(dpi=30))
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", live, site
    finally:
        server.shutdown()
        server.server_close()


def test_endpoints_serve_pages_state_and_errors(site_server: tuple[str, LiveBuild, PreviewSite]) -> None:
    base, live, site = site_server
    status, kind, body = get(base + "/")
    assert status == 200 and kind.startswith("text/html")
    # self-contained: no script, style, image or font is fetched from anywhere else
    assert not re.search(rb"""(src|href)=["']?(https?:)?//""", body)
    site.update(live.rebuild())
    assert json.loads(get(base + "/version.json")[2]) == {"build": 1}
    state = json.loads(get(base + "/state.json")[2])
    assert state["ok"] and state["languages"] == ["en", "ru"]
    deck = next(d for d in state["documents"] if d["name"] == "deck")
    cell = next(page["cells"]["ru"] for page in deck["pages"] if "Поглаживание" in page["cells"]["ru"]["text"])
    status, kind, png = get(base + cell["src"])
    assert status == 200 and kind == "image/png" and png.startswith(b"\x89PNG")
    assert get(base + "/png/0000.png")[0] == 404 and get(base + "/etc/passwd")[0] == 404

    routine = live.options.content / "routine.yaml"
    edit(routine, "    minutes: 3\n", "    minutes: three\n")
    site.update(live.rebuild([routine]))
    state = json.loads(get(base + "/state.json")[2])
    assert state["build"] == 2 and not state["ok"]
    [problem] = state["problems"]
    assert re.fullmatch(r".*routine\.yaml:\d+:\d+: steps\[0\]\.minutes", problem["where"])
    assert problem["message"].startswith("expected a number of minutes")


@pytest.fixture
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium chromium-driver; .ci/run does it)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_page_follows_edits_errors_and_fixes_in_a_real_browser(browser, content_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = CliProcess(
        "serve", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--lang", "en", "--lang", "ru",
        "--port", "0", "--dpi", "40",
    )  # fmt: skip
    try:
        url = proc.wait_for(r"^serving (http://127\.0\.0\.1:\d+/)$").group(1)
        proc.wait_for(r"^watching ")
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url)

        # every card and booklet page, languages side by side
        page.wait_for_selector('img[data-lang="ru"][alt*="Поглаживание"]', timeout=15_000)
        assert page.locator("table[data-document=deck] th").all_inner_texts() == ["", "en", "ru"]
        assert page.locator("table[data-document=booklet] img[data-lang=en]").count() >= 8
        first_build = int(page.locator("body").get_attribute("data-build"))

        # an edit shows up without touching the browser
        edit(content_copy / "text" / "en.yaml", "    title: Stroking\n", "    title: Zebra stroking\n")
        page.wait_for_selector('img[data-lang="en"][alt*="Zebra stroking"]', timeout=15_000)
        assert int(page.locator("body").get_attribute("data-build")) > first_build
        assert page.locator('img[data-lang="ru"][alt*="Zebra"]').count() == 0  # ru has its own title

        # a broken file: the error with its file and line replaces the cards
        routine = content_copy / "routine.yaml"
        edit(routine, "    minutes: 3\n", "    minutes: three\n")
        problems = page.locator("#problems")
        problems.wait_for(state="visible", timeout=15_000)
        line = routine.read_text(encoding="utf-8").splitlines().index("    minutes: three") + 1
        assert re.search(
            rf"routine\.yaml:{line}:\d+: steps\[0\]\.minutes: expected a number of minutes", problems.inner_text()
        )
        assert not page.locator("#pages").is_visible()

        # fixed: the cards come back, with the edit still there
        edit(routine, "    minutes: three\n", "    minutes: 3\n")
        page.locator('img[data-lang="en"][alt*="Zebra stroking"]').first.wait_for(state="visible", timeout=15_000)
        assert not problems.is_visible()

        assert requested and all(u.startswith(url) for u in requested), [u for u in requested if not u.startswith(url)]
    finally:
        proc.stop()
