"""`cardgen lang add CODE`: a translation skeleton a translator fills in; `langs` shows it at 0 %."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import run


def test_lang_add_then_langs_shows_zero_percent(content_copy: Path, tmp_path: Path) -> None:
    code, out = run("lang", "add", "pt", "--content", str(content_copy))
    assert code == 0, out
    target = content_copy / "text" / "pt.yaml"
    english = yaml.safe_load((content_copy / "text" / "en.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == english
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    code, out = run("langs", "--content", str(content_copy))
    assert code == 0, out
    row = next(line for line in out.splitlines() if re.match(r"^\s*pt\b", line))
    assert re.search(r"\b0(\.0)? ?%", row), row
    # the safety text is required in every language: an untouched English copy of it does not build
    code, out = run("build", "--content", str(content_copy), "--lang", "pt", "--out", str(tmp_path))
    assert code == 1, out
    assert "safety.body: [pt] still the en text, word for word (an untouched copy); translate it" in out
    assert not (tmp_path / "pt").exists()


def test_lang_add_refuses_existing_bad_and_rtl_codes(content_copy: Path) -> None:
    for lang, message in (("de", "already exists"), ("Deutsch", "is not a language code"), ("ar", "right to left")):
        code, out = run("lang", "add", lang, "--content", str(content_copy))
        assert code == 1 and message in out, (lang, out)
    assert not (content_copy / "text" / "ar.yaml").exists()
