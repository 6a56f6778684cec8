"""Every page in a real Chromium: accessibility, console, links, privacy, small screens, no JS."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import Request, urlopen

import pytest
from bs4 import BeautifulSoup

from .conftest import Site, parse_links
from .report import write_docs_block

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _short(site: Site, url: str) -> str:
    return urlsplit(url).path or "/"


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


def test_axe_finds_no_violation_and_console_is_clean(site: Site, browser, axe_source: str):
    """WCAG 2.2 AA and best practice on every page; no console error; nothing leaves loopback.

    The pages run under the production Content-Security-Policy, so a CSP violation shows up
    as a console error here. axe runs in a second context that bypasses the CSP (it is
    injected as an inline script).
    """
    problems: list[str] = []
    offsite: list[str] = []

    def guard(route):
        if site.is_local(route.request.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    strict = browser.new_context()
    strict.route("**/*", guard)
    lenient = browser.new_context(bypass_csp=True)
    lenient.route("**/*", guard)
    try:
        for url in site.pages:
            page = strict.new_page()
            messages: list[str] = []
            page.on("console", lambda m, out=messages: m.type == "error" and out.append(m.text))
            page.on("pageerror", lambda e, out=messages: out.append(str(e)))
            response = page.goto(url, wait_until="load")
            if (
                (site.root / "_headers").exists()
                and response is not None
                and "content-security-policy" not in response.headers
            ):
                problems.append(f"{_short(site, url)}: served without the site's CSP")
            # The 404 page is fetched by its own name here (a 200, so that the console stays
            # clean); test_a_missing_page_gets_the_404_page checks the real 404.
            if response is None or response.status != 200:
                problems.append(f"{_short(site, url)}: HTTP {response and response.status}")
            if messages:
                problems.append(f"{_short(site, url)}: console: " + " | ".join(messages))
            page.close()

            page = lenient.new_page()
            page.goto(url, wait_until="load")
            page.add_script_tag(content=axe_source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                AXE_TAGS,
            )
            if result["violations"]:
                problems.append(f"{_short(site, url)}: axe:\n" + _describe(result["violations"]))
            page.close()
    finally:
        strict.close()
        lenient.close()
    assert not offsite, f"requests left 127.0.0.1: {sorted(set(offsite))}"
    assert not problems, "\n".join(problems)


def test_a_missing_page_gets_the_404_page(site: Site, browser):
    page = browser.new_page()
    try:
        response = page.goto(site.url("/no-such-page/"))
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text().strip()
        assert page.locator("meta[name=robots][content*=noindex]").count() == 1
    finally:
        page.close()


def test_every_internal_link_and_asset_resolves(site: Site):
    """Every href and src on every page answers 200, and every #fragment names an element."""
    cache: dict[str, tuple[int, set[str]]] = {}

    def fetch(url: str) -> tuple[int, set[str]]:
        if url not in cache:
            try:
                with urlopen(Request(url)) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
                    ids = parse_links(body.decode("utf-8")).ids if "html" in kind else set()
                    cache[url] = (response.status, ids)
            except HTTPError as exc:
                cache[url] = (exc.code, set())
        return cache[url]

    broken: list[str] = []
    for url in site.pages:
        html = (
            urlopen(url).read().decode("utf-8")
            if not url.endswith("404.html")
            else ((site.root / "404.html").read_text(encoding="utf-8"))
        )
        found = parse_links(html)
        for ref in found.links + found.assets:
            if ref.startswith(("mailto:", "tel:")):
                continue
            target = urljoin(url, ref)
            if not target.startswith(("http://", "https://")) or not site.is_local(target):
                continue
            bare, fragment = urldefrag(target)
            status, ids = fetch(bare)
            if status != 200:
                broken.append(f"{_short(site, url)}: {ref} → HTTP {status}")
            elif fragment and fragment not in ids:
                broken.append(f"{_short(site, url)}: {ref} → no element id={fragment!r}")
    for path in ("/robots.txt", "/sitemap.xml"):
        if fetch(site.url(path))[0] != 200:
            broken.append(f"{path} is missing")
    assert not broken, "\n".join(broken)


def _soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(urlopen(url).read().decode("utf-8"), "html.parser")


