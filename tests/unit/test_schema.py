"""Front matter schemas (clinic_schema): every problem at its line, with what to write instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest
from claims_lint.frontmatter import parse_front_matter
from clinic_schema import check_page, load_site, page_schema, page_schemas
from clinic_schema.pages import review_problem

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
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def registry(site):
    return site.registry


@pytest.fixture(scope="module")
def team(site):
    return site.team


def check(text: str, registry, team, kind: str = "treatment"):
    """The page check's problems with the front matter (the body is checked elsewhere)."""
    site = load_site(ROOT / "content")
    fm = parse_front_matter(text, "t.md")
    return check_page(fm, kind, site, today=TODAY).problems


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
            "must be a date written as YYYY-MM-DD",
            "write 2026-10-12 for 12 October 2026",
        ),
        ("next_review: 2027-04-12", "next_review: 2026-01-01", 7, "not after last_reviewed", ""),
        (
            "  price_from: 150",
            "  price_from: from £150",
            13,
            "'facts.price_from' must be a number",
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
    missing = {p.message.split(":")[0] for p in problems if p.message.startswith("missing")}
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
    problem = review_problem(fm, today, grace_days=14, strict=strict)
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


@pytest.mark.parametrize(
    "written, hint",
    [
        ("30/11/2026", "write 2026-11-30 for 30 November 2026"),
        ("11/30/2026", "write 2026-11-30 for 30 November 2026"),
        ("30 November 2026", "write 2026-11-30 for 30 November 2026"),
        ("November 30, 2026", "write 2026-11-30 for 30 November 2026"),
        ("30th Nov 2026", "write 2026-11-30 for 30 November 2026"),
        ("2026/11/30", "write 2026-11-30 for 30 November 2026"),
        ("30.11.26", "write 2026-11-30 for 30 November 2026"),
        ("20261130", "write 2026-11-30 for 30 November 2026"),
        ("03/04/2026", "write 2026-04-03 for 3 April 2026, or 2026-03-04 for 4 March 2026"),
        ("2026-10-12 10:30:00", "write the date only: 2026-10-12"),
        ("31/02/2026", "write the date as YYYY-MM-DD"),
        ("soon", "write the date as YYYY-MM-DD"),
    ],
)
def test_dates_in_other_shapes_say_what_to_write(registry, team, written: str, hint: str) -> None:
    problems = check(GOOD.replace("2026-10-12", written), registry, team)
    dated = [p for p in problems if p.line == 6]
    assert dated, [p.render() for p in problems]
    assert "must be a date written as YYYY-MM-DD" in dated[0].message
    assert hint in dated[0].hint


def test_a_quoted_iso_date_is_accepted_and_used_as_a_date(registry, team) -> None:
    fm = parse_front_matter(GOOD.replace("2026-10-12", "'2026-10-12'"), "t.md")
    assert check_page(fm, "treatment", load_site(ROOT / "content"), today=TODAY).problems == []
    assert fm.data["last_reviewed"] == dt.date(2026, 10, 12)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("reviewed_by: helen-ashby", "reviewed_by:", "'reviewed_by' is empty"),
        ("last_reviewed: 2026-10-12", "last_reviewed:", "'last_reviewed' is empty"),
        ("  price_from: 150", "  price_from: 0", "more than 0"),
        ("summary: Small", "summary: To be written. Small", "placeholder text “To be written”"),
        ("  course: 4 to 6 sessions", "  course: 'To be confirmed'", "“To be confirmed”"),
    ],
)
def test_sign_off_problems_leave_the_page_renderable(registry, team, old, new, message) -> None:
    """A page not yet signed off can be previewed; it just cannot be published."""
    fm = parse_front_matter(GOOD.replace(old, new), "t.md")
    result = check_page(fm, "treatment", load_site(ROOT / "content"), today=TODAY)
    assert [p.code for p in result.problems if message in p.message] == ["signoff"]
    assert result.renderable


def test_the_schema_is_json_schema_with_the_sites_keys() -> None:
    schemas = page_schemas(ROOT / "content")
    assert set(schemas) == {"treatment", "page"}
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    treatment = schemas["treatment"]["properties"]
    assert treatment["treatment"]["enum"] == [
        "derma-roller",
        "mesotherapy-cellulite",
        "mesotherapy-facial",
        "mesotherapy-hair",
    ]
    assert treatment["reviewed_by"]["x-labels"] == {
        "helen-ashby": "Dr Helen Ashby",
        "tom-okafor": "Tom Okafor",
    }
    assert "grace-lim" not in treatment["reviewed_by"]["enum"]  # not a reviewer
    assert set(schemas["treatment"]["required"]) >= {"reviewed_by", "last_reviewed", "facts"}
    # Without the data files the fields still validate, as any text.
    assert "enum" not in page_schema("treatment")["properties"]["treatment"]
