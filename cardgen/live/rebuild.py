"""Rebuild on save: a warm build session that rebuilds only the languages a changed file touches.

One LiveBuild lives as long as `cardgen watch` or `cardgen serve` does, so imports, registered fonts and parsed
files (source.marked_yaml.reuse_parsed) are paid for once; a save then costs one load (every file is still
validated, as a build would) plus the layout and rendering of the languages it touches:

- content/text/<lang>.yaml of a translation: that language only;
- the source language's text, routine.yaml or any layout: every language (they all fall back on or use it).

Each language's PDFs are written only when their bytes changed (rendering is deterministic), so a change to the
booklet's text leaves deck.pdf and deck-sheets.pdf untouched. A failed rebuild writes nothing and keeps what it
was asked to rebuild pending, so the next good save catches up on every change made in between.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..build import BuildOptions, for_each_language, prepare
from ..errors import CardgenError, InputError, Problem
from ..output.atomic import ensure_writable_dir, write_all_atomic
from ..source.load import BUILTIN_LAYOUTS
from ..source.marked_yaml import Source, reuse_parsed
from .reuse import LanguageBuild, build_language_reusing, shared_stamp

WATCHED_SUFFIXES = (".yaml", ".yml")


class _All:
    """Pending marker: every language must be rebuilt."""

    def __repr__(self) -> str:
        return "ALL"


ALL = _All()


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did: its number, the languages built, the files written or left alone, or what failed."""

    number: int
    languages: tuple[str, ...]  # every language the project has now (the ones a viewer should show)
    built: tuple[str, ...]  # the languages rebuilt this time (each laid out and rendered only where it changed)
    written: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    message: str = ""  # an error that is not about one place in a file (a full disk, a bug)
    seconds: float = 0.0
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # lang -> PDF name -> bytes, for previews

    @property
    def ok(self) -> bool:
        return not self.problems and not self.message


