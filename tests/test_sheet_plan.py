"""Which imposition the layout gets (no PDF needed): N-up counts per card and paper, the butted 9-up poker
sheet on Letter, tight sheets refused when a cut would be left unmarked, seal spacing, backs and continued cards.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import CONTENT
from text_readers import line_text

from cardgen.impose import MM, FoldPlan
from cardgen.layout import cards as card_layout
from cardgen.layout.backs import backs
from cardgen.layout.deck import deck
from cardgen.layout.frames import Diagram, Pattern, Text
from cardgen.layout.sheet_plan import choose_plan, cut_lines_marked, impose_deck
from cardgen.layout.text import balanced
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.i18n import texts_for
from cardgen.text.styles import build_styles


def project(card: str = "b7", paper: str = "a4", **sheet: object):
    return load_project(CONTENT, None, overrides={"card": {"size": card}, "sheet": {"paper": paper, **sheet}})


@pytest.mark.parametrize(
    ("card", "paper", "sheet", "kind", "grid", "rotation"),
    [
        ("b7", "a4", {}, "gutters", (2, 2), 0),  # the default: 4-up with every card's own bleed
        ("b7", "a3", {}, "gutters", (3, 3), 0),
        ("poker", "letter", {}, "butted", (3, 3), 0),  # 9-up only with shared cuts
        ("poker", "a4", {}, "butted", (3, 3), 0),
        ("poker", "tabloid", {}, "butted", (3, 6), 90),
        ("tarot", "a4", {}, "gutters", (2, 2), 0),
        ("a6", "a4", {}, "gutters", (1, 2), 90),
        ("index-5x7", "letter", {}, "gutters", (1, 2), 90),
        # a 4.5 mm printer margin leaves 0.2 mm above and below a 3 x 3 poker block: no room for the marks
        # of the column cuts, so the 9-up sheet is refused and the best cuttable one (8, turned) is chosen
        ("poker", "letter", {"margin": "4.5mm"}, "butted", (2, 4), 90),
        ("poker", "letter", {"imposition": "gutters"}, "gutters", (2, 3), 90),
        ("b7", "a4", {"fold": True}, "fold", (1, 2), 0),
    ],
)
def test_choose_plan(card, paper, sheet, kind, grid, rotation) -> None:
    plan, chosen = choose_plan(project(card, paper, **sheet))
    assert (chosen, (plan.cols, plan.rows), plan.rotation) == (kind, grid, rotation)
    marks = plan.crop_marks(1 * MM)
    assert cut_lines_marked(plan, marks), "every cut is marked at both ends"


def test_tight_nine_up_poker_has_short_marks_above_and_below() -> None:
    """The 3 x 3 block is 270 mm tall on 279.4 mm paper: 4.7 mm outside its bleed, 3 mm of it unprintable,
    so the column cuts get 1.7 mm marks; the row cuts, with 10.45 mm beside the block, get full 5 mm marks."""
    plan, _ = choose_plan(project("poker", "letter"))
    lengths = {}
    for (x1, y1), (x2, y2) in plan.crop_marks(1 * MM):
        lengths.setdefault("vertical" if x1 == x2 else "horizontal", set()).add(round(abs(x2 - x1 + y2 - y1) / MM, 3))
    assert lengths == {"vertical": {1.7}, "horizontal": {5.0}}


def test_seal_widens_the_gutter_and_rules_out_butting() -> None:
    plan, kind = choose_plan(project("poker", "a4", seal="5mm"))
    assert kind == "gutters"
    trims = plan.trims
    gaps = [b.x - a.right for a, b in itertools.pairwise(trims) if b.y == a.y]
    assert gaps and min(gaps) >= 10 * MM - 1e-6


def test_marks_none_still_imposes() -> None:
    plan, _ = choose_plan(project("b7", "a4", marks="none"))
    assert plan.per_sheet == 4


def poker_cards(lang: str):
    p = project("poker", "letter")
    texts = texts_for(p, lang)
    styles = build_styles(p.layout.spec, chain_for(p.layout.spec.fonts, p.layout.fonts_dir, lang), lang)
    return p, texts, styles, deck(p, texts, styles)


@pytest.fixture(scope="module")
def poker_deck():
    return poker_cards("en")


@pytest.mark.parametrize("lang", ["de", "th"])
def test_continued_parts_are_the_source_text_cut_between_words(lang: str) -> None:
    """Each part is a paragraph made from the source text (Thai shapes cleanly only that way), and the parts
    joined give the whole instruction back."""
    p, texts, _, deck = poker_cards(lang)
    for step in p.routine.steps:
        parts = [
            i.text
            for f in deck
            if f.kind == "step" and f.label == step.id
            for i in f.items
            if isinstance(i, Text) and i.style == "card_body"
        ]
        whole = texts.get(f"steps.{step.id}.instruction")
        assert " ".join(parts).split() == whole.split()


def test_a_cut_inside_bold_closes_and_reopens_it() -> None:
    assert balanced("Use **both", "palms** now") == ("Use **both**", "**palms** now")
    assert balanced("an *easy", "pace*") == ("an *easy*", "*pace*")
    assert balanced("**all** done", "next") == ("**all** done", "next")


def test_poker_cards_continue_text_with_numbered_cards(poker_deck) -> None:
    p, texts, _, deck = poker_deck
    for step in p.routine.steps:
        frames = [f for f in deck if f.kind == "step" and f.label == step.id]
        assert len(frames) >= 2, "the instruction does not fit one poker card at 9 pt"
        body = [i for f in frames for i in f.items if isinstance(i, Text) and i.style == "card_body"]
        words = "".join(line_text(line).replace(" ", "") for t in body for line in t.para.blPara.lines)
        assert words == "".join(texts.get(f"steps.{step.id}.instruction").replace("**", "").split())
        asides = [i.text for f in frames for i in f.items if isinstance(i, Text) and "/" in i.text]
        assert [a.split()[-1] for a in asides] == [f"{n}/{len(frames)}" for n in range(1, len(frames) + 1)]
        assert sum(isinstance(i, Diagram) for f in frames for i in f.items) == 1, "the diagram once, on 1/n"
        diagram = next(i for i in frames[0].items if isinstance(i, Diagram))
        scaled = 50 * MM * 88 / 125  # in proportion to the designed B7
        if any(isinstance(i, Text) and i.style == "card_body" for i in frames[0].items):
            assert diagram.box.h == pytest.approx(scaled)
        else:
            assert diagram.box.h > scaled, "with no text under it the diagram takes the whole card"
        for f in frames:
            safe = f.trim.inset(p.layout.spec.card.safe)
            for item in f.items:
                if isinstance(item, Text | Diagram):
                    assert safe.contains(item.box), f"{item} outside the safe area"


def test_designed_size_keeps_one_card_per_step() -> None:
    p = project()
    assert not card_layout.may_continue(p), "on B7 a too-long text is an error to fix, not a second card"
    assert card_layout.diagram_height(p) == p.layout.spec.card.diagram


def test_backs_share_one_frame_per_number_and_one_pattern(poker_deck) -> None:
    p, texts, styles, deck = poker_deck
    made = backs(p, texts, styles, deck)
    assert len(made) == len(deck)
    assert len({id(b) for b in made}) == len(p.routine.steps) + 1, "one back per step, one for the rest"
    patterns = {i.name for b in made for i in b.items if isinstance(i, Pattern)}
    assert len(patterns) == 1
    imposed = impose_deck(p, deck, made)
    assert imposed.arrangement == "butted" and imposed.per_sheet == 9
    sides = [s.side for s in imposed.sheets]
    assert sides == ["front", "back"] * (len(sides) // 2)
    assert not isinstance(imposed.plan, FoldPlan)


def test_letter_fold_over_poker_pairs() -> None:
    p = project("poker", "letter", fold=True)
    plan, kind = choose_plan(p)
    assert kind == "fold" and isinstance(plan, FoldPlan) and plan.per_sheet == 4


def test_unknown_card_is_reported_with_the_presets(tmp_path: Path) -> None:
    from conftest import run

    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--card", "pokr")
    assert code == 2  # a bad option value is a usage error
    assert "command line: card.size:" in out and "pokr" in out and "poker" in out
