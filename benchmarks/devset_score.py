"""Score the claims linter on a labelled set of sentences (not a test: the set is not ours).

    python benchmarks/devset_score.py [PATH]   # default: ../shared/reference/claims-devset.yaml

Each item has `text` and either `flag: [categories]` (must get an error or warning in one of
them) or `quiet: true` (must get none). Prints recall on the flag items, the quiet items kept
quiet, and every miss. Our own labelled corpus, which the test suite runs, is
tests/fixtures/claims/corpus.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from claims_lint import Config, Linter

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "reference" / "claims-devset.yaml"


def main(path: Path) -> int:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    linter = Linter(Config(cache_dir=None))
    flagged = quiet = flag_total = quiet_total = 0
    for item in items:
        found = {f.category for f in linter.lint_source(item["text"], "x.md", "markdown").findings}
        if "flag" in item:
            flag_total += 1
            if found & set(item["flag"]):
                flagged += 1
            else:
                print(f"missed: {item['text']!r} (want {item['flag']}, got {sorted(found)})")
        elif item.get("quiet"):
            quiet_total += 1
            if found:
                print(f"noisy:  {item['text']!r} ({sorted(found)})")
            else:
                quiet += 1
    print(f"flag recall {flagged}/{flag_total}; quiet kept quiet {quiet}/{quiet_total}")
    return 0 if (flagged, quiet) == (flag_total, quiet_total) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
