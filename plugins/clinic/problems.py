"""Problems found while building: collected for the whole run, reported together, then judged.

Pelican drops a page whose reader raises and still exits 0. So nothing in this plugin raises
while reading: every problem is recorded here with its file and line, and the gate decides at
the end whether the build may write output.
"""

from __future__ import annotations

import logging

from clinic_schema.problems import Problem, Severity

__all__ = ["BuildFailed", "Problem", "ProblemLog", "Severity", "log", "summarise"]

log = logging.getLogger("clinic")


def _plain_console() -> None:
    """Print problems as plain `file:line: message` lines, one per line, for people to read.

    Pelican's rich log handler wraps long lines and appends the Python source location,
    which marketing staff do not need.
    """
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


_plain_console()


class BuildFailed(SystemExit):
    """Stops the build after the problems were logged: exit status 1 for content problems,
    2 for the environment (a file that cannot be read, an output folder that cannot be
    written).

    A SystemExit rather than an Exception: Pelican's main() logs any Exception with a full
    traceback, and the people reading this output are not programmers.
    """

    def __init__(self, summary: str, status: int = 1) -> None:
        super().__init__(status)
        self.summary = summary

    def __str__(self) -> str:
        return self.summary


class ProblemLog:
    """Every problem of one build run, in the order found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def for_path(self, path: str) -> list[Problem]:
        return [p for p in self.problems if p.path == path]

    def report(self, *, strict: bool) -> int:
        """Log every problem (as errors if ``strict``, else as warnings); return the error count."""
        errors = 0
        for problem in sorted(set(self.problems)):
            if problem.severity == "error":
                errors += 1
            if strict and problem.severity == "error":
                log.error("%s", problem.render())
            else:
                log.warning("%s", problem.render())
        return errors


def summarise(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}"
    )
