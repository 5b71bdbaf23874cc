"""One language's text merged over the source language, with the fallbacks and stale strings it carries.

A translation may leave keys out; they print in the source language, tagged "EN" on the printout and listed,
never silently. A translation goes stale when the English it was made from changes: each translated key's
English source is hashed into a sidecar file, content/text/<lang>.lock.yaml, that only the tool writes
(`cardgen lang mark <lang>`). The sidecar, not the translation file, holds the hashes so that a translator's
whole job stays "copy en.yaml, translate the values": no ids or hashes to copy, keep or break by hand.

Strings may use a few Jinja2 variables ({{ n }}, {{ total }}, {{ client }}); they render in a sandbox, so a
translation file can never run code or reach Python objects.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import Problem, quote
from ..source.language import LANG_CODE
from ..source.load import Project
from ..source.marked_yaml import Source, SourceError, display_path, load_yaml
from ..source.paths import outside
from .markup import FALLBACK

#: The sidecar beside each translation: content/text/<lang>.lock.yaml.
LOCK_SUFFIX = ".lock.yaml"
#: Keys each language gives for itself or not at all (a link to a video in the client's language): never filled
#: in from the source language, never counted as missing or stale.
OWN_ONLY = ("links.",)


def shared(key: str) -> bool:
    """Whether a key falls back to the source language when a translation lacks it."""
    return not key.startswith(OWN_ONLY)


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """{"a": {"b": "x"}} -> {"a.b": "x"}; only string leaves count as text."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, str):
        out[prefix] = data
    return out


def source_hash(text: str) -> str:
    """A short, stable fingerprint of one English string (12 hex digits of SHA-256 are plenty per key)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


#: A bare variable, "{{ n }}": what every shipped string uses. Those are filled in here, without Jinja2.
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")


@cache
def _template(value: str) -> Any:
    """Compiled once per distinct string: "Step {{ n }} of {{ total }}" renders on every card."""
    return _environment().from_string(value)


def render(value: str, **variables: Any) -> str:
    """A string with its Jinja2 variables filled in (plain strings pass through untouched).

    Strings whose only markup is bare variables that are all given skip Jinja2 (its import and a compile per
    string cost a one-language build about 40 ms); the result is what Jinja2 gives, down to dropping one
    trailing newline. Anything else (filters, tags, an unknown variable) goes through the sandbox as before.
    """
    if "{{" in value or "{%" in value:
        rest = _VARIABLE.sub("", value)
        if not any(mark in rest for mark in ("{{", "}}", "{%", "{#")) and all(
            name in variables for name in _VARIABLE.findall(value)
        ):
            out = _VARIABLE.sub(lambda m: str(variables[m.group(1)]), value)
            return out[:-1] if out.endswith("\n") else out
        return _template(value).render(**variables)
    return value


@dataclass
class Texts:
    """Lookup of one language's strings by dotted key, e.g. texts.get("steps.wave.title")."""

    lang: str
    strings: dict[str, str]
    fallbacks: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    #: every key printed so far: `check` reports the text keys nothing prints
    used: set[str] = field(default_factory=set)

    def get(self, key: str, **variables: Any) -> str:
        """The string to print; a fallback carries the FALLBACK mark, which markup turns into a small EN tag."""
        self.used.add(key)
        value = render(self.strings[key], **variables)
        return value.rstrip() + FALLBACK if key in self.fallbacks else value

    def has(self, key: str) -> bool:
        """Whether the content gives this text (optional sections and lines print only when it does)."""
        return bool(self.strings.get(key, "").strip())

    def get_any(self, *keys: str) -> str:
        """The first of `keys` the content gives (a short title, else the title)."""
        return self.get(next((k for k in keys if self.has(k)), keys[-1]))

    def is_fallback(self, key: str) -> bool:
        return key in self.fallbacks

    def link(self, name: str) -> str | None:
        """This language's own address `name` (links.video, links.booklet), or None: links never fall back."""
        return self.strings.get(f"links.{name}")


@dataclass(frozen=True)
class KeyIssue:
    """A missing or stale key, with where to fix it."""

    key: str
    problem: Problem


