"""The page check: everything about one page that can be known without Pelican.

Used by the build's reader and by ``claims-lint`` (so pre-commit and CI catch what the build
would): the front matter against its page type's schema and the registry, the review dates,
the sign-off (no placeholder text, a real price, a reviewer and dates), and the raw HTML
policy of the body.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_lint.frontmatter import FrontMatter

from .data import DataError, Registry, load_clinic, load_registry
from .files import control_characters, repository_root
from .problems import Problem
from .rawhtml import check_body, mask_code
from .schema import PAGE_TYPES, page_schema
from .validate import SchemaCheck, jsonable

__all__ = [
    "BLOCKING",
    "SIGN_OFF",
    "PageCheck",
    "Site",
    "check_page",
    "load_site",
    "page_schemas",
    "page_type",
    "review_problem",
]

SUMMARY_LIMIT = 160
SIGN_OFF = ("reviewed_by", "last_reviewed", "next_review")
# Words that mark text nobody has written yet. Case matters for the acronyms only.
_PLACEHOLDER = re.compile(
    r"(?i:\bto be (?:written|confirmed|added|agreed|decided|checked)\b|\blorem ipsum\b)"
    r"|\b(?:TBC|TBD|TODO|FIXME|XXX)\b"
)
# Words every match of _PLACEHOLDER contains (the first two in any case: no letter of them has
# a look-alike that re.IGNORECASE folds to it, as "ſ" is folded to "s"): a text holding none
# of them is passed by a substring test instead of the regex, which tries every position.
_PLACEHOLDER_ANY_CASE = ("to be ", "lorem")
_PLACEHOLDER_CASED = ("TBC", "TBD", "TODO", "FIXME", "XXX")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Codes of problems that leave a page unsafe to render (its values cannot be trusted).
BLOCKING = frozenset({"schema", "yaml", "file", "content", "html"})


def page_type(relative_path: str) -> str:
    """Treatment pages live in ``content/treatments/``; everything else is a plain page."""
    return (
        "treatment" if relative_path.replace("\\", "/").split("/", 1)[0] == "treatments" else "page"
    )


@dataclass
class Site:
    """A site's content folder and its data files, as the page check needs them."""

    content_dir: Path
    root: Path
    registry: Registry | None = None
    clinic: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # problems with the data files

    @property
    def team(self) -> dict[str, Any]:
        team = self.clinic.get("team")
        return team if isinstance(team, dict) else {}

    @property
    def treatments(self) -> dict[str, str]:
        if self.registry is None:
            return {}
        return {key: t.name for key, t in self.registry.treatments.items()}

    @property
    def reviewers(self) -> dict[str, str]:
        return {
            key: str(member.get("name", key))
            for key, member in self.team.items()
            if isinstance(member, dict) and member.get("reviewer") is True
        }

    def schema(self, kind: str) -> dict[str, Any]:
        return self._checks[kind].schema

    @functools.cached_property
    def _checks(self) -> dict[str, SchemaCheck]:
        return {
            kind: SchemaCheck(
                page_schema(kind, treatments=self.treatments, reviewers=self.reviewers)
            )
            for kind in PAGE_TYPES
        }

    def check(self, kind: str) -> SchemaCheck:
        return self._checks[kind]


def load_site(content_dir: str | Path, root: Path | None = None, data_dir: str = "data") -> Site:
    """Read ``content_dir``'s data files; their problems are in ``Site.problems``.

    ``root`` is the repository (files may not link outside it): by default the nearest
    folder above ``content_dir`` with ``.git``, else the one holding ``content_dir``.
    """
    content_dir = Path(content_dir)
    root = root if root is not None else repository_root(content_dir)
    site = Site(content_dir=content_dir, root=root)
    data = content_dir / data_dir
    try:
        site.registry = load_registry(data / "treatments.yaml", root)
    except DataError as exc:
        site.problems.extend(exc.problems)
    try:
        site.clinic = load_clinic(data / "clinic.yaml", root)
    except DataError as exc:
        site.problems.extend(exc.problems)
    return site


def page_schemas(content_dir: str | Path) -> dict[str, dict[str, Any]]:
    """The JSON Schema of each page type ("treatment", "page") of the site in ``content_dir``,
    with its registry's treatment keys and its clinic.yaml's reviewers filled in."""
    site = load_site(content_dir)
    return {kind: site.schema(kind) for kind in PAGE_TYPES}


@dataclass
class PageCheck:
    """What the page check found in one page."""

    problems: list[Problem]
    draft: bool = False
    renderable: bool = True  # no problem leaves a value the templates cannot use
    unusable_fields: set[str] = field(default_factory=set)  # sign-off values not to use