class LiveBuild:
    """A build session that stays warm between rebuilds. Not thread-safe: one thread calls rebuild()."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.count = 0
        self._pending: set[str] | _All = ALL
        self._parsed: dict[str, tuple[bytes, Source]] = {}
        self._source_language: str | None = None
        self._content = options.content.resolve()
        #: each language's last build, reused half by half while the shared files keep this stamp
        self._last: dict[str, LanguageBuild] = {}
        self._last_shared: str | None = None
        self._fonts_dir: Path | None = None

    def watched_paths(self) -> list[Path]:
        """Content and layout folders (the user's layouts and the built-in ones they may extend)."""
        folders = [self.options.content, self.options.layouts or BUILTIN_LAYOUTS, BUILTIN_LAYOUTS]
        unique: dict[Path, Path] = {}
        for folder in folders:
            if folder.is_dir():
                unique.setdefault(folder.resolve(), folder)
        return list(unique.values())

    def affected(self, changed: Iterable[Path]) -> set[str] | _All:
        """The languages whose outputs a set of changed files can alter."""
        langs: set[str] = set()
        text_dir = self._content / "text"
        for path in changed:
            if path.suffix not in WATCHED_SUFFIXES:
                continue
            resolved = path.resolve()
            if resolved.parent != text_dir or self._source_language in (None, path.stem):
                return ALL
            langs.add(path.stem)
        return langs

    def rebuild(self, changed: Iterable[Path] | None = None) -> Rebuild:
        """Rebuild what `changed` (None: everything) and any earlier failed rebuild touched; write only then."""
        start = time.perf_counter()
        self.count += 1
        wanted = ALL if changed is None else self.affected(changed)
        if wanted is ALL or self._pending is ALL:
            self._pending = ALL
        else:
            self._pending |= wanted
        try:
            # stamped before anything is read: a file saved while this rebuild runs changes the next stamp
            fonts_dir = self._fonts_dir
            shared = shared_stamp(self.options, fonts_dir)
            with reuse_parsed(self._parsed):
                project, langs = prepare(self.options)
            self._source_language = project.routine.source_language
            self._fonts_dir = project.layout.fonts_dir
            if changed is None or shared != self._last_shared or fonts_dir != self._fonts_dir:
                self._last.clear()  # a shared file changed (or may have): nothing built before is reused
            for gone in set(self._last) - set(langs):  # a language removed: forget it (no texts to compare)
                del self._last[gone]
            targets = langs if self._pending is ALL else [lang for lang in langs if lang in self._pending]
            # texts that do not fit, in every language at once, each at its file:line
            personal, last = self.options.personal, self._last
            builds = for_each_language(
                project, targets, lambda lang: build_language_reusing(project, lang, personal, last.get(lang))
            )
            files = {lang: made.files for lang, made in builds.items()}
            written, unchanged = self._write(files)
            self._last.update(builds)
            # a stamp taken before the fonts folder was known (the first build) cannot vouch for the fonts read
            self._last_shared = shared if fonts_dir == self._fonts_dir else None
        except InputError as exc:
            return self._failed(start, problems=tuple(exc.problems))
        except CardgenError as exc:
            return self._failed(start, message=exc.message)
        except Exception as exc:  # a bug must not end the session the author is working in; show it instead
            detail = "".join(traceback.format_exception_only(exc)).strip()
            return self._failed(start, message=f"internal error, please report it: {detail}")
        self._pending = set()
        return Rebuild(
            number=self.count,
            languages=tuple(langs),
            built=tuple(targets),
            written=tuple(written),
            unchanged=tuple(unchanged),
            seconds=time.perf_counter() - start,
            files={lang: {name: data for name, (data, _) in out.items()} for lang, out in files.items()},
        )

    def _failed(self, start: float, problems: tuple[Problem, ...] = (), message: str = "") -> Rebuild:
        return Rebuild(
            number=self.count,
            languages=(),
            built=(),
            problems=problems,
            message=message,
            seconds=time.perf_counter() - start,
        )

    def _write(self, files: dict[str, dict[str, tuple[bytes, int]]]) -> tuple[list[Path], list[Path]]:
        """Write each PDF whose bytes differ from the one on disk; every language was rendered before this."""
        ensure_writable_dir(self.options.out)
        changed: dict[Path, bytes] = {}
        unchanged = []
        for lang, outputs in files.items():
            for name, (data, _) in outputs.items():
                path = self.options.out / lang / name
                if path.is_file() and path.read_bytes() == data:
                    unchanged.append(path)
                else:
                    changed[path] = data
        write_all_atomic(changed, self.options.out)  # all or nothing, like a build
        return list(changed), unchanged


def _yaml_only(_change: object, path: str) -> bool:
    return path.endswith(WATCHED_SUFFIXES) and not Path(path).name.startswith(".")


def changes(
    paths: list[Path],
    stop: threading.Event,
    ready: Callable[[], None] | None = None,
    lost: Callable[[list[Path]], None] | None = None,
) -> Iterator[set[Path] | None]:
    """Sets of changed content files, as editors save them, until `stop` is set or Ctrl-C.

    `ready` is called once the watcher is listening (its first idle tick), so nothing saved after it is missed.
    A watched folder that is deleted (or replaced, as `git checkout` or a sync tool may do) takes the operating
    system's watch with it: then `lost` is told which folders are gone, the folders are looked for every
    LOST_POLL seconds, and once all are back watching starts again and None is yielded: everything changed.
    """
    import watchfiles

    announced = False
    resumed = False  # the folders came back: rebuild everything once the new watch is listening
    while not stop.is_set():
        for batch in watchfiles.watch(
            *paths,
            watch_filter=_yaml_only,
            stop_event=stop,
            rust_timeout=200,
            yield_on_timeout=True,
            step=STEP_MS,
            raise_interrupt=False,
        ):
            if not announced:
                announced = True
                if ready:
                    ready()
            gone = [path for path in paths if not path.is_dir()]
            if gone:
                break
            if resumed:  # listening again, so a save made during this rebuild is not missed
                resumed = False
                yield None
            elif batch:
                yield {Path(p) for _, p in batch}
        else:
            return  # stopped, or Ctrl-C
        if lost:
            lost(gone)
        while not all(path.is_dir() for path in paths):
            if stop.wait(LOST_POLL):
                return
        resumed = True


#: How often a lost folder is looked for, in seconds.
LOST_POLL = 0.25
#: How long the watcher waits for a save's events to settle before yielding them, in ms (it yields after one to
#: two steps of quiet). An editor's save (write, or write a temporary file and rename it) is done within a
#: millisecond; 30 ms made every rebuild start 30 to 60 ms after the save, 5 ms starts it 5 to 10 ms after.
STEP_MS = 5
