"""Decide which languages a build must redo, from content hashes, before anything heavy is imported.

A build leaves `.cardgen-manifest.json` in its output folder: per language, a key (a hash of every input that
can change its PDFs) and the PDFs it wrote (size, mtime, pages). The next `cardgen build` recomputes the keys and
rebuilds only the languages whose key changed or whose PDFs are missing or were touched. Inputs:

- cardgen's own code, its shipped body views, and the libraries that draw (a changed renderer must rebuild);
- the build options (client name, --strict, ...), everything the command was given but the language list,
  and SOURCE_DATE_EPOCH (the dates written into the PDFs);
- every file under content/ except other languages' text, every layout file, every file in the fonts folder;
- the language's own text file, and the source language's (translations fall back on it).

Only the standard library is used: the whole point is that a no-op costs a Python start plus some stat() calls,
not the 0.3 s of importing reportlab, pydantic, YAML and Jinja2. File hashes are reused while a file's size and
mtime are unchanged (git's index does the same); any change is hashed again, so a touched-but-equal file
rebuilds nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from .. import __version__
from ..source.builtin import builtin_layouts

NAME = ".cardgen-manifest.json"
#: Bump when the manifest's layout or the meaning of a key changes; an older manifest then rebuilds everything.
FORMAT = 1
PACKAGE = Path(__file__).resolve().parents[1]
#: The folder source/load.py BUILTIN_LAYOUTS names (asked of source/builtin: load imports YAML and pydantic).
BUILTIN_LAYOUTS = builtin_layouts()
#: Libraries whose upgrade can change the bytes of a PDF; located without importing them.
RENDERING_LIBRARIES = ("reportlab", "uharfbuzz", "pyphen", "pydantic", "yaml", "jinja2", "svgelements")
#: Data shipped inside the package that drawings are made from: the body views.
PACKAGE_DATA = ("diagrams/views",)

FileStamp = tuple[int, int]  # (size, mtime_ns)


def _stamp(path: Path) -> FileStamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


# NamedTuples and a plain class rather than dataclasses: dataclasses imports inspect, a tenth of what a no-op
# build costs.


class Inputs(NamedTuple):
    """What a build reads, as the command line names it; `options` is every other option, as text."""

    content: Path
    layouts: Path | None
    options: Mapping[str, object]


class Entry(NamedTuple):
    """One language's record: the key it was built from and the PDFs that build wrote."""

    key: str
    outputs: dict[str, list[int]]  # file name -> [size, mtime_ns, pages]

    def intact(self, folder: Path) -> bool:
        """Every PDF still there, untouched since the build wrote it."""
        return bool(self.outputs) and all(
            _stamp(folder / name) == (size, mtime) for name, (size, mtime, _) in self.outputs.items()
        )


