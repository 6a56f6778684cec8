"""Our Markdown reader: YAML front matter with positions, checked, enriched, linted.

It never raises. Whatever is wrong with a page is recorded in the build's problem log, with its
file and line, and the gate decides once, at the end of reading, whether the build goes on.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_lint import EvidenceRegister
from claims_lint.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from clinic_schema import SourceError, check_page, page_type, read_source
from clinic_schema.files import MAX_BYTES
from clinic_schema.markdown import make_markdown
from clinic_schema.pages import SIGN_OFF as SIGN_OFF_FIELDS
from pelican.readers import BaseReader

from .cache import canonical, digest
from .images import ImageProblem, Picture
from .page_images import ImageUse, Planned, check_use, find_images, rewrite_html
from .photos import ResultPair, check_photos
from .problems import Problem
from .reading import file_stamp
from .safety import merge
from .state import BuildState, PageInfo, current

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


def _drop(data: dict[str, Any], dotted: str) -> None:
    """Remove a value the check refused, so no template or JSON-LD uses it."""
    *parents, name = dotted.split(".")
    for part in parents:
        data = data.get(part) if isinstance(data.get(part), dict) else {}
    data.pop(name, None)


def evidence_footnotes(body: str, evidence: EvidenceRegister) -> str:
    """Append a footnote definition, from the register, for each cited evidence id.

    Pages cite with ``[^id]`` only; the citation text lives once, in evidence.yaml. Unknown ids
    are left alone here: the claims linter reports them.
    """
    defined = set(_FOOTNOTE_DEF.findall(body))
    lines = []
    for ref in dict.fromkeys(_FOOTNOTE_REF.findall(body)):
        entry = evidence.get(ref)
        if ref in defined or entry is None:
            continue
        link = entry.link()
        lines.append(f"[^{ref}]: {entry.citation}" + (f" <{link}>" if link else ""))
    return body + ("\n\n" + "\n".join(lines) + "\n" if lines else "")


def awaiting_sign_off(fm: FrontMatter, problems: list[Problem]) -> list[Problem]:
    """A draft nobody has signed off yet is not broken: in development, the missing sign-off
    fields are one warning saying who fills them in. Production still requires them."""
    missing = [
        p
        for p in problems
        if p.code == "signoff"
        and (p.message.startswith("missing required field") or " is empty" in p.message)
        and any(f"'{name}'" in p.message for name in SIGN_OFF_FIELDS)
    ]
    if not missing:
        return problems
    rest = [p for p in problems if p not in missing]
    return [
        *rest,
        Problem(
            fm.path,
            fm.line_of("status"),
            0,
            "not signed off yet: a clinical reviewer sets reviewed_by, last_reviewed and "
            "next_review when they sign the page off",
            "when the text has no findings, ask a reviewer to sign it off",
            "warning",
            "sign-off",
        ),
    ]


@contextlib.contextmanager
def _recording(state: BuildState) -> Iterator[Planned | None]:
    if state.images is None:
        yield None
        return
    with state.images.recording() as planned:
        yield planned


@dataclass
class PageRecord:
    """Everything reading one page produced: what Pelican gets, and what the build keeps.

    A pure function of the page's bytes and the build's inputs, so it can be computed in a
    worker process and kept in the build cache (``reading.py``); :func:`apply` hands it to the
    build. Objects shared by every page (the registry's treatment, the reviewer) are not in it:
    ``apply`` takes them from the build's state.
    """

    content: str
    metadata: dict[str, Any]
    shown: str
    logged: list[Problem]  # for the build's log (and the gate)
    info: PageInfo  # for the banner and the output check
    jobs: dict[str, Any] = field(default_factory=dict)  # image variants, by output name
    images: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)  # files read
    meta_digest: str = ""  # of the metadata alone: what other pages may show of this one

    def __post_init__(self) -> None:
        if not self.meta_digest:
            self.meta_digest = digest(repr(canonical(self.metadata)))


def apply(state: BuildState, record: PageRecord) -> tuple[str, dict[str, Any]]:
    """Record one page's reading in the build: problems, banner, images; Pelican's result."""
    state.problems.extend(record.logged)
    state.pages[record.shown] = record.info
    if state.images is not None:
        for name, job in record.jobs.items():
            state.images.jobs.setdefault(name, job)
    metadata = dict(record.metadata)
    if metadata.get("page_type") == "treatment" and "safety" in metadata:
        treatment = state.treatment_for_key(metadata.get("treatment"))
        if treatment is not None:
            metadata["treatment_entry"] = treatment
    reviewer_key = metadata.get("reviewed_by")
    reviewer = state.team.get(reviewer_key) if isinstance(reviewer_key, str) else None
    if reviewer and metadata.get("page_type") != "unusable":
        metadata["reviewer"] = reviewer
    return record.content, metadata


class ClinicReader(BaseReader):
    """Reads ``.md`` pages; replaces Pelican's own Markdown reader."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._md = make_markdown()

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        state = current()
        shown = state.display_path(source_path)
        try:
            text = read_source(Path(source_path), shown, root=state.root, max_bytes=MAX_BYTES)
        except SourceError as exc:
            rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
            return apply(state, self._unusable(rel, shown, exc.problem))
        record = state.reading.record(source_path, text, self.analyse)
        return apply(state, record)

    def analyse(self, source_path: str, text: str) -> PageRecord:
        """Read one page's text: check, enrich, plan its images, lint. Changes no state."""
        state = current()
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        shown = state.display_path(source_path)
        try:
            fm = parse_front_matter(text, shown)
        except FrontMatterError as exc:
            problem = Problem(shown, exc.line, exc.column, exc.message, exc.hint, code="yaml")
            return self._unusable(rel, shown, problem)

        kind = page_type(rel)
        self._md.reset()
        rendered = self._md.convert(evidence_footnotes(fm.body, state.evidence))
        check = check_page(
            fm,
            kind,
            state.site,
            today=state.today,
            rendered=rendered,
            grace_days=state.grace_days,
            strict=state.strict,
        )
        problems = check.problems
        if not state.strict and check.draft:
            problems = awaiting_sign_off(fm, problems)
        if kind == "treatment" and check.renderable:
            problems += self._safety(fm)
            if "_safety" not in fm.data:
                check.renderable = False  # no registry entry to take the safety items from
        with _recording(state) as planned_images:
            planned = PageImages(state, fm, kind, Path(source_path).resolve().parent)
        problems += planned.problems
        found, keys = state.lint(text, shown, fm)
        problems += found
        if not check.renderable:
            # Nothing downstream may read a value the schema refused: the page is left out.
            record = self._unusable(rel, shown, None, problems, draft=check.draft)
        else:
            for name in check.unusable_fields:
                _drop(fm.data, name)
            metadata = self._metadata(fm, kind)
            metadata.update(planned.metadata())
            metadata["source_display_path"] = shown
            record = PageRecord(
                rewrite_html(rendered, planned.body),
                metadata,
                shown,
                problems,
                PageInfo(problems, set(keys), check.draft),
            )
        record.logged = problems
        if planned_images is not None:
            record.jobs = dict(planned_images.jobs)
            record.images = [(str(p), file_stamp(p)) for p in sorted(planned_images.files)]
        return record

    def _safety(self, fm: FrontMatter) -> list[Problem]:
        """The registry's safety items merged with the page's. (A sentence that denies them, "no
        side effects", is a claims finding: the rules with ``contradicts:`` say so.)"""
        state = current()
        treatment = state.treatment_for(fm)
        if treatment is None:
            return [
                Problem(
                    fm.path,
                    fm.line_of("treatment"),
                    0,
                    "this treatment page cannot be built without its safety information",
                    "fix content/data/treatments.yaml first (its problems are listed above)",
                    code="schema",
                )
            ]
        safety, problems = merge(fm, treatment)
        fm.data["_safety"] = safety
        return problems

    def _unusable(
        self,
        rel: str,
        shown: str,
        problem: Problem | None,
        problems: list[Problem] | None = None,
        draft: bool = False,
    ) -> PageRecord:
        """A page that cannot be built. Production skips it (the gate fails the build anyway,
        unless it is a draft); development renders a stand-in at the page's address that shows
        the problems, so the live preview says what is wrong instead of an old page or a 404."""
        problems = list(problems or [])
        logged: list[Problem] = []
        if problem is not None:
            logged.append(problem)
            problems.insert(0, problem)
        stem = os.path.splitext(os.path.basename(rel))[0]
        title = f"{os.path.basename(rel)} cannot be shown"
        info = PageInfo(problems, draft=draft)
        if current().strict or not self.settings.get("CLINIC_SHOW_FINDINGS"):
            return PageRecord("", {"title": title, "status": "skip"}, shown, logged, info)
        prefix = "treatments/" if page_type(rel) == "treatment" else ""
        meta = {
            "title": title,
            "summary": "This page has problems that stop it being built.",
            "slug": stem,
            "url": f"{prefix}{stem}/",
            "save_as": f"{prefix}{stem}/index.html",
            "template": "page",
            "page_type": "unusable",
            "source_display_path": shown,
        }
        content = "<p>Fix the problems listed above, save the file, and this page will appear.</p>"
        return PageRecord(content, meta, shown, logged, info)

    def _metadata(self, fm: FrontMatter, kind: str) -> dict[str, Any]:
        state = current()
        data = fm.data
        meta: dict[str, Any] = {
            key: value
            for key, value in data.items()
            if not key.startswith("_") and isinstance(key, str)
        }
        for key in ("status", "slug"):
            if isinstance(meta.get(key), str):
                meta[key] = self.process_metadata(key, meta[key])
        if not meta.get("description") and isinstance(data.get("summary"), str):
            meta["description"] = data["summary"]
        meta["page_type"] = kind
        # Where the fields that decide the page's address are, for "two pages, one address".
        meta["source_lines"] = {
            key: fm.key_line(key) for key in ("slug", "save_as", "url", "title") if key in data
        }
        if kind == "treatment":
            meta["template"] = "treatment"
            slug = meta.get("slug") or os.path.splitext(os.path.basename(fm.path))[0]
            meta["slug"] = slug
            if meta.get("status", "published") == "published":  # drafts: DRAFT_PAGE_SAVE_AS
                meta["url"] = f"treatments/{slug}/"
                meta["save_as"] = f"treatments/{slug}/index.html"
            if state.treatment_for(fm) is not None:  # apply() adds the registry's entry
                meta["safety"] = data.get("_safety")
        return meta


class NotMarkdownReader(BaseReader):
    """Pages in any other format (HTML, reStructuredText) are refused, not read: they would
    skip the schema, the HTML policy and the claims check."""

    enabled = True
    file_extensions: list[str] = []

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        state = current()
        shown = state.display_path(source_path)
        ext = os.path.splitext(source_path)[1] or "this kind of"
        state.problems.add(
            Problem(
                shown,
                1,
                0,
                f"pages must be Markdown (.md); {ext} files are not read",
                "write the page in Markdown, or move the file out of content/pages and "
                "content/treatments",
                code="schema",
            )
        )
        return "", {"title": os.path.basename(source_path), "status": "skip"}


class PageImages:
    """Every image of one page — body, hero, before-and-after pairs — checked and planned."""

    def __init__(self, state: BuildState, fm: FrontMatter, kind: str, page_dir: Path) -> None:
        self.problems: list[Problem] = []
        self.body: dict[str, list[tuple[Picture, str]]] = {}
        self.hero: Picture | None = None
        self.card: Picture | None = None
        self.pairs: list[ResultPair] = []
        planner = state.images
        if planner is None:
            return
        linter = state.linter

        def lint_words(words: str) -> list[Any]:
            return linter.lint_text(words, fm.path) if linter and words else []

        for image in find_images(fm.body, fm.body_line):
            use = ImageUse(fm.path, image.line, image.column, image.src, image.alt, image.caption)
            picture = self._plan(use, planner, page_dir, "content", lint_words)
            if picture is not None:
                self.body.setdefault(image.src, []).append((picture, image.caption))
        hero = fm.data.get("hero")
        if isinstance(hero, dict) and isinstance(hero.get("src"), str):
            line = fm.line_of("hero", "src")
            use = ImageUse(fm.path, line, 0, hero["src"], hero.get("alt"))
            role = "hero-treatment" if kind == "treatment" else "hero"
            self.hero = self._plan(use, planner, page_dir, role, lint_words)
            if self.hero is not None:
                self.card = planner.picture(
                    planner.resolve(hero["src"], page_dir), self.hero.alt, "card"
                )
        self.pairs, problems = check_photos(
            fm, kind, state.registry, state.team, planner, page_dir, lint_words
        )
        self.problems += problems

    def _plan(
        self, use: ImageUse, planner: Any, page_dir: Path, role: str, lint_words: Any
    ) -> Picture | None:
        self.problems += check_use(use, lint_words)
        try:
            return planner.picture(planner.resolve(use.src, page_dir), use.alt or "", role)
        except ImageProblem as exc:
            self.problems.append(
                Problem(use.path, use.line, use.column, exc.message, exc.hint, code="image")
            )
            return None

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"result_pairs": self.pairs}
        if self.hero is not None:
            meta["hero_picture"] = self.hero
            meta["card_picture"] = self.card
        return meta
