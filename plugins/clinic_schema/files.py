"""Reading source files safely: regular files inside the repository, UTF-8, of a sane size.

A named pipe blocks whoever opens it, a link to ``/dev/zero`` never ends, and a link to a file
outside the repository publishes something nobody reviewed. Every source file the site reads
(pages and data files) comes through :func:`read_source`, which refuses those with a problem
at the file instead of hanging or reading them.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from claims_lint.pages import not_a_regular_file

from .problems import Problem

__all__ = ["SourceError", "control_characters", "file_problem", "read_source", "repository_root"]

MAX_BYTES = 2_000_000  # a page or data file is a few KB; anything this large is a mistake
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}
# Characters no text file needs and that browsers drop or replace (NUL) or that YAML refuses.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class SourceError(Exception):
    """The file cannot be used; ``problem`` says why, at the file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


def repository_root(start: Path) -> Path:
    """The nearest folder from ``start`` up that holds ``.git``, else the folder above it."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start.parent


def read_source(path: Path, shown: str, *, root: Path | None, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``path`` (UTF-8, BOM allowed); raises :class:`SourceError` with a problem.

    ``root`` is the repository: a link to a file outside it is refused. ``shown`` is the
    name to print for the file.
    """

    # A problem with the whole file is put at its line 1, so editors and reports can open it.
    def fail(message: str, hint: str, line: int = 1, code: str = "file") -> SourceError:
        return SourceError(Problem(shown, line, 0, message, hint, code=code))

    path = Path(path)
    if root is not None and path.is_symlink():
        problem = file_problem(path, shown, root=root)
        if problem is not None:
            raise SourceError(problem)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then says what it is.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise fail(f"is {kind}, not a file", "remove it, or replace it with a real file")
        with os.fdopen(fd, "rb") as handle:
            if info.st_size > max_bytes:
                raise fail(
                    f"the file is {info.st_size:,} bytes",
                    "a page or data file should be a few KB; check it is the right file",
                    code="content",
                )
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail("file not found", "create it, or check the name") from None
    except OSError as exc:
        raise fail(
            f"cannot be read: {exc.strerror or exc}",
            "check the file's permissions (it must be readable by whoever runs the build)",
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(
            "the file is not UTF-8 text",
            "save it as UTF-8 (in most editors: Save As → Encoding)",
            line,
            code="content",
        ) from None


def control_characters(text: str, shown: str, first_line: int = 1) -> list[Problem]:
    """An invisible control character (NUL, say) at its line and column, once per line."""
    problems: list[Problem] = []
    last_line = 0
    for match in _CONTROL.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        if line == last_line:
            continue
        last_line = line
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                shown,
                line,
                column,
                f"the invisible character U+{ord(match.group()):04X} is not allowed",
                "delete it (it often comes from copying text out of another program)",
                code="content",
            )
        )
    return problems


def file_problem(path: Path, shown: str, *, root: Path | None) -> Problem | None:
    """Why ``path`` may not be copied or read as a source file (None when it may)."""
    reason = not_a_regular_file(Path(path), root)
    if reason is None:
        return None
    hint = (
        "copy the file into the repository instead of linking to it"
        if "outside the repository" in reason
        else "remove it, or replace it with a real file"
    )
    return Problem(shown, 1, 0, reason, hint, code="file")
