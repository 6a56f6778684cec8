"""Build and lint benchmarks: build speed side by side with Pelican alone, and growth.

    python benchmarks/bench_build.py --sizes 1000 --runs 3 --write-docs   # issue 12's targets
    python benchmarks/bench_build.py --mode growth --sizes 100 1000 --runs 5 3

**Speed** (the default): for each size, a generated site is built, each build its own
subprocess, in rounds; every round builds *Pelican alone* (``baselineconf.py``) and then, on
the same content: the development build cold (no ``.cache/``, no output folder), warm (nothing
changed) and after a one-page edit; the production build cold, warm and after a one-page
edit. So every scenario is measured side by side with the baseline in the same run, on a
machine shared with other work. Then ``bench_live.py`` times one-page edits through the live
preview: the warm rebuild alone, and file saved → browser told to reload. The table gives each
scenario's wall time as a multiple of Pelican alone's, with issue 12's targets.

**Growth** (``--mode growth``), as before issue 12:

For each size, ``gen_site.py`` writes a site into a temporary directory; then, each as its own
subprocess, timed with a wall clock and with its peak resident memory from ``os.wait4``:

* **baseline**: the same content built by Pelican alone, ``-s baselineconf.py`` (no plugin,
  Pelican's own Markdown reader, Pelican's built-in simple theme; see ``gen_site.py``);
* **plugin**: the production settings with the clinic plugin only, ``-s clinicconf.py`` (our
  reader, schema, registry merge, lint, gate, our theme with safety sections and JSON-LD,
  output verification): the plugin's overhead is this over the baseline;
* **production**: the real production build, ``pelican content -s publishconf.py -o OUT``
  (the clinic plugin plus clinic_publish: minified HTML/CSS, hashed assets, .gz/.br files);
* **lint cold**: ``claims-lint content --format json --no-cache --jobs N``;
* **lint warm**: the same with the cache, after one run that filled it.

Smaller sizes are run several times (``--runs``) and the median and best are reported; the
plugin's overhead is computed from the medians. The cost per page is a least-squares line
through the medians (slope in ms per page, with its R²). Nothing here is a test: timings on a
shared machine are noisy, so read them with the load average printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_site import content_bytes, generate  # noqa: E402

# (name, settings file in the generated site); see gen_site.py for the two extra settings.
VARIANTS = [
    ("baseline", "baselineconf.py"),  # Pelican alone: no plugins, built-in simple theme
    ("plugin", "clinicconf.py"),  # production settings, clinic plugin only
    ("production", "publishconf.py"),  # the real production build: clinic + clinic_publish
]
# The build-speed scenarios (issue 12), each measured side by side with the baseline in the
# same run: name -> (settings, what happens before it, what it is).
SCENARIOS = {
    "dev-cold": ("pelicanconf.py", "cold", "development build, empty caches"),
    "dev-warm": ("pelicanconf.py", "warm", "development build, nothing changed"),
    "dev-edit": ("pelicanconf.py", "edit", "development rebuild after a one-page edit"),
    "prod-cold": ("publishconf.py", "cold", "production build, empty caches"),
    "prod-warm": ("publishconf.py", "warm", "production build, nothing changed"),
    "prod-edit": ("publishconf.py", "edit", "production rebuild after a one-page edit"),
}
# Targets (issue 12): wall time as a multiple of Pelican alone's, or seconds.
TARGETS = {
    "prod-cold": ("ratio", 3.0),
    "prod-warm": ("ratio", 1.5),
    "dev-cold": ("ratio", 2.0),
    "live-warm": ("seconds", 1.5),
}
LIVE = {
    "live-warm": "one page edited: the rebuild invoke livereload runs (forked, warm)",
    "live-reload": "one page edited: file saved → browser told to reload (invoke livereload)",
}
EDIT = "\n\nPlease ask us if anything on this page is unclear (benchmark edit {n}).\n"

DOC = ROOT / "docs" / "performance.md"
PLOT = ROOT / "docs" / "performance.png"
SPEED_PLOT = ROOT / "docs" / "performance-speed.png"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SPEED_START, SPEED_END = "<!-- speed:start -->", "<!-- speed:end -->"


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    cpu_seconds: float = 0.0  # user + system, of the process and the children it waited for


@dataclass
class Measure:
    name: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.max_rss_mb for r in self.runs)


@dataclass
class SizeResult:
    pages: int
    files: int
    md_bytes: int
    measures: dict[str, Measure]
    lint_findings: int | None = None
    load: float = 0.0


def run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, ok_codes: tuple[int, ...] = (0,)
) -> tuple[Run, str]:
    """Run ``cmd``; wall time and the peak RSS of the process (and any it waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode not in ok_codes:
        tail = "\n".join((stdout + stderr).strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode} in {cwd}:\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, cpu), stdout


