"""After writing: prove the written HTML carries, visibly, what the data says it must.

Templates can drop a block or add text of their own, and a page's text can leave an element
open around what follows it. So we parse what was written the way a browser does (lexbor, an
HTML5 parser, through selectolax) and check, for every treatment page:

* each safety section (``id="contraindications"``, ``"side-effects"``, ``"aftercare"``)
  exists once and shows every registry item;
* no section sits inside anything that hides it (``hidden``, ``inert``, ``aria-hidden``, an
  inline ``display: none``, a closed ``<details>`` or ``<dialog>``, ``<template>``,
  ``<noscript>``), and each sits directly in the theme's ``data-safety-container`` element
  (so nothing the page's text opened can wrap it);
* the JSON-LD parses and has ``contraindication`` and ``adverseOutcome``.

Every page is also checked against the output policy (no refresh redirects, ``<base>``,
embedded frames, scripts other than JSON-LD and files, event handlers, ``javascript:``
addresses, forms sending data to another site), and its visible text is linted again, which
catches claims in templates and the theme.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .cache import digest
from .claims import lint_source
from .images import RASTER_SUFFIXES, metadata_in
from .page_images import name_says_before_after, says_before_after
from .pool import MIN_TASKS
from .problems import Problem
from .state import BuildState, current

CACHE_KIND = "verify"

_BANNER = re.compile(r'<aside[^>]*\bid="build-findings".*?</aside>', re.DOTALL)
_HIDDEN_STYLE = re.compile(
    r"(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|content-visibility\s*:\s*hidden"
    r"|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$))",
    re.IGNORECASE,
)
_HIDING_ELEMENTS = {"template", "noscript", "head", "script", "style", "textarea", "title"}
_DATA_SCRIPTS = {"application/ld+json", "application/json", "importmap"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Spaces and control characters a browser ignores in a URL (compiled once: every link).
_CONTROLS = re.compile(r"[\x00-\x20]+")
CONTAINER = "data-safety-container"


def _without_banner(html: str) -> str:
    """The development banner quotes findings and rules; blank it out (keeping every line and
    column where it was) so that the output lint does not report the quotes as claims."""
    return _BANNER.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _why_hidden(node: LexborNode) -> str | None:
    """What, at ``node`` or around it, keeps it from being seen (None: nothing does)."""
    child: LexborNode | None = None
    current: LexborNode | None = node
    while current is not None and current.tag not in ("html", "-document"):
        attrs = current.attributes
        tag = current.tag
        if "hidden" in attrs or "inert" in attrs:
            return f"<{tag}> with the {'hidden' if 'hidden' in attrs else 'inert'} attribute"
        if (attrs.get("aria-hidden") or "").strip().lower() == "true":
            return f'<{tag} aria-hidden="true">'
        if _HIDDEN_STYLE.search(attrs.get("style") or ""):
            return f'<{tag} style="{attrs.get("style")}">'
        if tag in _HIDING_ELEMENTS:
            return f"<{tag}>"
        if tag in ("details", "dialog") and "open" not in attrs:
            in_summary = child is not None and child.tag == "summary"
            if tag == "dialog" or not in_summary:
                return f"a closed <{tag}>"
        child, current = current, current.parent
    return None


def _section_problems(
    tree: LexborHTMLParser, section_id: str, items: list[str], shown: str
) -> list[Problem]:
    def problem(message: str, hint: str) -> Problem:
        return Problem(shown, 0, 0, message, hint, code="verify")

    found = tree.css(f'[id="{section_id}"]')
    if not found:
        return [
            problem(
                f'the page has no element id="{section_id}"',
                "the treatment template must render this section",
            )
        ]
    problems = []
    if len(found) > 1:
        problems.append(
            problem(
                f'the page has {len(found)} elements with id="{section_id}"',
                "only the theme's safety section may use this id",
            )
        )
    section = found[0]
    hidden = _why_hidden(section)
    if hidden:
        problems.append(
            problem(
                f'section id="{section_id}" is inside {hidden}: visitors would not see it',
                "nothing may hide the safety information; check the template and the page's HTML",
            )
        )
    container = tree.css_first(f"[{CONTAINER}]")
    parent = section.parent
    if container is not None and (parent is None or CONTAINER not in parent.attributes):
        where = f"<{parent.tag}>" if parent is not None else "nothing"
        problems.append(
            problem(
                f'section id="{section_id}" ended up inside {where} instead of the page layout',
                "an element the page's text opened is not closed; close every element it opens",
            )
        )
    text = _norm(section.text(separator=" "))
    for item in items:
        if _norm(item) not in text:
            problems.append(
                problem(
                    f'section id="{section_id}" does not show “{item}”',
                    "the template must render every item it is given",
                )
            )
    return problems


def _jsonld_problems(tree: LexborHTMLParser, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    found: set[str] = set()
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "")
        except json.JSONDecodeError as exc:
            problems.append(Problem(shown, 0, 0, f"invalid JSON-LD: {exc}", code="verify"))
            continue
        about = data.get("about", {}) if isinstance(data, dict) else {}
        if isinstance(about, dict):
            found |= {k for k in ("contraindication", "adverseOutcome") if about.get(k)}
    for key in ("contraindication", "adverseOutcome"):
        if key not in found:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    f"the JSON-LD has no '{key}'",
                    "the template must include page.jsonld",
                    code="verify",
                )
            )
    return problems


def required_texts(safety: Any) -> dict[str, list[str]]:
    """Section id -> the text of every item it must show (``Safety.required()``, as text)."""
    return {section: [item.text for item in items] for section, items in safety.required().items()}


def check_treatment_html(html: str | LexborHTMLParser, shown: str, safety: Any) -> list[Problem]:
    """Problems with one written treatment page (empty when it carries everything, visibly).

    ``safety`` is the page's ``Safety``, or its :func:`required_texts`."""
    tree = LexborHTMLParser(html) if isinstance(html, str) else html
    required = safety if isinstance(safety, dict) else required_texts(safety)
    problems: list[Problem] = []
    for section_id, items in required.items():
        problems += _section_problems(tree, section_id, items, shown)
    return problems + _jsonld_problems(tree, shown)


