"""The clean text of HTML pages that share most of their markup, each block tokenised once.

A site's written pages are mostly its theme: the header, the navigation, the safety sections
the registry fills in, the footer — the same lines on every page, around the page's own text.
Tokenising the markup (:func:`text.clean_html`) is most of the cost of linting a written page,
so :class:`HtmlBlocks` cuts a page into blocks of lines and remembers the clean text of each
block it has seen before; a page's :class:`~claims_lint.text.Unit` is assembled from its
blocks. The Unit is *the same* as ``clean_html(page)`` — text, offsets, citations,
directives — so sentences, rules, judges, evidence and suppressions (which read the whole
page: a word anywhere in it, the next sentence, a comment's scope) see exactly what they
would see on the page tokenised whole (tests compare the two).

Why the blocks join up exactly: a cut is made only at a tag that starts a line, outside every
construct the tokeniser reads past a line end (a comment, a ``<script>``, ``<pre>`` or other
skipped element, an element marked ``data-claims-lint="ignore"`` or the footnotes, a
declaration). There the tokeniser is between tokens, the character before the cut is a
newline or an indent it copies as it is, and the tag at the cut does not look at what came
before it; so it emits the same pieces in the block as in the page. Two choices the tokeniser
makes for a whole text are made for the whole page: whether the rare evasion tokens are on
(``text._extra_present``), and (when lower-casing changes the text's length, which shifts its
searches) not cutting at all.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from .text import (
    _HTML_TOKEN,
    _HTML_TOKEN_X,
    _SKIP_ATTR,
    _SKIP_ELEMENTS,
    Folder,
    Mapping,
    Unit,
    _extra_present,
    _inline,
    _lower_same_length,
    skipped_until,
)

__all__ = ["HtmlBlocks"]

# A tag, as the tokeniser's ``tag`` token reads it; a line that starts with one may start a block.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
# A line that starts with a whole tag (the _TAG test made by the regex, not once per line); never
# a value cell or definition (<td>, <dd>), which reads the label before it (text._pair_joiner).
_LINE_TAG = re.compile(rf"\n[ \t]*(?!<[dt]d\b)(?={_TAG.pattern})", re.I)
# What the tokeniser reads past a line end as one token (text.py, _COMMON): a comment to its
# "-->", an element whose content is never text to the end tag, a declaration to its ">".
_COMMENT = re.compile(r"<!--")
_RAWSKIP = re.compile(rf"<(?:{'|'.join(_SKIP_ELEMENTS)})\b", re.I)
# The named groups of text._HTML_TOKEN_X this module was written for (a test checks): a new
# kind of token may read past a line end, and then it must be added to _spans. ("spacer" is
# the separator inside a letter-spaced word, "sl" the held letter of a stretched one.)
TOKENS = frozenset(
    {"comment", "rawskip", "tag", "decl", "ent", "nonascii", "spaced", "spacer", "hyphbreak"}
    | {"leet", "masked", "stretch", "sl"}  # letters and stars only: never past a line end
    | {"camel", "broken"}  # one capital or separator, read from the letters of its word
    | {"hashtag", "ellipsis"}  # read with the spaces and tabs around them: never a line end
    | {"nought"}  # one "0": never a line end
)
_DECL = re.compile(r"<![A-Za-z\[][^>]*>|<\?[^>]*>")


@dataclass(frozen=True)
class _Block:
    """One block's clean text, with offsets relative to the block."""

    text: str
    cstart: array  # type: ignore[type-arg]
    sstart: array  # type: ignore[type-arg]
    send: array  # type: ignore[type-arg]
    lin: bytes
    fnrefs: tuple[tuple[int, str, int, int], ...]
    directives: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, unit: Unit) -> _Block:
        m = unit.mapping
        return cls(
            unit.text, m.cstart, m.sstart, m.send, bytes(m.lin), tuple(unit.fnrefs),
            tuple(unit.directives),
        )  # fmt: skip


class _Joined(Mapping):
    """The blocks' mappings one after the other, joined when first asked (a page without a
    finding never is): the same pieces as the page's own mapping would have."""

    __slots__ = ("_blocks",)

    def __init__(self, blocks: list[tuple[int, int, _Block]], length: int) -> None:
        super().__init__()
        self._blocks: list[tuple[int, int, _Block]] | None = blocks
        self._len = length

    def _join(self) -> None:
        blocks, self._blocks = self._blocks, None
        for cbase, sbase, block in blocks or ():
            self.cstart.extend([c + cbase for c in block.cstart])
            self.sstart.extend([s + sbase for s in block.sstart])
            self.send.extend([e + sbase for e in block.send])
            self.lin.extend(block.lin)

    def _start(self, i: int) -> int:
        if self._blocks is not None:
            self._join()
        return super()._start(i)

    def _end(self, i: int) -> int:
        if self._blocks is not None:
            self._join()
        return super()._end(i)


