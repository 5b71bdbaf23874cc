#!/usr/bin/env python3
"""Time cardgen as whole processes, beside the two tools a user would pick instead (Typst, WeasyPrint).

Why whole processes: a user waits for `cardgen build` from the shell prompt to the prompt, so interpreter start,
imports, font parsing and writing all count. In-process timings hide exactly the costs that dominate a small build.

Why alternate: these machines are shared and noisy. Every round runs every command once, in an order rotated each
round, so a burst of noise lands on all commands instead of on one; the table quotes medians.

Peak memory is each child's own ru_maxrss (os.wait4), not the process-group maximum getrusage would give.

Standard library only, so it runs under any Python 3.11; cardgen itself runs under --python (default: this one),
with this checkout first on PYTHONPATH so the code measured is the code beside this file.

    python benchmarks/bench.py              # 5 runs each after one warm-up round, peers if installed
    python benchmarks/bench.py --quick      # 1 run each, no warm-up (what CI runs, with --no-peers)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PEERS = Path(os.environ.get("CARDGEN_PEERS", ROOT.parent / "shared" / "bench" / "peers"))
DEFAULT_PEERS_PY = Path(os.environ.get("PEERS_PY", "/tmp/peers/venv/bin/python"))
MIB = 1024 * 1024
#: ru_maxrss is in kilobytes on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024

#: Which peer file is the equivalent of each cardgen output (the peers build en and ru only).
#: Peer deck.pdf is the cards 9-up on A4 with mirrored backs; cardgen's deck.pdf holds the same cards one per page.
PEER_EQUIVALENT = {
    "deck.pdf": "deck.pdf",
    "deck-sheets.pdf": "deck.pdf",
    "booklet.pdf": "booklet_a5.pdf",
    "booklet-print.pdf": "booklet_imposed.pdf",
}
PEER_LANGS = ("en", "ru")


@dataclass
class Case:
    """One command to time: how to run it, what to do (untimed) before each run, what it is compared with."""

    label: str
    argv: list[str]
    env: dict[str, str]
    setup: Callable[[], None] = lambda: None
    after: Callable[[], str] = lambda: ""
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds, the process and its children
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class RunFailed(Exception):
    pass


def run_once(case: Case, cwd: Path) -> None:
    """Run the case's command once: wall time from spawn to exit, and the child's own peak RSS."""
    case.setup()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(case.argv, env=case.env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise RunFailed(f"{case.label}: `{' '.join(case.argv)}` exited {proc.returncode}\n{message}")
    case.times.append(elapsed)
    case.rss.append(usage.ru_maxrss * RSS_UNIT)
    case.cpu.append(usage.ru_utime + usage.ru_stime)
    note = case.after()
    if note:
        case.note = note


def snapshot(folder: Path) -> dict[Path, int]:
    """mtime_ns of every PDF under folder, to tell which outputs a rebuild rewrote."""
    return {p: p.stat().st_mtime_ns for p in sorted(folder.rglob("*.pdf"))}


def rewritten(folder: Path, before: dict[Path, int]) -> str:
    after = snapshot(folder)
    changed = [p for p, m in after.items() if before.get(p) != m]
    langs = sorted({p.parent.name for p in changed})
    return f"rewrote {len(changed)}/{len(after)} PDFs" + (f" ({', '.join(langs)})" if langs else "")


def languages(content: Path) -> list[str]:
    """Shipped languages: one text file each; the source language is whatever routine.yaml names."""
    return sorted(p.stem for p in (content / "text").glob("*.yaml") if not p.name.endswith(".lock.yaml"))


def edit_one_string(text_file: Path, counter: list[int]) -> None:
    """Change meta.subtitle to a new plain value; a double-quoted ASCII value is valid YAML whatever was there."""
    counter[0] += 1
    source = text_file.read_text(encoding="utf-8")
    new, count = re.subn(
        r"^(\s+subtitle:).*$", rf'\1 "Benchmark edit {counter[0]}"', source, count=1, flags=re.MULTILINE
    )
    if count != 1:
        raise RunFailed(f"no subtitle: line to edit in {text_file}")
    text_file.write_text(new, encoding="utf-8")


def peer_available(peers: Path, python: Path, peer: str) -> str | None:
    """None when the peer can run, else why not (printed as 'not installed')."""
    modules = {"typst": "typst", "weasy": "weasyprint, jinja2, pypdf"}[peer]
    if not (peers / "run.sh").is_file():
        return f"no {peers / 'run.sh'}"
    if not python.is_file():
        return f"no {python}"
    probe = subprocess.run([str(python), "-c", f"import {modules}"], capture_output=True)
    return None if probe.returncode == 0 else f"{python} cannot import {modules}"


def fmt_s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f}"


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def fmt_kb(size: int | None) -> str:
    return "—" if size is None else f"{size / 1024:.1f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (pastes straight into an issue), columns padded for the terminal."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--quick", action="store_true", help="1 run each, no warm-up: does it run at all")
    parser.add_argument("--no-peers", action="store_true", help="do not run Typst and WeasyPrint")
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS, help=f"peer builds (default {DEFAULT_PEERS})")
    parser.add_argument("--peers-python", type=Path, default=DEFAULT_PEERS_PY, help="Python with typst, weasyprint")
    parser.add_argument("--python", default=sys.executable, help="Python that runs cardgen (default: this one)")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder to build")
    parser.add_argument("--work", type=Path, help="scratch folder for outputs (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.warmup = 1, 0
    work = args.work or Path(tempfile.mkdtemp(prefix="cardgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return bench(args, work)
    except RunFailed as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def bench(args: argparse.Namespace, work: Path) -> int:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("SOURCE_DATE_EPOCH", None)
    cardgen = [args.python, "-m", "cardgen"]
    langs = languages(args.content)
    content = args.content.resolve()

    # A private copy of content/ for the one-string edit; the edited language is one that nothing falls back to.
    edit_content = work / "content-edit"
    shutil.rmtree(edit_content, ignore_errors=True)
    shutil.copytree(content, edit_content)
    edit_lang = "de" if "de" in langs else langs[-1]
    counter = [0]

    def out(name: str) -> Path:
        return work / "out" / name

    def fresh(name: str) -> Callable[[], None]:
        return lambda: shutil.rmtree(out(name), ignore_errors=True)

    def build(name: str, *extra: str, content_dir: Path = content) -> list[str]:
        return [*cardgen, "build", "--content", str(content_dir), "--out", str(out(name)), *extra]

    snaps: dict[str, dict[Path, int]] = {}

    def remember(name: str) -> Callable[[], None]:
        return lambda: snaps.__setitem__(name, snapshot(out(name)))

    def edit_then_remember() -> None:
        edit_one_string(edit_content / "text" / f"{edit_lang}.yaml", counter)
        remember("edit")()

    all_label = f"build all {len(langs)} langs (cold)"
    cases = [
        Case("build en (cold)", build("en", "--lang", "en"), env, fresh("en")),
        Case(all_label, build("all"), env, fresh("all")),
        Case("build en+ru (cold)", build("enru", "--lang", "en", "--lang", "ru"), env, fresh("enru")),
        Case("build th (cold, shaping)", build("th", "--lang", "th"), env, fresh("th")),
        Case(
            "no-op rebuild (all)", build("noop"), env, remember("noop"), lambda: rewritten(out("noop"), snaps["noop"])
        ),
        Case(
            f"one-string rebuild ({edit_lang})",
            build("edit", content_dir=edit_content),
            env,
            edit_then_remember,
            lambda: rewritten(out("edit"), snaps["edit"]),
        ),
        Case("check (all)", [*cardgen, "check", "--content", str(content)], env),
        Case("--help", [*cardgen, "--help"], env),
    ]
    by_label = {c.label: c for c in cases}

    peer_cases: dict[str, Case] = {}
    peer_status: dict[str, str] = {}
    peers_out = work / "peers-out"
    for peer in ("typst", "weasy"):
        why = "skipped (--no-peers)" if args.no_peers else peer_available(args.peers, args.peers_python, peer)
        if why:
            peer_status[peer] = why
            continue
        peer_env = {**os.environ, "PY": str(args.peers_python), "PEERS_OUT": str(peers_out)}
        for which, arg in (("en", "en"), ("en+ru", "all")):
            peer_cases[f"{peer} {which}"] = Case(
                f"{peer} {which}", ["sh", str(args.peers / "run.sh"), peer, arg], peer_env
            )

    # The rebuild cases start from a finished build, made once before timing.
    print(f"cardgen {ROOT}  languages: {', '.join(langs)}  runs: {args.runs}  warm-up: {args.warmup}", file=sys.stderr)
    for name, content_dir in (("noop", content), ("edit", edit_content)):
        run_once(Case(f"prepare {name}", build(name, content_dir=content_dir), env), ROOT)

    everything = [*cases, *peer_cases.values()]
    for round_ in range(args.warmup + args.runs):
        shift = round_ % len(everything)
        for case in everything[shift:] + everything[:shift]:
            run_once(case, ROOT)
        if round_ < args.warmup:
            for case in everything:
                case.times.clear()
                case.rss.clear()
                case.cpu.clear()
        print(f"  round {round_ + 1}/{args.warmup + args.runs} done", file=sys.stderr)

    def peer_median(name: str, scale: float = 1.0) -> float | None:
        case = peer_cases.get(name)
        return case.median * scale if case else None

    def peer_cpu(name: str, scale: float = 1.0) -> float | None:
        case = peer_cases.get(name)
        return statistics.median(case.cpu) * scale if case else None

    typst_en, weasy_en = peer_median("typst en"), peer_median("weasy en")
    # Typst and WeasyPrint build en and ru only; N languages one after another ≈ their en+ru time × N/2.
    refs: dict[str, tuple[float | None, float | None]] = {label: (typst_en, weasy_en) for label in by_label}
    refs[all_label] = (peer_median("typst en+ru", len(langs) / 2), peer_median("weasy en+ru", len(langs) / 2))
    refs["build en+ru (cold)"] = (peer_median("typst en+ru"), peer_median("weasy en+ru"))

    def target(label: str) -> tuple[str, bool | None]:
        """Issue 19's targets: Typst is the reference; WeasyPrint's ratio is shown beside it."""
        c = by_label[label]
        t, _ = refs[label]
        checks = {
            "build en (cold)": (
                "≤ 3.5× Typst, ≤ 50 MiB",
                None if t is None else c.median <= 3.5 * t and max(c.rss) <= 50 * MIB,
            ),
            all_label: ("≤ 2× Typst (en+ru × N/2)", None if t is None else c.median <= 2 * t),
            "build th (cold, shaping)": ("≤ 4.5× Typst en", None if t is None else c.median <= 4.5 * t),
            "no-op rebuild (all)": ("≤ 0.5× Typst en", None if t is None else c.median <= 0.5 * t),
            "--help": ("≤ 0.100 s", c.median <= 0.1),
        }
        if label.startswith("one-string"):
            return ("only that language rewritten", c.note.endswith(f"({edit_lang})"))
        return checks.get(label, ("", None))

    # CPU time suffers less than wall time from other work on a busy machine; shown beside it, ratios too.
    cpu_refs = {label: peer_cpu("typst en") for label in by_label}
    cpu_refs[all_label] = peer_cpu("typst en+ru", len(langs) / 2)
    cpu_refs["build en+ru (cold)"] = peer_cpu("typst en+ru")
    rows = []
    for c in cases:
        t, w = refs[c.label]
        goal, ok = target(c.label)
        cpu, cpu_t = statistics.median(c.cpu), cpu_refs[c.label]
        rows.append(
            [
                c.label,
                fmt_s(c.median),
                fmt_s(min(c.times)),
                fmt_s(cpu),
                f"{max(c.rss) / MIB:.0f}",
                fmt_ratio(c.median / t if t else None),
                fmt_ratio(cpu / cpu_t if cpu_t else None),
                fmt_ratio(c.median / w if w else None),
                goal,
                {True: "yes", False: "NO", None: "—"}[ok],
                c.note,
            ]
        )
    for peer in ("typst", "weasy"):
        if peer in peer_status:
            rows.append([peer, "skipped" if "skipped" in peer_status[peer] else "not installed", *[""] * 9])
            continue
        for which in ("en", "en+ru"):
            c = peer_cases[f"{peer} {which}"]
            cpu = fmt_s(statistics.median(c.cpu))
            rows.append([c.label, fmt_s(c.median), fmt_s(min(c.times)), cpu, f"{max(c.rss) / MIB:.0f}", *[""] * 6])
    print()
    print(f"Times: median of {args.runs} run(s), seconds, whole processes (CPU = user + system, children included);")
    print("peak = max RSS of one run, MiB. Targets are judged on wall time.")
    headers = ["case", "median s", "min s", "CPU s", "peak MiB", "× Typst", "CPU × Typst", "× Weasy", "target", "met"]
    print(table([*headers, "note"], rows))
    for peer, why in peer_status.items():
        print(f"{peer}: not installed — {why}" if "skipped" not in why else f"{peer}: {why}")

    size_rows, sizes = size_table(out("all"), peers_out, langs, peer_cases)
    print()
    print("Output sizes, KB (cardgen: the all-languages build; peers: their equivalent file, en and ru only).")
    print(table(["file", "cardgen KB", "Typst KB", "Weasy KB", "× Typst", "× Weasy", "≤ Typst"], size_rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "runs": args.runs,
                    "cases": {
                        c.label: {"times": c.times, "cpu": c.cpu, "rss": c.rss, "note": c.note} for c in everything
                    },
                    "peers": peer_status,
                    "sizes": sizes,
                },
                indent=2,
            )
        )
    return 0


def size_table(
    cardgen_out: Path, peers_out: Path, langs: list[str], peer_cases: dict[str, Case]
) -> tuple[list[list[str]], dict[str, dict[str, int | None]]]:
    rows, sizes = [], {}
    for lang in langs:
        for pdf in sorted((cardgen_out / lang).glob("*.pdf")):
            name = f"{lang}/{pdf.name}"
            equivalent = PEER_EQUIVALENT.get(pdf.name)
            peer_sizes: dict[str, int | None] = {}
            for peer in ("typst", "weasy"):
                other = peers_out / peer / lang / equivalent if equivalent and lang in PEER_LANGS else None
                ran = f"{peer} en+ru" in peer_cases
                peer_sizes[peer] = other.stat().st_size if ran and other is not None and other.is_file() else None
            mine = pdf.stat().st_size
            typst = peer_sizes["typst"]
            verdict = "—" if typst is None else ("yes" if mine <= typst else f"NO (+{(mine - typst) / 1024:.1f})")
            ratios = [fmt_ratio(mine / peer_sizes[p] if peer_sizes[p] else None) for p in ("typst", "weasy")]
            rows.append([name, fmt_kb(mine), fmt_kb(typst), fmt_kb(peer_sizes["weasy"]), *ratios, verdict])
            sizes[name] = {"cardgen": mine, **peer_sizes}
    return rows, sizes


if __name__ == "__main__":
    sys.exit(main())