def measure(
    name: str, cmd_for: callable, site: Path, runs: int, ok_codes=(0,), before=None
) -> tuple[Measure, str]:
    m = Measure(name)
    stdout = ""
    for i in range(runs):
        if before:
            before()
        r, stdout = run(cmd_for(i), site, ok_codes=ok_codes)
        m.runs.append(r)
    return m, stdout


def bench_size(
    pages: int,
    runs: int,
    jobs: int,
    workdir: Path,
    lint: bool,
    verbose: bool = True,
    variants: tuple[str, ...] = (),
) -> SizeResult:
    site = generate(pages, workdir / f"site-{pages}")
    md_bytes = content_bytes(site)
    files = sum(1 for _ in (site / "content").rglob("*.md"))
    measures: dict[str, Measure] = {}

    def log(text: str) -> None:
        if verbose:
            print(f"  [{pages:>5} pages] {text}", flush=True)

    pelican = shutil.which("pelican") or "pelican"
    for name, settings in VARIANTS:
        if variants and name not in variants:
            continue
        out = workdir / f"out-{pages}-{name}"
        m, _ = measure(
            name,
            lambda i, s=settings, o=out: [pelican, "content", "-s", s, "-o", str(o)],
            site,
            runs,
        )
        written = sum(1 for _ in out.rglob("*.html"))
        m.note = f"{written} HTML files"
        measures[name] = m
        log(
            f"{name:9} median {m.median:7.2f} s  best {m.best:7.2f} s  cpu {m.cpu:7.2f} s  "
            f"peak {m.rss:6.0f} MB  ({m.note})"
        )

    findings = None
    cli = shutil.which("claims-lint")
    if lint and cli and _cli_works(cli):
        cold, stdout = measure(
            "lint-cold",
            lambda i: [cli, "content", "--format", "json", "--no-cache", "--jobs", str(jobs)],
            site,
            runs,
            ok_codes=(0, 1),
        )
        try:
            findings = len(json.loads(stdout).get("findings", []))
        except (json.JSONDecodeError, AttributeError):
            findings = None
        measures["lint-cold"] = cold
        log(
            f"lint cold median {cold.median:7.2f} s  "
            f"{md_bytes / 1e6 / cold.median:5.1f} MB/s  peak {cold.rss:6.0f} MB  "
            f"findings {findings}"
        )
        serial, _ = measure(
            "lint-cold-1",
            lambda i: [cli, "content", "--format", "json", "--no-cache", "--jobs", "1"],
            site,
            runs,
            ok_codes=(0, 1),
        )
        measures["lint-cold-1"] = serial
        log(
            f"lint 1 job median {serial.median:7.2f} s  "
            f"{md_bytes / 1e6 / serial.median:5.1f} MB/s  peak {serial.rss:6.0f} MB"
        )
        # Warm: fill the cache once, then time runs that find every file unchanged.
        run([cli, "content", "--format", "json", "--jobs", str(jobs)], site, ok_codes=(0, 1))
        warm, _ = measure(
            "lint-warm",
            lambda i: [cli, "content", "--format", "json", "--jobs", str(jobs)],
            site,
            runs,
            ok_codes=(0, 1),
        )
        measures["lint-warm"] = warm
        log(
            f"lint warm median {warm.median:7.2f} s  peak {warm.rss:6.0f} MB  "
            f"({cold.median / warm.median:.1f}x faster than cold)"
        )
        lib = _library_throughput(site)
        if lib:
            measures["lint-library"] = lib
            log(
                f"lint library (in-process, 1 core) {lib.median:7.2f} s, cpu {lib.cpu:7.2f} s  "
                f"{md_bytes / 1e6 / lib.cpu:5.2f} MB/s of CPU time"
            )
    else:
        log("claims-lint is not available yet: lint not measured")
    shutil.rmtree(site, ignore_errors=True)
    for name, _ in VARIANTS:
        shutil.rmtree(workdir / f"out-{pages}-{name}", ignore_errors=True)
    return SizeResult(pages, files, md_bytes, measures, findings, os.getloadavg()[0])