def test_findability_tags(site: Site):
    """Unique titles and descriptions, a canonical URL and Open Graph tags on every page."""
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    problems: list[str] = []
    for url in site.pages:
        if url.endswith("/404.html"):
            continue
        soup = _soup(url)
        title = soup.title.get_text(strip=True) if soup.title else ""
        desc_tag = soup.find("meta", attrs={"name": "description"})
        desc = desc_tag.get("content", "") if desc_tag else ""
        canonical = soup.find("link", rel="canonical")
        if not title:
            problems.append(f"{url}: no title")
        elif title in titles:
            problems.append(f"{url}: same title as {titles[title]}")
        titles.setdefault(title, url)
        if len(desc) < 50:
            problems.append(f"{url}: no useful meta description")
        elif desc in descriptions:
            problems.append(f"{url}: same description as {descriptions[desc]}")
        descriptions.setdefault(desc, url)
        if canonical is None or canonical.get("href") != url:
            problems.append(f"{url}: canonical is {canonical and canonical.get('href')}")
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            if not soup.find("meta", property=prop):
                problems.append(f"{url}: no {prop}")
        if not soup.find("nav", attrs={"aria-label": "Breadcrumb"}) and urlsplit(url).path != "/":
            problems.append(f"{url}: no breadcrumbs")
    assert not problems, "\n".join(problems)
    robots = urlopen(site.url("/robots.txt")).read().decode("utf-8")
    assert f"Sitemap: {site.url('/sitemap.xml')}" in robots
    assert "Disallow: /\n" not in robots
    sitemap = urlopen(site.url("/sitemap.xml")).read().decode("utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(listed) == len(set(listed)), "the sitemap lists a page twice"
    pages = {u for u in site.pages if not u.endswith("/404.html")}
    assert set(listed) == pages, f"sitemap and crawl differ: {set(listed) ^ pages}"


def test_clinic_json_ld_on_home_and_contact(site: Site):
    for path in ("/", "/contact/"):
        scripts = _soup(site.url(path)).find_all("script", type="application/ld+json")
        data = [json.loads(s.string or "{}") for s in scripts]
        assert any(d.get("@type") == "BreadcrumbList" for d in data) == (path != "/")
        clinics = [d for d in data if d.get("@type") == "MedicalClinic"]
        assert clinics, f"{path}: no MedicalClinic JSON-LD"
        for key in ("name", "address", "telephone", "openingHoursSpecification"):
            assert clinics[0].get(key), f"{path}: MedicalClinic has no {key}"


def test_no_horizontal_scroll_at_320px(site: Site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    wide: list[str] = []
    try:
        page = context.new_page()
        for url in site.pages:
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                culprits = page.evaluate(
                    "() => [...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > 320.5)"
                    ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
                )
                wide.append(f"{_short(site, url)}: {width}px wide ({culprits})")
    finally:
        context.close()
    assert not wide, "\n".join(wide)


def test_pages_work_without_javascript(site: Site, browser):
    """No page needs JavaScript: with it off, the heading, the menu and the content are there."""
    context = browser.new_context(java_script_enabled=False)
    problems: list[str] = []
    try:
        page = context.new_page()
        for url in site.pages:
            page.goto(url)
            if not page.locator("h1").first.is_visible():
                problems.append(f"{_short(site, url)}: no visible h1")
            if page.locator("nav[aria-label=Main] a").count() < 2:
                problems.append(f"{_short(site, url)}: no main menu")
            if len(page.locator("main").inner_text()) < 200:
                problems.append(f"{_short(site, url)}: main has almost no text")
            scripts = page.locator("script:not([type='application/ld+json'])").count()
            if scripts:
                problems.append(f"{_short(site, url)}: {scripts} executable script(s)")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_treatment_page_weight(site: Site, reports: Path):
    """A treatment page, HTML plus CSS, is under 30 KB compressed (gzip, level 9)."""
    rows = []
    for url in site.pages:
        path = urlsplit(url).path
        if not path.startswith("/treatments/") or path == "/treatments/":
            continue
        html = urlopen(url).read()
        css_refs = [
            urljoin(url, ref)
            for ref in parse_links(html.decode("utf-8")).assets
            if ref.split("?")[0].endswith(".css")
        ]
        css = b"".join(urlopen(ref).read() for ref in css_refs)
        html_gz, css_gz = len(gzip.compress(html, 9)), len(gzip.compress(css, 9))
        rows.append((path, len(html), len(css), html_gz, css_gz))
    assert rows, "no treatment pages found"
    lines = [
        "| page | HTML | CSS | HTML gzip | CSS gzip | total gzip |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for path, h, c, hg, cg in rows:
        lines.append(
            f"| `{path}` | {h / 1024:.1f} KB | {c / 1024:.1f} KB | {hg / 1024:.1f} KB "
            f"| {cg / 1024:.1f} KB | **{(hg + cg) / 1024:.1f} KB** |"
        )
    table = "\n".join(lines)
    (reports / "page-weight.md").write_text(table + "\n", encoding="utf-8")
    write_docs_block("weight", table)
    heavy = [r for r in rows if r[3] + r[4] >= 30 * 1024]
    assert not heavy, f"over 30 KB compressed: {heavy}"


def test_print_stylesheet_hides_navigation(site: Site, browser):
    page = browser.new_page()
    try:
        url = next(u for u in site.pages if "/treatments/" in u and not u.endswith("/treatments/"))
        page.goto(url)
        page.emulate_media(media="print")
        assert not page.locator("nav[aria-label=Main]").is_visible()
        assert page.locator("#aftercare").is_visible()
        page.emulate_media(media="screen", reduced_motion="reduce")
        behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        assert behaviour == "auto"
    finally:
        page.close()


def test_skip_link_is_first_and_focus_is_visible(site: Site, browser):
    page = browser.new_page()
    try:
        page.goto(site.url("/"))
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#main"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")
        assert page.locator(".skip-link").is_visible()
    finally:
        page.close()


def test_treatment_pages_show_their_parts_in_order(site: Site, browser):
    """Facts box first; then who should not have it, side effects, aftercare, evidence, review
    and the consultation invitation, in that order; "Adults 18+" and "Results vary" in
    body-size type, not fine print."""
    order = [
        "at-a-glance",
        "contraindications",
        "side-effects",
        "aftercare",
        "evidence",
        "review",
        "consultation",
    ]
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        for url in site.pages:
            path = urlsplit(url).path
            if not path.startswith("/treatments/") or path == "/treatments/":
                continue
            page.goto(url)
            tops = [
                page.evaluate(
                    "id => { const e = document.getElementById(id);"
                    " return e ? e.getBoundingClientRect().top + scrollY : null }",
                    i,
                )
                for i in order
            ]
            if None in tops:
                problems.append(
                    f"{path}: missing "
                    + ", ".join(i for i, t in zip(order, tops, strict=True) if t is None)
                )
            elif tops != sorted(tops):
                problems.append(f"{path}: sections out of order at 375 px: {tops}")
            for text in ("Adults 18+", "Results vary"):
                item = page.locator(".glance .key-points li", has_text=text)
                if not item.count() or not item.first.is_visible():
                    problems.append(f"{path}: {text!r} not visible in the facts box")
                    continue
                size = item.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                if size < 16:
                    problems.append(f"{path}: {text!r} in {size}px type")
            if page.locator("h1").count() != 1:
                problems.append(f"{path}: not exactly one h1")
    finally:
        page.close()
    assert not problems, "\n".join(problems)


SAFETY_SECTIONS = ("contraindications", "side-effects", "aftercare")
# What a visitor can see of an element: rendered, not transparent, with a size, on the page.
_SEEN = """id => {
  const e = document.getElementById(id);
  if (!e) return 'missing';
  if (!e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return 'not rendered';
  const r = e.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return `size ${r.width}x${r.height}`;
  if (r.left + scrollX < 0 || r.right + scrollX > document.documentElement.scrollWidth + 1)
    return 'off the page';
  const items = [...e.querySelectorAll('li')];
  const hidden = items.filter(li => !li.checkVisibility({checkOpacity: true,
    checkVisibilityCSS: true}) || li.getBoundingClientRect().height < 1);
  if (!items.length) return 'no items';
  if (hidden.length) return `${hidden.length} item(s) not visible`;
  if (!e.innerText.includes(items[0].innerText.trim())) return 'items not in its visible text';
  return '';
}"""


def test_safety_sections_are_visible_on_every_treatment_page(site: Site, browser):
    """Issue 11: the output check found the sections in the tree while a raw <div hidden> hid
    them. Here a real browser says each section and each of its items is rendered, has a size
    and is on the page, at phone and desktop widths."""
    problems: list[str] = []
    checked = 0
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for url in site.pages:
                path = urlsplit(url).path
                if not path.startswith("/treatments/") or path == "/treatments/":
                    continue
                page.goto(url)
                for section in SAFETY_SECTIONS:
                    why = page.evaluate(_SEEN, section)
                    checked += 1
                    if why:
                        problems.append(f"{path} at {width}px: #{section}: {why}")
            # The check can fail: hide a section the way a stray element would.
            page.evaluate("document.getElementById('side-effects').parentElement.hidden = true")
            assert page.evaluate(_SEEN, "side-effects") == "not rendered"
        finally:
            page.close()
    assert checked == 2 * 4 * len(SAFETY_SECTIONS)
    assert not problems, "\n".join(problems)
