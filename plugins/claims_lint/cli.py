"""The ``claims-lint`` command.

Exit 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import __name__ as _pkg
from .baseline import apply_baseline, load_baseline, write_baseline
from .config import Config, load_config
from .engine import Linter
from .model import ClaimsLintError, ConfigError, Finding
from .pages import PageChecker
from .report import FORMATS, Report, render
from .rules import PROFILES
from .runner import collect_files, lint_files

__all__ = ["main"]
VERSION = "0.1.0"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="claims-lint",
        description="Find unsupported marketing claims in clinic pages (.md, .html, .txt).",
        epilog="Subcommand: `claims-lint lsp` runs the language server for code editors "
        "(docs/editors.md). Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, "
        "configuration or input error. Docs: docs/claims-lint.md, rules: docs/rules.md.",
    )
    p.add_argument("paths", nargs="*", help="files or folders (default: content/)")
    p.add_argument("--profile", choices=PROFILES, help="jurisdiction profile (default uk)")
    p.add_argument("--fail-on", choices=("error", "warning"), help="default error")
    p.add_argument("--format", "-f", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument("--config", metavar="FILE", help=".claims-lint.yaml or pyproject.toml")
    p.add_argument("--evidence", metavar="FILE", help="evidence register (YAML)")
    p.add_argument("--no-evidence", action="store_true", help="ignore any evidence register")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record current findings in FILE")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument(
        "--no-page-check",
        action="store_true",
        help="lint claims only: skip the page check (front matter schema, sign-off, HTML)",
    )
    p.add_argument("--cache-dir", metavar="DIR")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: CPUs)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for expiry checks (testing)")
    p.add_argument("--disable", action="append", default=[], metavar="CODE", help="repeatable")
    p.add_argument("--list-rules", action="store_true", help="print the rules and exit")
    p.add_argument("--version", action="version", version=f"claims-lint {VERSION}")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["lsp"]:
        return _lsp(argv[1:])
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ClaimsLintError as exc:
        print(f"claims-lint: {exc.render()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _lsp(argv: list[str]) -> int:
    """``claims-lint lsp``: pygls is imported here only, so the linter needs none of it."""
    try:
        from .lsp import main as lsp_main
    except ImportError as exc:
        print(
            f"claims-lint lsp: the language server needs {exc.name or 'pygls'}: "
            'pip install -e ".[lsp]" (or pip install "pygls>=2,<3")',
            file=sys.stderr,
        )
        return 2
    return lsp_main(argv)


def _run(args: argparse.Namespace) -> int:
    overrides: dict[str, object] = {
        "profile": args.profile,
        "fail_on": args.fail_on,
        "jobs": args.jobs,
    }
    if args.evidence:
        overrides["evidence_path"] = Path(args.evidence)
    if args.cache_dir:
        overrides["cache_dir"] = Path(args.cache_dir)
    if args.today:
        try:
            overrides["today"] = dt.date.fromisoformat(args.today)
        except ValueError:
            raise ConfigError("--today", 0, "give a date like 2026-05-01") from None
    if args.output:
        _check_output(Path(args.output))
    cfg: Config = load_config(Path.cwd(), args.config, **overrides)
    if args.no_evidence:
        cfg = _replace(cfg, evidence_path=None)
    if args.disable:
        cfg = _replace(cfg, disable=tuple(cfg.disable) + tuple(args.disable))
    if cfg.evidence_path is not None and not Path(cfg.evidence_path).is_file():
        raise ConfigError(str(cfg.evidence_path), 0, "evidence register not found")
    linter = Linter(cfg)
    if args.list_rules:
        for r in linter.rules:
            print(f"{r.code}  {r.severity:<7}  [{r.category}] {r.message}")
        return 0
    paths = args.paths or [str(cfg.root / p) if not Path(p).is_absolute() else p for p in cfg.paths]
    if not args.paths:
        paths = [_relative(Path(p)) for p in paths]
    files = collect_files(paths, cfg)
    pages = None if args.no_page_check else PageChecker(cfg.effective_today())
    results = lint_files(files, cfg, linter, use_cache=not args.no_cache, pages=pages)
    if pages is not None:
        results += pages.data_results()
    baselined: list[Finding] = []
    if args.write_baseline:
        n = write_baseline(args.write_baseline, [f for r in results for f in r.findings])
        print(f"claims-lint: wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
    baseline_path = args.baseline or (str(cfg.baseline_path) if cfg.baseline_path else None)
    if baseline_path and not args.write_baseline:
        known = load_baseline(baseline_path)
        for r in results:
            r.findings, old = apply_baseline(r.findings, known)
            baselined.extend(old)
    report = Report(
        results=results,
        ruleset=linter.ruleset,
        profile=cfg.profile,
        fail_on=cfg.fail_on,
        baselined=baselined,
        version=VERSION,
        today=cfg.effective_today(),
        evidence=linter.evidence,
    )
    text = render(report, args.format)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                args.output, 0, f"cannot write the report: {exc.strerror or exc}", _OUTPUT_HINT
            ) from None
    else:
        sys.stdout.write(text)
    for e in report.input_errors:  # always on stderr too, so CI logs show why it is exit 2
        print(f"{e.render()}", file=sys.stderr)
    if report.input_errors:
        return 2
    if args.write_baseline:
        return 0
    levels = ("error",) if cfg.fail_on == "error" else ("error", "warning")
    return 1 if any(f.severity in levels for f in report.findings) else 0


_OUTPUT_HINT = "give -o a file name in a folder that exists, e.g. -o claims.sarif"


def _check_output(path: Path) -> None:
    """Refuse an -o we could not write before linting anything (exit 2)."""
    if path.is_dir():
        raise ConfigError(str(path), 0, "-o names a folder, not a file", _OUTPUT_HINT)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ConfigError(str(path), 0, f"-o: the folder {parent} does not exist", _OUTPUT_HINT)


def _relative(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def _replace(cfg: Config, **changes: object) -> Config:
    import dataclasses

    return dataclasses.replace(cfg, **changes)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

_ = _pkg
