"""Benchmark `cardgen build --clients`: seconds per booklet at 10, 100 and 1,000 clients, and peak memory.

Each run is the real command in a fresh process (start-up, checks, templates, workers, writing included), on
generated client lists. While it runs, the proportional set size (PSS) of the whole process tree is sampled
every 50 ms from /proc (PSS shares a forked worker's pages fairly, so parent + workers add up to real use).

    PYTHONPATH=. python benchmarks/batch.py                 # en, 10 / 100 / 1000 clients
    PYTHONPATH=. python benchmarks/batch.py --lang en --lang th --sizes 10,100

A booklet is one client's booklet.pdf and booklet-print.pdf in one language. "marginal" is the cost of one
more booklet once the run is going: (time at the largest size - time at the smallest) / (difference in
booklets), which is what grows with the list.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_clients(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["client", "practitioner", "contact", "date"])
        for i in range(count):
            writer.writerow([f"Client {i:04d} Müller-Lüdenscheidt", "Calm Hands Studio", "+49 30 1234 567", "3 June"])


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += children.get(current, [])
    return out


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(clients: Path, out: Path, langs: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB of the process tree) of one batch build."""
    command = [sys.executable, "-m", "cardgen", "build", "--clients", str(clients), "--out", str(out)]
    for lang in langs:
        command += ["--lang", lang]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_pss_kib(p) for p in _tree(process.pid)))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {err.decode()[-2000:]}")
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="language(s) to build (default: en)")
    parser.add_argument("--sizes", default="10,100,1000", help="client counts, comma-separated")
    args = parser.parse_args()
    langs = args.lang or ["en"]
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cardgen build --clients, languages {', '.join(langs)}, {os.cpu_count()} cores")
    print(f"{'clients':>8} {'booklets':>9} {'seconds':>8} {'s/booklet':>10} {'peak MiB':>9}")
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"clients-{size}.csv"
            write_clients(path, size)
            seconds, peak = run(path, Path(tmp) / f"out-{size}", langs)
            booklets = size * len(langs)
            timings.append((booklets, seconds))
            print(f"{size:>8} {booklets:>9} {seconds:>8.2f} {seconds / booklets:>10.4f} {peak:>9.0f}")
    if len(timings) > 1:
        (b0, t0), (b1, t1) = timings[0], timings[-1]
        print(f"marginal: {(t1 - t0) / (b1 - b0):.4f} s per booklet")


if __name__ == "__main__":
    main()
