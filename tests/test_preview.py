"""`cardgen preview`: PNGs rendered from the built PDFs, one per card and booklet page, cropped to the trim."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
import yaml
from conftest import CONTENT, run
from PIL import Image, ImageStat

from cardgen.live.preview import render_pdf, write_previews

EN = yaml.safe_load((CONTENT / "text" / "en.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview")
    code, output = run("preview", "--content", str(CONTENT), "--lang", "en", "--out", str(out), "--dpi", "72")
    assert code == 0, output
    return out / "en"


def test_one_png_per_card_and_booklet_page(previews: Path, built: Path) -> None:
    for document in ("deck", "booklet"):
        with pikepdf.open(built / "en" / f"{document}.pdf") as pdf:
            expected = [f"{document}-{n:02d}.png" for n in range(1, len(pdf.pages) + 1)]
            trim = [float(v) for v in pdf.pages[0].TrimBox]
        assert sorted(p.name for p in previews.glob(f"{document}-*.png")) == expected
        # at 72 dpi one pixel is one point: the PNG is the trim box, not the bleed
        with Image.open(previews / expected[0]) as image:
            assert abs(image.width - (trim[2] - trim[0])) <= 1
            assert abs(image.height - (trim[3] - trim[1])) <= 1


def test_pages_are_drawn_not_blank(previews: Path) -> None:
    for path in sorted(previews.glob("*.png")):
        with Image.open(path) as image:
            spread = ImageStat.Stat(image.convert("L")).extrema[0]
        assert spread[1] - spread[0] > 100, f"{path.name} looks blank"


def test_page_text_comes_from_the_pdf(built: Path) -> None:
    pages = render_pdf((built / "en" / "deck.pdf").read_bytes(), "deck", dpi=30)
    titles = [step["title"] for step in EN["steps"].values()]
    # each step's card carries "Step n of N" and its title in the text pdfium reads from the PDF page
    for n, title in enumerate(titles, start=1):
        label = f"Step {n} of {len(titles)}"
        [card] = [page for page in pages if label in page.text]
        assert title in card.text
    assert all(Image.open(io.BytesIO(page.png)).format == "PNG" for page in pages)


def test_bleed_option_renders_the_whole_media_box(built: Path) -> None:
    data = (built / "en" / "deck.pdf").read_bytes()
    trimmed, full = render_pdf(data, "deck", dpi=72)[0], render_pdf(data, "deck", dpi=72, bleed=True)[0]
    with pikepdf.open(built / "en" / "deck.pdf") as pdf:
        media = [float(v) for v in pdf.pages[0].MediaBox]
    assert abs(full.width - (media[2] - media[0])) <= 1
    assert full.width > trimmed.width and full.height > trimmed.height


def test_stale_pngs_of_vanished_pages_are_removed(built: Path, tmp_path: Path) -> None:
    pages = render_pdf((built / "en" / "booklet.pdf").read_bytes(), "booklet", dpi=20)
    (tmp_path / "booklet-99.png").write_bytes(b"old")
    (tmp_path / "notes.png").write_bytes(b"mine")
    write_previews(tmp_path, pages)
    assert not (tmp_path / "booklet-99.png").exists()
    assert (tmp_path / "notes.png").exists()
    assert len(list(tmp_path.glob("booklet-*.png"))) == len(pages)
