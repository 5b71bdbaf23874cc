"""Bilingual cards: `build --back-lang CODE` prints each card's text in a second language on its back, so that,
duplex or fold-over, the back of step k carries step k's title and instruction in that language.

The check reads the PDF: the back that lands on a front is found from the imposition geometry (impose.back_rect
for duplex, the fold pair for fold-over), and its text is read with pdfplumber cropped to that rectangle.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import CONTENT, run

from cardgen.impose import FoldPlan, Rect, back_rect
from cardgen.layout.deck import deck
from cardgen.layout.sheet_plan import choose_plan
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.i18n import texts_for
from cardgen.text.styles import build_styles


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read(page, rect: Rect, rotation: int = 0) -> str:
    """Text inside a rectangle given in PDF coordinates (y up), in reading order. A back turned 180° (short-edge
    duplex) extracts last character first, so it is read backwards."""
    text = squash(page.crop((rect.x, page.height - rect.top, rect.right, page.height - rect.y)).extract_text() or "")
    return text[::-1] if rotation == 180 else text


def _text(lang: str) -> dict:
    return yaml.safe_load((CONTENT / "text" / f"{lang}.yaml").read_text(encoding="utf-8"))


CASES = {  # name: (front language, back language, extra build options, layout overrides the options make)
    "duplex-long": ("en", "es", ["--duplex", "long"], {"sheet": {"duplex": "long"}}),
    "duplex-short": ("de", "ru", ["--duplex", "short"], {"sheet": {"duplex": "short"}}),
    "fold": ("ru", "es", ["--fold"], {"sheet": {"fold": True}}),
}


@pytest.fixture(scope="module", params=list(CASES))
def case(request, tmp_path_factory: pytest.TempPathFactory):
    front, back, args, overrides = CASES[request.param]
    out = tmp_path_factory.mktemp(f"bilingual-{request.param}")
    code, output = run(
        "build", "--content", str(CONTENT), "--out", str(out), "--lang", front, "--back-lang", back, *args
    )
    assert code == 0, output
    project = load_project(CONTENT, overrides=overrides)
    chain = chain_for(project.layout.spec.fonts, project.layout.fonts_dir, front)
    fronts = deck(project, texts_for(project, front), build_styles(project.layout.spec, chain, front))
    return out / front / "deck-sheets.pdf", project, fronts, front, back


def _landings(project, n_cards: int):
    """(card index, front page, front rect, back page, back rect, back rotation) for every card, from the
    imposition geometry."""
    plan, _ = choose_plan(project)
    per = plan.per_sheet
    sheet = project.layout.spec.sheet
    for index in range(n_cards):
        sheet_no, slot = divmod(index, per)
        if isinstance(plan, FoldPlan):
            pair = plan.pairs[slot]
            yield index, sheet_no, pair.front, sheet_no, pair.back, plan.back_rotation
        else:
            where = back_rect(plan, slot, sheet.duplex, sheet.offset_x, sheet.offset_y)
            yield index, 2 * sheet_no, plan.slots[slot].trim, 2 * sheet_no + 1, where.trim, where.rotation


def test_the_back_of_step_k_carries_step_k_in_the_second_language(case) -> None:
    path, project, fronts, front_lang, back_lang = case
    ours, theirs = _text(front_lang), _text(back_lang)
    steps = {s.id: s for s in project.routine.steps}
    checked = set()
    with pdfplumber.open(path) as pdf:
        for index, front_page, front_rect, back_page, back_rect_, rotation in _landings(project, len(fronts)):
            card = fronts[index]
            front_text = read(pdf.pages[front_page], front_rect)
            back_text = read(pdf.pages[back_page], back_rect_, rotation)
            if card.kind != "step":
                continue
            step = steps[card.label]
            assert squash(ours["steps"][step.id]["title"]) in front_text, (index, front_text)
            assert squash(theirs["steps"][step.id]["title"]) in back_text, (step.id, back_text)
            assert squash(theirs["steps"][step.id]["instruction"]) in back_text, (step.id, back_text)
            for other in project.routine.steps:  # and no other step's words
                if other.id != step.id:
                    assert squash(theirs["steps"][other.id]["instruction"]) not in back_text
            checked.add(step.id)
    assert checked == set(steps)


def test_overview_back_is_the_overview_in_the_second_language(case) -> None:
    path, project, fronts, _, back_lang = case
    heading = squash(_text(back_lang)["ui"]["overview_heading"])
    with pdfplumber.open(path) as pdf:
        for index, _, _, back_page, rect, rotation in _landings(project, len(fronts)):
            if fronts[index].kind == "overview":
                assert heading in read(pdf.pages[back_page], rect, rotation)
                return
    pytest.fail("no overview card")


def test_an_unknown_back_language_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en", "--back-lang", "xx")
    assert code == 2 and "Invalid value for '--back-lang': no text for language 'xx'" in out, out
    assert not tmp_path.joinpath("en").exists()


def test_a_change_to_the_back_language_rebuilds_the_bilingual_deck(content_copy: Path, tmp_path: Path) -> None:
    args = ("build", "--content", str(content_copy), "--out", str(tmp_path), "--lang", "en", "--back-lang", "es")
    code, out = run(*args)
    assert code == 0 and "wrote" in out, out
    code, out = run(*args)
    assert code == 0 and "unchanged" in out and "wrote" not in out, out
    path = content_copy / "text" / "es.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: La ola", "title: La ola suave"), "utf-8")
    code, out = run(*args)
    assert code == 0 and "wrote" in out, out
    with pdfplumber.open(tmp_path / "en" / "deck-sheets.pdf") as pdf:
        assert any("La ola suave" in (page.extract_text() or "") for page in pdf.pages)
