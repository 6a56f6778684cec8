"""Answers that are an amount and nothing more: "How long will it last? A full year.", "How
many sessions will I need? Just one." The fragment says nothing alone; with its question it
makes a permanence or efficacy claim. The question-answer detector (detectors.py) asks these
helpers for the answer's amount and the statements it makes; the words are the language pack's
``pairs.amounts`` section.
"""

from __future__ import annotations

import re

from .language import LanguagePack

__all__ = ["amount_statements", "amount_word", "label_statements"]


def amount_word(pack: LanguagePack, question: str, answer: str, lead: int) -> re.Match[str] | None:
    """The answer's amount, when the question asks how long, how soon or how many and the
    answer is the amount alone ("A full year.", "Up to two years, often longer."); an answer
    that goes on past it ("A year for most people") or opens otherwise ("Usually three")
    gives none."""
    pairs = pack.pairs
    if pairs is None or pairs.amount is None:
        return None
    timing = pack.timing_question is not None and pack.timing_question.match(question)
    if not timing and not any(rx.match(question) for rx, _ in pairs.counts):
        return None
    return pairs.amount.match(answer, lead)


def amount_statements(pack: LanguagePack, question: str, amount: str) -> list[str]:
    """What an amount says after a question about how many ("How many sessions? Just one."
    says "results after just one sessions", which the rules read), or [] for a question about
    how long, which is read as a timing answer is."""
    if pack.pairs is None:
        return []
    for rx, says in pack.pairs.counts:
        if m := rx.match(question):
            return _filled_in(says, m, amount)
    return []


def label_statements(pack: LanguagePack, label: str, value: str) -> list[str]:
    """What a label that asks how many says with an amount as its value: "Sessions needed: 1"
    says what "How many sessions? 1." does; [] for any other label or value."""
    pairs = pack.pairs
    if pairs is None or pairs.amount is None or not pairs.count_labels:
        return []
    amount = pairs.amount.match(value)
    if amount is None or value[amount.end() :].strip(" .!;,"):
        return []
    for rx, says in pairs.count_labels:
        if m := rx.match(label):
            return _filled_in(says, m, amount.group(0).strip())
    return []


class _Groups(dict[str, str]):
    """A template's fields: a group the regex has not got, or did not match, reads empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _filled_in(says: tuple[str, ...], m: re.Match[str], amount: str) -> list[str]:
    groups = _Groups({k: v for k, v in m.groupdict().items() if v})
    groups["amount"] = amount
    return [t.format_map(groups) for t in says]
