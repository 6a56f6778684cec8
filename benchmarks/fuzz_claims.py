"""A longer fuzz campaign of the claims linter (the suite runs a short one).

    python benchmarks/fuzz_claims.py --examples 20000

Runs the property-based tests of tests/unit/test_claims_fuzz.py with many more examples and
reports the first failure hypothesis finds (minimised), if any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))

import test_claims_fuzz as props  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=5000)
    args = ap.parse_args()
    cfg = settings(
        max_examples=args.examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    campaigns = {
        "markdown": given(props.markdown)(lambda t: props._lint(t, "markdown")),
        "front matter": given(props.front_matter, props.markdown)(
            lambda fm, b: props._lint(fm + b, "markdown")
        ),
        "html": given(props.markdown)(lambda t: props._lint(t, "html")),
        "text": given(props.markdown)(lambda t: props._lint(t, "text")),
    }
    failed = 0
    for name, test in campaigns.items():
        t0 = time.perf_counter()
        try:
            cfg(test)()
            print(f"{name:<13} {args.examples} examples ok ({time.perf_counter() - t0:.1f} s)")
        except Exception as exc:  # report and carry on with the next campaign
            failed += 1
            print(f"{name:<13} FAILED: {exc!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
