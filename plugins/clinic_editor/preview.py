"""The CMS preview: the page being edited, built in the site's theme, with its findings.

The CMS sends the form's data as the marketer types. We turn it into the Markdown file the CMS
would save, build it with the development settings in a scratch copy of the site (its data
files and other pages, so the menu, the registry's safety sections and the footer are real),
and answer with the page's HTML (findings banner and marked words included) and its problems.
A real Pelican run of our plugin: the preview can never disagree with the build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

__all__ = ["PagePreview", "entry_to_markdown"]

DATE_FIELDS = {"last_reviewed", "next_review"}
FOLDERS = {"treatments": "treatments", "pages": "pages", "sign-off": "treatments"}
_SLUG = re.compile(r"[^a-z0-9]+")


def _clean(value: Any) -> Any:
    """Drop what the form leaves empty, so a blank required field reads as missing."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_clean(v) for v in value) if v not in (None, "", [], {})]
    if isinstance(value, str):
        return value if value.strip() else ""
    return value


def entry_to_markdown(data: dict[str, Any]) -> str:
    """The file the CMS writes for ``data``: YAML front matter, then the body."""
    data = dict(data)
    body = str(data.pop("body", "") or "")
    front = _clean(data)
    for key in DATE_FIELDS & front.keys():
        value = front[key]
        if isinstance(value, str):
            # The CMS writes an ISO date unquoted, which YAML reads as a date.
            with contextlib.suppress(ValueError):
                front[key] = dt.date.fromisoformat(value[:10])
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100) if front else ""
    return f"---\n{text}---\n{body}\n"  # as the CMS writes it, so line numbers agree


def slug_for(slug: str, data: dict[str, Any]) -> str:
    raw = slug or str(data.get("title") or "") or "new-page"
    return _SLUG.sub("-", raw.lower()).strip("-") or "new-page"


class PagePreview:
    """Builds one page at a time (Pelican's plugin state is per process), newest request wins."""

    def __init__(self, root: Path, settings: str = "pelicanconf.py") -> None:
        self.root = Path(root).resolve()
        self.settings_file = self.root / settings
        self.work = Path(tempfile.mkdtemp(prefix="clinic-edit-preview-"))
        self._lock = threading.Lock()
        self._latest = 0
        self._counter = 0
        self._counter_lock = threading.Lock()
        self._image_signatures: dict[str, list[tuple[str, int, int]]] = {}

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def _ticket(self) -> int:
        with self._counter_lock:
            self._counter += 1
            self._latest = self._counter
            return self._counter

    def render(self, collection: str, slug: str, data: dict[str, Any]) -> dict[str, Any]:
        """``{"html", "problems", "path", "took"}``, or ``{"superseded": True}`` when a newer
        request arrived while this one waited (typing faster than the build)."""
        ticket = self._ticket()
        folder = FOLDERS.get(collection, "pages")
        name = slug_for(slug, data)
        text = entry_to_markdown(data)
        with self._lock:
            if ticket != self._latest:
                return {"superseded": True}
            started = time.monotonic()
            html, problems = self._build(folder, name, text)
        shown = f"content/{folder}/{name}.md"
        return {
            "path": shown,
            "source": text,
            "html": html,
            "problems": [_problem_dict(p, shown) for p in problems],
            "took": round(time.monotonic() - started, 3),
        }

    def _content(self, folder: str, name: str, text: str) -> Path:
        """The scratch site: the data files and other pages afresh, the page being edited,
        and the images (copied only when they changed: they can be large)."""
        content = self.work / "content"
        source = self.root / "content"
        for part in ("data", "pages", "treatments"):
            shutil.rmtree(content / part, ignore_errors=True)
        shutil.copytree(source / "data", content / "data")
        (content / "pages").mkdir(parents=True)
        (content / "treatments").mkdir()
        for page in sorted((source / "pages").glob("*.md")):
            if not (folder == "pages" and page.stem == name):
                shutil.copy2(page, content / "pages" / page.name)
        self._sync_images(source, content)
        draft = content / folder / f"{name}.md"
        draft.write_text(text, encoding="utf-8")
        return draft

    def _sync_images(self, source: Path, content: Path) -> None:
        for part in ("images", "extra"):
            src = source / part
            files = sorted(src.rglob("*")) if src.is_dir() else []
            signature = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
            if self._image_signatures.get(part) == signature:
                continue
            shutil.rmtree(content / part, ignore_errors=True)
            if src.is_dir():
                shutil.copytree(src, content / part)
            self._image_signatures[part] = signature

    def _build(self, folder: str, name: str, text: str) -> tuple[str, list[Any]]:
        from clinic import state as build_state
        from pelican import Pelican
        from pelican.settings import read_settings

        draft = self._content(folder, name, text)
        output = self.work / "output"
        settings = read_settings(
            str(self.settings_file),
            override={
                "PATH": str(self.work / "content"),
                "OUTPUT_PATH": str(output),
                "THEME": str(self.root / "theme"),
                "CLINIC_SHOW_FINDINGS": True,
                "CLINIC_STRICT": False,
                "DELETE_OUTPUT_DIRECTORY": False,  # the pane loads the last build's images
                "THEME_STATIC_PATHS": [],
                "STATIC_PATHS": [],
                "TEMPLATE_PAGES": {},
                "SITEURL": "",
            },
        )
        with _quiet(), contextlib.redirect_stdout(io.StringIO()):
            Pelican(settings).run()
        build = build_state.current()
        info = build.pages.get(build.display_path(draft))
        problems = list(info.problems) if info else []
        page = next(
            (p for p in build.built if Path(p.source_path).resolve() == draft.resolve()), None
        )
        html = ""
        if page is not None and (output / page.save_as).is_file():
            html = (output / page.save_as).read_text(encoding="utf-8")
        # Paths as the marketer knows them (content/…), not the scratch copy's.
        return html.replace(f"{self.work}/", ""), problems


class _quiet:
    """The editor's terminal is not the place for every keystroke's build log."""

    names = ("pelican", "clinic")

    def __enter__(self) -> None:
        self.saved = [(logging.getLogger(n), logging.getLogger(n).disabled) for n in self.names]
        for logger, _ in self.saved:
            logger.disabled = True

    def __exit__(self, *exc: object) -> None:
        for logger, was in self.saved:
            logger.disabled = was


def _problem_dict(problem: Any, shown: str) -> dict[str, Any]:
    fix = problem.hint[len("instead: ") :] if problem.hint.startswith("instead: ") else problem.hint
    return {
        "path": shown,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "code": problem.code,
        "rule": problem.rule,
        "quote": problem.quote,
        "message": problem.headline or problem.message,
        "why": problem.why,
        "fix": fix,
        "sign_off": problem.code == "sign-off",
    }
