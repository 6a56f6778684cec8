"""A persistent, content-keyed cache: work is done once per content, not once per build.

Each kind of work the build repeats on unchanged input keeps its results here (by default
``.cache/build/``, beside the image cache), one file per result, named by a key:

==========  ==================================================================================
kind        what is kept, and what its key hashes besides the fingerprint of its inputs
==========  ==================================================================================
``page``    the reader's record of one source page (HTML, metadata, problems, claims, images):
            the page's path and bytes; the record also lists the image files it read, and is
            used only while each of them is unchanged
``render``  (development builds) one rendered page: the page's own record, its findings and
            address, and an index of every page's metadata (any page may list any other)
``verify``  the output check of one written HTML file: its bytes and what it is checked against
``publish`` one page minified, with its Content-Security-Policy findings: its bytes, the asset
            names
``compress`` the ``.gz`` and ``.br`` of one file: its bytes and the compression settings
==========  ==================================================================================

The fingerprint of a kind (:class:`Inputs`) hashes every input that could change its results:
all of ``plugins/`` (the plugin code, the claims engine's code and every rule file in it,
recursively, so the key follows any reorganisation of the rules), the data files
(``treatments.yaml``, ``evidence.yaml``, ``clinic.yaml``, …), the settings, the theme (for what
is rendered), the day the build runs for (reviews and evidence expire), the working folder (the
paths problems are shown with), the names of the other files under ``content/`` (image paths
resolve against them) and the versions of Python and of every library whose output we keep.
A key never names a file's modification time: content decides.

A result is written atomically (a temporary file renamed into place), so parallel builds can
share a cache; a file that cannot be read or unpickled is a miss, never an error. Entries not
used for ``CLINIC_CACHE_DAYS`` (14) days are removed, at most once a day.

``pelican --ignore-cache`` (``invoke build --no-cache``, ``invoke rebuild``) reads nothing from
the cache and fills it afresh; ``CLINIC_CACHE = None`` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache

__all__ = [
    "KINDS",
    "BuildCache",
    "Inputs",
    "TemplateBytecode",
    "canonical",
    "digest",
    "tree_digest",
]

# Bump when the layout of what is stored changes in a way the code digest cannot see.
FORMAT = "1"
KINDS = ("page", "render", "verify", "publish", "compress")
# Libraries whose output ends up in what is cached (a new version may write other bytes).
LIBRARIES = (
    "pelican",
    "markdown",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "jsonschema",
    "selectolax",
    "lxml",
    "beautifulsoup4",
    "minify-html",
    "rcssmin",
    "brotli",
    "pillow",
)
_SKIP_DIRS = {"__pycache__", ".git", ".pytest_cache", ".ruff_cache", ".claims-lint-cache"}
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_TOUCH_AFTER = 86400  # refresh a used entry's mtime at most once a day (it marks it as used)


def digest(*parts: bytes | str) -> str:
    """sha256 of ``parts``, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def tree_digest(root: str | os.PathLike[str], *, names_only: bool = False) -> str:
    """Every file under ``root``, recursively: relative path and bytes (or the names alone).

    Caches, byte-code and VCS folders are left out; a missing folder hashes as empty.
    """
    h = hashlib.sha256()
    base = Path(root)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(folder) / name
            rel = path.relative_to(base).as_posix()
            h.update(rel.encode("utf-8") + b"\0")
            if names_only:
                continue
            try:
                h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError as exc:  # unreadable: part of the key all the same
                h.update(f"unreadable:{exc.errno}".encode())
    return h.hexdigest()


