"""The client booklet: layout (steps share pages and stay whole), booklet.pdf read back (outline, metadata,
contents numbers, text, padding, cover names), booklet-print.pdf of the real booklet, and large print."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import CONTENT
from sheet_reading import read_sides, saddle_positions

from cardgen.cli import main
from cardgen.errors import FitError
from cardgen.layout.booklet import booklet
from cardgen.layout.deck import deck
from cardgen.layout.flow import Composite, Figure, Group, Para, paginate
from cardgen.layout.frames import Bookmark, Diagram, Text
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.i18n import texts_for
from cardgen.text.styles import build_styles

EN = yaml.safe_load((CONTENT / "text" / "en.yaml").read_text(encoding="utf-8"))
ROUTINE = yaml.safe_load((CONTENT / "routine.yaml").read_text(encoding="utf-8"))
MM = 72 / 25.4
PERSON = {
    "client": "Anna Example",
    "practitioner": "Calm Hands Studio",
    "contact": "+44 20 7946 0000",
    "date": "12 May 2025",
}


@pytest.fixture(scope="module")
def built_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """English in large print, personalised, imposed for long-edge duplex with creep."""
    out = tmp_path_factory.mktemp("large")
    args = ["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en", "--large-print"]
    args += ["--booklet-flip", "long", "--creep", "0.2"]
    args += [arg for key, value in PERSON.items() for arg in (f"--{key}", value)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=["default", "large"])
def variant(request, built: Path, built_large: Path) -> tuple[Path, str, str | None]:
    """(output folder, flip, author: None when no practitioner is named) of the default and large-print builds."""
    if request.param == "default":
        return built, "short", None
    return built_large, "long", PERSON["practitioner"]


def squash(text: str) -> str:
    return "".join(text.replace("\u00ad", "").split())


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text in content-stream order; cached, as several tests read the same few PDFs."""
    with pdfplumber.open(path) as pdf:
        return tuple(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)


def section_titles() -> list[str]:
    prep = f"{EN['preparation']['heading']} · {EN['ambience']['heading']}"
    return [
        EN["ui"]["contents"],
        EN["purpose"]["heading"],
        EN["benefits"]["heading"],
        EN["types"]["heading"],
        prep,
        EN["ui"]["overview_heading"],
        EN["ui"]["steps_heading"],
        EN["partner"]["heading"],
        EN["aftercare"]["heading"],
        EN["safety"]["heading"],
        EN["ui"]["notes_heading"],
    ]


def step_titles() -> list[str]:
    return [f"{i}. {EN['steps'][s['id']]['title']}" for i, s in enumerate(ROUTINE["steps"], start=1)]


# --- layout, no PDF -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def laid_out():
    project = load_project(CONTENT)
    texts = texts_for(project, "en")
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en"), "en"
    )
    return project, texts, styles, booklet(project, texts, styles)


def test_steps_share_pages_and_stay_whole(laid_out) -> None:
    project, texts, _, frames = laid_out
    per_page = []
    for frame in frames:
        marks = [m.title for m in frame.bookmarks if isinstance(m, Bookmark) and m.title in step_titles()]
        if not marks:
            continue
        per_page.append(len(marks))
        found = {item.text for item in frame.items if isinstance(item, Text)}
        diagrams = [item for item in frame.items if isinstance(item, Diagram) and item.strokes]
        assert len(diagrams) == len(marks), "each step's diagram is on its page"
        for step in project.routine.steps:
            title = f"{step.number}. {texts.get(f'steps.{step.id}.title')}"
            if title in marks:
                assert title in found and texts.get(f"steps.{step.id}.instruction") in found, title
                assert any(t.startswith(texts.get("ui.step_of", n=step.number, total=8)) for t in found), title
    assert sum(per_page) == len(ROUTINE["steps"])
    assert all(2 <= n <= 3 for n in per_page), f"steps per page: {per_page}"


