"""File names from content and layouts stay inside their folders; the logo is a checked PNG or JPEG."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run
from PIL import Image

from cardgen.source.images import resolve_image
from cardgen.source.load import load_project
from cardgen.source.paths import PathRefused, resolve_inside


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "a.txt").write_text("inside")
    (tmp_path / "secret.txt").write_text("outside")
    return root


@pytest.mark.parametrize("name", ["images/a.txt", "./images/a.txt", "images/../images/a.txt", "images/new.png"])
def test_names_inside_resolve(folder: Path, name: str) -> None:
    assert resolve_inside(name, folder, [folder], "the content folder").parent == (folder / "images").resolve()


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../secret.txt", "leads outside the content folder (through '..')"),
        ("images/../../secret.txt", "leads outside the content folder (through '..')"),
        ("/etc/passwd", "absolute paths are not allowed"),
        ("C:\\Windows\\win.ini", "absolute paths are not allowed"),
        ("~/secret.txt", "'~' (a home folder) is not allowed"),
        ("", "expected a file name relative to the content folder"),
        (42, "expected a file name relative to the content folder"),
        ("a\0b", "may not contain a NUL character"),
    ],
)
def test_escapes_are_refused(folder: Path, name: object, why: str) -> None:
    with pytest.raises(PathRefused, match=None) as info:
        resolve_inside(name, folder, [folder], "the content folder")
    assert why in str(info.value)


def test_symlink_leaving_the_folder_is_refused(folder: Path) -> None:
    (folder / "images" / "link.txt").symlink_to(folder.parent / "secret.txt")
    (folder / "out").symlink_to(folder.parent)
    for name in ("images/link.txt", "out/secret.txt"):
        with pytest.raises(PathRefused) as info:
            resolve_inside(name, folder, [folder], "the content folder")
        assert "symlink that leads outside the content folder" in str(info.value)


def test_symlink_inside_the_folder_is_fine(folder: Path) -> None:
    (folder / "alias.txt").symlink_to(folder / "images" / "a.txt")
    assert (
        resolve_inside("alias.txt", folder, [folder], "the content folder") == (folder / "images" / "a.txt").resolve()
    )


def test_a_symlinked_content_folder_itself_is_fine(folder: Path, tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    linked.symlink_to(folder)
    assert resolve_inside("images/a.txt", linked, [linked], "x").read_text() == "inside"


def png(path: Path, size: tuple[int, int] = (8, 8)) -> Path:
    Image.new("RGB", size, "white").save(path)
    return path


def test_logo_resolves_to_a_checked_image(content_copy: Path) -> None:
    png(content_copy / "logo.png")
    routine = content_copy / "routine.yaml"
    routine.write_text(
        routine.read_text(encoding="utf-8").replace("source_language: en\n", "source_language: en\nlogo: logo.png\n")
    )
    project = load_project(content_copy)
    assert project.routine.logo == (content_copy / "logo.png").resolve()
    code, out = run("check", "--content", str(content_copy))
    assert code == 0, out


def test_logo_checks(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage")
    with pytest.raises(PathRefused, match="cannot be read as an image"):
        resolve_image("fake.png", tmp_path)
    with pytest.raises(PathRefused, match=r"no file 'missing\.png' in the content folder"):
        resolve_image("missing.png", tmp_path)
    png(tmp_path / "ok.jpg").rename(tmp_path / "ok.png")
    assert resolve_image("ok.png", tmp_path).name == "ok.png"


def test_fonts_dir_stays_beside_the_layouts(tmp_path: Path, content_copy: Path) -> None:
    """fonts.dir may be the layouts folder or fonts/ beside it; the repository's fonts by a relative path are not."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    fonts = Path(__file__).resolve().parent.parent / "fonts"
    relative = os.path.relpath(fonts, layouts)
    (layouts / "default.yaml").write_text(f"extends: default\nfonts:\n  dir: {relative}\n", encoding="utf-8")
    code, out = run("check", "--content", str(content_copy), "--layouts", str(layouts))
    assert code == 1
    assert f"default.yaml:3:8: fonts.dir: {relative!r} leads outside {layouts} or {tmp_path / 'fonts'}" in out
    (tmp_path / "fonts").mkdir()
    (layouts / "default.yaml").write_text("extends: default\nfonts:\n  dir: ../fonts\n", encoding="utf-8")
    code, out = run("check", "--content", str(content_copy), "--layouts", str(layouts))
    assert code == 1
    builtin = Path(__file__).resolve().parent.parent / "layouts" / "default.yaml"
    line = builtin.read_text(encoding="utf-8").splitlines().index("      regular: NotoSans-Regular.ttf") + 1
    # the font name is inherited, so it is reported where it is written: in the built-in layout
    assert (
        f"layouts/default.yaml:{line}:16: fonts.families.sans.regular: font file 'NotoSans-Regular.ttf' not found"
        in out
    )
    assert "fonts there: none" in out
