#!/usr/bin/env python3
"""Save-to-PDF latency of `cardgen watch` (standard library only, self-contained).

Copies content/ and layouts/ to a temporary folder, starts `cardgen watch` on the copy, waits until it is
watching, then N times per kind of edit: writes one changed file (a distinct value each time, so no cache
answers from an earlier round) and times from the write to the last of the affected language's PDFs being
replaced (inode/mtime polled every ~2 ms; the watch's report line says when the rebuild is over).
Reports median and max per kind, and the watch process's CPU time per rebuild (from /proc).

usage: python benchmarks/watch.py [--repo DIR] [--python PY] [-n N] [--kinds ru,en,layout] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PDFS = ("deck.pdf", "deck-sheets.pdf", "booklet.pdf", "booklet-print.pdf")


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for name in PDFS:
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        out[name] = (st.st_ino, st.st_mtime_ns)
    return out


def cpu_seconds(pid: int) -> float:
    """user+sys of a process (and its waited-for children) from /proc, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks


class Watch:
    def __init__(self, cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout
        for line in self.proc.stdout:
            self.log.append(line)
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, pattern: str, timeout: float = 120) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or (self.proc.poll() is not None and self.lines.empty()):
                raise SystemExit("watch did not say %r; output:\n%s" % (pattern, "".join(self.log[-30:])))
            try:
                t, line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if re.search(pattern, line):
                return t, line

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def edit_ru(root: Path, i: int) -> tuple[Path, bytes, list[str]]:
    """One string of the Russian text: a step's title (changes a card, the overview and a booklet page)."""
    path = root / "content/text/ru.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(\n  stroking:\n    title: )([^\n]*)", lambda m: f"{m[1]}Поглаживание {i}", text, count=1)
    assert new != text or i == 0, "ru edit did not apply"
    return path, new.encode(), ["ru"]


def edit_en(root: Path, i: int) -> tuple[Path, bytes, list[str]]:
    """One step's instruction in the source language (every language may fall back on it)."""
    path = root / "content/text/en.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(
        r"(\n  circular_rubbing:\n    title: [^\n]*\n    instruction: )([^\n]*?)( Work[^\n]*)",
        lambda m: f"{m[1]}Rub the back with light circular movements of both palms, round {i}.{m[3]}",
        text,
        count=1,
    )
    assert new != text, "en edit did not apply"
    return path, new.encode(), ["en"]


def edit_layout(root: Path, i: int) -> tuple[Path, bytes, list[str]]:
    """A layout number: the gap between a card's regions (every card and language)."""
    path = root / "layouts/default.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(\n  gap: )[0-9.]+mm", lambda m: f"{m[1]}{2.3 + 0.01 * (i % 40):.2f}mm", text, count=1)
    assert new != text or i == 0, "layout edit did not apply"
    return path, new.encode(), ["en", "ru"]


KINDS = {"ru": edit_ru, "en": edit_en, "layout": edit_layout}


def one(watch: Watch, root: Path, out: Path, kind: str, i: int, poll: float) -> dict:
    path, data, langs = KINDS[kind](root, i)
    folders = [out / lang for lang in langs]
    before = {f: stamps(f) for f in folders}
    cpu0 = cpu_seconds(watch.proc.pid)
    t0 = time.perf_counter()
    with open(path, "wb") as handle:  # in place, as many editors save
        handle.write(data)
    seen: dict[tuple[Path, str], float] = {}
    done_at = None
    deadline = t0 + 60
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        for f in folders:
            for name, st in stamps(f).items():
                if (f, name) not in seen and before[f].get(name) != st:
                    seen[(f, name)] = now
        if done_at is None:
            try:
                while True:
                    t, line = watch.lines.get_nowait()
                    if re.match(r"\[\d\d:\d\d:\d\d\] (rebuilt|nothing|\d+ problem)", line):
                        done_at = t
                        if "problem" in line:
                            raise SystemExit("rebuild failed:\n" + "".join(watch.log[-20:]))
            except queue.Empty:
                pass
        elif now - done_at > 0.01:  # the report is printed after the rename; one more poll after it
            break
        time.sleep(poll)
    else:
        raise SystemExit(f"{kind} #{i}: no rebuild within 60 s")
    end = max(seen.values()) if seen else done_at
    time.sleep(0.05)
    return {
        "kind": kind,
        "ms": (end - t0) * 1000,
        "report_ms": (done_at - t0) * 1000,
        "replaced": len(seen),
        "cpu_ms": (cpu_seconds(watch.proc.pid) - cpu0) * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", default=".", help="cardgen checkout (content/, layouts/)")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--kinds", default="ru,en,layout")
    ap.add_argument("--langs", default="", help="comma-separated --lang values for watch (default: all)")
    ap.add_argument("--poll", type=float, default=0.002)
    ap.add_argument("--json", help="write every sample here")
    args = ap.parse_args()
    repo = Path(args.repo).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="watch-lat."))
    try:
        shutil.copytree(repo / "content", tmp / "content")
        shutil.copytree(repo / "layouts", tmp / "layouts")
        # the copied layout's fonts: dir is relative (../fonts): give the copy the checkout's fonts
        os.symlink(repo / "fonts", tmp / "fonts")
        out = tmp / "out"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(repo)}
        cmd = [args.python, "-m", "cardgen", "watch", "--content", "content", "--layouts", "layouts", "--out", "out"]
        for lang in filter(None, args.langs.split(",")):
            cmd += ["--lang", lang]
        watch = Watch(cmd, tmp, env)
        try:
            t_start = time.perf_counter()
            watch.wait_for(r"^watching ")
            print(f"ready after {time.perf_counter() - t_start:.2f} s (first build)", file=sys.stderr)
            samples = []
            for kind in args.kinds.split(","):
                for i in range(1, args.n + 1):
                    s = one(watch, tmp, out, kind, i, args.poll)
                    samples.append(s)
        finally:
            watch.stop()
        print(f"{'edit':8} {'n':>3} {'median ms':>10} {'max ms':>8} {'min ms':>8} {'cpu med ms':>11} {'files':>6}")
        for kind in args.kinds.split(","):
            rows = [s for s in samples if s["kind"] == kind]
            ms = [s["ms"] for s in rows]
            cpu = [s["cpu_ms"] for s in rows]
            files = statistics.median(s["replaced"] for s in rows)
            print(
                f"{kind:8} {len(ms):3} {statistics.median(ms):10.1f} {max(ms):8.1f} {min(ms):8.1f} "
                f"{statistics.median(cpu):11.1f} {files:6}"
            )
        if args.json:
            Path(args.json).write_text(json.dumps(samples, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
