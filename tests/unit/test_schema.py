"""Front matter schemas: every problem at its line, with what to write instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from claims_lint.frontmatter import parse_front_matter
from clinic import schema
from clinic.data import load_clinic, load_registry

from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 22)
GOOD = """---
title: Facial mesotherapy
treatment: mesotherapy-facial
summary: Small injections into the skin; results vary.
reviewed_by: helen-ashby
last_reviewed: 2026-10-12
next_review: 2027-04-12
facts:
  session_length: About 30 minutes
  course: 4 to 6 sessions
  results_timeline: Some people notice a change after 2 to 3 weeks
  recovery: Redness for a day or two
  price_from: 150
---
Body
"""


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "content/data/treatments.yaml")


@pytest.fixture(scope="module")
def team():
    return load_clinic(ROOT / "content/data/clinic.yaml")["team"]


def check(text: str, registry, team, kind: str = "treatment"):
    return schema.validate(parse_front_matter(text, "t.md"), kind, registry, team, TODAY)


def test_a_complete_treatment_page_is_valid(registry, team) -> None:
    assert check(GOOD, registry, team) == []


@pytest.mark.parametrize(
    "old, new, line, words, hint",
    [
        (
            "treatment: mesotherapy-facial",
            "treatment: facial",
            3,
            "unknown treatment 'facial'",
            "known treatments:",
        ),
        (
            "reviewed_by: helen-ashby",
            "reviewed_by: grace-lim",
            5,
            "not a clinical reviewer",
            "helen-ashby",
        ),
        (
            "last_reviewed: 2026-10-12",
            "last_reviewed: '12/10/2026'",
            6,
            "must be a date",
            "YYYY-MM-DD",
        ),
        ("next_review: 2027-04-12", "next_review: 2026-01-01", 7, "not after last_reviewed", ""),
        (
            "  price_from: 150",
            "  price_from: from £150",
            13,
            "must be a whole number or a number",
            "price_from: 150",
        ),
        (
            "  course: 4 to 6 sessions",
            "  coarse: 4 to 6 sessions",
            10,
            "unknown field 'coarse' under facts",
            "did you mean 'course'?",
        ),
        ("title: Facial mesotherapy", "title: ''", 2, "'title' is empty", "title:"),
        ("last_reviewed: 2026-10-12", "last_reviewed: 2027-01-01", 6, "in the future", ""),
    ],
)
def test_each_problem_has_line_and_hint(registry, team, old, new, line, words, hint) -> None:
    assert old in GOOD
    problems = check(GOOD.replace(old, new), registry, team)
    match = [p for p in problems if words in p.message]
    assert match, [p.render() for p in problems]
    assert match[0].line == line
    assert hint in match[0].hint


def test_missing_fields_are_all_listed(registry, team) -> None:
    problems = check("---\ntitle: x\n---\n", registry, team)
    missing = {p.message for p in problems if p.message.startswith("missing")}
    for key in ("treatment", "summary", "reviewed_by", "last_reviewed", "next_review", "facts"):
        assert f"missing required field '{key}'" in missing


def test_plain_pages_need_only_title_and_summary(registry, team) -> None:
    assert (
        check("---\ntitle: Privacy\nsummary: How we use data.\n---\n", registry, team, "page") == []
    )
    problems = check("---\ntitle: Privacy\ntemplate: fancy\n---\n", registry, team, "page")
    assert {p.message for p in problems} == {
        "missing required field 'summary'",
        "'template' cannot be 'fancy'",
    }


@pytest.mark.parametrize(
    "today, strict, severity",
    [
        (dt.date(2027, 4, 12), True, None),
        (dt.date(2027, 4, 20), True, "warning"),  # inside the grace period
        (dt.date(2027, 5, 20), True, "error"),
        (dt.date(2027, 5, 20), False, "warning"),
    ],
)
def test_overdue_review(today: dt.date, strict: bool, severity: str | None) -> None:
    fm = parse_front_matter(GOOD, "t.md")
    problem = schema.review_problem(fm, today, grace_days=14, strict=strict)
    assert (problem.severity if problem else None) == severity
    if problem:
        assert problem.line == 7 and "review overdue" in problem.message


def test_data_files_load(registry, team) -> None:
    assert set(registry.treatments) == {
        "mesotherapy-cellulite",
        "mesotherapy-facial",
        "mesotherapy-hair",
        "derma-roller",
    }
    assert any(m["reviewer"] for m in team.values())
    assert Path(registry.path).name == "treatments.yaml"
