"""``claims-lint lsp``: the same findings, in any editor that speaks the Language Server Protocol.

While a page is typed, the server lints the open text (not the file on disk) with the same
configuration, rules and evidence register as ``claims-lint`` run from the workspace folder,
and publishes each finding as a diagnostic at its words. Inside a clinic site (a folder with
``content/data/``), page-schema problems (a missing field, a misspelt one, a bad date) are
published too. Code actions apply the fixes that can be stated exactly: a finding's
``replacement`` when its rule gives one, a misspelt field name, a date written in quotes.

Needs pygls (``pip install -e ".[lsp]"``); ``claims-lint`` itself does not. Setup for VS Code,
Neovim, Helix and Zed: docs/editors.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

# The package's public API only (claims_lint/__init__.py): the engine's internals may change.
from . import Config, Finding, Linter, detect_kind, load_config
from .model import ClaimsLintError

__all__ = ["ClaimsServer", "diagnostics_for", "main", "server"]

SOURCE = "claims-lint"
SCHEMA_SOURCE = "clinic page schema"
log = logging.getLogger("claims_lint.lsp")


@dataclass
class _Workspace:
    root: Path
    config: Config
    linter: Linter


class ClaimsServer(LanguageServer):
    """A pygls server that keeps one linter per workspace folder (rules load once)."""

    def __init__(self) -> None:
        from .cli import VERSION

        super().__init__("claims-lint", VERSION)
        self._workspaces: dict[Path, _Workspace] = {}

    def root_for(self, path: Path) -> Path:
        """The workspace folder holding ``path`` (the deepest), else the file's folder."""
        folders = [Path(unquote(urlsplit(f.uri).path)) for f in self.workspace.folders.values()]
        if self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        inside = [f for f in folders if path.is_relative_to(f)]
        return max(inside, key=lambda f: len(f.parts)) if inside else path.parent

    def linting(self, root: Path) -> _Workspace:
        ws = self._workspaces.get(root)
        if ws is None:
            config = load_config(root)
            if config.evidence_path is not None and not Path(config.evidence_path).is_absolute():
                config = _with(config, evidence_path=root / config.evidence_path)
            if config.evidence_path is not None and not Path(config.evidence_path).is_file():
                config = _with(config, evidence_path=None)
            ws = self._workspaces[root] = _Workspace(root, config, Linter(config))
        return ws

    def forget(self, changed: Path) -> None:
        """A configuration or data file changed: rebuild the linters that read it."""
        for root in list(self._workspaces):
            if changed.is_relative_to(root):
                del self._workspaces[root]


def _with(config: Config, **changes: Any) -> Config:
    import dataclasses

    return dataclasses.replace(config, **changes)


def _path(uri: str) -> Path:
    return Path(unquote(urlsplit(uri).path))


def _range(doc: TextDocument, line: int, col: int, end_line: int, end_col: int) -> lsp.Range:
    """1-based, end-exclusive code-point positions → the client's units (UTF-16 by default)."""
    lines = doc.lines
    start_line = max(line - 1, 0)
    if col <= 0:  # the whole line
        text = lines[start_line] if start_line < len(lines) else ""
        start, end = 0, len(text.rstrip("\r\n"))
        end_line = line
    else:
        start, end = col - 1, max(end_col - 1, col)
    server_range = lsp.Range(
        lsp.Position(start_line, start), lsp.Position(max(end_line - 1, start_line), end)
    )
    return doc.range_to_client_units(server_range)


def _severity(name: str) -> lsp.DiagnosticSeverity:
    return lsp.DiagnosticSeverity.Error if name == "error" else lsp.DiagnosticSeverity.Warning


def _finding_diagnostic(doc: TextDocument, f: Finding, rules_doc: Path | None) -> lsp.Diagnostic:
    message = f.message
    if f.suggestion:
        message += f"\nInstead: {f.suggestion}"
    if f.why:
        message += f"\nWhy: {f.why}"
    href = f"{rules_doc.as_uri()}#{f.rule.lower()}" if rules_doc else None
    data: dict[str, Any] = {"rule": f.rule}
    if f.replacement:
        data["fix"] = {"new_text": f.replacement, "title": f"Replace with “{f.replacement}”"}
    return lsp.Diagnostic(
        range=_range(doc, f.line, f.column, f.end_line, f.end_column),
        message=message,
        severity=_severity(f.severity),
        code=f.rule,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data=data,
    )


