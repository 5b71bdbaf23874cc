"""Reuse a language's PDFs across watch rebuilds when nothing they were made from changed.

A language's PDFs are a function of the files every language shares (content/ but its text/ folder, the layouts,
the fonts) and of that language's merged texts (texts_for: its own strings over the source language's, and which
ones fall back). The deck half (deck.pdf, deck-sheets.pdf) and the booklet half (booklet.pdf, booklet-print.pdf)
each read only some of those texts. So while the shared files are unchanged, a half is reused when every text
key it read still has the same value and fallback flag: a booklet paragraph's edit leaves the deck's two PDFs
alone without laying them out, and a source-language edit that a translation does not fall back on rebuilds
no PDF of that translation.

Reads are recorded by RecordingTexts: every lookup of a key (get, has, link, is_fallback, `in`, []) is noted;
any access that cannot be pinned to keys (iterating or sizing the strings) marks the half as reading
everything, so it is rebuilt on any text change. `Texts.stale` is not recorded: layout and rendering never read
it (it only decides `required` and `--strict` errors, which prepare() checks on every rebuild).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import BuildOptions, deck_pdfs, language_styles
from ..layout.booklet import Personal
from ..render.booklets import BookletOptions, booklet_pdfs
from ..source.load import BUILTIN_LAYOUTS, Project
from ..text.i18n import Texts, texts_for

Files = dict[str, tuple[bytes, int]]  # PDF name -> (bytes, pages)
#: A key's value as a layout sees it: its string (None when absent) and whether it falls back on the source.
Value = tuple[str | None, bool]
#: What a half read: key -> value, or None when it read every key (iterated the strings).
Reads = dict[str, Value] | None


class RecordingStrings(Mapping[str, str]):
    """A read-only view of a language's strings that notes every key looked up."""

    def __init__(self, strings: Mapping[str, str], fallbacks: set[str], reads: dict[str, Value]) -> None:
        self._strings, self._fallbacks, self._reads = strings, fallbacks, reads
        self.everything = False

    def _note(self, key: str) -> None:
        self._reads[key] = (self._strings.get(key), key in self._fallbacks)

    def __getitem__(self, key: str) -> str:
        self._note(key)
        return self._strings[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._note(key)
        return key in self._strings

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return self._strings.get(key, default)

    def __iter__(self) -> Iterator[str]:
        self.everything = True
        return iter(self._strings)

    def __len__(self) -> int:
        self.everything = True
        return len(self._strings)


class RecordingTexts(Texts):
    """Texts whose lookups are recorded in `strings.reads` (see RecordingStrings)."""

    strings: RecordingStrings  # type: ignore[assignment]

    def is_fallback(self, key: str) -> bool:
        self.strings._note(key)
        return super().is_fallback(key)

    def link(self, name: str) -> str | None:
        return self.strings.get(f"links.{name}")


def recording(texts: Texts) -> tuple[RecordingTexts, RecordingStrings, dict[str, Value]]:
    reads: dict[str, Value] = {}
    strings = RecordingStrings(texts.strings, texts.fallbacks, reads)
    return RecordingTexts(texts.lang, strings, set(texts.fallbacks), set(texts.stale)), strings, reads  # type: ignore[arg-type]


def still_valid(reads: Reads, texts: Texts) -> bool:
    """Whether every key a half read has the same value and fallback flag in `texts`."""
    if reads is None:
        return False
    return all((texts.strings.get(key), key in texts.fallbacks) == value for key, value in reads.items())


@dataclass(frozen=True)
class Half:
    """One half's PDFs and the texts it read to make them."""

    reads: Reads
    files: Files


@dataclass(frozen=True)
class LanguageBuild:
    """What one language's build gives back to the session (picklable: it may come from a forked worker)."""

    halves: dict[str, Half]
    built: tuple[str, ...]  # the halves laid out and rendered this time (the others were reused)

    @property
    def files(self) -> Files:
        return {name: made for half in self.halves.values() for name, made in half.files.items()}


def _make_halves(project: Project, personal: Personal) -> dict[str, Callable[[Texts], Files]]:
    def deck(texts: Texts) -> Files:
        return deck_pdfs(project, texts, language_styles(project, texts.lang), personal)

    def booklet(texts: Texts) -> Files:
        return booklet_pdfs(project, texts, language_styles(project, texts.lang), personal, BookletOptions())

    return {"deck": deck, "booklet": booklet}


def build_language_reusing(
    project: Project, lang: str, personal: Personal, previous: LanguageBuild | None
) -> LanguageBuild:
    """A language's PDFs, each half reused from `previous` (built from the same shared files) when the texts it
    read are unchanged, laid out and rendered otherwise."""
    texts = texts_for(project, lang)
    halves: dict[str, Half] = {}
    built = []
    for name, make in _make_halves(project, personal).items():
        old = previous.halves.get(name) if previous else None
        if old is not None and still_valid(old.reads, texts):
            halves[name] = old
            continue
        watched, strings, reads = recording(texts)
        files = make(watched)
        halves[name] = Half(None if strings.everything else reads, files)
        built.append(name)
    return LanguageBuild(halves, tuple(built))


def shared_stamp(options: BuildOptions, fonts_dir: Path | None) -> str:
    """A key of every file all languages share: content/ (but text/), the layouts in use, the fonts folder.

    Taken from (path, size, mtime) before the files are read, so an edit made while building changes the next
    key; any touch rebuilds (a conservative key: it never takes a changed file for an unchanged one).
    """
    text_dir = (options.content / "text").resolve()
    h = hashlib.sha256()
    folders = [(options.content, True), (options.layouts or BUILTIN_LAYOUTS, False), (BUILTIN_LAYOUTS, False)]
    if fonts_dir is not None:
        folders.append((fonts_dir, False))
    h.update(f"{fonts_dir}\n".encode())
    for folder, recursive in folders:
        for path in _files(folder, recursive):
            if path.resolve().parent == text_dir:
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
    return h.hexdigest()


def _files(folder: Path, recursive: bool) -> Iterable[Path]:
    try:
        found = folder.rglob("*") if recursive else folder.iterdir()
        return sorted(p for p in found if p.is_file())
    except OSError:
        return []
