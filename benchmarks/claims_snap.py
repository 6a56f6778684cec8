"""Snapshot claims-lint's findings on every tuning set, and compare a later run with it (a script).

    python benchmarks/claims_snap.py save /tmp/before.json    # before changing rules or judges
    python benchmarks/claims_snap.py diff /tmp/before.json    # after: what was fixed, what broke

``diff`` lists every item that became right (FIXED) or wrong (BROKEN) and, per set, recall and
false alarms before and after. Held-out sets (``claims_score.FROZEN``) are never read: their
items must not guide a change. To test a worktree rather than the installed package, put its
``plugins`` folder first on ``PYTHONPATH`` and set ``CLAIMS_LINT_RULES_CACHE=`` (no anchor cache).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TypedDict

from claims_score import FROZEN, SETS, correct, load_items, scoring_linter

NOT_TUNING = FROZEN | {"corpus", "devset"}


class Entry(TypedDict):
    text: str
    want: list[str]  # the item's categories; empty: it must stay quiet
    got: list[str]  # "RULE:category" of every finding


def snapshot() -> dict[str, Entry]:
    linter = scoring_linter()
    out: dict[str, Entry] = {}
    for name, path in SETS.items():
        if name in NOT_TUNING or not path.is_file():
            continue
        for i, item in enumerate(load_items(name, path)):
            found = linter.lint_source(item.text, "x.md", "markdown").findings
            got = sorted({f"{f.rule}:{f.category}" for f in found})
            out[f"{name}:{i}"] = Entry(text=item.text, want=list(item.flag), got=got)
    return out


def right(entry: Entry) -> bool:
    return correct(entry["want"], {g.split(":", 1)[1] for g in entry["got"]})


def diff(base: dict[str, Entry], now: dict[str, Entry]) -> list[str]:
    both = [k for k in now if k in base]
    fixed = [k for k in both if right(now[k]) and not right(base[k])]
    broken = [k for k in both if right(base[k]) and not right(now[k])]
    lines = []
    for title, keys in (("FIXED", fixed), ("BROKEN", broken)):
        lines.append(f"== {title} {len(keys)}")
        for k in keys:
            e = now[k]
            lines.append(f"  {k} want={e['want'] or 'quiet'} got={e['got']} :: {e['text'][:160]}")
    for name in sorted({k.split(":")[0] for k in both}):
        keys = [k for k in both if k.split(":")[0] == name]
        flagged = [k for k in keys if now[k]["want"]]
        quiet = [k for k in keys if not now[k]["want"]]
        before = (sum(right(base[k]) for k in flagged), sum(not right(base[k]) for k in quiet))
        after = (sum(right(now[k]) for k in flagged), sum(not right(now[k]) for k in quiet))
        if before != after:
            lines.append(
                f"  {name}: recall {before[0]}->{after[0]}/{len(flagged)}  "
                f"false alarms {before[1]}->{after[1]}/{len(quiet)}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("command", choices=("save", "diff"))
    ap.add_argument("path", type=Path, help="the snapshot file (JSON)")
    args = ap.parse_args(argv)
    if args.command == "diff" and not args.path.is_file():
        ap.error(f"no snapshot at {args.path}: run 'save' first, before the change")
    now = snapshot()
    if args.command == "save":
        args.path.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} items saved to {args.path}")
        return 0
    base = json.loads(args.path.read_text(encoding="utf-8"))
    print("\n".join(diff(base, now)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
