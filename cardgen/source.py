"""Read YAML files into plain data while keeping every value's line and column.

PyYAML's composed nodes carry start marks; constructing the data ourselves from the node tree lets later
stages (schema, i18n) report semantic errors with a line number, detect duplicate keys (which PyYAML silently
accepts) and bound the work an alias bomb could cause. Only the safe scalar constructors are used.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

#: Documented limits: a content or layout file larger than this is refused before parsing.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Upper bound on values built from one file, aliases expanded; stops "billion laughs" early.
MAX_NODES = 200_000

Key = tuple[str | int, ...]
SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
)


@dataclass
class Source:
    """A loaded file: its data and the (line, col) of every value and mapping key, both 1-based."""

    path: Path
    display: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Key, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column for a path, falling back to the nearest enclosing value that has a mark."""
        table = self.key_marks if key else self.marks
        if loc in table:
            return table[loc]
        probe = tuple(loc)
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (None, None))

    def problem(self, loc: Key, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.display, line, col, dotted(loc), message)


def dotted(loc: Key) -> str:
    """("steps", 2, "hands") -> "steps[2].hands"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class SourceError(Exception):
    """Raised by load_yaml with the problem found; callers collect these into one InputError."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user should see it: relative to the working directory when possible."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


#: display path -> (digest of the bytes, parsed Source); set only inside reuse_parsed().
_PARSED: ContextVar[dict[str, tuple[bytes, Source]] | None] = ContextVar("cardgen_parsed", default=None)


@contextmanager
def reuse_parsed(memo: dict[str, tuple[bytes, Source]]) -> Iterator[None]:
    """Within this block a file whose bytes did not change is not parsed again.

    `cardgen watch` keeps one memo for its whole life: parsing is most of a load (about 50 ms for the shipped
    content), and a save touches one file. Each caller gets its own copy of the data, so nothing it changes
    leaks into the memo; the memo holds one entry per file, the latest.
    """
    token = _PARSED.set(memo)
    try:
        yield
    finally:
        _PARSED.reset(token)


def _copy(source: Source) -> Source:
    return Source(source.path, source.display, copy.deepcopy(source.data), source.marks, source.key_marks)


def _digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b""


def _load_reusing(memo: dict[str, tuple[bytes, Source]], path: Path, shown: str) -> Source:
    digest = _digest(path)
    cached = memo.get(shown)
    if cached is not None and digest and cached[0] == digest:
        return _copy(cached[1])
    token = _PARSED.set(None)
    try:
        source = load_yaml(path, shown)  # raises SourceError as usual; errors are never kept
    finally:
        _PARSED.reset(token)
    if digest and _digest(path) == digest:  # keep it only if the file did not change while it was parsed
        memo[shown] = (digest, source)
        return _copy(source)
    return source


#: libyaml composes the same nodes, with the same marks, about 10x faster than PyYAML's pure-Python parser
#: (55 ms -> 4 ms for the shipped content and layouts). Absent when PyYAML was built without libyaml.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml; on any error parse again with PyYAML so messages stay exactly PyYAML's."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # libyaml words some errors differently; the pure parser below raises the message we report
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml(path: Path, display: str | None = None) -> Source:
    """Load one YAML file safely, keeping marks. Raises SourceError naming file, line and what to fix."""
    shown = display or display_path(path)
    memo = _PARSED.get()
    if memo is not None:
        return _load_reusing(memo, path, shown)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(Problem(shown, None, None, "", f"cannot read file: {exc.strerror}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(
            Problem(shown, None, None, "", f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES} bytes")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            Problem(shown, None, None, "", f"not UTF-8 at byte offset {exc.start}; save the file as UTF-8")
        ) from None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or exc.context or "invalid YAML"
        context = exc.context_mark
        if exc.problem and exc.context and context and mark and context.line != mark.line:
            what += f" ({exc.context} that starts at line {context.line + 1})"
        raise SourceError(Problem(shown, line, col, "", f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise SourceError(Problem(shown, None, None, "", f"YAML error: {exc}")) from None
    source = Source(path=path, display=shown, data=None)
    if node is None:
        source.data = None
        return source
    builder = _Builder(source)
    source.data = builder.build(node, ())
    return source


class _Builder:
    """Turns a composed node tree into dicts, lists and safe scalars, recording marks."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        mark = node.start_mark
        return SourceError(Problem(self.source.display, mark.line + 1, mark.column + 1, "", message))

    def build(self, node: yaml.Node, loc: Key) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"more than {MAX_NODES} values (an alias bomb?); content files must stay small")
        self.source.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            raise self.fail(
                node, f"the tag {node.tag!r} is not allowed; content is plain text, numbers, lists and maps"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.fail(node, f"bad value: {getattr(exc, 'problem', exc)}") from None

    def _mapping(self, node: yaml.MappingNode, loc: Key) -> dict[str, Any]:
        self.constructor.flatten_mapping(node)  # resolves YAML merge keys (<<) the safe way
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text")
            key = self.constructor.construct_object(key_node)
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise self.fail(key_node, f"duplicate key {key!r}; each key may appear once")
            self.source.key_marks[(*loc, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*loc, key))
        return result
