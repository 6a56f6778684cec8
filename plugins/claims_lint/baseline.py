"""Baselines: adopt the linter on an existing site and fail only on new findings.

A finding's fingerprint is built from the file, the rule and the words of the claim and its
sentence, never the line number, so moving text around does not make old findings "new".
Identical findings in one file are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import ConfigError, Finding

__all__ = ["fingerprint", "fingerprints", "write_baseline", "load_baseline", "apply_baseline"]

BASELINE_VERSION = 1


def fingerprint(f: Finding) -> str:
    words = " ".join(f.excerpt.lower().split()) + "\0" + " ".join(f.matched.lower().split())
    raw = f"{Path(f.path).as_posix()}\0{f.rule}\0{f.field}\0{words}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """Fingerprints with an occurrence suffix, so two identical findings stay distinct."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        fp = fingerprint(f)
        seen[fp] += 1
        out.append(f"{fp}:{seen[fp]}")
    return out


def write_baseline(path: str | Path, findings: list[Finding]) -> int:
    entries = [
        {"fingerprint": fp, "path": f.path, "rule": f.rule, "line": f.line, "matched": f.matched}
        for fp, f in zip(fingerprints(findings), findings, strict=True)
    ]
    data = {"tool": "claims-lint", "version": BASELINE_VERSION, "findings": entries}
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: str | Path) -> set[str]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(str(path), 0, "baseline file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise ConfigError(str(path), line, f"the baseline is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(str(path), 1, "not a claims-lint baseline (no 'findings' list)")
    try:
        return {str(e["fingerprint"]) for e in data["findings"]}
    except (TypeError, KeyError):
        raise ConfigError(str(path), 1, "every baseline entry needs a 'fingerprint'") from None


def apply_baseline(findings: list[Finding], known: set[str]) -> tuple[list[Finding], list[Finding]]:
    """Split findings into (new, already in the baseline)."""
    new, old = [], []
    for fp, f in zip(fingerprints(findings), findings, strict=True):
        (old if fp in known else new).append(f)
    return new, old
