"""After writing: prove the written HTML carries what the data says it must.

Templates can drop a block or add text of their own. So we parse what was written: every
treatment page must show each registry item in its section and carry JSON-LD with
``contraindication`` and ``adverseOutcome``; and the visible text of every page is linted
again, which catches claims in templates and the theme.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .claims import lint_source
from .images import RASTER_SUFFIXES, metadata_in
from .page_images import name_says_before_after, says_before_after
from .problems import Problem
from .state import BuildState

_BANNER = re.compile(r'<aside[^>]*\bid="build-findings".*?</aside>', re.DOTALL)


def _without_banner(html: str) -> str:
    """The development banner quotes findings and rules; blank it out (keeping every line and
    column where it was) so that the output lint does not report the quotes as claims."""
    return _BANNER.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def check_treatment_html(html: str, shown: str, safety: Any) -> list[Problem]:
    """Problems with one written treatment page (empty when it carries everything)."""
    problems: list[Problem] = []
    required = safety.required()
    soup = BeautifulSoup(html, "lxml")  # several times faster than html.parser
    for section_id, items in required.items():
        section = soup.find(id=section_id)
        if section is None:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    f'the page has no element id="{section_id}"',
                    "the treatment template must render this section",
                    code="verify",
                )
            )
            continue
        text = _norm(section.get_text(" "))
        for item in items:
            if _norm(item.text) not in text:
                problems.append(
                    Problem(
                        shown,
                        0,
                        0,
                        f'section id="{section_id}" does not show “{item.text}”',
                        "the template must render every item it is given",
                        code="verify",
                    )
                )
    found = set()
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
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


def check_published_images(state: BuildState, out: Path) -> list[Problem]:
    """No published image file may carry metadata: EXIF (with GPS), XMP, ICC, text."""
    problems = []
    for path in sorted(out.rglob("*")):
        if path.suffix.lower() not in RASTER_SUFFIXES or not path.is_file():
            continue
        found = metadata_in(path.read_bytes())
        if found:
            problems.append(
                Problem(
                    state.display_path(path),
                    0,
                    0,
                    f"a published image carries {', '.join(found)}",
                    "publish images only through the page's Markdown or front matter (the "
                    "pipeline strips metadata), never by copying them into the output",
                    code="verify",
                )
            )
    return problems


def verify_output(state: BuildState, output_path: str, pages: list[Any]) -> list[Problem]:
    problems: list[Problem] = []
    out = Path(output_path)
    siteurl = str(state.settings.get("SITEURL") or "").rstrip("/")
    reported: dict[Path, set[tuple[str, str]]] = {}  # claims already reported at their source
    for page in pages:
        info = state.pages.get(getattr(page, "source_display_path", ""))
        if info is not None:
            reported[(out / page.save_as).resolve()] = info.claims
        safety = getattr(page, "safety", None)
        if safety is None or getattr(page, "status", "") != "published":
            continue
        target = out / page.save_as
        shown = state.display_path(target)
        if not target.exists():
            problems.append(Problem(shown, 0, 0, "treatment page was not written", code="verify"))
            continue
        problems += check_treatment_html(target.read_text(encoding="utf-8"), shown, safety)
    for target in sorted(out.rglob("*.html")):
        html = _without_banner(target.read_text(encoding="utf-8"))
        problems += check_images_html(html, state.display_path(target), out, siteurl)
    problems += check_published_images(state, out)
    if state.linter is not None:
        for target in sorted(out.rglob("*.html")):
            html = _without_banner(target.read_text(encoding="utf-8"))
            found, keys = lint_source(state.linter, html, state.display_path(target), kind="html")
            known = reported.get(target.resolve(), set())
            # A claim already reported in the page's source is not news; one that is only in
            # the output came from a template, the theme, or a data file.
            problems += [p for p, key in zip(found, keys, strict=True) if key not in known]
    return problems
