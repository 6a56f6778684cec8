"""What a page's front matter must hold, and the check that says what to write instead.

Two page types: treatment pages (``content/treatments/``) and every other page
(``content/pages/``). Each problem names the field's line and gives an example to copy.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from claims_lint.frontmatter import FrontMatter

from .data import Registry
from .problems import Problem


@dataclass(frozen=True)
class Field:
    types: tuple[type, ...]
    required: bool
    example: str
    choices: tuple[str, ...] = ()


_TEXT = (str,)
_DATE = (dt.date,)
_BOOL = (bool,)

COMMON_FIELDS: dict[str, Field] = {
    "title": Field(_TEXT, True, "title: Facial mesotherapy"),
    "summary": Field(
        _TEXT, True, "summary: Small injections into the skin; results vary between people."
    ),
    "description": Field(_TEXT, False, "description: A sentence for search results."),
    "slug": Field(_TEXT, False, "slug: facial-mesotherapy"),
    "status": Field(_TEXT, False, "status: draft", ("published", "draft", "hidden")),
    "reviewed_by": Field(_TEXT, False, "reviewed_by: helen-ashby"),
    "last_reviewed": Field(_DATE, False, "last_reviewed: 2026-10-12"),
    "next_review": Field(_DATE, False, "next_review: 2027-04-12"),
    "hero": Field(
        (dict,), False, "hero:\n  src: /images/hero/home.jpg\n  alt: A calm, light treatment room"
    ),
}

PAGE_FIELDS: dict[str, Field] = {
    **COMMON_FIELDS,
    "template": Field(
        _TEXT,
        False,
        "template: page",
        ("page", "home", "treatments", "team", "contact"),
    ),
    "save_as": Field(_TEXT, False, "save_as: index.html"),
    "url": Field(_TEXT, False, 'url: ""'),
    "nav_order": Field((int,), False, "nav_order: 2"),
    "photos": Field((list,), False, "(before-and-after photos belong on treatment pages)"),
}

TREATMENT_FIELDS: dict[str, Field] = {
    **COMMON_FIELDS,
    "treatment": Field(_TEXT, True, "treatment: mesotherapy-facial"),
    "reviewed_by": Field(_TEXT, True, "reviewed_by: helen-ashby"),
    "last_reviewed": Field(_DATE, True, "last_reviewed: 2026-10-12"),
    "next_review": Field(_DATE, True, "next_review: 2027-04-12"),
    "facts": Field((dict,), True, "facts:\n  session_length: About 30 minutes"),
    "contraindications": Field((list,), False, "contraindications:\n  - Recent sunburn"),
    "side_effects": Field((dict,), False, "side_effects:\n  common:\n    - Mild itching"),
    "aftercare": Field((list,), False, "aftercare:\n  - Avoid make-up for 12 hours."),
    "photos": Field((list,), False, "photos:\n  - before: …  (see docs/guide-marketing.md)"),
}

FACT_FIELDS: dict[str, Field] = {
    "session_length": Field(_TEXT, True, "session_length: About 30 to 45 minutes"),
    "course": Field(_TEXT, True, "course: Usually 6 to 8 sessions, 1 to 2 weeks apart"),
    "results_timeline": Field(
        _TEXT, True, "results_timeline: Some people notice a change after 2 to 3 weeks"
    ),
    "recovery": Field(_TEXT, True, "recovery: Redness and small bruises for a few days"),
    "price_from": Field((int, float), True, "price_from: 150"),
}

# An image in front matter (a page's hero, each photo of a before-and-after pair).
IMAGE_FIELDS: dict[str, Field] = {
    "src": Field(_TEXT, True, "src: /images/hero/home.jpg"),
    "alt": Field(_TEXT, True, "alt: A calm, light treatment room"),
}

# One before-and-after pair under `photos:` (checked further in photos.py). The fields are the
# conditions CAP 3.45–3.47 and the FTC endorsement guides ask a result photo to state.
PHOTO_FIELDS: dict[str, Field] = {
    "before": Field((dict,), True, "before:\n  src: /images/results/pair-1-a.jpg\n  alt: …"),
    "after": Field((dict,), True, "after:\n  src: /images/results/pair-1-b.jpg\n  alt: …"),
    "treatment": Field(_TEXT, True, "treatment: mesotherapy-facial"),
    "sessions": Field((int,), True, "sessions: 4"),
    "time_since_last_session": Field(_TEXT, True, "time_since_last_session: 6 weeks"),
    "practitioner": Field(_TEXT, True, "practitioner: tom-okafor"),
    "unedited": Field(_BOOL, True, "unedited: true"),
    "consent": Field(_BOOL, True, "consent: true"),
    "caption": Field(_TEXT, False, "caption: Same light and camera distance in both photos."),
}

SUMMARY_LIMIT = 160


def _type_name(types: tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        dt.date: "a date",
        dict: "a group of fields",
        list: "a list",
        bool: "true or false",
    }
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


def _check_fields(
    fm: FrontMatter,
    data: dict[str, Any],
    fields: dict[str, Field],
    path: tuple[str | int, ...],
    problems: list[Problem],
) -> None:
    where = " under " + ".".join(str(p) for p in path) if path else ""
    for key, value in data.items():
        line = fm.line_of(*path, key)
        spec = fields.get(key)
        if spec is None:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else ("allowed fields: " + ", ".join(fields))
            )
            problems.append(
                Problem(fm.path, line, 0, f"unknown field '{key}'{where}", hint, code="schema")
            )
            continue
        ok = isinstance(value, spec.types) and not (
            (isinstance(value, bool) and bool not in spec.types)
            or (spec.types == _DATE and isinstance(value, dt.datetime))
        )
        if not ok:
            if spec.types == _DATE:
                hint = f"write the date as YYYY-MM-DD without quotes, e.g. '{spec.example}'"
            else:
                hint = f"for example '{spec.example}'"
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"'{key}'{where} must be {_type_name(spec.types)}",
                    hint,
                    code="schema",
                )
            )
            continue
        if isinstance(value, str) and not value.strip() and key != "url":
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"'{key}'{where} is empty",
                    f"for example '{spec.example}'",
                    code="schema",
                )
            )
        if spec.choices and value not in spec.choices:
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"'{key}'{where} cannot be {value!r}",
                    "write one of: " + ", ".join(spec.choices),
                    code="schema",
                )
            )
    for key, spec in fields.items():
        if spec.required and key not in data:
            line = fm.line_of(*path) if path else fm.line_of()
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"missing required field '{key}'{where}",
                    f"add '{spec.example}'",
                    code="schema",
                )
            )


def validate(
    fm: FrontMatter,
    page_type: str,
    registry: Registry | None,
    team: dict[str, Any],
    today: dt.date,
) -> list[Problem]:
    """Check ``fm`` against its page type; return every problem (none means valid)."""
    problems: list[Problem] = []
    fields = TREATMENT_FIELDS if page_type == "treatment" else PAGE_FIELDS
    data = fm.data
    _check_fields(fm, data, fields, (), problems)
    if isinstance(data.get("facts"), dict) and page_type == "treatment":
        _check_fields(fm, data["facts"], FACT_FIELDS, ("facts",), problems)
    if isinstance(data.get("hero"), dict):
        _check_fields(fm, data["hero"], IMAGE_FIELDS, ("hero",), problems)
    photos = data.get("photos")
    for i, pair in enumerate(photos if isinstance(photos, list) else []):
        if not isinstance(pair, dict):
            problems.append(
                Problem(
                    fm.path,
                    fm.line_of("photos", i),
                    0,
                    f"item {i + 1} of 'photos' must be a group of fields",
                    "start each pair with '- before:'",
                    code="schema",
                )
            )
            continue
        _check_fields(fm, pair, PHOTO_FIELDS, ("photos", i), problems)
        for side in ("before", "after"):
            if isinstance(pair.get(side), dict):
                _check_fields(fm, pair[side], IMAGE_FIELDS, ("photos", i, side), problems)

    summary = data.get("summary")
    if isinstance(summary, str) and len(summary) > SUMMARY_LIMIT:
        problems.append(
            Problem(
                fm.path,
                fm.line_of("summary"),
                0,
                f"the summary is {len(summary)} characters; search results show about "
                f"{SUMMARY_LIMIT}",
                "shorten it to one plain sentence",
                "warning",
                "schema",
            )
        )

    key = data.get("treatment")
    if (
        page_type == "treatment"
        and isinstance(key, str)
        and registry is not None
        and key not in registry.treatments
    ):
        close = difflib.get_close_matches(key, registry.treatments, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += "known treatments: " + ", ".join(sorted(registry.treatments))
        problems.append(
            Problem(
                fm.path,
                fm.line_of("treatment"),
                0,
                f"unknown treatment '{key}' (not in content/data/treatments.yaml)",
                hint,
                code="schema",
            )
        )

    reviewer = data.get("reviewed_by")
    if isinstance(reviewer, str) and team:
        member = team.get(reviewer)
        if member is None or not member.get("reviewer"):
            reviewers = sorted(k for k, m in team.items() if m.get("reviewer"))
            problems.append(
                Problem(
                    fm.path,
                    fm.line_of("reviewed_by"),
                    0,
                    f"'{reviewer}' is not a clinical reviewer in content/data/clinic.yaml",
                    "write one of: " + ", ".join(reviewers),
                    code="schema",
                )
            )

    last, nxt = data.get("last_reviewed"), data.get("next_review")
    if isinstance(last, dt.date) and last > today:
        problems.append(
            Problem(
                fm.path,
                fm.line_of("last_reviewed"),
                0,
                f"last_reviewed {last} is in the future",
                "write the date the reviewer signed the page off",
                code="schema",
            )
        )
    if isinstance(last, dt.date) and isinstance(nxt, dt.date) and nxt <= last:
        problems.append(
            Problem(
                fm.path,
                fm.line_of("next_review"),
                0,
                f"next_review {nxt} is not after last_reviewed {last}",
                "set the next review date, usually 6 to 12 months after the last",
                code="schema",
            )
        )
    return problems


def review_problem(
    fm: FrontMatter, today: dt.date, grace_days: int, strict: bool
) -> Problem | None:
    """A page past its ``next_review`` date (plus the grace period) needs its reviewer."""
    nxt = fm.data.get("next_review")
    if not isinstance(nxt, dt.date) or isinstance(nxt, dt.datetime):
        return None
    if today <= nxt:
        return None
    overdue = (today - nxt).days
    severity = "error" if strict and overdue > grace_days else "warning"
    return Problem(
        fm.path,
        fm.line_of("next_review"),
        0,
        f"review overdue: next_review was {nxt} ({overdue} days ago)",
        "ask the reviewer to check the page, then update last_reviewed and next_review",
        severity,
        "review",
    )