def _clear_caches(site: Path, out: Path) -> None:
    """Cold: no build, image, template or Pelican cache, and no output folder."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)


def _edit_page(site: Path, n: int) -> None:
    """Append a paragraph to one treatment page (a different one each time)."""
    pages = sorted((site / "content" / "treatments").glob("*.md"))
    page = pages[(n * 7919) % len(pages)]
    page.write_text(page.read_text(encoding="utf-8") + EDIT.format(n=n), encoding="utf-8")


def bench_speed(
    pages: int, runs: int, workdir: Path, live_edits: int, verbose: bool = True
) -> SizeResult:
    """Issue 12's scenarios, each run interleaved with Pelican alone on the same content."""
    site = generate(pages, workdir / f"site-{pages}")
    md_bytes = content_bytes(site)
    files = sum(1 for _ in (site / "content").rglob("*.md"))
    pelican = shutil.which("pelican") or "pelican"
    measures: dict[str, Measure] = {"baseline": Measure("baseline")}
    measures.update({name: Measure(name) for name in SCENARIOS})

    def log(text: str) -> None:
        if verbose:
            print(f"  [{pages:>5} pages] {text}", flush=True)

    def build(name: str, settings: str, out: Path) -> None:
        r, _ = run([pelican, "content", "-s", settings, "-o", str(out)], site)
        measures[name].runs.append(r)
        log(
            f"{name:10} {r.seconds:7.2f} s  cpu {r.cpu_seconds:7.2f} s  peak {r.max_rss_mb:5.0f} MB"
        )

    edits = 0
    for i in range(runs):
        log(f"run {i + 1} of {runs}")
        build("baseline", "baselineconf.py", workdir / "out-base")
        for name, (settings, step, _) in SCENARIOS.items():
            out = workdir / f"out-{settings.split('conf')[0]}"
            if step == "cold":
                _clear_caches(site, out)
            elif step == "edit":
                _edit_page(site, edits)
                edits += 1
            build(name, settings, out)
    if live_edits:
        _clear_caches(site, site / "output")
        r, stdout = run(
            [sys.executable, str(HERE / "bench_live.py"), str(site), "--edits", str(live_edits)],
            site,
        )
        found = json.loads(stdout.strip().splitlines()[-1])
        for name, key in (("live-warm", "warm"), ("live-reload", "live")):
            measures[name] = Measure(name, [Run(t, 0.0, 0, 0.0) for t in found[key]])
            log(f"{name:10} " + " ".join(f"{t:.2f}" for t in found[key]) + " s")
    shutil.rmtree(site, ignore_errors=True)
    for out in workdir.glob("out-*"):
        shutil.rmtree(out, ignore_errors=True)
    return SizeResult(pages, files, md_bytes, measures, None, os.getloadavg()[0])


