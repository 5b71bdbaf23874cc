"""Shared fixtures: the repository's default content, a copy to break, and one default build per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the default content once (English) and return the output folder."""
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out


def copy_content(folder: Path) -> Path:
    """A writable copy of the default content inside `folder`."""
    target = folder / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the default content, for tests that break it."""
    return copy_content(tmp_path)


def run(*args: str) -> tuple[int, str]:
    """Invoke the CLI in-process; returns (exit code, combined output)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


LANGS = ("en", "de", "es", "ru", "th")


@pytest.fixture(scope="session")
def built_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build every shipped language once (deck, sheets, booklet each) and return the output folder."""
    out = tmp_path_factory.mktemp("build-all")
    result = CliRunner().invoke(main, ["build", "--content", str(CONTENT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
