"""Text fit: boxes shrink their text down to the layout's minimum and no further; beyond that the build fails
naming card, language and overflow in mm; `check --fit` reports how full every box is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CONTENT, LANGS, run

from cardgen.layout.frames import Box
from cardgen.layout.text import fit
from cardgen.source.load import load_project
from cardgen.text.fonts import chain_for
from cardgen.text.styles import build_styles


@pytest.fixture(scope="module")
def styles():
    project = load_project(CONTENT)
    return build_styles(project.layout.spec, chain_for(project.layout.spec.fonts, project.layout.fonts_dir, "de"), "de")


def test_shrinking_stops_at_the_minimum(styles) -> None:
    style = styles["card_body"]
    minimum = styles.minimums["card_body"]
    assert (style.fontSize, minimum) == (9.5, 9.0)
    box = Box(0, 0, 300, 4 * style.leading)
    sizes = []
    for chars in range(40, 600, 3):
        placed = fit(("Schulterblatt " * 50)[:chars], style, "card_body", box, minimum)
        if placed is None:
            break
        assert placed.box.h <= box.h + 0.01
        sizes.append(placed.para.style.fontSize)
    else:
        pytest.fail("the text never became too long for the box")
    assert min(sizes) == minimum  # it did shrink all the way to the minimum ...
    assert all(size >= minimum for size in sizes)  # ... and never below
    assert max(sizes) == style.fontSize  # short text keeps the style's own size


def test_overlong_string_names_card_language_and_overflow(content_copy: Path, tmp_path: Path) -> None:
    path = content_copy / "text" / "de.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    instruction: Raffen Sie mit den Fingern"
    assert old in text
    path.write_text(text.replace(old, old.replace(": ", ": " + "Ganz langsam und sanft streichen. " * 12)), "utf-8")
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "o"), "--lang", "de")
    assert code == 1
    match = re.search(
        r"card 5 \(wave\) instruction \[de\]: text does not fit even at 9pt; it overflows by ([\d.]+) mm", out
    )
    assert match, out
    assert float(match.group(1)) > 5
    assert not (tmp_path / "o" / "de").exists()


def test_check_fit_reports_every_card_and_language() -> None:
    code, out = run("check", "--fit", "--content", str(CONTENT))
    assert code == 0, out
    rows = [line.split() for line in out.splitlines()[1:] if line and not line.startswith("ok:")]
    langs = {row[0] for row in rows}
    assert langs == set(LANGS)
    for lang in LANGS:
        cards = {row[1] for row in rows if row[0] == lang}
        assert {"preparation", "stroking", "wave", "rest"} <= cards and len(cards) >= 9
    fills = [int(row[3].rstrip("%")) for row in rows]
    assert all(0 < fill <= 100 for fill in fills)
    shrunk = [row for row in rows if "shrunk" in " ".join(row)]
    assert all(float(row[4].rstrip("pt")) >= 9 for row in shrunk if row[2] == "card_body")


def test_flowed_items_keep_every_field_when_moved() -> None:
    """A diagram flowed onto a continued card keeps its label style, crop bounds and labels switch."""
    from cardgen.layout.cards import _shifted
    from cardgen.layout.frames import Diagram

    item = Diagram(Box(1, 2, 30, 40), legend="x", label_style="big_label", bounds=(0, 0, 5, 5), labels=False)
    moved = _shifted(item, 10, -5)
    assert moved == Diagram(Box(11, -3, 30, 40), legend="x", label_style="big_label", bounds=(0, 0, 5, 5), labels=False)