def canonical(value: Any, depth: int = 0) -> Any:
    """A stable, hashable description of ``value`` (settings, metadata): the same on every run.

    Sets are sorted, modules, functions and classes are named, objects are described by their
    type and fields. ``repr`` alone would not do: it shows memory addresses, and a set's order
    changes from one Python process to the next.
    """
    if depth > 12:
        return "…"
    nxt = depth + 1
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return f"{type(value).__name__}:{value.isoformat()}"
    if isinstance(value, dt.timedelta):
        return f"timedelta:{value.total_seconds()}"
    if isinstance(value, os.PathLike):
        return f"path:{os.fspath(value)}"
    if isinstance(value, dict):
        items = [(canonical(k, nxt), canonical(v, nxt)) for k, v in value.items()]
        if all(type(k) is str for k, _ in items):  # the usual case: no repr of every item
            items.sort(key=_first)
        else:
            items.sort(key=repr)
        return ("dict", items)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [canonical(v, nxt) for v in value])
    if isinstance(value, (set, frozenset)):
        return ("set", sorted((canonical(v, nxt) for v in value), key=repr))
    if isinstance(value, types.ModuleType):
        return f"module:{value.__name__}"
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    if dataclasses.is_dataclass(value):  # its fields in their declared order
        names = _field_names(type(value))
        fields = [(name, canonical(getattr(value, name, None), nxt)) for name in names]
        return (type(value).__qualname__, ("fields", fields))
    if hasattr(value, "__dict__"):
        state = {k: v for k, v in vars(value).items() if not callable(v)}
        return (type(value).__qualname__, canonical(state, nxt))
    return _ADDRESS.sub("", repr(value))


def _first(item: tuple[Any, Any]) -> Any:
    return item[0]


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names (classes themselves are named before this is reached)."""
    return tuple(f.name for f in dataclasses.fields(kind))


@cache
def library_versions() -> str:
    """Python's version and those of the libraries whose output is cached."""
    versions = [sys.version]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return "\n".join(versions)


@dataclasses.dataclass
class Inputs:
    """The fingerprints of everything outside a page that can change a cached result."""

    plugins: str  # every file under plugins/ (code, rules, schemas), recursively
    theme: str  # templates and static files
    data: str  # content/data/: the registry, the evidence register, clinic.yaml
    settings: str  # the Pelican settings, canonical
    content_names: str  # names of the files under content/ other than pages
    today: str  # reviews and evidence expire: results hold for one day
    cwd: str  # problems name files relative to the working folder

    @classmethod
    def collect(cls, settings: dict[str, Any], today: dt.date) -> Inputs:
        content = Path(settings["PATH"])
        plugins = Path(__file__).resolve().parent.parent
        data = content / settings.get("CLINIC_DATA_DIR", "data")
        return cls(
            plugins=tree_digest(plugins),
            theme=tree_digest(settings.get("THEME") or ""),
            data=tree_digest(data),
            settings=digest(repr(canonical(_settings_for_key(settings)))),
            content_names=_content_names(content, data),
            today=today.isoformat(),
            cwd=os.getcwd(),
        )

    def key(self, kind: str) -> str:
        """The fingerprint of ``kind``: only the inputs that can change its results."""
        parts = [FORMAT, kind, library_versions()]
        if kind == "compress":  # bytes in, bytes out: the caller adds its parameters
            return digest(*parts)
        parts += [self.plugins, self.settings]
        if kind in ("page", "render", "verify"):
            parts += [self.data, self.today, self.cwd]
        if kind in ("page", "render"):
            parts.append(self.content_names)
        if kind == "render":
            parts.append(self.theme)
        return digest(*parts)


# Settings that say where things go or how the work is spread, never what is in the output
# (the tests compare the output of builds that differ in them).
_NOT_CONTENT = frozenset(
    {
        "OUTPUT_PATH",
        "LOAD_CONTENT_CACHE",
        "CACHE_PATH",
        "CLINIC_CACHE",
        "CLINIC_CACHE_DAYS",
        "CLINIC_IMAGE_CACHE",
        "CLINIC_WORKERS",
        "DELETE_OUTPUT_DIRECTORY",
        "OUTPUT_RETENTION",
    }
)


