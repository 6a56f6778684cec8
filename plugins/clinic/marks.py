"""The development banner's data, and the offending words marked in place in the page.

Two views of one page's problems, both development-only (``CLINIC_SHOW_FINDINGS``):

* :func:`group_problems` — one line per rule (or per kind of schema problem) with a count, the
  fix first, and the code, regulation and places folded away;
* :func:`mark_claims` — each claim's words wrapped in ``<mark>`` in the rendered page, so the
  reader sees *where* as well as *what*.

Nothing here knows about Pelican: the CMS preview uses the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from bs4 import NavigableString

__all__ = ["Group", "group_problems", "mark_claims"]

# Typographic characters the Markdown "smarty" extension writes, mapped one-for-one to what an
# author types, so a quote found in the source is found in the rendered text too.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SKIP = {"script", "style", "code", "pre", "mark", "textarea"}
_REGULATION = re.compile(r"\(((?:CAP|BCAP|FTC|FDA|UCPD|EU)\b[^)]*)\)")


@dataclass
class Group:
    """Problems of one kind on one page: the banner shows one line for each."""

    key: str
    severity: str
    fix: str
    what: str  # the finding's own words ("Calls the treatment painless.")
    rule: str = ""
    why: str = ""
    regulation: str = ""
    problems: list[Problem] = field(default_factory=list)
    anchor: str = ""  # id of the first marked occurrence in the page, if any

    @property
    def action(self) -> str:
        """The fix without its example: "State the typical recovery" (fits one line)."""
        return re.split(r",?\s+(?:e\.g\.|for example)\s", self.fix, maxsplit=1)[0].rstrip(" .,;:")

    @property
    def subject(self) -> str:
        """What the line is about: the quoted words of a claim, else the problem itself."""
        return "”, “".join(self.quotes) if self.quotes else self.what

    @property
    def count(self) -> int:
        return len(self.problems)

    @property
    def quotes(self) -> list[str]:
        return list(dict.fromkeys(p.quote for p in self.problems if p.quote))

    @property
    def lines(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line})

    @property
    def places(self) -> list[str]:
        """``file:line:column`` of each occurrence, as the terminal prints them."""
        out = []
        for p in sorted(self.problems, key=lambda p: (p.path, p.line, p.column)):
            where = p.path + (f":{p.line}" if p.line else "") + (f":{p.column}" if p.column else "")
            out.append(where)
        return list(dict.fromkeys(out))


def _fix(problem: Problem) -> str:
    hint = problem.hint.strip()
    return hint[len("instead: ") :] if hint.startswith("instead: ") else hint


def group_problems(problems: list[Problem]) -> list[Group]:
    """Errors before warnings, then the most frequent first; one group per rule or message."""
    groups: dict[str, Group] = {}
    for p in problems:
        key = _key(p)
        group = groups.get(key)
        if group is None:
            what = p.headline or p.message
            regulation = _REGULATION.search(p.why)
            groups[key] = group = Group(
                key=key,
                severity=p.severity,
                fix=_fix(p) or what,
                what=re.sub(r'\s*\("[^"]*"\)$', "", what),
                rule=p.rule,
                why=p.why,
                regulation=regulation.group(1) if regulation else "",
            )
        if p.severity == "error":
            group.severity = "error"
        group.problems.append(p)
    return sorted(groups.values(), key=lambda g: (g.severity != "error", -g.count, g.key))


def _find(texts: list[NavigableString], needle: str, start: int) -> tuple[int, int] | None:
    """(text node index, offset) of the first occurrence at or after text node ``start``."""
    for i in range(start, len(texts)):
        at = str(texts[i]).translate(_PLAIN).casefold().find(needle)
        if at >= 0:
            return i, at
    return None


def _key(problem: Problem) -> str:
    return problem.rule or f"{problem.code}:{problem.message}"


def mark_claims(html: str, problems: list[Problem], groups: list[Group] | None = None) -> str:
    """``html`` with each claim's words in ``<mark class="claim">``, in document order.

    Claims are searched for in source order, each after the previous one, so a phrase that
    occurs twice is marked where it was found. A claim whose words are not in one run of text
    (split by a link, say, or in a front matter field shown elsewhere) is left unmarked: the
    banner still lists it. ``groups`` get the id of their first mark, for the banner's links.
    """
    claims = sorted((p for p in problems if p.quote), key=lambda p: (p.line, p.column))
    if not claims or not html.strip():
        return html
    # Imported here: most builds mark nothing, and bs4 (with soupsieve) costs every build
    # about a tenth of a second to import.
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    texts = [
        t
        for t in soup.find_all(string=True)
        if t.parent is not None and t.parent.name not in _SKIP and str(t).strip()
    ]
    by_key = {g.key: g for g in groups or []}
    cursor = 0
    for n, problem in enumerate(claims, start=1):
        found = _find(texts, problem.quote.translate(_PLAIN).casefold(), cursor)
        if found is None:
            found = _find(texts, problem.quote.translate(_PLAIN).casefold(), 0)
        if found is None:
            continue
        i, at = found
        text = str(texts[i])
        end = at + len(problem.quote)
        mark = soup.new_tag("mark", attrs={"id": f"claim-{n}", "data-rule": problem.rule})
        mark["class"] = ["claim", f"claim--{problem.severity}"]
        mark.string = text[at:end]
        before, after = NavigableString(text[:at]), NavigableString(text[end:])
        texts[i].replace_with(before)
        before.insert_after(mark)
        mark.insert_after(after)
        texts[i] = after  # what follows the mark may hold the sentence's next claim
        texts.insert(i, before)
        cursor = i + 1
        group = by_key.get(_key(problem))
        if group is not None and not group.anchor:
            group.anchor = f"claim-{n}"
    return str(soup)