@dataclass(frozen=True)
class Coverage:
    """How complete one translation is: counts for `cardgen langs`, places for the build report and --strict."""

    lang: str
    total: int
    translated: int
    stale: tuple[KeyIssue, ...] = ()
    missing: tuple[KeyIssue, ...] = ()

    @property
    def percent(self) -> float:
        """Share of the source strings that are translated and current."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def problems(self) -> list[Problem]:
        return [issue.problem for issue in (*self.missing, *self.stale)]


def lock_path(content_dir: Path, lang: str) -> Path:
    return content_dir / "text" / f"{lang}{LOCK_SUFFIX}"


def read_lock(content_dir: Path, lang: str) -> tuple[dict[str, str], list[Problem]]:
    """The recorded English hashes per key (empty when the language was never marked)."""
    path = lock_path(content_dir, lang)
    if not path.is_file() and not path.is_symlink():
        return {}, []
    target = outside(path, content_dir)
    if target is not None:
        message = f"is a symlink that leads outside the content folder, to {target}; run `cardgen lang mark {lang}`"
        return {}, [Problem(display_path(path), None, None, "", message)]
    try:
        source = load_yaml(path)
    except SourceError as exc:
        return {}, [exc.problem]
    data = source.data if isinstance(source.data, dict) else None
    hashes = data.get("hashes", {}) if data is not None else None
    redo = f"rewrite it with `cardgen lang mark {lang}`"
    if not isinstance(hashes, dict):
        where = ("hashes",) if data is not None else ()
        return {}, [source.problem(where, f"expected a map of key: hash under 'hashes'; {redo}")]
    for key, value in hashes.items():
        if not isinstance(value, str) or not _HASH.fullmatch(value):
            message = f"expected a hash of 12 hex digits; got {quote(value)}; {redo}"
            return {}, [source.problem(("hashes", key), message)]
    return {str(k): v for k, v in hashes.items()}, []


#: What source_hash writes: anything else in a lock file was not written by the tool.
_HASH = re.compile(r"[0-9a-f]{12}")


def _line_of(source: Source, key: str) -> tuple[int | None, int | None]:
    return source.locate(tuple(key.split(".")), key=True)


def coverage(project: Project, lang: str) -> Coverage:
    """Compare `lang` with the source language: what is translated and current, stale, or missing."""
    src_lang = project.routine.source_language
    src = project.texts[src_lang]
    source = {k: v for k, v in flatten(src.data).items() if shared(k)}
    if lang == src_lang:
        return Coverage(lang, len(source), len(source))
    text_src = project.texts[lang]
    translated = flatten(text_src.data)
    hashes, _ = read_lock(project.content_dir, lang)
    stale: list[KeyIssue] = []
    missing: list[KeyIssue] = []
    for key, english in source.items():
        en_line, _ = _line_of(src, key)
        en_where = f"{src.display}:{en_line}" if en_line else src.display
        if key not in translated:
            line, col = text_src.locate(tuple(key.split(".")))
            message = f"missing translation (English source: {en_where})"
            missing.append(KeyIssue(key, Problem(text_src.display, line, col, key, message)))
            continue
        recorded = hashes.get(key)
        if recorded is None and translated[key] == english:
            # word for word the source, never marked as checked: the source language standing in for a
            # translation (a file just started with `lang add`), so it prints tagged and is listed, as a gap is
            line, col = _line_of(text_src, key)
            message = f"not translated yet: still the English of {en_where} (printed tagged EN)"
            missing.append(KeyIssue(key, Problem(text_src.display, line, col, key, message)))
            continue
        if recorded == source_hash(english):
            continue
        line, col = _line_of(text_src, key)
        if recorded is None:
            message = (
                f"no record of the English this was translated from; check it against {en_where} "
                f"and run `cardgen lang mark {lang} {key}`"
            )
        else:
            message = (
                f"stale: the English at {en_where} changed after this was translated; update it "
                f"and run `cardgen lang mark {lang} {key}`"
            )
        stale.append(KeyIssue(key, Problem(text_src.display, line, col, key, message)))
    current = len(source) - len(stale) - len(missing)
    return Coverage(lang, len(source), current, tuple(stale), tuple(missing))


def texts_for(project: Project, lang: str) -> Texts:
    """Merge `lang` over the source language; keys missing from the translation are recorded as fallbacks."""
    source = flatten(project.texts[project.routine.source_language].data)
    if lang == project.routine.source_language:
        return Texts(lang, source)
    translated = flatten(project.texts[lang].data)
    merged = {key: translated.get(key, value) for key, value in source.items() if shared(key)}
    merged |= {key: value for key, value in translated.items() if not shared(key)}
    report = coverage(project, lang)
    return Texts(lang, merged, {i.key for i in report.missing}, {i.key for i in report.stale})


def mark_current(project: Project, lang: str, keys: list[str] | None = None) -> tuple[list[str], Path]:
    """Record the current English hash for `keys` (default: every key the translation has); returns those marked.

    Run after translating or re-checking strings: from then on a change to their English shows as stale.
    """
    from ..errors import InputError
    from ..output.atomic import write_atomic

    src_lang = project.routine.source_language
    if lang == src_lang:
        raise InputError([Problem(f"text/{lang}.yaml", None, None, "", f"{lang} is the source language")])
    source = flatten(project.texts[src_lang].data)
    translated = flatten(project.texts[lang].data)
    # a lock file that cannot be read (a merge conflict) is rewritten from what is marked now: the keys not
    # marked again lose their record and show as not current, the safe side
    hashes, _ = read_lock(project.content_dir, lang)
    problems: list[Problem] = []
    chosen = list(keys) if keys else [k for k in source if k in translated and shared(k)]
    for key in chosen:
        if key not in source:
            problems.append(Problem(project.texts[lang].display, None, None, key, "no such key in the English text"))
        elif key not in translated:
            problems.append(
                Problem(project.texts[lang].display, None, None, key, "not translated yet; nothing to mark")
            )
    if problems:
        raise InputError(problems)
    for key in chosen:
        hashes[key] = source_hash(source[key])
    hashes = {k: hashes[k] for k in source if k in hashes}  # source order; keys gone from English dropped
    path = lock_path(project.content_dir, lang)
    lines = [
        f"# Written by `cardgen lang mark {lang}`; do not edit. The hash of the English ({src_lang}) string each",
        "# translation was made from: when the English changes, the key shows as stale.",
        f"source_language: {src_lang}",
        "hashes:",
        *(f'  {key}: "{value}"' for key, value in hashes.items()),
    ]
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return chosen, Path(display_path(path))


#: Languages written right to left; refused even before a string is translated.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug", "syr"})


def start_translation(project: Project, lang: str) -> Path:
    """Write text/<lang>.yaml as a copy of the source language's file, comments and order kept.

    No lock file is written, so every string counts as untranslated (0 %) until `cardgen lang mark`; the copy
    keeps the build working meanwhile. Refuses codes that are not language tags, existing files and RTL
    languages (which cardgen cannot print yet).
    """
    from ..errors import CardgenError

    if not LANG_CODE.match(lang):
        raise CardgenError(f"{lang!r} is not a language code; use a code such as de, pt or pt-BR")
    if lang.split("-")[0].lower() in RTL_LANGUAGES:
        raise CardgenError(f"{lang!r} is written right to left, which cardgen cannot print yet")
    if lang in project.texts:
        raise CardgenError(f"{project.texts[lang].display} already exists; edit it instead")
    source = project.texts[project.routine.source_language]
    lines = source.path.read_text(encoding="utf-8").splitlines(keepends=True)
    body = [line for line in lines if not line.startswith("#")]
    header = [
        "# yaml-language-server: $schema=../../schemas/translation.schema.json\n",
        f"# {lang} text of the routine, started from {source.path.name}: translate every value, keep the keys.\n",
        f"# Then run `cardgen lang mark {lang}`; until then every string counts as untranslated.\n",
    ]
    target = source.path.parent / f"{lang}.yaml"
    target.write_text("".join(header + body), encoding="utf-8")
    return target
