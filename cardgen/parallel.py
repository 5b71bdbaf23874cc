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
from typing import Any

Files = dict[str, tuple[bytes, int]]
#: What the forked workers build from; set just before the pool forks them, cleared after.
_JOB: tuple[Callable[..., Files], tuple[Any, ...]] | None = None


def jobs(count: int) -> int:
    """How many worker processes to use for `count` languages (1 = build in this process)."""
    wanted = os.environ.get("CARDGEN_JOBS", "")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # forking a process that runs other threads can deadlock the child (a lock held mid-fork)
    return max(1, min(limit, count))


def _work(lang: str) -> Files:
    assert _JOB is not None
    build_language, args = _JOB
    return build_language(args[0], lang, *args[1:])


def map_languages(
    build_language: Callable[..., Files],
    langs: list[str],
    *args: Any,
    progress: Callable[[str, int, int], None] | None = None,
    cost: Callable[[str], float] | None = None,
) -> Iterator[tuple[str, Files]]:
    """(lang, files) for each language, in `langs` order; build_language(args[0], lang, *args[1:]).

    With workers, the costliest languages (by `cost`) start first, so the slowest one (Thai, shaped) does not
    run alone at the end while the other core idles.
    """
    global _JOB
    workers = jobs(len(langs))
    if workers == 1:
        for index, lang in enumerate(langs):
            if progress:
                progress(lang, index, len(langs))
            yield lang, build_language(args[0], lang, *args[1:])
        return
    import multiprocessing  # only here: with the pool, 12 ms of imports a one-language build does not need
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[str, Files] = {}
    _JOB = (build_language, args)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            order = sorted(langs, key=cost, reverse=True) if cost else langs
            futures = {pool.submit(_work, lang): lang for lang in order}
            for done, future in enumerate(as_completed(futures)):
                lang = futures[future]
                if progress:
                    progress(lang, done, len(langs))
                try:
                    results[lang] = future.result()
                except Exception:
                    results[lang] = build_language(args[0], lang, *args[1:])  # raise it here, as serial would
    finally:
        _JOB = None
    for lang in langs:
        yield lang, results[lang]