def speed_table(results: list[SizeResult]) -> str:
    """Each scenario against Pelican alone, measured in the same run."""
    rows = [
        "| treatment pages | build | wall time, median (best, runs) | CPU time | × Pelican alone "
        "(wall, medians) | × Pelican alone in each round | target | result |",
        "|---:|---|---:|---:|---:|---|---|---|",
    ]
    names = {**{k: v[2] for k, v in SCENARIOS.items()}, **LIVE}
    for r in results:
        base = r.measures.get("baseline")
        if base is None or not base.ok:
            continue
        rows.append(
            f"| {r.pages:,} | Pelican alone (its own reader, simple theme, no plugins) | "
            f"{base.median:.2f} s ({base.best:.2f}, n={len(base.runs)}) | {base.cpu:.2f} s | "
            "1.00 | | | |"
        )
        for name, what in names.items():
            m = r.measures.get(name)
            if m is None or not m.ok:
                continue
            ratio = m.median / base.median
            cpu = f"{m.cpu:.2f} s" if m.cpu else "—"
            target, verdict = "", ""
            if name in TARGETS:
                kind, limit = TARGETS[name]
                if kind == "ratio":
                    target = f"≤ {limit:g}×"
                    verdict = "**met**" if ratio <= limit else "**missed**"
                else:
                    target = f"≤ {limit:g} s"
                    verdict = "**met**" if m.median <= limit else "**missed**"
            rounds = (
                ", ".join(
                    f"{x.seconds / b.seconds:.2f}" for x, b in zip(m.runs, base.runs, strict=False)
                )
                if name in SCENARIOS
                else ""
            )
            rows.append(
                f"| {r.pages:,} | {what} | {m.median:.2f} s ({m.best:.2f}, n={len(m.runs)}) | "
                f"{cpu} | {ratio:.2f} | {rounds} | {target} | {verdict} |"
            )
    return "\n".join(rows)


