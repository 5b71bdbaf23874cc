"""Lay out and render several languages at once, one per core, in processes forked after the imports.

A build of every language pays its imports (about 0.3 s) once; what is left is per-language work that shares
nothing, so it spreads over the machine's cores. Workers are forked from the building process after the
project is loaded and its fonts registered, so they start with all of that in memory (copy-on-write) instead
of importing and parsing again; only each language's finished PDF bytes travel back.

Serial when there is one language or one core, where fork is unavailable, when other threads run (watch,
serve, a test runner's worker), or when CARDGEN_JOBS=1. A worker that fails for any reason has its language
built again here, in this process, so a content error is raised exactly as a serial build raises it
(exceptions do not always survive the trip between processes).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
#: What the forked workers run; set just before the pool forks them, cleared after.
_JOB: Callable[[str], Any] | None = None


def jobs(count: int) -> int:
    """How many worker processes to use for `count` languages (1 = build in this process)."""
    wanted = os.environ.get("CARDGEN_JOBS", "")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # forking a process that runs other threads can deadlock the child (a lock held mid-fork)
    return max(1, min(limit, count))


def _work(lang: str) -> Any:
    assert _JOB is not None
    return _JOB(lang)


def _here(work: Callable[[str], T], lang: str, catch: tuple[type[BaseException], ...]) -> T | BaseException:
    try:
        return work(lang)
    except catch as exc:
        return exc


def map_languages(
    work: Callable[[str], T],
    langs: list[str],
    *,
    progress: Callable[[str, int, int], None] | None = None,
    cost: Callable[[str], float] | None = None,
    catch: tuple[type[BaseException], ...] = (),
) -> Iterator[tuple[str, T | BaseException]]:
    """(lang, work(lang)) for each language, in `langs` order; an exception of a `catch` type is yielded in
    place of the result (so a caller can collect every language's problems), any other propagates.

    With workers, the costliest languages (by `cost`) start first, so the slowest one (Thai, shaped) does not
    run alone at the end while the other core idles. `progress` gets (a language being built,
    languages done, in all), before each language starts (serial) or as each one ends (workers).
    """
    global _JOB
    workers = jobs(len(langs))
    if workers == 1:
        for index, lang in enumerate(langs):
            if progress:
                progress(lang, index, len(langs))
            yield lang, _here(work, lang, catch)
        return
    import multiprocessing  # only here: with the pool, 12 ms of imports a one-language build does not need
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[str, T | BaseException] = {}
    _JOB = work
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            order = sorted(langs, key=cost, reverse=True) if cost else langs
            futures = {pool.submit(_work, lang): lang for lang in order}
            unfinished = list(order)  # progress names a language still being built, never one just finished
            if progress:
                progress(unfinished[0], 0, len(langs))
            for done, future in enumerate(as_completed(futures), 1):
                lang = futures[future]
                unfinished.remove(lang)
                if progress and unfinished:
                    progress(unfinished[0], done, len(langs))
                try:
                    results[lang] = future.result()
                except Exception:
                    results[lang] = _here(work, lang, catch)  # again here: raised (or caught) as serial would
    finally:
        _JOB = None
    for lang in langs:
        yield lang, results[lang]
