"""Claims made across two sentences, neither of which makes one alone (the pair detector).

* a contrast: "Fade creams take months. We take minutes." sets the clinic against creams,
  read as "unlike fade creams, we take minutes";
* a label and a bare value the Markdown puts in two blocks: "## Downtime" then "None." reads
  as "Downtime: none".

(An amount answering a question, "How long will it last? A full year.", is the
question-answer detector's: see amounts.py.)

Each pair is read as one statement (the language pack's ``pairs`` readings) and judged by the
rules and judges like any answer's statement; a finding counts only where the reading's claim
needs both sentences, and it is reported on the second sentence's words. Only the two
sentences of a pair are read together, never a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .amounts import label_statements
from .detectors import Candidate
from .language import Contrast, Pairs
from .segment import Doc
from .text import BOUNDARY

__all__ = ["PairDetector"]

_WORD = re.compile(r"[\w'’-]+")
_EDGE = " \t\n" + BOUNDARY
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # a paragraph break in plain text
_CLOSED_LINE = re.compile(rf"[ \t]*{BOUNDARY}[ \t]*\n")  # a heading's end, then a new line
_LINE_EDGE = " \t" + BOUNDARY  # what a line's words may stand between
_EDGES_AFTER = re.compile(rf"[{re.escape(_EDGE)}]*")  # the blanks and edges after a line
_UNSAID = ".!?:;,…\"'*_—–-" + _EDGE  # what a value or label ends with that says nothing
_COUNTS_NOTHING_SIZE = 20_000  # lines a pair detector remembers as counting nothing


class PairDetector:
    """Proposes the claims two adjacent sentences make together (see the module docstring)."""

    name = "sentence-pair"

    def __init__(self, judge_statement: Callable[[str], list[Candidate]]) -> None:
        self.judge_statement = judge_statement
        # the lines with a colon that count nothing ("Time: 45 min"): whether a line counts is
        # decided by its words and the language pack alone, and a page repeats its table
        # cells by the thousand
        self._counts_nothing: set[str] = set()
        self._counted_with: object = None  # the pack those lines were read with

    def detect(self, doc: Doc) -> list[Candidate]:
        pairs = doc.pack.pairs
        if pairs is None:
            return []
        spans = _Spans(doc)
        # A page has tens of thousands of sentences and almost none opens a pair, so each
        # shape's first test is one search of the whole page, not a test per sentence.
        found: list[tuple[int, int, list[Candidate]]] = []
        if pairs.contrast is not None:
            for i in self._contrast_openings(doc, pairs.contrast, spans):
                found.append((i, 0, self._contrast(doc, pairs.contrast, i, spans)))
        if pairs.label_words:
            for i, vi in _labelled_values(doc, spans, pairs.label_words):
                found.append((i, 1, self._label(doc, pairs, i, vi, spans)))
        found.sort(key=lambda f: f[:2])  # in page order, as a reader meets them
        out = [c for _, _, cands in found for c in cands]
        if pairs.count_labels:
            if doc.pack is not self._counted_with:
                self._counts_nothing.clear()
                self._counted_with = doc.pack
            for i in doc.sentences_with(":"):
                out += self._count_line(doc, spans, i)
        return out

    def _contrast_openings(self, doc: Doc, contrast: Contrast, spans: _Spans) -> list[int]:
        """The sentences before one that opens on the clinic's side ("We take minutes.")."""
        if not contrast.opening_words:
            return self._openings_scanned(doc, contrast, spans)
        # Each opening holds one of the words: only the sentences where one stands are tried
        # (the opening regex at every position of a long page costs ten times more).
        low = doc.lower
        tried: set[int] = set()
        for word in contrast.opening_words:
            tried.update(doc.sentences_with(word))  # each sentence once, whatever it holds
        opening, ours, starts = contrast.opening.match, contrast.ours.match, doc.sentence_starts
        return [
            i - 1
            for i in sorted(tried)
            # "ours" from the sentence's first character (it reads past the edges before the
            # words) is a cheap first test: most sentences that hold "we" do not open with it
            if ours(low, starts[i])
            and opening(low, spans[i][0])
            and _opens_sentence(doc, i, spans[i][0])
        ]

    def _openings_scanned(self, doc: Doc, contrast: Contrast, spans: _Spans) -> list[int]:
        """:meth:`_contrast_openings` by a search of the whole page (a pack whose openings
        share no word)."""
        out: list[int] = []
        for m in contrast.opening.finditer(doc.lower):
            i = doc.sentence_of(m.start())
            if spans[i][0] == m.start() and _opens_sentence(doc, i, m.start()):
                out.append(i - 1)
        return out

    # --- "Fade creams take months. We take minutes." -----------------------------------------

    def _contrast(self, doc: Doc, contrast: Contrast, i: int, spans: _Spans) -> list[Candidate]:
        b0, b1 = spans[i + 1]
        ours = contrast.ours.match(doc.lower, b0, b1)
        if ours is None:
            return []
        a0, a1 = spans[i]
        if a0 >= a1 or BOUNDARY in doc.lower[a0:b0] or doc.lower[a0:a1].rstrip().endswith("?"):
            return []  # the pair is one paragraph's, and the first sentence asserts
        # a label before the first sentence ("Post: Fade creams ...") is not its subject
        first, second = doc.lower[a0:a1].rpartition(":")[2], doc.lower[b0:b1]
        w1, w2 = _WORD.findall(first), _WORD.findall(second)
        if len(w1) > contrast.words or len(w2) > contrast.words or contrast.agree.search(second):
            return []
        rest = doc.lower[ours.end() : b1]
        verbs = [w for w in _WORD.findall(rest) if w not in contrast.adverbs][:2]
        said = second.strip(_UNSAID)
        for other in _others(contrast, w1, w2, verbs, rest, doc.pack.common_words):
            reading = contrast.reading.format(other=other, ours=said)
            found = self._needs_both(reading, said, False)
            if found:
                # "Other clinics rush you. We never do.": the first sentence's own claim of
                # that category is its own finding already
                alone = {c.category for c in self.judge_statement(first)}
                return [
                    Candidate(b0, b1, c.rule, self.name, c.confidence, i + 1, i, reading)
                    for c in found
                    if c.category not in alone
                ]
        return []

    # --- "## Downtime" then "None." --------------------------------------------------------------

    def _label(self, doc: Doc, pairs: Pairs, i: int, vi: int, spans: _Spans) -> list[Candidate]:
        a0, a1 = spans[i]  # a short line of its own with no end mark (see _labelled_values)
        label = doc.lower[a0:a1]
        s0, s1 = doc.sentence(vi)
        line = doc.lower[s0:s1]  # its blanks and block edges are stripped with the rest
        value = line.strip(_UNSAID)
        if not value or "?" in line or _more_words(value, pairs.value_words):
            return []
        b0, b1 = spans[vi]
        label = label.strip(_UNSAID)
        counted = label_statements(doc.pack, label, value)
        if counted:  # "## Sessions needed" then "1"
            by_rule = {c.rule.code: (c, s) for s in counted for c in self.judge_statement(s)}
            found = list(by_rule.values())
        else:
            reading = pairs.label_reading.format(label=label, value=value)
            found = [(c, reading) for c in self._needs_both(reading, value, True)]
        return [
            Candidate(b0, b1, c.rule, self.name, c.confidence, vi, i, said) for c, said in found
        ]

    def _count_line(self, doc: Doc, spans: _Spans, i: int) -> list[Candidate]:
        """A line "Sessions needed: 1": a label that asks how many, and an amount after it."""
        s0, s1 = doc.sentence(i)  # the edges round its words are stripped with the rest
        low = doc.lower
        line = low[s0:s1]
        colon = line.find(":")
        if colon < 0 or line in self._counts_nothing:
            return []
        label, value = line[:colon], line[colon + 1 :]
        said = label_statements(doc.pack, label.strip(_UNSAID), value.strip(_UNSAID))
        if not said:  # most lines with a colon: no label that asks how many, or no amount
            if len(self._counts_nothing) >= _COUNTS_NOTHING_SIZE:
                self._counts_nothing.clear()  # bounded: a huge page of new text stays small
            self._counts_nothing.add(line)
            return []
        found = {c.rule.code: (c, s) for s in said for c in self.judge_statement(s)}
        if not found:
            return []
        a0, a1 = spans[i]
        return [
            Candidate(a0, a1, c.rule, self.name, c.confidence, i, -1, s) for c, s in found.values()
        ]

    def _needs_both(self, reading: str, second: str, straddle: bool) -> list[Candidate]:
        """The reading's claims that need the first sentence: not within the second's words
        (``second``, as they stand in the reading), and with ``straddle`` reaching into them."""
        at = reading.rfind(second)
        if at < 0:
            return []
        end = at + len(second)
        out: dict[str, Candidate] = {}
        for c in self.judge_statement(reading):
            inside = c.start >= at and c.end <= end
            if inside or (straddle and not c.start < at < c.end):
                continue
            out.setdefault(c.rule.code, c)
        return list(out.values())


