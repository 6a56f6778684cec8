"""`invoke review-status`: every reviewed page with its reviewer and dates, overdue first.

Reviewers use it to plan their work; the build enforces the same dates (a page past its
``next_review``, or citing evidence past its ``review_by``, is a warning in development and an
error in production after the grace period).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claims_lint.frontmatter import FrontMatterError, load_yaml, parse_front_matter

from .data import DataError, load_clinic

__all__ = ["PageReview", "ReviewError", "collect", "review_status"]

DUE_SOON_DAYS = 30
REVIEW_FIELDS = ("reviewed_by", "last_reviewed", "next_review")
_CITATION = re.compile(r"\[\^([^\]\s]+)\](?!:)")

# Sort order, most urgent first.
OVERDUE, DUE_SOON, NO_DATES, UNREADABLE, OK = range(5)
_LABEL = {
    OVERDUE: "overdue",
    DUE_SOON: "due within 30 days",
    NO_DATES: "no review dates",
    UNREADABLE: "cannot read",
    OK: "ok",
}


class ReviewError(Exception):
    """The report cannot be made (no content folder, unreadable clinic details)."""


@dataclass
class PageReview:
    path: str
    title: str
    reviewer: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    rank: int
    status: str
    notes: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return self.rank in (OVERDUE, DUE_SOON, NO_DATES, UNREADABLE)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return None


def _evidence(content_dir: Path) -> dict[str, dict[str, Any]]:
    path = content_dir / "data" / "evidence.yaml"
    if not path.exists():
        return {}
    try:
        _, data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    except (FrontMatterError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read the evidence register: {exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}


def _team(content_dir: Path) -> dict[str, Any]:
    path = content_dir / "data" / "clinic.yaml"
    try:
        clinic = load_clinic(path)
    except DataError as exc:
        raise ReviewError(f"cannot read the clinic's details:\n{exc}") from None
    team = clinic.get("team")
    return team if isinstance(team, dict) else {}


def _page_files(content_dir: Path) -> list[Path]:
    files = []
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir).parts
        if path.suffix in (".md", ".markdown") and path.is_file() and rel[0] != "data":
            files.append(path)
    return files


def _shown(path: Path, content_dir: Path) -> str:
    return str(Path(content_dir.name) / path.relative_to(content_dir))


def _review(
    path: Path,
    content_dir: Path,
    team: dict[str, Any],
    evidence: dict[str, Any],
    today: dt.date,
) -> PageReview | None:
    shown = _shown(path, content_dir)
    is_treatment = path.relative_to(content_dir).parts[0] == "treatments"
    try:
        fm = parse_front_matter(path.read_text(encoding="utf-8"), shown)
    except (FrontMatterError, UnicodeDecodeError) as exc:
        note = (
            f"line {exc.line}: {exc.message}"
            if isinstance(exc, FrontMatterError)
            else "the file is not UTF-8 text"
        )
        return PageReview(shown, "?", "", None, None, UNREADABLE, _LABEL[UNREADABLE], [note])
    data = fm.data
    if not is_treatment and not any(k in data for k in REVIEW_FIELDS):
        return None

    key = data.get("reviewed_by")
    member = team.get(key) if isinstance(key, str) else None
    if isinstance(member, dict) and member.get("name"):
        reviewer = str(member["name"])
    else:
        reviewer = str(key) if key else "-"
    last, nxt = _date(data.get("last_reviewed")), _date(data.get("next_review"))
    notes: list[str] = []
    if key and not (isinstance(member, dict) and member.get("reviewer")):
        notes.append(f"'{key}' is not a reviewer in content/data/clinic.yaml")

    if nxt is None:
        rank, status = NO_DATES, _LABEL[NO_DATES]
    elif nxt < today:
        rank, status = OVERDUE, f"overdue ({(today - nxt).days} days)"
    elif (nxt - today).days <= DUE_SOON_DAYS:
        rank, status = DUE_SOON, f"due in {(nxt - today).days} days"
    else:
        rank, status = OK, "ok"

    for ref in dict.fromkeys(_CITATION.findall(fm.body)):
        entry = evidence.get(ref)
        if not isinstance(entry, dict):
            notes.append(f"cites [^{ref}], which is not in the evidence register")
            continue
        review_by = _date(entry.get("review_by"))
        if review_by is None:
            notes.append(f"evidence {ref} has no review_by date")
        elif review_by < today:
            notes.append(f"evidence {ref} was due for review on {review_by}")
            rank = OVERDUE
            if not status.startswith("overdue"):
                status = "overdue (evidence)"
        elif (review_by - today).days <= DUE_SOON_DAYS:
            notes.append(f"evidence {ref} is due for review on {review_by}")
            if rank > DUE_SOON:
                rank, status = DUE_SOON, "due within 30 days (evidence)"
    title = data.get("title") if isinstance(data.get("title"), str) else "?"
    return PageReview(shown, title, reviewer, last, nxt, rank, status, notes)


def collect(content_dir: Path, today: dt.date | None = None) -> list[PageReview]:
    """Every treatment page, and every other page with review fields, most urgent first."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ReviewError(f"no content folder at {content_dir}")
    today = today or dt.date.today()
    team, evidence = _team(content_dir), _evidence(content_dir)
    pages = [
        r
        for p in _page_files(content_dir)
        if (r := _review(p, content_dir, team, evidence, today)) is not None
    ]

    def urgency(r: PageReview) -> tuple[int, dt.date, str]:
        return (r.rank, r.next_review or dt.date.min, r.path)

    return sorted(pages, key=urgency)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def review_status(content_dir: Path, today: date | None = None) -> str:
    """A plain-text table of every reviewed page, overdue first, with notes under it."""
    today = today or dt.date.today()
    pages = collect(content_dir, today)
    if not pages:
        return f"No pages with review dates under {content_dir}."
    rows = [["STATUS", "PAGE", "REVIEWER", "LAST REVIEWED", "NEXT REVIEW"]]
    for r in pages:
        rows.append(
            [r.status, r.path, r.reviewer, str(r.last_reviewed or "-"), str(r.next_review or "-")]
        )
    lines = [f"Review status on {today.isoformat()}", "", *_table(rows)]
    noted = [r for r in pages if r.notes]
    if noted:
        lines.append("")
        for r in noted:
            for note in r.notes:
                lines.append(f"{r.path}: {note}")
    counts = {label: sum(1 for r in pages if r.rank == rank) for rank, label in _LABEL.items()}
    summary = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
    lines += ["", f"{len(pages)} page{'s' if len(pages) != 1 else ''}: {summary}."]
    return "\n".join(lines)