class Manifest:
    """The output folder's record of what was built from what."""

    def __init__(
        self,
        out: Path,
        source_language: str | None = None,
        fonts_dir: str | None = None,
        entries: dict[str, Entry] | None = None,
        hashes: dict[str, list] | None = None,
    ) -> None:
        self.out = out
        self.source_language = source_language
        self.fonts_dir = fonts_dir
        self.entries: dict[str, Entry] = entries if entries is not None else {}
        self.hashes: dict[str, list] = hashes if hashes is not None else {}  # path -> [size, mtime_ns, sha256]

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in `out`, or an empty one (no folder, no file, unreadable, other format: rebuild all)."""
        try:
            data = json.loads((out / NAME).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls(out)
            entries = {lang: Entry(e["key"], e["outputs"]) for lang, e in data["languages"].items()}
            return cls(out, data["source_language"], data["fonts_dir"], entries, data.get("hashes", {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(out)

    # -- keys ---------------------------------------------------------------------------------------------

    def _digest(self, path: Path) -> str:
        """sha256 of a file's bytes, reusing the recorded one while size and mtime are unchanged."""
        stamp = _stamp(path)
        if stamp is None:
            return "missing"
        recorded = self.hashes.get(str(path))
        if recorded and (recorded[0], recorded[1]) == stamp:
            return recorded[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.hashes[str(path)] = [*stamp, digest]
        return digest

    def keys(self, inputs: Inputs, langs: Iterable[str], source_language: str, fonts_dir: Path) -> dict[str, str]:
        """Each language's key; languages share everything but their own text file."""
        shared = hashlib.sha256()
        # SOURCE_DATE_EPOCH sets the dates written into every PDF (render/pdf.py), so it is an input too
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        shared.update(json.dumps([FORMAT, _code_fingerprint(), dict(inputs.options), epoch], sort_keys=True).encode())
        text_dir = inputs.content / "text"
        for role, path in _shared_files(inputs, text_dir, source_language, fonts_dir):
            shared.update(f"{role}\0{path.name}\0{self._digest(path.resolve())}\n".encode())
        own: dict[str, list[Path]] = {}
        for path in _files(text_dir):
            own.setdefault(_language_of(path), []).append(path)
        # bilingual cards (--back-lang) print a second language's text: its files are that build's input too
        back = inputs.options.get("back_lang")
        if isinstance(back, str) and back != "None":
            import ast  # only here: a no-op build imports as little as it can

            back = ast.literal_eval(back)
        else:
            back = None
        keys = {}
        for lang in langs:
            key = shared.copy()
            for owner in dict.fromkeys([lang, *([back] if back else [])]):
                for path in own.get(owner, [text_dir / f"{owner}.yaml"]):  # a missing file hashes as "missing"
                    key.update(f"text\0{path.name}\0{self._digest(path.resolve())}\n".encode())
            keys[lang] = key.hexdigest()
        return keys

    # -- deciding and recording ---------------------------------------------------------------------------

    def stale(self, inputs: Inputs, langs: list[str]) -> list[str]:
        """The languages of `langs` that must be built again (all of them when nothing was recorded)."""
        if self.source_language is None or self.fonts_dir is None:
            return list(langs)
        keys = self.keys(inputs, langs, self.source_language, Path(self.fonts_dir))
        return [
            lang
            for lang in langs
            if lang not in self.entries
            or self.entries[lang].key != keys[lang]
            or not self.entries[lang].intact(self.out / lang)
        ]

    def record(
        self,
        inputs: Inputs,
        source_language: str,
        fonts_dir: Path,
        written: Iterable[tuple[Path, int]],
    ) -> None:
        """Remember what was just written ((path, pages), each under OUT/<lang>/) and save the manifest atomically.

        Languages built earlier keep their entries: each entry carries its own key, checked on its own.
        """
        if (source_language, str(fonts_dir)) != (self.source_language, self.fonts_dir):
            self.entries.clear()  # recorded under another source language or font folder: keys are not comparable
        self.source_language, self.fonts_dir = source_language, str(fonts_dir)
        by_lang: dict[str, dict[str, list[int]]] = {}
        for path, pages in written:
            lang, *rest = path.relative_to(self.out).parts
            stamp = _stamp(path)
            if rest and stamp is not None:
                by_lang.setdefault(lang, {})["/".join(rest)] = [*stamp, pages]
        keys = self.keys(inputs, by_lang, source_language, fonts_dir)
        for lang, outputs in by_lang.items():
            self.entries[lang] = Entry(keys[lang], outputs)
        self.save()

    def save(self) -> None:
        """Write the manifest; a folder that cannot take it only means the next build redoes everything."""
        from ..errors import CardgenError
        from .atomic import write_atomic

        data = {
            "format": FORMAT,
            "source_language": self.source_language,
            "fonts_dir": self.fonts_dir,
            "languages": {lang: {"key": e.key, "outputs": e.outputs} for lang, e in sorted(self.entries.items())},
            "hashes": dict(sorted(self.hashes.items())),
        }
        with contextlib.suppress(OSError, CardgenError):  # the PDFs are written; this is a shortcut for next time
            write_atomic(self.out / NAME, (json.dumps(data, indent=1) + "\n").encode())

    def pages(self, lang: str, name: str) -> int:
        return self.entries[lang].outputs[name][2]

    def recorded_outputs(self, lang: str) -> list[tuple[Path, int, int]]:
        """(path, pages, size) of each PDF recorded for a language, for listing what was left as it was."""
        entry = self.entries.get(lang)
        if entry is None:
            return []
        return [(self.out / lang / name, pages, size) for name, (size, _, pages) in entry.outputs.items()]

    def unchanged_lines(self, langs: Iterable[str]) -> list[str]:
        """The status line of each PDF left as it was, for the languages `langs` (the build command prints them,
        and so does the no-op answered before click is imported: cardgen/commands/noop.py)."""
        return [output_line("unchanged", *output) for lang in langs for output in self.recorded_outputs(lang)]


def human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def output_line(verb: str, path: Path, pages: int, size: int) -> str:
    """`wrote build/en/deck.pdf  12 pages  69.4 KB`: what a build says about each PDF."""
    return f"{verb} {path}  {pages} page{'s' if pages != 1 else ''}  {human_size(size)}"


def languages(content: Path) -> list[str]:
    """The languages a build without --lang builds: one text file each (as load.load_texts finds them)."""
    return [p.stem for p in sorted((content / "text").glob("*.yaml")) if not p.name.endswith(".lock.yaml")]


def _language_of(path: Path) -> str:
    """Which language a file in text/ belongs to: ru.yaml and ru.lock.yaml are both Russian's."""
    return path.name.split(".")[0]


def _shared_files(inputs: Inputs, text_dir: Path, source_language: str, fonts_dir: Path) -> Iterable[tuple[str, Path]]:
    """(role, path) of every input shared by all languages, in a stable order."""
    text_dir = text_dir.resolve()
    for path in _files(inputs.content, recursive=True):
        if path.resolve().parent == text_dir and _language_of(path) != source_language:
            continue  # another language's text (or its lock file): in that language's key only
        yield "content", path
    for folder in dict.fromkeys(f for f in (inputs.layouts, BUILTIN_LAYOUTS) if f is not None):
        for path in _files(folder):
            yield "layouts", path
    for path in _files(fonts_dir):
        yield "fonts", path


def _files(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Regular files of a folder (sorted; hidden ones skipped: editors' swap files are not inputs)."""
    try:
        found = folder.rglob("*") if recursive else folder.iterdir()
        return sorted(
            p for p in found if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
    except OSError:
        return []


_CODE: list[str] = []


def _code_fingerprint() -> str:
    """cardgen's version and source, Python's version and where each rendering library is (and how big).

    Source files are hashed by stamp (size, mtime) rather than bytes: about 100 stat() calls instead of reading
    the whole package, and any edit changes a stamp. Listed with os.walk, a third of what Path.rglob costs.
    """
    if not _CODE:
        h = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
        root = str(PACKAGE)
        files = [os.path.join(f, n) for f, _, names in os.walk(root) for n in names if n.endswith(".py")]
        for folder in PACKAGE_DATA:
            with contextlib.suppress(OSError):
                files += [e.path for e in os.scandir(PACKAGE / folder) if e.is_file()]
        for path in sorted(os.path.relpath(f, root) for f in files):
            h.update(f"{path}\0{_stamp(PACKAGE / path)}\n".encode())
        for name in RENDERING_LIBRARIES:
            spec = find_spec(name)
            origin = spec.origin if spec and spec.origin else None
            h.update(f"{name}\0{origin}\0{_stamp(Path(origin)) if origin else None}\n".encode())
        _CODE.append(h.hexdigest())
    return _CODE[0]


def options_text(options: Mapping[str, object], leave_out: Iterable[str] = ("langs", "out", "force")) -> dict:
    """Command options as text for the key; paths made absolute so the same folder by another name matches."""
    out = {}
    for name, value in sorted(options.items()):
        if name in leave_out:
            continue
        out[name] = str(Path(value).resolve()) if isinstance(value, Path) else repr(value)
    return out
