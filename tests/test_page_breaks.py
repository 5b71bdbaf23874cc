"""Page and line breaks at layout level (no PDF), over every routine in the repository and every language it
has, in the default and large-print layouts: no heading at the foot of a page, no widow or orphan, a list's
first two and last two items together, the contents on one page, no hyphen in a title, no card text ending on a
line of one short word.

Routines: the shipped content, the `cardgen init` template, and every folder under examples/ and
tests/fixtures/ that holds a routine.yaml. A folder that does not load fails its tests; none is skipped.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from cardgen.layout.booklet import body_blocks, booklet
from cardgen.layout.booklet_cover import page_box
from cardgen.layout.deck import deck
from cardgen.layout.flow import Composite, Figure, Group, Paginator, Para, paginate
from cardgen.layout.frames import Box, Diagram, Frame, Text
from cardgen.layout.overview import natural_width
from cardgen.layout.text import ends_on_short_word, line_count, line_texts, measure
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.hyphenation import TITLE_STYLES
from cardgen.text.i18n import texts_for
from cardgen.text.styles import build_styles

LAYOUTS = ("default", "large-print")
FOLIO = "booklet_folio"
HEADINGS = ("booklet_h1", "booklet_h2", "card_heading")
#: Text that flows and may be split over a page break (the rest is kept whole by construction)
FLOWING = ("booklet_body", "booklet_meta", "booklet_guidance", "booklet_legend", "sheet_body")


def routine_folders() -> list[Path]:
    """Every routine in the repository: a folder holding a routine.yaml."""
    folders = [CONTENT, ROOT / "cardgen" / "templates" / "init" / "content"]
    for base in (ROOT / "examples", ROOT / "tests" / "fixtures"):
        if base.is_dir():
            folders += sorted(path.parent for path in base.rglob("routine.yaml"))
    return folders


def languages(folder: Path) -> list[str]:
    langs = sorted(p.stem for p in (folder / "text").glob("*.yaml") if not p.stem.endswith(".lock"))
    return langs or ["(no text/*.yaml)"]  # a routine without languages fails below instead of vanishing


CASES = [
    pytest.param(folder, lang, layout, id=f"{folder.relative_to(ROOT)}-{lang}-{layout}")
    for folder in routine_folders()
    for lang in languages(folder)
    for layout in LAYOUTS
]


@functools.cache
def _project(folder: Path, layout: str):
    return load_project(folder, None, layout)


def styles_for(project, lang: str):
    return build_styles(project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang)


@functools.cache
def laid_out(folder: Path, lang: str, layout: str):
    """The booklet's frames, the deck's frames, and every text the booklet's flow was given whole."""
    project = _project(folder, layout)
    assert lang in project.texts, f"{folder}: no text/{lang}.yaml"
    texts = texts_for(project, lang)
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang), lang
    )
    page = page_box(project)
    whole: set[str] = set()
    for block in body_blocks(project, texts, styles, page.content_w, page.content_h):
        for leaf in block.blocks if isinstance(block, Group) else [block]:
            if isinstance(leaf, Para):
                whole.add(leaf.text)
            elif isinstance(leaf, Composite):
                whole |= {item.text for item in leaf.items if isinstance(item, Text)}
    return booklet(project, texts, styles), deck(project, texts, styles), whole


def flowed(frames: list[Frame]) -> list[tuple[int, list[Text | Diagram]]]:
    """(page number, its texts and diagrams from the top down, the page number left out) of the flowed pages."""
    out = []
    for number, frame in enumerate(frames, start=1):
        if frame.kind in ("page", "contents", "preparation", "legend"):
            items = [
                i for i in frame.items if isinstance(i, Text | Diagram) and getattr(i, "style", "") != "booklet_folio"
            ]
            out.append((number, sorted(items, key=lambda i: (-i.box.top, i.box.x))))
    return out


def lines_of(item: Text) -> int:
    return line_count(item.box.h, item.para.style)


