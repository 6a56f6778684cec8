"""Write nothing on failure: each run renders into a staging folder, checked, then synced.

Pelican writes as it renders, and some checks (the output check, the production
post-processing and its Content-Security-Policy check) can only run on written files. So the
plugin points Pelican at a fresh staging folder at the start of each run and, only when every
check has passed, syncs it into the real output folder:

* a file whose bytes did not change is left alone (it keeps its modification time, so a later
  "upload only what changed" can rely on it); in a run that post-processes nothing (development),
  such a file is not even written to the staging folder: :meth:`Staging.keep` compares what
  would be written with what the output folder has, and the file is *kept* where it is (every
  check then reads it there);
* a changed or new file replaces the old one in one rename (never half-written);
* when ``DELETE_OUTPUT_DIRECTORY`` is set (production), files the run did not write are
  removed, except ``OUTPUT_RETENTION``.

A failed run removes its staging folder and leaves the output folder exactly as it was.
"""

from __future__ import annotations

import atexit
import contextlib
import filecmp
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["OutputError", "Staging", "SyncReport", "sync_tree"]


class OutputError(Exception):
    """The output folder cannot be written: a problem with the environment (exit 2)."""


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _same(a: Path, b: Path) -> bool:
    try:
        return b.is_file() and not b.is_symlink() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _place(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` in one rename (copied first when across file systems)."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    try:
        os.replace(source, target)
    except OSError:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            shutil.copymode(source, tmp)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _move_folder(
    source: Path, target: Path, rel: Path, wanted: set[Path], report: SyncReport
) -> None:
    """Move a staged folder the output folder does not have, reporting every file in it."""
    moved: list[Path] = [rel]
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        here = rel / Path(folder).relative_to(source)
        moved.append(here)
        moved.extend(here / name for name in sorted(files))
        report.written.extend((here / name).as_posix() for name in sorted(files))
    try:
        os.rename(source, target)
    except OSError:  # another file system: file by file
        shutil.copytree(source, target)
    wanted.update(moved)


def sync_tree(
    staging: Path,
    output: Path,
    *,
    delete: bool,
    keep: tuple[str, ...] = (),
    kept: frozenset[str] = frozenset(),
) -> SyncReport:
    """Make ``output`` hold what ``staging`` holds, touching only what differs. ``kept``: files
    (relative paths) the run wants as the output folder already has them."""
    report = SyncReport(unchanged=len(kept))
    output.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    for rel in map(Path, kept):
        wanted.add(rel)
        wanted.update(rel.parents)
    for folder, dirs, files in os.walk(staging):
        dirs.sort()
        rel = Path(folder).relative_to(staging)
        target_dir = output / rel
        if target_dir.exists() and not target_dir.is_dir():
            target_dir.unlink()
        target_dir.mkdir(exist_ok=True)
        wanted.add(rel)
        # A folder the output does not have yet (every page's folder in a first build) moves
        # in one rename with all it holds: the same files, without creating a thousand
        # folders there and removing a thousand empty ones here.
        for name in [d for d in dirs if not os.path.lexists(target_dir / d)]:
            dirs.remove(name)
            _move_folder(Path(folder) / name, target_dir / name, rel / name, wanted, report)
        for name in sorted(files):
            source, target = Path(folder) / name, target_dir / name
            wanted.add(rel / name)
            if _same(source, target):
                report.unchanged += 1
                continue
            _place(source, target)
            report.written.append((rel / name).as_posix())
    if delete:
        for folder, dirs, files in os.walk(output, topdown=False):
            rel = Path(folder).relative_to(output)
            for name in [*files, *dirs]:
                path = rel / name
                if path in wanted or (rel == Path(".") and name in keep):
                    continue
                if any(parent in keep for parent in path.parts[:1]):
                    continue
                _remove(output / path)
                report.removed.append(path.as_posix())
    return report


class Staging:
    """One run's staging folder, beside the output folder when that is possible."""

    def __init__(self, output: Path) -> None:
        self.output = Path(output).absolute()
        parent = self.output.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            folder = tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=parent)
        except OSError:  # a read-only parent: stage in the temp folder (copied when synced)
            folder = tempfile.mkdtemp(prefix="clinic-staging-")
        self.path = Path(folder).resolve()
        self.keeping = False  # set by the build when nothing post-processes the staged files
        self.kept: set[str] = set()  # relative paths left as the output folder has them
        atexit.register(self.discard)  # a run that dies half-way leaves nothing behind

    def keep(self, path: str | os.PathLike[str], data: bytes) -> bool:
        """Whether ``path`` (in the staging folder) need not be written: the output folder
        already has exactly ``data`` there. Only while :attr:`keeping`."""
        if not self.keeping:
            return False
        rel = Path(path).relative_to(self.path)
        target = self.output / rel
        try:
            info = target.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
                return False
            if target.read_bytes() != data:
                return False
        except (OSError, ValueError):
            return False
        self.kept.add(rel.as_posix())
        return True

    def source(self, path: str | os.PathLike[str]) -> Path:
        """Where to read a staged file: in the staging folder, or where it was kept."""
        staged = Path(path)
        if staged.exists():
            return staged
        try:
            rel = staged.relative_to(self.path).as_posix()
        except ValueError:
            return staged
        return self.output / rel if rel in self.kept else staged

    def files(self, suffix: str) -> list[Path]:
        """Every file of the run with ``suffix``, staged or kept, as staging-folder paths."""
        found = {p for p in self.path.rglob(f"*{suffix}") if p.is_file()}
        found |= {self.path / rel for rel in self.kept if rel.endswith(suffix)}
        return sorted(found)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        atexit.unregister(self.discard)  # (livereload runs many builds in one process)

    def commit(self, *, delete: bool, keep: tuple[str, ...] = ()) -> SyncReport:
        """Sync into the output folder; the staging folder is gone afterwards."""
        try:
            kept = frozenset(self.kept)
            return sync_tree(self.path, self.output, delete=delete, keep=keep, kept=kept)
        except OSError as exc:
            where = exc.filename or self.output
            raise OutputError(
                f"{self.output}: cannot write the site here ({exc.strerror or exc}: {where}) — "
                "check the folder's permissions and free space, or build into another folder "
                "with -o"
            ) from None
        finally:
            self.discard()
