"""The bad-input corpus (tests/bad_inputs/cases.yaml): every case fails cleanly and loses no earlier work.

Each case runs `cardgen build` on a broken copy of the default content over an output folder that already
holds a good build, and checks: the exit code, every expected message fragment (with file and line, or the
layout key), no traceback, the earlier PDFs byte-identical and no temporary file left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import CONTENT, ROOT

from cardgen.cli import main

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
GOLDEN_LANGS = ("en", "de")
#: "{line}" or "{line+1}" in an expected fragment: relative to where the case's first edit starts.
LINE = re.compile(r"\{line([+-]\d+)?\}")
#: "{5000*x}" in a replacement: that many of that character (a 5,000-character title without 5,000 in the table).
REPEAT = re.compile(r"\{(\d+)\*(\w)\}")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too, so a stray temporary file shows) -> its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the default content (en, de): the earlier work every failed run must leave alone."""
    out = tmp_path_factory.mktemp("golden")
    args = ["build", "--content", str(CONTENT), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, *(a for lang in GOLDEN_LANGS for a in ("--lang", lang))])
    assert result.exit_code == 0, result.output
    return out


def apply_edit(workspace: Path, edit: dict[str, Any]) -> int:
    """Apply one find/replace edit; returns the 1-based line where the replacement starts."""
    path = workspace / edit["file"]
    text = path.read_text(encoding="utf-8")
    assert edit["find"] in text, f"{edit['find']!r} is not in {edit['file']}"
    start = text.index(edit["find"])
    replacement = REPEAT.sub(lambda m: m.group(2) * int(m.group(1)), edit["replace"])
    text = text.replace(edit["find"], replacement, 1)
    data = text.encode(edit.get("encoding", "utf-8"))
    if "pad_to" in edit:
        data += b"\n#" + b"x" * (edit["pad_to"] - len(data) - 3) + b"\n"
    path.write_bytes(data)
    return text.count("\n", 0, start) + 1


def prepare(case: dict[str, Any], root: Path, golden: Path) -> tuple[Path, list[str], str]:
    """The case's workspace (content, layouts, out = a copy of the good build), its arguments and `{line}`."""
    workspace = root / "ws"
    shutil.copytree(CONTENT, workspace / "content")
    shutil.copytree(golden, workspace / "out")
    line = "0"
    for i, edit in enumerate(case.get("edits", [])):
        found = apply_edit(workspace, edit)
        line = str(found) if i == 0 else line
    for target, name in case.get("files", {}).items():
        shutil.copyfile(CORPUS / "files" / name, workspace / target)
    if "layouts" in case:
        (workspace / "layouts").mkdir()
        for target, name in case["layouts"].items():
            shutil.copyfile(CORPUS / "layouts" / name, workspace / "layouts" / target)
    for name in case.get("remove", []):
        (workspace / name).unlink()
    for link, target in case.get("symlinks", {}).items():
        (workspace / link).symlink_to(target)
    for target, source in case.get("copies", {}).items():
        shutil.copyfile(workspace / source, workspace / target)
    for fifo in case.get("fifos", []):
        os.mkfifo(workspace / fifo)
    args = ["build", "--content", "content", "--out", "out"]
    for lang in case.get("langs", GOLDEN_LANGS):
        args += ["--lang", lang]
    if "layouts" in case:
        args += ["--layouts", "layouts"]
    return workspace, [*args, *case.get("args", [])], line


def run_case(
    case: dict[str, Any], workspace: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """Run the CLI in the workspace, as a real process or in-process; returns (exit code, all output)."""
    if case.get("via") == "subprocess":
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [sys.executable, "-m", "cardgen", *args],
            cwd=workspace,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        return proc.returncode, proc.stdout + proc.stderr
    monkeypatch.chdir(workspace)
    for before in case.get("before", []):  # commands that set the case up (`lang add fr`): they must succeed
        setup = CliRunner().invoke(main, before)
        assert setup.exit_code == 0, setup.output
    result = CliRunner().invoke(main, args)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception  # an exception the CLI did not turn into a message is a failure in itself
    return result.exit_code, result.output


def test_the_corpus_is_big_enough() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(ids) >= 70
    assert sum(case.get("via") == "subprocess" for case in CASES) >= 3
    assert {case["exit"] for case in CASES} == {1, 2}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path, golden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace, args, line = prepare(case, tmp_path, golden)
    before = snapshot(workspace / "out")
    start = time.perf_counter()
    code, out = run_case(case, workspace, args, monkeypatch)
    elapsed = time.perf_counter() - start
    assert code == case["exit"], out
    for fragment in case["expect"]:
        expected = LINE.sub(lambda m: str(int(line) + int(m.group(1) or 0)), fragment)
        assert expected in out, f"expected {expected!r} in:\n{out}"
    for fragment in case.get("forbid", []):
        assert fragment not in out, f"{fragment!r} must not be shown:\n{out}"
    assert "Traceback" not in out
    assert snapshot(workspace / "out") == before, "a failed build changed or left files in the output folder"
    elsewhere = [p for p in workspace.rglob("*.pdf") if workspace / "out" not in p.parents]
    assert not elsewhere, f"PDFs written outside --out: {elsewhere}"
    if "max_seconds" in case:
        assert elapsed < case["max_seconds"], f"took {elapsed:.2f} s"


def test_every_layout_data_file_is_used() -> None:
    """A data file no case names is a case someone forgot to write."""
    used = {name for case in CASES for name in case.get("layouts", {}).values()}
    used |= {name for case in CASES for name in case.get("files", {}).values()}
    present = {p.name for p in (CORPUS / "layouts").glob("*.yaml")} | {p.name for p in (CORPUS / "files").iterdir()}
    assert present == used