@pytest.mark.parametrize(("folder", "lang", "layout"), CASES)
def test_no_heading_at_the_foot_of_a_page(folder: Path, lang: str, layout: str) -> None:
    frames, _, whole = laid_out(folder, lang, layout)
    for number, items in flowed(frames):
        for heading in (i for i in items if isinstance(i, Text) and i.style in HEADINGS):
            below = [i for i in items if i.box.top <= heading.box.y + 0.01 and i is not heading]
            assert below, f"page {number}: heading {heading.text!r} ends the page"
            follower = below[0]
            if isinstance(follower, Text) and follower.style in FLOWING:
                assert follower.text in whole or lines_of(follower) >= 2, (
                    f"page {number}: heading {heading.text!r} keeps only one line of what follows"
                )


@pytest.mark.parametrize(("folder", "lang", "layout"), CASES)
def test_no_widow_or_orphan(folder: Path, lang: str, layout: str) -> None:
    frames, _, whole = laid_out(folder, lang, layout)
    pages = flowed(frames)
    for index, (number, items) in enumerate(pages):
        for item in items:
            if not isinstance(item, Text) or item.style not in FLOWING or item.text in whole:
                continue
            # part of a paragraph split over a page break: two lines or more, at the page's foot or top
            assert lines_of(item) >= 2, f"page {number}: {lines_of(item)} line of a split paragraph: {item.text!r}"
            at_foot = item is min(items, key=lambda i: i.box.y) and index + 1 < len(pages)
            assert at_foot or item is items[0], f"page {number}: a paragraph split in the middle of a page"


@pytest.mark.parametrize(("folder", "lang", "layout"), CASES)
def test_a_list_keeps_two_items_together_at_each_end(folder: Path, lang: str, layout: str) -> None:
    frames, _, _ = laid_out(folder, lang, layout)
    project = _project(folder, layout)
    texts = texts_for(project, lang)
    # every list in the booklet, found by its items' tags: {list: {item: the page its text starts on}}
    lists: dict[str, dict[str, int]] = {}
    for number, frame in enumerate(frames, start=1):
        for item in frame.items:
            if isinstance(item, Text) and item.tag is not None and item.tag.role == "LBody":
                (_, group), (_, key) = item.tag.parents
                lists.setdefault(group, {}).setdefault(key, number)  # a split item starts where its first part is
    benefits = project.source_text.benefits
    if benefits is not None and any(texts.has(f"benefits.items.{key}") for key in benefits.items):
        assert len(lists.get("benefits", {})) == sum(texts.has(f"benefits.items.{k}") for k in benefits.items), (
            "every benefit the text gives is an item of the booklet's list"
        )
    else:  # benefits are an optional section: a routine that leaves them out shows no list of them
        assert "benefits" not in lists
    for group, items in lists.items():
        pages = sorted(items.values())
        if len(pages) < 2:
            continue  # a one-item list has no two items to keep together
        assert pages[0] == pages[1], f"{group}: the list's first item alone on page {pages[0]}"
        assert pages[-1] == pages[-2], f"{group}: the list's last item alone on page {pages[-1]}"


@pytest.mark.parametrize(("folder", "lang", "layout"), CASES)
def test_the_contents_fits_its_page_when_tightening_can_make_it(folder: Path, lang: str, layout: str) -> None:
    frames, _, _ = laid_out(folder, lang, layout)
    contents = [f for f in frames if f.kind == "contents"]
    if len(contents) == 1:
        return
    # it spills only when even its tightest spacing cannot hold it (large print: 17 pt entries), and then
    # it does not spill a little: its last page holds two entries or more
    project = _project(folder, layout)
    spec, styles = project.layout.spec.booklet, styles_for(project, lang)
    entries = [i for f in contents for i in f.items if isinstance(i, Text) and i.style.startswith("booklet_toc")]
    titles = [i for i in entries if not i.text.strip().isdigit() or i.box.x < 100]
    heading = next(i for i in contents[0].items if isinstance(i, Text) and i.style == "booklet_h1")
    tightest = heading.box.h + sum(
        t.box.h + spec.tighten * (spec.paragraph_gap + styles[t.style].spaceBefore) for t in titles
    )
    assert tightest > page_box(project).content_h, "the contents would fit one page tightened"
    last = [i for i in contents[-1].items if isinstance(i, Text) and i.style.startswith("booklet_toc")]
    assert len(last) >= 4, "two entries or more (title and page number each) on the contents' last page"


