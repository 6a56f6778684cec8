"""The detector pipeline: text → sentences and clauses → candidate claims → context judges.

::

    Doc (segment.py)      sentences and clauses with offsets, from the language pack
      → detectors         RuleDetector (the YAML rules), AnswerDetector (answers inherit),
                          PairDetector (contrasts and labels across two sentences)
      → judges            question, reported/refuted, negation, hedge, refuted belief
                          (judges.py)
      → dedupe            one claim per category per span; a rule that ``defers`` yields to
                          any other category on the same words; one claim per rule per sentence

Evidence and suppressions come after this, in the engine, and keep the rule's code.
"""

from __future__ import annotations

from collections.abc import Sequence

from .detectors import AnswerDetector, Candidate, Detector, RuleDetector, filler_words
from .judges import JUDGES, Judge, refuted_denials
from .language import LanguagePack
from .pairs import PairDetector
from .segment import Doc

__all__ = ["Pipeline"]


class Pipeline:
    """Runs the detectors and judges over one document at a time (stateless between docs)."""

    def __init__(
        self,
        rules: Sequence,
        pack: LanguagePack,
        judges: Sequence[Judge] = JUDGES,
        dedupe: bool = True,
    ) -> None:
        self.pack = pack
        # Rule examples are checked per rule, so their test keeps every rule's own claim.
        self.dedupe = dedupe
        self.judges = tuple(judges)
        # a refuted belief that denies a claim makes it (judges.refuted_denials)
        self._refutes = any(j.name == "refuted" for j in self.judges)
        self.rule_detector = RuleDetector(rules, filler_words(pack), pack.rereading)
        self._reported_memo: dict[str, list[tuple[int, int, bool]]] = {}
        # a statement's claims depend on its words alone: pages repeat their answers, pairs
        # and labels, so each distinct statement is judged once per linter
        self._statement_memo: dict[str, list[Candidate]] = {}
        # Statements made by answers go through the rules and every judge but the question one.
        self._statement_judges = tuple(j for j in self.judges if j.name != "question")
        self.detectors: tuple[Detector, ...] = (
            self.rule_detector,
            AnswerDetector(self._judge_statement),
            PairDetector(self._judge_statement),
        )

    def run(self, text: str, lower: str, previous: str = "") -> tuple[Doc, list[Candidate]]:
        """The document (for its sentences) and the claims that survive every judge."""
        doc = Doc(text, lower, self.pack, previous, self._reported_memo)
        cands: list[Candidate] = []
        for detector in self.detectors:
            cands.extend(detector.detect(doc))
        if not cands:
            return doc, []
        kept = self._judge(doc, cands, self.judges)
        if self._refutes:
            kept += refuted_denials(doc, cands, kept)
        return doc, _dedupe(kept) if self.dedupe else kept

    def explain(self, text: str, lower: str) -> list[tuple[Candidate, str]]:
        """Every candidate with the judge that dropped it ("" when kept): for ``--explain``."""
        doc = Doc(text, lower, self.pack)
        cands = [c for d in self.detectors for c in d.detect(doc)]
        out = []
        for c in cands:
            verdict = next((j.name for j in self.judges if not j.keep(doc, c, cands)), "")
            out.append((c, verdict))
        return out

    def _judge_statement(self, statement: str) -> list[Candidate]:
        known = self._statement_memo.get(statement)
        if known is None:
            if len(self._statement_memo) >= _STATEMENT_MEMO_SIZE:
                self._statement_memo.clear()  # bounded: a huge page of new text stays small
            known = self._statement_memo[statement] = self._judge_new_statement(statement)
        return known

    def _judge_new_statement(self, statement: str) -> list[Candidate]:
        low = statement.lower()
        doc = Doc(statement, low, self.pack)
        cands = self.rule_detector.detect(doc)
        return _dedupe(self._judge(doc, cands, self._statement_judges)) if cands else []

    @staticmethod
    def _judge(doc: Doc, cands: list[Candidate], judges: Sequence[Judge]) -> list[Candidate]:
        # Every judge sees the other candidates of the sentence (negation needs their words).
        by_sentence: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sentence.setdefault(c.sentence, []).append(c)
        doc.claims = by_sentence
        return [c for c in cands if all(j.keep(doc, c, by_sentence[c.sentence]) for j in judges)]


_STATEMENT_MEMO_SIZE = 20_000


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One claim per category for overlapping text: the earliest, longest match wins. A rule
    that ``defers`` (a generic one, such as an unhedged outcome) yields to a claim of any other
    category on overlapping words, except the categories it ``stands_beside`` ("erases
    wrinkles" is both an outcome stated as fact and an inflated one: two faults, two findings)."""
    # Overlapping candidates share a sentence, so each sentence is settled on its own.
    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault(c.sentence, []).append(c)
    out: list[Candidate] = []
    for group in by_sentence.values():
        out += _dedupe_sentence(group)
    return sorted(out, key=lambda c: (c.start, -(c.end - c.start), c.rule.code))


def _dedupe_sentence(cands: list[Candidate]) -> list[Candidate]:
    # A deferring claim yields first, and only to firm claims that stay. Were each category's
    # overlapping claims settled first, a deferring rule could take its category's place and
    # then yield, and the category would be lost: in "acne scars will be gone for good" a
    # generic outcome rule took "scars will be gone" from "gone for good", then yielded to the
    # medical claim, and no permanence finding was left.
    firm = _one_per_category([c for c in cands if not c.rule.defers])
    kept = _one_per_category([c for c in cands if not (c.rule.defers and _yields(c, firm))])
    return _one_per_rule(kept)


def _one_per_rule(cands: list[Candidate]) -> list[Candidate]:
    """The first claim of each rule in the sentence: a rule that matches twice ("Clients tell
    us their friends keep asking ...") is one fault to mend, and two findings on one sentence
    read as noise. (Categories are settled first, so the second match still took its words
    from any other claim of its category.)"""
    seen: set[str] = set()
    out = []
    for c in cands:  # sorted by position
        if c.rule.code not in seen:
            seen.add(c.rule.code)
            out.append(c)
    return out


def _one_per_category(cands: list[Candidate]) -> list[Candidate]:
    """The earliest, longest claim of each category where its claims overlap."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start), c.rule.code))
    kept: list[Candidate] = []
    reach: dict[str, int] = {}  # per category, where its kept claims end (starts are sorted)
    for c in cands:
        if c.start < reach.get(c.category, -1):
            continue
        kept.append(c)
        reach[c.category] = max(reach.get(c.category, -1), c.end)
    return kept


def _yields(c: Candidate, firm: list[Candidate]) -> bool:
    """The deferring claim ``c`` overlaps a firm claim of a category it does not stand beside."""
    return any(
        k.category != c.category
        and k.category not in c.rule.stands_beside
        and c.start < k.end
        and k.start < c.end
        for k in firm
    )