def _spans(src: str, low: str) -> list[tuple[int, int]]:
    """Every stretch of ``src`` the tokeniser could read as one token across a line end, sorted
    by start. Found the way the tokeniser finds them, at every place one could start (also
    inside another), so a cut is never made inside one: more than the tokeniser reads is fine.
    """
    n = len(src)
    spans = []
    for m in _COMMENT.finditer(src):
        close = src.find("-->", m.end())
        spans.append((m.start(), close + 3 if close >= 0 else m.end()))
    for m in _RAWSKIP.finditer(src):
        close = low.find("</" + m.group(0)[1:].lower(), m.end())
        if close < 0:
            spans.append(m.span())
        else:
            gt = src.find(">", close)
            spans.append((m.start(), n if gt < 0 else gt + 1))
    spans += [m.span() for m in _DECL.finditer(src)]
    # Every match of _SKIP_ATTR holds one of these, in any case: letters that only ASCII
    # letters match case-insensitively (unlike "s" and "i", which also match "ſ" and "ı").
    for word in ("footnote", "data-cla"):
        at = low.find(word)
        while at >= 0:
            span = _skipped_span(src, low, at)
            if span is not None:
                spans.append(span)
            at = low.find(word, at + 1)
    return sorted(spans)


def _skipped_span(src: str, low: str, at: int) -> tuple[int, int] | None:
    """The element the tokeniser skips (``data-claims-lint="ignore"``, the footnotes) whose
    start tag holds offset ``at``, from that tag to its end tag; None if there is none."""
    lt = src.rfind("<", 0, at)
    tag = _TAG.match(src, lt) if lt >= 0 else None
    if tag is None or tag.end() <= at or src.startswith("</", lt):
        return None
    if not _SKIP_ATTR.search(tag.group(0)):
        return None
    name = re.match(r"<([A-Za-z][A-Za-z0-9:-]*)", tag.group(0))
    end = skipped_until(low, name.group(1).lower(), tag.end()) if name else None
    return lt, end if end is not None else tag.end()


def cuts(src: str, low: str) -> list[int]:
    """Where ``src`` can be cut into blocks that tokenise as they do in the whole: the start of
    a tag that begins a line, outside every span of :func:`_spans`."""
    spans = _spans(src, low)
    out = []
    k = 0
    reach = 0  # the furthest end of the spans that start before the candidate
    for m in _LINE_TAG.finditer(src):
        p = m.end()
        while k < len(spans) and spans[k][0] < p:
            reach = max(reach, spans[k][1])
            k += 1
        if reach <= p:
            out.append(p)
    return out


class HtmlBlocks:
    """The clean text of HTML pages, block by block, for one linter (one language pack).

    A block seen a second time is kept (up to ``limit`` blocks; a block seen once is
    remembered by its hash only), so a site's theme is tokenised about twice per process and
    each page's own text once."""

    def __init__(self, folder: Folder, limit: int = 50_000) -> None:
        self.folder = folder
        self.limit = limit
        self._blocks: dict[tuple[bool, str], _Block] = {}
        self._seen: set[int] = set()

    def _tokenise(self, src: str, extended: bool) -> Unit:
        return _inline(src, None, _HTML_TOKEN_X if extended else _HTML_TOKEN, "", self.folder)

    def clean(self, src: str) -> Unit:
        """Exactly ``text.clean_html(src, folder=...)``, from the blocks seen before."""
        low = src.lower()
        extended = _extra_present(src)
        if len(low) != len(src):
            return self._tokenise(src, extended)
        bounds = [0, *cuts(src, low), len(src)]
        parts: list[tuple[int, _Block]] = []  # (source offset, block)
        fresh_from = -1  # start of a run of blocks seen for the first time, tokenised together
        for a, b in zip(bounds, bounds[1:], strict=False):
            if a == b:
                continue
            key = (extended, src[a:b])
            block = self._blocks.get(key)
            if block is None and len(self._blocks) < self.limit:
                digest = hash(key)
                if digest in self._seen:
                    block = _Block.of(self._tokenise(key[1], extended))
                    self._blocks[key] = block
                elif len(self._seen) < 4 * self.limit:
                    self._seen.add(digest)
            if block is None:
                if fresh_from < 0:
                    fresh_from = a
                continue
            if fresh_from >= 0:
                parts.append((fresh_from, _Block.of(self._tokenise(src[fresh_from:a], extended))))
                fresh_from = -1
            parts.append((a, block))
        if fresh_from >= 0:
            parts.append((fresh_from, _Block.of(self._tokenise(src[fresh_from:], extended))))
        return _assemble(parts)


def _assemble(parts: list[tuple[int, _Block]]) -> Unit:
    """One Unit from blocks in order (source offset, block)."""
    texts: list[str] = []
    placed: list[tuple[int, int, _Block]] = []
    fnrefs: list[tuple[int, str, int, int]] = []
    directives: list[tuple[int, int, str]] = []
    clen = 0
    for sbase, block in parts:
        texts.append(block.text)
        placed.append((clen, sbase, block))
        if block.fnrefs:  # (most blocks have neither)
            fnrefs += [(c + clen, rid, s + sbase, e + sbase) for c, rid, s, e in block.fnrefs]
        if block.directives:
            directives += [(s + sbase, e + sbase, body) for s, e, body in block.directives]
        clen += len(block.text)
    text = "".join(texts)
    return Unit(text, _lower_same_length(text), _Joined(placed, clen), "", fnrefs, directives)
