"""Measure `cardgen watch`: seconds from saving content/text/ru.yaml to ru's new PDFs being in place.

    PYTHONPATH=. python tools/watch_latency.py [--saves 20] [--lang en --lang ru ...]

Starts the real command on a temporary copy of content/, saves ru.yaml with a changed step title (which every
ru output prints), and polls every 1 ms until every ru PDF (build.OUTPUT_NAMES) has been replaced (write_atomic
renames a new file into place, so the inode changes). Also checks that no other language's PDF was touched.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cardgen.build import OUTPUT_NAMES as NAMES  # every PDF a language build writes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from cli_process import ROOT, CliProcess


def inodes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_ino for p in out.rglob("*.pdf")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--lang", action="append", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        shutil.copytree(ROOT / "content", content)
        lang_args = [a for lang in args.lang for a in ("--lang", lang)]
        proc = CliProcess("watch", "--content", str(content), "--out", str(out), *lang_args)
        try:
            proc.wait_for(r"^watching ", timeout=60)
            ru = content / "text" / "ru.yaml"
            original = ru.read_text(encoding="utf-8")
            first, last = [], []
            for i in range(args.saves):
                before = inodes(out)
                text = original.replace("title: Поглаживание", f"title: Поглаживание {i}")
                assert text != original
                time.sleep(0.3)
                start = time.perf_counter()
                ru.write_text(text, encoding="utf-8")
                seen: dict[str, float] = {}
                while len(seen) < len(NAMES):
                    for name in NAMES:
                        path = out / "ru" / name
                        if name not in seen and path.exists() and path.stat().st_ino != before[f"ru/{name}"]:
                            seen[name] = time.perf_counter() - start
                    if time.perf_counter() - start > 10:
                        raise SystemExit(f"save {i}: not rebuilt within 10 s; output:\n" + "\n".join(proc.lines))
                    time.sleep(0.001)
                proc.wait_for(r"rebuilt ru in")
                after = inodes(out)
                touched = {k for k in before if before[k] != after[k]}
                assert touched == {f"ru/{n}" for n in NAMES}, touched
                first.append(min(seen.values()))
                last.append(max(seen.values()))
        finally:
            proc.stop()
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, max {max(xs) * 1000:.0f} ms"  # noqa: E731
    print(f"{args.saves} saves of ru.yaml; only ru's {len(NAMES)} PDFs rewritten each time")
    print(f"save -> first ru PDF in place: {ms(first)}")
    print(f"save -> all ru PDFs in place: {ms(last)}")


if __name__ == "__main__":
    main()