def test_step_numbers_match_the_cards(laid_out) -> None:
    project, texts, styles, frames = laid_out
    cards = deck(project, texts, styles)
    on_cards = [m for card in cards for m in card.bookmarks if isinstance(m, str) and m[0].isdigit()]
    in_booklet = [m.title for f in frames for m in f.bookmarks if isinstance(m, Bookmark) and m.title[0].isdigit()]
    assert on_cards == in_booklet == step_titles()


def test_every_item_inside_the_margins(laid_out) -> None:
    project, _, _, frames = laid_out
    spec = project.layout.spec.booklet
    for number, frame in enumerate(frames, start=1):
        inner_left = number % 2 == 1
        left = spec.margin_inner if inner_left else spec.margin_outer
        right = frame.width - (spec.margin_outer if inner_left else spec.margin_inner)
        for item in frame.items:
            if isinstance(item, Text | Diagram):
                assert left - 0.01 <= item.box.x and item.box.right <= right + 0.01, (number, item)
                assert item.box.y >= spec.folio - 3 and item.box.top <= frame.height - spec.margin_top + 0.01, (
                    number,
                    getattr(item, "text", item),
                )


def test_a_step_taller_than_a_page_flows_instead_of_running_off_it(laid_out) -> None:
    _, texts, styles, _ = laid_out
    height = 300.0
    long_text = " ".join([texts.get("steps.stroking.instruction")] * 6)
    group = Group(
        [Para("1. Stroking", "booklet_h2", keep_with_next=True), Figure((), 150.0), Para(long_text, "booklet_body")]
    )
    pages = paginate([Para("Before", "booklet_body"), group], styles, 300.0, height, 6.0)
    assert len(pages) == 2, "the step starts under what came before and flows on, not on a page of its own"
    for page in pages:
        for offset, item in page.items:
            assert offset - item.box.y <= height + 0.01, "nothing below the bottom of the page"
    first = next(
        i for i, page in enumerate(pages) if any(getattr(it, "text", "") == "1. Stroking" for _, it in page.items)
    )
    assert any(isinstance(it, Diagram) for _, it in pages[first].items), "the title stays with its diagram"


def test_a_block_that_can_never_fit_is_an_error_not_a_clipped_page(laid_out) -> None:
    _, _, styles, _ = laid_out
    with pytest.raises(FitError, match="does not fit a page"):
        paginate([Composite([], 400.0)], styles, 300.0, 300.0, 6.0)


# --- booklet.pdf --------------------------------------------------------------------------------------------


def test_outline_has_an_entry_per_section_on_its_page(variant) -> None:
    out, _, _ = variant
    texts = page_texts(out / "en" / "booklet.pdf")
    with pikepdf.open(out / "en" / "booklet.pdf") as pdf:
        pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            top = [(item.title, pages[item.destination[0].objgen], item) for item in outline.root]
            assert [t for t, _, _ in top] == [EN["meta"]["booklet_title"], *section_titles()]
            steps = next(item for t, _, item in top if t == EN["ui"]["steps_heading"])
            assert [c.title for c in steps.children] == [EN["ui"]["legend_heading"], *step_titles()]
            entries = [(t, i) for t, i, _ in top]
            entries += [(c.title, pages[c.destination[0].objgen]) for c in steps.children]
    for title, index in entries:
        assert squash(title) in squash(texts[index]), f"{title!r} is not printed on page {index + 1}"


@pytest.mark.parametrize("name", ["booklet.pdf", "booklet-print.pdf"])
def test_metadata_title_author_subject_language(variant, name: str) -> None:
    out, _, author = variant
    with pikepdf.open(out / "en" / name) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == EN["meta"]["booklet_title"]
        assert str(info["/Subject"]) == EN["meta"]["subtitle"]
        # no practitioner: no /Author at all (it used to say "cardgen", which is not who wrote the booklet)
        assert (str(info["/Author"]) if "/Author" in info else None) == author
        assert str(pdf.Root.Lang) == "en"
        assert PERSON["client"] not in " ".join(str(v) for v in info.values()), "the client's name stays off metadata"


