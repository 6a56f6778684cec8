"""The gate: after every page is read and before anything is written, judge the whole build.

Production builds (``CLINIC_STRICT = True``) stop here when any page has an error, after
listing every problem. Development builds list the same problems as warnings and go on.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican.contents import Page

from . import jsonld
from .marks import group_problems, mark_claims
from .problems import BuildFailed, Problem, log, summarise
from .state import BuildState


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
        entry = getattr(page, "treatment_entry", None)
        safety = getattr(page, "safety", None)
        if entry is not None and safety is not None and state.clinic:
            data = jsonld.treatment_page(
                title=page.title,
                summary=getattr(page, "description", ""),
                url=jsonld.absolute(siteurl, page.url),
                treatment=entry,
                safety=safety,
                reviewer=getattr(page, "reviewer", None),
                last_reviewed=getattr(page, "last_reviewed", None),  # a draft awaiting sign-off
                clinic_data=state.clinic,
            )
            page.jsonld = jsonld.dumps(data)
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


def judge(state: BuildState) -> None:
    """Report every problem; in a production build, stop before any output is written."""
    errors = state.problems.report(strict=state.strict)
    if state.strict and errors:
        failing = state.problems.errors()
        summary = (
            f"Production build stopped: {summarise(failing)}. Nothing was written. "
            "Fix the problems listed above and build again."
        )
        log.error("%s", summary)
        raise BuildFailed(summary)
    if state.problems.problems:
        log.warning(
            "Development build: %s (a production build would stop on the errors)",
            summarise(state.problems.problems),
        )
