"""Outputs: a path that cannot be written is an error before any work; writes are all-or-nothing; concurrent
builds into one folder leave whole PDFs; an internal error is one line unless --debug."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import CONTENT, ROOT, run

from cardgen import build as build_module
from cardgen.build import OUTPUT_NAMES
from cardgen.cli import main
from cardgen.errors import OutputError
from cardgen.output import atomic as output
from cardgen.output.manifest import NAME as MANIFEST


def build_args(out: Path, *langs: str) -> list[str]:
    return [
        "build",
        "--content",
        str(CONTENT),
        "--out",
        str(out),
        *(a for lang in langs or ("en",) for a in ("--lang", lang)),
    ]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any layout work fail loudly: an output error must be found before it starts."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("layout started although the output cannot be written")

    monkeypatch.setattr(build_module, "build_language", fail)


def test_out_is_a_file(tmp_path: Path, no_work: None) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder")
    code, text = run(*build_args(out))
    assert code == 1
    assert f"{out}: is a file, but the output {out / 'en' / 'deck.pdf'} needs a folder here" in text
    assert out.read_text() == "not a folder"


def test_language_folder_is_a_file(tmp_path: Path, no_work: None) -> None:
    (tmp_path / "de").write_text("in the way")
    code, text = run(*build_args(tmp_path, "en", "de"))
    assert code == 1
    assert f"{tmp_path / 'de'}: is a file, but the output {tmp_path / 'de' / 'deck.pdf'} needs a folder here" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de"], "en/ was created although the build could not run"


def test_output_file_is_a_folder(tmp_path: Path, no_work: None) -> None:
    (tmp_path / "en" / "booklet.pdf").mkdir(parents=True)
    code, text = run(*build_args(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'en' / 'booklet.pdf'}: a folder is in the way of this output file" in text


def test_unwritable_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_work: None) -> None:
    """Runs everywhere: the probe file cannot be created (as on a read-only filesystem)."""

    def read_only(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(output.tempfile, "mkstemp", read_only)
    code, text = run(*build_args(tmp_path))
    assert code == 1
    assert f"{tmp_path}: cannot write here (Read-only file system); choose another --out folder" in text


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder the build cannot write to, really: chmod for a normal user; for root (who ignores
    permissions) a read-only tmpfs mount, skipped where mounting is not allowed."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mount = shutil.which("mount")
    proc = subprocess.run(
        [mount or "mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if proc.returncode != 0:
        pytest.skip("running as root and cannot mount a read-only filesystem here; see the simulated test")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_read_only_folder_is_refused_before_work(read_only_folder: Path, no_work: None) -> None:
    code, text = run(*build_args(read_only_folder))
    assert code == 1
    assert f"{read_only_folder}: cannot write here" in text
    assert list(read_only_folder.iterdir()) == []


def test_failed_write_replaces_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the third file is staged: no output changes, no temporary file stays."""
    code, text = run(*build_args(tmp_path))
    assert code == 0, text
    before = files_under(tmp_path)
    real_stage = output._stage
    calls = []

    def stage_then_fail(path: Path, data: bytes, mode: int) -> Path:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(path, data + b"%changed", mode)

    monkeypatch.setattr(output, "_stage", stage_then_fail)
    code, text = run(*build_args(tmp_path), "--force")  # unchanged inputs would otherwise rebuild nothing
    assert code == 1
    assert "No space left on device" in text and "nothing was replaced" in text
    assert files_under(tmp_path) == before


def test_write_all_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    targets = {tmp_path / "a" / "one.pdf": b"1", tmp_path / "b" / "two.pdf": b"2"}
    output.write_all_atomic(targets)
    assert files_under(tmp_path) == {"a/one.pdf": b"1", "b/two.pdf": b"2"}
    with pytest.raises(OutputError):
        output.write_all_atomic({tmp_path / "a" / "one.pdf": b"x", tmp_path / "b": b"folder in the way"})
    assert files_under(tmp_path) == {"a/one.pdf": b"1", "b/two.pdf": b"2"}


def test_two_builds_at_once_leave_valid_pdfs(tmp_path: Path) -> None:
    """Two processes build into the same folder at the same time; every PDF there must be whole."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cardgen", *build_args(tmp_path, "en", "de")]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], results
    pdfs = sorted(tmp_path.rglob("*.pdf"))
    assert len(pdfs) == 2 * len(OUTPUT_NAMES)
    for pdf in pdfs:
        with pikepdf.open(pdf) as doc:
            assert len(doc.pages) > 0
    left = [p for p in tmp_path.rglob("*") if p.name.startswith(".") and p.name != MANIFEST]  # manifest stays
    assert not left, "temporary files were left behind"


def test_internal_error_is_one_line_with_how_to_debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def bug(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(build_module, "build_language", bug)
    result = CliRunner().invoke(main, build_args(tmp_path))
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("building en"), result.output
    assert lines[1].startswith("cardgen: internal error (ZeroDivisionError: division by zero); this is a bug")
    assert "`cardgen --debug ...`" in lines[1] and "Traceback" not in result.output
    debug = CliRunner().invoke(main, ["--debug", *build_args(tmp_path)])
    assert isinstance(debug.exception, ZeroDivisionError)
