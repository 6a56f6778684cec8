"""How far two labellers agree on the same items, and how the linter scores against each (a
script, not a test).

    python benchmarks/claims_agree.py FIRST.yaml SECOND.yaml
    python benchmarks/claims_agree.py FIRST.yaml SECOND.yaml --disputes DISPUTED.yaml
    python benchmarks/claims_agree.py FIRST.yaml SECOND.yaml --settled DECIDED.yaml

FIRST and SECOND are labelled sets of the same items in the same order (pages of items, as in
tests/fixtures/claims/realistic/), labelled by two people who did not see each other's labels:
the set a helper collected and labelled, and a second labelling of its text. The figures say
what ceiling the labels themselves allow: a detector cannot be expected to agree with one
labeller more closely than a second careful labeller does. Scored as claims_score.py scores:
recall counts an item found in one of its categories; precision counts any finding on a flagged
item against findings on quiet items; the linter reads each page's items together (--pages).
The procedure is in docs/labelling-policy.md ("How a labeller agreement check is run").

--disputes writes the items the two label differently for a third labeller; --settled reads
that labeller's decisions (`items: [{id, final: quiet | [categories], why}]`) and scores each
labeller and the linter against the settled labels: both labellers' label where they agree, the
third's where they did not ("How disagreements are settled").
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
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


def report(first: list[Item], second: list[Item], found: Labels) -> list[str]:
    """Each labelling against the other, and ``found`` (the linter's) against each."""
    a = [frozenset(i.flag) for i in first]
    b = [frozenset(i.flag) for i in second]
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


def disputed(first: list[Item], second: list[Item]) -> list[int]:
    """The items (indexes from 0) the two labellings give different categories."""
    pairs = enumerate(zip(first, second, strict=True))
    return [n for n, (a, b) in pairs if set(a.flag) != set(b.flag)]


def disputes(first: list[Item], second: list[Item], seed: int = 37) -> list[dict[str, Any]]:
    """The items the two labellings label differently, for a third labeller: each numbered as in
    the files (from 1), with the item before it on its page (an answer is read with its question)
    and both labels in an order drawn at random per item, so neither labeller reads as the
    senior."""
    draw = random.Random(seed)
    out: list[dict[str, Any]] = []
    for n in disputed(first, second):
        a, b = first[n], second[n]
        labels = [sorted(a.flag) or "quiet", sorted(b.flag) or "quiet"]
        draw.shuffle(labels)
        before = first[n - 1].text if n and first[n - 1].page == a.page else ""
        out.append(
            {"id": n + 1, "page": a.page, "before": before, "text": a.text}
            | {"labeller_1": labels[0], "labeller_2": labels[1]}
        )
    return out


def settled(first: list[Item], second: list[Item], decided: Any) -> Labels | str:
    """Both labellers' label where they agree and the third labeller's where they did not; or
    why the decisions (``items: [{id, final}]``) do not settle exactly the disputed items."""
    rows = decided.get("items") if isinstance(decided, dict) else None
    if not isinstance(rows, list):
        return "write the decisions as items: [{id: N, final: quiet or [categories], why: ...}]"
    final: dict[int, frozenset[str]] = {}
    for row in rows:
        label = row.get("final") if isinstance(row, dict) else None
        if label != "quiet" and not (
            isinstance(label, list) and label and all(isinstance(c, str) for c in label)
        ):
            return f"decision {row!r}: final must be quiet or a list of categories"
        if row.get("id") in final:
            return f"item {row.get('id')} is decided twice; keep one decision"
        final[row.get("id")] = frozenset() if label == "quiet" else frozenset(label)
    wanted = {n + 1 for n in disputed(first, second)}
    if set(final) != wanted:
        missing, extra = sorted(wanted - set(final)), sorted(set(final) - wanted, key=str)
        return (
            f"the decisions must settle each disputed item: missing {missing}, not disputed {extra}"
        )
    return [final.get(n, frozenset(a.flag)) for n, a in enumerate(first, start=1)]


def settled_report(
    first: list[Item], second: list[Item], found: Labels, truth: Labels
) -> list[str]:
    """Each labeller and ``found`` (the linter's) against the settled labels."""
    return [
        Agreement.of(truth, [frozenset(i.flag) for i in first]).line("first labeller, settled"),
        Agreement.of(truth, [frozenset(i.flag) for i in second]).line("second labeller, settled"),
        Agreement.of(truth, found).line("linter against the settled labels"),
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
    ap.add_argument("--disputes", type=Path, help="write the disputed items here")
    ap.add_argument("--settled", type=Path, help="a third labeller's decisions on them")
    args = ap.parse_args(argv)
    first, second = (read_labelled(str(f), f) for f in (args.first, args.second))
    if isinstance(first, str) or isinstance(second, str):
        print("\n".join(r for r in (first, second) if isinstance(r, str)))
        return 2
    problem = _mismatch(first, second) or (None if first else "no items to compare")
    if problem:
        print(problem)
        return 2
    if args.disputes:
        rows = disputes(first, second)
        text = yaml.safe_dump({"items": rows}, allow_unicode=True, sort_keys=False, width=1000)
        args.disputes.write_text(text, encoding="utf-8")
        print(f"{len(rows)} disputed items written to {args.disputes}")
        return 0
    truth = _settled_from(args.settled, first, second) if args.settled else None
    if isinstance(truth, str):
        print(truth)
        return 2
    found = [frozenset(f) for f in found_in_pages(first, scoring_linter())]  # linted once
    lines = report(first, second, found)
    if truth is not None:
        lines += settled_report(first, second, found, truth)
    print("\n".join(lines))
    return 0


def _settled_from(path: Path, first: list[Item], second: list[Item]) -> Labels | str:
    try:
        decided = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return f"{path}: cannot read the decisions ({type(err).__name__}: {err})"
    return settled(first, second, decided)


if __name__ == "__main__":
    sys.exit(main())
