"""Benchmark claims-lint (a script, not a timed test).

    python benchmarks/bench_claims_lint.py            # 4 MB file + 1,000-file tree + proselint
    python benchmarks/bench_claims_lint.py --no-proselint --size-mb 4

Prints throughput (MB/s) and peak memory for one generated ~4 MB Markdown file, the same for
proselint on the same file (if installed: ``pip install proselint``; not a project dependency),
then three rounds of the two side by side (each round's ratio by wall clock and by CPU time:
the machine is shared, and runs seconds apart compare fairly), and the cold / cached /
parallel times for a generated 1,000-page tree.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from claims_lint import Config, Linter, LintResult
from claims_lint.runner import collect_files, lint_files

PARAGRAPHS = [
    "Mesotherapy is a course of very small injections into the skin. The clinician chooses a "
    "mixture of vitamins, amino acids and hyaluronic acid for you at the consultation.",
    "Most people feel a stinging sensation during the injections; a numbing cream can be applied "
    "beforehand if you wish. Redness, swelling and small bruises are common.",
    "Results vary from person to person, and some people notice little change. First changes "
    "usually appear after the second or third session.",
    "You should not have this treatment if you are pregnant or breastfeeding, or if you have a "
    "bleeding disorder, an active skin infection, cancer or heart disease.",
    "Avoid strong sun on the treated area for two weeks, and avoid alcohol and smoking for a "
    "period your clinician advises. Drink water as normal.",
    "| Session | Time | Notes |\n|---|---|---|\n| First | 45 min | consultation and patch test |\n"
    "| Later | 30 min | *usually* two weeks apart |",
    "- Redness\n- Swelling\n- Bruising\n- Rarely, small lumps or patches of darker skin",
    "> It is not painless: many people find the scalp injections uncomfortable.",
    "A derma roller is a handheld roller with many fine needles. The skin heals over a few days "
    'and the [wound-healing response](https://example.org/healing "How skin heals") is the aim.',
]
CLAIMS = [
    "Our treatment is completely painless and has zero downtime.",
    "Clinically proven to melt away stubborn fat.",
    "Look ten years younger — book today!",
]


def make_markdown(target_bytes: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    parts = ["---\ntitle: Benchmark page\nsummary: A long generated page.\n---\n"]
    size = len(parts[0])
    n = 0
    while size < target_bytes:
        n += 1
        block = f"## Section {n}\n\n" + "\n\n".join(rnd.sample(PARAGRAPHS, 4)) + "\n\n"
        if n % 10 == 0:
            block += rnd.choice(CLAIMS) + "\n\n"
        parts.append(block)
        size += len(block)
    return "".join(parts)


# the last labelled set the no-repeat page draws on (the sets of 2026-12-02's eleventh session)
UNIQUE_SETS_UP_TO = 66


def _set_number(path: Path) -> int:
    """The number of a realistic set's file: dev.yaml is 1, dev4-paraphrase.yaml is 4."""
    digits = re.match(r"dev(\d*)", path.name)
    return int(digits.group(1) or 1) if digits else 0


def make_unique_markdown(target_bytes: int, seed: int = 7) -> str:
    """Claim-dense text in which every sentence is new: the realistic labelled sentences,
    shuffled, each followed by a note with a random number (so no sentence repeats). Only the
    sets numbered up to ``UNIQUE_SETS_UP_TO`` are drawn on, so the page, and its figure, stay
    the same when a set is added."""
    import yaml

    sents = []
    for f in sorted(
        (Path(__file__).parents[1] / "tests/fixtures/claims/realistic").glob("dev*.yaml")
    ):
        if _set_number(f) > UNIQUE_SETS_UP_TO:
            continue
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        sents += [item["text"] for page in data["pages"] for item in page["items"]]
    rnd = random.Random(seed)
    parts, size, n = ["---\ntitle: Unique benchmark\n---\n"], 0, 0
    while size < target_bytes:
        n += 1
        para = " ".join(f"{s} (Note {rnd.randint(1, 10**9)}.)" for s in rnd.sample(sents, 4))
        parts.append(f"## Part {n}\n\n{para}\n")
        size += len(para) + 16
    return "\n".join(parts)


