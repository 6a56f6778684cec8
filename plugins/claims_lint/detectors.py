"""Detectors: stage two of the pipeline. Each yields candidate claims from a :class:`Doc`.

A detector only proposes; the judges (judges.py) decide what the context makes of a candidate.
Two detectors ship: the rule detector (the YAML rules) and the question-answer detector (an
answer such as "Yes, completely." makes its question's claim).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from .amounts import amount_statements, amount_word
from .language import Filled, LanguagePack, Remedy, Rereading
from .patterns import trie_regex
from .reread import Edited, forms_used, readings
from .rules import Rule
from .segment import Doc, memo_keys, search_before

__all__ = ["AnswerDetector", "Candidate", "Detector", "RuleDetector"]


@dataclass(frozen=True)
class Candidate:
    """A possible claim: the span of clean text, the rule that saw it, and who proposed it."""

    start: int
    end: int
    rule: Rule
    detector: str
    confidence: float
    sentence: int
    question: int = -1  # for an answer: the sentence of the question whose claim it makes
    # the statement the claim was found in, when the words were read with what comes before
    # them ("We can fix that." after "Tired of dull skin?" read as "dull skin gone"): the
    # finding's message shows it, so the writer sees why a harmless-looking line counts
    reading: str = ""

    @property
    def category(self) -> str:
        return self.rule.category


class Detector(Protocol):
    """Anything that proposes candidates for a document."""

    name: str

    def detect(self, doc: Doc) -> list[Candidate]: ...


_WORD = re.compile(r"[\w%'£$#★⭐]+")


_SEEN_LIMIT = 20_000  # sentences remembered per linter (about 5 MB of text)


class RuleDetector:
    """The YAML rules: one scan for every rule's derived anchors picks the sentences worth
    trying, then each candidate rule's regex runs on its sentence."""

    name = "rules"

    def __init__(
        self,
        rules: Sequence[Rule],
        fillers: re.Pattern[str] | None = None,
        rereading: Rereading | None = None,
    ) -> None:
        self.rules = list(rules)
        self._fillers = fillers  # see filler_words
        self._rereading = rereading  # see reread.py
        self._named: dict[tuple[int, str], bool] = {}  # see _names
        self._barred_memo: dict[int, frozenset[str]] = {}  # see _barred
        # The prefilter works on branches (a rule's patterns, frame sides, templates): each
        # branch's anchors are clauses that must all be met (a frame needs a topic word and
        # a claim word); a literal can serve several (branch, clause) pairs.
        self._branches = [(ri, br) for ri, r in enumerate(self.rules) for br in r.branches]
        if any(len(br.anchors) > 3 for _, br in self._branches):
            raise ValueError("a branch has at most three anchor clauses")
        uses: dict[str, list[tuple[int, int]]] = {}
        for bi, (_, br) in enumerate(self._branches):
            for ci, clause in enumerate(br.anchors):
                for lit in clause:
                    uses.setdefault(lit, []).append((bi, ci))
        literals = sorted(uses)
        # Per literal, the branches it serves and, as bits of one integer, the (branch, clause)
        # pairs it meets: a sentence meets a branch when all of the branch's bits are set.
        self._lit_branches = [frozenset(bi for bi, _ in uses[lit]) for lit in literals]
        self._lit_bits = [sum(1 << (3 * bi + ci) for bi, ci in set(uses[lit])) for lit in literals]
        self._need_bits = [
            sum(1 << (3 * bi + ci) for ci in range(len(br.anchors)))
            for bi, (_, br) in enumerate(self._branches)
        ]
        self._met_cache: dict[frozenset[int], frozenset[int]] = {}
        ids = {lit: i for i, lit in enumerate(literals)}
        # Literals inside a word ("pain", "wrinkle" in "antiwrinkle") are found word by word;
        # literals that span words or punctuation ("well tolerated", "no. 1") by one scan.
        inner = [lit for lit in literals if _WORD.fullmatch(lit)]
        self._inner = trie_regex(inner) if inner else None
        # a match of the trie is the longest literal at its start: its prefixes count too
        inner_set = set(inner)
        self._with_prefixes = {
            lit: frozenset(ids[lit[:k]] for k in range(1, len(lit) + 1) if lit[:k] in inner_set)
            for lit in inner
        }
        phrases = [lit for lit in literals if not _WORD.fullmatch(lit)]
        # A phrase that starts with a word ("orange peel", "salon grade") is looked for only in
        # a sentence with a word ending in its first word: one regex for every phrase would be
        # tried at every letter of the page. Phrases that start with punctuation keep the scan.
        self._word_phrases: dict[str, list[tuple[str, int]]] = {}
        for lit in phrases:
            if (first := _WORD.match(lit)) is not None:
                self._word_phrases.setdefault(first.group(0), []).append((lit, ids[lit]))
        scanned = [lit for lit in phrases if not _WORD.match(lit)]
        self._phrase_scan = trie_regex(scanned) if scanned else None
        self._phrase_ids = {lit: ids[lit] for lit in scanned}
        self._phrase_cache: dict[str, tuple[tuple[str, int], ...]] = {}
        self._word_cache: dict[str, frozenset[int]] = {}
        # Raw regex matches per sentence text, relative to the sentence (before the rules'
        # own conditions, which read the context): a sentence a site repeats ("Results vary
        # from person to person.") is scanned once per linter, not once per page.
        # per sentence text: (branch, start, end, listed start, listed end), -1 for no list
        self._seen: dict[str, tuple[tuple[int, int, int, int, int], ...]] = {}

    def _phrases_after(self, word: str) -> tuple[tuple[str, int], ...]:
        """The word-initial phrases that may start at the end of ``word`` (their first word is
        a suffix of it: "b t" can start in "crab tissue"), cached: words repeat."""
        found = self._phrase_cache.get(word)
        if found is None:
            get = self._word_phrases.get
            found = tuple(p for k in range(len(word)) for p in get(word[k:], ()))
            if len(self._phrase_cache) < 100_000:
                self._phrase_cache[word] = found
        return found

    def _lits_in(self, word: str) -> frozenset[int]:
        """The literals a word contains, at any position (cached: words repeat)."""
        found = self._word_cache.get(word)
        if found is None:
            acc: set[int] = set()
            match = self._inner.match  # type: ignore[union-attr]
            for i in range(len(word)):
                m = match(word, i)
                if m is not None:
                    acc |= self._with_prefixes[m.group(0)]
            found = frozenset(acc)
            if len(self._word_cache) < 100_000:
                self._word_cache[word] = found
        return found

    def candidate_sentences(self, doc: Doc) -> dict[int, set[int]]:
        """Sentence index -> indexes of the rules worth trying there."""
        return {
            si: {self._branches[bi][0] for bi in branches}
            for si, branches in self.candidate_branches(doc).items()
        }

    def candidate_branches(
        self, doc: Doc, only: Collection[int] | None = None
    ) -> dict[int, set[int]]:
        """Sentence index -> indexes of the branches worth trying there (every anchor clause
        of the branch has a literal in the sentence), for the sentences in ``only`` or all."""
        low = doc.lower
        if self._inner is None and self._phrase_scan is None and not self._word_phrases:
            return {}
        if only is not None and not only:  # every sentence seen before: no scan of the text
            return {}
        starts, ends = doc.sentence_starts, doc.sentence_ends
        out: dict[int, set[int]] = {}
        findall = _WORD.findall
        lits_in = self._lits_in
        for si in range(len(ends)) if only is None else sorted(only):
            start, end = starts[si], ends[si]
            lits = self._phrase_hits(low, start, end) if self._phrase_scan is not None else set()
            words = set(findall(low, start, end))
            if self._inner is not None:
                for w in words:
                    lits |= lits_in(w)
            if self._word_phrases:
                last = end + 64  # a phrase that starts in this sentence may run past its end
                for w in words:
                    for phrase, pid in self._phrases_after(w):
                        if pid not in lits and low.find(phrase, start, last) >= 0:
                            lits.add(pid)
            if lits and (met := self._met(frozenset(lits))):
                out[si] = set(met)
        return out

    def _phrase_hits(self, low: str, start: int, end: int) -> set[int]:
        """The phrases that open with punctuation (",", "(", "→" ...) and start in
        ``low[start:end]``, each position tried (so no match hides one that starts inside it).
        Searched sentence by sentence: they are on every line, and a search of the whole page
        placed tens of thousands of hits in their sentences one by one."""
        assert self._phrase_scan is not None
        search, ids = self._phrase_scan.search, self._phrase_ids
        found: set[int] = set()
        last = end + 64  # a phrase that starts in the sentence may run past its end
        m = search(low, start, last)
        while m is not None and m.start() < end:
            found.add(ids[m.group(0)])
            m = search(low, m.start() + 1, last)
        return found

    def _met(self, lits: frozenset[int]) -> frozenset[int]:
        """The branches whose every anchor clause has one of ``lits`` (cached: sentences of a
        site share their sets of literals)."""
        got = self._met_cache.get(lits)
        if got is None:
            bits = 0
            branches: set[int] = set()
            for li in lits:
                bits |= self._lit_bits[li]
                branches |= self._lit_branches[li]
            need = self._need_bits
            got = frozenset(bi for bi in branches if bits & need[bi] == need[bi])
            if len(self._met_cache) < 100_000:
                self._met_cache[lits] = got
        return got

    def _raw_matches(self, doc: Doc) -> dict[int, tuple[tuple[int, int, int, int, int], ...]]:
        """Sentence index -> its branches' matches (branch, start, end, and the list items a
        match reaches past or -1, -1; relative to the sentence): from the memo when the sentence
        was seen before, in this page or an earlier one, else from the prefilter and the
        regexes, once per distinct sentence."""
        low = doc.lower
        found: dict[int, tuple[tuple[int, int, int, int, int], ...]] = {}
        new: dict[str, list[int]] = {}  # sentences not seen before, by text
        seen = self._seen.get
        for si, key in enumerate(memo_keys(low, doc.sentence_starts, doc.sentence_ends)):
            hit = seen(key)
            if hit is None:
                group = new.get(key)
                if group is None:
                    new[key] = [si]
                else:
                    group.append(si)
            elif hit:
                found[si] = hit
        first = {group[0] for group in new.values()}
        candidates = self.candidate_branches(doc, first)
        for key, group in new.items():
            s0, s1 = doc.sentence(group[0])
            branches = candidates.get(group[0], ())
            got = self._matches(low, s0, s1, branches)
            sentence = low[s0:s1]
            got += self._without_fillers(sentence, branches, got)
            got += self._reread(sentence, got, branches)
            if len(self._seen) < _SEEN_LIMIT:
                self._seen[key] = got
            if got:
                for si in group:
                    found[si] = got
        return found

    def _matches(
        self, low: str, s0: int, s1: int, branches: Collection[int]
    ) -> tuple[tuple[int, int, int, int, int], ...]:
        """The matches of ``branches`` in the sentence ``low[s0:s1]``, relative to it. Each
        regex is searched once first: most candidate branches match nothing, and a search
        costs less than an iterator over the matches."""
        out: list[tuple[int, int, int, int, int]] = []
        for bi in sorted(branches):
            rx = self._branches[bi][1].regex
            if rx.search(low, s0, s1) is None:
                continue
            out += [
                (bi, _claim_start(m) - s0, m.end() - s0, *_listed(m, s0))
                for m in rx.finditer(low, s0, s1)
                if m.start() != m.end()
            ]
        return tuple(out)

    def _without_fillers(
        self, sentence: str, branches: Collection[int], got: tuple[tuple[int, ...], ...]
    ) -> tuple[tuple[int, int, int, int, int], ...]:
        """The matches a sentence has once its words of emphasis are left out ("no real
        downtime" read as "no downtime"), as spans of the sentence as written; only the
        branches that found nothing as it was written. Only the matching reads the shorter
        text: a rule's exceptions and every judge read the sentence as written, so emphasis
        never stretches an honest shape ("back to work the very next morning")."""
        if self._fillers is None or self._fillers.search(sentence) is None:
            return ()
        short, where = _drop(self._fillers, sentence)
        done = {g[0] for g in got}
        out = []
        for bi in sorted(set(branches) - done):
            for m in self._branches[bi][1].regex.finditer(short):
                if m.start() != m.end():
                    out.append(_as_written(bi, m, where))
        return tuple(out)

    def _reread(
        self, sentence: str, got: tuple[tuple[int, ...], ...], branches: Collection[int]
    ) -> tuple[tuple[int, int, int, int, int], ...]:
        """The matches of the branches that found nothing so far in the pack's other readings
        of the sentence (reread.py), as spans of the sentence as written. Each reading picks
        its own branches by their anchors: a word read past can join a phrase ("will work").
        A reading that only reads determiners as another keeps the sentence's ``branches``:
        determiners are common words, never anchors."""
        rr = self._rereading
        if rr is None:
            return ()
        done = {g[0] for g in got}
        if not set(branches) - done and not _drops_words(rr, sentence):
            return ()  # no rule left to try, and no word read past can join a phrase
        out: list[tuple[int, int, int, int, int]] = []
        for reading in readings(sentence, rr, self._fillers):
            text, where, _ = reading
            named = _determiner_only(reading)
            met = set(branches) if named else self._branches_in(text)
            for bi in sorted(met - done):
                gap = self.rules[self._branches[bi][0]].kind == "frame"
                if named and (gap or not self._names(bi, named)):
                    continue  # a determiner read as another counts only where a rule names it
                for m in self._branches[bi][1].regex.finditer(text):
                    if m.start() == m.end():
                        continue
                    used = forms_used(reading, m.start(), m.end(), gap)
                    # the barred forms only once a reading matches: most readings match nothing
                    if not used or used & self._barred(self._branches[bi][0]):
                        continue
                    out.append(_quotes_whole(rr, sentence, _as_written(bi, m, where)))
                    done.add(bi)
        return tuple(out)

    def _barred(self, ri: int) -> frozenset[str]:
        """The reading forms rule ``ri`` does not take: those under which a reading would match
        one of its own ``no_match`` examples, where the rule's author drew the line on the very
        word a reading changes ("Keep the hair you have clean" is not "keep your hair"; the
        rule still takes a plural read as its singular). Decided once per rule, and only for
        rules a reading tries."""
        got = self._barred_memo.get(ri)
        if got is None:
            got = frozenset().union(
                *(self._forms_matching(ri, ex.lower()) for ex in self.rules[ri].examples_no_match)
            )
            self._barred_memo[ri] = got
        return got

    def _forms_matching(self, ri: int, text: str) -> frozenset[str]:
        """The forms under which a reading of ``text`` holds a match of rule ``ri``."""
        assert self._rereading is not None
        gap = self.rules[ri].kind == "frame"
        branches = self.rules[ri].branches
        found: set[str] = set()
        for reading in readings(text, self._rereading, self._fillers):
            for br in branches:
                for m in br.regex.finditer(reading[0]):
                    if m.start() != m.end():
                        found |= forms_used(reading, m.start(), m.end(), gap)
        return frozenset(found)

    def _names(self, bi: int, word: str) -> bool:
        """Whether branch ``bi``'s regex names ``word`` (cached per branch and word)."""
        key = (bi, word)
        got = self._named.get(key)
        if got is None:
            pattern = self._branches[bi][1].regex.pattern
            got = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", pattern) is not None
            self._named[key] = got
        return got

    def _branches_in(self, text: str) -> frozenset[int]:
        """The branches whose anchors a lower-case text meets (candidate_branches for one
        sentence that is no part of a document)."""
        lits: set[int] = set()
        if self._phrase_scan is not None:
            lits.update(self._phrase_ids[m.group(0)] for m in self._phrase_scan.finditer(text))
        words = set(_WORD.findall(text))
        if self._inner is not None:
            for w in words:
                lits |= self._lits_in(w)
        for w in words:
            for phrase, pid in self._phrases_after(w):
                if pid not in lits and phrase in text:
                    lits.add(pid)
        return self._met(frozenset(lits)) if lits else frozenset()

    def detect(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        low = doc.lower
        doc_checks: dict[int, bool] = {}
        page = _Page(doc)
        for si, matches in sorted(self._raw_matches(doc).items()):
            s0, s1 = doc.sentence(si)
            skip: set[int] = set()  # rules whose sentence or document conditions fail
            for bi, ra, rb, la, lb in matches:
                ri = self._branches[bi][0]
                if ri in skip:
                    continue
                rule = self.rules[ri]
                if page.clears(rule, s0, s1):
                    skip.add(ri)
                    continue
                if page.clears_clause(rule, si, s0 + ra, s0 + rb):
                    continue
                # through a list, the rule's exceptions hold as they do for one item
                if la >= 0 and page.clears(rule, s0, s1, (s0 + la, s0 + lb)):
                    continue
                if rule.requires_doc_re is not None:
                    if ri not in doc_checks:
                        doc_checks[ri] = bool(rule.requires_doc_re.search(low))
                    if not doc_checks[ri]:
                        skip.add(ri)
                        continue
                a, b = s0 + ra, s0 + rb
                if not _excluded(rule, low, a, b, doc):
                    out.append(Candidate(a, b, rule, self.name, rule.confidence, si))
        return out


def filler_words(pack: LanguagePack) -> re.Pattern[str] | None:
    """The pack's ``fillers`` as one regex: a filler word and the spaces after it, between
    two words. Words that also start a clause (the pack's gap stops: "so") are left out, as
    leaving one out would join two clauses into one claim."""
    if not pack.fillers:
        return None
    stops = re.compile(rf"^(?:{pack.gap_stop})$") if pack.gap_stop else None
    words = [w for w in pack.fillers.split("|") if stops is None or not stops.match(w)]
    return re.compile(rf"(?<=[a-z0-9%] )(?:{'|'.join(words)}) +(?=[a-z0-9£$])") if words else None


def _drops_words(rr: Rereading, sentence: str) -> bool:
    """Whether a reading reads words of the sentence past (certainty, a place, quote marks)."""
    return any(
        rx is not None and rx.search(sentence) for rx in (rr.certainty, rr.places, rr.quoted)
    )


def _determiner_only(reading: Edited) -> str:
    """The determiner a reading reads every other as, when that is all it changes besides
    fillers (read alone before); "" otherwise."""
    text, _, edits = reading
    forms = {form for _, _, form in edits if form != "filler"}
    if forms != {"det"}:
        return ""
    a, b, _ = next(e for e in edits if e[2] == "det")
    return text[a:b]


def _drop(fillers: re.Pattern[str], sentence: str) -> tuple[str, list[int]]:
    """``sentence`` without its fillers, and for each of its characters the offset in
    ``sentence`` it came from."""
    parts: list[str] = []
    where: list[int] = []
    at = 0
    for m in fillers.finditer(sentence):
        parts.append(sentence[at : m.start()])
        where.extend(range(at, m.start()))
        at = m.end()
    parts.append(sentence[at:])
    where.extend(range(at, len(sentence)))
    return "".join(parts), where


def _as_written(bi: int, m: re.Match[str], where: list[int]) -> tuple[int, int, int, int, int]:
    """Branch ``bi``'s match in a shorter reading of a sentence (``where``: per character, the
    offset in the sentence it came from) as a raw match of the sentence as written."""
    la, lb = _listed(m, 0)
    listed = (where[la], where[lb - 1] + 1) if la >= 0 else (-1, -1)
    return bi, where[_claim_start(m)], where[m.end() - 1] + 1, *listed


def _claim_start(m: re.Match[str]) -> int:
    """Where a match's claim starts: after the topic's first predicate when the frame reached
    a second one ("the fat cells freeze and [are eliminated]", rules.py ``predicate_gap``)."""
    first = m.groupdict().get("first")
    return m.end("first") if first is not None else m.start()


def _quotes_whole(
    rr: Rereading, sentence: str, raw: tuple[int, int, int, int, int]
) -> tuple[int, int, int, int, int]:
    """A raw match that a reading without quote marks cut through a pair of them, widened to
    hold both ("no 'downtime" is reported as "no 'downtime'")."""
    if rr.quoted is None:
        return raw
    bi, a, b, la, lb = raw
    for q in rr.quoted.finditer(sentence):
        o, c = q.start("open"), q.end("close")
        if o < a < c <= b:  # the close mark in the span, the open one left out
            a = o
        if a <= o < b < c:
            b = c
    return bi, a, b, la, lb


def _listed(m: re.Match[str], s0: int) -> tuple[int, int]:
    """The items a match reaches past through a list (rules.py, ``list_gap``), relative to the
    sentence, or (-1, -1)."""
    for name, value in m.groupdict().items():
        if value is not None and name.startswith("listed"):
            return m.start(name) - s0, m.end(name) - s0
    return -1, -1


def _unless(
    rule: Rule,
    low: str,
    s0: int,
    s1: int,
    without: tuple[int, int] | None = None,
    test: re.Pattern[str] | None = None,
) -> bool:
    """The rule's ``unless`` context (or ``test``: its ``informs``) is in the sentence (or
    paragraph), and nothing of its ``still_if`` is ("Brands include Botox" informs; "Botox from
    £99; brands include …" sells). ``without``: a span left out first (a list's items a claim
    reaches past)."""
    test = rule.unless_re if test is None else test
    if test is None:
        return False
    end = _paragraph_end(low, s1) if rule.unless_scope == "paragraph" else s1
    # searched in a slice, not with pos/endpos: "^" in a pattern means the sentence's start,
    # and with pos it would match only at the start of the page
    text = low[s0:end] if without is None else low[s0 : without[0]] + low[without[1] : end]
    if not test.search(text):
        return False
    return rule.still_if_re is None or not rule.still_if_re.search(text)


class _Page:
    """A rule's exceptions on one page. ``unless`` clears a claim unless the sentence names the
    clinic (``still_if_named``: "It is illegal to buy Botox online, so get genuine Botox at
    Glow Clinic" sells whatever information frame it borrows). ``informs`` clears it unless the
    clinic is named, and, for a rule with ``page_voice``, only on a page that speaks as a health
    service and does not sell (the pack's ``voice``): "Botulinum toxin relaxes the muscle" is
    the NHS informing, and a clinic naming what it sells. On a health service's own page (a
    hospital leaflet, the NHS) a ``page_voice`` rule is cleared in every sentence that does not
    sell, information cue or not. Whose page it is is decided once per detector and page, when
    a rule first asks (the question-answer detector asks only of an answer's claim)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._informs: bool | None = None
        self._public: bool | None = None

    def clears(self, rule: Rule, s0: int, s1: int, without: tuple[int, int] | None = None) -> bool:
        low = self.doc.lower
        if _unless(rule, low, s0, s1, without):
            return not self._named(rule, s0, s1)
        if self._named(rule, s0, s1):
            return False
        if rule.page_voice and self._page_public():
            return self._informs_here(rule, s0, s1)
        informs = rule.informs_re
        if informs is None or not _unless(rule, low, s0, s1, without, informs):
            return False
        return not rule.page_voice or self._page_informs()

    def public_voice(self, rule: Rule, s0: int, s1: int) -> bool:
        """Whether the sentence at [s0, s1) informs in a health service's voice: a ``page_voice``
        rule's claim there is no advert. The question-answer detector asks this of an answer,
        whose claim is read from a statement made up of its question."""
        return (
            rule.page_voice
            and self._page_public()
            and not self._named(rule, s0, s1)
            and self._informs_here(rule, s0, s1)
        )

    def _informs_here(self, rule: Rule, s0: int, s1: int) -> bool:
        """On a health service's own page every sentence that does not sell informs."""
        still = rule.still_if_re
        return still is None or not still.search(self.doc.lower[s0:s1])

    def clears_clause(self, rule: Rule, si: int, a: int, b: int) -> bool:
        """The rule's ``unless_clause`` stands in the clause of the claim at [a, b) (sentence
        ``si``), and the clinic is not named there."""
        test = rule.unless_clause_re
        if test is None:
            return False
        c0, c1 = _clause_with_lead(self.doc, si, a, b)
        return test.search(self.doc.lower[c0:c1]) is not None and not self._named(rule, c0, c1)

    def _named(self, rule: Rule, s0: int, s1: int) -> bool:
        voice = self.doc.pack.voice
        return rule.still_if_named and voice is not None and voice.named(self.doc.text, s0, s1)

    def _page_informs(self) -> bool:
        if self._informs is None:
            voice = self.doc.pack.voice
            # a pack that cannot tell whose page it is lets its information cues clear
            self._informs = (
                voice is None
                or (voice.page_informs is None and voice.page_public is None)
                or voice.informs(self.doc.text, self.doc.lower)
            )
        return self._informs

    def _page_public(self) -> bool:
        if self._public is None:
            voice = self.doc.pack.voice
            self._public = voice is not None and voice.public(self.doc.text, self.doc.lower)
        return self._public


def _clause_with_lead(doc: Doc, si: int, a: int, b: int) -> tuple[int, int]:
    """The clause around [a, b) with the word that opens it and the few words that govern that
    word: "tell us if you have had Botox", not "you have had Botox". A cue written for a clause
    may start with them; a clause before those words is not read ("Botox smooths every line,
    so tell us if you have had it")."""
    c0, c1 = doc.clause(a, b)
    for bs, be in doc.clause_breaks(si):
        if be <= c0 and not doc.lower[be:c0].strip():
            s0 = doc.sentence(si)[0]
            lead = [m.start() for m in _WORD.finditer(doc.lower, s0, bs)][-3:]
            return (lead[0] if len(lead) == 3 else s0), c1
    return c0, c1


def _paragraph_end(low: str, s1: int) -> int:
    """Where the paragraph holding offset ``s1`` ends (a block edge or a blank line)."""
    ends = [i for i in (low.find("\x1f", s1), low.find("\n\n", s1)) if i >= 0]
    return min(ends) if ends else len(low)


def _excluded(rule: Rule, low: str, a: int, b: int, doc: Doc) -> bool:
    """The rule's own "not when preceded/followed by" conditions: the words before the match
    (in its sentence) and after it (in its clause)."""
    if rule.unless_before_re is None and rule.unless_after_re is None:
        return False
    s0 = doc.sentence(doc.sentence_of(a))[0]
    if rule.unless_before_re is not None and search_before(rule.unless_before_re, low, s0, a, 60):
        return True
    if rule.unless_after_re is None:
        return False
    return bool(rule.unless_after_re.match(low, b, doc.clause(a, b)[1]))


def _timing_word(pack: LanguagePack, question: str, answer: str, lead: int) -> re.Match[str] | None:
    """The answer's timing word when the question asks how long or how soon ("How long will it
    last? Permanently.")."""
    if pack.timing_question is None or pack.answer_timing is None:
        return None
    if pack.timing_question.match(question) is None:
        return None
    return pack.answer_timing.match(answer, lead)


def _universal(pack: LanguagePack, word: str) -> bool:
    """Whether a yes also says always or for everyone ("Every single time.", "100%."): the
    statement it affirms then carries those words ("it works every single time")."""
    return pack.answer_universal is not None and pack.answer_universal.fullmatch(word) is not None


def _qualified(pack: LanguagePack, answer: str, end: int) -> bool:
    """Whether the rest of an answer qualifies it: "Straight away, but expect swelling for
    days" is typical experience, not a promise."""
    return pack.contrast is not None and pack.contrast.search(answer, end) is not None


def _timing_statements(pack: LanguagePack, question: str, when: str) -> list[str]:
    """What a timing answer says: "When can I go back to work? Straight away." says "I can go
    back to work straight away"; "How long will it last? Permanently." says "it will last
    permanently" and, for questions about results, "the results permanently"."""
    m = pack.wh_start.match(question)  # "how long" in "how long will it last"
    # a yes/no question ("Will it last? Permanently.") asks its whole self
    asked = (question[m.end() :] if m else question).strip().rstrip("?!. ")
    about_results = pack.timing_results is not None and pack.timing_results.search(asked)
    said = [f"the results {when}"] if about_results else []
    if asked:
        said += [
            f"{s} {when}" for s in _statements(asked, pack.statement, False, pack.subject_pronouns)
        ]
    return said


class AnswerDetector:
    """An answer makes its question's claim: "Is it painful? Not at all." says it is not
    painful; "Is it painless? Yes, completely." says it is painless; "Is it painless? No." says
    nothing wrong; "Wrinkles? Gone." says the wrinkles are gone; and after a bare topic,
    "Thinning hair? Our cocktail reverses it." says the cocktail reverses thinning hair.

    The question is read as the statement it asks about (the language pack's ``statement``
    form); the answer decides between the statement, its denial and the topic's removal; the
    resulting sentence goes through the rules and judges of ``judge_statement``, and what
    survives is reported on the answer's words.
    """

    name = "question-answer"

    def __init__(self, judge_statement: Callable[[str], list[Candidate]]) -> None:
        self.judge_statement = judge_statement

    def detect(self, doc: Doc) -> list[Candidate]:
        out = self._handovers(doc)
        if "?" not in doc.text and not doc.previous.rstrip().endswith("?"):
            return out
        n = len(doc.sentence_ends)
        pairs: list[tuple[str, int, int]] = []  # (question text, answer sentence, question)
        if doc.previous.rstrip().endswith("?") and (ai := _answer_sentence(doc, -1)) >= 0:
            pairs.append((doc.previous.strip().lower(), ai, -1))
        for qi in doc.question_candidates():
            if qi < n - 1 and doc.is_question(qi) and (ai := _answer_sentence(doc, qi)) >= 0:
                pairs.append((doc.sentence_text(qi), ai, qi))
        page = _Page(doc)
        for question, ai, qi in pairs:
            a0, a1 = doc.sentence(ai)
            # on a health service's page the answer informs as its question does
            found = self._answer(doc, question, ai, qi)
            out.extend(c for c in found if not page.public_voice(c.rule, a0, a1))
        remedy = doc.pack.remedy
        if remedy is not None and remedy.why_when is not None:
            for qi in doc.question_candidates():
                if doc.is_question(qi):
                    out.extend(self._why_when(doc, remedy, qi))
        return out

    def _handovers(self, doc: Doc) -> list[Candidate]:
        """ "Bra bulge, love handles — we sculpt them all away.": a line of problems handed
        over to the clinic's voice, read as the clinic's words with the problems in the place
        of their pronoun (the pack's ``questions.remedy.handover``)."""
        remedy = doc.pack.remedy
        if remedy is None or remedy.handover is None or remedy.voice is None:
            return []
        low = doc.lower
        out: list[Candidate] = []
        seen: set[int] = set()
        for mark in _HANDOVER_MARKS:
            for si in doc.sentences_with(mark):
                if si in seen:
                    continue
                seen.add(si)
                s0, s1 = doc.sentence(si)
                m = remedy.handover.search(low, s0, s1)
                # the clinic's voice after the mark first: most marks ("Time: 45 min") have none
                if m is None or remedy.voice.match(low, m.end(), s1) is None:
                    continue
                head = low[s0 : m.start()].strip(_EDGE_MARKS)
                if not head or len(head.split()) > remedy.handover_words:
                    continue
                if doc.pack.statement.match(head) or doc.pack.pronoun.search(head):
                    continue  # a clause of its own, not a line of problems
                t0 = m.end()
                pron = doc.pack.pronoun.search(low, t0, s1)
                if pron is None:
                    continue
                p0, p1 = pron.span()
                said = low[t0:p0] + head + low[p1:s1]
                t0 += len(low[t0:s1]) - len(low[t0:s1].lstrip(_EDGE_MARKS))
                t1 = t0 + len(low[t0:s1].rstrip(_EDGE_MARKS + ".!"))
                for c in self.judge_statement(said):
                    if c.end <= p0 - m.end():
                        continue  # the clinic's words alone: the rule detector's
                    out.append(Candidate(t0, t1, c.rule, self.name, c.confidence, si, -1, said))
        return out

    def _why_when(self, doc: Doc, remedy: Remedy, qi: int) -> list[Candidate]:
        """ "Why live with jowls when one session can lift them?" promises what "One session
        will lift jowls." does: the "when" clause, its pronoun read as the problem and its
        modal as certain (the pack's ``questions.remedy.why_when``)."""
        assert remedy.why_when is not None and remedy.can is not None
        q0, q1 = doc.sentence(qi)
        m = remedy.why_when.match(doc.lower, q0, q1)
        if m is None:
            return []
        said = m["remedy"]
        can = remedy.can.search(said)
        pron = doc.pack.pronoun.search(said, can.end()) if can is not None else None
        if can is None or pron is None:
            return []
        said = (
            f"{said[: can.start()]}{remedy.certain}{said[can.end() : pron.start()]}"
            f"{m['problem']}{said[pron.end() :]}"
        )
        r0, r1 = m.span("remedy")
        return [
            Candidate(r0, r1, c.rule, "remedy", c.confidence, qi, -1, said)
            for c in self.judge_statement(said)
        ]

    def _answer(self, doc: Doc, question: str, ai: int, qi: int) -> list[Candidate]:
        pack = doc.pack
        a0, a1 = doc.sentence(ai)
        answer = doc.lower[a0:a1]
        lead = len(answer) - len(answer.lstrip(_EDGE_MARKS))
        if pack.filled is not None and (got := _filled(pack, question, answer, lead)):
            said, word = got
            start = a0 + word.end() - len(word.group(0).lstrip(_EDGE_MARKS))
            found = {
                c.rule.code: (c, statement)
                for statement in said
                for c in self.judge_statement(statement)
            }
            if found:
                return [
                    Candidate(start, a0 + word.end(), c.rule, self.name, c.confidence, ai, qi, st)
                    for c, st in found.values()
                ]
        topic = question.strip().rstrip("?!. ").strip()
        if degree := pack.degree_question.match(topic):  # "how painful is it" → "is it painful"
            topic = question = f"{degree['aux']} {degree['subject']} {degree['adj']}"
        topic = _concern_topic(pack, topic)
        bare = pack.statement.match(topic) is None and len(topic.split()) <= pack.topic_words
        if bare and (lead_words := pack.topic_lead.match(topic)):
            topic = topic[lead_words.end() :]
        word, kind = _answer_word(pack, answer, lead, bare)
        if word is None and bare and (got := self._remedy(doc, topic, ai, qi)):
            # the line's own words may say more of the topic ("Orange peel? We'll take care
            # of that."): the pronoun reading below is kept beside the promise
            said = self._pronoun(doc, topic, answer, lead, ai, qi)
            cats = {c.category for c in said}
            return [c for c in got if c.category not in cats] + said
        if word is None:
            word, kind = _timing_word(pack, question, answer, lead), "timing"
            if word is None:  # "How long will it last? A full year." (amounts.py)
                word, kind = amount_word(pack, question, answer, lead), "amount"
            if word is not None and _qualified(pack, answer, word.end()):
                return []
        if word is not None:
            said = (
                [f"{topic} gone"]
                if kind == "gone"
                else amount_statements(pack, question, word.group(0).strip(_EDGE_MARKS))
                or _timing_statements(pack, question, word.group(0).strip(_EDGE_MARKS))
                if kind in ("timing", "amount")
                else _statements(topic, pack.statement, kind == "no", pack.subject_pronouns)
            )
            start = a0 + word.end() - len(word.group(0).lstrip(_EDGE_MARKS))
            # the rest of the answer qualifies the statement ("Yes, when a nurse does it")
            # but its own claims are the rule detector's, so only the statement's count
            end = _past_echoes(pack, kind, answer, word.end())
            rest = answer[end:]
            if not rest.lstrip(" ").startswith((",", ";", ":", "—", "–", "-")):
                rest = ""  # "No treatment here cures acne": the answer word starts a sentence
            elif (
                kind == "yes" and pack.answer_timing is not None and pack.answer_timing.match(rest)
            ):
                # "Can you see the difference? Yes, after one session." says when: it
                # completes the statement rather than qualifying it
                rest = " " + rest.lstrip(" ,;:—–-")
            if kind == "yes" and _universal(pack, word.group(0)):
                said = said + [f"{s} {word.group(0).strip(_EDGE_MARKS)}" for s in said]
            # a rule no negation clears ("the liquid facelift") finds its claim in the
            # question's own words, reported there: "Is the liquid facelift safe? No." would
            # only say it again, on an answer that names nothing
            found = {
                c.rule.code: (c, statement + rest)
                for statement in said
                for c in self.judge_statement(statement + rest)
                if c.start < len(statement) and c.rule.negatable
            }
            return [
                Candidate(start, a0 + end, c.rule, self.name, c.confidence, ai, qi, st)
                for c, st in found.values()
            ]
        if not bare:
            return self._certain_line(doc, answer, ai, qi)
        return self._pronoun(doc, topic, answer, lead, ai, qi)

    def _certain_line(self, doc: Doc, answer: str, ai: int, qi: int) -> list[Candidate]:
        """A remedy line after any question says what it says with its "can" read as certain:
        "Finding more hair on your pillow? We can fix that." says what "We'll fix that." does."""
        remedy = doc.pack.remedy
        if remedy is None or remedy.modal is None or remedy.can is None:
            return []
        if len(answer.split()) > remedy.words or remedy.line.match(answer) is None:
            return []
        if (m := remedy.modal.match(answer)) is None:
            return []
        m0, m1 = m.span("modal")
        said = answer[:m0] + remedy.certain + answer[m1:]
        a0 = doc.sentence(ai)[0]
        d = len(remedy.certain) - (m1 - m0)

        def back(i: int) -> int:
            return i if i <= m0 else max(m0, i - d)

        return [
            Candidate(
                a0 + back(c.start), a0 + back(c.end), c.rule, "remedy", c.confidence, ai, qi, said
            )
            for c in self.judge_statement(said)
        ]

    def _pronoun(
        self, doc: Doc, topic: str, answer: str, lead: int, ai: int, qi: int
    ) -> list[Candidate]:
        """ "Stubborn belly? Our injections dissolve it.": the pronoun read as the topic."""
        pack = doc.pack
        a0 = doc.sentence(ai)[0]
        pron = pack.pronoun.search(answer, lead)
        if pron is None:
            return []
        p0, p1 = pron.span()
        head, name, m0, d = answer[:p0], self.name, p0, 0
        remedy = pack.remedy
        if remedy is not None and remedy.modal is not None and (m := remedy.modal.match(head)):
            # "Saggy jowls? Our HIFU can lift them.": the clinic's "can" answering a problem
            # promises; the modal is read as certain
            m0, m1 = m.span("modal")
            head = head[:m0] + remedy.certain + head[m1:]
            d = len(remedy.certain) - (m1 - m0)
            name = "remedy"
        said = head + topic + answer[p1:]
        q0 = p0 + d  # where the topic starts in the statement
        shift = len(topic) - (p1 - p0) + d
        out = []
        t1 = q0 + len(topic)  # where the topic ends in the statement

        def back(i: int, end: bool) -> int:  # a statement offset -> an answer offset
            if i < q0 or (end and i == q0):
                return i if i <= m0 else max(m0, i - d)
            return (p1 if end else p0) if i <= t1 else i - shift

        for c in self.judge_statement(said):
            s, e = back(c.start, False), back(c.end, True)
            end = a0 + max(e, s + 1)
            out.append(Candidate(a0 + s, end, c.rule, name, c.confidence, ai, qi, said))
        return out

    def _remedy(self, doc: Doc, topic: str, ai: int, qi: int) -> list[Candidate]:
        """A short line in the clinic's voice that takes on a bare topic's problem ("Dark
        circles? We've got the answer.", "Double chin? We can fix that.") promises it gone,
        whatever its modal: read as "{topic} gone" (so only a problem the rules know counts)
        and, where it does, as the pack's promise too (the pack's ``questions.remedy``)."""
        remedy = doc.pack.remedy
        if remedy is None:
            return []
        a0, a1 = doc.sentence(ai)
        answer = doc.lower[a0:a1]
        if len(answer.split()) > remedy.words or remedy.line.match(answer) is None:
            return []
        topics = [topic]
        for pi in range(qi - 1, max(qi - 1 - remedy.chain, -1), -1):  # "Hangover? Jet lag? ..."
            if not doc.is_question(pi):
                break
            earlier = _concern_topic(doc.pack, doc.sentence_text(pi).rstrip("?!. ").strip())
            if doc.pack.statement.match(earlier) or len(earlier.split()) > doc.pack.topic_words:
                break
            topics.append(earlier)
        found = {
            c.rule.code: (c, f"{t} gone") for t in topics for c in self.judge_statement(f"{t} gone")
        }
        if not found:
            return []
        found.update({c.rule.code: (c, remedy.says) for c in self.judge_statement(remedy.says)})
        text = answer.strip(_EDGE_MARKS + ".!")
        start = a0 + answer.index(text) if text else a0
        return [
            Candidate(start, start + len(text), c.rule, "remedy", c.confidence, ai, qi, said)
            for c, said in found.values()
        ]


_HANDOVER_MARKS = ("—", "–", " - ", ": ")  # what hands a line of problems over to the clinic


def _answer_sentence(doc: Doc, qi: int) -> int:
    """The sentence that answers question ``qi``: the next one with words, past the empty
    ones a block edge leaves ("## Is it painful?" then a paragraph "Not at all.") and a label
    the full stop made a sentence of its own ("A." before "Yes."), or -1."""
    for ai in range(qi + 1, min(qi + 4, len(doc.sentence_ends))):
        a0, a1 = doc.sentence(ai)
        text = doc.lower[a0:a1]
        if text.strip(_BLANK) and not doc.pack.answer_label.match(text):
            return ai
    return -1


_BLANK = " \t\n\x1f"  # what a sentence of no words between blocks is made of
# what an answer's word may be wrapped in that is no part of it: blanks, quotes, emphasis, dashes
_EDGE_MARKS = _BLANK + "\"'*_-—–"
_SUBJECT_WORDS = 3  # the longest subject a yes/no question is read with ("laser hair removal")


def _concern_topic(pack: LanguagePack, topic: str) -> str:
    """What a question that names a worry asks about: "worried about the downtime" asks about
    "downtime", "scared it'll hurt" asks "will it hurt" (the pack's ``questions.concern``)."""
    lead = pack.concern_lead.match(topic) if pack.concern_lead is not None else None
    if lead is None:
        return topic
    worry = topic[lead.end() :]
    clause = pack.concern_clause.match(worry) if pack.concern_clause is not None else None
    if clause is None:
        return worry
    aux = clause["aux"]
    return f"{pack.concern_aux.get(aux, aux)} {clause['subject']}{clause['rest']}"


def _answer_word(
    pack: LanguagePack, answer: str, lead: int, bare: bool
) -> tuple[re.Match[str] | None, str]:
    """The answer's yes or no word, the longer where both fit ("Absolutely not." denies), or
    after a bare topic a word that removes it ("Wrinkles? Gone.")."""
    best: re.Match[str] | None = None
    kind = ""
    for k, rx in (("yes", pack.answer_yes), ("no", pack.answer_no)):
        m = rx.match(answer, lead)
        if m is not None and (best is None or m.end() > best.end()):
            best, kind = m, k
    if best is None and bare:
        best, kind = pack.answer_gone.match(answer, lead), "gone"
    return best, kind


def _past_echoes(pack: LanguagePack, kind: str, answer: str, end: int) -> int:
    """Where an answer's words end once its repeats are read: "No, not at all." says no twice
    (the second is no refutation of the first), "Yes, absolutely." yes twice."""
    rx = pack.answer_no if kind == "no" else pack.answer_yes if kind == "yes" else None
    while rx is not None and answer[end : end + 1] in _ECHO_BREAKS and end < len(answer):
        m = rx.match(answer, end)
        if m is None or m.end() <= end:
            break
        end = m.end()
    return end


_ECHO_BREAKS = frozenset(",;:—–- ")  # what stands between an answer word and its repeat


def _filled(
    pack: LanguagePack, question: str, answer: str, lead: int
) -> tuple[list[str], re.Match[str]] | None:
    """A wh-question the answer fills in, as the statements it makes, and the answer's words:
    "Who can't have it? Practically nobody." says "everyone can have it"; "Who is it suitable
    for? Everyone." says "it is suitable for everyone"; "Is there anyone who can't have it?
    No." asks and answers the same (the pack's ``questions.filled``)."""
    filled = pack.filled
    assert filled is not None
    q = question.strip().rstrip("?!. ").strip()
    denial = ""
    for rx, says in filled.exists:
        if m := rx.match(q):
            # "can anything go wrong" reads as "what can go wrong", answered by its denial
            aux = m.groupdict().get("aux") or ""
            q, denial = f"{q[: m.start()]}what {aux} {q[m.end() :]}", says
            break
    parts = filled.question.match(q)
    if parts is None:
        return None
    word, says, negated = None, "", ""
    for rx, said, unsaid in filled.answers:
        if (word := rx.match(answer, lead)) is not None:
            says, negated = said, unsaid
            break
    if word is None and denial and (word := pack.answer_no.match(answer, lead)) is not None:
        says = denial
        negated = next((u for _, s, u in filled.answers if s == denial), "")
    if word is None or not filled.closes.match(answer, word.end()):
        return None
    if filled.exceptions.match(answer, word.end()):
        return None  # "Anyone, except pregnant women": the answer names its limits
    aux, neg, rest = parts["aux"] or "", bool(parts["neg"]), parts["rest"].strip()
    return _filled_statements(filled, pack, says, negated, aux, neg, rest), word


def _filled_statements(
    filled: Filled, pack: LanguagePack, says: str, negated: str, aux: str, neg: bool, rest: str
) -> list[str]:
    """The answer read as the subject ("nobody can't have it" is "everyone can have it") and,
    when the question has a subject of its own, as the object ("it is suitable for everyone",
    "it suits everybody")."""
    aux = filled.aux_forms.get(aux, aux)
    ending = filled.do_support.get(aux)
    shown = "" if ending is not None else aux

    def filled_in(denied: bool) -> tuple[str, str]:  # (the answer's word, a negation or "")
        return (negated, "") if denied and negated else (says, "not" if denied else "")

    who, no = filled_in(neg)
    out = [" ".join(w for w in (who, shown, no, rest) if w)]
    m = pack.statement.match(f"{aux} {rest}") if aux else None
    if m is not None:
        more = m.group("rest").split()
        inner = more[:1] == ["not"]  # "who is it not suitable for"
        who, no = filled_in(neg or inner)
        verb, tail = (more[1:2], more[2:]) if inner else (more[:1], more[1:])
        for v in {*verb, *(w + ending for w in verb if ending)}:
            out.append(" ".join([m.group("subject"), *filter(None, (shown, no, v)), *tail, who]))
    return out


def _statements(
    question: str, form: object, denied: bool, pronouns: frozenset[str] = frozenset()
) -> list[str]:
    """The statement a yes/no question asks about, or its denial (a bare topic's denial is
    read both ways: "Side effects? None." is "no side effects", "Painful? Not at all." is
    "it is not painful")."""
    q = question.strip().rstrip("?!. ").strip()
    m = form.match(q)  # type: ignore[attr-defined]
    if m is None:  # a bare topic: "Side effects?", "Downtime?", "Painful?", "Safe? Totally."
        return [f"no {q}", f"it is not {q}"] if denied else [q, f"it is {q}"]
    aux, subject, rest = m.group("aux"), m.group("subject"), m.group("rest")
    neg = " not" if denied else ""
    # "Is there downtime? None." / "Are there any side effects? No." say there is no downtime
    if denied and subject == "there" and not rest.lstrip().startswith(("zero", "no ", "none")):
        neg, rest = " no", re.sub(r"^\s*any\b", "", rest)
    said = [f"{subject} {aux}{neg}{rest}"]
    # the subject may be two words ("Are HA fillers safe?", "Is the liquid facelift safe?"), or
    # three before a one-word predicate ("Does laser hair removal hurt?"): read it each way. A
    # longer subject before more words is not tried: "can mesotherapy help me lose weight"
    # would read "mesotherapy help me can not lose weight", which a rule may take for a promise.
    words, own = rest.split(), len(subject.split())
    if subject not in pronouns:
        # words the subject may take from the rest: one, or all but a one-word predicate (a
        # determiner, as in "the liquid facelift", is no word of the subject's length)
        room = _SUBJECT_WORDS + (own > 1) - own
        for k in sorted({1, len(words) - 1}):
            if 1 <= k <= room and k < len(words):
                said.append(f"{subject} {' '.join(words[:k])} {aux}{neg} {' '.join(words[k:])}")
    return said
