"""HTML pages tokenised block by block (claims_lint/blocks.py) give exactly what the whole page
gives: the same clean text, offsets, citations and directives, hence the same findings at the
same lines and columns — on pages that share a theme, and on pages built to trip the cuts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from claims_lint import Config, Linter
from claims_lint.blocks import _RAWSKIP, TOKENS, HtmlBlocks, cuts
from claims_lint.text import _HTML_TOKEN, _HTML_TOKEN_X, Unit, clean_html

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(today=TODAY, evidence_path=FIX / "evidence.yaml", cache_dir=None))


def page(body: str, title: str = "Derma roller", footer: str = "Results vary.") -> str:
    """A written page shaped like the theme's: head, JSON-LD over many lines, navigation, the
    page's own text, a registry section, the footer."""
    return f"""<!doctype html>
<html lang="en-gb">
<head>
<meta charset="utf-8">
<title>{title} | Hartwell Skin Clinic</title>
<meta name="description" content="{title}: what it is, who it may suit.">
<link rel="stylesheet" href="/theme/css/site.3f8a1c.css">
<script type="application/ld+json">{{
 "name": "{title}",
 "description": "It is painless, no downtime."
}}</script></head>
<body>
<header class="site-header">
<a class="brand" href="/"><img src="/images/logo.386f83aa.svg" width="48" height="48" alt=""></a>
<nav class="site-nav" aria-label="Main">
<ul>
<li><a href="/treatments/">Treatments</a></li>
<li><a href="/contact/">Contact and booking</a></li>
</ul>
</nav>
</header>
<main id="main">
<h1>{title}</h1>
{body}
<section id="contraindications" class="panel">
<h2>Who should not have this treatment</h2>
<ul>
<li>Pregnancy</li>
<li>A bleeding or clotting disorder</li>
</ul>
</section>
</main>
<footer class="site-footer">
<p>{footer}</p>
<p>In an emergency, call 999.</p>
</footer>
</body>
</html>
"""


BODIES = [
    "<p>A derma roller is a small handheld roller.\nSome people notice a change.</p>",
    "<p>It is completely painless.</p>\n<p>There is zero downtime.</p>",
    "<h2>Is it painful?</h2>\n<p>Not at all.</p>",
    "<p>Is it safe? Yes, completely.</p>",
    "<p>A non-invasive treatment.</p>\n<p>We use fine needles.</p>",
    "<p>Not suitable in pregnancy or</p>\n<p>painless for most people.</p>",
    '<p>Proven to reduce cellulite<sup><a href="#fn:aust-2008">1</a></sup>.</p>\n'
    '<div class="footnote">\n<ol>\n<li id="fn:aust-2008">\n<p>Aust 2008.</p>\n</li>\n</ol>\n</div>',
    '<p>It is proven to work.</p>\n<p data-evidence="aust-2008">See the study.</p>',
    '<p>It is the best.</p>\n<div data-claims-lint="ignore">\n<p>Guaranteed results.</p>\n'
    "<div>\n<p>Miracle cure.</p>\n</div>\n</div>\n<p>Zero downtime.</p>",
    "<!-- a note\n<p>guaranteed</p>\n-->\n<p>It is painless.</p>",
    '<!-- claims-lint: disable pain-absolute reason="quoted" -->\n<p>It is painless.</p>',
    "<!-- unterminated\n<p>It is painless.</p>",
    "<pre>\n<p>guaranteed results</p>\n</pre>\n<p>No needles, no pain.</p>",
    "<script>\nvar a = '<p>painless</p>';\n</script>\n<p>It melts fat.</p>",
    "<script>\nnever closed\n<p>It melts fat.</p>",
    "<textarea>\n<p>It melts fat.</p>\n</textarea>",
    "<![CDATA[\n<p>painless]]>\n<p>Detox your skin.</p>",
    "<p>It is p a i n l e s s and D.E.T.O.X.</p>",
    "<p>1a b c d, then it is perma-\nnent.</p>",
    "<p>B0tox-free and 100% s4fe.</p>",
    "<p>Ünique: the ｐａｉｎｌｅｓｓ way, &amp; no d&#111;wntime.</p>",
    "<p>İstanbul clinic, painless.</p>",
    '<P CLASS=x>Painless.</P>\n<DIV\nclass="y">No downtime.</DIV>',
    '<p>Clinic <a href="/x"\ntitle="Painless and safe">info</a></p>\n<p>More.</p>',
    '<div class="footnote">\n<p>Guaranteed.</p>\n',  # footnotes never closed
    '<p>claſs</p>\n<span claſs="footnote">\n<p>Guaranteed.</p>\n</span>\n<p>ok</p>',
    "<p>a < b and\n<3 hearts</p>\n<p>Painless.</p>",
    "  <p>Indented painless.</p>\n\t<p>No downtime.</p>",
    # a label and its value read together across a line end: never cut between them
    "<dl>\n<dt>Recovery</dt>\n<dd>None</dd>\n</dl>\n<p>More.</p>",
    "<table>\n<tr>\n<th>Downtime</th>\n  <TD>Zero</TD>\n</tr>\n</table>",
]


