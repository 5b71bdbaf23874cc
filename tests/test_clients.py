"""`build --clients FILE.csv`: one booklet per row with the right names, bad rows reported by number, safe file
names, and nothing about a client written anywhere but the PDFs asked for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import CONTENT, run
from sheet_reading import read_sides

from cardgen.clients.table import read_clients, slug
from cardgen.errors import InputError

CLIENTS = [
    ("Anna Müller", "", "anna@example.org", "3 June 2025"),
    ("José O'Brien / Ríos", "Dr. Lee", "", ""),
    ("Ольга Петрова", "", "+7 900 000 00 00", "4 June 2025"),
]


def write_csv(path: Path, rows: list[tuple[str, ...]], header: str = "client,practitioner,contact,date") -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle).writerows(rows)
    return path


def files_under(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Run the batch with an empty HOME, TMPDIR and working folder, so anything written elsewhere shows."""
    root = tmp_path_factory.mktemp("batch")
    places = {name: root / name for name in ("home", "tmp", "cwd", "out", "input")}
    for folder in places.values():
        folder.mkdir()
    csv_path = write_csv(places["input"] / "clients.csv", CLIENTS)
    saved = (os.environ.get("HOME"), os.environ.get("TMPDIR"), os.getcwd(), tempfile.tempdir)
    os.environ["HOME"], os.environ["TMPDIR"] = str(places["home"]), str(places["tmp"])
    tempfile.tempdir = None
    os.chdir(places["cwd"])
    try:
        code, out = run(
            "build", "--content", str(CONTENT), "--out", str(places["out"]), "--lang", "en",
            "--clients", str(csv_path), "--practitioner", "Calm Hands Studio",
        )  # fmt: skip
    finally:
        home, tmp, cwd, tempfile.tempdir = saved
        os.chdir(cwd)
        for key, value in (("HOME", home), ("TMPDIR", tmp)):
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert code == 0, out
    return places


def test_three_clients_give_three_booklets_with_their_names(batch: dict[str, Path]) -> None:
    folder = batch["out"] / "en" / "booklets"
    stems = ["anna-müller", "josé-o-brien-ríos", "ольга-петрова"]
    assert files_under(folder) == sorted(Path(f"{s}{suffix}.pdf") for s in stems for suffix in ("", "-print"))
    for (client, practitioner, contact, date), stem in zip(CLIENTS, stems, strict=True):
        with pdfplumber.open(folder / f"{stem}.pdf") as pdf:
            cover = pdf.pages[0].extract_text()
            assert len(pdf.pages) % 4 == 0
        assert f"Prepared for {client}" in cover
        assert f"By {practitioner or 'Calm Hands Studio'}" in cover, "a blank cell takes --practitioner"
        for value in (contact, date):
            assert value in cover
        others = [c[0] for c in CLIENTS if c[0] != client]
        assert not any(other in cover for other in others)
        # the printable version carries the same cover: the right half of the first side
        front = read_sides(folder / f"{stem}-print.pdf", r".+")[0]
        assert any(f"Prepared for {client}" in m.text for m in front.right)


def test_nothing_else_is_written(batch: dict[str, Path]) -> None:
    """Only the six PDFs: no deck, no generic booklet, no temporary, cache or log file anywhere we can see."""
    assert len(files_under(batch["out"])) == 6
    for name in ("home", "tmp", "cwd"):
        assert files_under(batch[name]) == [], f"something was written in {name}"
    assert files_under(batch["input"]) == [Path("clients.csv")]


def test_bad_rows_are_reported_by_row_number_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [("Anna",), ("", "Dr. Lee"), ("Ben", "x", "y", "z", "extra"), ("Cleo\x07",), ("   ",)]
    csv_path = write_csv(tmp_path / "clients.csv", rows)
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--clients", str(csv_path))
    assert code == 1
    assert f"{csv_path}:3: row 3: client is empty" in out
    assert f"{csv_path}:4: row 4: 5 cells, but the header names 4" in out
    assert f"{csv_path}:5: row 5: client contains control characters" in out
    assert "row 2" not in out and "row 6" not in out, "good and blank rows are not errors"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("name,contact", "unknown column 'name'; accepted columns: client, practitioner, contact, date"),
        ("contact", "the header row needs a 'client' column"),
        ("client,client", "column 'client' appears twice"),
    ],
)
def test_bad_header(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_clients(write_csv(tmp_path / "c.csv", [("Anna",)], header))
    assert any(p.line == 1 and message in p.message for p in caught.value.problems), caught.value.problems


def test_a_quoted_cell_over_two_lines_keeps_row_numbers_right(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('client,contact\n"Anna","line one\nline two"\n,x\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_clients(path)
    assert [p.line for p in caught.value.problems] == [4]


def test_excel_bom_and_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("\ufeffclient\nZoë\n".encode())
    assert [r.personal.client for r in read_clients(path)] == ["Zoë"]
    path.write_bytes("client\nZo\xeb\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_clients(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anna Müller", "anna-müller"),
        ("../../etc/passwd", "etc-passwd"),
        ("  .hidden  ", "hidden"),
        ("CON", "client-con"),
        ("a" * 100, "a" * 60),
        ("สมชาย ใจดี", "สมชาย-ใจดี"),
        ("C:\\Users\\x", "c-users-x"),
    ],
)
def test_slug_is_a_safe_file_name(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_same_names_get_distinct_files(tmp_path: Path) -> None:
    rows = [("Anna",), ("anna",), ("Anna Print",), ("Anna-2",)]
    slugs = [r.slug for r in read_clients(write_csv(tmp_path / "c.csv", rows))]
    files = {f"{s}{x}" for s in slugs for x in ("", "-print")}
    assert len(files) == 2 * len(rows), slugs


def test_a_name_no_font_can_draw_is_refused_by_row(tmp_path: Path) -> None:
    """A name in a script the language's fonts lack would print as gaps: refused before anything is built."""
    csv_path = write_csv(tmp_path / "clients.csv", [("Anna",), ("李小龙",)])
    code, out = run(
        "build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--lang", "en", "--clients", str(csv_path)
    )
    assert code == 1
    assert f"{csv_path}:3: row 3: client: [en] character '李'" in out and "has no glyph" in out
    assert not (tmp_path / "out").exists()
