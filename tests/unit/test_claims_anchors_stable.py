"""The rules' anchors, and the words the disguise readings know, are the same in every run.

Python orders a set by hashes that change from one process to the next (``PYTHONHASHSEED``);
the anchor analysis once broke ties between equally good clauses in set order, so which
literals a rule scanned for, and which words a spaced-out or leet spelling was read as,
changed between runs. Two processes with different seeds must agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

_DIGEST = """
import datetime as dt, hashlib
from claims_lint import Config, Linter
from claims_lint.engine import known_words
linter = Linter(Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None))
words = sorted(known_words(linter.rules, linter.pack))
anchors = sorted(repr(sorted(map(sorted, rule.anchors))) for rule in linter.rules)
print(hashlib.sha256(repr((words, anchors)).encode()).hexdigest())
"""


def _digest(seed: str) -> str:
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "CLAIMS_LINT_RULES_CACHE": "",
        "PYTHONPATH": str(PLUGINS),
    }
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_anchors_and_known_words_do_not_depend_on_the_hash_seed() -> None:
    assert _digest("1") == _digest("2") == _digest("3")
