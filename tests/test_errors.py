"""Content and layout errors: every problem at once, each with file:line:col: field: message; exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import run


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(content: Path) -> tuple[int, str]:
    return run("check", "--content", str(content))


def test_unknown_key_lists_accepted_keys(content_copy: Path) -> None:
    replace(
        content_copy / "routine.yaml",
        "    hands: palms\n    direction: up_and_down\n",
        "    hands: palms\n    directoin: up_and_down\n",
    )
    code, out = check(content_copy)
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.endswith(
            "routine.yaml:10:5: steps[0].directoin: unknown key 'directoin'; "
            "accepted keys: diagram, direction, hands, id, minutes, repeat, seconds, view"
        )
        for line in lines
    ), out
    # direction is optional (a step may have none), so the misspelt key is the only problem
    assert "cardgen: 1 problem found" in out
    assert "Traceback" not in out


def test_yaml_syntax_error_names_file_and_line(content_copy: Path) -> None:
    replace(content_copy / "text" / "en.yaml", "  title: Relaxing back massage\n", "  title: [Relaxing\n")
    code, out = check(content_copy)
    assert code == 1
    assert (
        "text/en.yaml:6:11: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 5)" in out
    )
    assert "Traceback" not in out


def test_unknown_landmark_and_kind_list_allowed_names(content_copy: Path) -> None:
    replace(
        content_copy / "routine.yaml",
        "{kind: glide, path: [waist, spine_top]",
        "{kind: glide, path: [wasit, spine_top]",
    )
    replace(
        content_copy / "routine.yaml",
        "{kind: wave, path: [spine_low, spine_top], side: left",
        "{kind: wiggle, path: [spine_low, spine_top], side: left",
    )
    code, out = check(content_copy)
    assert code == 1
    assert (
        "routine.yaml:13:30: steps[0].diagram[0].path[0]: view back has no landmark 'wasit'; its landmarks: neck, "
        in out
    )
    assert "waist (left/right)" in out
    assert "steps[4].diagram[0].kind: expected one of 'glide', 'circle'" in out
    assert "cardgen: 2 problems found; nothing was written." in out


def test_duplicate_step_id(content_copy: Path) -> None:
    replace(content_copy / "routine.yaml", "  - id: finishing", "  - id: stroking")
    code, out = check(content_copy)
    assert code == 1
    assert "routine.yaml:56:9: steps[6].id: duplicate step id 'stroking'; each step needs its own id" in out


def test_wrong_type(content_copy: Path) -> None:
    replace(content_copy / "routine.yaml", "    minutes: 15\n", "    minutes: a while\n")
    code, out = check(content_copy)
    assert code == 1
    assert (
        "routine.yaml:68:14: steps[7].minutes: expected a number of minutes in halves, more than 0 and at most 180, "
        "such as 3, 1.5 or 0.5; got 'a while'"
    ) in out


def test_step_without_text_is_reported_at_its_line(content_copy: Path) -> None:
    replace(content_copy / "routine.yaml", "  - id: wave\n", "  - id: waves\n")
    code, out = check(content_copy)
    assert code == 1
    assert "routine.yaml:40:9: steps[4].id: step 'waves' has no text in" in out


def test_layout_error_names_key(tmp_path: Path, content_copy: Path) -> None:
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "default.yaml").write_text("extends: default\ncard:\n  bleed: 3 furlongs\n", encoding="utf-8")
    code, out = run("check", "--content", str(content_copy), "--layouts", str(layouts))
    assert code == 1
    assert "default.yaml:3:10: card.bleed: expected a length such as 3mm, 10pt or 0.5in; got '3 furlongs'" in out
    (layouts / "default.yaml").write_text("extends: nonesuch\n", encoding="utf-8")
    code, out = run("check", "--content", str(content_copy), "--layouts", str(layouts))
    assert code == 1
    assert "default.yaml:1:10: extends: no layout named 'nonesuch'" in out


def test_no_traceback_from_the_console_script(content_copy: Path) -> None:
    replace(content_copy / "routine.yaml", "steps:\n", "steps:\n  oops: [\n")
    proc = subprocess.run(
        [sys.executable, "-m", "cardgen", "check", "--content", str(content_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "routine.yaml:" in proc.stderr and "YAML syntax error" in proc.stderr


def test_usage_error_exits_2() -> None:
    code, _ = run("build", "--no-such-option")
    assert code == 2
