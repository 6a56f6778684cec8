"""The site's page check inside ``claims-lint``: one check in pre-commit, CI and the build.

A Markdown file under ``<content>/treatments/`` or ``<content>/pages/`` of a clinic site (a
content folder with ``data/treatments.yaml``) is also checked the way the build checks it
(``clinic_schema``: front matter against the page schema and the registry, review dates, the
sign-off, the raw HTML policy). Its problems become findings with these rule codes; the data
files' own problems are reported at the data file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Finding, LintResult

__all__ = ["PAGE_CODES", "PageChecker", "not_a_regular_file"]

PAGE_CODES = {
    "PAG001": "the page's front matter does not match its schema (a field, a type, a treatment)",
    "PAG002": "the page is not ready to publish: sign-off, review dates, placeholders or price",
    "PAG003": "HTML a page may not use (scripts, hidden elements, forms, javascript: links)",
    "PAG004": "a character or file that cannot be published",
    "PAG005": "the page's review is overdue",
    "DAT001": "a data file (treatments.yaml, clinic.yaml) does not match its schema",
}
_CODE = {
    "schema": "PAG001",
    "signoff": "PAG002",
    "html": "PAG003",
    "content": "PAG004",
    "file": "PAG004",
    "review": "PAG005",
    "data": "DAT001",
    "yaml": "DAT001",
}
PAGE_FOLDERS = ("treatments", "pages")
REGISTRY = Path("data") / "treatments.yaml"
_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def not_a_regular_file(path: Path, root: Path | None) -> str | None:
    """Why ``path`` must not be opened (a pipe, a device, a link out of ``root``), or None."""
    try:
        if root is not None and path.is_symlink():
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "is a broken link"
            if not real.is_relative_to(root.resolve()):
                return f"is a link to {real}, outside the repository"
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    return f"is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a file"


def _site_dir(path: Path) -> tuple[Path, str] | None:
    """The content folder ``path`` is a page of, and its page type; None for other files."""
    here = path.absolute().parent
    for folder in (here, *here.parents):
        if folder.name in PAGE_FOLDERS and (folder.parent / REGISTRY).is_file():
            kind = "treatment" if folder.name == "treatments" else "page"
            content = folder.parent
            with contextlib.suppress(ValueError):  # shown as the user would type it
                content = content.relative_to(Path.cwd())
            return content, kind
        if (folder / ".git").exists():
            return None
    return None


@dataclass
class PageChecker:
    """Loads each clinic site once and checks its pages; ``today`` as claims-lint's."""

    today: dt.date
    _sites: dict[Path, Any] = field(default_factory=dict)
    _digests: dict[Path, bytes] = field(default_factory=dict)
    _markdown: Any = None  # one converter for every page: making one costs more than a page

    def digest(self, path: Path) -> bytes:
        """What the page check of ``path`` depends on besides the page (for cache keys)."""
        found = _site_dir(path)
        if found is None:
            return b""
        content, kind = found
        if content not in self._digests:
            h = hashlib.sha256(b"page-check-1")
            for name in ("treatments.yaml", "clinic.yaml"):
                try:
                    h.update((content / "data" / name).read_bytes())
                except OSError:
                    h.update(b"\0unreadable")
            self._digests[content] = h.digest()
        return kind.encode() + self._digests[content]

    def _site(self, content: Path) -> Any:
        if content not in self._sites:
            from clinic_schema import load_site  # the site schema lives beside this package

            self._sites[content] = load_site(content)
        return self._sites[content]

    def findings(self, path: str, text: str) -> list[Finding]:
        """The page check's findings for the page at ``path`` (none for other files)."""
        found = _site_dir(Path(path))
        if found is None or Path(path).suffix.lower() not in (".md", ".markdown"):
            return []
        from clinic_schema import check_page
        from clinic_schema.markdown import make_markdown
        from clinic_schema.rawhtml import needs_rendering

        from claims_lint.frontmatter import FrontMatterError, parse_front_matter

        content, kind = found
        try:
            fm = parse_front_matter(text, path)
        except FrontMatterError:
            return []  # the linter reports broken front matter itself
        rendered = None
        if needs_rendering(fm.body):  # the build renders every page; here only when it matters
            if self._markdown is None:
                self._markdown = make_markdown()
            self._markdown.reset()
            rendered = self._markdown.convert(fm.body)
        check = check_page(fm, kind, self._site(content), today=self.today, rendered=rendered)
        return [_finding(p, draft=check.draft) for p in check.problems]

    def data_results(self) -> list[LintResult]:
        """One result per data file with problems, for every site a checked page belongs to."""
        results: dict[str, LintResult] = {}
        for content in self._digests:  # every site a page of this run belongs to
            site = self._site(content)
            for problem in site.problems:
                result = results.setdefault(problem.path, LintResult(path=problem.path))
                result.findings.append(_finding(problem))
        return list(results.values())


def _finding(problem: Any, draft: bool = False) -> Finding:
    severity = problem.severity
    if draft and problem.code == "signoff":
        severity = "warning"  # a draft is not published: being unfinished is expected
    rule = _CODE.get(problem.code, "PAG001")
    line = max(problem.line, 1)
    column = max(problem.column, 1)
    return Finding(
        path=problem.path,
        line=line,
        column=column,
        end_line=line,
        end_column=column + 1,
        rule=rule,
        category="page" if rule.startswith("PAG") else "data",
        severity=severity,
        message=problem.message,
        suggestion=problem.hint,
    )