@pytest.mark.parametrize(("folder", "lang", "layout"), CASES)
def test_no_hyphen_in_titles_headings_or_cover_text(folder: Path, lang: str, layout: str) -> None:
    frames, cards, _ = laid_out(folder, lang, layout)
    checked = 0
    for frame in frames + cards:
        for item in frame.items:
            if not isinstance(item, Text) or item.para is None or item.style not in TITLE_STYLES:
                continue
            checked += 1
            lines = [line.split() for line in line_texts(item.para)]
            for line, after in itertools.pairwise(lines):
                if line and after and line[-1].endswith("-"):
                    joined = line[-1][:-1] + after[0]
                    assert joined not in item.text, f"{frame.label}: {item.style} hyphenated: {item.text!r}"
    assert checked > 20


#: Card sizes whose text is tightest (smaller than the B7 the cards are drawn for: text continues on more cards)
CARD_SIZES = ("b7", "tarot", "a7", "poker")


@functools.cache
def cards_of(folder: Path, lang: str, size: str) -> list[Frame]:
    project = load_project(folder, None, "default", {"card": {"size": size}})
    return deck(project, texts_for(project, lang), styles_for(project, lang))


@pytest.mark.parametrize("size", CARD_SIZES)
@pytest.mark.parametrize(("folder", "lang"), sorted({(c.values[0], c.values[1]) for c in CASES}))
def test_card_text_never_ends_on_a_line_of_one_short_word(folder: Path, lang: str, size: str) -> None:
    cards = cards_of(folder, lang, size)
    steps = [f for f in cards if f.kind == "step"]
    wanted = ("card_body", "card_meta")
    bodies = [(f.label, i) for f in steps for i in f.items if isinstance(i, Text) and i.style in wanted]
    assert bodies
    for label, item in bodies:
        assert not ends_on_short_word(item.para, item.box.w), f"card {label}: {line_texts(item.para)[-1]!r} alone"


@pytest.mark.parametrize("size", CARD_SIZES)
@pytest.mark.parametrize(("folder", "lang"), sorted({(c.values[0], c.values[1]) for c in CASES}))
def test_no_heading_at_the_foot_of_a_card(folder: Path, lang: str, size: str) -> None:
    for number, items in flowed(cards_of(folder, lang, size)):
        for heading in (i for i in items if isinstance(i, Text) and i.style in HEADINGS):
            assert any(i.box.top <= heading.box.y + 0.01 for i in items), f"card {number}: {heading.text!r} at its foot"


@pytest.mark.parametrize("size", CARD_SIZES)
@pytest.mark.parametrize(("folder", "lang"), sorted({(c.values[0], c.values[1]) for c in CASES}))
def test_a_continued_legend_leaves_no_row_alone_on_a_card(folder: Path, lang: str, size: str) -> None:
    legend = [f for f in cards_of(folder, lang, size) if f.kind == "legend"]
    rows = [sum(1 for i in f.items if isinstance(i, Diagram) and i.legend) for f in legend]
    assert rows, "a legend card"
    if len(rows) > 1:
        assert all(n >= 2 for n in rows), f"legend rows per card {rows}: a row alone on a card"


@pytest.mark.parametrize("size", CARD_SIZES)
@pytest.mark.parametrize(("folder", "lang"), sorted({(c.values[0], c.values[1]) for c in CASES}))
def test_an_overview_title_hyphenates_only_a_word_too_wide_for_its_column(folder: Path, lang: str, size: str) -> None:
    project = load_project(folder, None, "default", {"card": {"size": size}})
    styles = styles_for(project, lang)
    titles = [
        i
        for f in cards_of(folder, lang, size)
        for i in f.items
        if isinstance(i, Text) and (i.region or "").startswith("title.") and i.para is not None
    ]
    assert titles, "the overview's titles"
    for item in titles:
        lines = [line.split() for line in line_texts(item.para)]
        for line, after in itertools.pairwise(lines):
            if not (line and after and line[-1].endswith("-")) or line[-1][:-1] + after[0] not in item.text:
                continue
            word, style = line[-1][:-1] + after[0], styles[item.style]
            minimum = styles.minimums.get(item.style) or style.fontSize
            smallest = style.clone("min", fontSize=minimum, leading=style.leading * minimum / style.fontSize)
            assert natural_width(word, smallest) >= item.box.w - 0.01, f"{item.text!r} hyphenated, {word!r} fits"


