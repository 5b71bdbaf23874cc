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

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
#: What the forked workers run; set just before the pool forks them, cleared after.
_JOB: Callable[[str], Any] | None = None


#: The signals that stop a run: the terminal's Ctrl-C, `kill` and a closed terminal (or ssh session).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """Raised in the main thread when a stop signal arrives; a BaseException, like KeyboardInterrupt, so no
    `except Exception` on the way mistakes it for a failure to retry."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within this block SIGINT, SIGTERM and SIGHUP raise Stopped, so `finally` blocks run (workers are ended,
    staging folders removed); by default SIGTERM and SIGHUP end Python at once, cleaning up nothing.

    Only the main thread may set handlers: elsewhere (a test runner's thread) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def quiet_worker() -> None:
    """A worker's initializer: the parent decides when to stop, so workers ignore Ctrl-C (sent to the whole
    process group) and die at once on the SIGTERM the parent sends them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in STOP_SIGNALS[1:]:
        signal.signal(sig, signal.SIG_DFL)


def end_workers(pool: Any) -> None:
    """Stop a ProcessPoolExecutor now: drop queued tasks and terminate its processes (they hold the terminal's
    output open and would go on writing into a staging folder that is being removed)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)


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
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=quiet_worker) as pool:
            try:
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
            except BaseException:  # Ctrl-C, a signal (Stopped): no worker outlives the run
                end_workers(pool)
                raise
    finally:
        _JOB = None
    for lang in langs:
        yield lang, results[lang]
