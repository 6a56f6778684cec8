"""The raw HTML policy of page bodies: refused at the line typed, allowed HTML passes."""

from __future__ import annotations

import pytest
from clinic_schema.markdown import make_markdown
from clinic_schema.rawhtml import check_body, needs_rendering


def problems(body: str) -> list[str]:
    rendered = make_markdown().convert(body)
    return [f"{p.line}:{p.column} {p.message}" for p in check_body(body, "p.md", 10, rendered)]


@pytest.mark.parametrize(
    "body",
    [
        "Plain **Markdown** with a [link](/treatments/) and ![a photo](/images/a.jpg).\n",
        '<abbr title="General Medical Council">GMC</abbr> and <span class="note">n</span>\n',
        "<details><summary>More</summary>\n\nText.\n\n</details>\n",
        '<!-- claims-lint: disable PAI001 reason="a name" -->\n',
        "Visit <https://example.com> or write to <info@example.com>.\n",
        "| a | b |\n|---|---|\n| <br> | <sup>1</sup> |\n",
        "A prescription is needed.\n",
    ],
)
def test_allowed(body: str) -> None:
    assert problems(body) == []


@pytest.mark.parametrize(
    "body, where, words",
    [
        ("Intro\n\n<div hidden>\n\n## Who\n", "12:1", "hides it from visitors"),
        ("Intro\n\n<div class=x>\n\n## Who\n", "12:1", "never closed"),
        ('x\n<meta http-equiv="refresh" content="0;url=https://e.example">\n', "11:1", "<meta>"),
        ('<form action="https://e.example"></form>\n', "10:1", "forms are not allowed"),
        ("<script>alert(1)</script>\n", "10:1", "scripts are not allowed"),
        ('<p style="display:none">x</p>\n', "10:1", "style=… on <p>"),
        ('Tap <b onclick="go()">here</b>\n', "10:5", "event handler onclick"),
        ("See [this](javascript:alert(1)).\n", "10:12", "javascript: address"),
        ("See [this](&#106;avascript:alert(1)).\n", "10:0", "javascript: address"),
        ("![x](data:image/png;base64,AAAA)\n", "10:6", "data: address"),
        ('A paragraph\n{: onclick="x()" }\n', "11:4", "event handler onclick"),
        ("## Side effects\n\nNone.\n", "10:4", "belongs to a section"),
        ("text <!-- never closed\n", "10:6", "never closed"),
        ("text <!--> <b>x</b>\n", "10:6", "read differently by browsers"),
        ("text</div>\n", "10:5", "never opened"),
        ("<iframe src=https://e.example></iframe>\n", "10:1", "embedded pages"),
        # words set as code are shown to visitors but never read by the claims check
        ("Use `<script>` in code? Never.\n", "10:5", "backticks (`<script>`) set words as code"),
        ("Intro.\n\n```html\n<script>alert(1)</script>\n```\n", "12:1", "a fenced block (```)"),
        ("Intro.\n\n~~~\nno downtime\n~~~\n", "12:1", "a fenced block (~~~)"),
        ("Intro.\n\n    no downtime at all\n", "12:5", "indented by four spaces"),
        ("Some <kbd>pain-free</kbd> words.\n", "10:6", "<kbd> sets its words as code"),
        ("<pre>no downtime</pre>\n", "10:1", "<pre> sets its words as code"),
        ("It is <code>painless</code>.\n", "10:7", "<code> sets its words as code"),
    ],
)
def test_refused_at_the_line(body: str, where: str, words: str) -> None:
    found = problems(body)
    assert any(p.startswith(where + " ") and words in p for p in found), found


def test_only_pages_that_could_hide_something_need_rendering() -> None:
    assert not needs_rendering("A prescription, a [link](/x/) and `javascript:` in code.\n")
    assert needs_rendering("[x](javascript:go())\n")
    assert needs_rendering("Intro.\n\n    set as code by its indent\n")
    assert not needs_rendering("Intro.\n    a wrapped line of the same paragraph\n")
    assert needs_rendering("Text\n{: .lead }\n")


@pytest.mark.parametrize("body", ["<![^aust-2008]-- x -->\n", "text <![ never closed"])
def test_a_malformed_marked_section_is_refused_not_a_crash(body: str) -> None:
    # Python's HTML parser raises AssertionError on these (found by the fuzz tests)
    problems = check_body(body, "page.md", 7, None)
    assert [p.message for p in problems] == ["<![…]> is not allowed in page text"]
    assert problems[0].line == 7


def test_code_is_reported_once_with_what_to_write_instead() -> None:
    body = "Intro.\n\n```\nno downtime\n```\n\nThen `painless` text.\n"
    rendered = make_markdown().convert(body)
    found = check_body(body, "p.md", 10, rendered)
    assert [(p.line, p.column) for p in found] == [(12, 1), (16, 6)]
    assert all("ordinary text" in p.hint for p in found)
