"""Client batches that scale: each language's booklet is rendered once and each client's cover spliced in
(booklet_splice), in a process pool, with a progress count, through a staging folder that never outlives the
run. A spliced booklet reads exactly like one built for that client alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import CONTENT

from cardgen.build import BuildOptions
from cardgen.clients.batch import CHUNK, POOL_FROM, build_clients
from cardgen.layout.booklet_cover import Personal

COUNT = max(POOL_FROM, 2 * CHUNK) + 5  # enough clients for the process pool


def _csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["client", "practitioner", "contact", "date"])
        writer.writerows([f"Client {i:03d} Ólafsdóttir", f"Studio {i % 3}", "", "3 June"] for i in range(count))
    return path


def _texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("batch")
    calls: list[tuple[str, int, int]] = []
    options = BuildOptions(content=CONTENT, out=root / "out", langs=("en", "th"))
    outputs = build_clients(options, _csv(root / "clients.csv", COUNT), progress=lambda *a: calls.append(a))
    return root / "out", outputs, calls


def test_every_client_gets_both_files_in_every_language_and_nothing_else(batch) -> None:
    out, outputs, _ = batch
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert len(files) == len(outputs) == COUNT * 2 * 2
    assert sorted(o.path.relative_to(out) for o in outputs) == files
    assert not [p for p in out.rglob(".*")], "the staging folder is gone"
    assert [o.path.name for o in outputs[:4]] == [
        "client-000-ólafsdóttir.pdf",
        "client-000-ólafsdóttir-print.pdf",
        "client-001-ólafsdóttir.pdf",
        "client-001-ólafsdóttir-print.pdf",
    ]  # in the list's order, whatever order the workers finished in


def test_progress_counts_up_to_every_booklet(batch) -> None:
    _, _, calls = batch
    total = COUNT * 2
    assert calls[-1] == ("", total, total)
    counts = [done for _, done, _ in calls]
    assert counts == sorted(counts) and len(calls) > 3


def test_a_spliced_booklet_reads_like_one_built_for_the_client_alone(batch, tmp_path: Path) -> None:
    from cardgen.build import build

    out, _, _ = batch
    for lang in ("en", "th"):
        personal = Personal("Client 007 Ólafsdóttir", "Studio 1", None, "3 June")
        alone = build(BuildOptions(content=CONTENT, out=tmp_path / lang, langs=(lang,), personal=personal))
        single = next(o.path for o in alone if o.path.name == "booklet.pdf")
        spliced = out / lang / "booklets" / "client-007-ólafsdóttir.pdf"
        assert _texts(spliced) == _texts(single), lang
        printed = _texts(out / lang / "booklets" / "client-007-ólafsdóttir-print.pdf")
        assert "Client 007 Ólafsdóttir" in printed[0] and "Client 008" not in printed[0]
        with pikepdf.open(spliced) as pdf:
            assert str(pdf.docinfo["/Author"]) == "Studio 1"
            assert "Ólafsdóttir" not in str(pdf.docinfo.get("/Title"))
            # one name per font program: the cover's subsets were renamed, so none shares a name with the body's
            names = {}
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    names.setdefault(str(font.BaseFont), set()).add(font.objgen)
            assert all(len(objs) == 1 for objs in names.values()), names


def test_the_process_pool_makes_every_booklet(tmp_path: Path) -> None:
    """As a real command (in-process under a threaded test runner the batch stays serial; parallel.jobs)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cardgen", "build", "--lang", "en", "--out", str(out)]
    command += ["--clients", str(_csv(tmp_path / "c.csv", COUNT)), "--content", str(CONTENT)]
    env = {**os.environ, "PYTHONPATH": str(root), "CARDGEN_JOBS": "2"}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (out / "en" / "booklets").iterdir())
    assert len(files) == 2 * COUNT and not [p for p in out.rglob(".*")]
    for i in (0, COUNT // 2, COUNT - 1):
        assert f"Client {i:03d} Ólafsdóttir" in _texts(out / "en" / "booklets" / f"client-{i:03d}-ólafsdóttir.pdf")[0]


def test_the_batch_benchmark_runs_and_reports_every_size() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "benchmarks/batch.py", "--sizes", "2,3", "--rounds", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.split() and line.split()[0].isdigit()]
    assert [row[0] for row in rows] == ["2", "3"]
    assert all(float(row[3]) > 0 and float(row[4]) > 0 and float(row[5]) > 10 for row in rows)  # ms, cpu ms, MiB
    assert "marginal:" in done.stdout


def test_a_name_with_letters_the_booklet_never_uses_is_embedded_and_extractable(tmp_path: Path) -> None:
    """The cover's glyphs join the spliced file: a subset holding Ø, Ć and Cyrillic, the text extractable, the
    structure tree pointing at the cover's own elements, and qpdf finds nothing wrong with the bytes."""
    import subprocess

    names = ["Øyvind Ćosić", "Светлана Жукова"]
    path = tmp_path / "c.csv"
    path.write_text("client,practitioner\n" + "".join(f"{n},Calm Hands\n" for n in names), encoding="utf-8")
    outputs = build_clients(BuildOptions(content=CONTENT, out=tmp_path / "out", langs=("en",)), path)
    for name in names:
        files = [o.path for o in outputs if o.path.name.startswith(name.split()[0].lower())]
        for file in files:
            assert name in _texts(file)[0], file
            assert subprocess.run(["qpdf", "--check", str(file)], capture_output=True).returncode == 0
        with pikepdf.open(files[0]) as pdf:
            first = pdf.pages[0]
            fonts = list(first.Resources.Font.values())
            assert all(str(f.BaseFont).startswith("/CV") and "/FontFile2" in f.FontDescriptor for f in fonts)
            tree = pdf.Root.StructTreeRoot
            cover_elements = list(tree.ParentTree.Nums[1])
            assert cover_elements and all(e.Pg.objgen == first.obj.objgen for e in cover_elements)
            assert str(pdf.docinfo["/Author"]) == "Calm Hands"


def test_info_and_xmp_are_made_once_per_practitioner_and_again_for_another(tmp_path: Path) -> None:
    from cardgen.clients import splice

    calls: list[str] = []
    real = splice._authored

    def counted(skeleton, author):
        calls.append(author)
        return real(skeleton, author)

    path = tmp_path / "c.csv"
    path.write_text("client,practitioner\nAnna,Studio A\nBen,Studio A\nCleo,Studio B\n", encoding="utf-8")
    splice._authored = counted
    try:
        outputs = build_clients(BuildOptions(content=CONTENT, out=tmp_path / "out", langs=("en",)), path)
    finally:
        splice._authored = real
    assert calls == ["Studio A", "Studio A", "Studio B", "Studio B"]  # booklet and print file, each once
    authors = {}
    for output in outputs:
        with pikepdf.open(output.path) as pdf:
            authors[output.path.name] = (str(pdf.docinfo["/Author"]), pdf.open_metadata()["dc:creator"])
    assert authors["cleo.pdf"] == ("Studio B", ["Studio B"]) and authors["ben-print.pdf"] == ("Studio A", ["Studio A"])
