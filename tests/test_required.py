"""Safety in every language: strings routine.yaml marks `required_in_every_language` may not fall back to English.

`check` and `build` fail for a language that lacks one (missing, blank, or stale since its English changed),
naming the file, the key and the language; commands that repair translations still run.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import run


def _edit_text(content: Path, lang: str, edit) -> None:
    """Load text/<lang>.yaml, let `edit` change the data, write it back (comments are not needed here)."""
    path = content / "text" / f"{lang}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_shipped_routine_requires_the_safety_note() -> None:
    routine = yaml.safe_load((Path(__file__).parent.parent / "content" / "routine.yaml").read_text("utf-8"))
    assert "safety" in routine["required_in_every_language"]


def test_removing_the_thai_safety_note_fails_check_naming_the_field(content_copy: Path, tmp_path: Path) -> None:
    _edit_text(content_copy, "th", lambda d: d["safety"].pop("body"))
    code, out = run("check", "--content", str(content_copy))
    assert code == 1, out
    assert re.search(r"text/th\.yaml:\d+:\d+: safety\.body: \[th\] missing", out), out
    assert "required in every language" in out and "routine.yaml:" in out
    assert "[de]" not in out and "[ru]" not in out  # only the language that lacks it
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "o"), "--lang", "th")
    assert code == 1 and "safety.body" in out, out
    assert not (tmp_path / "o").exists()
    # other languages still build and check
    code, out = run("check", "--content", str(content_copy), "--lang", "de")
    assert code == 0, out


def test_an_ordinary_missing_string_still_falls_back(content_copy: Path) -> None:
    _edit_text(content_copy, "th", lambda d: d["purpose"].pop("body"))
    code, out = run("check", "--content", str(content_copy), "--lang", "th")
    assert code == 0, out


def test_blank_and_stale_required_strings_fail(content_copy: Path) -> None:
    _edit_text(content_copy, "ru", lambda d: d["safety"].update(heading="   "))
    _edit_text(content_copy, "en", lambda d: d["safety"].update(body=d["safety"]["body"] + "\nStop if in doubt.\n"))
    code, out = run("check", "--content", str(content_copy))
    assert code == 1, out
    assert re.search(r"text/ru\.yaml:\d+:\d+: safety\.heading: \[ru\] blank", out), out
    for lang in ("de", "es", "ru", "th"):  # every translation of the changed English body is now stale
        assert re.search(rf"text/{lang}\.yaml:\d+:\d+: safety\.body: \[{lang}\] stale", out), (lang, out)


def test_repair_commands_run_while_a_required_string_is_missing(content_copy: Path) -> None:
    _edit_text(content_copy, "th", lambda d: d["safety"].pop("body"))
    code, out = run("langs", "--content", str(content_copy))
    assert code == 0, out
    code, out = run("lang", "mark", "th", "safety.heading", "--content", str(content_copy))
    assert code == 0, out


def test_required_entry_must_name_a_string(content_copy: Path) -> None:
    path = content_copy / "routine.yaml"
    text = path.read_text(encoding="utf-8")
    assert "required_in_every_language: [safety, ui.general_guidance]" in text
    path.write_text(text.replace("[safety, ui.general_guidance]", "[safety, saftey.body]"), encoding="utf-8")
    code, out = run("check", "--content", str(content_copy))
    assert code == 1, out
    assert re.search(r"routine\.yaml:\d+:\d+: required_in_every_language\[1\]: 'saftey\.body' names no string", out)
