"""Print-ready output read back from the PDFs: page boxes, where each card is placed, crop marks, duplex
backs landing on their fronts, fold-over pairs, lamination guides and byte-identical builds.

Positions are read from the content streams with pikepdf (each card is a form XObject placed by `cm` + `Do`
inside a clip `re W n`; marks are `m l S` hairlines) and compared with geometry computed here from the layout
file and the paper sizes, not with the numbers the renderer used. The duplex check turns the back sheet over
in the test (a mirror about the sheet's centre line) and finds which back landed on which front by reading
the step numbers printed on them with pdfplumber.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from conftest import CONTENT, ROOT, run

from cardgen.impose import Rect, plan_sheet

MM = 72 / 25.4
LAYOUT = yaml.safe_load((ROOT / "layouts" / "default.yaml").read_text(encoding="utf-8"))
PRESETS = yaml.safe_load((ROOT / "layouts" / "presets.yaml").read_text(encoding="utf-8"))
STEPS = len(yaml.safe_load((CONTENT / "routine.yaml").read_text(encoding="utf-8"))["steps"])
LEADING = 4  # cards before the steps on a B7 deck: preparation, legend, the routine at a glance on two cards
A4 = (210 * MM, 297 * MM)
LETTER = (8.5 * 72, 11 * 72)
TOL = 0.1 * MM  # registration the issue asks of a perfect duplex turn


def length(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(mm|pt|in)", text).groups()
    return float(value) * {"mm": MM, "pt": 1.0, "in": 72.0}[unit]


def card_size(name: str) -> tuple[float, float]:
    w, h, unit = re.fullmatch(r"([\d.]+)x([\d.]+)(mm|in)", PRESETS["cards"][name]).groups()
    factor = MM if unit == "mm" else 72.0
    return float(w) * factor, float(h) * factor


BLEED = length(LAYOUT["card"]["bleed"])
MARGIN = length(LAYOUT["sheet"]["margin"])
MARK_LENGTH = length(LAYOUT["sheet"]["mark_length"])
MARK_OFFSET = length(LAYOUT["sheet"]["mark_offset"])


# --- reading placements and marks from a content stream ----------------------------------------------------


def multiply(m, n):
    """m then n, as PDF matrices [a b c d e f] (row vectors: p' = p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def apply(m, x, y):
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass
class Card:
    """A placed form: its name, its transform, its BBox mapped to the sheet, and the clip around it."""

    name: str
    matrix: tuple[float, ...]
    box: Rect
    clip: Rect

    @property
    def rotation(self) -> int:
        a, b = self.matrix[0], self.matrix[1]
        return round(math.degrees(math.atan2(b, a))) % 360

    def trim(self, bleed: float = BLEED) -> Rect:
        """The card's trim on the sheet: its form's box minus the bleed the form carries on every side."""
        return self.box.inset(bleed)


@dataclass
class Stroke:
    points: list[tuple[float, float]]
    color: tuple[float, ...]
    width: float
    cap: int
    dash: list[float]
    curved: bool


def read_page(pdf: pikepdf.Pdf, index: int) -> tuple[list[Card], list[Stroke]]:
    """Every form placed on the page (with its CTM and clip) and every stroked page-level path."""
    page = pdf.pages[index]
    xobjects = page.resources.get("/XObject", {})
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    state = {"color": (), "width": 1.0, "cap": 0, "dash": [], "clip": None}
    stack = []
    path: list[tuple[float, float]] = []
    curved = False
    pending_rect = None
    cards, strokes = [], []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        nums = [float(v) if isinstance(v, (int, float, Decimal)) else v for v in operands]
        if op == "q":
            stack.append((ctm, dict(state)))
        elif op == "Q":
            ctm, state = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(nums), ctm)
        elif op == "K":
            state["color"] = tuple(nums)
        elif op == "w":
            state["width"] = nums[0]
        elif op == "J":
            state["cap"] = int(nums[0])
        elif op == "d":
            state["dash"] = [float(v) for v in operands[0]]
        elif op == "re":
            x, y, w, h = nums
            pending_rect = Rect(x, y, w, h)
            path = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
        elif op in ("W", "W*"):
            state["clip"] = pending_rect
        elif op == "m":
            path, curved = [(nums[0], nums[1])], False
        elif op == "l":
            path.append((nums[0], nums[1]))
        elif op == "c":
            path.append((nums[4], nums[5]))
            curved = True
        elif op == "S" and path:
            strokes.append(Stroke(list(path), state["color"], state["width"], state["cap"], state["dash"], curved))
        elif op == "Do":
            bbox = [float(v) for v in xobjects[operands[0]].BBox]
            corners = [apply(ctm, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            box = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            cards.append(Card(str(operands[0]), ctm, box, state["clip"]))
        if op in ("S", "n", "f", "B"):
            path = []
    return cards, strokes


#: the two colours a crop mark may have: K only (cut by hand) or registration (cut lines for a guillotine)
MARK_K, REGISTRATION = (0, 0, 0, 1), (1, 1, 1, 1)


def crop_marks(strokes: list[Stroke]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Solid straight hairlines in a mark colour: the crop marks or cut lines."""
    marks = (MARK_K, REGISTRATION)
    return [(s.points[0], s.points[-1]) for s in strokes if s.color in marks and not s.dash and not s.curved]


def overlap_length(seg, r: Rect) -> float:
    """Length of segment `seg` inside the closed rectangle r (Liang-Barsky)."""
    (x1, y1), (x2, y2) = seg
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - r.x), (dx, r.right - x1), (-dy, y1 - r.y), (dy, r.top - y1)):
        if p == 0:
            if q < 0:
                return 0.0
        else:
            t = q / p
            t0, t1 = (max(t0, t), t1) if p < 0 else (t0, min(t1, t))
    return max(0.0, t1 - t0) * math.hypot(dx, dy)


def same(a: Rect, b: Rect, tol: float) -> bool:
    return all(abs(u - v) <= tol for u, v in ((a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)))


def flip(rect: Rect, paper: tuple[float, float], edge: str) -> Rect:
    """Where a rectangle printed on the back lands on the front once a portrait sheet is turned over: about
    its vertical centre line for a long-edge flip, about its horizontal one for a short-edge flip."""
    w, h = paper
    if edge == "long":
        return Rect(w - rect.right, rect.y, rect.w, rect.h)
    return Rect(rect.x, h - rect.top, rect.w, rect.h)


@functools.cache
def page_chars(path: Path) -> list[list[tuple[str, float, float, float]]]:
    """Every page's characters as (text, size, centre x, centre y in PDF coordinates), read once per file."""
    with pdfplumber.open(path) as pdf:
        return [
            [
                (ch["text"], ch["size"], (ch["x0"] + ch["x1"]) / 2, float(p.height) - (ch["top"] + ch["bottom"]) / 2)
                for ch in p.chars
            ]
            for p in pdf.pages
        ]


def words_by_card(path: Path, page: int, cards: list[Card], size_at_least: float = 0) -> dict[int, str]:
    """The text each placed card shows (chars whose centre lies inside its trim), by card position."""
    out: dict[int, list[str]] = {i: [] for i in range(len(cards))}
    trims = [card.trim() for card in cards]
    for text, size, cx, cy in page_chars(path)[page]:
        if size < size_at_least:
            continue
        for i, t in enumerate(trims):
            if t.x <= cx <= t.right and t.y <= cy <= t.top:
                out[i].append(text)
    return {i: "".join(v) for i, v in out.items()}


# --- builds (once per session) -----------------------------------------------------------------------------


def build(tmp_path_factory, name: str, *options: str) -> Path:
    out = tmp_path_factory.mktemp(name)
    code, text = run("build", "--content", str(CONTENT), "--out", str(out), "--lang", "en", *options)
    assert code == 0, text
    return out / "en"


@pytest.fixture(scope="session")
def poker_letter(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "poker", "--card", "poker", "--paper", "letter")


@pytest.fixture(scope="session")
def short_flip(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "short", "--duplex", "short", "--offset-x", "0", "--marks", "lines")


@pytest.fixture(scope="session")
def folded(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "fold", "--fold")


@pytest.fixture(scope="session")
def laminated(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "laminate", "--seal", "5", "--corner-radius", "4", "--duplex", "none")


@pytest.fixture
def default(built: Path) -> Path:
    return built / "en"


# --- deck.pdf boxes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "card"), [("default", "b7"), ("poker_letter", "poker")])
def test_deck_pages_have_trim_and_bleed_boxes_of_the_layout(request, fixture: str, card: str) -> None:
    folder = request.getfixturevalue(fixture)
    w, h = card_size(card)
    tol = 0.01 * MM
    with pikepdf.open(folder / "deck.pdf") as pdf:
        assert len(pdf.pages) >= STEPS + LEADING
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            bleed = [float(v) for v in page.BleedBox]
            trim = [float(v) for v in page.TrimBox]
            assert media == pytest.approx(bleed, abs=tol), "MediaBox = BleedBox"
            assert bleed == pytest.approx([0, 0, w + 2 * BLEED, h + 2 * BLEED], abs=tol), "BleedBox = card + bleed"
            assert trim == pytest.approx([BLEED, BLEED, BLEED + w, BLEED + h], abs=tol), "TrimBox = card"


# --- imposed positions ---------------------------------------------------------------------------------------


def test_default_a4_sheets_place_cards_where_the_layout_says(default: Path) -> None:
    w, h = card_size(LAYOUT["card"]["size"])
    expected = plan_sheet(*A4, w, h, BLEED, length(LAYOUT["sheet"]["gutter"]), MARGIN, MARK_LENGTH, MARK_OFFSET)
    assert (expected.cols, expected.rows) == (2, 2), "B7 with 3 mm bleed is 4-up on A4"
    with pikepdf.open(default / "deck-sheets.pdf") as pdf:
        cards_total = STEPS + LEADING
        assert len(pdf.pages) == 2 * math.ceil(cards_total / 4), "front and back sheet for every 4 cards"
        for index in range(0, len(pdf.pages), 2):
            page = pdf.pages[index]
            assert [float(v) for v in page.MediaBox] == pytest.approx([0, 0, *A4], abs=0.01)
            cards, _ = read_page(pdf, index)
            assert len(cards) == min(4, cards_total - index // 2 * 4)
            for card, slot in zip(cards, expected.slots, strict=False):
                assert card.rotation == 0
                assert same(card.trim(), slot.trim, 0.01 * MM), (card.trim(), slot.trim)
                assert same(card.clip, slot.trim.inset(-BLEED), 0.01 * MM), "clipped to its own bleed box"
    # centred on the paper
    block_x = (expected.slots[0].bleed.x + expected.slots[-1].bleed.right) / 2
    assert block_x == pytest.approx(A4[0] / 2)


def test_poker_on_letter_is_9_up_with_shared_cuts(poker_letter: Path) -> None:
    w, h = card_size("poker")
    with pikepdf.open(poker_letter / "deck-sheets.pdf") as pdf:
        assert [float(v) for v in pdf.pages[0].MediaBox] == pytest.approx([0, 0, *LETTER], abs=0.01)
        cards, strokes = read_page(pdf, 0)
        assert len(cards) == 9
        trims = [c.trim() for c in cards]
        assert all(
            c.rotation == 0 and same(t, Rect(t.x, t.y, w, h), 0.01 * MM) for c, t in zip(cards, trims, strict=True)
        )
        xs = sorted({round(t.x, 3) for t in trims})
        ys = sorted({round(t.y, 3) for t in trims})
        assert len(xs) == len(ys) == 3
        assert xs[1] - xs[0] == pytest.approx(w, abs=0.01) and ys[1] - ys[0] == pytest.approx(h, abs=0.01), "butted"
        block = Rect(min(t.x for t in trims), min(t.y for t in trims), 3 * w, 3 * h)
        assert block.x + block.w / 2 == pytest.approx(LETTER[0] / 2, abs=0.01), "centred across"
        assert block.y + block.h / 2 == pytest.approx(LETTER[1] / 2, abs=0.01), "centred down"
        for card, trim in zip(cards, trims, strict=True):
            # bleed only on the block's outer edges: the clip reaches the bleed there and stops at the trim inside
            left = BLEED if trim.x == pytest.approx(block.x, abs=0.01) else 0
            right = BLEED if trim.right == pytest.approx(block.right, abs=0.01) else 0
            low = BLEED if trim.y == pytest.approx(block.y, abs=0.01) else 0
            top = BLEED if trim.top == pytest.approx(block.top, abs=0.01) else 0
            assert same(card.clip, trim.grow(left, low, right, top), 0.01), (card.clip, trim)
        # every one of the 4 + 4 cut lines is marked beyond both ends of the block
        marks = crop_marks(strokes)
        for x in (block.x + i * w for i in range(4)):
            on = [m for m in marks if m[0][0] == pytest.approx(x, abs=0.01) and m[1][0] == pytest.approx(x, abs=0.01)]
            assert any(max(m[0][1], m[1][1]) < block.y for m in on) and any(
                min(m[0][1], m[1][1]) > block.top for m in on
            )
        for y in (block.y + i * h for i in range(4)):
            on = [m for m in marks if m[0][1] == pytest.approx(y, abs=0.01) and m[1][1] == pytest.approx(y, abs=0.01)]
            assert any(max(m[0][0], m[1][0]) < block.x for m in on) and any(
                min(m[0][0], m[1][0]) > block.right for m in on
            )


# --- crop marks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["default", "poker_letter", "short_flip", "folded", "laminated"])
def test_every_mark_is_a_hairline_outside_every_card(request, fixture: str) -> None:
    """Registration colour (every ink) only on cut lines for a guillotine (--marks lines); K otherwise."""
    folder = request.getfixturevalue(fixture)
    want = REGISTRATION if fixture == "short_flip" else MARK_K  # short_flip asks for --marks lines
    with pikepdf.open(folder / "deck-sheets.pdf") as pdf:
        paper = [float(v) for v in pdf.pages[0].MediaBox]
        printable = Rect(MARGIN, MARGIN, paper[2] - 2 * MARGIN, paper[3] - 2 * MARGIN)
        for index in range(len(pdf.pages)):
            cards, strokes = read_page(pdf, index)
            marks = crop_marks(strokes)
            assert marks, f"sheet {index + 1} has no crop marks"
            hairlines = [s for s in strokes if not s.curved]
            assert all(s.width == pytest.approx(0.25) and s.cap == 0 for s in hairlines), "0.25 pt, butt caps"
            solid = [s.color for s in hairlines if not s.dash and s.color != (0, 0, 0, 0.5)]
            assert set(solid) == {want}, f"sheet {index + 1}: marks in {set(solid)}, want {want}"
            assert all(s.color == MARK_K for s in hairlines if s.dash), "fold marks in K: folded by hand"
            for seg in marks:
                assert all(printable.x - 0.01 <= x <= printable.right + 0.01 for x, _ in seg)
                assert all(printable.y - 0.01 <= y <= printable.top + 0.01 for _, y in seg)
                for card in cards:
                    for box in (card.clip, card.box):
                        # a mark may start on a bleed box's edge (butt caps: no ink beyond the end point),
                        # never run into it; 1e-3 pt allows for the 4 decimals a PDF stores
                        assert overlap_length(seg, box) <= 1e-3, f"sheet {index + 1}: {seg} runs into {box}"


# --- duplex ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "edge", "paper"), [("default", "long", A4), ("short_flip", "short", A4)])
def test_each_back_lands_on_its_front_after_the_flip(request, fixture: str, edge: str, paper) -> None:
    folder = request.getfixturevalue(fixture)
    path = folder / "deck-sheets.pdf"
    checked = 0
    with pikepdf.open(path) as pdf:
        for index in range(0, len(pdf.pages), 2):
            fronts, _ = read_page(pdf, index)
            backs, _ = read_page(pdf, index + 1)
            assert len(backs) == len(fronts)
            front_text = words_by_card(path, index, fronts)
            back_numbers = words_by_card(path, index + 1, backs, size_at_least=20)
            for i, front in enumerate(fronts):
                number = re.search(r"Step(\d+)of", front_text[i].replace(" ", ""))
                # the back that lands on this front, found by turning the back sheet over
                landed = [j for j, b in enumerate(backs) if same(flip(b.trim(), paper, edge), front.trim(), TOL)]
                assert len(landed) == 1, f"sheet {index + 1}: no back lands on card {i}"
                back = backs[landed[0]]
                assert back.rotation == (0 if edge == "long" else 180)
                if number:
                    assert back_numbers[landed[0]] == number.group(1), "the back of step n says n"
                    checked += 1
    assert checked == STEPS


def test_printer_offset_moves_every_back(tmp_path: Path, default: Path) -> None:
    code, out = run(
        "build",
        "--content",
        str(CONTENT),
        "--out",
        str(tmp_path),
        "--lang",
        "en",
        "--offset-x",
        "1.5",
        "--offset-y",
        "-0.8",
    )
    assert code == 0, out
    with pikepdf.open(default / "deck-sheets.pdf") as plain, pikepdf.open(tmp_path / "en" / "deck-sheets.pdf") as moved:
        for index in range(1, len(plain.pages), 2):
            before, after = read_page(plain, index)[0], read_page(moved, index)[0]
            for a, b in zip(before, after, strict=True):
                assert (b.trim().x - a.trim().x, b.trim().y - a.trim().y) == pytest.approx(
                    (1.5 * MM, -0.8 * MM), abs=0.01
                )
        fronts_same = [read_page(plain, i)[0] for i in range(0, len(plain.pages), 2)]
        fronts_moved = [read_page(moved, i)[0] for i in range(0, len(moved.pages), 2)]
        assert [[c.trim() for c in s] for s in fronts_same] == [[c.trim() for c in s] for s in fronts_moved]


def test_duplex_none_prints_fronts_only(laminated: Path) -> None:
    with pikepdf.open(laminated / "deck-sheets.pdf") as pdf:
        names = {c.name for i in range(len(pdf.pages)) for c in read_page(pdf, i)[0]}
        assert len(names) == STEPS + LEADING, "every card once, no backs"


# --- fold-over -------------------------------------------------------------------------------------------------


def test_fold_over_pairs_share_the_fold_and_fold_marks_continue_it(folded: Path) -> None:
    w, h = card_size("b7")
    path = folded / "deck-sheets.pdf"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == math.ceil((STEPS + LEADING) / 2), "B7 fold-over pairs go 2 to an A4 sheet"
        cards, strokes = read_page(pdf, 0)
        assert len(cards) == 4
        folds = [s for s in strokes if s.dash and not s.curved]
        assert folds, "fold marks are dashed"
        for front, back in zip(cards[::2], cards[1::2], strict=True):
            f, b = front.trim(), back.trim()
            assert (f.w, f.h) == pytest.approx((w, h), abs=0.01)
            assert b.x == pytest.approx(f.right, abs=0.01) and b.y == pytest.approx(f.y, abs=0.01), "side by side"
            assert front.rotation == back.rotation == 0, "vertical fold: back upright, not mirrored"
            # the bleeds meet at the fold: no bleed across it, full bleed on the three cut sides
            assert same(front.clip, f.grow(BLEED, BLEED, 0, BLEED), 0.01)
            assert same(back.clip, b.grow(0, BLEED, BLEED, BLEED), 0.01)
            on_fold = [s for s in folds if all(x == pytest.approx(f.right, abs=0.01) for x, _ in s.points)]
            assert any(max(y for _, y in s.points) <= f.y - BLEED for s in on_fold), "fold mark below"
            assert any(min(y for _, y in s.points) >= f.top + BLEED for s in on_fold), "fold mark above"
        for fold in folds:
            for card in cards:
                pieces = zip(fold.points, fold.points[1:], strict=False)
                assert all(overlap_length(piece, card.clip) <= 1e-3 for piece in pieces), "fold marks off the cards"
        steps = 0
        for index in range(len(pdf.pages)):
            cards, _ = read_page(pdf, index)
            fronts = words_by_card(path, index, cards)
            numbers = words_by_card(path, index, cards, size_at_least=20)
            for i in range(0, len(cards), 2):
                step = re.search(r"Step(\d+)of", fronts[i].replace(" ", ""))
                if step:
                    assert numbers[i + 1] == step.group(1), "each front folds onto its own back"
                    steps += 1
        assert steps == STEPS


# --- lamination ---------------------------------------------------------------------------------------------------


def test_seal_spaces_cards_and_draws_rounded_guides(laminated: Path) -> None:
    seal, radius = 5 * MM, 4 * MM
    with pikepdf.open(laminated / "deck-sheets.pdf") as pdf:
        cards, strokes = read_page(pdf, 0)
        trims = [c.trim() for c in cards]
        for a in trims:
            for b in trims:
                if a is not b:
                    gap = max(b.x - a.right, a.x - b.right, b.y - a.top, a.y - b.top)
                    assert gap >= 2 * seal - 0.01, "each card keeps a sealed border of 5 mm"
        guides = [s for s in strokes if s.curved]
        assert len(guides) == len(cards)
        for guide, trim in zip(guides, trims, strict=True):
            xs, ys = [p[0] for p in guide.points], [p[1] for p in guide.points]
            outline = trim.inset(-seal)
            assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx(
                (outline.x, outline.y, outline.right, outline.top), abs=0.01
            )
            corner_start = [p for p in guide.points if p[1] == pytest.approx(outline.y, abs=0.01)]
            assert min(x for x, _ in corner_start) == pytest.approx(outline.x + radius, abs=0.01), "rounded by 4 mm"


# --- determinism -------------------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(default: Path, tmp_path: Path) -> None:
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en")
    assert code == 0, out
    for name in ("deck.pdf", "deck-sheets.pdf", "booklet.pdf"):
        assert (tmp_path / "en" / name).read_bytes() == (default / name).read_bytes(), name


def test_source_date_epoch_sets_the_dates_and_nothing_else_does(default: Path, tmp_path: Path, monkeypatch) -> None:
    with pikepdf.open(default / "deck.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20000101000000"), "fixed without SOURCE_DATE_EPOCH"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    code, out = run("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en")
    assert code == 0, out
    with pikepdf.open(tmp_path / "en" / "deck.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114221320")
        assert str(pdf.docinfo["/ModDate"]).startswith("D:20231114221320")