def _same_site(url: str, siteurl: str) -> bool:
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return True
    site = urlsplit(siteurl)
    return bool(site.netloc) and parts.netloc == site.netloc


def policy_problems(html: str | LexborHTMLParser, shown: str, siteurl: str = "") -> list[Problem]:
    """What no page of the site may contain, whoever put it there (theme, page or file)."""
    tree = LexborHTMLParser(html) if isinstance(html, str) else html
    found: list[str] = []
    for node in tree.root.traverse(include_text=False) if tree.root else []:
        tag, attrs = node.tag, node.attributes
        if tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "refresh":
            found.append('a <meta http-equiv="refresh"> sends visitors to another address')
        elif tag == "base":
            found.append("a <base> element changes where every link goes")
        elif tag in ("iframe", "frame", "object", "embed"):
            found.append(f"<{tag}> embeds content that is not checked")
        elif tag == "script" and not attrs.get("src"):
            kind = (attrs.get("type") or "").strip().lower()
            if kind not in _DATA_SCRIPTS:
                found.append("an inline <script>")
        elif tag == "form" and not _same_site(attrs.get("action") or "", siteurl):
            found.append(f"a <form> sends what visitors type to {attrs.get('action')}")
        for name, value in attrs.items():
            if name.lower().startswith("on"):
                found.append(f"the event handler {name}=… on <{tag}>")
            elif name in ("href", "src", "action", "formaction") and _CONTROLS.sub(
                "", value or ""
            ).lower().startswith(_BAD_SCHEMES):
                found.append(
                    f"a {(value or '').split(':')[0].strip()}: address in {name}= on <{tag}>"
                )
    return [
        Problem(shown, 0, 0, f"{what}: not allowed on the site", "remove it", code="verify")
        for what in dict.fromkeys(found)
    ]


def _local_file(out: Path, url: str, siteurl: str) -> Path | None:
    path = url.split("#", 1)[0].split("?", 1)[0]
    if siteurl and path.startswith(siteurl + "/"):
        path = path[len(siteurl) :]
    if not path.startswith("/") or path.startswith("//"):
        return None
    return out / path.lstrip("/")


def _srcset_urls(value: str | None) -> list[str]:
    return [c.split()[0] for c in (value or "").split(",") if c.strip()]


def _ancestor(node: LexborNode, tag: str, css_class: str = "") -> LexborNode | None:
    current = node.parent
    while current is not None:
        if current.tag == tag and (
            not css_class or css_class in (current.attributes.get("class") or "").split()
        ):
            return current
        current = current.parent
    return None


def _attr(node: LexborNode, name: str) -> str | None:
    """An attribute's value as written ("" for ``<img alt>``), or None when it is absent."""
    attrs = node.attributes
    return (attrs[name] or "") if name in attrs else None


