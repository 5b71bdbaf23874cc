"""Read YAML files into plain data while keeping every value's line and column.

PyYAML's composed nodes carry start marks; constructing the data ourselves from the node tree lets later
stages (schema, i18n) report semantic errors with a line number, detect duplicate keys (which PyYAML silently
accepts) and bound the work an alias bomb could cause. Only the safe scalar constructors are used.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, quote
from .paths import NotReadable, read_regular

#: Documented limits (README "Limits"). A file larger than this is refused before it is parsed.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Upper bound on values built from one file, aliases expanded; stops "billion laughs" early.
MAX_NODES = 200_000
#: Upper bound on characters of text built from one file, aliases expanded: a short string aliased many times
#: must not turn into gigabytes when a list of them is joined.
MAX_TEXT_CHARS = 4 * 1024 * 1024
#: Maps and lists nested deeper than this are refused; real content nests fewer than 10 levels, and PyYAML's
#: composer is recursive, so unbounded nesting would end in a RecursionError.
MAX_DEPTH = 64

Key = tuple[str | int, ...]
SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")
)
MERGE_TAG = "tag:yaml.org,2002:merge"
#: Refused in text after YAML has decoded it: control characters ("\0", "\x07", "\e" are escapes for them)
#: other than tab and newline, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) that
#: make text read in another order than it is stored (copied from a PDF it reads reversed). The marks U+200E,
#: U+200F and U+061C only set the direction of neutral characters and stay allowed.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


def _read_bounded(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing anything that is not a regular file or is over the size limit.

    A FIFO or device named *.yaml would otherwise block or stream forever; the limit holds for what is read.
    """
    try:
        if path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
            raise SourceError(Problem(shown, None, None, "", _too_big(size)))  # refused before it is read
        return read_regular(path, MAX_FILE_BYTES)
    except NotReadable as exc:
        message = f"{exc}; expected a YAML text file" if str(exc).startswith("cannot") else f"file has {exc}"
        raise SourceError(Problem(shown, None, None, "", message)) from None
    except OSError as exc:
        raise SourceError(
            Problem(shown, None, None, "", f"cannot read file ({exc.strerror}); it must be a file you may read")
        ) from None


