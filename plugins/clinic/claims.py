"""The glue between the build and the claims engine (``claims_lint``, a pure library).

The plugin lints every page's source with the same library reviewers run as ``claims-lint``,
and lints the written HTML again so that text coming from templates is checked too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from claims_lint import Config, EvidenceRegister, Finding, Linter, parse_evidence
from claims_lint.frontmatter import FrontMatter
from claims_lint.model import ClaimsLintError
from clinic_schema import SourceError, read_source

from .problems import Problem


def make_linter(
    settings: dict[str, Any], evidence_path: Path, today: dt.date, root: Path | None = None
) -> tuple[Linter, list[Problem]]:
    """A linter configured from the site's settings, and any problem with the register."""
    problems: list[Problem] = []
    evidence = EvidenceRegister.empty()
    if evidence_path.exists() or evidence_path.is_symlink():
        try:
            text = read_source(evidence_path, str(evidence_path), root=root)
            evidence = parse_evidence(text, str(evidence_path))
        except SourceError as exc:
            problems.append(exc.problem)
        except ClaimsLintError as exc:
            problems.append(Problem(exc.path, exc.line, 0, exc.message, exc.hint, code="evidence"))
    config = Config(
        profile=settings.get("CLAIMS_PROFILE", "uk"),
        evidence_path=evidence_path,
        today=today,
        cache_dir=None,
    )
    linter = Linter(config, evidence=evidence)
    linter.pipeline  # noqa: B018 - built now, before the build's workers fork and share it
    return linter, problems


def compile_rules(linter: Linter) -> None:
    """Compile every rule's patterns now (the engine compiles each when a page first needs
    it): done once before worker processes are forked, so that they share the result."""
    for rule in linter.rules:
        for branch in rule.branches:
            branch.regex  # noqa: B018 - compiles it


def as_problem(finding: Finding, safety_page: bool = False) -> Problem:
    """A finding in the words the build prints: the quote, the rule, why, and what to write.

    On a treatment page (``safety_page``), a claim that denies one of its safety sections (the
    rule's ``contradicts:``) says so first: the page's own section lists what the claim denies.
    """
    # The rule code goes in the message (not Problem.code) so that the banner shows it too.
    message = f"{finding.rule} [{finding.category}] {finding.message}"
    if safety_page and finding.contradicts:
        what = finding.contradicts.replace("-", " ")
        message = (
            f"{finding.rule} [{finding.category}] contradicts the required {what} information"
            f' (the section id="{finding.contradicts}" lists them): {finding.message}'
        )
    if finding.why:
        message += f" Why: {finding.why}"
    hint = f"instead: {finding.suggestion}" if finding.suggestion else ""
    return Problem(
        finding.path,
        finding.line,
        finding.column,
        message,
        hint,
        "error" if finding.severity == "error" else "warning",
        "claims",
        rule=finding.rule,
        quote=finding.matched,
        headline=finding.message,
        why=finding.why,
    )


def lint_source(
    linter: Linter,
    text: str,
    path: str,
    kind: str = "markdown",
    front_matter: FrontMatter | None = None,
) -> tuple[list[Problem], list[tuple[str, str]]]:
    """Problems for one file, and for each the (rule, quoted text) of its claim."""
    try:
        result = linter.lint_source(text, path, kind, front_matter)
    except ClaimsLintError as exc:
        problem = Problem(
            exc.path, exc.line, getattr(exc, "column", 0), exc.message, exc.hint, code="claims"
        )
        return [problem], [("", "")]
    keys = [(f.rule, f.matched.casefold()) for f in result.findings]
    safety_page = front_matter is not None and bool(front_matter.data.get("treatment"))
    return [as_problem(f, safety_page) for f in result.findings], keys
