"""Translations: missing strings fall back to English with an EN tag and a report; stale strings are detected."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import yaml
from conftest import CONTENT, run

from cardgen.text.i18n import flatten, source_hash

EN = yaml.safe_load((CONTENT / "text" / "en.yaml").read_text(encoding="utf-8"))


def drop_step(path: Path, step: str) -> None:
    """Remove one step's block (title and instruction) from a translation file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == f"  {step}:\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def edit_english(content: Path, old: str, new: str) -> None:
    path = content / "text" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_translations_are_complete_and_current() -> None:
    code, out = run("langs", "--content", str(CONTENT))
    assert code == 0, out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:]}
    assert set(rows) == {"en", "de", "es", "ru", "th"}
    total = len(flatten(EN))
    for lang, (translated, stale, missing, percent) in rows.items():
        assert (int(translated), int(stale), int(missing), percent) == (total, 0, 0, "100.0%"), lang
    code, out = run("check", "--strict", "--content", str(CONTENT))
    assert code == 0, out


def test_lock_files_hold_the_english_hashes() -> None:
    lock = yaml.safe_load((CONTENT / "text" / "ru.lock.yaml").read_text(encoding="utf-8"))
    assert lock["hashes"]["steps.wave.title"] == source_hash(EN["steps"]["wave"]["title"])


def test_missing_string_falls_back_with_en_tag_and_report(content_copy: Path, tmp_path: Path) -> None:
    drop_step(content_copy / "text" / "de.yaml", "wave")
    out_dir = tmp_path / "out"
    code, out = run("build", "--content", str(content_copy), "--out", str(out_dir), "--lang", "de")
    assert code == 0, out
    assert "de: 2 missing (printed in English, tagged EN), 0 stale" in out
    assert re.search(r"text/de\.yaml:\d+:\d+: steps\.wave\.title: missing translation \(English source: ", out), out
    assert re.search(r"text/de\.yaml:\d+:\d+: steps\.wave\.instruction: missing translation", out), out
    with pdfplumber.open(out_dir / "de" / "deck.pdf") as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    wave = next(p for p in pages if "Schritt 5 von 8" in p)
    other = next(p for p in pages if "Schritt 4 von 8" in p)
    squashed = "".join(wave.split())
    assert "".join(EN["steps"]["wave"]["title"].split()) + "EN" in squashed
    assert "".join(EN["steps"]["wave"]["instruction"].split()) + "EN" in squashed
    assert "EN" not in other  # only fallbacks are tagged


def test_strict_makes_missing_an_error(content_copy: Path, tmp_path: Path) -> None:
    drop_step(content_copy / "text" / "de.yaml", "wave")
    code, out = run("build", "--strict", "--content", str(content_copy), "--out", str(tmp_path / "o"), "--lang", "de")
    assert code == 1
    assert re.search(r"text/de\.yaml:\d+:\d+: steps\.wave\.title: missing translation", out), out
    assert "nothing was written" in out
    assert not (tmp_path / "o" / "de").exists()


def test_stale_string_detected_then_marked(content_copy: Path) -> None:
    edit_english(content_copy, "title: Circular rubbing", "title: Circular rubbing of the back")
    code, out = run("langs", "--content", str(content_copy))
    assert code == 0
    for line in out.splitlines()[2:]:
        assert line.split()[2] == "1", out  # each translation has one stale string
    code, out = run("check", "--strict", "--content", str(content_copy), "--lang", "ru")
    assert code == 1
    ru_lines = (content_copy / "text" / "ru.yaml").read_text(encoding="utf-8").splitlines()
    line = ru_lines.index("    title: Круговое растирание") + 1
    assert f"text/ru.yaml:{line}:5: steps.circular_rubbing.title: stale: the English at " in out, out
    assert "cardgen lang mark ru steps.circular_rubbing.title" in out
    # without --strict the stale string is reported and the check passes
    code, out = run("check", "--content", str(content_copy), "--lang", "ru")
    assert code == 0 and "ru: 0 missing (printed in English, tagged EN), 1 stale" in out
    code, out = run("lang", "mark", "ru", "steps.circular_rubbing.title", "--content", str(content_copy))
    assert code == 0 and "marked 1 string of ru" in out
    code, out = run("check", "--strict", "--content", str(content_copy), "--lang", "ru")
    assert code == 0, out


def test_unmarked_translation_counts_as_stale(content_copy: Path) -> None:
    """Unmarked strings are stale; the unmarked ones still word for word the English print tagged EN."""
    (content_copy / "text" / "es.lock.yaml").unlink()
    code, out = run("check", "--content", str(content_copy), "--lang", "es")
    assert code == 0
    es = flatten(yaml.safe_load((content_copy / "text" / "es.yaml").read_text(encoding="utf-8")))
    copies = sum(es.get(key) == value for key, value in flatten(EN).items())
    assert copies > 0  # es keeps "ylang-ylang" and a few others as they are
    assert f"es: {copies} missing (printed in English, tagged EN), {len(flatten(EN)) - copies} stale" in out
    assert "no record of the English this was translated from" in out
    assert "not translated yet: still the English of" in out


def test_mark_refuses_unknown_key(content_copy: Path) -> None:
    code, out = run("lang", "mark", "ru", "steps.nope.title", "--content", str(content_copy))
    assert code == 1 and "steps.nope.title: no such key in the English text" in out
