"""Print-shop and reader standards, checked on the built files by readers other than cardgen:

- deck.pdf and deck-sheets.pdf against the PDF/X-1a:2003 rules (ISO 15930-4) a shop's preflight checks: the
  GTS_PDFX OutputIntent, Info and XMP naming the version, Trapped, TrimBox/BleedBox, PDF 1.4 header, CMYK or
  grey only, no transparency, fonts embedded (pikepdf);
- booklet.pdf with Apache PDFBox's preflight (Debian's libpdfbox2-java: it validates PDF/A-1b, whose rules a
  PDF/A-2b file also meets here, being stricter) and with our PDF/UA structure check (structure_reading.py);
- every stream with an EOL before `endstream`; no empty /Trans; no /Author when no practitioner is named;
- ink: text under 12 pt in 100 % K when it is black or grey; large print in full-strength ink.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner
from structure_reading import flatten, problems, read_aloud, structure

from cardgen.cli import main
from cardgen.render.standards import deflated

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
JARS = Path("/usr/share/java")
PART_IS_TWO = "7.11.2 : Error on MetaData, part must be 1"  # PDFBox validates PDF/A-1b; the booklet claims 2b
#: PDF/A-1 (PDF 1.4) has no cross-reference streams; PDF/A-2 (PDF 1.7) allows them and the object streams they index,
#: which the booklet uses (render/objstreams.py). PDFBox still reads and checks every object after reporting it.
XREF_STREAM = "1.4 : Trailer Syntax error, /XRef cross reference streams are not allowed"
PREFLIGHT_JARS = ["preflight", "pdfbox2", "xmpbox", "fontbox2", "commons-logging", "javax.activation", "jaxb-api"]
LANGS = ("en", "th")


@pytest.fixture(scope="module")
def two_langs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("standards")
    args = ["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en", "--lang", "th"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def large_print(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("standards-large")
    args = ["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en", "--large-print"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out / "en"


def _xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


# --- PDF/X-1a:2003 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["deck.pdf", "deck-sheets.pdf"])
def test_deck_files_are_pdfx_1a_2003(two_langs: Path, lang: str, name: str) -> None:
    path = two_langs / lang / name
    assert path.read_bytes().startswith(b"%PDF-1.4"), "PDF/X-1a:2003 is built on PDF 1.4"
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2003"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
        assert str(info["/Trapped"]) == "/False"
        assert str(info["/Title"]) and "/CreationDate" in info and "/ModDate" in info
        assert "/ID" in pdf.trailer and "/Encrypt" not in pdf.trailer
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org", "a registered condition needs no profile"
        assert "/DestOutputProfile" not in intent
        xmp = _xmp(pdf)
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003</pdfxid:GTS_PDFXVersion>" in xmp
        assert "<pdfx:GTS_PDFXConformance>PDF/X-1a:2003</pdfx:GTS_PDFXConformance>" in xmp
        assert f'<rdf:li xml:lang="x-default">{info["/Title"]}</rdf:li>' in xmp
        for number, page in enumerate(pdf.pages, 1):
            media = [float(v) for v in page.MediaBox]
            trim, bleed = [float(v) for v in page.TrimBox], [float(v) for v in page.get("/BleedBox", page.MediaBox)]
            assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2], f"page {number}"
            assert media[1] <= bleed[1] <= trim[1] and trim[3] <= bleed[3] <= media[3], f"page {number}"
        _cmyk_only_no_transparency(pdf)


def _cmyk_only_no_transparency(pdf: pikepdf.Pdf) -> None:
    """PDF/X-1a: DeviceCMYK or DeviceGray only, no soft masks or constant alpha, every font embedded."""
    rgb_ops = {"rg", "RG", "sc", "scn", "SC", "SCN", "cs", "CS"}
    streams = [page for page in pdf.pages]
    for page in streams:
        for operands, operator in pikepdf.parse_content_stream(page):
            assert str(operator) not in rgb_ops, f"colour operator {operator} {operands}"
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if d.get("/Subtype") == "/Form":
            for operands, operator in pikepdf.parse_content_stream(obj):
                assert str(operator) not in rgb_ops, f"colour operator {operator} {operands} in a form"
        if d.get("/Subtype") == "/Image":
            assert d.get("/ColorSpace") in ("/DeviceCMYK", "/DeviceGray"), d.get("/ColorSpace")
            assert "/SMask" not in d
        if d.get("/Type") == "/ExtGState":
            assert float(d.get("/CA", 1)) == 1 and float(d.get("/ca", 1)) == 1 and "/SMask" not in d
        if d.get("/Type") == "/FontDescriptor":
            assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{d.get('/FontName')} embedded"


def test_a_print_shops_icc_profile_is_embedded(tmp_path: Path) -> None:
    profile = ROOT / "cardgen" / "render" / "profiles" / "cardgen-FOGRA39L.icc"
    args = ["build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en"]
    args += ["--output-intent", "MyShop-Coated", "--icc", str(profile)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "en" / "deck.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "MyShop-Coated"
        assert intent.DestOutputProfile.read_bytes() == profile.read_bytes()
        assert int(intent.DestOutputProfile.N) == 4


def test_a_profile_that_is_not_cmyk_printer_is_refused(tmp_path: Path) -> None:
    rgb = tmp_path / "screen.icc"
    rgb.write_bytes(b"\0" * 12 + b"mntr" + b"RGB " + b"\0" * 16 + b"acsp" + b"\0" * 88)
    args = ["build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--lang", "en", "--icc", str(rgb)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, "a bad option value is a usage error"
    assert "command line: pdfx.icc:" in result.output
    assert "a RGB mntr profile; expected a CMYK output (printer) profile" in result.output
    assert not (tmp_path / "out" / "en").exists()


def test_a_layouts_icc_outside_its_folder_is_refused(tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "default.yaml").write_text("extends: default\npdfx:\n  icc: ../secret.icc\n", encoding="utf-8")
    args = ["build", "--content", str(CONTENT), "--layouts", str(layouts), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "default.yaml:3:8: pdfx.icc: '../secret.icc' leads outside the layouts folder" in result.output


# --- PDF/A and every file's syntax -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["deck.pdf", "deck-sheets.pdf", "booklet.pdf", "booklet-print.pdf"])
def test_every_stream_ends_with_an_eol_and_no_page_has_an_empty_trans(two_langs: Path, name: str) -> None:
    data = (two_langs / "th" / name).read_bytes()
    ends = [m.start() for m in re.finditer(rb"endstream", data)]
    assert ends and all(data[i - 1 : i] in (b"\n", b"\r") for i in ends), "EOL before every endstream"
    with pikepdf.open(two_langs / "th" / name) as pdf:
        assert all("/Trans" not in page.obj for page in pdf.pages)
        assert "/Author" not in pdf.docinfo, "no practitioner named: no author (it is not 'cardgen')"
        assert "<dc:creator>" not in _xmp(pdf)


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_claims_pdfa_2b_and_pdfua_1_with_a_cmyk_profile(two_langs: Path, lang: str) -> None:
    with pikepdf.open(two_langs / lang / "booklet.pdf") as pdf:
        xmp = _xmp(pdf)
        assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "pdfaExtension:schemas" in xmp
        assert "/Filter" not in pdf.Root.Metadata.stream_dict, "PDF/A: metadata stream unfiltered"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[12:20] == b"prtrCMYK" and int(intent.DestOutputProfile.N) == 4
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
        assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"])
        assert meta["xmp:CreatorTool"] == str(pdf.docinfo["/Creator"])


def _preflight() -> list[str] | None:
    classpath = [JARS / f"{name}.jar" for name in PREFLIGHT_JARS]
    java = shutil.which("java")
    if java is None or not all(jar.is_file() for jar in classpath):
        return None
    return [java, "-cp", ":".join(map(str, classpath)), "org.apache.pdfbox.preflight.Validator_A1b"]


def _preflight_errors(command: list[str], path: Path) -> list[str]:
    done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert lines and ("is a valid PDF/A-1b file" in lines[0] or "is not a valid" in lines[0]), done.stdout
    return [line for line in lines[1:] if re.match(r"\d+\.\d", line)]


@pytest.mark.parametrize("lang", LANGS)
def test_pdfbox_preflight_passes_the_booklet(two_langs: Path, lang: str) -> None:
    """PDFBox checks PDF/A-1b, whose rules are stricter than PDF/A-2b's for everything the booklet uses: the two
    findings allowed are the part number it identifies as (2, which PDFBox wants to be 1) and its cross-reference
    stream (PDF 1.5, allowed by PDF/A-2)."""
    command = _preflight()
    if command is None:
        pytest.skip("PDFBox preflight not installed (Debian: libpdfbox2-java libactivation-java libjaxb-api-java)")
    errors = _preflight_errors(command, two_langs / lang / "booklet.pdf")
    assert errors == [XREF_STREAM, PART_IS_TWO]


def test_pdfbox_finds_no_file_structure_error_in_the_deck(two_langs: Path) -> None:
    """deck.pdf is PDF/X, not PDF/A: of PDFBox's findings only the file-structure ones (1.x: EOL before
    endstream, stream lengths, xref, header) apply to it, and there must be none."""
    command = _preflight()
    if command is None:
        pytest.skip("PDFBox preflight not installed (Debian: libpdfbox2-java libactivation-java libjaxb-api-java)")
    errors = _preflight_errors(command, two_langs / "th" / "deck.pdf")
    assert any(e.startswith("2.1.3") for e in errors), "the PDF/X intent is reported (the check ran)"
    assert [e for e in errors if e.startswith("1.")] == []


# --- PDF/UA structure ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["booklet.pdf", "deck.pdf"])
def test_structure_passes_the_pdfua_checks(two_langs: Path, lang: str, name: str) -> None:
    assert problems(two_langs / lang / name) == []


def test_pdfua_is_claimed_only_where_a_structure_tree_is(two_langs: Path) -> None:
    for name, tagged in [("deck.pdf", True), ("deck-sheets.pdf", False), ("booklet-print.pdf", False)]:
        with pikepdf.open(two_langs / "en" / name) as pdf:
            assert ("/StructTreeRoot" in pdf.Root) == tagged == ("<pdfuaid:part>1</pdfuaid:part>" in _xmp(pdf)), name


def test_large_print_booklet_structure_passes_the_pdfua_checks(large_print: Path) -> None:
    assert problems(large_print / "booklet.pdf") == []


def test_the_structure_check_finds_untagged_content(two_langs: Path, tmp_path: Path) -> None:
    """The check can fail: a page whose marked content is stripped is reported."""
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(two_langs / "en" / "booklet.pdf") as pdf:
        page = pdf.pages[2]
        kept = [(o, op) for o, op in pikepdf.parse_content_stream(page) if str(op) not in ("BDC", "BMC", "EMC")]
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        del pdf.Root.StructTreeRoot.K[0].K[-1]
        pdf.save(broken)
    found = problems(broken)
    assert any("outside marked content" in p for p in found)
    assert any("belongs to no structure element" in p or "in no element" in p for p in found)


def test_booklet_reads_in_order_with_headings_lists_table_figures_and_links(two_langs: Path) -> None:
    path = two_langs / "en" / "booklet.pdf"
    nodes = flatten(structure(path))
    roles = [n.role for n in nodes]
    assert roles[0] == "Document" and roles[1] == "H1"
    with pikepdf.open(path) as pdf:
        assert nodes[1].text.replace(" ", "") == str(pdf.docinfo["/Title"]).replace(" ", "")
    # the contents: one TOCI per entry, each a Link with its title and page number
    links = [n for n in nodes if n.role == "Link"]
    assert len(links) == roles.count("TOCI") >= 10
    assert all(re.search(r"\d+$", n.text) for n in links)
    # the overview: a table of 8 rows, each headed by its step number, with a Figure described in words
    assert roles.count("Table") == 1 and roles.count("TR") == 8
    assert [n.text for n in nodes if n.role == "TH"] == [str(i) for i in range(1, 9)]
    figures = [n for n in nodes if n.role == "Figure"]
    assert len(figures) == 16 and all(n.alt for n in figures)  # 8 miniatures, 8 step diagrams
    # lists: benefits, the two checklists, the legend
    assert roles.count("L") == 4 and roles.count("LI") == roles.count("LBody")
    # reading order: each step's heading, then its words, then its diagram described
    lines = read_aloud(path)
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("H2: 1."))
    assert [line.split(":")[0].strip() for line in lines[first : first + 4]] == ["H2", "P", "P", "Figure"]
    # folios are artifacts: no element says "Page 3"
    assert not any(re.fullmatch(r"\d+", n.text) for n in nodes if n.role == "P")


def test_thai_booklet_figures_are_described_in_thai(two_langs: Path) -> None:
    figures = [n for n in flatten(structure(two_langs / "th" / "booklet.pdf")) if n.role == "Figure"]
    assert figures and all(re.search("[\u0e00-\u0e7f]", n.alt or "") for n in figures)


def test_pdfinfo_says_tagged(two_langs: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("poppler-utils not installed")
    out = subprocess.run([pdfinfo, str(two_langs / "en" / "booklet.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", out, re.M)


# --- ink -------------------------------------------------------------------------------------------------------


def _text_colours(path: Path) -> list[tuple[float, tuple[float, ...], str]]:
    with pdfplumber.open(path) as pdf:
        return [(c["size"], tuple(c["non_stroking_color"] or ()), c["text"]) for page in pdf.pages for c in page.chars]


@pytest.mark.parametrize("name", ["deck.pdf", "booklet.pdf"])
def test_small_black_or_grey_text_is_100_percent_k(two_langs: Path, name: str) -> None:
    """Text under 12 pt that is black or grey (no C, M or Y) is solid K: never a screened grey or rich black."""
    for size, colour, text in _text_colours(two_langs / "en" / name):
        if size < 12 and len(colour) == 4 and colour[:3] == (0, 0, 0) and colour[3] > 0:
            assert colour[3] == 1, f"{text!r} at {size:.1f} pt in {colour[3]:.0%} K"
        assert not (len(colour) == 4 and min(colour) > 0), f"{text!r} in rich black {colour}"


def test_large_print_text_is_full_strength(large_print: Path) -> None:
    for size, colour, text in _text_colours(large_print / "booklet.pdf"):
        if len(colour) == 4 and colour[:3] == (0, 0, 0) and colour[3] > 0:
            assert colour[3] == 1, f"{text!r} at {size:.1f} pt in {colour[3]:.0%} K: large print is full strength"


def test_a_string_that_falls_back_to_english_is_marked_english(content_copy: Path, tmp_path: Path) -> None:
    german = content_copy / "text" / "de.yaml"
    text = german.read_text(encoding="utf-8")
    assert "  notes_heading: Notizen\n" in text
    german.write_text(text.replace("  notes_heading: Notizen\n", ""), encoding="utf-8")
    args = ["build", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--lang", "de"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    nodes = flatten(structure(tmp_path / "out" / "de" / "booklet.pdf"))
    english = [n for n in nodes if n.lang == "en"]
    assert english and all(n.text.startswith("Notes") for n in english), [(n.role, n.text) for n in english]
    assert not any(n.lang for n in nodes if n.text.startswith("Inhalt")), "German text keeps the document's /Lang"


def test_client_booklets_keep_a_whole_structure(tmp_path: Path) -> None:
    """Each client's cover is spliced into a template: its contact and date lines join the structure tree."""
    clients = tmp_path / "clients.csv"
    clients.write_text("client,practitioner,contact,date\nAnna Müller,Calm Hands,020 7946 0958,12 May 2025\n")
    args = ["build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--clients", str(clients)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "en" / "booklets" / "anna-müller.pdf"
    assert problems(path) == []
    cover = [n.text for n in flatten(structure(path))[1:7]]
    assert cover[2:] == ["Prepared for Anna Müller", "By Calm Hands", "020 7946 0958", "12 May 2025"]
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Author"]) == "Calm Hands"
        assert pdf.open_metadata()["dc:creator"] == ["Calm Hands"], "XMP and Info agree (PDF/A)"


def test_a_profile_is_compressed_once_and_again_only_for_other_bytes() -> None:
    """The compressed profile is reused for equal bytes (every booklet and client cover of a run) and never for
    a different profile (a shop's --icc beside the booklet's)."""
    one, two = b"profile one " * 200, b"profile two " * 200
    first = deflated(one)
    assert deflated(bytes(bytearray(one))) is first, "equal bytes, another object: the cached data"
    second = deflated(two)
    assert second is not first and zlib.decompress(second) == two and zlib.decompress(first) == one
