"""Template safety: front matter values are text, never markup, in every place they are shown.

A real development build of a copy of the site in which one treatment page's title, summary
and a facts value carry HTML-injection payloads. The built HTML must show them literally and
must not contain any element they would inject; the JSON-LD must stay one valid script.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, copy_project, run_pelican

pytestmark = pytest.mark.integration

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TITLE = f"Facial mesotherapy {SCRIPT} {IMG}"
SUMMARY = f"Small injections; results vary. {IMG} {SCRIPT}"
RECOVERY = f"Redness for a day {SCRIPT}{IMG}"


def _yaml_single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = copy_project(tmp_path_factory.mktemp("escaping") / "site")
    page = site / "content" / "treatments" / "facial-mesotherapy.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(
        r"^title: .*$", "title: " + _yaml_single_quoted(TITLE), text, count=1, flags=re.MULTILINE
    )
    # The summary may be a folded block (summary: >- and indented lines): replace it whole.
    text = re.sub(
        r"^summary: .*(?:\n[ \t]+.*)*$",
        "summary: " + _yaml_single_quoted(SUMMARY),
        text,
        count=1,
        flags=re.MULTILINE,
    )
    text = re.sub(
        r"^(\s+)recovery: .*$",
        lambda m: f"{m.group(1)}recovery: " + _yaml_single_quoted(RECOVERY),
        text,
        count=1,
        flags=re.MULTILINE,
    )
    assert TITLE.replace("'", "''") in text and "recovery: '" in text
    page.write_text(text, encoding="utf-8")
    build = run_pelican(site, "pelicanconf.py")
    assert build.returncode == 0, build.log
    return build


def _page(build: Build) -> BeautifulSoup:
    path = build.output / "treatments" / "facial-mesotherapy" / "index.html"
    assert path.exists(), sorted(p.name for p in (build.output / "treatments").iterdir())
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _injected(soup: BeautifulSoup) -> list[str]:
    """Elements or attributes the payloads would create if they were not escaped."""
    found = []
    for img in soup.find_all("img"):
        if img.get("src") == "x" or any(a.lower().startswith("on") for a in img.attrs):
            found.append(str(img))
    for tag in soup.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        if handlers:
            found.append(f"<{tag.name} {' '.join(handlers)}>")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue
        if "alert(1)" in (script.string or ""):
            found.append(str(script))
    return found


def test_no_injected_element_on_any_page(hostile_build: Build) -> None:
    for path in hostile_build.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert _injected(soup) == [], path


def test_title_shows_literally_in_title_and_h1(hostile_build: Build) -> None:
    soup = _page(hostile_build)
    assert TITLE in soup.title.get_text()
    h1 = soup.find("h1")
    assert h1 is not None and h1.get_text(" ", strip=True) == TITLE


def test_summary_shows_literally_in_the_meta_description(hostile_build: Build) -> None:
    soup = _page(hostile_build)
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None
    assert SUMMARY in meta["content"]
    og = soup.find("meta", attrs={"property": "og:description"})
    if og is not None:
        assert SUMMARY in og["content"]


def test_facts_value_shows_literally_in_the_facts_box(hostile_build: Build) -> None:
    soup = _page(hostile_build)
    values = [dd.get_text(" ", strip=True) for dd in soup.find_all("dd")]
    assert RECOVERY in values, values


def test_jsonld_stays_one_valid_script_with_the_literal_values(hostile_build: Build) -> None:
    soup = _page(hostile_build)
    blocks = soup.find_all("script", type="application/ld+json")
    assert blocks, "no JSON-LD"
    data = [json.loads(block.string or "") for block in blocks]  # breaks if </script> escaped out
    page = next(d for d in data if isinstance(d, dict) and d.get("@type") == "MedicalWebPage")
    assert page["name"] == TITLE
    assert page["description"] == SUMMARY
    # The raw HTML must not hold the payload's closing tag inside the script element.
    raw = (hostile_build.output / "treatments" / "facial-mesotherapy" / "index.html").read_text(
        encoding="utf-8"
    )
    for match in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
        assert "<script" not in match.group(1).lower()


def test_payload_is_text_on_the_treatments_index(hostile_build: Build) -> None:
    index = hostile_build.output / "treatments" / "index.html"
    if not index.exists():
        pytest.skip("no treatments index in this theme")
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert _injected(soup) == []
    if TITLE not in soup.get_text(" "):
        pytest.skip("the index does not show treatment titles")