def _too_big(size: int) -> str:
    return f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes ({MAX_FILE_BYTES // 1024 // 1024} MiB)"


def _decode(raw: bytes, shown: str) -> str:
    """UTF-8 text (a BOM is allowed); otherwise an error naming the byte offset and the line it is on."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise SourceError(
            Problem(
                shown,
                line,
                col,
                "",
                f"not UTF-8 at byte offset {offset} (byte 0x{raw[offset]:02x}); save the file as UTF-8",
            )
        ) from None


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


class _LimitError(yaml.YAMLError):
    """A documented limit was exceeded while composing; not a syntax error, so reported without that prefix."""

    def __init__(self, message: str, event: yaml.Event) -> None:
        super().__init__(message)
        self.message = message
        self.mark = event.start_mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with a bound on nesting depth and on the number of nodes composed.

    Composition is recursive in PyYAML; checking depth here turns "[[[[..." into a clear error instead of a
    RecursionError, and counting nodes bounds the work done on a file before the builder sees it.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _LimitError(f"more than {MAX_NODES} values; a content or layout file must stay smaller", event)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _LimitError(f"lists and maps nested more than {MAX_DEPTH} levels deep; nest less", event)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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
    """The file's hash, or b"" (never cached) for anything load_yaml would refuse unread: a FIFO, a huge file."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return b""
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
#: _compose_fast's answer when the text must go through the bounded pure-Python _Loader instead.
_SLOW = object()


def _within_limits(root: yaml.Node) -> bool:
    """Whether composing this tree stays within MAX_DEPTH and MAX_NODES as _Loader counts them: each node
    occurrence once (an alias is one node, not its anchor's subtree again), keys included."""
    seen: set[int] = set()
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            return False
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [(part, depth + 1) for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
    return True


def _compose_fast(text: str) -> Any:
    """The node tree composed by libyaml, or _SLOW when _Loader must compose it (and word any error).

    libyaml itself refuses nesting past 1000 levels, so its recursive composer stays shallow. Text with a
    character the pure reader refuses, any YAML error, or a tree past MAX_DEPTH or MAX_NODES goes to _Loader,
    which then raises exactly as it always does; the shipped files never do.
    """
    if _FAST_LOADER is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return _SLOW
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return _SLOW
    return node if node is None or _within_limits(node) else _SLOW


def load_yaml(path: Path, display: str | None = None) -> Source:
    """Load one YAML file safely, keeping marks. Raises SourceError naming file, line and what to fix."""
    shown = display or display_path(path)
    memo = _PARSED.get()
    if memo is not None:
        return _load_reusing(memo, path, shown)
    text = _decode(_read_bounded(path, shown), shown)
    node = _compose_fast(text)
    loader: _Loader | None = None
    try:
        if node is _SLOW:
            loader = _Loader(text)  # the reader checks for control characters here, before parsing
            node = loader.get_single_node()
    except _LimitError as exc:
        raise SourceError(Problem(shown, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or exc.context or "invalid YAML"
        context = exc.context_mark
        if exc.problem and exc.context and context and mark and context.line != mark.line:
            what += f" ({exc.context} that starts at line {context.line + 1})"
        raise SourceError(Problem(shown, line, col, "", f"YAML syntax error: {what}")) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise SourceError(
            Problem(
                shown,
                line,
                col,
                "",
                f"control character U+{char:04X} is not allowed in YAML; remove it (tabs and newlines are fine)",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(Problem(shown, None, None, "", f"YAML error: {exc}; fix the file's YAML syntax")) from None
    finally:
        if loader is not None:
            loader.dispose()
    source = Source(path=path, display=shown, data=None)
    if node is None:
        return source
    source.data = _Builder(source).build(node, ())
    return source


class _Builder:
    """Turns a composed node tree into dicts, lists and safe scalars, recording marks.

    Aliases are expanded here, so this is where their cost is bounded: every value built counts towards
    MAX_NODES and every character towards MAX_TEXT_CHARS, and an alias that contains itself is refused.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.count = 0
        self.chars = 0
        self.active: set[int] = set()  # nodes being built on the current path, to catch recursive aliases
        self.merging = 0  # > 0 while building the maps a merge key names: their marks never replace a key's own
        self.constructor = yaml.SafeLoader("")

    def _mark(self, table: dict[Key, tuple[int, int]], loc: Key, node: yaml.Node) -> None:
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        if self.merging:
            table.setdefault(loc, mark)
        else:
            table[loc] = mark

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        mark = node.start_mark
        return SourceError(Problem(self.source.display, mark.line + 1, mark.column + 1, "", message))

    def build(self, node: yaml.Node, loc: Key) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node, f"more than {MAX_NODES} values once aliases are expanded (an alias bomb?); use fewer aliases"
            )
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"lists and maps nested more than {MAX_DEPTH} levels deep; nest less")
        self._mark(self.source.marks, loc, node)
        if node.tag not in SAFE_TAGS:
            raise self.fail(
                node, f"the tag {node.tag!r} is not allowed; content is plain text, numbers, lists and maps"
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self.active:
            raise self.fail(
                node, "this list or map contains an alias of itself; an alias may not contain what it names"
            )
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        self.chars += len(node.value)
        if self.chars > MAX_TEXT_CHARS:
            raise self.fail(
                node,
                f"more than {MAX_TEXT_CHARS} characters of text once aliases are expanded; use fewer aliases",
            )
        if node.tag == MERGE_TAG:
            raise self.fail(node, "'<<' (a merge key) may only be used as a key in a map")
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            reason = str(getattr(exc, "problem", None) or exc).split(";")[0]
            raise self.fail(
                node, f"bad value {quote(node.value)}: {reason}; put it in quotes to keep it as text"
            ) from None
        if isinstance(value, str) and not value.isprintable() and (bad := _REFUSED.search(value)):
            char = ord(bad.group())
            kind = "bidi control" if 0x202A <= char <= 0x2069 else "control character"
            raise self.fail(
                node,
                f"{kind} U+{char:04X} is not allowed in text (here from an escape or pasted in); remove it "
                "(tabs and newlines are fine)",
            )
        return value

    def _key(self, key_node: yaml.Node) -> str:
        if not isinstance(key_node, yaml.ScalarNode):
            raise self.fail(key_node, "mapping keys must be plain text, not a list or map")
        if key_node.tag not in SAFE_TAGS:
            raise self.fail(
                key_node, f"the tag {key_node.tag!r} is not allowed; keys are plain text, numbers, true or false"
            )
        if key_node.tag == "tag:yaml.org,2002:value":  # a plain "=" key; PyYAML reads it as text too
            return key_node.value
        key = self._scalar(key_node)
        return key if isinstance(key, str) else str(key)

    def _mapping(self, node: yaml.MappingNode, loc: Key) -> dict[str, Any]:
        """A map; YAML merge keys (<<) supply defaults that the map's own keys override, as the YAML spec says."""
        merges = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.tag == MERGE_TAG]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == MERGE_TAG:
                continue
            key = self._key(key_node)
            if key in result:
                raise self.fail(key_node, f"duplicate key {quote(key)}; each key may appear once in a map")
            self._mark(self.source.key_marks, (*loc, key), key_node)
            result[key] = self.build(value_node, (*loc, key))
        merged: dict[str, Any] = {}
        self.merging += 1
        try:
            for value_node in merges:
                for key, value in self._merge_sources(value_node, loc).items():
                    merged.setdefault(key, value)
        finally:
            self.merging -= 1
        return {**{k: v for k, v in merged.items() if k not in result}, **result}

    def _merge_sources(self, value_node: yaml.Node, loc: Key) -> dict[str, Any]:
        """The maps named by a merge key (one map or a list of maps); earlier maps win, as in the YAML spec."""
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        out: dict[str, Any] = {}
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                raise self.fail(item, "'<<' (a merge key) needs a map or a list of maps, e.g. <<: *defaults")
            built = self.build(item, loc)
            for key, value in built.items():
                out.setdefault(key, value)
        return out
