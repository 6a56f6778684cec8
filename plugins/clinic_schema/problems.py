"""One problem with one source file, at its line: what the build, the linter and editors show."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one source file, at a 1-based line (0 when not known)."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"
    code: str = ""  # "claims", or a short name such as "schema"
    # Claims findings only: the rule (PAI001), the words found, the finding's own message and
    # why it matters, kept apart so the banner and the editor can show the fix first.
    rule: str = ""
    quote: str = ""
    headline: str = ""
    why: str = ""

    def render(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.column:
            where += f":{self.column}"
        # Rule codes (e.g. PAI001) help reviewers look a rule up; internal tags would not.
        code = f"{self.code} " if self.code[:1].isupper() else ""
        text = f"{where}: {self.severity}: {code}{self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def moved(self, path: str) -> Problem:
        """The same problem, shown under another name for its file."""
        return dataclasses.replace(self, path=path)


# What kind of problem each ``code`` is, so a command can say why it failed. Unreadable files
# and settings are "environment" problems (exit 2); everything else is about content (exit 1).
ENVIRONMENT_CODES = frozenset({"file", "environment"})
