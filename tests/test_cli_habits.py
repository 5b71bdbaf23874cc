"""What a user of other click tools expects: -V, -q, -v, NO_COLOR, progress that counts right, and a missing
library named in one line with what to install."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, copy_content, run

from cardgen import __version__
from cardgen.output import parallel


def test_version_short_and_long() -> None:
    for flag in ("-V", "--version"):
        code, out = run(flag)
        assert (code, out) == (0, f"cardgen, version {__version__}\n")


def test_quiet_and_verbose_together_is_a_usage_error() -> None:
    code, out = run("-q", "-v", "check")
    assert code == 2
    assert "opposite things" in out


def _work(folder: str, lang: str) -> str:
    time.sleep({"th": 0.6, "ru": 0.3}.get(lang, 0.05))
    Path(folder, f"{lang}.done").touch()
    return lang


def test_progress_with_workers_never_names_a_finished_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two workers languages finish out of order; each report names one still being built."""
    monkeypatch.setattr(parallel, "jobs", lambda count: 2)
    seen: list[tuple[str, int, int, bool]] = []

    def progress(lang: str, done: int, total: int) -> None:
        seen.append((lang, done, total, (tmp_path / f"{lang}.done").exists()))

    langs = ["en", "de", "ru", "th"]
    cost = {"th": 4, "ru": 3, "en": 2, "de": 1}.get
    results = dict(parallel.map_languages(lambda lang: _work(str(tmp_path), lang), langs, progress=progress, cost=cost))
    assert results == {lang: lang for lang in langs}
    assert seen[0] == ("th", 0, 4, False)  # the costliest starts first
    assert all(not finished and done < total for _, done, total, finished in seen), seen
    assert [done for _, done, _, _ in seen] == sorted(done for _, done, _, _ in seen)


def test_client_batch_counts_never_pass_their_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two languages, three clients: 6 booklets; the second language starts at the 4th (was `de (7/6)`)."""
    monkeypatch.setenv("CARDGEN_JOBS", "1")
    clients = tmp_path / "c.csv"
    clients.write_text("client\nAnna\nBen\nCleo\n", encoding="utf-8")
    args = ["--content", str(CONTENT), "--out", str(tmp_path / "out"), "--clients", str(clients)]
    code, out = run("build", *args, "--lang", "en", "--lang", "de")
    assert code == 0, out
    assert [line for line in out.splitlines() if line.startswith("building")] == [
        "building en (1/6) …",
        "building de (4/6) …",
    ]
    assert len(list((tmp_path / "out").glob("*/booklets/*.pdf"))) == 12


def _on_a_terminal(args: list[str], env: dict[str, str], until: bytes, cwd: Path) -> bytes:
    """Run `python -m cardgen ARGS` with a pseudo-terminal as its stdout and stderr, read until `until`."""
    main, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cardgen", *args],
        stdin=subprocess.DEVNULL,
        stdout=side,
        stderr=side,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    os.close(side)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while until not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(main, 4096)
                except OSError:  # the process ended
                    break
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        os.close(main)
    assert until in seen, seen.decode(errors="replace")
    return seen


@pytest.mark.parametrize("no_color", ["", "1"])
def test_watch_honours_no_color_on_a_terminal(tmp_path: Path, no_color: str) -> None:
    """A broken routine: watch prints its problems in red on a terminal, plain with NO_COLOR set."""
    content = copy_content(tmp_path)
    (content / "routine.yaml").write_text("id: broken\n", encoding="utf-8")
    env = {"NO_COLOR": no_color} if no_color else {}
    if not no_color:
        env["NO_COLOR"] = ""  # set but empty: colours stay on (https://no-color.org)
    args = ["watch", "--content", str(content), "--out", str(tmp_path / "out"), "--lang", "en"]
    seen = _on_a_terminal(args, env, b"Still watching", tmp_path)
    assert (b"\x1b[" in seen) is (not no_color), seen


def test_a_missing_library_is_one_line_saying_what_to_install(tmp_path: Path) -> None:
    clients = tmp_path / "c.csv"
    clients.write_text("client\nAnna\n", encoding="utf-8")
    script = "import sys; sys.modules['pikepdf'] = None; from cardgen.cli import run; run()"
    args = [
        "build",
        "--content",
        str(CONTENT),
        "--out",
        str(tmp_path / "out"),
        "--lang",
        "en",
        "--clients",
        str(clients),
    ]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if not line.startswith("building")]
    assert errors == [
        "cardgen: this needs the Python package pikepdf, which is not installed; pip install 'pikepdf>=10.3'"
    ]


def test_the_command_list_says_what_each_command_says() -> None:
    """`cardgen --help` lists the commands from cli.COMMANDS without importing them: each line is the first
    paragraph of that command's own help, and every command module is there."""
    import importlib
    import inspect

    from cardgen.cli import COMMANDS

    modules = {p.stem for p in (ROOT / "cardgen" / "commands").glob("*.py")}
    for name, line in COMMANDS.items():
        command = getattr(importlib.import_module(f"cardgen.commands.{name}"), name)
        first = inspect.cleandoc(command.help or "").split("\n\n")[0]
        assert " ".join(first.split()) == line, name
        assert name in modules
    helpers = {"__init__", "booklet_options", "coverage_report", "noop", "options"}
    assert modules - helpers == set(COMMANDS)


def test_help_imports_no_command() -> None:
    script = (
        "import sys\nfrom cardgen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('loaded:', sorted(m for m in sys.modules if m.startswith('cardgen.commands.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    assert "build      Build deck.pdf" in result.stdout
    assert "loaded: []" in result.stdout


def test_a_mistyped_command_gets_a_suggestion() -> None:
    code, text = run("bild")
    assert code == 2 and "No such command 'bild'. Did you mean 'build'?" in text