# --- the rules on made-up pages: each is shown to act, so the checks above cannot pass by accident ----------


@pytest.fixture(scope="module")
def styles():
    project = _project(CONTENT, "default")
    return build_styles(project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "en"), "en")


LONG = " ".join(["The hands glide slowly and evenly along the back, warming the skin and muscles."] * 4)


def filler(height: float) -> Composite:
    """Something `height` tall that is already on the page (a drawing)."""
    return Composite([Diagram(Box(0, -height, 10, height))], height)


def _texts(page) -> list[Text]:
    return [item for _, item in page.items if isinstance(item, Text)]


def _page_for(styles, lines_above: float, extra: float = 0.0) -> float:
    return styles["booklet_body"].leading * lines_above + extra


def test_a_paragraph_breaks_with_two_lines_or_more_on_each_side(styles) -> None:
    width = 250.0
    total = line_count(measure(LONG, styles["booklet_body"], width)[1], styles["booklet_body"])
    assert total >= 6
    leading = styles["booklet_body"].leading
    for room in range(1, total):  # the paragraph starts with `room` lines left on the first page
        above = filler(600.0 - room * leading - 6.0)
        pages = paginate([above, Para(LONG, "booklet_body")], styles, width, 600.0, 6.0)
        parts = [lines_of(t) for page in pages for t in _texts(page)]
        assert sum(parts) == total, "no line lost or added"
        assert all(n >= 2 for n in parts), f"{room} lines of room: parts {parts}"
        if room == 1:
            assert parts == [total], "one line of room: the paragraph moves on whole"
        if 2 <= room <= total - 2:
            assert parts[0] == room, "as many lines as fit stay (two or more)"
        if room == total - 1:
            assert parts == [total - 2, 2], "the widow pulls one more line over"


def test_a_short_paragraph_never_breaks(styles) -> None:
    def lines(words: int) -> int:
        return line_count(
            measure(" ".join(LONG.split()[:words]), styles["booklet_body"], 250.0)[1], styles["booklet_body"]
        )

    text = " ".join(LONG.split()[: next(n for n in range(10, 60) if lines(n) == 3)])
    height = measure(text, styles["booklet_body"], 250.0)[1]
    above = filler(600.0 - height + styles["booklet_body"].leading)  # room for two of its three lines
    pages = paginate([above, Para(text, "booklet_body")], styles, 250.0, 600.0, 0.0)
    assert [len(_texts(p)) for p in pages] == [0, 1]


def test_a_chain_of_headings_moves_with_two_lines_of_text(styles) -> None:
    blocks = [
        Para("Types of massage", "booklet_h1", keep_with_next=True),
        Para("Thai massage", "booklet_h2", keep_with_next=True),
        Para(LONG, "booklet_body"),
    ]
    for space in range(380, 590, 5):
        pages = paginate([filler(float(space)), *blocks], styles, 250.0, 600.0, 6.0)
        for page in pages:
            texts = _texts(page)
            if texts and texts[-1].style.startswith("booklet_h"):
                raise AssertionError(f"filler {space}: a heading ends the page")
            body = [t for t in texts if t.style == "booklet_body"]
            if any(t.style == "booklet_h2" for t in texts):
                assert body and lines_of(body[0]) >= 2, f"filler {space}: the heading keeps under two lines"


def test_a_list_never_leaves_an_item_alone_at_either_end(styles) -> None:
    items = [Para(f"Benefit number {n} of the massage.", "booklet_body", bullet=True) for n in range(5)]
    leading = styles["booklet_body"].leading
    for room in range(1, 6):
        above = filler(400.0 - room * leading)
        pages = paginate([above, *items], styles, 250.0, 400.0, 0.0)
        counts = [len(_texts(p)) for p in pages]
        assert 1 not in counts, f"{room} lines of room: items per page {counts}"


