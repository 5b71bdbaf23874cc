"""The benchmark runs end to end and prints every row: CI checks it works, never how fast (machines are noisy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT

ROWS = (
    "build en (cold)",
    "build all {n} langs (cold)",
    "build en+ru (cold)",
    "build th (cold, shaping)",
    "no-op rebuild (all)",
    "one-string rebuild (de)",
    "check (all)",
    "--help",
    "typst",
    "weasy",
)


def test_quick_benchmark_prints_every_row(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--no-peers", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    cells = {line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ")}
    langs = sorted(p.stem for p in (CONTENT / "text").glob("*.yaml") if not p.name.endswith(".lock.yaml"))
    for row in ROWS:
        assert row.format(n=len(langs)) in cells, f"row {row!r} missing from\n{result.stdout}"
    # every PDF the all-languages build wrote has a size row, and each size is the file's real size
    pdfs = sorted((tmp_path / "out" / "all").rglob("*.pdf"))
    assert {p.parent.name for p in pdfs} == set(langs)
    for pdf in pdfs:
        name = f"{pdf.parent.name}/{pdf.name}"
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"| {name} "))
        assert line.split("|")[2].strip() == f"{pdf.stat().st_size / 1024:.1f}"
    assert "typst: skipped (--no-peers)" in result.stdout


def test_absent_peers_are_reported_not_fatal(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = bench  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(bench)
    finally:
        del sys.modules["bench"]
    assert "run.sh" in bench.peer_available(tmp_path, Path(sys.executable), "typst")
    (tmp_path / "run.sh").write_text("#!/bin/sh\n")
    assert "no /nonexistent" in bench.peer_available(tmp_path, Path("/nonexistent/python"), "weasy")
    assert "cannot import" in bench.peer_available(tmp_path, Path(sys.executable), "weasy")
