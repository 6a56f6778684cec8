"""Output formats: text, json, sarif, github, junit and the HTML claims register."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .baseline import fingerprint
from .engine import EVIDENCE_CODES
from .evidence import EvidenceRegister
from .model import Finding, InputError, LintResult
from .rules import RuleSet
from .suppress import SUPPRESSION_CODES

__all__ = ["FORMATS", "Report", "render"]

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
TOOL_URI = "https://example.invalid/claims-lint"  # no public home yet; SARIF wants a URI


@dataclass
class Report:
    results: list[LintResult]
    ruleset: RuleSet
    profile: str = "uk"
    fail_on: str = "error"
    baselined: list[Finding] = field(default_factory=list)
    version: str = ""
    today: dt.date | None = None
    evidence: EvidenceRegister | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def input_errors(self) -> list[InputError]:
        return [r.error for r in self.results if r.error is not None]

    def summary(self) -> dict[str, Any]:
        fs = self.findings
        sev = Counter(f.severity for f in fs)
        return {
            "files": len(self.results),
            "errors": sev.get("error", 0),
            "warnings": sev.get("warning", 0),
            "findings": len(fs),
            "cleared": sum(len(r.cleared) for r in self.results),
            "suppressed": sum(len(r.suppressed) for r in self.results),
            "baselined": len(self.baselined),
            "input_errors": len(self.input_errors),
            "by_category": dict(sorted(Counter(f.category for f in fs).items())),
            "profile": self.profile,
            "fail_on": self.fail_on,
            "rules_version": self.ruleset.version,
        }


def render(report: Report, fmt: str) -> str:
    return {
        "text": render_text,
        "json": render_json,
        "sarif": render_sarif,
        "github": render_github,
        "junit": render_junit,
        "html": render_html,
    }[fmt](report)


# --- text ---------------------------------------------------------------------------------------


def render_text(report: Report) -> str:
    lines = []
    for r in report.results:
        if r.error is not None:
            lines.append(f"{r.error.path}:{r.error.line}: error: {r.error.message}")
        for f in r.findings:
            where = f"{f.path}:{f.line}:{f.column}"
            lines.append(f"{where}: {f.rule} [{f.category}] {f.message} — {f.suggestion}")
    s = report.summary()
    tail = (
        f"{s['errors']} error(s), {s['warnings']} warning(s) in {s['files']} file(s); "
        f"{s['cleared']} claim(s) cleared by evidence, {s['suppressed']} suppressed"
    )
    if s["baselined"]:
        tail += f", {s['baselined']} in the baseline"
    if s["input_errors"]:
        tail += f"; {s['input_errors']} file(s) could not be read"
    lines.append(tail)
    return "\n".join(lines) + "\n"


# --- json ---------------------------------------------------------------------------------------

_JSON_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "category",
    "severity",
    "message",
    "excerpt",
    "suggestion",
    "why",
    "matched",
    "field",
)


def _finding_json(f: Finding) -> dict[str, Any]:
    d = {k: getattr(f, k) for k in _JSON_KEYS}
    d["evidence"] = list(f.evidence)
    d["fingerprint"] = fingerprint(f)
    return d


def render_json(report: Report) -> str:
    data = {
        "findings": [_finding_json(f) for f in report.findings],
        "summary": report.summary(),
        "cleared": [
            {**_finding_json(c.finding), "evidence_id": c.evidence_id, "citation": c.citation}
            for r in report.results
            for c in r.cleared
        ],
        "suppressed": [
            {**_finding_json(s.finding), "reason": s.reason, "until": s.until, "by": s.by}
            for r in report.results
            for s in r.suppressed
        ],
        "input_errors": [
            {"path": e.path, "line": e.line, "message": e.message, "hint": e.hint}
            for e in report.input_errors
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- sarif --------------------------------------------------------------------------------------


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def render_sarif(report: Report) -> str:
    rules_meta: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for r in report.ruleset.rules:
        index[r.code] = len(rules_meta)
        rules_meta.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.message},
                "fullDescription": {"text": r.why},
                "help": {
                    "text": f"{r.why}\nUse instead: {r.suggestion}",
                    "markdown": f"**Why:** {r.why}\n\n**Use instead:** {r.suggestion}",
                },
                "defaultConfiguration": {"level": r.severity},
                "properties": {"category": r.category, "tags": [r.category, "claims"]},
            }
        )
    for code, text in {**EVIDENCE_CODES, **SUPPRESSION_CODES}.items():
        index[code] = len(rules_meta)
        rules_meta.append(
            {
                "id": code,
                "name": code.lower(),
                "shortDescription": {"text": text},
                "defaultConfiguration": {"level": "warning" if code == "SUP005" else "error"},
            }
        )

    def result(f: Finding, suppression: dict[str, Any] | None = None) -> dict[str, Any]:
        res: dict[str, Any] = {
            "ruleId": f.rule,
            "level": f.severity,
            "message": {"text": f"{f.message} — {f.suggestion}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "snippet": {"text": f.matched or f.excerpt},
                        },
                    }
                }
            ],
            "partialFingerprints": {"claimsLint/v1": fingerprint(f)},
            "properties": {"category": f.category, "excerpt": f.excerpt},
        }
        if f.rule in index:
            res["ruleIndex"] = index[f.rule]
        if suppression is not None:
            res["suppressions"] = [suppression]
        return res

    results = [result(f) for f in report.findings]
    for r in report.results:
        for s in r.suppressed:
            results.append(result(s.finding, {"kind": "inSource", "justification": s.reason}))
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(e.path)},
                        "region": {"startLine": max(e.line, 1)},
                    }
                }
            ],
        }
        for e in report.input_errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "claims-lint",
                "informationUri": TOOL_URI,
                "version": report.version or "0.1.0",
                "semanticVersion": report.version or "0.1.0",
                "rules": rules_meta,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not report.input_errors,
                "toolExecutionNotifications": notifications,
            }
        ],
        "properties": {"profile": report.profile},
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --- github -------------------------------------------------------------------------------------


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    lines = []
    for e in report.input_errors:
        lines.append(
            f"::error file={_gh_prop(e.path)},line={max(e.line, 1)}::{_gh_data(e.message)}"
        )
    for f in report.findings:
        level = "error" if f.severity == "error" else "warning"
        props = (
            f"file={_gh_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},"
            f"title={_gh_prop(f'{f.rule} [{f.category}]')}"
        )
        lines.append(f"::{level} {props}::{_gh_data(f'{f.message} — {f.suggestion}')}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- junit --------------------------------------------------------------------------------------


def render_junit(report: Report) -> str:
    cases = []
    failures = errors = 0
    for r in report.results:
        name = quoteattr(r.path)
        if r.error is not None:
            errors += 1
            msg = quoteattr(f"{r.error.line}: {r.error.message}")
            cases.append(
                f'    <testcase classname="claims-lint" name={name}>\n'
                f'      <error message={msg} type="InputError">'
                f"{xml_escape(r.error.render())}</error>\n    </testcase>"
            )
        elif r.findings:
            failures += 1
            body = "\n".join(
                f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.category}] {f.message} — "
                f"{f.suggestion}"
                for f in r.findings
            )
            first = r.findings[0]
            msg = quoteattr(f"{len(r.findings)} finding(s), first: {first.rule} {first.message}")
            cases.append(
                f'    <testcase classname="claims-lint" name={name}>\n'
                f'      <failure message={msg} type="{first.rule}">{xml_escape(body)}</failure>\n'
                "    </testcase>"
            )
        else:
            cases.append(f'    <testcase classname="claims-lint" name={name}/>')
    n = len(report.results)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="claims-lint" tests="{n}" failures="{failures}" errors="{errors}">\n'
        f'  <testsuite name="claims-lint" tests="{n}" failures="{failures}" errors="{errors}">\n'
        + "\n".join(cases)
        + ("\n" if cases else "")
        + "  </testsuite>\n</testsuites>\n"
    )


# --- html claims register -----------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1d232a}h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-top:2px solid #ccd;
padding-top:1rem;font-size:1.15rem;word-break:break-all}table{border-collapse:collapse;width:100%;
margin:.5rem 0 1rem}th,td{border:1px solid #ccd;padding:.35rem .5rem;text-align:left;
vertical-align:top}th{background:#eef0f5}.error{color:#a40000;font-weight:600}
.warning{color:#8a5a00;font-weight:600}.ok{color:#156a1d;font-weight:600}.meta{color:#555}
.overdue{background:#ffe3e3}.summary td{font-weight:600}q{font-style:italic}
.signoff{margin-top:3rem;border:2px solid #333;padding:1rem}.signoff td{height:2.2rem}
@media print{h2{page-break-before:auto}}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _citations(ids: list[str], report: Report) -> str:
    """Every study the page cites, with the register's entry: what the reviewer signs off."""
    today = report.today or dt.date.today()
    rows = []
    for eid in ids:
        entry = report.evidence.get(eid) if report.evidence else None
        if entry is None:
            rows.append(
                f"<tr><td><code>[^{_e(eid)}]</code></td>"
                '<td colspan="4" class="error">not in the evidence register</td></tr>'
            )
            continue
        state = "expired" if entry.expired(today) else "in date"
        rows.append(
            f"<tr><td><code>[^{_e(eid)}]</code></td><td>{_e(entry.citation)}"
            f"{f' <small>{_e(entry.link())}</small>' if entry.link() else ''}</td>"
            f"<td>{_e(', '.join(entry.categories))}</td><td>{_e(entry.approved_by)}</td>"
            f"<td>{_e(entry.review_by)} ({state})</td></tr>"
        )
    return (
        "<h4>Evidence cited on this page</h4><table><tr><th>Cited as</th><th>Study</th>"
        "<th>Supports</th><th>Approved by</th><th>Review by</th></tr>" + "".join(rows) + "</table>"
    )


