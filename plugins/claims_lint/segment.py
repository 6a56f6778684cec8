"""Sentences and clauses of a piece of clean text, with offsets (the pipeline's first stage)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from .language import LanguagePack, ListJoiner, MainClause, Voice
from .text import BOUNDARY

__all__ = ["Doc", "memo_key", "memo_keys"]


_MEMO_LIMIT = 20_000  # sentences whose reported spans a pipeline remembers
# how far before a clause word the pack's ``clauses.kept_after`` is looked for: more than any
# such word and its spaces ("should ")
_KEPT_REACH = 32


def memo_key(low: str, s0: int, s1: int) -> str:
    """:meth:`Doc.sentence_key` of the sentence ``low[s0:s1]`` (the rule memo calls it once per
    sentence of a page, without a Doc method in between)."""
    return "\0" + low[s0:s1] if s0 and low[s0 - 1].isalnum() else low[s0:s1]


def memo_keys(low: str, starts: list[int], ends: list[int]) -> Iterator[str]:
    """:func:`memo_key` of each sentence in turn: the rule memo reads every sentence of a page,
    and one generator costs less than a call per sentence."""
    for s0, s1 in zip(starts, ends, strict=True):
        yield "\0" + low[s0:s1] if s0 and low[s0 - 1].isalnum() else low[s0:s1]


def search_before(rx: re.Pattern[str], low: str, s0: int, at: int, reach: int) -> bool:
    """Whether ``rx`` is found in the ``reach`` characters before ``at``, within the sentence
    that starts at ``s0``. A ``^`` in the pattern means that sentence's start ("^to " before
    "add definition" in "To add definition to a thin lip."): searched with ``pos``, "^" would
    match only at the start of the page, so a window reaching the sentence's start is read as
    a slice."""
    if at - reach <= s0:
        return rx.search(low[s0:at]) is not None
    return rx.search(low, at - reach, at) is not None


class Doc:
    """One unit of clean text as the detectors and judges see it.

    Sentences are found lazily (most of a long page never needs them: the anchor scan finds
    nothing there); clauses are found per sentence, on demand.
    """

    __slots__ = (
        "text",
        "lower",
        "pack",
        "_starts",
        "_ends",
        "_taglines",
        "previous",
        "_breaks",
        "_clauses",
        "_reported",
        "_memo",
        "claims",
        "cues",
    )

    def __init__(
        self,
        text: str,
        lower: str,
        pack: LanguagePack,
        previous: str = "",
        memo: dict[str, list[tuple[int, int, bool]]] | None = None,
    ) -> None:
        self.text = text
        self.pack = pack
        # taglines ("Safe. Effective. Permanent.") are one sentence each, their marks but the
        # last read as commas in ``lower`` (same length, so every offset still holds)
        self._taglines = taglines(pack, text)
        self.lower = _as_lists(lower, text, self._taglines) if self._taglines else lower
        # The text just before this unit when it continues a conversation (a front matter
        # answer after its question), for the question-answer detector.
        self.previous = previous
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._breaks: dict[int, list[tuple[int, int]]] = {}  # per sentence, found once
        # per claim's span, its clause: each judge of a claim asks for it
        self._clauses: dict[tuple[int, int], tuple[int, int]] = {}
        self._reported: dict[int, list[tuple[int, int, bool]]] = {}
        # reported spans of sentences seen before, by text (the pipeline's, shared by its docs):
        # pages repeat sentences, and each reported-speech regex costs a few literal scans
        self._memo = memo
        # the candidate claims of each sentence, set by the pipeline before it judges them: a
        # judge of one sentence may need the next one's (is a refutation itself a claim?)
        self.claims: dict[int, list[Any]] = {}
        self.cues: dict[tuple[int, int], str] = {}  # refutation cues by span (judges.py)

    # --- sentences ----------------------------------------------------------------------------

    def _split(self) -> None:
        """One regex pass: a full stop ends a sentence only before a capital, a quote, a block
        edge or the end, and not after a common abbreviation ("e.g.", "Dr.", "No. 1")."""
        ends = [m.end() for m in self.pack.sentence_end.finditer(self.text)]
        ends = _within_quotes(self.pack, self.text, ends)
        if self._taglines:
            ends = [e for e in ends if not _inside_any(self._taglines, e)]
        n = len(self.text)
        if not ends or ends[-1] < n:
            ends.append(n)
        self._ends = ends
        self._starts = [0, *ends[:-1]]

    @property
    def sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._split()
        return self._starts  # type: ignore[return-value]

    @property
    def sentence_ends(self) -> list[int]:
        if self._starts is None:
            self._split()
        return self._ends

    def sentence_of(self, pos: int) -> int:
        if self._starts is None:
            self._split()
        ends = self._ends
        i = bisect_right(ends, pos)
        return min(i, len(ends) - 1)

    def sentence(self, i: int) -> tuple[int, int]:
        # the lists read directly, not through the properties: judges and pairs ask for
        # sentences by the hundred thousand on a long page
        starts = self._starts
        if starts is None:
            self._split()
            starts = self._starts
        return starts[i], self._ends[i]  # type: ignore[index]

    def sentence_text(self, i: int, lower: bool = True) -> str:
        s0, s1 = self.sentence(i)
        src = self.lower if lower else self.text
        return src[s0:s1].strip().strip(BOUNDARY).strip()

    def sentence_key(self, i: int) -> str:
        """What a sentence's matches depend on: its text, and whether a word runs into it
        (a regex's leading word boundary sees the character before), marked by a leading
        "\0". Memos key on this."""
        return memo_key(self.lower, *self.sentence(i))

    def sentences_with(self, mark: str) -> list[int]:
        """The sentences that hold ``mark``, each once, in order, found from the marks instead
        of sentence by sentence (a page has tens of thousands of sentences)."""
        low = self.lower
        ends = self.sentence_ends
        last = len(ends) - 1
        out: list[int] = []
        at = low.find(mark)
        while at >= 0:
            si = min(bisect_right(ends, at), last)
            out.append(si)
            at = low.find(mark, ends[si]) if ends[si] > at else low.find(mark, at + 1)
        return out

    def question_candidates(self) -> list[int]:
        """The sentences that hold a "?", the only ones :meth:`is_question` can be true of."""
        return self.sentences_with("?")

    def is_question(self, i: int) -> bool:
        s0, s1 = self.sentence(i)
        if self.lower.find("?", s0, s1) < 0:  # most sentences: no "?" to end with
            return False
        return self.sentence_text(i).rstrip("\"')]").endswith("?")

    # --- clauses ------------------------------------------------------------------------------

    def clause_breaks(self, si: int) -> list[tuple[int, int]]:
        """The clause breaks of sentence ``si`` (spans), found once per sentence."""
        got = self._breaks.get(si)
        if got is None:
            s0, s1 = self.sentence(si)
            got = [m.span() for m in self.pack.clause_break.finditer(self.lower, s0, s1)]
            got = self._kept(got, s0)
            got = _list_breaks(self.pack, self.lower, got, s0, s1)
            self._breaks[si] = got
        return got

    def _kept(self, breaks: list[tuple[int, int]], s0: int) -> list[tuple[int, int]]:
        """The breaks without the clause words that follow a word of the pack's
        ``clauses.kept_after`` ("can also"): checked per break, not in the break regex, as a
        lookbehind there would be tried at every character of the page."""
        kept, low = self.pack.clause_kept_after, self.lower
        if kept is None:
            return breaks
        return [
            (bs, be)
            for bs, be in breaks
            if not (low[bs].isalpha() and kept.search(low, max(s0, bs - _KEPT_REACH), bs))
        ]

    def clause(self, a: int, b: int) -> tuple[int, int]:
        """The clause around the span [a, b): from the last clause break before it to the first
        one after it, within its sentence."""
        got = self._clauses.get((a, b))
        if got is None:
            got = self._clauses[a, b] = self._find_clause(a, b)
        return got

    def _find_clause(self, a: int, b: int) -> tuple[int, int]:
        si = self.sentence_of(a)
        s0, s1 = self.sentence(si)
        start, end = s0, s1
        for bs, be in self.clause_breaks(si):
            if be <= a:
                start = be
            elif bs >= b:
                end = bs
                break
        return start, end

    def reported_spans(self, si: int, asks: bool = True) -> list[tuple[int, int]]:
        """Spans of sentence ``si`` that report or refute a claim (language pack), found once;
        with ``asks``, the bodies of indirect questions ("whether ...") too."""
        got = self._reported.get(si)
        if got is None:
            s0, s1 = self.sentence(si)
            low = self.lower
            key = self.sentence_key(si)
            sentence = low[s0:s1]
            relative = self._memo.get(key) if self._memo is not None else None
            if relative is None:
                found = [
                    (m.start(), *m.span("body"), asked)
                    for patterns, asked in ((self.pack.reported, False), (self.pack.indirect, True))
                    for rx, needs in patterns
                    if all(scan.search(sentence) for scan in needs)
                    for m in rx.finditer(low, s0, s1)
                    # a pattern's ``own`` group names the clinic (or its clients) as the one
                    # who speaks: "our clients call it 'painless'" reports nothing
                    if not (rx.groupindex.get("own") and m.group("own"))
                ]
                relative = [(a - s0, b - s0, q) for a, b, q in self._own_clause(found, s0, s1)]
                if self._memo is not None and len(self._memo) < _MEMO_LIMIT:
                    self._memo[key] = relative
            got = [(s0 + a, s0 + b, q) for a, b, q in relative]
            self._reported[si] = got
        return [(a, b) for a, b, q in got if asks or not q]

    def _own_clause(
        self, found: list[tuple[int, int, int, bool]], s0: int, s1: int
    ) -> list[tuple[int, int, bool]]:
        """Each reported body (match start, body start, body end) cut where a main clause
        starts. A subordinate clause that opens the sentence ends at the first break before a
        subject ("Whether it's a wedding or a holiday, you'll leave looking flawless"); one in
        the middle ends where a joiner brings in a new subject ("ask us if it hurts, and it's
        painless"). The words before the break are still reported; the main clause is not."""
        main = self.pack.main_clause
        if main is None or not found:
            return [(a, b, q) for _, a, b, q in found]
        low = self.lower
        cut = s1
        if main.fronted.match(low, s0, s1):
            cut = _fronted_end(main, low, s0, s1)
        out = []
        for at, a, b, q in found:
            if at < cut and not _quoting(low, at, cut):
                b = min(b, cut)
            m = main.joined.search(low, a, b)
            if m is not None and not _quoting(low, a, m.start()):
                b = m.start()
            b = _aside_end(main, low, at, a, b, s0)
            b = _handed_over(self.pack.voice, low, a, b, s1)
            if b > a:
                out.append((a, b, q))
        return out

    def clause_before(self, a: int, reach: int = 200) -> tuple[int, int]:
        """From the clause's start to ``a``."""
        start, _ = self.clause(a, a)
        return max(start, a - reach), a


def _within_quotes(pack: LanguagePack, text: str, ends: list[int]) -> list[int]:
    """The sentence ends without those inside an attributed quotation ('"I avoided photos for
    years. Now I love my skin." — Jun, 29'): a testimonial is one statement, and its outcome
    and its attribution must be read together. A question inside stays a sentence of its own,
    so a quoted question and its answer still pair."""
    rx = pack.attributed_quote
    if rx is None or not ends:
        return ends
    if pack.quote_opens and not any(mark in text for mark in pack.quote_opens):
        return ends  # no quotation opens here: the text is not searched for one
    spans = [m.span() for m in rx.finditer(text)]
    if not spans:
        return ends
    kept: list[int] = []
    i = 0
    for e in ends:  # both in text order: walk them together
        while i < len(spans) and spans[i][1] <= e:
            i += 1
        inside = i < len(spans) and spans[i][0] < e
        if not inside or "?" in text[e - 3 : e]:
            kept.append(e)
    return kept


def _list_breaks(
    pack: LanguagePack, low: str, breaks: list[tuple[int, int]], s0: int, s1: int
) -> list[tuple[int, int]]:
    """The clause breaks without the "and" / "or" that join list items inside a clause
    ("not a painless and risk-free procedure"); one that opens a clause ("and it lasts",
    "and results are permanent") stays a break."""
    lists, negator = pack.lists, pack.negator
    if lists is None or not breaks:
        return breaks
    out: list[tuple[int, int]] = []
    for i, (bs, be) in enumerate(breaks):
        nxt = breaks[i + 1][0] if i + 1 < len(breaks) else s1
        if (
            lists.joiner.fullmatch(low, bs, be)
            and lists.joins(low, be, nxt)
            and not _own_item_negator(lists, negator, low, out[-1][1] if out else s0, bs, be)
        ):
            continue
        out.append((bs, be))
    return out


def _own_item_negator(
    lists: ListJoiner, negator: re.Pattern[str], low: str, c0: int, at: int, end: int
) -> bool:
    """The last negator of the clause before the joiner ``low[at:end]`` belongs to its own item:
    a determiner ("no needles and zero downtime" denies the needles, not the downtime), or one
    that opens the clause ("Not a single needle and completely painless", "Never sore and
    always safe"), where no verb before it carries the negation over the list."""
    if low[at:end] not in lists.item_joiners:
        return False
    last = None
    for m in negator.finditer(low, c0, at):
        last = m
    if last is None:
        return False
    return last.group().strip() in lists.item_negators or not _WORD.search(low, c0, last.start())


_WORD = re.compile(r"\w")


def _quoting(low: str, a: int, b: int) -> bool:
    """A quotation opened in [a, b) is still open at ``b``: a break inside quoted words
    ("describe it as 'natural, so there are no risks'") does not end the reported clause."""
    part = low[a:b]
    return part.count("“") > part.count("”") or part.count('"') % 2 == 1


def _handed_over(voice: Voice | None, low: str, a: int, b: int, s1: int) -> int:
    """Where a reported body ``low[a:b]`` hands over to the clinic's own voice, or ``b``: a
    warning about others ends at a break followed by "we" / "our" / "ours" ("Be careful of
    clinics using chemicals: ours is 100% natural"), unless the words before the break bring
    in what the others say ("adverts that say things like: our jabs melt fat") or a quotation
    is still open. A hand-over that only affirms the others' words and ends the sentence (at
    ``s1``), after any break ("Other clinics claim fillers last forever — ours actually do",
    "Some promise no downtime; we guarantee it"), takes them up as the clinic's own: nothing
    is reported (``a``)."""
    if voice is None:
        return b
    endorsed = voice.endorses.search(low, a, s1) if voice.endorses is not None else None
    if endorsed is not None and not _brought_in(voice, low, a, endorsed.start()):
        return a
    for m in voice.opens.finditer(low, a, b):
        if not _brought_in(voice, low, a, m.start()):
            return m.start()
    return b


def _brought_in(voice: Voice, low: str, a: int, at: int) -> bool:
    """The words after ``at`` are still somebody else's: brought in just before it ("adverts
    that say things like: ...") or inside a quotation opened after ``a``."""
    return voice.introduced.search(low, max(0, at - 40), at) is not None or _quoting(low, a, at)


def _aside_end(main: MainClause, low: str, at: int, a: int, b: int, s0: int) -> int:
    """Where a reported aside set off by a comma ends: "Our facial, marketed as a quick fix, is
    painless" reports up to the comma before "is", and the rest is the clinic's own."""
    if main.resumed is None or at <= s0 or not low[s0:at].rstrip().endswith(","):
        return b
    m = main.resumed.search(low, a, b)
    return m.start() if m is not None else b


def _fronted_end(main: MainClause, low: str, s0: int, s1: int) -> int:
    """Where the subordinate clause that opens a sentence ends: at the first break before a
    subject ("If you're 30, you'll ..."), or, when it names alternatives first, at the break
    after them ("Whether they're fresh or faded, stretch marks ...")."""
    m = main.start.search(low, s0, s1)
    end = m.start() if m is not None else s1
    alt = main.alternative.search(low, s0, end) if main.alternative is not None else None
    return alt.start("end") if alt is not None else end


_LINE_END = re.compile(r"[\x1f\n]")
_MARK = re.compile(r"[.!]+")


def taglines(pack: LanguagePack, text: str) -> list[tuple[int, int]]:
    """The taglines of ``text`` (the pack's ``sentences.tagline``): two or more one-word
    fragments that open a line, each closed by a mark ("Safe. Effective. Permanent."), as
    (start, end) spans. Only lines with a fragment right after a mark are tried."""
    hint, line = pack.tagline_hint, pack.tagline
    if hint is None or line is None:
        return []
    spans: list[tuple[int, int]] = []
    checked = -1  # the end of the last line tried
    for m in hint.finditer(text):
        if m.start() < checked:
            continue
        start = max(text.rfind("\n", 0, m.start()), text.rfind("\x1f", 0, m.start())) + 1
        end_m = _LINE_END.search(text, m.start())
        checked = end_m.start() if end_m else len(text)
        got = line.match(text, start)
        if got is not None:
            spans.append((start, got.end()))
    return spans


def _as_lists(lower: str, text: str, spans: list[tuple[int, int]]) -> str:
    """``lower`` with each tagline's marks but the last read as commas."""
    out: list[str] = []
    at = 0
    for a, b in spans:
        # every fragment ends in a mark (the pack's ``tagline``): the last one ends the sentence
        for m in list(_MARK.finditer(text, a, b))[:-1]:
            out.append(lower[at : m.start()])
            out.append("," * (m.end() - m.start()))
            at = m.end()
    out.append(lower[at:])
    return "".join(out)


def _inside_any(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether offset ``at`` falls inside one of ``spans`` (sorted), before its end."""
    i = bisect_right(spans, (at, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < at < spans[i][1]
