"""A rule's second reading of a sentence: the words read as the forms the rule was written in.

A rule that finds nothing in a sentence as written reads it again with the language pack's
``fillers`` left out (detectors.py) and, here, in the forms of its ``rereading`` section: a
determiner read as another ("Hate the thighs?" as "Hate your thighs?"), a plural after a
determiner as its singular ("Trim your waistlines" as "Trim your waistline"), a word of
certainty after a verb read past ("will definitely work" as "will work") and a place between
two words read past ("One syringe at Lumen Clinic is" as "One syringe is") and the quote marks
around a word or two read past ("no 'downtime'" as "no downtime"). Each reading is a
lower-case text and, per character, the offset in the sentence it came from, so a finding is
still a span of the words as written. Only rule patterns read these texts: a rule's exceptions
and every judge read the sentence as written.
"""

from __future__ import annotations

import re

from .language import Rereading

__all__ = ["Edited", "counts", "forms_used", "readings"]

_WORD = re.compile(r"[a-z]+")

# An edit of a sentence: (start, end, what stands there instead, which form: "det", "plural",
# "drop" or "filler").
Edit = tuple[int, int, str, str]
# A reading: its text, per character the offset in the sentence it came from, and where in the
# text its edits stand (start, end, form; start == end where words were read past).
Edited = tuple[str, list[int], list[tuple[int, int, str]]]


def readings(sentence: str, rr: Rereading, fillers: re.Pattern[str] | None) -> list[Edited]:
    """The other readings of a lower-case ``sentence`` (none when no form applies), each an
    ``Edited`` (text, offsets, edits): with its words read past, once per word of ``read_as``
    when it holds a determiner, and once more with its plurals read as singulars. Determiners
    and plurals are separate readings: a rule may name "your thighs", and reading both would
    miss it. Fillers alone make no reading: the detector read the sentence without them first,
    and a match must hold another form to count."""
    if not _applies(sentence, rr):
        return []  # most sentences of a page: no work past one search or three
    dropped = _dropped(sentence, rr, fillers)
    dets = [] if rr.determiners is None else list(rr.determiners.finditer(sentence))
    tries = [
        [(m.start(), m.end(), target, "det") for m in dets if m.group() != target]
        for target in rr.read_as
    ]
    tries.append(_singulars(sentence, rr))
    out: list[Edited] = []
    seen = {sentence}
    for more in tries:
        reading = apply(sentence, _without_overlaps(dropped + more))
        if reading[0] not in seen:
            seen.add(reading[0])
            out.append(reading)
    return out


def _applies(sentence: str, rr: Rereading) -> bool:
    """Whether a form other than a filler may apply to ``sentence``: a determiner or a word a
    noun follows (a plural), a word of certainty, a place or quote marks. Never False where
    one does."""
    return any(
        rx is not None and rx.search(sentence)
        for rx in (rr.lead_words, rr.certainty, rr.places, rr.quoted)
    )


def forms_used(reading: Edited, start: int, end: int, gap: bool = False) -> frozenset[str]:
    """The forms of the edits a match that :func:`counts` holds (none when it does not)."""
    if not counts(reading, start, end, gap):
        return frozenset()
    return frozenset(f for a, b, f in reading[2] if f != "filler" and _inside(a, b, start, end))


def counts(reading: Edited, start: int, end: int, gap: bool = False) -> bool:
    """Whether a rule's match ``[start, end)`` in a reading is a claim of the words as written.

    It must hold an edit: a match beside the edits only (a rule's lookaround saw the other form)
    is one the rule chose not to make ("the teenage years" read as "the teenage year"). Where
    its only edits are determiners, none may end the match ("free chat with our" read as
    "with your" ends on the word the rule looks for next), and the rule must not read
    words in a gap (``gap``: a frame): a gap already reads past any determiner, so reading
    one as another only shortens the gap ("visible ageing of the skin" as "of your skin")."""
    _, _, edits = reading
    # fillers alone were read before (detectors.py): a match they made would have been found
    used = [(a, b, f) for a, b, f in edits if f != "filler" and _inside(a, b, start, end)]
    if not used:
        return False
    if any(form != "det" for _, _, form in used):
        return True
    return not gap and all(b < end for _, b, _ in used)


def _inside(a: int, b: int, start: int, end: int) -> bool:
    """An edit at ``[a, b)`` (a place where words were read past when a == b) is in a match."""
    return (a < end and b > start) if a < b else start < a < end


def _dropped(sentence: str, rr: Rereading, fillers: re.Pattern[str] | None) -> list[Edit]:
    """Words read past: fillers, words of certainty after a verb, a place between two words,
    and the quote marks around a word or two."""
    edits: list[Edit] = []
    if fillers is not None:
        edits += [(m.start(), m.end(), "", "filler") for m in fillers.finditer(sentence)]
    for rx in (rr.certainty, rr.places):
        if rx is not None:
            edits += [(m.start("drop"), m.end("drop"), "", "drop") for m in rx.finditer(sentence)]
    if rr.quoted is not None:  # "no 'downtime'" read as "no downtime": only the marks go
        for m in rr.quoted.finditer(sentence):
            edits += [(m.start(g), m.end(g), "", "quote") for g in ("open", "close")]
    return edits


def _singulars(sentence: str, rr: Rereading) -> list[Edit]:
    """The first plural within ``reach`` words after each word a noun follows, read as its
    singular. Only words after a determiner: there a noun stands, not a verb ("it lasts"); only
    the noun that ends its phrase (``head_end``): "no sales pressure" is not "no sale"."""
    if not rr.singular or not rr.noun_after:
        return []
    words = list(_WORD.finditer(sentence))
    edits: list[Edit] = []
    for i, m in enumerate(words):
        if m.group() not in rr.noun_after:
            continue
        prev = m
        for n in words[i + 1 : i + 1 + rr.reach]:
            if sentence[prev.end() : n.start()] != " ":
                break  # punctuation between: another phrase
            prev = n
            if n.group() in rr.noun_after or n.group() in rr.noun_stops:
                break
            one = _singular(n.group(), rr)
            if one is not None and rr.head_end.match(sentence, n.end()):
                edits.append((n.start(), n.end(), one, "plural"))
                break
    return edits


def _singular(word: str, rr: Rereading) -> str | None:
    """``word`` read as its singular, or None when it is no plural."""
    if len(word) < rr.min_length:
        return None
    for form in rr.singular:
        if form.when.search(word):
            if form.strip is None:
                return None
            return word[: len(word) - form.strip] + form.add
    return None


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    """The edits in order, an edit that overlaps an earlier one left out."""
    out: list[Edit] = []
    end = -1
    for edit in sorted(edits):
        if edit[0] >= end:
            out.append(edit)
            end = edit[1]
    return out


def apply(sentence: str, edits: list[Edit]) -> Edited:
    """``sentence`` with ``edits`` made, for each character the offset it came from (a
    replacement's characters come from the word it replaces), and where the edits stand."""
    parts: list[str] = []
    where: list[int] = []
    spans: list[tuple[int, int, str]] = []
    at = 0
    for a, b, new, form in edits:
        parts.append(sentence[at:a])
        where.extend(range(at, a))
        spans.append((len(where), len(where) + len(new), form))
        parts.append(new)
        # the last character stands for the rest of the word: a span ends where the word does
        where.extend(min(a + k, b - 1) if k < len(new) - 1 else b - 1 for k in range(len(new)))
        at = b
    parts.append(sentence[at:])
    where.extend(range(at, len(sentence)))
    return "".join(parts), where, spans