def image_findings(html: str | LexborHTMLParser, shown: str, siteurl: str) -> list[Problem | str]:
    """Every ``<img>`` a visitor gets: alt text, a size, a file on this site, and no
    before-and-after photo outside a ``figure.pair`` (see templates/partials/result_pairs.html).
    This catches images that templates or raw HTML add, which the source checks cannot see.

    Pure (it reads no file), so it can run in a worker and be cached: each image file the page
    needs is returned as its URL, in its place among the problems; :func:`check_images_html`
    turns those whose file was not written into problems."""
    tree = LexborHTMLParser(html) if isinstance(html, str) else html
    found: list[Problem | str] = []

    def add(message: str, hint: str, code: str = "verify") -> None:
        found.append(Problem(shown, 0, 0, message, hint, code=code))

    for img in tree.css("img"):
        src = _attr(img, "src") or ""
        alt = _attr(img, "alt")
        in_main = _ancestor(img, "main") is not None
        if alt is None or (in_main and not alt.strip()):
            add(f"the image {src} has no alt text", "the template or page must describe it")
        if not (_attr(img, "width") and _attr(img, "height")):
            add(
                f"the image {src} has no width and height",
                "set both, so the page does not move while it loads",
            )
        candidates = [src, *_srcset_urls(_attr(img, "srcset"))]
        picture = _ancestor(img, "picture")
        for source in picture.css("source") if picture is not None else []:
            candidates += _srcset_urls(_attr(source, "srcset"))
        for url in dict.fromkeys(c for c in candidates if c):
            if _local_file(Path("/"), url, siteurl) is None:
                add(f"the image {url} is not on this site", "images are published from content/")
            else:
                found.append(url)
        if _ancestor(img, "figure", "pair") is None:
            figure = _ancestor(img, "figure")
            caption = figure.css_first("figcaption") if figure is not None else None
            said = (
                name_says_before_after(src.rsplit("/", 1)[-1].split(".", 1)[0])
                or says_before_after(alt or "")
                or says_before_after(caption.text(separator=" ") if caption else "")
            )
            if said:
                add(
                    f"[testimonial-before-after] a before-and-after image outside a 'photos' "
                    f"block ({src}: “{said}”)",
                    "publish result photos only from a treatment page's 'photos' front matter",
                    "testimonial-before-after",
                )
    return found


def missing_files(
    found: list[Problem | str],
    shown: str,
    out: Path,
    siteurl: str,
    exists: Callable[[Path], bool] = Path.is_file,
) -> list[Problem]:
    """:func:`image_findings` with each image file that was not written as a problem."""
    problems: list[Problem] = []
    for item in found:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        local = _local_file(out, item, siteurl)
        if local is not None and not exists(local):
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    f"the image file {item} was not written",
                    "the image pipeline must publish it",
                    code="verify",
                )
            )
    return problems


def check_images_html(html: str, shown: str, out: Path, siteurl: str) -> list[Problem]:
    """:func:`image_findings`, with the image files looked for in ``out``."""
    return missing_files(image_findings(html, shown, siteurl), shown, out, siteurl)


def check_published_images(
    state: BuildState, out: Path, shown: Any = None, staging: Any = None
) -> list[Problem]:
    """No published image file may carry metadata: EXIF (with GPS), XMP, ICC, text.
    With the run's ``staging``, the image files it kept in the output folder are read too."""
    shown = shown or state.display_path
    problems = []
    paths = staging.files("") if staging is not None else sorted(out.rglob("*"))
    for path in paths:
        readable = staging.source(path) if staging is not None else path
        if path.suffix.lower() not in RASTER_SUFFIXES or not readable.is_file():
            continue
        found = metadata_in(readable.read_bytes())
        if found:
            problems.append(
                Problem(
                    shown(path),
                    0,
                    0,
                    f"a published image carries {', '.join(found)}",
                    "publish images only through the page's Markdown or front matter (the "
                    "pipeline strips metadata), never by copying them into the output",
                    code="verify",
                )
            )
    return problems


@dataclass(frozen=True)
class FileTask:
    """One written HTML file to check, with what it is checked against (picklable)."""

    path: str  # where it was written (the staging folder)
    name: str  # as problems name it (under the real output folder)
    siteurl: str
    source: str = ""  # the page it came from, if any
    safety: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # a treatment page's sections
    known: frozenset[tuple[str, str]] = frozenset()  # claims already reported at the source
    full: bool = True  # False: the safety sections alone (after minifying)

    def fingerprint(self) -> str:
        """Everything but the path (a new staging folder each run): plain tuples of strings,
        whose repr is the same in every process."""
        known = sorted(self.known)
        return repr((self.name, self.siteurl, self.source, self.safety, known, self.full))


