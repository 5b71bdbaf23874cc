"""Shared fixtures: the repository's default content, a copy to break, and one default build per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
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


#: What a skip names when a tool .ci/run installs is missing (Debian's chromium and poppler-utils) or a module
#: of the test extra is; with CARDGEN_REQUIRE_TOOLS=1 such a skip is a failure, so CI cannot pass by skipping.
REQUIRED_TOOLS = ("chromium", "pdftotext", "poppler", "playwright", "could not import")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CARDGEN_REQUIRE_TOOLS") != "1" or not report.skipped:
        return
    reason = str(report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(tool in reason for tool in REQUIRED_TOOLS):
        report.outcome = "failed"
        report.longrepr = f"CARDGEN_REQUIRE_TOOLS=1 and this test skipped for a missing tool: {reason}"