def _others(
    contrast: Contrast,
    w1: list[str],
    w2: list[str],
    verbs: list[str],
    text: str,
    common: frozenset[str],
) -> Iterator[str]:
    """What the first sentence is about, as the reading's {other}: the words before the verb
    the second sentence repeats ("fade creams" in "Fade creams take months" before "We take
    minutes"); after a stand-in ("We never do.") or in two very short sentences, its first
    words, shortest first (the rules decide which reading, if any, is a comparison)."""
    for verb in verbs:  # "We take minutes", "Our fat freezing takes an hour"
        if verb in common:
            continue
        for p, w in enumerate(w1[1:], 1):
            if _same_verb(w, verb, contrast.endings):
                yield " ".join(w1[:p])
                return
    short = len(w1) <= contrast.short and len(w2) <= contrast.short
    if contrast.proforms.match(text) or short:
        for p in range(1, min(3, len(w1) - 1) + 1):
            yield " ".join(w1[:p])


def _more_words(text: str, most: int) -> bool:
    """Whether ``text`` has more than ``most`` words. Its first characters are counted first:
    the sentence after a label is mostly a paragraph's first, whose first words show it."""
    head = 16 * (most + 1)
    if len(_WORD.findall(text, 0, head)) > most:  # a word cut at ``head`` is still one word
        return True
    return len(text) > head and len(_WORD.findall(text)) > most


