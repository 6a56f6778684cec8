"""How far two labellers agree on the same items, and how the linter scores against each (a
script, not a test).

    python benchmarks/claims_agree.py FIRST.yaml SECOND.yaml

FIRST and SECOND are labelled sets of the same items in the same order (pages of items, as in
tests/fixtures/claims/realistic/), labelled by two people who did not see each other's labels:
the set a helper collected and labelled, and a second labelling of its text. The figures say
what ceiling the labels themselves allow: a detector cannot be expected to agree with one
labeller more closely than a second careful labeller does. Scored as claims_score.py scores:
recall counts an item found in one of its categories; precision counts any finding on a flagged
item against findings on quiet items; the linter reads each page's items together (--pages).
The procedure is in docs/labelling-policy.md ("How a labeller agreement check is run").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claims_score import Item, found_in_pages, read_labelled, scoring_linter

Labels = list[frozenset[str]]  # the categories of each item; empty: quiet


@dataclass(frozen=True)
class Agreement:
    """One labelling (or the linter) scored against another taken as the truth."""

    hit: int  # truth-flagged items given one of their categories
    flagged: int  # truth-flagged items
    any_flag: int  # truth-flagged items given any category
    false_alarms: int  # truth-quiet items given a category

    @classmethod
    def of(cls, truth: Labels, other: Labels) -> Agreement:
        pairs = list(zip(truth, other, strict=True))
        return cls(
            hit=sum(1 for t, o in pairs if t & o),
            flagged=sum(1 for t, _ in pairs if t),
            any_flag=sum(1 for t, o in pairs if t and o),
            false_alarms=sum(1 for t, o in pairs if not t and o),
        )

    def line(self, name: str) -> str:
        recall = self.hit / self.flagged if self.flagged else 1.0
        found = self.any_flag + self.false_alarms
        precision = self.any_flag / found if found else 1.0
        return (
            f"{name:38} recall {recall:.3f} ({self.hit}/{self.flagged})  "
            f"precision {precision:.3f}  false alarms {self.false_alarms}"
        )


def kappa(first: Labels, second: Labels) -> tuple[int, float]:
    """Items on which both say flagged or both say quiet, and Cohen's kappa of that choice."""
    n = len(first)
    same = sum(1 for a, b in zip(first, second, strict=True) if bool(a) == bool(b))
    p1 = sum(1 for a in first if a) / n
    p2 = sum(1 for b in second if b) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return same, (same / n - chance) / (1 - chance) if chance < 1 else 1.0


def agreed(first: Labels, second: Labels) -> list[int]:
    """The items both labellers flag, or both leave quiet: the labels nobody disputes."""
    return [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if bool(a) == bool(b)]


def category_lines(first: Labels, second: Labels) -> list[str]:
    """Per category: items both labellers gave it, and items only one of them did."""
    both: Counter[str] = Counter()
    only: Counter[str] = Counter()
    for a, b in zip(first, second, strict=True):
        both.update(a & b)
        only.update(a ^ b)
    cats = sorted(set(both) | set(only), key=lambda c: -(both[c] + only[c]))
    return [f"{c:28} both {both[c]:4}  one of the two {only[c]:4}" for c in cats]


def report(first: list[Item], second: list[Item]) -> list[str]:
    a = [frozenset(i.flag) for i in first]
    b = [frozenset(i.flag) for i in second]
    found = [frozenset(f) for f in found_in_pages(first, scoring_linter())]
    keep = agreed(a, b)
    # where both flag, either's categories count: the dispute was whether, not which
    truth = [a[i] | b[i] for i in keep]
    same, k = kappa(a, b)
    return [
        Agreement.of(a, b).line("second labeller against the first"),
        Agreement.of(b, a).line("first labeller against the second"),
        f"{'flagged or quiet, both the same':38} {same}/{len(a)} items, Cohen's kappa {k:.3f}",
        Agreement.of(a, found).line("linter against the first"),
        Agreement.of(b, found).line("linter against the second"),
        Agreement.of(truth, [found[i] for i in keep]).line("linter on items both agree on"),
        "per category:",
        *("    " + line for line in category_lines(a, b)),
    ]


def _mismatch(first: list[Item], second: list[Item]) -> str | None:
    if len(first) != len(second):
        return f"the files hold {len(first)} and {len(second)} items; label the same items"
    for n, (a, b) in enumerate(zip(first, second, strict=True), start=1):
        if a.text != b.text or a.page != b.page:
            return (
                f"item {n} differs (page {a.page!r}: {a.text[:60]!r} against page {b.page!r}: "
                f"{b.text[:60]!r}); the second labelling must keep the first's pages, items "
                "and order, changing only the labels"
            )
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("first", type=Path, help="the set as first labelled")
    ap.add_argument("second", type=Path, help="the same items labelled by someone else")
    args = ap.parse_args(argv)
    first, second = (read_labelled(str(f), f) for f in (args.first, args.second))
    if isinstance(first, str) or isinstance(second, str):
        print("\n".join(r for r in (first, second) if isinstance(r, str)))
        return 2
    problem = _mismatch(first, second) or (None if first else "no items to compare")
    if problem:
        print(problem)
        return 2
    print("\n".join(report(first, second)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