def test_contents_numbers_are_the_pages_the_sections_print_on(variant) -> None:
    out, _, _ = variant
    texts = page_texts(out / "en" / "booklet.pdf")
    first_body = next(i for i, t in enumerate(texts) if t.startswith(EN["purpose"]["heading"]))
    if out == variant[0] and variant[2] is not None:
        assert first_body == 3, "the large-print contents takes two pages: the second pass renumbers everything"
    contents = "\n".join(texts[1:first_body])
    assert contents.startswith(EN["ui"]["contents"])
    for title in [*section_titles()[1:], EN["ui"]["legend_heading"], *step_titles()]:
        words = r"\s+".join(re.escape(word) for word in title.split())
        match = re.search(rf"(?<!\S){words}\s+(\d+)(?!\S)", contents)
        assert match, f"{title!r} missing from the contents"
        page = int(match.group(1))
        assert first_body < page <= len(texts)
        assert squash(title) in squash(texts[page - 1]), f"contents say {title!r} is on page {page}"


def test_every_page_has_text_and_its_number(variant) -> None:
    out, _, _ = variant
    texts = page_texts(out / "en" / "booklet.pdf")
    assert EN["meta"]["booklet_title"].split()[0] in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        lines = text.strip().splitlines()
        assert len(lines) >= 2, f"page {number} has no text"
        assert lines[-1].strip() == str(number)


def test_padded_to_a_multiple_of_four_with_notes_pages(variant) -> None:
    out, _, _ = variant
    texts = page_texts(out / "en" / "booklet.pdf")
    assert len(texts) % 4 == 0
    safety = max(i for i, t in enumerate(texts) if squash(EN["safety"]["body"].split(".")[0]) in squash(t))
    notes = texts[safety + 1 :]
    assert 1 <= len(notes) <= 4
    for offset, text in enumerate(notes):
        assert text.split() == [EN["ui"]["notes_heading"], str(safety + 2 + offset)], "a notes page is lines only"


def test_cover_names_or_lines_to_write_them_on(built: Path, built_large: Path) -> None:
    blank = page_texts(built / "en" / "booklet.pdf")[0]
    assert "Prepared for" in blank and "By" in blank and "Anna" not in blank
    with pdfplumber.open(built / "en" / "booklet.pdf") as pdf:
        assert len(pdf.pages[0].lines) >= 2, "two lines to write the names on"
    named = page_texts(built_large / "en" / "booklet.pdf")[0]
    assert f"Prepared for {PERSON['client']}" in named
    assert f"By {PERSON['practitioner']}" in named
    assert PERSON["contact"] in named and PERSON["date"] in named


def test_large_print_is_16pt_or_larger(built_large: Path, built: Path) -> None:
    """Every character is 16 pt or larger except the numbers drawn inside diagrams (order, repeats, minutes)."""
    with pdfplumber.open(built_large / "en" / "booklet.pdf") as pdf:
        small = {c["text"] for page in pdf.pages for c in page.chars if c["size"] < 15.95}
        body = [c["size"] for page in pdf.pages for c in page.chars]
    assert small <= set("0123456789× min"), small
    assert sum(s >= 15.95 for s in body) / len(body) > 0.99
    assert len(page_texts(built_large / "en" / "booklet.pdf")) > len(page_texts(built / "en" / "booklet.pdf"))


# --- booklet-print.pdf of the real booklet ----------------------------------------------------------------------


def test_real_booklet_imposed_by_its_page_numbers(variant) -> None:
    """Page numbers read from each half of each printed side; the cover (page 1) has none."""
    out, flip, _ = variant
    n = len(page_texts(out / "en" / "booklet.pdf"))
    sides = read_sides(out / "en" / "booklet-print.pdf", r"\d+", band=15 * MM)
    expected = saddle_positions(n, flip)
    assert len(sides) == len(expected) == n // 2
    for index, (side, (left, right, turned)) in enumerate(zip(sides, expected, strict=True)):
        for half, position in ((side.left, left), (side.right, right)):
            assert [m.text for m in half] == ([] if position == 1 else [str(position)]), (index, position)
            assert all(m.turned == turned for m in half)
