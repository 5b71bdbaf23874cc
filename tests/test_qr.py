"""QR codes: a language's own links, validated; drawn as vector modules with a 4-module quiet zone at a size that
scans; read back from a rendered page with zxing-cpp; refused when the URL would need modules too small."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from conftest import CONTENT, run

from cardgen.errors import FitError
from cardgen.layout.backs import backs
from cardgen.layout.booklet import booklet
from cardgen.layout.deck import deck
from cardgen.layout.frames import Box, Frame, QrCode
from cardgen.layout.qr import qr_code
from cardgen.render.pdf import DocInfo, render_pages
from cardgen.source.load import load_project
from cardgen.source.qr import QUIET_ZONE, qr_modules
from cardgen.source.units import to_mm
from cardgen.text.fonts import chain_for
from cardgen.text.i18n import coverage, texts_for
from cardgen.text.styles import build_styles

URL = "https://example.org/relaxing-back-massage/th/video"


def decode(pdf: bytes, page: int = 0, dpi: int = 150) -> list[str]:
    """Every QR code zxing-cpp finds on a page rendered by pdfium (as Chrome renders it)."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[page].render(scale=dpi / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def _page_with(url: str) -> tuple[bytes, object]:
    project = load_project(CONTENT)
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en"), "en"
    )
    code = qr_code(url, 20, 20, project.layout.spec.qr, "test")
    frame = Frame(250, 250, Box(0, 0, 250, 250), [code])
    return render_pages([frame], styles, DocInfo("t", "t", "t", "en")), code


def test_code_decodes_from_a_rendered_page_and_is_vector() -> None:
    pdf, code = _page_with(URL)
    assert decode(pdf) == [URL]
    assert decode(pdf, dpi=96) == [URL]  # still reads at screen resolution: ~2.6 px per module
    count = len(code.modules)
    module = code.box.w / (count + 2 * QUIET_ZONE)
    assert to_mm(module * count) == pytest.approx(20)  # the symbol is 20 mm; the quiet zone comes on top
    assert code.quiet == 4
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        images = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert not images  # modules are paths, not a picture (any pikepdf from the lower bound up)
        content = doc.pages[0].Contents.read_bytes()
    assert content.count(b" re") >= count  # at least one rectangle per row


def test_a_url_too_long_for_the_code_size_is_refused() -> None:
    long_url = "https://example.org/" + "very-long-path-segment/" * 12
    assert len(qr_modules(long_url)) > 40
    with pytest.raises(FitError, match=r"use a shorter address"):
        _page_with(long_url)


def _add_links(content: Path, lang: str, links: dict[str, str]) -> None:
    path = content / "text" / f"{lang}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["links"] = links
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_link_must_be_an_http_address(content_copy: Path) -> None:
    _add_links(content_copy, "de", {"video": "www.example.org/video"})
    code, out = run("check", "--content", str(content_copy))
    assert code == 1
    assert "text/de.yaml" in out and "links.video: expected an http:// or https:// address" in out, out


def test_links_never_fall_back_and_are_not_counted_as_translations(content_copy: Path) -> None:
    _add_links(content_copy, "en", {"video": "https://example.org/en/video"})
    _add_links(content_copy, "de", {"video": "https://example.org/de/video"})
    project = load_project(content_copy)
    assert texts_for(project, "en").link("video") == "https://example.org/en/video"
    assert texts_for(project, "de").link("video") == "https://example.org/de/video"
    assert texts_for(project, "th").link("video") is None  # Thai has none: no code, not the English video
    assert texts_for(project, "th").link("booklet") is None
    for lang in ("de", "th"):
        report = coverage(project, lang)
        assert not any(i.key.startswith("links.") for i in (*report.missing, *report.stale))
        assert report.percent == 100.0


EN_LINKS = {"video": "https://example.org/relax/en/video", "booklet": "https://example.org/relax/en"}
TH_VIDEO = "https://example.org/relax/th/video"


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """en with both links, th with a video only, de with none; built once."""
    import shutil

    root = tmp_path_factory.mktemp("links")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    _add_links(content, "en", EN_LINKS)
    _add_links(content, "th", {"video": TH_VIDEO})
    code, out = run(
        "build", "--content", str(content), "--out", str(root / "out"), "--lang", "en", "--lang", "th", "--lang", "de"
    )
    assert code == 0, out
    return root / "out"


def test_card_backs_carry_the_video_code(linked: Path) -> None:
    for lang, url in (("en", EN_LINKS["video"]), ("th", TH_VIDEO)):
        pdf = (linked / lang / "deck-sheets.pdf").read_bytes()
        assert decode(pdf, page=0) == []  # fronts carry no code
        backs = decode(pdf, page=1)
        assert len(backs) == 4 and set(backs) == {url}, (lang, backs)  # one per card back on the A4 sheet


def test_booklet_cover_carries_the_booklet_code_else_the_video(linked: Path) -> None:
    for lang, url in (("en", EN_LINKS["booklet"]), ("th", TH_VIDEO)):
        assert decode((linked / lang / "booklet.pdf").read_bytes(), page=0) == [url], lang
        assert decode((linked / lang / "booklet.pdf").read_bytes(), page=1) == []
        # the imposed booklet: the cover is on the outside of the first sheet
        assert decode((linked / lang / "booklet-print.pdf").read_bytes(), page=0) == [url], lang


def test_no_link_no_code(linked: Path, built_all: Path) -> None:
    for folder in (linked / "de", *(built_all / lang for lang in ("en", "th"))):
        for name, page in (("deck-sheets.pdf", 1), ("booklet.pdf", 0), ("booklet-print.pdf", 0)):
            assert decode((folder / name).read_bytes(), page=page) == [], (folder, name)
    project = load_project(CONTENT)
    for lang in ("en", "th"):
        texts = texts_for(project, lang)
        chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
        styles = build_styles(project.layout.spec, chain, lang)
        fronts = deck(project, texts, styles)
        frames = [*fronts, *backs(project, texts, styles, fronts), *booklet(project, texts, styles)]
        assert not any(isinstance(item, QrCode) for frame in frames for item in frame.items)
