"""A project is found like mkdocs finds mkdocs.yml: cardgen.toml at or above the current folder names the
content, layouts and output folders every command uses; flags still win; outside a project, one line says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import CONTENT, ROOT, run

from cardgen.cli import main
from cardgen.source.builtin import builtin_layouts, data_dir, example_content

POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`cardgen init demo` in an empty folder, the current folder then being the new project."""
    monkeypatch.chdir(tmp_path)
    code, out = run("init", "demo")
    assert code == 0, out
    assert "next: cd demo && cardgen build" in out
    monkeypatch.chdir(tmp_path / "demo")
    return tmp_path / "demo"


def _card_size_mm(deck: Path) -> tuple[int, int]:
    with pikepdf.open(deck) as pdf:
        box = [float(v) for v in pdf.pages[0].TrimBox]
    return round((box[2] - box[0]) / POINTS_PER_MM), round((box[3] - box[1]) / POINTS_PER_MM)


def test_build_in_a_project_uses_its_layouts_and_writes_inside_it(demo: Path) -> None:
    code, out = run("build")
    assert code == 0, out
    assert "wrote build/en/deck.pdf" in out
    before = _card_size_mm(demo / "build" / "en" / "deck.pdf")
    layout = demo / "layouts" / "default.yaml"
    layout.write_text(layout.read_text(encoding="utf-8") + "card:\n  size: poker\n", encoding="utf-8")
    code, out = run("build")
    assert code == 0, out
    assert "wrote build/en/deck.pdf" in out  # rebuilt: the layout is one of the project's inputs
    assert _card_size_mm(demo / "build" / "en" / "deck.pdf") == (63, 88) != before


def test_a_subfolder_finds_the_project_above(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo / "content" / "text")
    code, out = run("check")
    assert code == 0, out
    assert out.strip().endswith("ok: en")
    code, out = run("build")
    assert code == 0, out
    assert "wrote ../../build/en/booklet.pdf" in out
    assert (demo / "build" / "en" / "booklet.pdf").is_file()
    assert not (demo / "content" / "text" / "build").exists()


def test_lang_add_and_langs_use_the_project(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo / "layouts")
    code, out = run("lang", "add", "fr")
    assert code == 0, out
    assert (demo / "content" / "text" / "fr.yaml").is_file()
    code, out = run("langs")
    assert code == 0, out
    assert [line.split()[0] for line in out.splitlines()] == ["language", "en", "fr"]


def test_flags_still_win(demo: Path, tmp_path: Path) -> None:
    code, out = run("build", "--out", str(tmp_path / "elsewhere"), "--content", str(CONTENT), "--lang", "de")
    assert code == 0, out
    assert (tmp_path / "elsewhere" / "de" / "deck.pdf").is_file()
    assert not (demo / "build").exists()


def test_outside_a_project_one_line_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["build"], ["check"], ["langs"], ["preview"], ["lang", "add", "fr"]):
        code, out = run(*command)
        assert code == 2, (command, out)
        assert out.count("\n") == 1, out
        assert "not in a cardgen project" in out and "cardgen init DIR" in out
    assert list(tmp_path.iterdir()) == []


def test_a_folder_with_content_and_no_project_file_is_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    code, out = run("build", "--lang", "en")
    assert code == 0, out
    assert (tmp_path / "build" / "en" / "deck.pdf").is_file()


def test_the_repository_is_a_project_with_the_built_in_layouts() -> None:
    from cardgen.source.project_file import find_project

    here = ROOT / "cardgen"
    found = find_project(here)
    assert found is not None and found.file == ROOT / "cardgen.toml"
    assert found.content == Path("../content") and (here / found.content).resolve() == CONTENT
    assert found.layouts is None and found.out == Path("../build")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('content = "content"\noutput = "out"\n', "cardgen.toml:2: output: unknown setting; allowed: content"),
        ("content = 3\n", "cardgen.toml:1: content: expected a folder name in quotes"),
        ("content = \n", "cardgen.toml: cannot read the project file: Invalid value (at line 1, column 11)"),
    ],
)
def test_a_bad_project_file_is_named_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "cardgen.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("check")
    assert code == 1
    assert message in out


def test_init_example_starts_from_the_shipped_routine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("init", "--example", "back-massage", "mine")
    assert code == 0, out
    shipped = sorted(p.relative_to(CONTENT) for p in CONTENT.rglob("*") if p.is_file())
    copied = sorted(p.relative_to(tmp_path / "mine" / "content") for p in (tmp_path / "mine" / "content").rglob("*"))
    assert [p for p in copied if (tmp_path / "mine" / "content" / p).is_file()] == shipped
    assert (tmp_path / "mine" / "cardgen.toml").is_file()
    monkeypatch.chdir(tmp_path / "mine")
    code, out = run("langs")
    assert code == 0, out
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["en", "de", "es", "ru", "th"]


def test_in_a_checkout_the_data_comes_from_the_top_level_folders() -> None:
    """An editable install has no cardgen/data/; the wheel's copy is tested by tests/e2e_wheel.sh."""
    assert not (ROOT / "cardgen" / "data").exists()
    assert builtin_layouts() == ROOT / "layouts"
    assert data_dir("fonts") == ROOT / "fonts"
    assert example_content("back-massage") == CONTENT


def test_verbose_names_the_project_and_quiet_prints_nothing(demo: Path) -> None:
    result = CliRunner().invoke(main, ["-v", "check"])
    assert result.exit_code == 0, result.output
    assert f"project {demo / 'cardgen.toml'}: content content, layouts layouts, out build" in result.output
    result = CliRunner().invoke(main, ["-q", "build"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (demo / "build" / "en" / "deck.pdf").is_file()
