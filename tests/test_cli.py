"""The CLI contract: build writes three PDFs per language and lists them; check writes nothing; --version."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CONTENT, run

import cardgen


def test_version_matches_package() -> None:
    code, out = run("--version")
    assert code == 0
    assert out.strip() == f"cardgen, version {cardgen.__version__}"


def test_build_lists_what_it_wrote(tmp_path: Path) -> None:
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en")
    assert code == 0, out
    listed = re.findall(r"^wrote (\S+)\s+(\d+) pages?\s+([\d.]+) KB$", out, flags=re.M)
    names = sorted(Path(p).name for p, _, _ in listed)
    assert names == ["booklet-print.pdf", "booklet.pdf", "deck-sheets.pdf", "deck.pdf"]
    for path, _, _ in listed:
        assert Path(path).is_file() and Path(path).read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.rglob("*.tmp"))


def test_check_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "--content", str(CONTENT))
    assert code == 0, out
    assert out.startswith("ok: en")
    assert list(tmp_path.iterdir()) == []


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "xx")
    assert code == 2
    assert "no text for language 'xx'" in out
    assert not (tmp_path / "xx").exists()


def test_every_command_has_help() -> None:
    code, out = run("--help")
    assert code == 0
    commands = re.findall(r"^  (\w+)\s", out.split("Commands:")[1], flags=re.M)
    assert {"build", "check"} <= set(commands)
    for command in commands:
        code, text = run(command, "--help")
        assert code == 0 and "Usage:" in text
