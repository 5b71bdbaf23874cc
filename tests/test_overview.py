"""The routine at a glance: a card after the legend and a booklet page, one row per step (number, miniature,
title, time) and the total; it fits and is fit-checked in every shipped language, and its text extracts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import CONTENT, LANGS, copy_content, run
from text_readers import line_text

from cardgen.layout.booklet import booklet
from cardgen.layout.deck import deck
from cardgen.layout.frames import Diagram, Text
from cardgen.layout.overview import overview_cards
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.i18n import texts_for
from cardgen.text.styles import build_styles

PROJECT = load_project(CONTENT)
STEPS = PROJECT.routine.steps
TOTAL = sum(step.seconds for step in STEPS) // 60
STYLES = ("overview_number", "overview_title", "overview_time", "overview_total")


def _layout(lang: str):
    texts = texts_for(PROJECT, lang)
    chain = chain_for(PROJECT.layout.spec.fonts, PROJECT.layout.fonts_dir, lang)
    styles = build_styles(PROJECT.layout.spec, chain, lang)
    return texts, styles


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_box(page, box) -> str:
    """The text pdfplumber finds inside a layout box (PDF y up) on a page (pdfplumber's y down), in content-stream
    order: sorted by position, a Thai mark that harfbuzz moves right of its letter would follow the next one."""
    crop = page.crop((box.x, page.height - box.top, box.right, page.height - box.y))
    return squash(crop.extract_text(use_text_flow=True) or "")


@pytest.mark.parametrize("lang", LANGS)
def test_overview_card_follows_the_legend_and_stays_in_the_safe_area(lang: str) -> None:
    texts, styles = _layout(lang)
    cards = deck(PROJECT, texts, styles)
    assert [c.kind for c in cards[:4]] == ["preparation", "legend", "overview", "overview"]
    minis = []
    for card in cards[2:4]:
        safe = card.trim.inset(PROJECT.layout.spec.card.safe)
        on_card = [i for i in card.items if isinstance(i, Diagram)]
        for item in card.items:
            if isinstance(item, Text | Diagram) and item.box.top < safe.top - 30:  # below the header band
                assert safe.contains(item.box), (lang, item)
        # the rows do not overlap: each miniature sits below the previous one
        assert all(lower.box.top <= upper.box.y + 0.01 for upper, lower in itertools.pairwise(on_card))
        minis += on_card
    assert [m.strokes for m in minis] == [s.strokes for s in STEPS]
    assert all(m.bounds is not None and not m.labels for m in minis)
    # eight rows do not fit one B7 card with miniatures 12 mm tall: two cards of four
    assert min(m.box.h for m in minis) >= PROJECT.layout.spec.overview.miniature_min - 1e-6
    # legible at arm's length: nothing on the overview below 9 pt (PRINT.md)
    sizes = {
        i.style: i.para.style.fontSize
        for card in cards[2:4]
        for i in card.items
        if isinstance(i, Text) and i.style.startswith("overview")
    }
    assert set(sizes) == {"overview_number", "overview_title", "overview_time", "overview_total"}
    assert min(sizes.values()) >= 9, sizes


def test_overview_text_extracts_in_every_language(built_all: Path) -> None:
    """Read back from the PDF inside each box the layout placed: step k's row says k, its title and its time."""
    for lang in LANGS:
        text_data = yaml.safe_load((CONTENT / "text" / f"{lang}.yaml").read_text(encoding="utf-8"))
        texts, styles = _layout(lang)
        cards = deck(PROJECT, texts, styles)[2:4]
        with pdfplumber.open(built_all / lang / "deck.pdf") as pdf:
            reads: dict[str, list[str]] = {name: [] for name in STYLES}
            for card, page in zip(cards, pdf.pages[2:4], strict=True):
                assert page.height == pytest.approx(card.height)
                for name in STYLES:
                    reads[name] += [
                        read_box(page, i.box) for i in card.items if isinstance(i, Text) and i.style == name
                    ]
                assert squash(text_data["ui"]["overview_heading"]) in squash(page.extract_text(use_text_flow=True)), (
                    lang
                )
            for step, number, title, time in zip(STEPS, *(reads[n] for n in STYLES[:3]), strict=True):
                assert number == str(step.number), (lang, step.id)
                assert title == squash(text_data["steps"][step.id]["title"]), (lang, step.id)
                assert time == squash(texts.get("ui.minutes_short", minutes=step.seconds // 60)), (lang, step.id)
            (total,) = reads["overview_total"]
            assert total == squash(texts.get("ui.total_time", minutes=TOTAL)), lang
            assert str(TOTAL) in total


def test_overview_page_in_the_booklet_before_the_steps(built_all: Path) -> None:
    with pdfplumber.open(built_all / "en" / "booklet.pdf") as pdf:
        pages = [squash(p.extract_text() or "") for p in pdf.pages]
    index = next(i for i, p in enumerate(pages) if p.startswith("Theroutineataglance"))
    steps_page = next(i for i, p in enumerate(pages) if p.startswith("Theroutine,stepbystep"))
    assert index < steps_page
    assert "Total:about35min" in pages[index]
    assert all(squash(f"{s.number}") in pages[index] for s in STEPS)
    texts, styles = _layout("de")
    frames = booklet(PROJECT, texts, styles)
    page = next(
        f
        for f in frames
        if any(
            isinstance(i, Text) and (i.text, i.style) == (texts.get("ui.overview_heading"), "booklet_h1")
            for i in f.items
        )
    )
    minis = [i for i in page.items if isinstance(i, Diagram)]
    assert len(minis) == len(STEPS)
    assert min(m.box.h for m in minis) > 40  # about 17 mm tall on an A5 page, larger than on the card


def test_check_fit_lists_every_overview_row_in_every_language() -> None:
    code, out = run("check", "--fit", "--content", str(CONTENT))
    assert code == 0, out
    rows = [line.split() for line in out.splitlines() if re.match(r"^\w+\s+overview\s", line)]
    for lang in LANGS:
        regions = {row[2]: row for row in rows if row[0] == lang}
        for step in STEPS:
            for kind in ("title", "time"):
                row = regions[f"{kind}.{step.number}"]
                assert 0 < int(row[3].rstrip("%")) <= 100
                assert float(row[4].rstrip("pt")) >= 9


def test_an_overlong_title_fails_the_overview_fit(content_copy: Path, tmp_path: Path) -> None:
    path = content_copy / "text" / "es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # the short title prints only on the overview, so only the overview can fail to fit it
    english = content_copy / "text" / "en.yaml"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "    title: The wave\n", "    title: The wave\n    short_title: Wave\n"
        ),
        encoding="utf-8",
    )
    data["steps"]["wave"]["short_title"] = "La ola " + "muy lenta y suave " * 20
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out = run("check", "--content", str(content_copy), "--lang", "es")
    assert code == 1, out
    assert re.search(r"overview card step 5 \(wave\) title \[es\]: text does not fit even at 9pt", out), out


def test_on_a_poker_card_the_overview_continues_and_never_cuts_a_word() -> None:
    project = load_project(CONTENT, overrides={"card": {"size": "poker"}})
    for lang in LANGS:
        texts = texts_for(project, lang)
        chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang)
        styles = build_styles(project.layout.spec, chain, lang)
        cards = overview_cards(project, texts, styles)
        titles = [i for card in cards for i in card.items if isinstance(i, Text) and i.style == "overview_title"]
        assert [t.text for t in titles] == [texts.get(f"steps.{s.id}.title") for s in STEPS], lang
        if lang in ("en", "es", "ru"):  # no hyphenation: every line break falls between words
            for title in titles:
                lines = [line_text(line) for line in title.para.blPara.lines]
                assert " ".join(lines).split() == title.text.split(), (lang, lines)
        assert all(t.para.style.fontSize >= 9 for t in titles)
    assert len(cards) >= 1
    ru = overview_cards(project, texts_for(project, "ru"), _layout("ru")[1])
    assert len(ru) >= 2


