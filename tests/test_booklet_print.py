"""booklet-print.pdf read back from the PDF: which reader page sits on each half of each sheet side, for 8, 12,
16 and 20 pages and counts that need padding, both duplex flips, creep, fold and staple marks.

Pages are synthetic frames carrying a marker ("P7", "NOTES") so the reading needs no knowledge of the booklet's
content; the expected order comes from PRINT.md's formula (tests/sheet_reading.py), not from cardgen.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import CONTENT
from sheet_reading import read_sides, saddle_positions

from cardgen.layout.booklet_cover import page_box
from cardgen.layout.booklet_plan import PrintMarks, plan_booklet_print
from cardgen.layout.frames import Frame
from cardgen.layout.text import place
from cardgen.render.booklet_sheets import render_booklet_sheets
from cardgen.render.pdf import DocInfo
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.styles import build_styles

MM = 72 / 25.4
MARKER = r"P\d+|NOTES"


@pytest.fixture(scope="module")
def kit():
    project = load_project(CONTENT)
    fonts = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en")
    return project, build_styles(project.layout.spec, fonts, "en")


def marker_page(kit, label: str) -> Frame:
    """An A5 page with its label in the middle, clear of the spine so creep never clips it."""
    project, styles = kit
    page = page_box(project)
    frame = page.frame("page", label)
    frame.items.append(place(label, styles["booklet_h1"], "booklet_h1", page.width * 0.3, page.height / 2, 100))
    return frame


def impose(kit, tmp_path: Path, n: int, flip: str = "short", notes: bool = False, creep_mm: float = 0.0) -> Path:
    project, styles = kit
    spec, geo = project.layout.spec.booklet, project.layout.geometry
    frames = [marker_page(kit, f"P{i}") for i in range(1, n + 1)]
    sides = plan_booklet_print(
        frames,
        geo.print_w,
        geo.print_h,
        PrintMarks(spec.print_margin, spec.fold_mark, spec.staple_mark, spec.mark_width),
        flip=flip,  # type: ignore[arg-type]
        creep=creep_mm * MM,
        notes=marker_page(kit, "NOTES") if notes else None,
    )
    path = tmp_path / f"booklet-{n}-{flip}-{notes}-{creep_mm}.pdf"
    path.write_bytes(render_booklet_sheets(sides, styles, DocInfo("t", "a", "s", "en"), spec.mark_width))
    return path


def reader_order(n: int, notes: bool) -> list[str | None]:
    """Reading order after padding (impose.booklet's policy): the back cover stays last; notes pages, if
    available, go just before it, else blanks."""
    padding = -n % 4
    fill: list[str | None] = ["NOTES" if notes else None] * padding
    return [*(f"P{i}" for i in range(1, n)), *fill, f"P{n}"]


def assert_imposed(path: Path, order: list[str | None], flip: str) -> None:
    sides = read_sides(path, MARKER)
    expected = saddle_positions(len(order), flip)
    assert len(sides) == len(expected) == len(order) // 2
    for number, (side, (left, right, turned)) in enumerate(zip(sides, expected, strict=True)):
        for half, position in ((side.left, left), (side.right, right)):
            want = order[position - 1]
            got = [m.text for m in half]
            assert got == ([want] if want else []), f"side {number}: position {position} should hold {want}, got {got}"
            assert all(m.turned == turned for m in half), f"side {number}: {want} should be turned={turned}"
        assert side.width > side.height, "booklet sheets are landscape"


@pytest.mark.parametrize("flip", ["short", "long"])
@pytest.mark.parametrize("n", [8, 12, 16, 20])
def test_reader_pages_on_each_half(kit, tmp_path: Path, n: int, flip: str) -> None:
    assert_imposed(impose(kit, tmp_path, n, flip), reader_order(n, notes=False), flip)


def test_eight_pages_explicitly(kit, tmp_path: Path) -> None:
    """PRINT.md's formula written out for 8 pages, short-edge flip: (left, right) of each side in print order."""
    sides = read_sides(impose(kit, tmp_path, 8), MARKER)
    table = [([m.text for m in s.left], [m.text for m in s.right]) for s in sides]
    assert table == [(["P8"], ["P1"]), (["P2"], ["P7"]), (["P6"], ["P3"]), (["P4"], ["P5"])]


@pytest.mark.parametrize(("n", "notes"), [(13, True), (13, False), (5, True), (18, True), (7, False)])
def test_odd_counts_are_padded_before_the_back_cover(kit, tmp_path: Path, n: int, notes: bool) -> None:
    order = reader_order(n, notes)
    assert len(order) % 4 == 0 and order[-1] == f"P{n}"
    for flip in ("short", "long"):
        assert_imposed(impose(kit, tmp_path, n, flip, notes), order, flip)


@pytest.mark.parametrize("flip", ["short", "long"])
def test_creep_moves_inner_sheets_toward_the_spine(kit, tmp_path: Path, flip: str) -> None:
    creep = 0.3
    sides = read_sides(impose(kit, tmp_path, 16, flip, creep_mm=creep), MARKER)
    plain = read_sides(impose(kit, tmp_path, 16, flip), MARKER)
    for index, (moved, still) in enumerate(zip(sides, plain, strict=True)):
        sheet = index // 2
        for a, b in ((moved.left[0], still.left[0]), (moved.right[0], still.right[0])):
            mid = moved.width / 2
            assert abs(b.x - mid) - abs(a.x - mid) == pytest.approx(sheet * creep * MM, abs=0.05), (index, a.text)


def test_fold_marks_on_every_front_staple_marks_on_the_outside_only(kit, tmp_path: Path) -> None:
    project, _ = kit
    spec = project.layout.spec.booklet
    with pdfplumber.open(impose(kit, tmp_path, 12)) as pdf:
        for index, page in enumerate(pdf.pages):
            mid = page.width / 2
            marks = sorted((round(line["y0"], 1), round(line["y1"], 1)) for line in page.lines)
            assert all(line["x0"] == pytest.approx(mid, abs=0.01) for line in page.lines), "marks sit on the spine"
            if index % 2:
                assert marks == [], f"side {index} is a back: no marks"
                continue
            fold = [(spec.print_margin, spec.print_margin + spec.fold_mark)]
            fold.append((page.height - spec.print_margin - spec.fold_mark, page.height - spec.print_margin))
            want = fold
            if index == 0:  # the outside of the booklet: where the staples go in
                half = spec.staple_mark / 2
                want = fold + [(page.height * f - half, page.height * f + half) for f in (0.25, 0.75)]
            assert marks == sorted((round(a, 1), round(b, 1)) for a, b in want), f"side {index}"
            # a file for home printers: K only, never registration colour (which lays down every ink)
            assert all(line["stroking_color"] == (0, 0, 0, 1) for line in page.lines), "K only"


def test_each_page_is_drawn_once_and_placed(kit, tmp_path: Path) -> None:
    """Every reader page becomes one form XObject, referenced from its sheet side; 12 pages -> 12 forms."""
    forms = set()
    with pikepdf.open(impose(kit, tmp_path, 12)) as pdf:
        for page in pdf.pages:
            for _, xobj in page.resources.get("/XObject", {}).items():
                if xobj.Subtype == "/Form":
                    forms.add(xobj.objgen)
    assert len(forms) == 12
