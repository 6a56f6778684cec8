"""Pictures and the brand in a real browser: loading as planned, and a second brand's contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_project

from .conftest import DOCS, Site, serve_build
from .test_pages import AXE_TAGS, _describe

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75}


def test_pictures_load_as_planned(site: Site, browser):
    """At Lighthouse's phone size: the hero is AVIF, eager and sharp; cards below the fold wait
    until they are scrolled to; nothing moves while the page loads."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(
            "window.__shift = 0; new PerformanceObserver(l => l.getEntries().forEach("
            "e => { if (!e.hadRecentInput) window.__shift += e.value })).observe("
            "{type: 'layout-shift', buffered: true});"
        )
        fetched: list[str] = []
        page.on("request", lambda r: r.resource_type == "image" and fetched.append(r.url))
        page.goto(site.url("/"), wait_until="load")
        hero = page.locator(".hero__media img")
        info = hero.evaluate(
            "i => ({src: i.currentSrc, natural: i.naturalWidth, shown: i.clientWidth,"
            " complete: i.complete})"
        )
        assert info["complete"] and info["src"].endswith(".avif"), info
        # naturalWidth is corrected by the srcset density; the file's own width is in its name.
        chosen = int(re.search(r"-(\d+)\.[0-9a-f]{12}\.avif$", info["src"]).group(1))
        assert chosen >= info["shown"] * 1.75, info
        cards = page.locator(".card__media img")
        assert cards.count() == 4
        first_card = cards.first.evaluate("i => i.getBoundingClientRect().top")
        assert first_card > 823, "the cards are meant to start below the fold on a phone"
        # Chromium fetches lazy images within a margin of the viewport; the last card is
        # further down than that, so it waits until the reader scrolls.
        name = re.search(r"([^/]+)-\d+\.[0-9a-f]{12}\.jpg$", cards.last.get_attribute("src"))
        last = name.group(1) if name else ""
        assert last and not [u for u in fetched if f"/{last}-" in u], fetched
        cards.last.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.card__media img')].every(i => i.complete"
            " && i.naturalWidth > 0)"
        )
        assert [u for u in fetched if f"/{last}-" in u]
        assert page.evaluate("window.__shift") == 0
        page.goto(site.url("/treatments/derma-roller/"), wait_until="load")
        assert page.evaluate("window.__shift") == 0
    finally:
        context.close()


ANOTHER_BRAND = """
brand:
  colours:
    primary: "#6b2d5c"
    accent: "#8a5a00"
    background: "#fbf8f3"
  heading_font: figtree
"""


def test_another_brand_passes_axe_contrast(browser, axe_source: str, tmp_path: Path):
    """The contrast check covers what the style sheet does: a different brand that the build
    accepts must also pass axe's color-contrast rule in the browser."""
    project = copy_project(tmp_path / "site")
    clinic = project / "content" / "data" / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text[: text.index("\nbrand:")] + ANOTHER_BRAND, encoding="utf-8")
    with serve_build(project, tmp_path / "out") as built:
        context = browser.new_context(bypass_csp=True)
        try:
            problems = []
            for path in ("/", "/treatments/derma-roller/", "/contact/"):
                page = context.new_page()
                page.goto(built.url(path), wait_until="load")
                if path == "/":  # the brand reached the page
                    colour = page.evaluate(
                        "getComputedStyle(document.querySelector('.hero .button')).backgroundColor"
                    )
                    assert colour == "rgb(107, 45, 92)", colour
                page.add_script_tag(content=axe_source)
                result = page.evaluate(
                    "() => axe.run(document, {runOnly: {type: 'rule', values:"
                    " ['color-contrast']}, resultTypes: ['violations']})"
                )
                if result["violations"]:
                    problems.append(f"{path}:\n" + _describe(result["violations"]))
                page.close()
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_a_before_and_after_pair_is_accessible_and_pictured(browser, axe_source: str, tmp_path):
    """The photos fixture (synthetic pictures) in a real build: axe finds nothing on its page,
    and the section is pictured for the marketing guide (docs/screenshots/before-after-1280.png)."""
    from tests.integration.test_images_build import add_pair_fixture

    project = copy_project(tmp_path / "site")
    add_pair_fixture(project, "facial-results.md")
    with serve_build(project, tmp_path / "out") as built:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, device_scale_factor=1, bypass_csp=True
        )
        try:
            page = context.new_page()
            page.goto(built.url("/treatments/facial-results/"), wait_until="load")
            section = page.locator("#results-photos")
            section.scroll_into_view_if_needed()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.pair img')].every(i => i.complete"
                " && i.naturalWidth > 0)"
            )
            page.evaluate("document.fonts.ready.then(() => true)")
            assert "Results vary." in section.inner_text()
            section.screenshot(path=str(DOCS / "screenshots" / "before-after-1280.png"))
            page.add_script_tag(content=axe_source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                AXE_TAGS,
            )
            assert not result["violations"], _describe(result["violations"])
        finally:
            context.close()