def speed_plot(results: list[SizeResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    r = max(results, key=lambda x: x.pages)
    names = ["baseline", *SCENARIOS, *LIVE]
    labels = {
        "baseline": "Pelican alone",
        **{k: v[2] for k, v in SCENARIOS.items()},
        **LIVE,
    }
    shown = [n for n in names if n in r.measures and r.measures[n].ok]
    fig, ax = plt.subplots(figsize=(11, 0.45 * len(shown) + 1.6), dpi=110)
    values = [r.measures[n].median for n in shown]
    colours = ["#777777" if n == "baseline" else "#2a7f62" for n in shown]
    ax.barh(range(len(shown)), values, color=colours)
    for y, (n, v) in enumerate(zip(shown, values, strict=True)):
        best = r.measures[n].best
        ax.text(v, y, f" {v:.2f} s (best {best:.2f})", va="center", fontsize=8)
    ax.set_yticks(range(len(shown)), [labels[n] for n in shown], fontsize=8)
    ax.invert_yaxis()
    base = r.measures["baseline"].median
    for k, style in ((1.5, ":"), (2.0, "--"), (3.0, "-.")):
        ax.axvline(base * k, color="#b04a3a", linestyle=style, linewidth=0.8)
        ax.text(base * k, -0.7, f"{k:g}× Pelican", color="#b04a3a", fontsize=7, rotation=90)
    ax.set_xlabel(f"wall time (s), median; {r.pages:,} treatment pages, 2 shared cores")
    ax.set_title("Build times side by side with Pelican alone")
    ax.set_xlim(0, max(values) * 1.35)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _cli_works(cli: str) -> bool:
    try:
        return subprocess.run([cli, "--help"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


_LIB_SNIPPET = """
import sys, time
from pathlib import Path
from claims_lint import Linter, load_config
cfg = load_config(Path.cwd())
linter = Linter(cfg)
files = sorted(Path("content").rglob("*.md"))
texts = [(str(p), p.read_text(encoding="utf-8")) for p in files]
start, cpu = time.perf_counter(), time.process_time()
for path, text in texts:
    linter.lint_source(text, path, "markdown")
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def _library_throughput(site: Path) -> Measure | None:
    """The engine alone, in one process on one core: no start-up, no file walking."""
    try:
        r, stdout = run([sys.executable, "-c", _LIB_SNIPPET], site)
    except RuntimeError as exc:
        print(f"  (library throughput not measured: {str(exc).splitlines()[-1]})")
        return None
    wall, cpu = map(float, stdout.strip().splitlines()[-1].split())
    return Measure("lint-library", [Run(wall, r.max_rss_mb, 0, cpu)])


def load_results(paths: list[Path]) -> list[SizeResult]:
    """Results saved with --json, merged by size (a later file wins for the same measure)."""
    by_size: dict[int, SizeResult] = {}
    for path in paths:
        for raw in json.loads(path.read_text(encoding="utf-8")):
            measures = {
                k: Measure(m["name"], [Run(**r) for r in m["runs"]], m.get("note", ""))
                for k, m in raw["measures"].items()
            }
            old = by_size.get(raw["pages"])
            if old is not None:
                old.measures.update(measures)
                old.load = max(old.load, raw.get("load", 0.0))
                continue
            by_size[raw["pages"]] = SizeResult(
                raw["pages"],
                raw["files"],
                raw["md_bytes"],
                measures,
                raw.get("lint_findings"),
                raw.get("load", 0.0),
            )
    return [by_size[k] for k in sorted(by_size)]


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares line y = a + b x; returns (a, b, R²)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    return a, b, 1 - ss_res / ss_tot if ss_tot else 1.0


def table(results: list[SizeResult]) -> str:
    rows = [
        "| treatment pages | Markdown | baseline build (Pelican alone) | plugin build (clinic) | "
        "plugin overhead | production build (clinic + publish) | peak RSS baseline / plugin / "
        "production | claims-lint cold (2 jobs) | claims-lint cold (1 job) | claims-lint warm | "
        "lint peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        m = r.measures
        base, plug, prod = m["baseline"], m["plugin"], m.get("production")
        over = (plug.median / base.median - 1) * 100
        over_cpu = (plug.cpu / base.cpu - 1) * 100

        def t(x: Measure) -> str:
            runs = f", best {x.best:.2f}, n={len(x.runs)}" if len(x.runs) > 1 else ""
            return f"{x.median:.2f} s (cpu {x.cpu:.2f}{runs})"

        def lint(name: str, m: dict[str, Measure] = m, r: SizeResult = r) -> str:
            x = m.get(name)
            if x is None:
                return "n/a"
            mb = r.md_bytes / 1e6
            return f"{t(x)}: {mb / x.median:.2f} MB/s ({mb / x.cpu:.2f} MB per CPU-second)"

        lint_rss = max(
            (m[k].rss for k in ("lint-cold", "lint-cold-1", "lint-warm") if k in m), default=None
        )
        rows.append(
            f"| {r.pages:,} | {r.md_bytes / 1e6:.1f} MB | {t(base)} | {t(plug)} | "
            f"{over:+.0f} % (cpu {over_cpu:+.0f} %) | "
            f"{t(prod) if prod else 'n/a'} | {base.rss:.0f} / {plug.rss:.0f} / "
            f"{prod.rss if prod else 0:.0f} MB | {lint('lint-cold')} | "
            f"{lint('lint-cold-1')} | {t(m['lint-warm']) if 'lint-warm' in m else 'n/a'} | "
            + (f"{lint_rss:.0f} MB |" if lint_rss is not None else "n/a |")
        )
    return "\n".join(rows)


def _cpu_points(results: list[SizeResult], name: str) -> list[tuple[int, float, float]]:
    """(pages, MB of Markdown, median CPU seconds) for every size that measured ``name``."""
    return [
        (r.pages, r.md_bytes / 1e6, r.measures[name].cpu) for r in results if name in r.measures
    ]


def _marginal(pts: list[tuple[int, float, float]]) -> list[float]:
    """CPU ms per extra page between successive sizes: flat when cost grows linearly."""
    pairs = zip(pts, pts[1:], strict=False)
    return [(c1 - c0) / (p1 - p0) * 1000 for (p0, _, c0), (p1, _, c1) in pairs]


def linearity(results: list[SizeResult]) -> str:
    lines = [
        "| measure | CPU ms per extra page, between successive sizes | least-squares "
        "slope | fixed cost | R² |",
        "|---|---|---:|---:|---:|",
    ]
    for name in (
        "baseline",
        "plugin",
        "plugin-before",
        "production",
        "lint-cold",
        "lint-cold-1",
        "lint-warm",
    ):
        pts = _cpu_points(results, name)
        if len(pts) < 2:
            continue
        a, b, r2 = fit([p for p, _, _ in pts], [c for _, _, c in pts])
        steps = ", ".join(
            f"{p0:,}→{p1:,}: {m:.1f}"
            for (p0, _, _), (p1, _, _), m in zip(pts, pts[1:], _marginal(pts), strict=False)
        )
        lines.append(f"| {name} | {steps} | {b * 1000:.2f} ms | {a:.2f} s | {r2:.4f} |")
    return "\n".join(lines)


def jobs_label(results: list[SizeResult]) -> str:
    return "2 jobs (wall clock)"


def targets(results: list[SizeResult]) -> str:
    out = []
    at = {r.pages: r for r in results}
    r = at.get(1000)
    if r:
        over = (r.measures["plugin"].median / r.measures["baseline"].median - 1) * 100
        over_cpu = (r.measures["plugin"].cpu / r.measures["baseline"].cpu - 1) * 100
        out.append(
            f"- Plugin overhead at 1,000 pages: {over_cpu:+.0f} % in CPU time "
            f"({over:+.0f} % in wall time; target ≤ +10 %): "
            f"**{'met' if max(over, over_cpu) <= 10 else 'missed'}**."
        )
    cold = _cpu_points(results, "lint-cold-1")
    if cold:
        walls = [
            (x.pages, x.md_bytes / 1e6 / x.measures["lint-cold"].median)
            for x in results
            if "lint-cold" in x.measures
        ]
        figures = ", ".join(f"{m:.1f} MB/s at {p:,} pages" for p, m in walls)
        sustained = [
            (mb1 - mb0) / (c1 - c0)
            for (_, mb0, c0), (_, mb1, c1) in zip(cold, cold[1:], strict=False)
            if c1 > c0
        ]
        best = max(sustained, default=0.0)
        ok = [p for p, m in walls if m >= 4]
        verdict = (
            f"met from {min(ok):,} pages, with {jobs_label(results)}"
            if ok
            else "met by one job"
            if best >= 4
            else "missed"
        )
        out.append(
            f"- claims-lint throughput, cold, 2 jobs, wall clock: {figures}. Sustained "
            f"by one job (extra MB per extra CPU-second, so start-up excluded): "
            f"{', '.join(f'{x:.2f}' for x in sustained)} MB/s. Target ≥ 4 MB/s: "
            f"**{verdict}**."
        )
        lib = [
            (
                x.pages,
                x.md_bytes
                / 1e6
                / (x.measures["lint-library"].cpu or x.measures["lint-library"].median),
            )
            for x in results
            if "lint-library" in x.measures
        ]
        if lib:
            figures = ", ".join(f"{m:.2f} MB/s at {p:,} pages" for p, m in lib)
            out.append(
                f"- claims-lint library alone, one core, CPU time (no start-up, no "
                f"file walking): {figures}."
            )
        warm = [
            (x.pages, x.measures["lint-cold"].median / x.measures["lint-warm"].median)
            for x in results
            if "lint-warm" in x.measures
        ]
        out.append(
            "- claims-lint warm (cache) against cold, wall clock: "
            + ", ".join(f"{w:.1f}× faster at {p:,} pages" for p, w in warm)
            + "."
        )
    else:
        out.append("- claims-lint throughput: not measured (the CLI was not available).")
    for name in ("baseline", "plugin", "plugin-before", "production", "lint-cold-1"):
        pts = _cpu_points(results, name)
        if len(pts) >= 3:
            _, b, r2 = fit([p for p, _, _ in pts], [c for _, _, c in pts])
            steps = _marginal(pts)
            growth = steps[-1] / steps[0] if steps[0] > 0 else float("inf")
            verdict = "met" if r2 >= 0.99 and growth <= 1.25 else "missed"
            out.append(
                f"- Linear growth, {name}: {b * 1000:.2f} CPU ms per page (R² = {r2:.4f});"
                f" the cost of an extra page grows {growth:.2f}× from the first to the "
                f"last interval: **{verdict}**."
            )
    return "\n".join(out)


def plot(results: list[SizeResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    labels = {
        "baseline": "Pelican alone (baseline)",
        "plugin": "Pelican + clinic plugin",
        "production": "production build (clinic + clinic_publish)",
        "plugin-before": "clinic plugin before the speed-ups (2c68d3b)",
        "lint-cold-1": "claims-lint, cold, 1 job",
        "lint-warm": "claims-lint, warm cache",
    }
    for name, label in labels.items():
        pts = [(p, c) for p, _, c in _cpu_points(results, name)]
        if not pts:
            continue
        xs, ys = zip(*pts, strict=True)
        ax.plot(xs, ys, marker="o", label=label)
    ax.set_xlabel("treatment pages")
    ax.set_ylabel("CPU time (s, user + system), median")
    ax.set_title("Build and claims-lint CPU time against pages")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pelican

    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, Pelican "
        f"{pelican.__version__}"
    )


def report(results: list[SizeResult], when: str) -> str:
    loads = ", ".join(f"{r.pages:,}: {r.load:.1f}" for r in results)
    return "\n".join(
        [
            START,
            f"Measured {when} on {machine()}. Load average (1 min) after each size: {loads}.",
            "",
            table(results),
            "",
            "Growth, in CPU time (user + system; wall time on this shared machine is too noisy):",
            "",
            linearity(results),
            "",
            "Targets:",
            "",
            targets(results),
            "",
            "![CPU time against treatment pages](performance.png)",
            END,
        ]
    )


def _replace_block(text: str, start: str, end: str, block: str) -> str:
    if start in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        return head + block + tail
    return text + "\n" + block + "\n"


def write_docs(results: list[SizeResult], when: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n"
    DOC.write_text(_replace_block(text, START, END, report(results, when)), encoding="utf-8")
    plot(results, PLOT)


def speed_report(results: list[SizeResult], when: str) -> str:
    loads = ", ".join(f"{r.pages:,} pages: {r.load:.1f}" for r in results)
    return "\n".join(
        [
            SPEED_START,
            f"Measured {when} on {machine()}; load average (1 min) at the end: {loads}.",
            "",
            speed_table(results),
            "",
            "![Build times side by side with Pelican alone](performance-speed.png)",
            SPEED_END,
        ]
    )


def write_speed_docs(results: list[SizeResult], when: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = speed_report(results, when)
    DOC.write_text(_replace_block(text, SPEED_START, SPEED_END, block), encoding="utf-8")
    speed_plot(results, SPEED_PLOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mode",
        choices=["speed", "growth"],
        default="speed",
        help="speed: issue 12's scenarios against Pelican alone (default); growth: the "
        "plugin and production builds and claims-lint across sizes",
    )
    parser.add_argument(
        "--live-edits",
        type=int,
        default=5,
        help="speed mode: one-page edits timed through the live preview (0: none)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--runs",
        type=int,
        nargs="+",
        default=[5, 3, 1],
        help="runs per size (the last value repeats for further sizes)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-lint", action="store_true", help="skip claims-lint")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="write the results into docs/performance.md and .png",
    )
    parser.add_argument("--json", type=Path, help="also save the raw results as JSON")
    parser.add_argument("--when", help="the measurement date to print with --from-json")
    parser.add_argument("--workdir", type=Path, help="where to generate sites (default: temp)")
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=[n for n, _ in VARIANTS],
        default=[],
        help="only these builds (default: all)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        default=[],
        help="measure nothing: report (and --write-docs) saved --json results",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        results = load_results(args.from_json)
        when = args.when or time.strftime("%Y-%m-%d", time.gmtime())
        if args.mode == "speed":
            print(speed_table(results))
            if args.write_docs:
                write_speed_docs(results, when)
            return 0
        print(table(results), linearity(results), targets(results), sep="\n\n")
        if args.write_docs:
            write_docs(results, when)
        return 0

    # In the project's own .cache/ by default: the build writes where a clinic's project
    # lives, not in /tmp (on this machine a different, slower disk for many small files).
    default = ROOT / ".cache" / "bench"
    default.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="run-", dir=default))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}\nworkdir: {workdir}", flush=True)
    results = []
    try:
        for i, pages in enumerate(args.sizes):
            runs = args.runs[min(i, len(args.runs) - 1)]
            if args.mode == "speed":
                results.append(bench_speed(pages, runs, workdir, args.live_edits))
                continue
            results.append(
                bench_size(
                    pages, runs, args.jobs, workdir, not args.no_lint, variants=tuple(args.variants)
                )
            )
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    if args.mode == "speed":
        print()
        print(speed_table(results))
        if args.write_docs:
            write_speed_docs(results, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
            print(f"\nwrote {DOC.relative_to(ROOT)} and {SPEED_PLOT.relative_to(ROOT)}")
        return 0
    print()
    print(table(results))
    print()
    print(linearity(results))
    print()
    print(targets(results))
    if args.write_docs:
        write_docs(results, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
        print(f"\nwrote {DOC.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
