"""`cardgen init DIR` starts a project that builds as it is, and whose files validate in an editor."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import run

from cardgen.source.marked_yaml import load_yaml


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "my-routine"  # does not exist yet
    code, out = run("init", str(folder))
    assert code == 0, out
    return folder


def test_init_then_build_works(project: Path) -> None:
    out = project / "build"
    code, output = run(
        "build", "--content", str(project / "content"), "--layouts", str(project / "layouts"), "--out", str(out)
    )
    assert code == 0, output
    text = load_yaml(project / "content" / "text" / "en.yaml").data
    with pdfplumber.open(out / "en" / "deck.pdf") as deck:
        printed = [page.extract_text() or "" for page in deck.pages]
    for step in load_yaml(project / "content" / "routine.yaml").data["steps"]:
        title = text["steps"][step["id"]]["title"]
        assert any(title in page for page in printed), f"no card shows step {title!r}"
    with pikepdf.open(out / "en" / "booklet.pdf") as booklet:
        assert booklet.docinfo.Title == text["meta"]["booklet_title"]


def test_the_layout_only_extends_the_built_in_one(project: Path) -> None:
    assert load_yaml(project / "layouts" / "default.yaml").data == {"extends": "default"}


def test_scaffold_files_validate_against_their_schemas(project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    files = ["content/routine.yaml", "content/text/en.yaml", "layouts/default.yaml"]
    for path in (project / f for f in files):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# yaml-language-server: $schema=")
        schema_path = (path.parent / header.split("=", 1)[1]).resolve()
        assert schema_path.parent == (project / "schemas").resolve()
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(load_yaml(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, out = run("init", str(tmp_path))
    assert code == 1
    assert "not an empty folder" in out
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
