"""The rebuild manifest: a no-op build rewrites nothing and imports nothing heavy; a change rebuilds only what it
touches; --force, a deleted PDF and a changed option rebuild."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from cardgen.output.manifest import NAME, Inputs, Manifest, languages


def stamps(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in sorted(out.rglob("*.pdf"))}


def build(content: Path, out: Path, *args: str) -> str:
    code, text = run("build", "--content", str(content), "--out", str(out), *args)
    assert code == 0, text
    return text


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A content copy and an output folder built once in English and German."""
    import shutil

    from conftest import CONTENT

    root = tmp_path_factory.mktemp("manifest")
    content, out = root / "content", root / "out"
    shutil.copytree(CONTENT, content)
    build(content, out, "--lang", "en", "--lang", "de")
    return content, out


def test_no_op_rebuild_rewrites_nothing_and_lists_every_file(two_languages: tuple[Path, Path]) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en", "--lang", "de")  # settle whatever another test left (tests share the folder)
    before = stamps(out)
    text = build(content, out, "--lang", "en", "--lang", "de")
    assert stamps(out) == before
    listed = [line.split()[1] for line in text.splitlines() if line.startswith("unchanged ")]
    assert sorted(str(Path(p).relative_to(out)) for p in listed) == sorted(before)
    assert "wrote " not in text


def test_one_string_rebuilds_only_that_language(two_languages: tuple[Path, Path]) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en", "--lang", "de")
    before = stamps(out)
    german = content / "text" / "de.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("Entspannende", "Wohltuende", 1), encoding="utf-8")
    text = build(content, out, "--lang", "en", "--lang", "de")
    after = stamps(out)
    changed = {name.split("/")[0] for name in after if after[name] != before[name]}
    assert changed == {"de"}
    assert all(after[n] == before[n] for n in after if n.startswith("en/"))
    assert "wrote" in text and "unchanged" in text


def test_source_text_change_rebuilds_every_language(two_languages: tuple[Path, Path]) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en", "--lang", "de")
    before = stamps(out)
    english = content / "text" / "en.yaml"
    english.write_text(english.read_text(encoding="utf-8") + "\n# a comment is a change of bytes\n", encoding="utf-8")
    build(content, out, "--lang", "en", "--lang", "de")
    after = stamps(out)
    assert all(after[n] != before[n] for n in after)


def test_force_deleted_pdf_and_options_rebuild(two_languages: tuple[Path, Path]) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en", "--lang", "de")
    before = stamps(out)
    build(content, out, "--lang", "en", "--force")
    after = stamps(out)
    assert {n for n in after if after[n] != before[n]} == {n for n in after if n.startswith("en/")}
    (out / "en" / "deck.pdf").unlink()
    build(content, out, "--lang", "en")
    assert (out / "en" / "deck.pdf").is_file()
    before = stamps(out)
    build(content, out, "--lang", "en", "--client", "Ada")
    assert all(stamps(out)[n] != before[n] for n in before if n.startswith("en/"))


def test_manifest_keys_are_per_language(two_languages: tuple[Path, Path]) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en", "--lang", "de")
    data = json.loads((out / NAME).read_text())
    assert set(data["languages"]) >= {"en", "de"}
    assert data["languages"]["en"]["key"] != data["languages"]["de"]["key"]
    assert languages(content) == sorted(p.stem for p in (content / "text").glob("??.yaml"))


def test_unreadable_manifest_means_rebuild_all(tmp_path: Path) -> None:
    (tmp_path / NAME).write_text("{not json")
    manifest = Manifest.load(tmp_path)
    assert manifest.stale(Inputs(tmp_path, None, {}), ["en", "de"]) == ["en", "de"]


def test_no_op_imports_no_renderer(two_languages: tuple[Path, Path]) -> None:
    """The decision is made from hashes alone: no reportlab, pydantic, YAML or Jinja2 in the process."""
    content, out = two_languages
    build(content, out, "--lang", "en")
    script = (
        "import sys\n"
        "from cardgen.cli import main\n"
        f"main(['build', '--content', {str(content)!r}, '--out', {str(out)!r}, '--lang', 'en'], "
        "standalone_mode=False)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pydantic', 'yaml', 'jinja2'})\n"
        "print('heavy:', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    assert "unchanged" in result.stdout
    assert "heavy: []" in result.stdout


def test_source_date_epoch_is_an_input(two_languages: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    content, out = two_languages
    build(content, out, "--lang", "en")
    before = stamps(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(content, out, "--lang", "en")
    after = stamps(out)
    assert all(after[n] != before[n] for n in after if n.startswith("en/"))


def test_a_changed_shipped_view_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body views are package data, not code: an edited back.svg must still change the build key."""
    from cardgen.output import manifest

    package = tmp_path / "cardgen"
    shutil.copytree(manifest.PACKAGE / "diagrams" / "views", package / "diagrams" / "views")
    monkeypatch.setattr(manifest, "PACKAGE", package)
    monkeypatch.setattr(manifest, "_CODE", [])
    before = manifest._code_fingerprint()
    view = package / "diagrams" / "views" / "back.svg"
    view.write_text(view.read_text().replace('r="6.6"', 'r="7"'))
    monkeypatch.setattr(manifest, "_CODE", [])
    assert manifest._code_fingerprint() != before
