"""Worker processes for one build run: every core for the work that is independent per file.

Pelican reads and renders in one process. The work our plugins add per file — reading a page
(Markdown, the page check, the claims lint), the output check of a written page, minifying and
compressing it — depends on nothing but that file and the build's settings and data, so it is
spread over worker processes.

Workers are *forked* from the build once its state is set up (the linter compiled, the data
files read), so a task carries only its file's own arguments, and a worker computes exactly
what the build process would have. Where ``fork`` is not available (macOS and Windows default
to ``spawn``, which would start every worker from nothing) the build runs in one process, as
it does with ``CLINIC_WORKERS = 1``, and so does a build run inside a process with other
threads (the web editor's preview). The results are the same either way: the tests build with
1 and 2 workers and compare the output byte for byte.

One thread is expected: ``pelican`` runs every build inside ``console.status("Generating...")``,
whose spinner (rich's ``Live``) redraws itself from a thread of its own, in a terminal or not.
That display is stopped while the workers are forked (so no lock of it is held in a child) and
started again at once: counting it as "other threads" kept every command-line build in one
process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = ["BuildPool", "worker_count"]

# Below this many tasks, starting workers costs more than it saves.
MIN_TASKS = 8


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _live_displays() -> list[Any]:
    """The rich ``Live`` displays (Pelican's "Generating..." spinner) whose refresh thread runs."""
    live = sys.modules.get("rich.live")
    kind = getattr(live, "_RefreshThread", None)
    if kind is None:
        return []
    return [t.live for t in threading.enumerate() if isinstance(t, kind) and t.is_alive()]


def _other_threads() -> int:
    """Threads besides this one, not counting the live displays :func:`_paused` stops."""
    return threading.active_count() - 1 - len(_live_displays())


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    """No live display redraws (its thread has ended) until the block is left."""
    displays = _live_displays()
    threads = [d._refresh_thread for d in displays]
    for display in displays:
        display.stop()
    for thread in threads:
        if thread is not None:
            thread.join(timeout=5)
    try:
        yield
    finally:
        for display in displays:
            display.start()


def worker_count(settings: dict[str, Any]) -> int:
    """``CLINIC_WORKERS`` (0 or unset: one per core this process may use); 1 where workers
    cannot be forked, or should not be: a process with other threads running (the web editor's
    preview builds in its server) could fork while one of them holds a lock. Pelican's spinner
    does not count: it is paused while the workers are forked."""
    if not _can_fork() or _other_threads() > 0:
        return 1
    wanted = settings.get("CLINIC_WORKERS") or 0
    try:
        wanted = int(wanted)
    except (TypeError, ValueError):
        wanted = 0
    if wanted > 0:
        return wanted
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class BuildPool:
    """A process pool started on first use and closed at the end of the run."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self.forked = 0  # worker processes started in this run (for the build log)

    @property
    def parallel(self) -> bool:
        return self.workers > 1 and not self._broken

    def _pool(self) -> ProcessPoolExecutor | None:
        if not self.parallel:
            return None
        if self._executor is None:
            context = multiprocessing.get_context("fork")
            with _paused():
                if _other_threads() > 0:  # started since the count was made
                    self._broken = True
                    return None
                executor = ProcessPoolExecutor(self.workers, mp_context=context)
                executor.submit(os.getpid)  # forks every worker now, while nothing redraws
            self._executor = executor
            self.forked += self.workers
        return self._executor

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any] | None:
        """Start ``fn(*args)`` in a worker; None when the build runs in one process."""
        pool = self._pool()
        if pool is None:
            return None
        try:
            return pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError, OSError):
            self._broken = True
            return None

    def take(self, future: Future[Any] | None, fn: Callable[..., Any], *args: Any) -> Any:
        """The result of ``future``; computed here instead when the worker failed (so that the
        error shows here, as it would without workers).

        It waits rather than doing the work itself: a busy build process would starve the
        pool's feeder thread of the GIL, and the workers would sit idle."""
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self._broken = True
            except Exception:  # noqa: BLE001 - computed again below, where it can be reported
                pass
        return fn(*args)

    def map(
        self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]], min_tasks: int = MIN_TASKS
    ) -> list[Any]:
        """``[fn(*task) for task in tasks]``, in order, spread over the workers (when there are
        at least ``min_tasks``)."""
        pool = self._pool() if len(tasks) >= min_tasks else None
        if pool is None:
            return [fn(*task) for task in tasks]
        chunk = max(1, min(16, len(tasks) // (self.workers * 8)))
        try:
            return list(pool.map(_Star(fn), tasks, chunksize=chunk))
        except BrokenProcessPool:
            self._broken = True
            return [fn(*task) for task in tasks]

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class _Star:
    """``fn(*args)`` as a picklable one-argument callable, for ``Executor.map``."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __call__(self, args: Iterable[Any]) -> Any:
        return self.fn(*args)
