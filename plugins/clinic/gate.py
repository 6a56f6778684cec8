"""The gate: after every page is read and before anything is written, judge the whole build.

Production builds (``CLINIC_STRICT = True``) stop here when any page has an error, after
listing every problem. Development builds list the same problems as warnings and go on.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import posixpath
from collections import defaultdict
from typing import Any

from clinic_schema.files import file_problem
from clinic_schema.problems import ENVIRONMENT_CODES
from pelican.contents import Page

from . import jsonld
from .marks import group_problems, mark_claims
from .problems import BuildFailed, Problem, log, summarise
from .state import BuildState


class SameSlugWarnings(logging.Filter):
    """Pelican warns, in its own words, about two pages with one slug; the gate reports the
    same thing at the page's line (check_duplicate_outputs), so Pelican's warning goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("There are %s ")


class PelicanErrors(logging.Handler):
    """Pelican logs a page it could not process and goes on; we count that as a problem."""

    def __init__(self, state: BuildState) -> None:
        super().__init__(logging.ERROR)
        self.state = state

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        path = str(args[0]) if args and record.msg.startswith("Could not process") else "pelican"
        message = record.getMessage().splitlines()[0]
        self.state.problems.add(
            Problem(
                self.state.display_path(path) if path != "pelican" else path,
                0,
                0,
                message,
                "run the build with --debug to see the details",
                code="pelican",
            )
        )


def all_pages(generators: list[Any]) -> list[Page]:
    pages: list[Page] = []
    for generator in generators:
        for name in ("pages", "hidden_pages", "draft_pages"):
            pages.extend(getattr(generator, name, []))
    return pages


def _source_line(state: BuildState, page: Any, *keys: str) -> tuple[str, int]:
    """A page's source as shown, and the line of the first of ``keys`` it has (else 1)."""
    shown = getattr(page, "source_display_path", "") or state.display_path(page.source_path)
    lines = getattr(page, "source_lines", None) or {}
    line = next((lines[k] for k in keys if k in lines), 1)
    return shown, line


def hold_back_drafts(state: BuildState, generators: list[Any]) -> None:
    """Production never writes a draft, whatever its front matter says (a ``save_as``, say)."""
    if not state.strict:
        return
    for page in all_pages(generators):
        if getattr(page, "status", "") == "draft":
            page.override_save_as = ""
            page.override_url = ""


def check_static_files(state: BuildState, generators: list[Any]) -> None:
    """Static files are copied as they are: only regular files from inside the repository
    (a named pipe would hang the copy; a link could publish a file from anywhere)."""
    for generator in generators:
        files = getattr(generator, "staticfiles", None)
        if not files:
            continue
        keep = []
        for static in files:
            shown = state.display_path(static.source_path)
            problem = file_problem(static.source_path, shown, root=state.root)
            if problem is None:
                keep.append(static)
            else:
                state.problems.add(problem)
        generator.staticfiles[:] = keep


def _writes(generators: list[Any], settings: dict[str, Any]) -> dict[str, list[Any]]:
    """Every output file the run will write, with what writes it (a page, a static file or a
    template's name)."""
    targets: dict[str, list[Any]] = defaultdict(list)
    for page in all_pages(generators):
        if page.save_as:
            targets[posixpath.normpath(page.save_as)].append(page)
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            targets[posixpath.normpath(static.save_as)].append(static)
    for template, save_as in (settings.get("TEMPLATE_PAGES") or {}).items():
        targets[posixpath.normpath(save_as)].append(f"the theme's {template}")
    return targets


def check_duplicate_outputs(state: BuildState, generators: list[Any]) -> None:
    """Two sources writing one file: Pelican would stop half-way with a traceback, or one
    page would silently replace another. Reported at each page, before anything is written."""
    for target, writers in sorted(_writes(generators, state.settings).items()):
        if len(writers) < 2:
            continue
        writers.sort(key=lambda w: (not _owns_address(w), _writer_name(state, w)))
        names = [_writer_name(state, w) for w in writers]
        for i, writer in enumerate(writers):
            if not isinstance(writer, Page):
                continue
            others = " and ".join(n for j, n in enumerate(names) if j != i)
            path, line = _source_line(state, writer, "slug", "save_as", "url", "title")
            state.problems.add(
                Problem(
                    path,
                    line,
                    0,
                    f"this page would be written to {target}, which {others} writes too",
                    "give one of them a different 'slug' (each page needs its own address)",
                    code="schema",
                )
            )
            if i:  # development: build the first, leave the others out
                writer.override_save_as = ""


def _owns_address(writer: Any) -> bool:
    """A page whose file is named after its address (privacy.md for /privacy/) keeps it."""
    if not isinstance(writer, Page):
        return True
    stem = os.path.splitext(os.path.basename(writer.source_path))[0]
    return getattr(writer, "slug", None) == stem


def _writer_name(state: BuildState, writer: Any) -> str:
    if isinstance(writer, str):
        return writer
    return getattr(writer, "source_display_path", "") or state.display_path(writer.source_path)