def check_page(
    fm: FrontMatter,
    kind: str,
    site: Site,
    *,
    today: dt.date,
    rendered: str | None = None,
    grace_days: int = 14,
    strict: bool = False,
) -> PageCheck:
    """Every problem with the page ``fm`` of page type ``kind``.

    ``rendered`` is the body as HTML (for the raw HTML policy's second pass). Quoted ISO dates
    in the sign-off fields are turned into dates in ``fm.data``, so what the check accepted is
    what the build uses.
    """
    problems = site.check(kind).problems(fm)
    _normalise_dates(fm)
    _dates_as_text(fm, site.schema(kind))
    problems += _dates(fm, today)
    overdue = review_problem(fm, today, grace_days, strict)
    if overdue:
        problems.append(overdue)
    problems += _summary(fm)
    problems += _placeholders(fm)
    problems += control_characters(fm.body, fm.path, fm.body_line)
    problems += check_body(fm.body, fm.path, fm.body_line, rendered)
    return PageCheck(
        problems=problems,
        draft=fm.data.get("status") == "draft",
        renderable=not any(p.code in BLOCKING and p.severity == "error" for p in problems),
        unusable_fields=_unusable(fm, site),
    )


def _unusable(fm: FrontMatter, site: Site) -> set[str]:
    """Sign-off values the page may not show: the schema refused them (or they are empty)."""
    data = fm.data
    out = {name for name in SIGN_OFF[1:] if _date(data.get(name)) is None}
    reviewer = data.get("reviewed_by")
    if not isinstance(reviewer, str) or reviewer not in site.reviewers:
        out.add("reviewed_by")
    facts = data.get("facts")
    price = facts.get("price_from") if isinstance(facts, dict) else None
    if isinstance(price, bool) or not isinstance(price, int | float) or price <= 0:
        out.add("facts.price_from")
    return out


def _normalise_dates(fm: FrontMatter) -> None:
    for name in SIGN_OFF:
        value = fm.data.get(name)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            with contextlib.suppress(ValueError):  # not a real date: the schema reported it
                fm.data[name] = dt.date.fromisoformat(value.strip())


def _dates_as_text(fm: FrontMatter, schema: dict[str, Any]) -> None:
    """A text field YAML read as a date ("title: 2000-01-01") passed the schema as its ISO
    text (see ``validate.jsonable``), so the page carries that text, not a date object."""
    defs = schema.get("$defs", {})
    for name, spec in schema.get("properties", {}).items():
        value = fm.data.get(name)
        if not isinstance(value, dt.date) or name in SIGN_OFF:
            continue
        ref = spec.get("$ref", "")
        if ref.startswith("#/$defs/"):
            spec = defs.get(ref.removeprefix("#/$defs/"), {})
        if spec.get("type") == "string":
            fm.data[name] = jsonable(value)


def _date(value: Any) -> dt.date | None:
    ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return value if ok else None


def _dates(fm: FrontMatter, today: dt.date) -> list[Problem]:
    last, nxt = _date(fm.data.get("last_reviewed")), _date(fm.data.get("next_review"))
    problems = []
    if last and last > today:
        problems.append(
            Problem(
                fm.path,
                fm.line_of("last_reviewed"),
                0,
                f"last_reviewed {last} is in the future",
                "write the date the reviewer signed the page off",
                code="signoff",
            )
        )
    if last and nxt and nxt <= last:
        problems.append(
            Problem(
                fm.path,
                fm.line_of("next_review"),
                0,
                f"next_review {nxt} is not after last_reviewed {last}",
                "set the next review date, usually 6 to 12 months after the last",
                code="signoff",
            )
        )
    return problems


def review_problem(
    fm: FrontMatter, today: dt.date, grace_days: int, strict: bool
) -> Problem | None:
    """A page past its ``next_review`` date (plus the grace period) needs its reviewer."""
    nxt = _date(fm.data.get("next_review"))
    if nxt is None or today <= nxt:
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


def _summary(fm: FrontMatter) -> list[Problem]:
    summary = fm.data.get("summary")
    if not isinstance(summary, str) or len(summary) <= SUMMARY_LIMIT:
        return []
    return [
        Problem(
            fm.path,
            fm.line_of("summary"),
            0,
            f"the summary is {len(summary)} characters; search results show about {SUMMARY_LIMIT}",
            "shorten it to one plain sentence",
            "warning",
            "schema",
        )
    ]


def _placeholder(path: str, line: int, column: int, text: str) -> Problem:
    return Problem(
        path,
        line,
        column,
        f"placeholder text “{text}” is still on the page",
        "replace it with the clinic's own words; a page with placeholders is not published",
        code="signoff",
    )


def _may_hold_placeholder(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _PLACEHOLDER_ANY_CASE) or any(
        w in text for w in _PLACEHOLDER_CASED
    )


def _placeholders(fm: FrontMatter) -> list[Problem]:
    """Text nobody has written yet ("To be written: …"), in the front matter or the body."""
    problems = []
    for _, node in fm.iter_scalars():
        match = _PLACEHOLDER.search(node.value)
        if match:
            line, column = fm.position(node)
            problems.append(_placeholder(fm.path, line, column, match.group(0)))
    if not _may_hold_placeholder(fm.body):
        return problems
    visible = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), mask_code(fm.body))
    for offset, line in enumerate(visible.split("\n")):
        match = _PLACEHOLDER.search(line)
        if match:
            problems.append(
                _placeholder(fm.path, fm.body_line + offset, match.start() + 1, match.group(0))
            )
    return problems
