"""Lint many files: discovery, a per-file content-hash cache, and multi-core linting."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import multiprocessing as mp
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .config import Config
from .engine import KINDS, Linter, decode_bytes, detect_kind
from .model import InputError, LintResult
from .pages import PageChecker, not_a_regular_file

__all__ = ["collect_files", "lint_files", "ResultCache"]

PARALLEL_MIN_FILES = 48  # below this, starting worker processes costs more than it saves


def collect_files(paths: Iterable[str | Path], config: Config) -> list[Path]:
    """Pages under ``paths``: .md/.markdown/.html/.htm/.txt, skipping excluded folders (data/)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.is_dir() and (path.exists() or path.is_symlink()):
            out.append(path)  # a file, or something else named: refused when it is read
            continue
        if not path.is_dir():
            raise InputError(str(p), 0, "no such file or folder")
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not _excluded(d, config.exclude))
            for name in sorted(files):
                if Path(name).suffix.lower() in KINDS and not _excluded(name, config.exclude):
                    out.append(Path(root) / name)
    seen: set[Path] = set()
    unique = []
    for f in out:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pat) for pat in patterns)


class ResultCache:
    """One JSON file per (file content, path, rules, config, evidence, date) under ``root``."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = root
        self.version = version

    def key(self, path: str, data: bytes) -> str:
        h = hashlib.sha256(self.version.encode())
        h.update(b"\0" + path.encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str) -> LintResult | None:
        try:
            raw = (self.root / key[:2] / f"{key}.json").read_text(encoding="utf-8")
            return LintResult.from_dict(json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: LintResult) -> None:
        target = self.root / key[:2] / f"{key}.json"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(result.to_dict(), fh, ensure_ascii=False)
            os.replace(tmp, target)  # atomic: parallel runs never see half a file
        except OSError:
            pass  # a cache that cannot be written is only slower


def _lint_one(
    linter: Linter, path: str, data: bytes, pages: PageChecker | None = None
) -> LintResult:
    try:
        text = decode_bytes(data, path, linter.config.max_file_bytes)
        result = linter.lint_source(text, path, detect_kind(path))
    except InputError as exc:
        return LintResult(path=path, error=exc)
    if pages is not None:
        result.findings = sorted(result.findings + pages.findings(path, text))
    return result


_WORKER: Linter | None = None
_PAGES: PageChecker | None = None


def _init_worker(config: Config, check_pages: bool = True) -> None:
    global _WORKER, _PAGES
    _WORKER = Linter(config)
    _PAGES = PageChecker(config.effective_today()) if check_pages else None


def _work(batch: list[tuple[str, str]]) -> list[tuple[dict, bool]]:  # type: ignore[type-arg]
    """Lint files in a worker, which reads them itself (cheaper than sending the bytes).

    Each result says whether the file still had the content the parent hashed, so a file
    edited mid-run is never cached under its old key.
    """
    assert _WORKER is not None
    keyer = ResultCache(Path("."), _WORKER.version)
    out = []
    for p, key in batch:
        try:
            data = Path(p).read_bytes()
        except OSError as exc:
            err = InputError(p, 0, f"cannot read file: {exc.strerror or exc}")
            out.append((LintResult(p, error=err).to_dict(), False))
            continue
        extra = _PAGES.digest(Path(p)) if _PAGES else b""
        same = not key or keyer.key(p, data + extra) == key
        out.append((_lint_one(_WORKER, p, data, _PAGES).to_dict(), same))
    return out


def lint_files(
    files: list[Path],
    config: Config,
    linter: Linter | None = None,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    pages: PageChecker | None = None,
) -> list[LintResult]:
    """Lint ``files`` (in order), reusing cached results and using all cores for big trees.

    With ``pages``, pages of a clinic site also get the site's page check (cached with the
    data files it depends on).
    """
    linter = linter or Linter(config)
    cache = (
        ResultCache(config.cache_dir, linter.version)
        if use_cache and config.cache_dir is not None
        else None
    )
    results: dict[str, LintResult] = {}
    todo: list[tuple[str, bytes, str]] = []
    for f in files:
        path = str(f)
        refused = not_a_regular_file(f, config.root)
        if refused:
            results[path] = LintResult(
                path=path,
                error=InputError(path, 1, refused, "claims-lint reads regular files only"),
            )
            continue
        try:
            size = f.stat().st_size
            if size > config.max_file_bytes:
                raise InputError(
                    path,
                    1,
                    f"file is {size / 1048576:.1f} MB; claims-lint reads files up to "
                    f"{config.max_file_bytes / 1048576:.0f} MB",
                    "split the page, or raise max_file_bytes in the config",
                )
            data = f.read_bytes()
        except InputError as exc:
            results[path] = LintResult(path=path, error=exc)
            continue
        except OSError as exc:
            results[path] = LintResult(
                path=path, error=InputError(path, 0, f"cannot read file: {exc.strerror or exc}")
            )
            continue
        extra = pages.digest(f) if pages else b""
        key = cache.key(path, data + extra) if cache else ""
        hit = cache.get(key) if cache else None
        if hit is not None:
            results[path] = hit
        else:
            todo.append((path, data, key))
    n_jobs = jobs if jobs is not None else config.jobs
    if n_jobs <= 0:
        n_jobs = os.cpu_count() or 1
    if n_jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        fresh = _parallel(todo, config, n_jobs, pages is not None)
    else:
        fresh = [(_lint_one(linter, p, d, pages), True) for p, d, _ in todo]
    for (path, _, key), (res, cacheable) in zip(todo, fresh, strict=True):
        results[path] = res
        if cache and cacheable:
            cache.put(key, res)
    return [results[str(f)] for f in files]


def _parallel(
    todo: list[tuple[str, bytes, str]], config: Config, jobs: int, check_pages: bool
) -> list[tuple[LintResult, bool]]:
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    size = max(1, min(64, len(todo) // (jobs * 4) or 1))
    batches = [[(p, k) for p, _, k in todo[i : i + size]] for i in range(0, len(todo), size)]
    out: list[tuple[LintResult, bool]] = []
    with ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_init_worker, initargs=(config, check_pages)
    ) as ex:
        for batch in ex.map(_work, batches):
            out.extend((LintResult.from_dict(r), same) for r, same in batch)
    return out
