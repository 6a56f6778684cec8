"""Longer fuzz campaigns of the reading path (front matter, page checks, the real reader).

    python benchmarks/fuzz_reader.py                      # 5,000 examples per property
    python benchmarks/fuzz_reader.py --examples 50000
    python benchmarks/fuzz_reader.py --minutes 30         # new seeds until the time is up
    python benchmarks/fuzz_reader.py -k reader            # only the properties matching 'reader'

It runs the properties of ``tests/unit/test_fuzz_reader.py`` (which the test suite runs with
200 examples each) with a higher example count and a fresh random seed per round, stopping at
the first failure: Hypothesis then prints the smallest failing input it found. Exit status: 0
clean, 1 failure.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/unit/test_fuzz_reader.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property")
    parser.add_argument(
        "--minutes", type=float, default=0, help="keep running rounds with new seeds for this long"
    )
    parser.add_argument("-k", default="", help="only properties whose name matches (pytest -k)")
    args = parser.parse_args(argv)

    deadline = time.monotonic() + args.minutes * 60
    env = {**os.environ, "FUZZ_EXAMPLES": str(args.examples)}
    rounds = 0
    while True:
        rounds += 1
        seed = random.randrange(2**32)
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            TESTS,
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::DeprecationWarning",
            f"--hypothesis-seed={seed}",
            *(["-k", args.k] if args.k else []),
        ]
        start = time.monotonic()
        print(f"round {rounds}: seed {seed}, {args.examples} examples per property", flush=True)
        code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
        print(
            f"round {rounds}: {'clean' if code == 0 else 'FAILED'} in "
            f"{time.monotonic() - start:.0f} s",
            flush=True,
        )
        if code != 0:
            print(f"reproduce: FUZZ_EXAMPLES={args.examples} {' '.join(cmd[1:])}")
            return 1
        if time.monotonic() >= deadline:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
