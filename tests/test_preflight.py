"""Before layout: every character needs a glyph in its language's font chain; right-to-left text is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, run

FIXTURES = ROOT / "tests" / "fixtures"


def replace(path: Path, old: str, new: str) -> int:
    """Replace once; return the 1-based line where the new text starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_missing_glyph_names_language_file_line_key_and_code_point(content_copy: Path, tmp_path: Path) -> None:
    line = replace(content_copy / "text" / "de.yaml", "    title: Die Welle", "    title: Die Welle ☃")
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "o"), "--lang", "de")
    assert code == 1
    assert (
        f"text/de.yaml:{line}:12: steps.wave.title: [de] character '☃' (U+2603 SNOWMAN) has no glyph in the "
        "font chain (sans)"
    ) in out, out
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_thai_letters_in_a_latin_language_are_caught(content_copy: Path) -> None:
    replace(content_copy / "text" / "ru.yaml", "  title: ", "  title: นวด ")
    code, out = run("check", "--content", str(content_copy), "--lang", "ru", "--lang", "th")
    assert code == 1
    assert "meta.title: [ru] character 'น' (U+0E19 THAI CHARACTER NO NU) has no glyph" in out
    assert "[th]" not in out  # Thai's own chain draws Thai


def test_client_name_is_checked_too(tmp_path: Path) -> None:
    code, out = run("build", "--lang", "en", "--out", str(tmp_path), "--client", "Zoë ☃")
    assert code == 1
    assert "--client: client: [en] character '☃' (U+2603 SNOWMAN) has no glyph" in out


def test_rtl_fixture_is_refused_with_a_clear_message(content_copy: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "ar.yaml", content_copy / "text" / "ar.yaml")
    code, out = run("check", "--content", str(content_copy))
    assert code == 1
    assert "text/ar.yaml: [ar] right-to-left language 'ar' is not supported" in out
    assert (
        "text/ar.yaml:4:10: meta.title: [ar] right-to-left text 'ت' (U+062A ARABIC LETTER TEH) is not supported"
    ) in out
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "o"))
    assert code == 1 and "nothing was written" in out
    assert not (tmp_path / "o" / "en").exists()


def test_hebrew_inside_a_left_to_right_language_is_refused(content_copy: Path) -> None:
    replace(content_copy / "text" / "es.yaml", "  title: ", "  title: שלום ")
    code, out = run("check", "--content", str(content_copy), "--lang", "es")
    assert code == 1
    assert "meta.title: [es] right-to-left text 'ש' (U+05E9 HEBREW LETTER SHIN)" in out
