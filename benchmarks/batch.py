"""Benchmark `cardgen build --clients`: milliseconds per booklet at 1,000 and 10,000 clients, and peak memory.

Each run is the real command in a fresh process (start-up, checks, templates, workers, writing included), on
generated client lists. While it runs, the proportional set size (PSS) of the whole process tree is sampled
every 50 ms from /proc (PSS shares a forked worker's pages fairly, so parent + workers add up to real use).

    PYTHONPATH=. python benchmarks/batch.py                 # en, 10 / 1,000 / 10,000 clients, 3 rounds
    PYTHONPATH=. python benchmarks/batch.py --lang en --lang th --sizes 10,100 --rounds 1

A booklet is one client's booklet.pdf and booklet-print.pdf in one language. "marginal" is the cost of one
more booklet once the run is going: (time at the largest size - time at the smallest) / (difference in
booklets), which is what grows with the list. "cpu ms" is user + system time of the whole process tree
(the command and its workers, from wait4) per booklet: on a shared machine it is steadier than wall time.
Each size runs `--rounds` times, sizes alternating, and the medians are reported.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
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


def run(clients: Path, out: Path, langs: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the process tree, peak MiB of the process tree) of one batch build."""
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
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)  # the command's usage includes its waited-for workers
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {err.decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="language(s) to build (default: en)")
    parser.add_argument("--sizes", default="10,1000,10000", help="client counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each size (medians reported)")
    args = parser.parse_args()
    langs = args.lang or ["en"]
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cardgen build --clients, languages {', '.join(langs)}, {os.cpu_count()} cores, {args.rounds} rounds")
    runs: dict[int, list[tuple[float, float, float]]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            write_clients(Path(tmp) / f"clients-{size}.csv", size)
        for _ in range(args.rounds):
            for size in sizes:
                out = Path(tmp) / f"out-{size}"
                runs[size].append(run(Path(tmp) / f"clients-{size}.csv", out, langs))
                wall, cpu, peak = runs[size][-1]
                print(
                    f"  run: {size} clients {wall:.2f} s wall, {cpu:.2f} s cpu, {peak:.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
                subprocess.run(["rm", "-rf", str(out)], check=True)
    print(f"{'clients':>8} {'booklets':>9} {'wall s':>8} {'ms/booklet':>11} {'cpu ms/booklet':>15} {'peak MiB':>9}")
    timings = []
    for size in sizes:
        wall = statistics.median(r[0] for r in runs[size])
        cpu = statistics.median(r[1] for r in runs[size])
        peak = max(r[2] for r in runs[size])
        booklets = size * len(langs)
        timings.append((booklets, wall, cpu))
        print(
            f"{size:>8} {booklets:>9} {wall:>8.2f} {1000 * wall / booklets:>11.2f}"
            f" {1000 * cpu / booklets:>15.2f} {peak:>9.0f}"
        )
    if len(timings) > 1:
        (b0, t0, c0), (b1, t1, c1) = timings[0], timings[-1]
        wall, cpu = 1000 * (t1 - t0) / (b1 - b0), 1000 * (c1 - c0) / (b1 - b0)
        print(f"marginal: {wall:.2f} ms wall, {cpu:.2f} ms cpu per booklet")


if __name__ == "__main__":
    main()
