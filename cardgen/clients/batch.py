"""`build --clients FILE.csv`: one personal booklet per client and language, nothing else.

Built to scale to a practice's whole client list:

- Each language's inner pages are laid out and rendered once (a template, clients/splice.py); per client only the
  cover is laid out and rendered, then spliced in as bytes. Measured on the 2-core machine: 0.24 s a booklet
  before; 45 ms of CPU a booklet before the byte splice, 16-17 ms after (benchmarks/batch.py).
- Clients are shared out in chunks to a process pool, one worker per core (fork: the workers inherit the
  loaded project and templates instead of rebuilding them).
- Each finished PDF goes straight to a staging folder inside the output folder, so memory stays flat however
  long the list; only when every booklet of every language is done are they renamed into place
  (OUT/<lang>/booklets/<slug>.pdf and <slug>-print.pdf). On any error the staging folder is removed and
  nothing is written, as before. The staging folder is the only other thing ever written, and it never
  outlives the run.
- Every client's name is checked against each language's fonts first, and a bad row is reported by its row
  number (clients.read_clients) before any work starts.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import BuildOptions, Output, coverage_reports, for_each_language, prepare
from ..errors import CardgenError, FitError, InputError, Interrupted, OutputError, Problem
from ..layout.booklet_cover import Personal, cover
from ..output.atomic import check_writable
from ..output.parallel import Stopped, end_workers, jobs, quiet_worker, stop_on_signals
from ..render.booklets import BookletOptions, booklet_info, inner_pages, render_booklet
from ..render.pdf import DocInfo, render_pages
from ..render.standards import Conformance
from ..source.load import Project
from ..text.fonts import FontChain, chain_for
from ..text.i18n import Coverage, Texts, texts_for
from ..text.preflight import Printed, missing_glyphs, right_to_left
from ..text.styles import StyleSheet, build_styles
from .splice import Template, make_template, personalise
from .table import ClientRow, read_clients

#: Clients per task: large enough that a task outweighs its hand-over, small enough for a smooth progress bar.
CHUNK = 16
#: Fewer booklets than this are made in this process: starting workers would cost more than it saves.
POOL_FROM = 24
FILE_ENDS = (".pdf", "-print.pdf")


def _client_strings(path: Path, rows: list[ClientRow]) -> list[Printed]:
    return [
        Printed(str(path), row.row, None, f"row {row.row}: {name}", value)
        for row in rows
        for name, value in vars(row.personal).items()
        if value
    ]


def _to_check(chain: FontChain, strings: list[Printed]) -> list[Printed]:
    """The strings with a character the chain may not draw, in order: each distinct character is looked up
    once, not once per row (the per-row check took 1.2 ms of the parent's time a client)."""
    chars: set[str] = set().union(*(item.text for item in strings))
    missing = {char for char in chars if not chain.covers(char)}
    return [item for item in strings if not missing.isdisjoint(item.text)] if missing else []


def _check_targets(out: Path, langs: list[str], rows: list[ClientRow]) -> None:
    """check_writable for every booklet, folder by folder: a slug is one file name (letters, digits, '-'; see
    table.slug), so each language's folder is checked once and then listed once for folders (or links) in the
    way, instead of resolving 2 paths a client (20,000 at 10,000 clients)."""
    names = {f"{row.slug}{end}": i for i, row in enumerate(rows) for end in FILE_ENDS}
    for lang in langs:
        folder = out / lang / "booklets"
        check_writable([folder / next(iter(names))], out)  # inside --out, a folder we can create and write in
        if not folder.is_dir():
            continue
        found = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name in names and (entry.is_symlink() or entry.is_dir()):
                    found.append((names[entry.name], entry.name))
        check_writable([folder / name for _, name in sorted(found)], out)  # the old messages, in list order


@dataclass
class _Language:
    """What a worker needs to make one language's booklets: its words, styles and rendered template."""

    texts: Texts
    styles: StyleSheet
    template: Template
    #: the cover's document info without a practitioner: tagged, but no XMP or OutputIntent (its ICC profile
    #: cost 11 ms a client to compress): splice takes only the cover's page, resources and structure
    info: DocInfo


#: Set in the parent before the pool forks, so workers inherit it (never pickled, never rebuilt).
_STATE: dict[str, object] = {}


def _template(project: Project, texts: Texts, styles: StyleSheet, options: BookletOptions) -> Template:
    inner = inner_pages(project, texts, styles)
    frames = [cover(project, texts, styles, Personal()), *inner]
    info = booklet_info(texts, Personal(), project.routine.source_language)
    made = render_booklet(project, frames, styles, info, options)
    (booklet, pages), (sheets, sides) = made["booklet.pdf"], made["booklet-print.pdf"]
    return make_template(booklet, sheets, pages, sides)


def _make(lang: str, rows: list[ClientRow], staging: str) -> list[tuple[str, str, int, int]] | list[Problem] | str:
    """Worker: each row's two PDFs of `lang`, written to the staging folder; (slug, file name, pages, size) each.

    Errors come back as data (a list of problems or a message): InputError does not survive pickling.
    """
    project: Project = _STATE["project"]  # type: ignore[assignment]
    language: _Language = _STATE["languages"][lang]  # type: ignore[index]
    folder = Path(staging) / lang
    made = []
    unfit: list[Problem] = []
    try:
        for row in rows:
            personal = row.personal
            info = replace(language.info, author=personal.cleaned().practitioner or "")
            try:
                front = cover(project, language.texts, language.styles, personal)
            except FitError as exc:  # a name too long for its box, even shrunk: the row to change
                unfit.append(Problem(str(_STATE["clients"]), row.row, None, f"row {row.row}", exc.message))
                continue
            page = render_pages([front], language.styles, info)
            booklet, sheets = personalise(language.template, page, info.author)
            for name, data, pages in (
                (f"{row.slug}.pdf", booklet, language.template.pages),
                (f"{row.slug}-print.pdf", sheets, language.template.print_pages),
            ):
                (folder / name).write_bytes(data)
                made.append((row.slug, name, pages, len(data)))
    except InputError as exc:
        return exc.problems
    except CardgenError as exc:
        return exc.format_message()
    return unfit or made


def _chunks(langs: list[str], rows: list[ClientRow]) -> Iterator[tuple[str, list[ClientRow]]]:
    for lang in langs:
        for start in range(0, len(rows), CHUNK):
            yield lang, rows[start : start + CHUNK]


def _results(tasks: list[tuple[str, list[ClientRow]]], staging: Path) -> Iterator[tuple[str, object]]:
    """(language, worker result) per task: in a process pool of one worker per core (parallel.jobs: not when
    other threads run, CARDGEN_JOBS=1 or one core), or here for a few."""
    workers = jobs(len(tasks)) if sum(len(rows) for _, rows in tasks) >= POOL_FROM else 1
    if workers == 1:
        for lang, rows in tasks:
            yield lang, _make(lang, rows, str(staging))
        return
    context = multiprocessing.get_context("fork")  # workers inherit _STATE; nothing is pickled but the rows
    queue = iter(tasks)
    # what is loaded so far lives as long as the run: the collector of each worker need not scan it (nor touch,
    # and so copy, its pages)
    gc.freeze()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=quiet_worker) as pool:
        try:
            # a few tasks in flight per worker, not the whole list: memory stays flat however long the list
            running: dict[Future, str] = {}
            for lang, rows in itertools.islice(queue, 2 * workers):
                running[pool.submit(_make, lang, rows, str(staging))] = lang
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    lang = running.pop(future)
                    yield lang, future.result()
                    for next_lang, rows in itertools.islice(queue, 1):
                        running[pool.submit(_make, next_lang, rows, str(staging))] = next_lang
        except BaseException:  # an error, Ctrl-C, SIGTERM, SIGHUP, or the caller stopped early: end the workers
            end_workers(pool)
            raise
        finally:
            gc.unfreeze()