def render_html(report: Report) -> str:
    today = report.today or dt.date.today()
    s = report.summary()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Claims register</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Claims register</h1>",
        f'<p class="meta">Generated {_e(today.isoformat())} by claims-lint · profile '
        f"{_e(report.profile.upper())} · rules version {_e(report.ruleset.version)} · "
        f"fails on {_e(report.fail_on)}</p>",
        '<table class="summary"><tr><th>Pages</th><th>Errors</th><th>Warnings</th>'
        "<th>Cleared by evidence</th><th>Suppressed</th><th>In baseline</th>"
        "<th>Unreadable files</th></tr>",
        f"<tr><td>{s['files']}</td><td>{s['errors']}</td><td>{s['warnings']}</td>"
        f"<td>{s['cleared']}</td><td>{s['suppressed']}</td><td>{s['baselined']}</td>"
        f"<td>{s['input_errors']}</td></tr></table>",
    ]
    groups = _by_outcome(report.results)
    out.append('<nav class="toc"><ol>')
    for title, results, _ in groups:
        if results:
            out.append(f'<li><a href="#{_anchor(title)}">{_e(title)}</a> ({len(results)})</li>')
    out.append('<li><a href="#sign-off">Sign-off</a></li></ol></nav>')
    for title, results, intro in groups:
        if not results:
            continue
        out.append(f'<h2 id="{_anchor(title)}">{_e(title)} ({len(results)})</h2><p>{intro}</p>')
        for r in results:
            out.extend(_page_section(r, report, today))
    out.extend(_baselined(report))
    out.append(
        '<div class="signoff" id="sign-off"><h2>Sign-off</h2><p>I have reviewed every finding, '
        "every claim cleared by evidence and every suppression above.</p><table>"
        "<tr><th>Reviewer name</th><td></td></tr><tr><th>Registration (GMC/NMC/GDC)</th><td></td>"
        "</tr><tr><th>Signature</th><td></td></tr><tr><th>Date</th><td></td></tr></table></div>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _rank(r: LintResult) -> int:
    """0: the page fails (an error, or unreadable); 1: warnings only; 2: clean."""
    if r.error is not None or any(f.severity == "error" for f in r.findings):
        return 0
    return 1 if r.findings else 2


def _by_outcome(results: list[LintResult]) -> list[tuple[str, list[LintResult], str]]:
    """The register leads with what a reviewer must act on: failing pages, then warnings."""
    ranked: list[list[LintResult]] = [[], [], []]
    for r in results:
        ranked[_rank(r)].append(r)
    ranked[0].sort(key=lambda r: (-sum(f.severity == "error" for f in r.findings), r.path))
    return [
        ("Pages that fail", ranked[0], "These pages would stop a production build."),
        ("Pages with warnings", ranked[1], "These pages build; read each warning."),
        ("Clean pages", ranked[2], "No findings. Claims cleared by evidence are listed."),
    ]


def _anchor(title: str) -> str:
    return title.lower().replace(" ", "-")


def _page_section(r: LintResult, report: Report, today: dt.date) -> list[str]:
    """One page: its review dates and status, findings, cleared claims, citations."""
    out: list[str] = []
    out.append(f"<section><h3>{_e(r.path)}</h3>")
    meta = r.meta
    if meta.get("title"):
        out.append(f"<p><strong>{_e(meta['title'])}</strong></p>")
    nxt = meta.get("next_review", "")
    overdue = bool(nxt) and str(nxt) < today.isoformat()
    overdue_attr = ' class="overdue"' if overdue else ""
    out.append(
        '<table class="meta"><tr><th>Treatment</th><th>Reviewed by</th><th>Last reviewed</th>'
        "<th>Next review</th><th>Status</th></tr><tr>"
        f"<td>{_e(meta.get('treatment', '—'))}</td>"
        f"<td>{_e(meta.get('reviewed_by', '—'))}</td>"
        f"<td>{_e(meta.get('last_reviewed', '—'))}</td>"
        f"<td{overdue_attr}>{_e(nxt or '—')}"
        f"{' (overdue)' if overdue else ''}</td>"
        f"<td>{_status(r)}</td></tr></table>"
    )
    if r.error is not None:
        out.append(
            f'<p class="error">Could not be read: line {_e(r.error.line)}: '
            f"{_e(r.error.message)}</p>"
        )
    if r.findings:
        out.append(
            "<h4>Findings</h4><table><tr><th>Line</th><th>Rule</th><th>Severity</th>"
            "<th>Text</th><th>Problem and why</th><th>Use instead</th></tr>"
        )
        for f in r.findings:
            out.append(
                f"<tr><td>{f.line}:{f.column}</td><td>{_e(f.rule)}<br>{_e(f.category)}</td>"
                f'<td class="{_e(f.severity)}">{_e(f.severity)}</td>'
                f"<td><q>{_e(f.excerpt)}</q>{_field(f)}</td>"
                f"<td>{_e(f.message)}<br><small>{_e(f.why)}</small></td>"
                f"<td>{_e(f.suggestion)}</td></tr>"
            )
        out.append("</table>")
    if r.cleared:
        out.append(
            "<h4>Claims cleared by evidence</h4><table><tr><th>Line</th><th>Claim</th>"
            "<th>Category</th><th>Evidence</th><th>Approved by</th><th>Review by</th></tr>"
        )
        for c in r.cleared:
            f = c.finding
            out.append(
                f"<tr><td>{f.line}:{f.column}</td><td><q>{_e(f.excerpt)}</q></td>"
                f"<td>{_e(f.category)}</td><td><code>[^{_e(c.evidence_id)}]</code> "
                f"{_e(c.citation)}</td><td>{_e(c.approved_by)}</td><td>{_e(c.review_by)}</td></tr>"
            )
        out.append("</table>")
    if r.meta.get("cites"):
        out.append(_citations(r.meta["cites"], report))
    if r.suppressed:
        out.append(
            "<h4>Suppressed findings</h4><table><tr><th>Line</th><th>Rule</th><th>Text</th>"
            "<th>Reason</th><th>Agreed by</th><th>Until</th></tr>"
        )
        for sp in r.suppressed:
            f = sp.finding
            out.append(
                f"<tr><td>{f.line}:{f.column}</td><td>{_e(f.rule)}<br>{_e(f.category)}</td>"
                f"<td><q>{_e(f.excerpt)}</q></td><td>{_e(sp.reason)}</td>"
                f"<td>{_e(sp.by or '—')}</td><td>{_e(sp.until or 'no expiry')}</td></tr>"
            )
        out.append("</table>")
    out.append("</section>")
    return out


def _baselined(report: Report) -> list[str]:
    out: list[str] = []
    if report.baselined:
        out.append(
            "<h2>Findings accepted in the baseline</h2><table><tr><th>File</th><th>Line</th>"
            "<th>Rule</th><th>Text</th></tr>"
        )
        for f in report.baselined:
            out.append(
                f"<tr><td>{_e(f.path)}</td><td>{f.line}</td><td>{_e(f.rule)}</td>"
                f"<td><q>{_e(f.excerpt)}</q></td></tr>"
            )
        out.append("</table>")
    return out


def _status(r: LintResult) -> str:
    if r.error is not None:
        return '<span class="error">unreadable</span>'
    errors = sum(1 for f in r.findings if f.severity == "error")
    warnings = len(r.findings) - errors
    if errors:
        return f'<span class="error">{errors} error(s)</span>'
    if warnings:
        return f'<span class="warning">{warnings} warning(s)</span>'
    return '<span class="ok">clean</span>'


def _field(f: Finding) -> str:
    return f"<br><small>front matter: {_e(f.field)}</small>" if f.field else ""
