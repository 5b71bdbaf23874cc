"""`cardgen calibrate`: the sheet's geometry, and that what a user reads off it is the offset that makes backs
land on their fronts. The printer is simulated: its error moves everything printed on the back page."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import CONTENT, run

from cardgen.impose import MM, Rect, back_rect, land_after_flip, plan_sheet, registration_error
from cardgen.layout.calibration import calibration_back, calibration_front, targets
from cardgen.layout.frames import Rule, Text
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.styles import build_styles

A4 = (210 * MM, 297 * MM)
LETTER = (612.0, 792.0)


@pytest.fixture(scope="module")
def styles():
    project = load_project(CONTENT)
    spec = project.layout.spec
    return build_styles(spec, chain_for(spec.fonts, project.layout.fonts_dir, "en"), "en")


def read_ruler(back, line_at: float, near: tuple[float, float], axis: int) -> float:
    """The number printed nearest where a line of the front (at coordinate `line_at` along `axis`, in
    back-page coordinates after the printer's error) crosses the ruler next to target `near`."""
    ticks = [
        r
        for r in back.items
        if isinstance(r, Rule)
        and ((r.x1 == r.x2) if axis == 0 else (r.y1 == r.y2))
        and abs((r.x1 if axis == 0 else r.y1) - near[axis]) <= 6 * MM
        and abs((r.y1 if axis == 0 else r.x1) - near[1 - axis]) <= 12 * MM
    ]
    assert len(ticks) == 21, "a tick every 0.5 mm from -5 to +5"
    crossed = min(ticks, key=lambda r: abs((r.x1 if axis == 0 else r.y1) - line_at))
    at = crossed.x1 if axis == 0 else crossed.y1
    labels = [
        t
        for t in back.items
        if isinstance(t, Text)
        and t.style == "card_meta"
        and abs((t.box.x + t.box.w / 2 if axis == 0 else t.box.y + t.box.h / 2) - at) < 1.2 * MM
        and abs((t.box.y if axis == 0 else t.box.x) - (near[1] if axis == 0 else near[0])) < 14 * MM
    ]
    assert len(labels) == 1, f"the crossing at {at} falls on a numbered tick"
    return float(labels[0].text.replace("\u2212", "-"))


@pytest.mark.parametrize("flip", ["long", "short"])
@pytest.mark.parametrize("printed_with", [(0.0, 0.0), (2.0, -2.0)])  # readings land on numbered ticks
@pytest.mark.parametrize("error_mm", [(-2.0, 4.0), (2.0, 0.0)])
def test_reading_plus_printed_offset_makes_backs_land(styles, flip, printed_with, error_mm) -> None:
    paper = A4
    dx, dy = error_mm[0] * MM, error_mm[1] * MM  # the printer puts back-page content this far off
    offset = (printed_with[0] * MM, printed_with[1] * MM)
    back = calibration_back(*paper, 3 * MM, styles, flip, offset, "back", [])
    reading = []
    for tx, ty in targets(*paper, 3 * MM):
        line = land_after_flip(Rect(tx, ty, 0, 0), *paper, flip)  # the front's lines, seen from the back
        # the printed ruler moved by the printer's error, so the front's line sits at line - error on it
        x_read = read_ruler(back, line.x - dx, (line.x + offset[0], line.y + offset[1]), axis=0)
        y_read = read_ruler(back, line.y - dy, (line.x + offset[0], line.y + offset[1]), axis=1)
        reading.append((x_read, y_read))
    assert len(set(reading)) == 1, "a pure shift reads the same at all five targets"
    new = (reading[0][0] + printed_with[0], reading[0][1] + printed_with[1])
    # with that offset, a card's back printed by the same printer lands on its front
    plan = plan_sheet(*paper, 88 * MM, 125 * MM, 3 * MM, 0.0, 3 * MM, 5 * MM, 3 * MM)
    for index, slot in enumerate(plan.slots):
        where = back_rect(plan, index, flip, new[0] * MM, new[1] * MM)
        printed = where.trim.translate(dx, dy)
        err = registration_error(slot.trim, printed, *paper, flip)
        assert err == pytest.approx((0.0, 0.0), abs=0.1 * MM)


def test_front_has_five_crosshairs_and_a_100_mm_ruler(styles) -> None:
    front = calibration_front(*LETTER, 3 * MM, styles, "front", ["line"])
    rules = [r for r in front.items if isinstance(r, Rule)]
    for tx, ty in targets(*LETTER, 3 * MM):
        assert any(r.x1 == r.x2 == tx and r.y1 < ty < r.y2 for r in rules)
        assert any(r.y1 == r.y2 == ty and r.x1 < tx < r.x2 for r in rules)
    hundred = [r for r in rules if r.y1 == r.y2 and r.x2 - r.x1 == pytest.approx(100 * MM)]
    assert len(hundred) == 1
    page = Rect(3 * MM, 3 * MM, LETTER[0] - 6 * MM, LETTER[1] - 6 * MM)
    for item in front.items:
        if isinstance(item, Rule):
            boxes = [Rect(item.x1, item.y1, 0, 0), Rect(item.x2, item.y2, 0, 0)]
        else:
            boxes = [Rect(item.box.x, item.box.y, item.box.w, item.box.h)]
        assert all(page.contains(b) for b in boxes), f"{item} outside the printable area"


def test_calibrate_command_writes_two_letter_pages(tmp_path: Path) -> None:
    out = tmp_path / "cal.pdf"
    code, text = run("calibrate", "--paper", "letter", "--duplex", "short", "--offset-x", "1.2", "--out", str(out))
    assert code == 0, text
    assert f"wrote {out}" in text
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert [float(v) for v in page.MediaBox] == pytest.approx([0, 0, *LETTER], abs=0.01)


def test_calibrate_refuses_no_duplex(tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "default.yaml").write_text("extends: default\nsheet: {duplex: none}\n", encoding="utf-8")
    code, text = run("calibrate", "--layouts", str(layouts), "--out", str(tmp_path / "cal.pdf"))
    assert code == 1
    assert "duplex" in text and not (tmp_path / "cal.pdf").exists()
