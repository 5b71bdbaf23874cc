"""The YAML reader: marks, duplicate keys, limits, encodings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cardgen.source import MAX_FILE_BYTES, SourceError, load_yaml


def write(tmp_path: Path, text: str | bytes, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_marks_are_one_based_line_and_column(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, "a:\n  b: [x, y]\n"), "f.yaml")
    assert source.data == {"a": {"b": ["x", "y"]}}
    assert source.locate(("a", "b", 1)) == (2, 10)
    assert source.locate(("a", "b"), key=True) == (2, 3)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, "a: 1\nb: [unclosed\nc: 2\n"), "f.yaml")
    assert str(info.value) == (
        "f.yaml:3:2: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 2)"
    )


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, "a: 1\na: 2\n"), "f.yaml")
    assert str(info.value) == "f.yaml:2:1: duplicate key 'a'; each key may appear once in a map"


def test_not_utf8_names_byte_offset(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, b"title: caf\xe9\n"), "f.yaml")
    assert str(info.value) == "f.yaml:1:11: not UTF-8 at byte offset 10 (byte 0xe9); save the file as UTF-8"


def test_oversized_file_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, "a: " + "x" * MAX_FILE_BYTES), "f.yaml")
    assert "the limit is" in str(info.value)


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    start = time.perf_counter()
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, "\n".join(lines)), "f.yaml")
    assert time.perf_counter() - start < 2.0
    assert "alias bomb" in str(info.value)


def test_unsafe_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, "a: !!python/object/apply:os.system ['true']\n"), "f.yaml")
    assert "f.yaml:1:4" in str(info.value)