@dataclass
class FileCheck:
    """What one file's check found; image URLs (str) are looked for once it is back."""

    treatment: list[Problem] = field(default_factory=list)
    policy: list[Problem] = field(default_factory=list)
    images: list[Problem | str] = field(default_factory=list)
    claims: list[Problem] = field(default_factory=list)
    cached: bool = False


def _key(state: BuildState, task: FileTask, data: bytes) -> str:
    return digest(state.cache_key("verify"), hashlib.sha256(data).digest(), task.fingerprint())


def _cached(state: BuildState, task: FileTask) -> FileCheck | None:
    """The check of ``task``'s file from the build cache, if it has it (counted)."""
    if not state.cache.enabled:
        return None
    found = state.cache.get(CACHE_KIND, _key(state, task, Path(task.path).read_bytes()))
    if found is not None:
        found.cached = True
    return found


def check_file(task: FileTask) -> FileCheck:
    """Check one written file: one HTML5 parse for every check, then the claims lint. Results
    are kept in the build cache by the file's bytes and the task (a worker may run this)."""
    state = current()
    data = Path(task.path).read_bytes()
    key = _key(state, task, data)
    found = state.cache.get(CACHE_KIND, key) if state.cache.enabled else None
    if found is not None:
        found.cached = True
        return found
    html = data.decode("utf-8")
    tree = LexborHTMLParser(html)
    result = FileCheck()
    if task.safety is not None:
        required = {section: list(items) for section, items in task.safety}
        result.treatment = check_treatment_html(tree, task.name, required)
    if task.full:
        for problem in policy_problems(tree, task.name, task.siteurl):
            hint = f"it came from {task.source}" if task.source else problem.hint
            result.policy.append(Problem(task.name, 0, 0, problem.message, hint, code="verify"))
        plain = _without_banner(html)
        plain_tree = tree if plain == html else LexborHTMLParser(plain)
        result.images = image_findings(plain_tree, task.name, task.siteurl.rstrip("/"))
        if state.linter is not None:
            claims, keys = lint_source(state.linter, plain, task.name, kind="html")
            # A claim already reported in the page's source is not news; one that is only in
            # the output came from a template, the theme, or a data file.
            result.claims = [p for p, k in zip(claims, keys, strict=True) if k not in task.known]
    state.cache.put(CACHE_KIND, key, result)
    return result


def check_files(tasks: list[FileTask]) -> list[FileCheck]:
    """:func:`check_file` for a batch of files (one round trip to a worker)."""
    return [check_file(task) for task in tasks]


def _check_all(state: BuildState, tasks: list[FileTask]) -> list[FileCheck]:
    """Every task's check: from the cache here (no round trip), the rest in the workers."""
    found = [_cached(state, task) for task in tasks]
    todo = [task for task, check in zip(tasks, found, strict=True) if check is None]
    fresh = iter(state.pool.map(check_file, [(task,) for task in todo]))
    return [check if check is not None else next(fresh) for check in found]


def _safety_of(page: Any) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    safety = getattr(page, "safety", None)
    if safety is None or getattr(page, "status", "") != "published":
        return None
    return tuple((k, tuple(v)) for k, v in required_texts(safety).items())


