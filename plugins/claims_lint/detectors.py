"""Detectors: stage two of the pipeline. Each yields candidate claims from a :class:`Doc`.

A detector only proposes; the judges (judges.py) decide what the context makes of a candidate.
Two detectors ship: the rule detector (the YAML rules) and the question-answer detector (an
answer such as "Yes, completely." makes its question's claim).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .patterns import trie_regex
from .rules import Rule
from .segment import Doc

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

    @property
    def category(self) -> str:
        return self.rule.category


class Detector(Protocol):
    """Anything that proposes candidates for a document."""

    name: str

    def detect(self, doc: Doc) -> list[Candidate]: ...


_WORD_BACK = re.compile(r"[\w%'-]+\Z")
_WORD_FWD = re.compile(r"[\w%'-]*")


def _WORDISH(c: str) -> bool:  # noqa: N802 - reads like the regexes above
    return c.isalnum() or c in "%'-_"


class RuleDetector:
    """The YAML rules: one scan for every rule's derived anchors picks the sentences worth
    trying, then each candidate rule's regex runs on its sentence."""

    name = "rules"

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        anchors: dict[str, set[int]] = {}
        for i, r in enumerate(self.rules):
            for a in r.anchors:
                anchors.setdefault(a, set()).add(i)
        self._anchors = anchors
        self._scan = trie_regex(sorted(anchors)) if anchors else None
        # A hit can be longer than the anchor it starts with ("painless" for "pain") and can
        # contain other anchors ("antiwrinkle"): the rules of a hit string, computed once.
        self._hit_rules: dict[str, frozenset[int]] = {}
        self._doc_checks: dict[int, bool] = {}

    def _rules_for_hit(self, hit: str) -> frozenset[int]:
        found = self._hit_rules.get(hit)
        if found is None:
            acc: set[int] = set()
            for a, idx in self._anchors.items():
                if a in hit:
                    acc |= idx
            found = frozenset(acc)
            if len(self._hit_rules) < 50000:
                self._hit_rules[hit] = found
        return found

    def candidate_sentences(self, doc: Doc) -> dict[int, set[int]]:
        """Sentence index -> indexes of the rules worth trying there."""
        if self._scan is None:
            return {}
        out: dict[int, set[int]] = {}
        ends: list[int] | None = None
        low = doc.lower
        n = len(low)
        for m in self._scan.finditer(low):
            s, e = m.span()
            # The scan consumes its hit, so an anchor starting inside it ("solving" inside
            # "dissolving") is only seen by looking at the whole word around the hit.
            if (s and _WORDISH(low[s - 1])) or (e < n and _WORDISH(low[e])):
                left = _WORD_BACK.search(low, max(0, s - 40), s)
                right = _WORD_FWD.match(low, e)
                word = low[left.start() if left else s : right.end() if right else e]
                rules = self._rules_for_hit(word) | self._rules_for_hit(m.group(0))
            else:
                rules = self._rules_for_hit(m.group(0))
            if not rules:
                continue
            if ends is None:
                ends = doc.sentence_ends
            si = min(bisect_right(ends, m.start()), len(ends) - 1)
            got = out.get(si)
            if got is None:
                out[si] = set(rules)
            else:
                got |= rules
        return out

    def detect(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        low = doc.lower
        doc_checks: dict[int, bool] = {}
        for si, rule_ids in sorted(self.candidate_sentences(doc).items()):
            s0, s1 = doc.sentence(si)
            for ri in sorted(rule_ids):
                rule = self.rules[ri]
                if rule.unless_re is not None and rule.unless_re.search(low, s0, s1):
                    continue
                if rule.requires_doc_re is not None:
                    if ri not in doc_checks:
                        doc_checks[ri] = bool(rule.requires_doc_re.search(low))
                    if not doc_checks[ri]:
                        continue
                for m in rule.regex.finditer(low, s0, s1):
                    a, b = m.span()
                    if a == b or _excluded(rule, low, a, b, doc):
                        continue
                    out.append(Candidate(a, b, rule, self.name, rule.confidence, si))
        return out


def _excluded(rule: Rule, low: str, a: int, b: int, doc: Doc) -> bool:
    """The rule's own "not when preceded/followed by" conditions, within the clause."""
    if rule.unless_before_re is None and rule.unless_after_re is None:
        return False
    c0, c1 = doc.clause(a, b)
    if rule.unless_before_re is not None and rule.unless_before_re.search(low, max(c0, a - 60), a):
        return True
    return rule.unless_after_re is not None and bool(rule.unless_after_re.match(low, b, c1))


class AnswerDetector:
    """An answer makes its question's claim: "Is it painful? Not at all." says it is not
    painful; "Is it painless? Yes, completely." says it is painless; "Is it painless? No." says
    nothing wrong.

    The question is read as the statement it asks about (the language pack's ``statement``
    form), the answer's yes or no decides between the statement and its denial, and the
    resulting sentence goes through the rules and judges of ``judge_statement``. What survives is
    reported on the answer's words.
    """

    name = "question-answer"

    def __init__(self, judge_statement: Callable[[str], list[Candidate]]) -> None:
        self.judge_statement = judge_statement

    def detect(self, doc: Doc) -> list[Candidate]:
        if "?" not in doc.text:
            return []
        pack = doc.pack
        out: list[Candidate] = []
        n = len(doc.sentence_ends)
        pairs: list[tuple[str, int]] = []  # (question text, answer sentence)
        if doc.previous.rstrip().endswith("?") and n:
            pairs.append((doc.previous.strip().lower(), 0))
        for qi in range(n - 1):
            if doc.is_question(qi):
                pairs.append((doc.sentence_text(qi), qi + 1))
        for question, ai in pairs:
            a0, a1 = doc.sentence(ai)
            answer = doc.lower[a0:a1]
            lead = len(answer) - len(answer.lstrip(" \t\n\x1f\"'*_-—–"))
            yes = pack.answer_yes.match(answer, lead)
            no = None if yes else pack.answer_no.match(answer, lead)
            if not (yes or no):
                continue
            said = _statement(question, pack.statement, denied=no is not None)
            word = yes or no
            assert word is not None
            start = a0 + word.end() - len(word.group(0).lstrip("\x1f\"'*_-—– \t\n"))
            qsi = ai - 1 if ai > 0 else -1  # -1: the question was the previous unit's text
            for c in self.judge_statement(said):
                out.append(Candidate(start, a0 + word.end(), c.rule, self.name, c.confidence, ai, qsi))
        return out


def _statement(question: str, form: object, denied: bool) -> str:
    """The statement a yes/no question asks about, or its denial."""
    q = question.strip().rstrip("?!. ").strip()
    m = form.match(q)  # type: ignore[attr-defined]
    if m is None:  # a bare topic: "Side effects?", "Downtime?"
        return f"no {q}" if denied else q
    aux, subject, rest = m.group("aux"), m.group("subject"), m.group("rest")
    neg = " not" if denied else ""
    return f"{subject} {aux}{neg}{rest}"
