"""Raw HTML in page text: a documented allow-list, refused at the source line before rendering.

Markdown lets a page carry any HTML, and a browser obeys it: ``<meta http-equiv="refresh">``
sends visitors elsewhere, an unclosed ``<div hidden>`` hides the safety sections the site adds
after the text, ``<form action="https://…">`` collects patients' details somewhere else. So a
page's body may use only the elements and attributes listed here (docs/guide-marketing.md
lists them too), and no ``javascript:`` or ``data:`` addresses.

Two passes, one policy:

1. the Markdown source, with code masked out, through :mod:`html.parser`: every tag the
   writer typed, at its line and column, with its elements balanced;
2. the rendered HTML through an HTML5 parser (lexbor, as in browsers), for what Markdown itself
   makes: links (``[x](javascript:…)``), attribute lists (``{: onclick=…}``), heading ids. A
   problem only this pass sees is put at the source line that mentions it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .problems import Problem

__all__ = ["ALLOWED_ELEMENTS", "RESERVED_IDS", "check_body", "needs_rendering"]

# No code elements (code, pre, kbd, samp): a visitor reads their words, but the claims check
# never reads code, so words set as code would be published unchecked.
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "data", "del", "dfn", "em", "i", "ins",
    "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
BLOCK = {
    "address", "blockquote", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p",
    "picture", "section", "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ELEMENTS = frozenset(INLINE | BLOCK)
# HTML's void elements (no end tag), allowed or not: they need no closing.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "keygen"}
)
# Elements whose end tag HTML lets you leave out: not closing them is not a mistake.
OPTIONAL_END = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption"}
)
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "markdown"})
ATTRIBUTES = {
    "a": {"href", "rel", "target", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes", "width", "height"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite"})
BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
# Ids the theme gives its own sections: the output check looks them up, so a page may not.
RESERVED_IDS = frozenset(
    {
        "main",
        "build-findings",
        "at-a-glance",
        "contraindications",
        "side-effects",
        "aftercare",
        "will-not",
        "review",
        "consultation",
    }
)

_WHY = {
    "script": "scripts are not allowed in page text: they could change or hide what the page "
    "says, and the site's security policy blocks them",
    "style": "style sheets are not allowed in page text: they could hide or restyle the safety "
    "information",
    "link": "a <link> tag is not allowed in page text",
    "meta": "a <meta> tag is not allowed in page text: it could send visitors to another site",
    "base": "a <base> tag is not allowed in page text: it changes where every link goes",
    "iframe": "embedded pages are not allowed: what they show is not checked",
    "frame": "embedded pages are not allowed: what they show is not checked",
    "object": "embedded content is not allowed: what it shows is not checked",
    "embed": "embedded content is not allowed: what it shows is not checked",
    "form": "forms are not allowed in page text: they could collect patients' details outside "
    "the clinic's booking system",
    "template": "hidden content is not allowed in page text",
    "dialog": "hidden content is not allowed in page text",
    "noscript": "hidden content is not allowed in page text",
}
CODE_ELEMENTS = ("code", "pre", "kbd", "samp")
_UNCHECKED = "visitors read it, but the claims check does not read code"
_WHY.update({tag: f"<{tag}> sets its words as code: {_UNCHECKED}" for tag in CODE_ELEMENTS})
CODE_HINT = "write the words as ordinary text (use **bold** to make them stand out)"
_INDENTED = f"lines indented by four spaces or more are set as code: {_UNCHECKED}"
_INDENT_HINT = "remove the spaces at the start of the lines (indent only inside a list)"
_FORM_PARTS = {"input", "button", "select", "textarea", "option", "fieldset", "label", "output"}
_HIDING = {"hidden", "inert", "popover", "aria-hidden"}
HINT = "use Markdown, or the HTML listed in docs/guide-marketing.md (“HTML in a page”)"


@dataclass(frozen=True)
class _Found:
    """One policy breach: a key to match the two passes, and what to tell the writer."""

    key: str
    message: str
    hint: str
    needle: str  # text to look for in the source when only the rendered pass saw it


def _scheme(url: str) -> str:
    """The scheme a browser would see: entities decoded, spaces and controls dropped."""
    text = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", text)
    return match.group(1) if match else ""


def element_problems(tag: str, attrs: list[tuple[str, str | None]]) -> list[_Found]:
    """What is wrong with one element, as typed or as rendered (empty when it is allowed)."""
    tag = tag.lower()
    found: list[_Found] = []
    if tag not in ALLOWED_ELEMENTS:
        if tag in _WHY:
            why = _WHY[tag]
        elif tag in _FORM_PARTS:
            why = _WHY["form"].replace("forms are", f"<{tag}> and other form controls are")
        else:
            why = f"<{tag}> is not one of the HTML elements a page may use"
        hint = CODE_HINT if tag in CODE_ELEMENTS else HINT
        found.append(_Found(f"element:{tag}", why, hint, f"<{tag}"))
        return found
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set())
    for name, value in attrs:
        name = name.lower()
        shown = f"{name}=…" if value is not None else name
        if name.startswith("on"):
            why = f"the event handler {name}=… on <{tag}> runs a script: not allowed"
        elif name == "style":
            why = f"style=… on <{tag}> can hide or restyle text: not allowed"
        elif name in _HIDING:
            why = f"the attribute {name} on <{tag}> hides it from visitors: not allowed"
        elif name.startswith("aria-"):
            continue
        elif name not in allowed:
            why = f"the attribute {shown} is not allowed on <{tag}>"
        elif name in URL_ATTRIBUTES and _scheme(value or "") in BAD_SCHEMES:
            scheme = _scheme(value or "")
            why = f"a {scheme}: address on <{tag}> is not allowed" + (
                ": it runs a script" if scheme in ("javascript", "vbscript") else ""
            )
            found.append(
                _Found(
                    f"url:{tag}:{scheme}",
                    why,
                    "link to a page or file of the site, or to an https:// address",
                    value or scheme,
                )
            )
            continue
        elif name == "id" and (value or "").strip() in RESERVED_IDS:
            found.append(_reserved((value or "").strip()))
            continue
        else:
            continue
        found.append(_Found(f"attr:{tag}:{name}", why, HINT, name))
    return found


# --- pass 1: what the writer typed -------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>")
_ABRUPT_COMMENT = re.compile(r"<!--->|<!-->|--!>")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _markdown_code(
    unfenced: str, fences: list[tuple[int, re.Match[str]]], first_line: int
) -> list[tuple[int, int, _Found]]:
    """Code written in Markdown: each fence that opens a code block (``fences``) and each
    `code span` of ``unfenced`` (the body with its fenced blocks blanked), at its line and
    column. (An indented code block has no mark of its own: the rendered pass finds it, at the
    line of its first words.)"""
    found = [
        (first_line + i, fence.start(1) + 1, _Found("element:pre", _fenced(fence), CODE_HINT, ""))
        for i, fence in fences
    ]
    for span in _CODE_SPAN.finditer(unfenced):
        why = f"backticks (`{span.group(2)[:30]}`) set words as code: {_UNCHECKED}"
        line, column = _line_column(unfenced, span.start(), first_line)
        found.append((line, column, _Found("element:code", why, CODE_HINT, "")))
    return found


def _line_column(text: str, index: int, first_line: int) -> tuple[int, int]:
    """Source line and column (from 1) of ``text[index]``, ``text`` starting at ``first_line``."""
    line_start = text.rfind("\n", 0, index) + 1
    return first_line + text.count("\n", 0, index), index - line_start + 1


def _fenced(fence: re.Match[str]) -> str:
    return f"a fenced block ({fence.group(1)[:3]}) sets its lines as code: {_UNCHECKED}"


def _blank_fences(body: str) -> tuple[str, list[tuple[int, re.Match[str]]]]:
    """``body`` with its fenced code blocks blanked (lines kept), and where each block opens:
    (line index, the opening fence)."""
    lines = body.split("\n")
    fence = ""
    openings: list[tuple[int, re.Match[str]]] = []
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            lines[i] = " " * len(line)
        elif match:
            fence = match.group(1)
            openings.append((i, match))
            lines[i] = " " * len(line)
    return "\n".join(lines), openings


def mask_code(body: str) -> str:
    """``body`` with code blocks, code spans, escapes and autolinks blanked (lines kept)."""
    return _mask_unfenced(_blank_fences(body)[0])


def _mask_unfenced(unfenced: str) -> str:
    """What :func:`mask_code` does once the fenced blocks are blanked."""
    text = _CODE_SPAN.sub(_blank, unfenced)
    text = text.replace("\\<", "  ")
    return _AUTOLINK.sub(_blank, text)


class _SourceScan(HTMLParser):
    """Every tag in the masked Markdown, checked, with its position; elements balanced."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[tuple[int, int, _Found]] = []
        self.open: list[tuple[str, int, int]] = []

    def _at(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return self.first_line + line - 1, offset + 1

    def _add(self, found: _Found, at: tuple[int, int] | None = None) -> None:
        line, column = at or self._at()
        self.found.append((line, column, found))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problems = element_problems(tag, attrs)
        for found in problems:
            self._add(found)
        # A refused element is reported once; whether it was closed does not matter then.
        if tag not in VOID and not any(f.key.startswith("element:") for f in problems):
            self.open.append((tag, *self._at()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for found in element_problems(tag, attrs):
            self._add(found)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in ALLOWED_ELEMENTS:
            return
        if not any(name == tag for name, _, _ in self.open):
            self._add(
                _Found(
                    f"close:{tag}",
                    f"</{tag}> closes an element that was never opened in this page",
                    f"remove it, or add the <{tag}> it belongs to",
                    f"</{tag}",
                )
            )
            return
        while self.open:
            name, line, column = self.open.pop()
            if name == tag:
                break
            self._unclosed(name, line, column)

    def _unclosed(self, name: str, line: int, column: int) -> None:
        if name in OPTIONAL_END:
            return
        self._add(
            _Found(
                f"unclosed:{name}",
                f"the <{name}> opened here is never closed: everything after it, including "
                "the sections the site adds, would end up inside it",
                f"add </{name}> where it should end",
                f"<{name}",
            ),
            (line, column),
        )

    def handle_decl(self, decl: str) -> None:
        self._declaration(f"<!{decl.split()[0] if decl.split() else decl}>")

    def unknown_decl(self, data: str) -> None:
        self._declaration("<![…]>")

    def parse_html_declaration(self, i: int) -> int:
        # Python's parser asserts on a malformed "<![" section ("<![^x]-- -->") instead of
        # reporting it; here it is one more refused declaration, and the scan goes on after it.
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self._declaration("<![…]>")
            end = self.rawdata.find(">", i + 2)
            return end + 1 if end != -1 else len(self.rawdata)

    def handle_pi(self, data: str) -> None:
        self._declaration("<?…>")

    def _declaration(self, what: str) -> None:
        self._add(_Found(f"decl:{what}", f"{what} is not allowed in page text", HINT, what[:3]))

    def finish(self) -> None:
        self.close()
        while self.open:
            self._unclosed(*self.open.pop())


def _comment_problems(masked: str, first_line: int) -> list[tuple[int, int, _Found]]:
    """Comments that end where a browser and a careful reader would disagree, or never end."""
    found = []
    for match in _ABRUPT_COMMENT.finditer(masked):
        found.append((match.start(), _Found(
            "comment:abrupt",
            f"the comment mark “{match.group(0)}” is read differently by browsers",
            "write comments as <!-- text -->",
            match.group(0),
        )))  # fmt: skip
    start = 0
    while (start := masked.find("<!--", start)) != -1:
        abrupt = _ABRUPT_COMMENT.match(masked, start)
        if abrupt:
            start = abrupt.end()
            continue
        end = masked.find("-->", start + 4)
        if end == -1:
            found.append((start, _Found(
                "comment:unclosed",
                "this comment <!-- is never closed",
                "close it with --> (a browser would hide everything after it)",
                "<!--",
            )))  # fmt: skip
            break
        start = end + 3
    return [(*_line_column(masked, offset, first_line), item) for offset, item in found]


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)[ \t#]*$", re.MULTILINE)


def _heading_ids(masked: str, first_line: int) -> list[tuple[int, int, _Found]]:
    """Headings whose id (made from their words, as Markdown's toc does) is the theme's."""
    from markdown.extensions.toc import slugify

    found = []
    for match in _HEADING.finditer(masked):
        slug = slugify(re.sub(r"[*_`]", "", match["text"]), "-")
        if slug in RESERVED_IDS:
            line = first_line + masked.count("\n", 0, match.start())
            found.append((line, match.start("text") - match.start() + 1, _reserved(slug)))
    return found


def _reserved(value: str) -> _Found:
    return _Found(
        f"id:{value}",
        f"the id “{value}” belongs to a section the site adds to every page",
        "use another id, or reword the heading (the safety sections are added for you)",
        value,
    )


# What only Markdown's rendering reveals: link addresses that may hide a scheme (entities,
# "script"), attribute lists ({: …}, {#id}, {.class}, {key=value}) and code made by indenting
# a line four spaces after a blank line (or a list's own indented lines, which rendering tells
# apart). A page without any of these needs no second pass (claims-lint skips the rendering
# then; the build always has it).
_NEEDS_RENDERING = re.compile(
    r"(?i)script\s*:|data\s*:|file\s*:|&#|&[a-z]+;|\{\s*[:#.]|\{\s*[\w-]+\s*=|\{\s*hidden"
    r"|(?:\A|\n[ \t]*\n)(?: {4}|\t)[ \t]*\S"
)


def needs_rendering(body: str) -> bool:
    """Whether the rendered pass could find anything the source pass does not."""
    return bool(_NEEDS_RENDERING.search(mask_code(body)))


# --- pass 2: what the browser will build -----------------------------------------------------

_WRAP = '<!DOCTYPE html><html><head></head><body><div id="clinic-body">{}</div><p id="clinic-end"></p></body></html>'  # noqa: E501


def _rendered_problems(rendered: str) -> list[_Found]:
    tree = LexborHTMLParser(_WRAP.format(rendered))
    found: list[_Found] = []
    end = tree.css_first("#clinic-end")
    if end is None or end.parent is None or end.parent.tag != "body":
        found.append(
            _Found(
                "structure",
                "something in this page's text does not end (an element or comment left open): "
                "what follows it, including the sections the site adds, would be swallowed",
                "close every element and comment the page opens",
                "<",
            )
        )
    root = tree.css_first("#clinic-body")
    if root is None:
        return found
    node: LexborNode
    for node in root.traverse(include_text=False):
        if node is root or node.tag in ("-comment", "-text", "_text", "_comment"):
            continue
        if node.tag == "code" and node.parent is not None and node.parent.tag == "pre":
            continue  # a code block is one <pre>: reported once
        problems = element_problems(node.tag, list(node.attributes.items()))
        if node.tag in ("pre", "code"):  # found at the source line of its first words
            words = (node.text() or "").strip().split("\n")[0][:40]
            problems = [replace(f, needle=words or f.needle) for f in problems]
        if node.tag == "pre":  # typed or fenced, the source pass names it; else an indent
            problems = [replace(f, message=_INDENTED, hint=_INDENT_HINT) for f in problems]
        found.extend(problems)
    return found


# --- both, at source lines -------------------------------------------------------------------


def _locate(masked: str, needle: str, first_line: int, taken: set[int]) -> tuple[int, int]:
    """Line and column of the first mention of ``needle`` in ``masked`` not yet ``taken``."""
    lowered = masked.lower()
    for candidate in dict.fromkeys((needle.lower(), needle.lower().replace("-", " "))):
        start = 0
        while candidate and (index := lowered.find(candidate, start)) != -1:
            if index not in taken:
                taken.add(index)
                return _line_column(masked, index, first_line)
            start = index + 1
    return first_line, 0


def check_body(body: str, path: str, first_line: int, rendered: str | None) -> list[Problem]:
    """Every raw-HTML problem in a page's Markdown ``body`` (which starts at ``first_line``).

    ``rendered`` is the HTML Markdown made of it (None: only the source is checked).
    """
    unfenced, fences = _blank_fences(body)
    masked = _mask_unfenced(unfenced)
    located = _heading_ids(masked, first_line) + _markdown_code(unfenced, fences, first_line)
    if "<" in masked:
        scan = _SourceScan(first_line)
        scan.feed(masked)
        scan.finish()
        located += scan.found + _comment_problems(masked, first_line)
    if rendered is not None and not any(f.key.startswith("unclosed:") for _, _, f in located):
        # (With an element left open, Markdown passes the rest through as raw HTML: what it
        # rendered then says nothing new.)
        seen = Counter(found.key for _, _, found in located)
        taken: set[int] = set()
        for found in _rendered_problems(rendered):
            if seen[found.key] > 0:
                seen[found.key] -= 1
                continue
            if found.key == "structure" and located:
                continue  # already explained by an unclosed element or comment
            line, column = _locate(masked, found.needle, first_line, taken)
            located.append((line, column, found))
    return sorted(
        {
            Problem(path, line, column, found.message, found.hint, code="html")
            for line, column, found in located
        }
    )