class LazyJsonLd:
    """A page's JSON-LD, serialised when a template first shows it (a development build that
    takes the page's rendering from the build cache never does)."""

    def __init__(self, make: Any) -> None:
        self._make = make
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = jsonld.dumps(self._make())
        return self._text

    __html__ = __str__

    def __bool__(self) -> bool:
        return True


def enrich(state: BuildState, generators: list[Any]) -> None:
    """Give templates what they need: JSON-LD, the treatment list, the menu, the clinic."""
    siteurl = state.settings.get("SITEURL", "")
    pages = all_pages(generators)
    treatments = sorted(
        (
            p
            for p in pages
            if getattr(p, "page_type", "") == "treatment" and p.status == "published"
        ),
        key=lambda p: p.title,
    )
    nav = sorted(
        (p for p in pages if isinstance(getattr(p, "nav_order", None), int)),
        key=lambda p: p.nav_order,
    )
    for page in pages:
        # Pelican works a page's address out from the settings on every access, and the
        # templates ask for it about twenty times a page (menus, lists, links): work it out
        # once. The value is the same; only drafts held back already have one.
        if not hasattr(page, "override_url"):
            page.override_url = page.url
        entry = getattr(page, "treatment_entry", None)
        safety = getattr(page, "safety", None)
        if entry is not None and safety is not None and state.clinic:
            page.jsonld = LazyJsonLd(
                functools.partial(
                    jsonld.treatment_page,
                    title=page.title,
                    summary=getattr(page, "description", ""),
                    url=jsonld.absolute(siteurl, page.url),
                    treatment=entry,
                    safety=safety,
                    reviewer=getattr(page, "reviewer", None),
                    last_reviewed=getattr(page, "last_reviewed", None),  # a draft awaiting sign-off
                    clinic_data=state.clinic,
                )
            )
        info = state.pages.get(getattr(page, "source_display_path", ""))
        page.build_findings = sorted(info.problems) if info else []
        page.finding_groups = []
        if page.build_findings and state.settings.get("CLINIC_SHOW_FINDINGS"):
            page.finding_groups = group_problems(page.build_findings)
            page._content = mark_claims(page._content, page.build_findings, page.finding_groups)
    # Found once here rather than by each template render: a template that scans all pages
    # for every page it renders makes the build quadratic in the number of pages.
    published = [p for p in pages if p.status == "published"]
    roles: dict[str, Any] = {}
    for page in published:
        if page.save_as == "index.html":
            roles.setdefault("home", page)
        elif getattr(page, "template", "") in ("contact", "team", "treatments"):
            roles.setdefault(page.template, page)
    info = sorted(
        (
            p
            for p in published
            if not isinstance(getattr(p, "nav_order", None), int)
            and p.save_as not in ("index.html", "404.html")
            and getattr(p, "page_type", "") == "page"
        ),
        key=lambda p: p.title,
    )
    context = generators[0].context if generators else {}
    context["TREATMENT_PAGES"] = treatments
    context["NAV_PAGES"] = nav
    context["PAGE_BY_ROLE"] = roles
    context["INFO_PAGES"] = info
    context["CLINIC"] = state.clinic
    context["BRAND"] = state.brand
    context["LOGO"] = state.logo
    if state.clinic.get("address"):
        context["CLINIC_JSONLD"] = jsonld.dumps(jsonld.clinic(state.clinic, siteurl))


def report_drafts(state: BuildState) -> None:
    """In production a draft is not published, so its problems do not stop the build: they
    are reported as warnings, marked as the draft's."""
    if not state.strict:
        return
    drafts = state.drafts
    if not drafts:
        return
    kept = []
    for problem in state.problems.problems:
        if problem.path in drafts and problem.severity == "error":
            problem = dataclasses.replace(
                problem, message=f"{problem.message} (draft: not published)", severity="warning"
            )
        kept.append(problem)
    state.problems.problems = kept


def exit_status(problems: list[Problem]) -> int:
    """2 when a file could not be read at all (the environment), else 1 (the content)."""
    return 2 if any(p.code in ENVIRONMENT_CODES for p in problems) else 1


def judge(state: BuildState) -> None:
    """Report every problem; in a production build, stop before any output is written."""
    report_drafts(state)
    errors = state.problems.report(strict=state.strict)
    drafts = sorted(state.drafts)
    if state.strict and drafts:
        log.info(
            "%d draft%s not published: %s (to publish one, fix its problems and remove "
            "'status: draft').",
            len(drafts),
            "" if len(drafts) == 1 else "s",
            ", ".join(drafts),
        )
    if state.strict and errors:
        failing = state.problems.errors()
        summary = (
            f"Production build stopped: {summarise(failing)}. Nothing was written. "
            "Fix the problems listed above and build again."
        )
        log.error("%s", summary)
        raise BuildFailed(summary, exit_status(failing))
    if state.problems.problems and not state.strict:
        log.warning(
            "Development build: %s (a production build would stop on the errors)",
            summarise(state.problems.problems),
        )
