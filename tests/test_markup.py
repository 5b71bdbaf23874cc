"""Content is text, not markup: reportlab's tags in content print literally; only **bold** and *italic* act."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import copy_content, run

from cardgen.source.schema.placeholders import placeholder_problem
from cardgen.text.markup import to_para

HOSTILE = (
    'A < B && C > D; <font color="red" size="40">big</font> <a href="https://example.com">link</a> '
    '<img src="/etc/passwd" width="9"/> line<br/>break &amp; &#169; <b>not bold</b> **really bold** and *slanted*'
)
#: A cover line from the command line is text too: no tags, and no placeholders filled in.
CLIENT = "<b>Anna</b> & {{ total }} <font size=40>"
#: What a reader must see: every character of the hostile text except the two markup pairs' asterisks.
LITERAL = HOSTILE.replace("**really bold**", "really bold").replace("*slanted*", "slanted")


@pytest.mark.parametrize(
    ("text", "para"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("**bold** and *it*", "<b>bold</b> and <i>it</i>"),
        ("**a *b** c*", "<b>a *b</b> c*"),  # crossed markers stay literal, tags stay nested
        ("2*3*4 and 5 * 6 * 7", "2*3*4 and 5 * 6 * 7"),
        ("**", "**"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    ],
)
def test_to_para(text: str, para: str) -> None:
    assert to_para(text) == para


@pytest.fixture(scope="module")
def hostile_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = copy_content(tmp_path_factory.mktemp("hostile"))
    en = content / "text" / "en.yaml"
    text = en.read_text(encoding="utf-8")
    marker = "  wave:\n    title: The wave\n    instruction: "
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    quoted = HOSTILE.replace("'", "''")
    en.write_text(text[:start] + f"'{quoted}'" + text[end:], encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    code, output = run("build", "--content", str(content), "--out", str(out), "--lang", "en", "--client", CLIENT)
    assert code == 0, output
    return out / "en" / "deck.pdf"


def test_markup_in_content_prints_literally(hostile_deck: Path) -> None:
    with pdfplumber.open(hostile_deck) as pdf:
        # the wave's own card (the overview card lists its title too)
        page = next(p for p in pdf.pages if "The wave" in (p.extract_text() or "") and "glance" not in p.extract_text())
        text = "".join((page.extract_text() or "").split())
        chars = page.chars
    assert "".join(LITERAL.split()) in text
    sizes = {round(c["size"]) for c in chars}
    assert 40 not in sizes, "a <font size> tag in content changed the type size"
    bold = "".join(c["text"] for c in chars if "Bold" in c["fontname"])
    assert "really bold" in bold and "not bold" not in bold
    italic = "".join(c["text"] for c in chars if "Italic" in c["fontname"])
    assert "slanted" in italic


def test_no_link_or_image_reached_the_pdf(hostile_deck: Path) -> None:
    with pikepdf.open(hostile_deck) as pdf:
        for page in pdf.pages:
            assert "/Annots" not in page, "a link annotation came from content"
            for _, xobject in page.resources.get("/XObject", {}).items():
                assert xobject.get("/Subtype") != "/Image", "an image came from content"


@pytest.mark.parametrize(
    ("key", "text", "problem"),
    [
        ("ui.step_of", "Step {{ n }} of {{total}}", None),
        (
            "ui.step_of",
            "Step {{ n }} of {{ all }}",
            "unknown placeholder {{ all }}; allowed here: {{ n }}, {{ total }}",
        ),
        ("ui.page", "{{ n.__class__ }}", "only a bare name may stand between '{{' and '}}', not 'n.__class__'"),
        ("meta.title", "Massage {{ n }}", "unknown placeholder {{ n }}; this text takes no placeholders"),
        ("meta.title", "{% if x %}a{% endif %}", "'{%' and '{#' (template commands) are not allowed in content"),
        ("meta.title", "50% {off} } {", None),
    ],
)
def test_placeholders(key: str, text: str, problem: str | None) -> None:
    found = placeholder_problem(key, text)
    assert found == problem if problem is None else problem in (found or "")


def test_cover_line_prints_literally(hostile_deck: Path) -> None:
    with pdfplumber.open(hostile_deck.parent / "booklet.pdf") as pdf:
        cover = pdf.pages[0].extract_text() or ""
    assert "".join(f"Prepared for {CLIENT}".split()) in "".join(cover.split())