class Verifier:
    """The output check of one run's written files.

    Made once the gate has passed, before Pelican writes: each HTML page Pelican writes is
    looked up in the build cache or handed to the workers at once (:meth:`written`, on
    ``content_written``), so that they check pages while Pelican renders the next ones;
    :meth:`problems` checks the rest and collects. With the run's ``staging`` (stage.py), files
    it kept in the output folder are read there."""

    BATCH = 16  # files per round trip (each costs the build process a thread switch)

    def __init__(
        self,
        state: BuildState,
        out: Path,
        shown_root: Path,
        pages: list[Any],
        staging: Any = None,
    ) -> None:
        self.state = state
        self.out = out.resolve()
        self.shown_root = shown_root
        self.staging = staging
        self.siteurl = state.settings.get("SITEURL", "")
        self.pages: dict[Path, Any] = {}
        self.order: list[Path] = []  # treatment pages, in the order of the pages
        for page in pages:
            if page.save_as:
                # normpath, not resolve(): no file system call per page
                target = Path(os.path.normpath(os.path.join(self.out, page.save_as)))
                self.pages[target] = page
                if _safety_of(page) is not None:
                    self.order.append(target)
        self._batch: list[tuple[Path, FileTask]] = []
        self._futures: list[tuple[list[tuple[Path, FileTask]], Any]] = []
        self._done: dict[Path, FileCheck] = {}  # found in the cache as Pelican wrote them

    def shown(self, target: Path) -> str:
        return self.state.display_path(self.shown_root / target.relative_to(self.out))

    def readable(self, target: Path) -> Path:
        return self.staging.source(target) if self.staging is not None else target

    def _is_file(self, path: Path) -> bool:
        return self.readable(path).is_file()

    def html_files(self) -> list[Path]:
        if self.staging is not None:
            return self.staging.files(".html")
        return sorted(self.out.rglob("*.html"))

    def task(self, target: Path, *, full: bool = True) -> FileTask:
        page = self.pages.get(target)
        source = getattr(page, "source_display_path", "") if page is not None else ""
        info = self.state.pages.get(source) if source else None
        return FileTask(
            str(self.readable(target)),
            self.shown(target),
            self.siteurl,
            source=source,
            safety=_safety_of(page) if page is not None else None,
            known=frozenset(info.claims) if info is not None else frozenset(),
            full=full,
        )

    def written(self, path: str) -> None:
        """Pelican wrote ``path``: look its check up in the cache, or start it in a worker."""
        if not path.endswith(".html"):
            return
        target = Path(os.path.normpath(os.path.abspath(path)))
        if not target.is_relative_to(self.out):
            return
        task = self.task(target)
        found = _cached(self.state, task)
        if found is not None:
            self._done[target] = found
            return
        self._batch.append((target, task))
        if len(self._batch) >= self.BATCH and self.state.pool.parallel:
            self._send()

    def _send(self) -> None:
        batch, self._batch = self._batch, []
        future = self.state.pool.submit(check_files, [task for _, task in batch])
        if future is not None:
            self._futures.append((batch, future))
        else:
            self._batch = batch

    def _results(self, files: list[Path], extra: list[Path]) -> dict[Path, FileCheck]:
        """Every file's check: those found or started while Pelican wrote, then the rest."""
        found = dict(self._done)
        pool = self.state.pool
        if self._batch and pool.parallel and (pool.forked or len(self._batch) >= MIN_TASKS):
            self._send()  # a few, with no worker yet (a live rebuild's edited page): here
        for target, task in self._batch:
            found[target] = check_file(task)
        for batch, future in self._futures:
            tasks = [task for _, task in batch]
            checks = self.state.pool.take(future, check_files, tasks)
            found.update(zip((target for target, _ in batch), checks, strict=True))
        self._futures.clear()
        self._batch.clear()
        self._done.clear()
        rest = [(t, self.task(t)) for t in files if t not in found]
        rest += [(t, self.task(t, full=False)) for t in extra]
        checks = _check_all(self.state, [task for _, task in rest])
        found.update(zip((target for target, _ in rest), checks, strict=True))
        return found

    def problems(self) -> list[Problem]:
        problems: list[Problem] = []
        treatments = []
        for target in self.order:
            if self.readable(target).exists():
                treatments.append(target)
            else:
                problems.append(
                    Problem(
                        self.shown(target), 0, 0, "treatment page was not written", code="verify"
                    )
                )
        files = self.html_files()
        listed = set(files)
        extra = [t for t in treatments if t not in listed]  # written under another suffix
        checks = self._results(files, extra)
        for target in treatments:  # the safety sections first, in the order of the pages
            problems += checks[target].treatment
        siteurl = self.siteurl.rstrip("/")
        for target in files:
            found = checks[target]
            name = self.shown(target)
            problems += found.policy
            problems += missing_files(found.images, name, self.out, siteurl, self._is_file)
            problems += found.claims
        images = check_published_images(self.state, self.out, self.shown, self.staging)
        return problems + images


def verify_output(
    state: BuildState, output_path: str, pages: list[Any], shown_as: str | None = None
) -> list[Problem]:
    """Check what a run wrote to ``output_path``; name files as under ``shown_as`` (the real
    output folder, when ``output_path`` is the run's staging folder)."""
    verifier = state.verifier
    if verifier is None or verifier.out != Path(output_path).resolve():
        out = Path(output_path)
        verifier = Verifier(state, out, Path(shown_as) if shown_as else out, pages)
    return verifier.problems()


def recheck_treatments(
    state: BuildState, output_path: str, pages: list[Any], shown_as: str
) -> list[Problem]:
    """After post-processing (minified HTML): the safety sections are still there, visibly."""
    out = Path(output_path)
    tasks = []
    for page in pages:
        safety = _safety_of(page)
        if safety is None or not page.save_as:
            continue
        target = out / page.save_as
        if target.exists():
            name = state.display_path(Path(shown_as) / page.save_as)
            tasks.append(FileTask(str(target), name, "", safety=safety, full=False))
    return [p for check in _check_all(state, tasks) for p in check.treatment]