def same(a: Unit, b: Unit) -> None:
    assert (a.text, a.lower, list(a.fnrefs), list(a.directives)) == (
        b.text,
        b.lower,
        list(b.fnrefs),
        list(b.directives),
    )
    n = len(a.text)
    for i in range(n + 1):
        assert (a.mapping.start(i), a.mapping.end(i)) == (b.mapping.start(i), b.mapping.end(i)), i


def whole(linter: Linter, html: str) -> list:
    """Findings of the page tokenised whole, as before blocks.py."""
    saved = linter.html_blocks
    try:
        linter.html_blocks = _Whole(linter)  # type: ignore[assignment]
        return linter.lint_source(html, "out/page.html", "html").findings
    finally:
        linter.html_blocks = saved


class _Whole:
    def __init__(self, linter: Linter) -> None:
        self.folder = linter.folder

    def clean(self, src: str) -> Unit:
        return clean_html(src, folder=self.folder)


def test_blocks_know_every_token_the_html_tokeniser_reads() -> None:
    """A token kind added to text.py might read past a line end: blocks.py must know it."""
    assert set(_HTML_TOKEN_X.groupindex) == TOKENS
    assert set(_HTML_TOKEN.groupindex) <= TOKENS
    rawskip = _HTML_TOKEN.pattern.split("(?P<rawskip>", 1)[1].split(")\n", 1)[0]
    assert rawskip == _RAWSKIP.pattern


def test_a_theme_page_is_cut_into_many_blocks() -> None:
    html = page(BODIES[0])
    found = cuts(html, html.lower())
    assert len(found) > 20
    assert all(html[p - 1] == "\n" and html[p] == "<" for p in found)
    script = html.index("<script"), html.index("</script>")
    assert not [p for p in found if script[0] < p <= script[1]], "no cut inside the script"


@pytest.mark.parametrize("body", BODIES)
def test_blocks_give_the_same_unit_as_the_whole_page(linter: Linter, body: str) -> None:
    blocks = HtmlBlocks(linter.folder)
    for title in ("Derma roller", "Facial mesotherapy", "Derma roller"):  # seen, kept, reused
        html = page(body, title)
        same(clean_html(html, folder=linter.folder), blocks.clean(html))
    if len(body.lower()) == len(body):
        assert blocks._blocks, "the theme's blocks were kept"
    else:  # lower-casing changes its length (İ): tokenised whole
        assert not blocks._blocks


@pytest.mark.parametrize("body", BODIES)
def test_blocks_give_the_same_findings_as_the_whole_page(linter: Linter, body: str) -> None:
    for footer in ("Results vary.", "Painless, with zero downtime."):
        for title in ("Derma roller", "Facial mesotherapy", "Hair loss"):
            html = page(body, title, footer)
            got = linter.lint_source(html, "out/page.html", "html").findings
            assert got == whole(linter, html)


def test_a_claim_the_theme_repeats_is_found_on_every_page_at_its_place(linter: Linter) -> None:
    footer = "Painless, with zero downtime."
    for n, body in enumerate(BODIES[:6]):
        html = page(body, f"Page {n}", footer)
        line = html[: html.index(footer)].count("\n") + 1
        found = [
            (f.category, f.line, f.column)
            for f in linter.lint_source(html, "p.html", "html").findings
            if f.line == line
        ]
        assert ("downtime-absolute", line, 4 + len("Painless, with ")) in found, found
        assert any(rule == "pain-absolute" for rule, _, _ in found), found


def test_each_linter_keeps_its_own_blocks() -> None:
    a = Linter(Config(today=TODAY, cache_dir=None))
    b = Linter(Config(today=TODAY, cache_dir=None))
    html = page(BODIES[0])
    for _ in range(3):
        a.lint_source(html, "p.html", "html")
    assert a.html_blocks._blocks and not b.html_blocks._blocks
