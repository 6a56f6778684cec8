"""Precision and recall on our own labelled sentences (tests/fixtures/claims/corpus.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from claims_lint import Config, Linter

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
CORPUS = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
DEVSET = Path(__file__).resolve().parents[3] / "shared" / "reference" / "claims-devset.yaml"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None))


@pytest.mark.parametrize(("text", "categories"), CORPUS["flag"])
def test_flag(linter: Linter, text: str, categories: list[str]) -> None:
    found = {f.category for f in linter.lint_source(text, "x.md", "markdown").findings}
    assert found & set(categories), f"{text!r}: expected one of {categories}, got {found}"


@pytest.mark.parametrize("text", CORPUS["quiet"])
def test_quiet(linter: Linter, text: str) -> None:
    findings = linter.lint_source(text, "x.md", "markdown").findings
    assert not findings, [(f.rule, f.matched) for f in findings]


@pytest.mark.skipif(not DEVSET.is_file(), reason="shared reference devset not present")
def test_shared_devset_score(linter: Linter) -> None:
    """Measure (not train on) the shared development set when it sits beside the repo."""
    items = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["items"]
    misses = []
    for it in items:
        found = {f.category for f in linter.lint_source(it["text"], "x.md", "markdown").findings}
        if "flag" in it and not found & set(it["flag"]):
            misses.append(("missed", it["text"]))
        if it.get("quiet") and found:
            misses.append(("noisy", it["text"]))
    assert not misses
