"""The YAML reader: marks, duplicate keys, limits, encodings."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cardgen.source.marked_yaml import MAX_FILE_BYTES, SourceError, load_yaml


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


def test_merge_keys_give_defaults_that_own_keys_override(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, "base: &b {size: 1, color: red}\nx:\n  <<: *b\n  size: 2\n"), "f.yaml")
    assert source.data["x"] == {"color": "red", "size": 2}
    assert source.locate(("x", "size")) == (4, 9)  # its own line, not the anchor's
    assert source.locate(("x", "color")) == (1, 27)  # merged: the anchor's line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: &a [*a]\n", "f.yaml:1:4: this list or map contains an alias of itself"),
        ("x: &a {b: 1, <<: *a}\n", "f.yaml:1:4: this list or map contains an alias of itself"),
        ("x: " + "[" * 100 + "]" * 100 + "\n", "lists and maps nested more than 64 levels deep; nest less"),
        ("a: b\nc: d \x07 e\n", "f.yaml:2:6: control character U+0007 is not allowed in YAML"),
        (
            "!!python/name:os.system x: 1\n",
            "f.yaml:1:1: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        ),
        ("? [a, b]\n: c\n", "f.yaml:1:3: mapping keys must be plain text, not a list or map"),
        ("a: 1\n<<: 5\n", "f.yaml:2:5: '<<' (a merge key) needs a map or a list of maps"),
        ("a: 2001-13-45\n", "f.yaml:1:4: bad value '2001-13-45': month must be in 1..12; put it in quotes"),
        ("s: &s '" + "x" * 100_000 + "'\nl: [" + ", ".join(["*s"] * 50) + "]\n", "characters of text once aliases"),
    ],
)
def test_unsafe_or_broken_yaml_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, text), "f.yaml")
    assert message in str(info.value)


def test_bom_is_allowed_and_offsets_count_it(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, b"\xef\xbb\xbfa: 1\n"), "f.yaml").data == {"a": 1}
    with pytest.raises(SourceError) as info:
        load_yaml(write(tmp_path, b"\xef\xbb\xbfa: 1\nb: caf\xe9\n"), "f.yaml")
    assert str(info.value).startswith("f.yaml:2:7: not UTF-8 at byte offset 14 (byte 0xe9)")


def test_a_folder_or_fifo_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(SourceError, match="cannot read: a folder; expected a YAML text file"):
        load_yaml(tmp_path / "dir.yaml", "dir.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(SourceError, match="cannot read: not a regular file"):
        load_yaml(tmp_path / "pipe.yaml", "pipe.yaml")
