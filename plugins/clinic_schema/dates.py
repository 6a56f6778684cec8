"""Dates: only ISO ``YYYY-MM-DD`` is accepted, but the other ways people write dates are
recognised, so the message can say exactly what to write ("write 2026-11-30 for 30 November
2026"). A date such as 03/04/2026 is read both ways and both are offered.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["date_advice", "readings", "spoken"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})\s*[/.\-]\s*(?P<b>\d{1,2})\s*[/.\-]\s*" + _YEAR + "$")
_YEAR_FIRST = re.compile(
    r"^(?P<year>\d{4})\s*[/.\-]\s*(?P<month>\d{1,2})\s*[/.\-]\s*(?P<day>\d{1,2})$"
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_DAY_MONTH = re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$")
_MONTH_DAY = re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}$")
_DATETIME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


def spoken(day: dt.date) -> str:
    """``30 November 2026``: the date as a person says it (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    year = int(year)
    if year < 100:
        year += 2000
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        return None


def readings(text: str) -> list[dt.date]:
    """Every date ``text`` could mean, most likely first (day first, as in the UK)."""
    text = " ".join(text.strip().split())
    if m := _DATETIME.match(text):
        day = _date(*m["date"].split("-"))
        return [day] if day else []
    if m := _NUMERIC.match(text):
        a, b = int(m["a"]), int(m["b"])
        options = [_date(m["year"], b, a), _date(m["year"], a, b)]  # day first, then month first
        return list(dict.fromkeys(d for d in options if d))
    for pattern in (_YEAR_FIRST, _COMPACT, _DAY_MONTH, _MONTH_DAY):
        if m := pattern.match(text):
            month = m["month"]
            if not month.isdigit():
                month = _MONTHS.get(month.lower().rstrip("."))
                if month is None:
                    return []
            day = _date(m["year"], month, m["day"])
            return [day] if day else []
    return []


def date_advice(value: object) -> str:
    """What to write instead of ``value`` for a date: the ISO form of what it seems to mean."""
    if isinstance(value, dt.datetime):
        return f"write the date only: {value.date().isoformat()}"
    found = readings(str(value)) if isinstance(value, str | int) else []
    if isinstance(value, str) and _DATETIME.match(value.strip()) and found:
        return f"write the date only: {found[0].isoformat()}"
    if not found:
        return "write the date as YYYY-MM-DD, e.g. 2026-11-30 for 30 November 2026"
    first = f"write {found[0].isoformat()} for {spoken(found[0])}"
    if len(found) > 1:
        return f"{first}, or {found[1].isoformat()} for {spoken(found[1])}"
    return first
