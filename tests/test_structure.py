"""Routine structure, tested on the layout (no PDF): text steps, times in halves and seconds, short titles,
repeat steps, the cover's picture, optional sections, and `check`'s report of unused text and of every problem
in one run. The fixture tests/fixtures/structure uses all of them at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import run

from cardgen.build import language_styles
from cardgen.layout.booklet import body_blocks, booklet
from cardgen.layout.deck import deck
from cardgen.layout.flow import Composite, Group, Para
from cardgen.layout.frames import Diagram, Frame, Text
from cardgen.layout.step_text import minutes_figure, step_numbers
from cardgen.source.load import load_project
from cardgen.text.i18n import texts_for
from cardgen.text.markup import plain

FIXTURE = Path(__file__).parent / "fixtures" / "structure"
PROJECT = load_project(FIXTURE)
TEXTS = texts_for(PROJECT, "en")
STYLES = language_styles(PROJECT, "en")
DECK = deck(PROJECT, TEXTS, STYLES)


def _card(step_id: str) -> Frame:
    return next(c for c in DECK if c.kind == "step" and c.label == step_id)


def _texts(frame: Frame, style: str | None = None) -> list[str]:
    return [plain(i.text) for i in frame.items if isinstance(i, Text) and (style is None or i.style == style)]


def _fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- times ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"), [(30, "½"), (60, "1"), (90, "1½"), (150, "2½"), (180, "3"), (45, "1"), (75, "1½")]
)
def test_minutes_print_in_halves(seconds: int, shown: str) -> None:
    assert minutes_figure(seconds) == shown


def test_times_in_halves_and_seconds_print_through_the_language_templates() -> None:
    assert "about 1½ min" in _texts(_card("stroking"))
    assert "about 30 s" in _texts(_card("welcome"))
    overview = next(c for c in DECK if c.kind == "overview")
    times = [plain(i.text) for i in overview.items if isinstance(i, Text) and i.style == "overview_time"]
    assert times == ["30 s", "1½ min", "2 min", "2½ min", "4½ min", "5 min"]


def test_the_total_counts_halves_seconds_and_repeats() -> None:
    steps = {s.id: s for s in PROJECT.routine.steps}
    # 30 s + 1.5 + 2 + 2.5 + (2 + 2.5 repeated) + 5 = 16 min
    assert steps["other_side"].seconds == steps["left_circles"].seconds + steps["left_kneading"].seconds
    assert PROJECT.routine.total_seconds == 16 * 60
    overview = next(c for c in DECK if c.kind == "overview")
    assert "Total: about 16 min" in _texts(overview, "overview_total")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("minutes: 1.5", "minutes: 1.2", "routine.yaml:14:14: steps[1].minutes: expected a number of minutes"),
        ("    seconds: 30\n", "    seconds: 30\n    minutes: 1\n", "steps[0]: give minutes or seconds, not both"),
        ("    seconds: 30\n", "", "steps[0]: a step needs minutes: (3, 1.5) or seconds: (30)"),
    ],
)
def test_times_that_are_not_halves_or_seconds_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    content = _fixture_copy(tmp_path)
    _edit(content / "routine.yaml", old, new)
    code, out = run("check", "--content", str(content))
    assert code == 1
    assert message in out, out


# --- text steps ----------------------------------------------------------------------------------------------


def test_a_step_without_a_diagram_is_a_text_card() -> None:
    text_card, drawn = _card("welcome"), _card("stroking")
    assert not [i for i in text_card.items if isinstance(i, Diagram)]
    (body,) = [i for i in text_card.items if isinstance(i, Text) and i.style == "card_body"]
    (drawn_body,) = [i for i in drawn.items if isinstance(i, Text) and i.style == "card_body"]
    diagram = next(i for i in drawn.items if isinstance(i, Diagram))
    # its text starts where a diagram would: at the top of the diagram area, not under it
    assert body.box.top == pytest.approx(diagram.box.top)
    assert drawn_body.box.top < diagram.box.y
    # no hands or direction: no footer line at all
    assert not _texts(text_card, "card_meta")


def test_a_text_step_has_no_figure_in_the_booklet_and_no_miniature_on_the_overview() -> None:
    frames = booklet(PROJECT, TEXTS, STYLES)
    page = next(f for f in frames if "1. Settle in" in _texts(f, "booklet_h2"))
    assert "Ask how the back feels today" in " ".join(_texts(page))
    overview = next(c for c in DECK if c.kind == "overview")
    minis = [i for i in overview.items if isinstance(i, Diagram)]
    drawn = [s for s in PROJECT.routine.steps if s.strokes]
    assert [m.strokes for m in minis] == [s.strokes for s in drawn]


# --- short titles --------------------------------------------------------------------------------------------


def test_the_overview_prints_the_short_title_and_the_card_the_full_one() -> None:
    overview = next(c for c in DECK if c.kind == "overview")
    titles = _texts(overview, "overview_title")
    assert titles == ["Settle in", "Stroking", "Left circles", "Left shoulder", "The other side", "Rest"]
    assert "Stroking the whole back" in _texts(_card("stroking"), "card_title")


# --- repeat steps --------------------------------------------------------------------------------------------


def test_step_numbers_join_runs() -> None:
    assert step_numbers((2, 3, 4, 5, 6, 7, 8)) == "2–8"
    assert step_numbers((2, 4, 5)) == "2, 4–5"
    assert step_numbers((3,)) == "3"


def test_a_repeat_step_says_which_steps_in_the_language_s_words() -> None:
    card = _card("other_side")
    assert _texts(card, "card_body") == ["Repeat steps 3–4 on the other side."]
    assert "about 4½ min" in _texts(card)
    assert not [i for i in card.items if isinstance(i, Diagram)]


def test_a_repeat_by_list_takes_those_steps_times(tmp_path: Path) -> None:
    content = _fixture_copy(tmp_path)
    _edit(
        content / "routine.yaml",
        "repeat: {first: left_circles, last: left_kneading, side: other}",
        "repeat: {steps: [stroking, left_kneading], side: other}\n    minutes: 3",
    )
    project = load_project(content)
    step = project.routine.steps[4]
    assert step.repeat is not None and step.repeat.numbers == (2, 4)
    assert step.seconds == 180  # given: not the repeated steps' 4 minutes
    card = next(c for c in deck(project, texts_for(project, "en"), STYLES) if c.label == "other_side")
    assert _texts(card, "card_body") == ["Repeat steps 2, 4 on the other side."]


@pytest.mark.parametrize(
    ("repeat", "message"),
    [
        ("{first: left_circles, last: rest, side: other}", "steps[4].repeat.last: no earlier step 'rest'"),
        ("{first: left_kneading, last: left_circles, side: other}", "'left_circles' comes before 'left_kneading'"),
        ("{steps: [stroking], first: stroking, last: stroking}", "give either steps: [ids] or first: and last:"),
        ("{side: other}", "name the steps to repeat"),
    ],
)
def test_a_repeat_of_steps_that_are_not_earlier_is_refused(tmp_path: Path, repeat: str, message: str) -> None:
    content = _fixture_copy(tmp_path)
    _edit(content / "routine.yaml", "{first: left_circles, last: left_kneading, side: other}", repeat)
    code, out = run("check", "--content", str(content))
    assert code == 1
    assert "routine.yaml:32:" in out and message in out, out


def test_a_repeat_side_without_its_sentence_is_reported(tmp_path: Path) -> None:
    content = _fixture_copy(tmp_path)
    _edit(content / "routine.yaml", "side: other}", "side: other_foot}")
    code, out = run("check", "--content", str(content))
    assert code == 1
    assert "steps[4].repeat.side: repeat side 'other_foot' has no text in" in out and "known: other" in out, out


# --- the cover -----------------------------------------------------------------------------------------------


def _cover_strokes(project) -> tuple:  # type: ignore[no-untyped-def]
    cover = booklet(project, texts_for(project, "en"), STYLES)[0]
    (diagram,) = [i for i in cover.items if isinstance(i, Diagram)]
    return diagram.strokes


def test_the_cover_shows_the_step_the_content_chooses(tmp_path: Path) -> None:
    steps = {s.id: s for s in PROJECT.routine.steps}
    assert _cover_strokes(PROJECT) == steps["left_kneading"].strokes
    content = _fixture_copy(tmp_path)
    _edit(content / "routine.yaml", "cover: {step: left_kneading}", "cover: {view: back}")
    assert _cover_strokes(load_project(content)) == ()  # the bare body
    _edit(content / "routine.yaml", "cover: {view: back}", "")
    # by default the first step that has a diagram (step 1 here is a text step)
    assert _cover_strokes(load_project(content)) == steps["stroking"].strokes


def test_a_cover_naming_no_step_or_a_text_step_is_refused(tmp_path: Path) -> None:
    content = _fixture_copy(tmp_path)
    _edit(content / "routine.yaml", "cover: {step: left_kneading}", "cover: {step: welcome}")
    code, out = run("check", "--content", str(content))
    assert "routine.yaml:6:15: cover.step: step 'welcome' has no diagram" in out, out
    _edit(content / "routine.yaml", "cover: {step: welcome}", "cover: {step: nowhere}")
    code, out = run("check", "--content", str(content))
    assert code == 1 and "cover.step: no step 'nowhere'; steps: welcome, stroking" in out, out


# --- optional sections ---------------------------------------------------------------------------------------


def test_sections_the_content_leaves_out_print_nothing() -> None:
    frames = booklet(PROJECT, TEXTS, STYLES)
    everything = " ".join(t for f in frames for t in _texts(f))
    contents = " ".join(_texts(frames[1]))
    for absent in ("Types", "Ambience", "Massaging your partner", "Afterwards", "Why"):
        assert absent not in everything
    assert "Safety" in contents and "Preparation" in contents
    assert ": ." not in everything and ":." not in everything
    prep = next(c for c in DECK if c.kind == "preparation")
    assert _texts(prep, "card_title") == ["Preparation"]
    assert _texts(prep, "sheet_body") == [
        "Warm the room and the oil before you begin.",
        "Have a plain massage oil ready.",
    ]


def test_no_preparation_or_ambience_means_no_preparation_card_or_page(tmp_path: Path) -> None:
    content = _fixture_copy(tmp_path)
    path = content / "text" / "en.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["preparation"], data["safety"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project = load_project(content)
    texts = texts_for(project, "en")
    assert [c.kind for c in deck(project, texts, STYLES)][:2] == ["legend", "overview"]
    blocks = body_blocks(project, texts, STYLES, 300, 500)
    headings = [b.text for b in blocks if isinstance(b, Para) and b.style == "booklet_h1"]
    assert headings == ["The routine at a glance", "The routine, step by step"]
    assert all(isinstance(b, Para | Composite | Group) or type(b).__name__ == "PageBreak" for b in blocks)


def test_oils_and_music_without_their_lists_leave_no_dangling_colon(content_copy: Path) -> None:
    routine = content_copy / "routine.yaml"
    _edit(routine, "essential_oils: [lime, bergamot, ylang_ylang, melissa, lavender]", "")
    _edit(routine, "music: [Buddha-Bar, Moby, Sade, Deep Forest, Mylène Farmer, DiDyuli, Enigma]", "")
    _edit(routine, "types: [chiromassage, ku_nye, stone_therapy, thai]", "")
    project = load_project(content_copy)
    texts = texts_for(project, "en")
    prep = next(c for c in deck(project, texts, STYLES) if c.kind == "preparation")
    body = " ".join(_texts(prep))
    assert "Have a good massage oil ready." in body
    assert "essential oil" not in body and "Music that suits" not in body and ": ." not in body
    frames = booklet(project, texts, STYLES)
    assert "Types of relaxing massage" not in " ".join(t for f in frames for t in _texts(f))


# --- check: unused text, every problem in one run -------------------------------------------------------------


def test_check_warns_about_text_nothing_prints(tmp_path: Path) -> None:
    content = _fixture_copy(tmp_path)
    path = content / "text" / "en.yaml"
    _edit(
        path,
        "  rest:\n    title: Rest\n",
        "  resting:\n    title: Resting\n    instruction: Old.\n  rest:\n    title: Rest\n",
    )
    _edit(path, "    palms: Both palms\n", "    palms: Both palms\n    fingers: Fingertips\n")
    code, out = run("check", "--content", str(content))
    assert code == 0, out
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    unused = "nothing prints this text; remove it, or use its id in routine.yaml"
    assert any(line.endswith(f"en.yaml:43:5: ui.hands.fingers: {unused}") for line in warnings), warnings
    assert any("en.yaml:74:5: steps.resting.title: nothing prints this text" in line for line in warnings), warnings
    assert any("en.yaml:75:5: steps.resting.instruction" in line for line in warnings), warnings
    assert len(warnings) == 3, warnings
    assert out.strip().endswith("ok: en")


def test_the_shipped_content_has_no_unused_text() -> None:
    code, out = run("check", "--content", str(Path(__file__).parent.parent / "content"), "--lang", "en")
    assert code == 0 and "warning" not in out, out


def test_structure_text_required_and_fit_problems_come_in_one_run(content_copy: Path) -> None:
    routine = content_copy / "routine.yaml"
    _edit(routine, "{kind: wave, path: [spine_low, spine_top], side: left, order: 1}", "{kind: wiggle}")
    _edit(routine, "  - id: rest\n", "  - id: resting\n")  # no text for this id
    _edit(content_copy / "text" / "de.yaml", "safety:\n", "safety_old:\n")  # required in every language
    _edit(content_copy / "text" / "en.yaml", "    title: Palm rubbing\n", "    title: " + "Palm rubbing " * 12 + "\n")
    code, out = run("check", "--content", str(content_copy))
    assert code == 1
    assert "routine.yaml:45:16: steps[4].diagram[0].kind: expected one of" in out, out  # structure
    assert "steps[7].id: step 'resting' has no text in" in out, out  # text
    assert "de.yaml" in out and "safety_old: unknown key" in out, out  # the translation's schema
    assert "safety.heading: [de] missing" in out and "safety.body: [de] missing" in out, out  # required text
    # the other steps are laid out, so a title too long for its card shows in the same run
    assert "steps.palm_rubbing.title: card 4 (palm_rubbing) title [en]: text does not fit" in out, out


def test_required_and_fit_problems_come_in_one_run(content_copy: Path) -> None:
    """A project whose structure is whole is laid out even when other problems are found: too-long text is
    reported in the same run as missing required text."""
    _edit(content_copy / "text" / "de.yaml", "  general_guidance:", "  general_guidance_old:")
    _edit(content_copy / "text" / "en.yaml", "    title: Palm rubbing\n", "    title: " + "Palm rubbing " * 12 + "\n")
    code, out = run("check", "--content", str(content_copy))
    assert code == 1
    assert "ui.general_guidance: [de] missing" in out, out
    assert "steps.palm_rubbing.title: card 4 (palm_rubbing) title [en]: text does not fit" in out, out


def test_the_fixture_builds_end_to_end_with_every_structure_feature(tmp_path: Path) -> None:
    """The PDFs say what the layout said: the repeat's sentence, halves and seconds, the total, no empty sections."""
    import pdfplumber

    code, out = run("build", "--content", str(FIXTURE), "--out", str(tmp_path), "--back-lang", "en")
    assert code == 0, out
    with pdfplumber.open(tmp_path / "en" / "deck.pdf") as pdf:
        deck_text = [page.extract_text() or "" for page in pdf.pages]
    with pdfplumber.open(tmp_path / "en" / "booklet.pdf") as pdf:
        booklet_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert len(deck_text) == 3 + 6  # preparation, legend, overview, six steps
    assert "Repeat steps 3–4 on the other side." in deck_text[7]
    assert "about 4½ min" in deck_text[7] and "about 30 s" in deck_text[3]
    assert "Total: about 16 min" in deck_text[2]
    assert "Repeat steps 3–4 on the other side." in booklet_text
    assert ": ." not in booklet_text and "Types" not in booklet_text and "Ambience" not in booklet_text
