"""Every rule ships examples that must and must not match; all run through the real linter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from claims_lint import CATEGORY_IDS, Config, Linter, load_rules
from claims_lint.docs import render_rules_doc
from claims_lint.text import fold_text

REPO = Path(__file__).resolve().parents[2]
ALL_RULES = load_rules(all_profiles=True).rules


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None))


def _cases() -> list[tuple[str, str, bool]]:
    cases = []
    for r in ALL_RULES:
        cases += [(r.code, ex, True) for ex in r.examples_match]
        cases += [(r.code, ex, False) for ex in r.examples_no_match]
    return cases


@pytest.mark.parametrize("code", [r.code for r in ALL_RULES])
def test_every_rule_has_examples(code: str) -> None:
    rule = next(r for r in ALL_RULES if r.code == code)
    assert rule.examples_match, f"{code} has no examples that must match"
    assert rule.examples_no_match, f"{code} has no examples that must not match"
    assert rule.message and rule.why and rule.suggestion


@pytest.mark.parametrize(("code", "text", "should_match"), _cases())
def test_rule_example(linter: Linter, code: str, text: str, should_match: bool) -> None:
    found = {f.rule for f in linter.lint_source(text, "example.md", "markdown").findings}
    if should_match:
        assert code in found, f"{code} should match {text!r}; got {sorted(found)}"
    else:
        assert code not in found, f"{code} should not match {text!r}"


@pytest.mark.parametrize("code", [r.code for r in ALL_RULES])
def test_match_examples_contain_an_anchor(code: str) -> None:
    """The anchor prefilter must never hide a match."""
    rule = next(r for r in ALL_RULES if r.code == code)
    for ex in rule.examples_match:
        low = fold_text(ex).lower()
        assert any(a in low for a in rule.anchors), f"{code}: no anchor in {ex!r}"


def test_all_categories_have_a_rule_file() -> None:
    rs = load_rules(all_profiles=True)
    assert set(rs.categories) == set(CATEGORY_IDS)
    assert {r.category for r in rs.rules} == set(CATEGORY_IDS)
    files = {p.stem for p in (REPO / "plugins/claims_lint/rules").glob("*.yaml")}
    assert files == set(CATEGORY_IDS)


def test_codes_are_unique_and_stable() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))


def test_profiles_change_severity() -> None:
    uk = load_rules("uk").by_code()
    us = load_rules("us").by_code()
    assert uk["POM001"].severity == "error"
    assert us["POM001"].severity == "warning"


def test_rules_doc_is_up_to_date() -> None:
    doc = (REPO / "docs/rules.md").read_text(encoding="utf-8")
    assert doc == render_rules_doc(), "run: python -m claims_lint.docs > docs/rules.md"
