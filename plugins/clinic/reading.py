"""Where a page's record comes from: the build cache, a worker process, or reading it here.

Reading a page (Markdown, the page check, the registry merge, the claims lint) costs a few
milliseconds and depends only on the page's bytes and the build's inputs. So:

* an unchanged page costs a hash and a lookup: its record (``reader.PageRecord``) is kept in
  the build cache under a key of its path, its bytes and the fingerprint of everything else
  that could change it (``cache.Inputs``), and used only while the image files it read are
  unchanged;
* before Pelican reads the first page (``page_generator_init``), every page the cache does not
  have is handed to the worker processes, so that by the time Pelican asks for a page its
  record is usually ready; a page no worker has started yet is read here instead of waiting.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic_schema import SourceError, read_source
from clinic_schema.files import MAX_BYTES

from .cache import BuildCache, digest
from .pool import BuildPool

if TYPE_CHECKING:
    from .reader import PageRecord

__all__ = ["Reading", "file_stamp"]

KIND = "page"


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, ...]:
    """What changes whenever a file's bytes do (its ctime cannot be set back by any tool)."""
    try:
        info = os.stat(path)
    except OSError:
        return (-1,)
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


@dataclass
class _Pending:
    key: str
    text: str
    future: Future[Any] | None = None
    record: PageRecord | None = None


@dataclass
class Reading:
    """The records of one build run (``BuildState.reading``)."""

    cache: BuildCache
    pool: BuildPool
    fingerprint: str  # cache.Inputs.key("page"), or "" with no cache
    _pending: dict[str, _Pending] = field(default_factory=dict)
    identity: dict[str, str] = field(default_factory=dict)  # shown path -> digest of its inputs
    metadata: dict[str, str] = field(default_factory=dict)  # shown path -> of its metadata

    def key(self, source_path: str, text: str) -> str:
        return digest(self.fingerprint, os.path.abspath(source_path), text)

    def cached(self, key: str) -> PageRecord | None:
        record = self.cache.get(KIND, key) if self.cache.enabled else None
        if record is None:
            return None
        if any(file_stamp(path) != stamp for path, stamp in record.images):
            return None  # an image it used was changed since
        return record

    def prefetch(
        self,
        paths: list[str],
        root: Path,
        shown: Callable[[str], str],
        prepare: Callable[[], Any] | None = None,
    ) -> None:
        """Look every page up in the cache; start the rest in the workers, after ``prepare``
        (compiling the rules once, here, rather than in each worker)."""
        misses: list[tuple[str, _Pending]] = []
        for path in paths:
            try:
                text = read_source(Path(path), shown(path), root=root, max_bytes=MAX_BYTES)
            except SourceError:
                continue  # read() reports it
            key = self.key(path, text)
            pending = _Pending(key, text, record=self.cached(key))
            self._pending[path] = pending
            if pending.record is None:
                misses.append((path, pending))
        if len(misses) < 2 or not self.pool.parallel:
            return
        if prepare is not None:
            prepare()
        for path, pending in misses:
            pending.future = self.pool.submit(analyse_in_worker, path, pending.text, pending.key)

    def record(
        self, source_path: str, text: str, analyse: Callable[[str, str], PageRecord]
    ) -> PageRecord:
        """The record of ``text`` (the page's bytes as read now): prefetched, cached or read."""
        key = self.key(source_path, text)
        record = self._find(source_path, key, text, analyse)
        # What the page's rendering depends on from its source (render_cache.py): its bytes,
        # and the image files it used (a record is read again when one of them changes).
        self.identity[record.shown] = digest(key, repr(record.images))
        self.metadata[record.shown] = record.meta_digest
        return record

    def _find(
        self, source_path: str, key: str, text: str, analyse: Callable[[str, str], PageRecord]
    ) -> PageRecord:
        pending = self._pending.pop(source_path, None)
        if pending is not None and pending.key == key:
            if pending.record is not None:
                return pending.record
            if pending.future is not None:
                return self.pool.take(pending.future, self._read_here, analyse, source_path, text)
        record = self.cached(key) if pending is None or pending.key != key else None
        if record is not None:
            return record
        return self._read_here(analyse, source_path, text)

    def _read_here(
        self, analyse: Callable[[str, str], PageRecord], source_path: str, text: str
    ) -> PageRecord:
        record = analyse(source_path, text)
        self.cache.put(KIND, self.key(source_path, text), record)
        return record

    def discard(self) -> None:
        self._pending.clear()


_worker_reader: Any = None


def analyse_in_worker(source_path: str, text: str, key: str) -> PageRecord:
    """A worker's side of :meth:`Reading.prefetch`: read the page, keep it in the cache."""
    global _worker_reader
    from .reader import ClinicReader
    from .state import current

    state = current()
    if _worker_reader is None:
        _worker_reader = ClinicReader(state.settings)
    record = _worker_reader.analyse(source_path, text)
    state.reading.cache.put(KIND, key, record)
    return record