def test_a_spill_is_tightened_before_it_takes_another_page(styles) -> None:
    paras = [Para(" ".join(LONG.split()[:14]), "booklet_body") for _ in range(12)]
    one = paginate(paras, styles, 250.0, 10_000.0, 8.0)
    height = one[0].items[-1][0] + one[0].items[-1][1].box.h
    page = height - 8.0 * 5  # less than the paragraphs with their gaps, more than with half the gaps
    assert len(paginate(paras, styles, 250.0, page, 8.0)) == 2
    tight = paginate(paras, styles, 250.0, page, 8.0, tighten=0.5)
    assert len(tight) == 1
    offsets = [offset for offset, _ in tight[0].items]
    gaps = {round(b - a - tight[0].items[0][1].box.h, 1) for a, b in itertools.pairwise(offsets)}
    assert gaps and all(4.0 <= g < 8.0 for g in gaps), "the gaps shrank, but no further than half"


def test_a_german_cover_title_would_hyphenate_and_does_not() -> None:
    project = _project(CONTENT, "default")
    texts = texts_for(project, "de")
    styles = build_styles(
        project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "de"), "de"
    )
    title = texts.get("meta.booklet_title")
    width = page_box(project).content_w
    hyphenating = styles["booklet_cover_title"].clone("h", hyphenationLang="de_DE")
    assert any(line.endswith("-") for line in line_texts(measure(title, hyphenating, width)[0])), "the counterfactual"
    cover = booklet(project, texts, styles)[0]
    (item,) = [i for i in cover.items if isinstance(i, Text) and i.style == "booklet_cover_title"]
    assert not any(line.endswith("-") for line in line_texts(item.para))


def test_a_card_text_is_rebalanced_not_left_with_one_short_word(styles) -> None:
    from cardgen.layout.text import place, rebalanced

    style = styles["booklet_body"]
    text = "Glide both palms slowly up the back, then fan them out over the shoulders and down the sides of the"
    for width in range(150, 300):  # find a measure where the last line is one short word
        item = place(f"{text} back.", style, "booklet_body", 0, 0, float(width))
        if ends_on_short_word(item.para, item.box.w):
            break
    else:
        pytest.fail("no measure leaves 'back.' alone")
    better = rebalanced(item)
    assert not ends_on_short_word(better.para, better.box.w)
    assert len(line_texts(better.para)) == len(line_texts(item.para)), "as many lines as before"
    assert better.box == item.box and better.text == item.text


def test_every_routine_folder_is_tested() -> None:
    found = {p.parent for base in ("examples", "tests/fixtures") for p in (ROOT / base).rglob("routine.yaml")}
    tested = {case.values[0] for case in CASES}
    assert found <= tested and CONTENT in tested


def test_a_flowing_step_keeps_its_numbers_with_its_text_unless_that_costs_a_page(styles) -> None:
    meta = Para("Step 1 of 8 · about 3 min · Both palms · Up from the waist", "booklet_meta")
    group = Group(
        [Para("1. Stroking", "booklet_h2", keep_with_next=True), Figure((), 150.0), Para(LONG, "booklet_body"), meta]
    )
    alone = 0
    for page_height in range(250, 420, 4):
        pages = paginate([group], styles, 250.0, float(page_height), 6.0)
        for page in pages:
            texts = _texts(page)
            if texts and texts[0].text == meta.text:
                alone += 1
                strict = Paginator(styles, 250.0, float(page_height), 6.0).flow([group])
                assert len(strict) > len(pages), f"page {page_height}: the numbers start a page for nothing"
            if any(t.text == meta.text for t in texts) and texts[0].text != meta.text:
                body = [t for t in texts if t.style == "booklet_body"]
                assert body and lines_of(body[-1]) >= 2, f"page {page_height}: numbers after one line of text"
    assert alone < 5, "the numbers start a page only when keeping them with their text costs a page"