def bench_file(path: Path, linter: Linter) -> tuple[float, int, int]:
    text = path.read_text(encoding="utf-8")
    linter.lint_source(text[:20000], str(path))  # compile the rules' regexes (on first use)
    runs = [lint_once(linter, text, path) for _ in range(3)]  # best of three: a shared machine
    _, _, res, linter = runs[-1]
    # memory in a separate run: tracemalloc itself slows Python down several times
    tracemalloc.start()
    linter.lint_source(text, str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(r[0] for r in runs), peak, len(res.findings)


def lint_once(linter: Linter, text: str, path: Path) -> tuple[float, float, LintResult, Linter]:
    """One run over the page by a fresh linter: wall time, CPU time, the result and the linter.

    A fresh linter each time: a linter remembers the sentences it has read, and a second run
    over the same page would measure that memory, not the linting."""
    fresh = Linter(linter.config, evidence=linter.evidence)
    fresh.pipeline  # noqa: B018 - built on first use; start-up is measured apart (bench_cli)
    w0, c0 = time.perf_counter(), time.process_time()
    res = fresh.lint_source(text, str(path))
    return time.perf_counter() - w0, time.process_time() - c0, res, fresh


def bench_proselint(path: Path) -> tuple[float, float] | None:
    """proselint's wall time and CPU time (its process's user + system) on the file.

    proselint stops after max_errors (1000 by default) results; the cap is lifted so it reads
    the whole file like claims-lint does."""
    exe = shutil.which("proselint")
    if exe is None:
        return None
    cfg = path.with_name("proselintrc.json")
    cfg.write_text('{"max_errors": 1000000000}', encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [exe, "check", "--config", str(cfg), str(path)], capture_output=True, check=False
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def side_by_side(path: Path, linter: Linter, rounds: int = 3) -> list[tuple[float, float]]:
    """claims-lint and proselint on the same file, one after the other, ``rounds`` times:
    each round's ratio of claims-lint's time to proselint's, by wall clock and by CPU time.

    The machine is shared: a load that comes and goes between two separate measurements moves
    their ratio by half (10.8 % to 15.6 % in one sitting), so each ratio compares runs made
    seconds apart, and CPU time, which waiting for a core does not count, is given beside it."""
    text = path.read_text(encoding="utf-8")
    out = []
    for _ in range(rounds):
        wall, cpu, _, _ = lint_once(linter, text, path)
        peer = bench_proselint(path)
        if peer is None:
            return []
        out.append((wall / peer[0], cpu / peer[1]))
    return out


_CHILD = """
import sys
from claims_lint.cli import main
main(["--no-cache", "--no-evidence", sys.argv[1]])
try:  # VmHWM is this process's own peak (ru_maxrss would include the parent it forked from)
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
except OSError:
    import resource
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"PEAK_KB {hwm}\\n")
"""


def bench_cli(path: Path) -> tuple[float, float]:
    """The real command on the file, in a fresh process: wall time and peak RSS (MB)."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
    )
    elapsed = time.perf_counter() - t0
    peak = [line for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    return elapsed, (int(peak[0].split()[1]) / 1024 if peak else float("nan"))


def bench_tree(n_pages: int, jobs: int) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        content = root / "content"
        content.mkdir()
        for i in range(n_pages):
            (content / f"page-{i:04d}.md").write_text(make_markdown(6000, seed=i), encoding="utf-8")
        cache = root / ".cache"
        out: dict[str, float] = {}
        for label, use_cache, j in (
            ("cold serial", False, 1),
            ("cold parallel", False, jobs),
            ("first run (fills cache)", True, jobs),
            ("re-run, cache warm", True, jobs),
        ):
            cfg = Config(evidence_path=None, cache_dir=cache, jobs=j)
            t0 = time.perf_counter()
            files = collect_files([content], cfg)
            lint_files(files, cfg, jobs=j, use_cache=use_cache)
            out[label] = time.perf_counter() - t0
        return out
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=float, default=4.0)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    path = tmp / "big.md"
    path.write_text(make_markdown(int(args.size_mb * 1024 * 1024)), encoding="utf-8")
    mb = path.stat().st_size / 1048576
    linter = Linter(Config(evidence_path=None, cache_dir=None))
    elapsed, peak, n = bench_file(path, linter)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"claims-lint: {mb:.2f} MB in {elapsed:.3f} s = {mb / elapsed:.1f} MB/s; "
        f"{n} findings; peak traced memory {peak / 1048576:.1f} MB (bench process RSS {rss:.0f} MB)"
    )
    unique = tmp / "unique.md"
    unique.write_text(make_unique_markdown(1024 * 1024), encoding="utf-8")
    u_elapsed, _, u_n = bench_file(unique, linter)
    print(
        f"claims-lint on 1 MB of claim-dense text with no repeated sentence: {u_elapsed:.2f} s; "
        f"{u_n} findings"
    )
    cli_time, cli_rss = bench_cli(path)
    print(
        f"claims-lint command (fresh process, incl. start-up): {cli_time:.2f} s, "
        f"peak RSS {cli_rss:.0f} MB"
    )
    if not args.no_proselint:
        peer = bench_proselint(path)
        if peer is None:
            print("proselint: not installed (pip install proselint) — skipped")
        else:
            pt = peer[0]
            print(
                f"proselint (no error cap): {mb:.2f} MB in {pt:.2f} s = {mb / pt:.2f} MB/s; "
                f"claims-lint takes {elapsed / pt:.1%} of proselint's time "
                f"({cli_time / pt:.1%} as a command incl. start-up)"
            )
            rounds = side_by_side(path, linter)
            wall = sorted(r[0] for r in rounds)
            cpu = sorted(r[1] for r in rounds)
            print(
                "side by side, 3 rounds of claims-lint then proselint: claims-lint takes "
                + ", ".join(f"{r:.1%}" for r in wall)
                + f" of proselint's wall time (median {wall[len(wall) // 2]:.1%}); CPU time "
                + ", ".join(f"{r:.1%}" for r in cpu)
                + f" (median {cpu[len(cpu) // 2]:.1%})"
            )
    if args.pages:
        times = bench_tree(args.pages, args.jobs)
        for label, t in times.items():
            print(f"{args.pages} pages, {label:<24} {t:7.3f} s")
        cold = times["first run (fills cache)"]
        warm = times["re-run, cache warm"]
        print(
            f"cache speed-up: {cold / warm:.1f}x; parallel ({args.jobs} jobs) speed-up over "
            f"serial: {times['cold serial'] / times['cold parallel']:.1f}x"
        )
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