@pytest.mark.parametrize("lang", ["en", "de", "es", "th"])
def test_on_a_poker_card_the_miniatures_stay_legible(lang: str) -> None:
    """Wider than their share of the narrow card, at least miniature_min tall. (On poker, Russian's longest
    title word needs the room: a title word is never cut, so there the miniature gives way.)"""
    project = load_project(CONTENT, overrides={"card": {"size": "poker"}})
    texts = texts_for(project, lang)
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang
    )
    cards = overview_cards(project, texts, styles)
    minis = [i for card in cards for i in card.items if isinstance(i, Diagram)]
    assert len(minis) == len(STEPS)
    assert min(m.box.h for m in minis) >= project.layout.spec.overview.miniature_min - 1e-6


def _sixteen_steps(tmp_path: Path) -> Path:
    """The shipped routine with its strokes cycled over sixteen steps, each with its own id and title."""
    content = copy_content(tmp_path)
    routine = yaml.safe_load((content / "routine.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_load((content / "text" / "en.yaml").read_text(encoding="utf-8"))
    shipped = [s for s in routine["steps"] if s["id"] != "rest"]
    steps, titles = [], {}
    for k in range(16):
        base = shipped[k % len(shipped)]
        steps.append({**base, "id": f"step_{k + 1}"})
        words = text["steps"][base["id"]]
        titles[f"step_{k + 1}"] = {"title": f"{words['title']} again", "instruction": words["instruction"]}
    routine["steps"] = steps
    text["steps"] = titles
    for path, data in ((content / "routine.yaml", routine), (content / "text" / "en.yaml", text)):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in (content / "text").glob("*.yaml"):
        if path.stem not in ("en",):
            path.unlink()
    return content


def test_sixteen_steps_stay_legible_on_two_overview_cards_and_booklet_pages(tmp_path: Path) -> None:
    project = load_project(_sixteen_steps(tmp_path))
    texts = texts_for(project, "en")
    chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en")
    styles = build_styles(project.layout.spec, chain, "en")
    least = project.layout.spec.overview.miniature_min
    cards = overview_cards(project, texts, styles)
    assert len(cards) == 3  # sixteen rows at 12 mm: six a B7 card, so 6, 6 and 4
    rows = [[i for i in card.items if isinstance(i, Diagram)] for card in cards]
    assert [len(r) for r in rows] == [6, 6, 4]
    assert min(m.box.h for r in rows for m in r) >= least - 1e-6
    sizes = [i.para.style.fontSize for card in cards for i in card.items if isinstance(i, Text)]
    assert min(sizes) >= 9
    numbers = [i.text for card in cards for i in card.items if isinstance(i, Text) and i.style == "overview_number"]
    assert numbers == [str(n) for n in range(1, 17)]
    totals = [i for card in cards for i in card.items if isinstance(i, Text) and i.style == "overview_total"]
    assert len(totals) == 1 and totals[0] in cards[-1].items  # the total once, under the last row
    # the booklet: the overview continues on a second page, miniatures as tall
    frames = booklet(project, texts, styles)
    pages = [f for f in frames if any(isinstance(i, Text) and i.style == "booklet_overview_number" for i in f.items)]
    assert len(pages) == 2
    minis = [i for f in pages for i in f.items if isinstance(i, Diagram)]
    assert len(minis) == 16 and min(m.box.h for m in minis) >= least - 1e-6