def _move(staging: Path, out: Path, langs: list[str], outputs: list[Output]) -> None:
    """Every booklet made: only now do they take their places. A language's folder that does not exist yet is
    the staging folder's, renamed whole (one rename instead of 2 a client); else each file is renamed in."""
    fresh = set()
    for lang in langs:
        folder = out / lang / "booklets"
        if not folder.exists() and not folder.is_symlink():
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging / lang, folder)
            fresh.add(lang)
    for output in outputs:
        lang = output.path.parent.parent.name
        if lang not in fresh:
            output.path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / lang / output.path.name, output.path)


def build_clients(
    options: BuildOptions,
    clients: Path,
    progress: Callable[[str, int, int], None] | None = None,
    report: Callable[[list[Coverage]], None] | None = None,
) -> list[Output]:
    """Every client's booklets, or none. SIGINT, SIGTERM and SIGHUP end the workers and remove the staging
    folder before the run stops (Interrupted, exit 128 + the signal)."""
    try:
        with stop_on_signals():
            return _build_clients(options, clients, progress, report)
    except Stopped as exc:
        raise Interrupted(
            f"cardgen: stopped by {exc}; no client booklet was written and the staging folder was removed",
            exc.signum,
        ) from None


def _build_clients(
    options: BuildOptions,
    clients: Path,
    progress: Callable[[str, int, int], None] | None,
    report: Callable[[list[Coverage]], None] | None,
) -> list[Output]:
    project, langs = prepare(options)
    rows = read_clients(clients, options.personal)
    strings = _client_strings(clients, rows)
    problems: list[Problem] = []
    chains = {lang: chain_for(project.layout.spec.fonts, project.layout.fonts_dir, lang) for lang in langs}
    for lang, chain in chains.items():
        problems += right_to_left(lang, strings, str(clients)) or missing_glyphs(lang, chain, _to_check(chain, strings))
    if problems:
        raise InputError(problems)
    if report:
        report(coverage_reports(project, langs))
    out = options.out
    _check_targets(out, langs, rows)
    total = len(rows) * len(langs)
    if progress:
        progress(langs[0], 0, total)

    words = {lang: texts_for(project, lang) for lang in langs}
    styles = {lang: build_styles(project.layout.spec, chains[lang], lang) for lang in langs}

    def template(lang: str) -> Template:
        return _template(project, words[lang], styles[lang], options.booklet)

    # texts that do not fit (inner pages, cover) are reported for every language at once, at their file:line;
    # the templates are bytes, so languages render on all cores (build.for_each_language)
    templates = for_each_language(project, langs, template)
    source = project.routine.source_language
    languages = {
        lang: _Language(
            words[lang],
            styles[lang],
            templates[lang],
            replace(booklet_info(words[lang], Personal(), source), conformance=Conformance(tagged=True)),
        )
        for lang in langs
    }
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clients-", dir=out))
    made: list[tuple[str, str, Output]] = []
    unfit: list[Problem] = []  # names too long for the cover, from every chunk: reported together, by row
    results = _results(list(_chunks(langs, rows)), staging)
    try:
        for lang in langs:
            (staging / lang).mkdir()
        _STATE.update(project=project, languages=languages, clients=clients)
        done, step = 0, max(1, total // 100)
        left = dict.fromkeys(langs, len(rows))
        for lang, result in results:
            if isinstance(result, str):
                raise CardgenError(result)
            if result and isinstance(result[0], Problem):
                unfit += result  # type: ignore[arg-type]
                continue
            for slug, name, pages, size in result:  # type: ignore[misc]
                made.append((lang, slug, Output(out / lang / "booklets" / name, pages, size)))
            before, done = done, done + len(result) // 2
            left[lang] -= len(result) // 2
            building = next((other for other in langs if left[other]), "")  # not the one that just finished
            if progress and building and done // step != before // step:
                progress(building, done, total)
        if unfit:
            raise InputError(sorted(unfit, key=lambda p: p.line or 0))
        order = {(lang, row.slug): (i, j) for i, lang in enumerate(langs) for j, row in enumerate(rows)}
        made.sort(key=lambda item: order[item[:2]])
        outputs = [output for _, _, output in made]
        in_the_way = [o.path for o in outputs if o.path.is_dir()]
        if in_the_way:
            raise OutputError(f"cannot write {in_the_way[0]}: a folder is in the way")
        _move(staging, out, langs, outputs)
    finally:
        results.close()  # ends the workers first (the generator's own cleanup), so none writes into staging
        _STATE.clear()
        shutil.rmtree(staging, ignore_errors=True)
    if progress:
        progress("", total, total)
    return outputs
