"""The findings model: small immutable records shared by the engine, the CLI and the plugin."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Cleared",
    "ConfigError",
    "Finding",
    "InputError",
    "LintResult",
    "Suppressed",
]

SEVERITIES = ("error", "warning")


class ClaimsLintError(Exception):
    """Base class: anything the CLI reports as exit 2 (usage, configuration or input)."""

    def __init__(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class InputError(ClaimsLintError):
    """A file that cannot be linted: broken YAML, wrong encoding, binary, too big."""

    def __init__(self, path: str, line: int, message: str, hint: str = "", column: int = 0) -> None:
        self.column = column
        super().__init__(path, line, message, hint)


class ConfigError(ClaimsLintError):
    """A bad configuration file, evidence register or baseline."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at a 1-based position; ``end_column`` is exclusive (as in SARIF)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    excerpt: str = ""
    suggestion: str = ""
    why: str = ""
    matched: str = ""
    field: str = ""  # front matter key path ("faq.0.answer"), or "" for the body
    evidence: tuple[str, ...] = ()  # footnote ids cited in the claim's sentence
    detector: str = "rules"  # who proposed it: "rules", "question-answer", "refutation"
    confidence: float = 1.0  # the rule's confidence that these words make the claim
    # Text that replaces [column, end_column) exactly, when the rule can state one (a code
    # action in editors applies it); "" when the fix needs a person's judgement.
    replacement: str = ""
    # The safety section of a treatment page the claim denies ("side-effects",
    # "contraindications"), from the rule's ``contradicts:``; "" when it denies none.
    contradicts: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        data = dict(data)
        data["evidence"] = tuple(data.get("evidence", ()))
        return cls(**data)


@dataclass(frozen=True)
class Cleared:
    """A claim accepted because its sentence cites valid evidence."""

    finding: Finding
    evidence_id: str
    citation: str
    review_by: str = ""
    approved_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding.to_dict(),
            "evidence_id": self.evidence_id,
            "citation": self.citation,
            "review_by": self.review_by,
            "approved_by": self.approved_by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cleared:
        return cls(**{**data, "finding": Finding.from_dict(data["finding"])})


@dataclass(frozen=True)
class Suppressed:
    """A finding silenced by an inline directive that gave a reason."""

    finding: Finding
    reason: str
    until: str = ""  # ISO date or ""
    by: str = ""
    directive_line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding.to_dict(),
            "reason": self.reason,
            "until": self.until,
            "by": self.by,
            "directive_line": self.directive_line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suppressed:
        return cls(**{**data, "finding": Finding.from_dict(data["finding"])})


@dataclass
class LintResult:
    """Everything the linter learnt about one file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    cleared: list[Cleared] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # reviewed_by, last_reviewed, ...
    error: InputError | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "findings": [f.to_dict() for f in self.findings],
            "cleared": [c.to_dict() for c in self.cleared],
            "suppressed": [s.to_dict() for s in self.suppressed],
            "meta": self.meta,
            "error": None
            if self.error is None
            else {
                "path": self.error.path,
                "line": self.error.line,
                "column": self.error.column,
                "message": self.error.message,
                "hint": self.error.hint,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LintResult:
        err = data.get("error")
        return cls(
            path=data["path"],
            findings=[Finding.from_dict(f) for f in data["findings"]],
            cleared=[Cleared.from_dict(c) for c in data["cleared"]],
            suppressed=[Suppressed.from_dict(s) for s in data["suppressed"]],
            meta=data.get("meta", {}),
            error=None if err is None else InputError(**err),
        )