def _schema_diagnostics(doc: TextDocument, path: Path, root: Path) -> list[lsp.Diagnostic]:
    """Page-schema problems, for pages of a clinic site (content/<folder>/<page>.md)."""
    content = root / "content"
    if not (content / "data").is_dir() or not path.is_relative_to(content):
        return []
    if path.suffix.lower() not in (".md", ".markdown") or "data" in path.relative_to(content).parts:
        return []
    try:
        from clinic_editor.pageschema import SchemaUnavailable, check_page
    except ImportError:
        return []
    try:
        problems = check_page(doc.source, str(path.relative_to(root)), content, dt.date.today())
    except SchemaUnavailable as exc:
        log.info("%s", exc)
        return []
    out = []
    for p in problems:
        data: dict[str, Any] = {}
        if p.fix is not None:
            fix = p.fix
            data["fix"] = {
                "new_text": fix.new_text,
                "title": fix.title,
                "range": [fix.line, fix.column, fix.end_line, fix.end_column],
            }
        end = p.end_column or (p.fix.end_column if p.fix and p.fix.line == p.line else 0)
        start = p.column or (p.fix.column if p.fix and p.fix.line == p.line else 0)
        message = p.message + (f"\nFix: {p.hint}" if p.hint else "")
        out.append(
            lsp.Diagnostic(
                range=_range(doc, p.line or 1, start, p.line or 1, end),
                message=message,
                severity=_severity(p.severity),
                code=p.code,
                source=SCHEMA_SOURCE,
                data=data or None,
            )
        )
    return out


def diagnostics_for(ls: ClaimsServer, doc: TextDocument) -> list[lsp.Diagnostic]:
    """Every diagnostic for one open document: claims findings, then page-schema problems."""
    path = _path(doc.uri)
    root = ls.root_for(path)
    ws = ls.linting(root)
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    rules_doc = root / "docs" / "rules.md"
    out: list[lsp.Diagnostic] = []
    try:
        result = ws.linter.lint_source(doc.source, shown, detect_kind(shown))
        findings = result.findings
    except ClaimsLintError as exc:  # the page cannot be read (broken front matter, say)
        findings = []
        out.append(
            lsp.Diagnostic(
                range=_range(doc, exc.line or 1, getattr(exc, "column", 0), exc.line or 1, 0),
                message=exc.message + (f"\nFix: {exc.hint}" if exc.hint else ""),
                severity=lsp.DiagnosticSeverity.Error,
                source=SOURCE,
                code="input",
            )
        )
    out += [
        _finding_diagnostic(doc, f, rules_doc if rules_doc.is_file() else None) for f in findings
    ]
    out += [d for d in _schema_diagnostics(doc, path, root) if not _same_as_input_error(d, out)]
    return out


def _same_as_input_error(d: lsp.Diagnostic, out: list[lsp.Diagnostic]) -> bool:
    """A YAML error is reported by both checks: publish it once."""
    return d.code == "yaml" and any(o.code == "input" for o in out)


server = ClaimsServer()


def _publish(ls: ClaimsServer, uri: str) -> None:
    doc = ls.workspace.get_text_document(uri)
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=uri, version=doc.version, diagnostics=diagnostics_for(ls, doc)
        )
    )


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ClaimsServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ClaimsServer, params: lsp.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ClaimsServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if path.suffix in (".yaml", ".yml", ".toml") or path.name.startswith(".claims-lint"):
        ls.forget(path)  # the register, the registry or the configuration changed
        for uri in list(ls.workspace.text_documents):
            _publish(ls, uri)
    else:
        _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ClaimsServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
def code_action(ls: ClaimsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """A quick fix for each diagnostic in the range whose fix can be stated exactly."""
    doc = ls.workspace.get_text_document(params.text_document.uri)
    actions = []
    for d in params.context.diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        fix = data.get("fix")
        if d.source not in (SOURCE, SCHEMA_SOURCE) or not isinstance(fix, dict):
            continue
        where = fix.get("range")
        target = _range(doc, *where) if where else d.range
        edit = lsp.TextEdit(range=target, new_text=str(fix["new_text"]))
        actions.append(
            lsp.CodeAction(
                title=str(fix.get("title") or f"Replace with “{fix['new_text']}”"),
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[d],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="claims-lint lsp",
        description="Run the claims-lint language server (for code editors; see docs/editors.md).",
    )
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument("--tcp", metavar="PORT", type=int, help="listen on 127.0.0.1:PORT instead")
    args = p.parse_args(argv)
    if args.tcp:
        server.start_tcp("127.0.0.1", args.tcp)
    else:
        server.start_io()
    return 0
