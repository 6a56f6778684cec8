"""What a visitor's browser builds from the production output is what the build checked.

The production build minifies HTML and re-serialises JSON-LD; a mistake there (escaping only
``</`` in JSON-LD) once made an HTML5 parser put a whole page's body inside a script. So every
production page is parsed by html5lib (the WHATWG algorithm, as browsers) and by lxml, and the
two trees must be the same, element for element and text for text; lexbor (which the build's
output check uses) must find the same elements; and every page's body text and safety
sections must survive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib
import lxml.html
import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import Build

pytestmark = pytest.mark.integration

SECTIONS = ("contraindications", "side-effects", "aftercare")


def _name(tag: str) -> str:
    return tag.split("}")[-1]  # html5lib names SVG elements with their namespace; lxml does not


def _walk(element: Any, out: list[tuple[Any, ...]]) -> None:
    if not isinstance(element.tag, str):
        return  # a comment or a processing instruction
    attrs = tuple(sorted((_name(k).lower(), v) for k, v in element.attrib.items()))
    out.append(("<", _name(element.tag), attrs))
    if element.text and element.text.strip():
        out.append(("text", " ".join(element.text.split())))
    for child in element:
        _walk(child, out)
        if child.tail and child.tail.strip():
            out.append(("text", " ".join(child.tail.split())))
    out.append((">", _name(element.tag)))


def html5lib_tree(html: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    _walk(html5lib.parse(html, namespaceHTMLElements=False), out)
    return out


# Elements HTML5 made void after HTML 4. libxml2 (lxml) builds trees by HTML 4's rules, so it
# nests what follows a <source> (inside <picture>) in it; every browser and html5lib close it
# at once. That one difference is libxml2's, not the page's: it is undone here, nothing else.
HTML5_ONLY_VOID = ("source", "track", "wbr", "embed")


def _unnest_void(root: Any) -> None:
    for element in list(root.iter(*HTML5_ONLY_VOID)):
        after = element
        if element.text and element.text.strip():
            raise AssertionError(f"text inside <{element.tag}>: {element.text!r}")
        element.text = None
        for child in list(element):
            after.addnext(child)
            after = child


def lxml_tree(html: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    root = lxml.html.document_fromstring(html)
    _unnest_void(root)
    _walk(root, out)
    return out


def lexbor_elements(html: str) -> list[str]:
    root = LexborHTMLParser(html).root
    return [n.tag for n in root.traverse(include_text=False) if not n.tag.startswith(("-", "_"))]


def pages(build: Build) -> list[Path]:
    found = build.html_files()
    assert len(found) >= 13, found
    return found


def test_production_pages_parse_identically_in_html5lib_and_lxml(production_build: Build) -> None:
    for path in pages(production_build):
        html = path.read_text(encoding="utf-8")
        assert html5lib_tree(html) == lxml_tree(html), path


def test_the_builds_parser_sees_the_elements_html5lib_sees(production_build: Build) -> None:
    for path in pages(production_build):
        html = path.read_text(encoding="utf-8")
        expected = [item[1] for item in html5lib_tree(html) if item[0] == "<"]
        assert lexbor_elements(html) == expected, path


def test_every_pages_body_text_and_sections_survive_minifying(production_build: Build) -> None:
    for path in pages(production_build):
        tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        main = tree.find(".//main")
        assert main is not None, path
        text = " ".join("".join(main.itertext()).split())
        assert len(text) > 100, (path, text)
        for script in tree.iter("script"):
            assert script.get("type") == "application/ld+json", path
            assert "<" not in (script.text or ""), path  # nothing in JSON-LD can open a tag
        if path.parent.parent.name == "treatments":
            ids = {e.get("id") for e in main.iter() if e.get("id")}
            assert set(SECTIONS) <= ids, path
