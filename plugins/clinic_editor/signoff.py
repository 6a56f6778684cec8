"""``invoke sign-off``: a clinical reviewer signs a page off.

Only a reviewer (a team member marked ``reviewer: true`` in ``content/data/clinic.yaml``) can,
and only a page with no claims finding and no page-schema error: the sign-off writes
``reviewed_by``, ``last_reviewed`` (today) and ``next_review`` (six months on, by default) and
removes ``status: draft``, so the page is published by the next production build. The rest of
the file is left exactly as it was (comments, order, wording).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .pageschema import SIGN_OFF_FIELDS, check_page

__all__ = ["SignOffError", "sign_off"]

REVIEW_MONTHS = 6


class SignOffError(Exception):
    """The page cannot be signed off; the message says why and what to do."""


def _reviewers(root: Path) -> dict[str, str]:
    from clinic.data import DataError, load_clinic

    try:
        team = load_clinic(root / "content" / "data" / "clinic.yaml").get("team") or {}
    except DataError as exc:
        raise SignOffError(str(exc)) from None
    return {
        k: m.get("name", k) for k, m in team.items() if isinstance(m, dict) and m.get("reviewer")
    }


def _blocking(root: Path, page: Path, text: str, today: dt.date) -> list[str]:
    from claims_lint import InputError, Linter, load_config

    shown = str(page.relative_to(root)) if page.is_relative_to(root) else str(page)
    try:
        result = Linter(load_config(root)).lint_source(text, shown, "markdown")
    except InputError as exc:
        return [exc.render()]
    out = [
        f"{shown}:{f.line}: {f.rule} {f.message} — instead: {f.suggestion}"
        for f in result.findings
        if f.severity == "error"
    ]
    for p in check_page(text, shown, root / "content", today):
        # What the sign-off itself fills in: the three fields, missing or left empty.
        missing_sign_off = p.field in SIGN_OFF_FIELDS and (
            p.message.startswith("missing required field") or " is empty" in p.message
        )
        if p.severity == "error" and not missing_sign_off:
            out.append(f"{shown}:{p.line}: {p.message}" + (f" — {p.hint}" if p.hint else ""))
    return out


def _set_front_matter(text: str, values: dict[str, str], drop: tuple[str, ...]) -> str:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SignOffError("the page has no front matter (it must start with a line '---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise SignOffError("the front matter has no closing '---' line")
    head = lines[1:end]
    for key in drop:
        head = [line for line in head if not re.match(rf"{key}\s*:", line)]
    for key, value in values.items():
        new = f"{key}: {value}"
        at = next((i for i, line in enumerate(head) if re.match(rf"{key}\s*:", line)), None)
        if at is None:
            head.append(new)
        else:
            head[at] = new
    return "\n".join([lines[0], *head, *lines[end:]])


def sign_off(
    root: Path, page: Path, reviewer: str, today: dt.date | None = None, months: int = REVIEW_MONTHS
) -> str:
    """Sign ``page`` off as ``reviewer``; return a one-line summary. Raises SignOffError."""
    from clinic.scaffold import add_months

    root = Path(root).resolve()
    page = (root / page).resolve() if not Path(page).is_absolute() else Path(page)
    today = today or dt.date.today()
    reviewers = _reviewers(root)
    if reviewer not in reviewers:
        raise SignOffError(
            f"'{reviewer}' is not a clinical reviewer in content/data/clinic.yaml; reviewers: "
            + (", ".join(sorted(reviewers)) or "none (mark one team member 'reviewer: true')")
        )
    if not page.is_file():
        raise SignOffError(f"{page}: no such page")
    text = page.read_text(encoding="utf-8")
    blocking = _blocking(root, page, text, today)
    if blocking:
        raise SignOffError(
            "the page cannot be signed off until these are fixed:\n  " + "\n  ".join(blocking)
        )
    nxt = add_months(today, months)
    values = {
        "reviewed_by": reviewer,
        "last_reviewed": today.isoformat(),
        "next_review": nxt.isoformat(),
    }
    page.write_text(_set_front_matter(text, values, ("status",)), encoding="utf-8")
    return (
        f"Signed off {page.name} as {reviewers[reviewer]} on {today}; next review {nxt}. "
        "It is published by the next production build."
    )
