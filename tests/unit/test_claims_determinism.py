"""The rules compile to the same regex text in every process (set order must not leak into it).

The anchor memo (rules.AnchorMemo) is keyed by each pattern's text: a text that changed with
Python's hash seed made every build derive the anchors again (about a second of start-up)
and grew the memo file without end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import hashlib, json, sys
from claims_lint.rules import load_rules
rules = load_rules("uk", ())
patterns = [b.pattern for r in rules.rules for b in r.branches]
pack = rules.language
more = [pack.sentence_end.pattern, pack.clause_break.pattern, pack.negator.pattern]
print(json.dumps(hashlib.sha256("\\n".join(patterns + more).encode()).hexdigest()))
"""


def _digest(seed: str, cache: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "CLAIMS_LINT_RULES_CACHE": str(cache)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "plugins"), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_rule_patterns_are_the_same_text_whatever_the_hash_seed(tmp_path: Path) -> None:
    digests = {_digest(seed, tmp_path / seed) for seed in ("1", "2", "3")}
    assert len(digests) == 1


def test_a_second_process_reuses_the_anchor_memo(tmp_path: Path) -> None:
    _digest("1", tmp_path)
    (memo,) = tmp_path.glob("anchors-*.json")
    before = json.loads(memo.read_text(encoding="utf-8"))
    _digest("2", tmp_path)
    (memo,) = tmp_path.glob("anchors-*.json")
    after = json.loads(memo.read_text(encoding="utf-8"))
    for part in ("anchors", "patterns"):
        assert before[part] and set(after[part]) == set(before[part])


def test_other_rules_anchor_memos_are_kept_up_to_a_few(tmp_path: Path) -> None:
    from claims_lint import rules as rules_module

    for i in range(10):  # other checkouts' rules, oldest first
        old = tmp_path / f"anchors-other{i}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    memo = rules_module.AnchorMemo("current")
    memo.path = tmp_path / "anchors-current.json"
    memo.known, memo.added = {"x": [["y"]]}, True
    memo.save()
    left = sorted(p.name for p in tmp_path.glob("anchors-*.json"))
    kept = [f"anchors-other{i}.json" for i in range(10 - rules_module._MEMOS_KEPT, 10)]
    assert left == sorted(["anchors-current.json", *kept])


FINDINGS = """
import json, sys
from claims_lint import Linter
path = sys.argv[1]
result = Linter().lint_source(open(path, encoding="utf-8").read(), path, "markdown")
print(json.dumps([(f.line, f.column, f.rule, f.matched) for f in result.findings]))
"""


def test_findings_at_one_place_come_in_one_order_whatever_the_hash_seed() -> None:
    # Two EVD001 findings start at one place on this page: their order followed the set
    # the engine collects findings in.
    page = ROOT / "tests/fixtures/claims/site/content/treatments/facial.md"
    orders = set()
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "plugins"), env.get("PYTHONPATH", "")])
        out = subprocess.run(
            [sys.executable, "-c", FINDINGS, str(page)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        orders.add(out.stdout.strip().splitlines()[-1])
    assert len(orders) == 1
    assert sum(1 for f in json.loads(orders.pop()) if f[2] == "EVD001") >= 2
