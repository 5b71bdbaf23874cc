"""The no-op build answered before click is imported (cardgen/commands/noop.py): it must say "nothing to do"
exactly when the build command would, and otherwise hand over to it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, run
from test_manifest import build as _build

from cardgen.commands.noop import DEFAULTS, nothing_to_build, parse
from cardgen.output import manifest


def test_defaults_are_the_build_commands_own() -> None:
    """Every option the fast path does not take is at the default click gives the command."""
    from cardgen.commands.build import build

    ctx = build.make_context("build", ["--content", str(CONTENT), "--out", "somewhere"])
    taken = {"content", "layouts", "langs", "out", "force"}
    assert {k: v for k, v in ctx.params.items() if k not in taken} == DEFAULTS


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build"], (False, {"langs": []})),
        (["-q", "build", "--lang", "en", "--lang=de"], (True, {"langs": ["en", "de"]})),
        (["--debug", "build", "--content=c", "--out", "o"], (False, {"langs": [], "content": "c", "out": "o"})),
        (["build", "--out", "a", "--out", "b"], (False, {"langs": [], "out": "b"})),  # click keeps the last
        (["build", "--client", "Ada"], None),
        (["build", "--force"], None),
        (["build", "--help"], None),
        (["-v", "build"], None),
        (["check"], None),
        (["build", "--out"], None),
        (["build", "--out", "--lang"], None),
        (["build", "--lang="], None),
        (["build", "-"], None),
        ([], None),
    ],
)
def test_parse_takes_only_plain_build_lines(argv: list[str], expected: object) -> None:
    assert parse(argv) == expected


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("noop")
    content, out = root / "content", root / "out"
    shutil.copytree(CONTENT, content)
    _build(content, out, "--lang", "en")
    return content, out


def test_says_what_the_build_command_says(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    content, out = built
    slow = _build(content, out, "--lang", "en")
    assert nothing_to_build(["build", "--content", str(content), "--out", str(out), "--lang", "en"])
    assert capsys.readouterr().out == slow
    assert slow.count("unchanged ") == 4
    assert nothing_to_build(["-q", "build", "--content", str(content), "--out", str(out), "--lang", "en"])
    assert capsys.readouterr().out == ""


def test_hands_over_whenever_anything_differs(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = built
    argv = ["build", "--content", str(content), "--out", str(out), "--lang", "en"]
    _build(content, out, "--lang", "en")
    assert nothing_to_build(argv)
    assert not nothing_to_build([*argv, "--client", "Ada"])  # another option: click's
    assert not nothing_to_build([*argv, "--lang", "de"])  # a language never built here
    assert not nothing_to_build(["build", "--content", str(content / "missing"), "--out", str(out)])
    with monkeypatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert not nothing_to_build(argv)
    with monkeypatch.context() as m:
        m.setattr(manifest, "_CODE", ["cardgen itself changed"])
        assert not nothing_to_build(argv)
    english = content / "text" / "en.yaml"
    original = english.read_text(encoding="utf-8")
    english.write_text(original + "\n# a comment is a change of bytes\n", encoding="utf-8")
    assert not nothing_to_build(argv)
    english.write_text(original, encoding="utf-8")  # back as it was: the recorded hash matches again
    assert nothing_to_build(argv)
    (out / "en" / "deck.pdf").unlink()
    assert not nothing_to_build(argv)
    _build(content, out, "--lang", "en")
    assert nothing_to_build(argv)
    capsys.readouterr()


def test_project_folders_come_from_cardgen_toml(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = built
    (tmp_path / "cardgen.toml").write_text(f'content = "{content}"\nout = "{out}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, slow = run("build", "--lang", "en")
    assert code == 0, slow
    assert nothing_to_build(["build", "--lang", "en"])
    assert capsys.readouterr().out == slow
    (tmp_path / "cardgen.toml").write_text(f'content = "{content}"\nout = "{tmp_path / "other"}"\n', encoding="utf-8")
    assert not nothing_to_build(["build", "--lang", "en"])  # another output folder: nothing recorded there
    (tmp_path / "cardgen.toml").write_text('contnet = "content"\n', encoding="utf-8")
    assert not nothing_to_build(["build", "--lang", "en"])  # click reports the project file's error
    code, text = run("build", "--lang", "en")
    assert code == 1 and "contnet" in text


def test_no_op_imports_neither_click_nor_the_renderer(built: tuple[Path, Path]) -> None:
    content, out = built
    script = (
        "import sys\n"
        f"sys.argv = ['cardgen', 'build', '--content', {str(content)!r}, '--out', {str(out)!r}, '--lang', 'en']\n"
        "from cardgen.__main__ import main\n"
        "main()\n"
        "heavy = {'click', 'reportlab', 'pydantic', 'yaml', 'jinja2'}\n"
        "print('heavy:', sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("unchanged ") == 4
    assert "heavy: []" in result.stdout
