"""Precision and recall on our own labelled sentences (tests/fixtures/claims/corpus.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from claims_lint import Linter

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
CORPUS = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "categories"), CORPUS["flag"])
def test_flag(linter: Linter, text: str, categories: list[str]) -> None:
    found = {f.category for f in linter.lint_source(text, "x.md", "markdown").findings}
    assert found & set(categories), f"{text!r}: expected one of {categories}, got {found}"


@pytest.mark.parametrize("text", CORPUS["quiet"])
def test_quiet(linter: Linter, text: str) -> None:
    findings = linter.lint_source(text, "x.md", "markdown").findings
    assert not findings, [(f.rule, f.matched) for f in findings]