def _opens_sentence(doc: Doc, i: int, at: int) -> bool:
    """Whether ``at``, the start of sentence ``i``'s words, begins a sentence after another:
    no word runs into it ("... that we ..." is inside a sentence; none starts after a letter)."""
    low = doc.lower
    while at > 0 and low[at - 1] in " \t":
        at -= 1
    return i > 0 and not (at > 0 and low[at - 1].isalnum())


def _same_verb(a: str, b: str, endings: tuple[str, ...]) -> bool:
    """``a`` and ``b`` are one verb ("take", "takes"), as far as endings tell."""
    return a == b or any(a + e == b or b + e == a for e in endings)


def _words_span(doc: Doc, i: int) -> tuple[int, int]:
    """Sentence ``i`` without the blank and block edges around it."""
    s0, s1 = doc.sentence(i)
    low = doc.lower
    while s0 < s1 and low[s0] in _EDGE:
        s0 += 1
    while s1 > s0 and low[s1 - 1] in _EDGE:
        s1 -= 1
    return s0, s1


class _Spans:
    """Each sentence's words without the blank and block edges around them, found when first
    asked for: only the few sentences a pair's first test points at are ever looked at."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._found: dict[int, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self.doc.sentence_ends)

    def __getitem__(self, i: int) -> tuple[int, int]:
        span = self._found.get(i)
        if span is None:
            span = self._found[i] = _words_span(self.doc, i)
        return span


def _labelled_values(doc: Doc, spans: _Spans, most_words: int) -> Iterator[tuple[int, int]]:
    """Each sentence that is a line of its own of at most ``most_words`` words with no end
    mark (a heading, a line of a list, a paragraph of one or two words: "## Downtime",
    "Results"), with the next sentence with words when that opens a block after it: after a
    blank line, or on the next line after a heading, past at most two empty sentences between
    blocks. The next line of the same list is the label's sibling, not its value ("- Redness"
    then "- Swelling"). A table cell, a link's title or the alt text of an image shares its
    line with other text and labels nothing."""
    low = doc.lower
    n = len(low)
    for a0, a1 in _short_lines(low, most_words):
        # the first character after the label that is no blank or block edge starts the
        # value's words: the label's sentence and the empty ones between hold nothing else
        b0 = _EDGES_AFTER.match(low, a1).end()  # type: ignore[union-attr]
        between = low[a1:b0]
        if b0 >= n or not (_BLANK_LINE.search(between) or _CLOSED_LINE.match(between)):
            continue
        i = doc.sentence_of(a0)
        vi = doc.sentence_of(b0)
        if vi <= i + 3 and spans[i] == (a0, a1):
            yield i, vi


def _short_lines(low: str, most_words: int, chunk: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """The words of each line (start, end) that has at most ``most_words`` words, no end mark
    and no block edge among them. The lines are split a chunk at a time: a page has tens of
    thousands, most end with a full stop, and one ``split`` reads them faster than a search
    for each line's end; a chunk keeps the list of lines small."""
    n = len(low)
    at = 0
    while at <= n:
        cut = low.find("\n", at + chunk)
        for line in low[at : n if cut < 0 else cut].split("\n"):
            start, at = at, at + len(line) + 1
            # the cheap tests first, on the line as it stands: a full stop ends most lines
            if not line or line[-1] in ".!?":
                continue
            words = line.rstrip(_LINE_EDGE)
            if not words or words[-1] in ".!?" or words[-1].isspace():
                continue
            a1 = start + len(words)
            words = words.lstrip(_LINE_EDGE)
            if BOUNDARY in words or len(_WORD.findall(words)) > most_words:
                continue
            yield a1 - len(words), a1
