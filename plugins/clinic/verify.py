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

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .claims import lint_source
from .images import RASTER_SUFFIXES, metadata_in
from .page_images import name_says_before_after, says_before_after
from .problems import Problem
from .state import BuildState

_BANNER = re.compile(r'<aside[^>]*\bid="build-findings".*?</aside>', re.DOTALL)
_HIDDEN_STYLE = re.compile(
    r"(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|content-visibility\s*:\s*hidden"
    r"|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$))",
    re.IGNORECASE,
)
_HIDING_ELEMENTS = {"template", "noscript", "head", "script", "style", "textarea", "title"}
_DATA_SCRIPTS = {"application/ld+json", "application/json", "importmap"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
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
    tree: LexborHTMLParser, section_id: str, items: list[Any], shown: str
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
        if _norm(item.text) not in text:
            problems.append(
                problem(
                    f'section id="{section_id}" does not show “{item.text}”',
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


def check_treatment_html(html: str, shown: str, safety: Any) -> list[Problem]:
    """Problems with one written treatment page (empty when it carries everything, visibly)."""
    tree = LexborHTMLParser(html)
    problems: list[Problem] = []
    for section_id, items in safety.required().items():
        problems += _section_problems(tree, section_id, items, shown)
    return problems + _jsonld_problems(tree, shown)


def _same_site(url: str, siteurl: str) -> bool:
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return True
    site = urlsplit(siteurl)
    return bool(site.netloc) and parts.netloc == site.netloc


def policy_problems(html: str, shown: str, siteurl: str = "") -> list[Problem]:
    """What no page of the site may contain, whoever put it there (theme, page or file)."""
    tree = LexborHTMLParser(html)
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
            elif name in ("href", "src", "action", "formaction") and re.sub(
                r"[\x00-\x20]+", "", value or ""
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


def check_images_html(html: str, shown: str, out: Path, siteurl: str) -> list[Problem]:
    """Every ``<img>`` a visitor gets: alt text, a size, a file that exists, and no
    before-and-after photo outside a ``figure.pair`` (see templates/partials/result_pairs.html).
    This catches images that templates or raw HTML add, which the source checks cannot see."""
    problems: list[Problem] = []
    soup = BeautifulSoup(html, "lxml")

    def add(message: str, hint: str, code: str = "verify") -> None:
        problems.append(Problem(shown, 0, 0, message, hint, code=code))

    for img in soup.find_all("img"):
        src = img.get("src") or ""
        alt = img.get("alt")
        in_main = img.find_parent("main") is not None
        if alt is None or (in_main and not alt.strip()):
            add(f"the image {src} has no alt text", "the template or page must describe it")
        if not (img.get("width") and img.get("height")):
            add(
                f"the image {src} has no width and height",
                "set both, so the page does not move while it loads",
            )
        candidates = [src, *_srcset_urls(img.get("srcset"))]
        picture = img.find_parent("picture")
        for source in picture.find_all("source") if picture is not None else []:
            candidates += _srcset_urls(source.get("srcset"))
        for url in dict.fromkeys(c for c in candidates if c):
            local = _local_file(out, url, siteurl)
            if local is None:
                add(f"the image {url} is not on this site", "images are published from content/")
            elif not local.is_file():
                add(f"the image file {url} was not written", "the image pipeline must publish it")
        if img.find_parent("figure", class_="pair") is None:
            figure = img.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            said = (
                name_says_before_after(src.rsplit("/", 1)[-1].split(".", 1)[0])
                or says_before_after(alt or "")
                or says_before_after(caption.get_text(" ") if caption else "")
            )
            if said:
                add(
                    f"[testimonial-before-after] a before-and-after image outside a 'photos' "
                    f"block ({src}: “{said}”)",
                    "publish result photos only from a treatment page's 'photos' front matter",
                    "testimonial-before-after",
                )
    return problems


def check_published_images(state: BuildState, out: Path, shown: Any = None) -> list[Problem]:
    """No published image file may carry metadata: EXIF (with GPS), XMP, ICC, text."""
    shown = shown or state.display_path
    problems = []
    for path in sorted(out.rglob("*")):
        if path.suffix.lower() not in RASTER_SUFFIXES or not path.is_file():
            continue
        found = metadata_in(path.read_bytes())
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


def verify_output(
    state: BuildState, output_path: str, pages: list[Any], shown_as: str | None = None
) -> list[Problem]:
    """Check what a run wrote to ``output_path``; name files as under ``shown_as`` (the real
    output folder, when ``output_path`` is the run's staging folder)."""
    problems: list[Problem] = []
    out = Path(output_path)
    shown_root = Path(shown_as) if shown_as else out
    siteurl = state.settings.get("SITEURL", "")

    def shown(target: Path) -> str:
        return state.display_path(shown_root / target.relative_to(out))

    reported: dict[Path, set[tuple[str, str]]] = {}  # claims already reported at their source
    sources: dict[Path, str] = {}
    for page in pages:
        info = state.pages.get(getattr(page, "source_display_path", ""))
        if not page.save_as:
            continue
        target = (out / page.save_as).resolve()
        sources[target] = getattr(page, "source_display_path", "")
        if info is not None:
            reported[target] = info.claims
        safety = getattr(page, "safety", None)
        if safety is None or getattr(page, "status", "") != "published":
            continue
        if not target.exists():
            problems.append(
                Problem(shown(target), 0, 0, "treatment page was not written", code="verify")
            )
            continue
        problems += check_treatment_html(target.read_text(encoding="utf-8"), shown(target), safety)
    for target in sorted(out.rglob("*.html")):
        html = target.read_text(encoding="utf-8")
        name = shown(target)
        source = sources.get(target.resolve())
        for problem in policy_problems(html, name, siteurl):
            hint = f"it came from {source}" if source else problem.hint
            problems.append(Problem(name, 0, 0, problem.message, hint, code="verify"))
        problems += check_images_html(_without_banner(html), name, out, siteurl.rstrip("/"))
        if state.linter is not None:
            found, keys = lint_source(state.linter, _without_banner(html), name, kind="html")
            known = reported.get(target.resolve(), set())
            # A claim already reported in the page's source is not news; one that is only in
            # the output came from a template, the theme, or a data file.
            problems += [p for p, key in zip(found, keys, strict=True) if key not in known]
    return problems + check_published_images(state, out, shown)


def recheck_treatments(
    state: BuildState, output_path: str, pages: list[Any], shown_as: str
) -> list[Problem]:
    """After post-processing (minified HTML): the safety sections are still there, visibly."""
    out = Path(output_path)
    problems: list[Problem] = []
    for page in pages:
        safety = getattr(page, "safety", None)
        if safety is None or getattr(page, "status", "") != "published" or not page.save_as:
            continue
        target = out / page.save_as
        if target.exists():
            name = state.display_path(Path(shown_as) / page.save_as)
            problems += check_treatment_html(target.read_text(encoding="utf-8"), name, safety)
    return problems