def _settings_for_key(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if k not in _NOT_CONTENT}


def _content_names(content: Path, data: Path) -> str:
    """The names of content/'s files other than Markdown pages: where an image reference
    resolves, and the "did you mean" of one that does not, depend on them."""
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        if Path(folder) == data:
            continue
        for name in sorted(files):
            if not name.endswith((".md", ".markdown")):
                h.update((Path(folder) / name).relative_to(content).as_posix().encode() + b"\0")
    return h.hexdigest()


class BuildCache:
    """Results on disk by kind and key. ``read=False`` (``--ignore-cache``): fill, never use."""

    def __init__(self, root: str | os.PathLike[str] | None, *, read: bool = True) -> None:
        self.root = Path(root) if root else None
        self.read = read
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self._folders: set[Path] = set()  # folders known to exist (put)
        self._serial = 0  # temporary files written by this process (put)

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes with some tasks: what this process knows of its folders
        # stays here (a copy would only make every task's arguments larger).
        return {**self.__dict__, "_folders": set(), "_serial": 0}

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> Any | None:
        """The result stored under ``key``, or None (a miss, or the cache is not read)."""
        if self.root is None or not self.read:
            return None
        path = self._path(kind, key)
        try:
            with open(path, "rb") as handle:
                value = pickle.load(handle)
                if time.time() - os.fstat(handle.fileno()).st_mtime > _TOUCH_AFTER:
                    os.utime(handle.fileno())
        except FileNotFoundError:
            self.misses[kind] += 1
            return None
        except Exception:  # a truncated or foreign file: a miss, never an error
            self.misses[kind] += 1
            return None
        self.hits[kind] += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (atomically); a cache that cannot be written is only
        slower, so failures are ignored."""
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            fd, tmp = self._temporary(path)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)

    def _temporary(self, path: Path) -> tuple[int, str]:
        """A new file beside ``path`` to write it in. Its name is unique to this process and
        call (no random name to draw), its folder made once per build."""
        folder = path.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        self._serial += 1
        tmp = f"{folder}/.tmp-{os.getpid()}-{self._serial}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:  # left by a process that had this id before
            return tempfile.mkstemp(prefix=".tmp-", dir=folder)
        except FileNotFoundError:  # the folder went away (a cache cleared during the build)
            self._folders.discard(folder)
            folder.mkdir(parents=True, exist_ok=True)
            return tempfile.mkstemp(prefix=".tmp-", dir=folder)

    def summary(self, kinds: Iterable[str] = KINDS) -> str:
        """ "page 998/1,000, verify …" for the build log."""
        parts = []
        for kind in kinds:
            total = self.hits[kind] + self.misses[kind]
            if total:
                parts.append(f"{kind} {self.hits[kind]:,}/{total:,}")
        return ", ".join(parts)

    def prune(self, days: float = 14, *, now: float | None = None) -> int:
        """Remove entries unused for ``days``; at most once a day. Returns how many went."""
        if self.root is None or not self.root.is_dir():
            return 0
        now = time.time() if now is None else now
        stamp = self.root / ".pruned"
        with contextlib.suppress(OSError):
            if now - stamp.stat().st_mtime < 86400:
                return 0
        removed = 0
        cutoff = now - days * 86400
        for kind in KINDS:
            for folder, _, files in os.walk(self.root / kind):
                for name in files:
                    path = Path(folder) / name
                    with contextlib.suppress(OSError):
                        if path.stat().st_mtime < cutoff:
                            path.unlink()
                            removed += 1
        with contextlib.suppress(OSError):
            stamp.touch()
            os.utime(stamp, (now, now))
        return removed


class TemplateBytecode(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk (keyed by each template's source), so a build does
    not compile the theme again: ``JINJA_ENVIRONMENT["bytecode_cache"]`` in pelicanconf.py.
    A folder that cannot be written only costs time."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        super().__init__(os.fspath(directory))

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass
