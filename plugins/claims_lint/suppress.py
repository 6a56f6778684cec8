"""Inline suppression directives.

Syntax (an HTML comment in Markdown/HTML/text, or a ``#`` comment in YAML front matter)::

    <!-- claims-lint: disable PAI001 reason="survey, file 12" until=2027-01-01 by="Dr A Patel" -->

* ``disable CODES`` — CODES is a comma-separated list of rule codes or category ids. On a line
  of its own it covers the next block (the following paragraph, list item, heading or table row,
  up to the next blank line); after text on the same line it covers that line.
* ``disable-file CODES`` — the whole file.
* ``reason="..."`` is required; ``until=YYYY-MM-DD`` (optional) ends it; ``by="..."`` names who
  agreed to it. A directive without a reason, with an unknown code, a bad date, or past its
  ``until`` date is itself an error, and suppresses nothing. One that silences nothing is a
  warning, so stale directives get cleaned up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["Directive", "parse_directive", "SUPPRESSION_CODES"]

SUPPRESSION_CODES = {
    "SUP001": "a suppression must give a reason",
    "SUP002": "this suppression has expired",
    "SUP003": "this suppression names an unknown rule or category",
    "SUP004": "this suppression cannot be read",
    "SUP005": "this suppression silences nothing",
}
_HEAD = re.compile(r"^\s*#?\s*claims-lint\s*:\s*(?P<verb>[a-z-]+)\s*(?P<rest>.*?)\s*$", re.S)
_PARAM = re.compile(r"""(?P<key>[a-z_]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S+))""")


@dataclass
class Directive:
    line: int  # 1-based line of the comment
    column: int
    end_line: int
    verb: str
    codes: tuple[str, ...]
    reason: str = ""
    until: dt.date | None = None
    by: str = ""
    scope: tuple[int, int] = (0, 0)  # inclusive source line range it covers
    problem: tuple[str, str] | None = None  # (code, message) when the directive is invalid
    used: bool = False
    raw: str = ""
    hits: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.problem is None

    def covers(self, line: int, rule: str, category: str) -> bool:
        return (
            self.valid
            and self.scope[0] <= line <= self.scope[1]
            and (rule in self.codes or category in self.codes)
        )


def parse_directive(
    body: str, line: int, column: int, end_line: int, known: set[str], today: dt.date
) -> Directive | None:
    """Parse the inside of a comment; None if it is not addressed to claims-lint."""
    m = _HEAD.match(body)
    if m is None:
        return None
    verb = m.group("verb")
    rest = m.group("rest")
    first, _, params_text = rest.partition(" ")
    if "=" in first:  # no codes given, straight into parameters
        first, params_text = "", rest
    codes = tuple(c.strip() for c in first.split(",") if c.strip())
    d = Directive(line, column, end_line, verb, codes, raw=body.strip())
    params: dict[str, str] = {}
    consumed = _PARAM.sub(
        lambda pm: (
            params.__setitem__(
                pm.group("key"),
                next(
                    g for g in (pm.group("dq"), pm.group("sq"), pm.group("bare")) if g is not None
                ),
            )
            or ""
        ),
        params_text,
    )
    if verb not in ("disable", "disable-file", "disable-next-line", "disable-line"):
        d.problem = ("SUP004", f"unknown directive {verb!r}: use 'disable' or 'disable-file'")
        return d
    if consumed.strip():
        d.problem = ("SUP004", f'cannot read {consumed.strip()!r}: write key="value"')
        return d
    if not codes:
        d.problem = (
            "SUP004",
            "name the rule codes or categories to disable, e.g. 'disable PAI001'",
        )
        return d
    unknown = [c for c in codes if c not in known]
    if unknown:
        d.problem = ("SUP003", f"unknown rule or category {', '.join(unknown)}")
        return d
    extra = set(params) - {"reason", "until", "by"}
    if extra:
        d.problem = (
            "SUP004",
            f"unknown setting {', '.join(sorted(extra))} (use reason, until, by)",
        )
        return d
    d.reason = params.get("reason", "").strip()
    d.by = params.get("by", "").strip()
    if "until" in params:
        try:
            d.until = dt.date.fromisoformat(params["until"])
        except ValueError:
            d.problem = ("SUP004", f"until={params['until']!r} is not a date like 2027-01-01")
            return d
    if not d.reason:
        d.problem = ("SUP001", 'add reason="why this is acceptable" (a reviewer reads it)')
    elif d.until is not None and d.until < today:
        d.problem = ("SUP002", f"expired on {d.until.isoformat()}: fix the text or renew it")
    return d
