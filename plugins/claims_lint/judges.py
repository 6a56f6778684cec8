"""Context judges: stage three of the pipeline. Each decides, with scope, whether the context
turns a candidate claim into something else — a question, a report, a denial, a hedged
statement. A judge only ever removes candidates; it never adds one.

Scope matters more than vocabulary: a negator or a hedge counts only in the claim's own clause,
and a hedge softens only the kind of claim it can (an efficacy-type claim), so "Research is
limited, but it is 100% safe" stays a safety claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from .detectors import Candidate
from .language import LanguagePack, Refutation
from .segment import Doc, search_before

__all__ = [
    "HedgeJudge",
    "Judge",
    "NegationJudge",
    "QuestionJudge",
    "RefutedJudge",
    "ReportedJudge",
    "JUDGES",
    "refuted_denials",
]


class Judge(Protocol):
    """Keeps or drops each candidate; ``all_cands`` lets it see the sentence's other claims."""

    name: str

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool: ...


class QuestionJudge:
    """A question that asks about a topic asserts nothing: "Is it safe?", "How permanent are the
    results?", "Painless?". Its answer is judged on its own (and by the question-answer
    detector).

    A question that asserts or presupposes ("Did you know 9 in 10 ...?", "Why put up with
    wrinkles when ...?", "Want painless skin?", "Why is it painless?") stays a claim. Rules
    whose mere words are the problem (medicines, urgency, body image) say ``questions: flag``.
    """

    name = "question"

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool:
        if cand.detector == "question-answer":
            return True
        if not doc.is_question(cand.sentence):
            return True
        if cand.rule.questions == "flag":
            # even words that are the problem are not used when the answer denies them:
            # "Is it a quick fix? No."; but a name no negation clears stands whatever the
            # answer says ("Is the liquid facelift safe? No.")
            return not cand.rule.negatable or not _denied(doc, cand.sentence)
        text = doc.sentence_text(cand.sentence)
        pack = doc.pack
        # the question after a heading's topic is read as it would be alone: "PRP for hair: does
        # it work?" asks what "Does PRP for hair work?" asks
        head = pack.topic_head.match(text) if pack.topic_head is not None else None
        for ask in (text,) if head is None else (text, text[head.end() :]):
            if pack.asserting_start.match(ask):
                return not _refused(doc, cand.sentence)
            if pack.yes_no_start.match(ask) or pack.wh_start.match(ask):
                return False
        # A bare topic ("Painless?", "Side effects?", "Downtime after microneedling?") asks,
        # it does not assert; its answer is judged by the question-answer detector.
        return len(text.split()) > pack.topic_words and not _refused(doc, cand.sentence)


def _refused(doc: Doc, question: int) -> bool:
    """A question that asserts, answered by a refusal of what it offers: "Looking to lose weight
    or cure hair loss? Then mesotherapy won't do it.", "Want zero downtime? We can't promise
    that." (the pack's ``questions.refused``, matched on the whole next sentence)."""
    refused = doc.pack.question_refused
    if refused is None or (answer := _next_sentence(doc, question)) < 0:
        return False
    a0, a1 = doc.sentence(answer)
    text = doc.lower[a0:a1].strip(" \t\n\x1f")
    m = refused.match(text)
    return m is not None and not text[m.end() :].strip(" .!")


def _denied(doc: Doc, question: int) -> bool:
    """A yes/no question whose next sentence, its answer, starts with a denial."""
    pack = doc.pack
    # the answer may be the paragraph after a question heading ("## Is it a quick fix?")
    if (answer := _next_sentence(doc, question)) < 0:
        return False
    if not pack.yes_no_start.match(doc.sentence_text(question)):
        return False
    return pack.answer_no.match(doc.sentence_text(answer)) is not None


class ReportedJudge:
    """A claim reported and judged false, or refuted, is not made: "Claims that injections melt
    fat are misleading", "There is no evidence that it removes toxins", "Be wary of clinics that
    promise no downtime"."""

    name = "reported"

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool:
        if not cand.rule.negatable:
            return True
        return not any(
            a <= cand.start < b
            and not _runs_into_main_clause(doc, cand, b)
            and not _kept_though_reported(doc, cand, a)
            # a rule that flags even a question flags it asked indirectly ("ask whether ...")
            for a, b in doc.reported_spans(cand.sentence, asks=cand.rule.questions != "flag")
        )


# how far before a reported body the words that tell its kind may stand ("3 myths about ...",
# "for people seeking a lift ...": the frame's own words, not the sentence's opening)
_KIND_WINDOW = 40


def _kept_though_reported(doc: Doc, cand: Candidate, body_start: int) -> bool:
    """The body is of a kind the rule keeps (``reported_keeps``), told by the words just
    before it: "3 myths about anti-wrinkle injections" still names the medicine, "for people
    seeking a lift without undergoing surgery" still sets the treatment against surgery."""
    if not cand.rule.reported_keeps:
        return False
    s0 = doc.sentence(cand.sentence)[0]
    kinds = doc.pack.reported_kinds
    # every kept kind is one the pack defines: the rules are checked against it when they load
    return any(
        kinds[k].search(doc.lower, max(s0, body_start - _KIND_WINDOW), body_start) is not None
        for k in cand.rule.reported_keeps
    )


def _runs_into_main_clause(doc: Doc, cand: Candidate, body_end: int) -> bool:
    """The claim runs past the reported body into the main clause the body stops before: in
    "If you want fuller lips, results are permanent" a match from "fuller lips" to "permanent"
    is made by the main clause, not asked about by the condition."""
    main = doc.pack.main_clause
    if main is None or cand.end <= body_end:
        return False
    return main.start.match(doc.lower, body_end) is not None


class RefutedJudge:
    """A belief set up to be refuted is not a claim: "Many believe it is painless; in fact most
    people feel some stinging", "Some people think it is painless. It is not.", '"Fillers last
    forever." That is a myth.'

    What a refutation refutes is decided by position, never page-wide: the statement whose
    sentence it closes (in a clause after the claim's) or the sentence just before it (it starts
    the next one). In a sentence that frames a belief ("some people think ...") only the belief
    can be refuted; a claim the clinic makes before the frame, or after a "but", is its own.
    Plain refutations ("That's a myth.", "It is not.") refute any statement; corrections ("In
    fact ...", "The truth is ...") only a belief or a quotation, since after the clinic's own
    claim they strengthen it ("It is painless. In fact, most clients fall asleep.").
    """

    name = "refuted"

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool:
        ref = doc.pack.refutation
        if ref is None or not cand.rule.negatable:
            return True
        si = cand.sentence
        c1 = doc.clause(cand.start, cand.end)[1]
        s1 = doc.sentence(si)[1]
        # where a refutation may start: a later clause of the claim's sentence, or the next one
        places = [(be, s1) for bs, be in doc.clause_breaks(si) if bs >= c1]
        conceded: set[int] = set()
        if (nxt := _next_sentence(doc, si)) >= 0:
            places.append(doc.sentence(nxt))
            # a correction after the next sentence's concession: "'Slimming belts burn fat.'
            # They can make muscles contract, but nobody has shown that they shrink fat"
            # (a word that breaks the clause, which the cue then reads as its lead word)
            n1 = doc.sentence(nxt)[1]
            for bs, be in doc.clause_breaks(nxt):
                if doc.lower[bs:be].strip().isalpha():
                    places.append((bs, n1))
                    conceded.add(bs)
        kind = ""
        for at, end in places:
            cue = _refutation_cue(doc, ref, at, end)
            if not cue or (at in conceded and cue != "quote"):
                continue
            kind = kind or _belief_kind(doc, ref, cand)
            if kind == "own":
                return True
            if (kind == "belief" or cue in (kind, "refutes")) and not _reasserted(
                doc, cand, at, end
            ):
                return False
        return True


def _refutation_cue(doc: Doc, ref: Refutation, at: int, end: int) -> str:
    """Which cue starts at ``at``: "refutes" (refutes any statement), "quote" (a correction:
    refutes a quotation or a belief), "belief" (refutes only a belief), or ""."""
    got = doc.cues.get((at, end))
    if got is None:
        got = doc.cues[at, end] = _find_cue(doc, ref, at, end)
    return got


def _find_cue(doc: Doc, ref: Refutation, at: int, end: int) -> str:
    low = doc.lower
    if ref.refutes.match(low, at, end) or ref.denies.match(low, at, end):
        return "refutes"
    m = ref.corrects.match(low, at, end)
    cue = "quote" if m else ""
    if m is None:
        m = ref.corrects_belief.match(low, at, end)
        cue = "belief" if m else ""
    if m is None:
        return ""
    # "..., and in fact it is." / "In fact, they are right.": the correction agrees
    if ref.agreeing.search(low, max(0, at - 12), at) or ref.agrees.match(low, m.end(), end):
        return ""
    return cue


def _reasserted(doc: Doc, cand: Candidate, at: int, end: int) -> bool:
    """Whether the "refutation" at [at, end) itself makes a claim of the candidate's category
    that survives the other judges: "Some say it is virtually painless. Not quite - it is
    completely painless." refutes nothing."""
    group = doc.claims.get(doc.sentence_of(at), [])
    return any(
        o is not cand
        and o.category == cand.category
        and at <= o.start < end
        and all(j.keep(doc, o, group) for j in _CLAIM_JUDGES)
        for o in group
    )


def refuted_denials(
    doc: Doc, cands: Sequence[Candidate], kept: Sequence[Candidate]
) -> list[Candidate]:
    """A refuted belief that denies a claim makes the claim: "Myth: you can't turn back time.
    Fact: you can." says you can; "Some think fillers aren't safe. That's a myth." says they
    are. Only a label ("That's a myth", "Not true") or a correction that affirms ("Fact: you
    can.") flips the denial; a denial ("They aren't.") agrees with it. The claim is reported on
    the refutation's words, in the sentence right after the belief."""
    ref = doc.pack.refutation
    if ref is None:
        return []
    out: list[Candidate] = []
    done = {id(c) for c in kept}
    # per sentence, the next one and the affirmation that starts it (most have none)
    after: dict[int, tuple[int, tuple[int, int, str] | None]] = {}
    for c in cands:
        if id(c) in done or c.detector != "rules" or not c.rule.negatable:
            continue
        if c.sentence not in after:
            nxt = _next_sentence(doc, c.sentence)
            after[c.sentence] = (
                nxt,
                _affirmation(doc, ref, *doc.sentence(nxt)) if nxt >= 0 else None,
            )
        nxt, span = after[c.sentence]
        if span is None or not _denied_claim(doc, c):
            continue
        kind = _belief_kind(doc, ref, c)
        if kind == "own" or (kind == "bare" and span[2] != "refutes"):
            continue
        if kind == "quote" and span[2] == "belief":
            continue
        out.append(Candidate(span[0], span[1], c.rule, "refutation", c.confidence, nxt))
    return out


def _next_sentence(doc: Doc, si: int) -> int:
    """The sentence after ``si`` that has words (a blank line or a block edge between a heading
    and its paragraph is a sentence of its own), or -1."""
    starts, ends = doc.sentence_starts, doc.sentence_ends
    low = doc.lower
    for nxt in range(si + 1, min(si + 4, len(ends))):
        s0, s1 = starts[nxt], ends[nxt]
        if s1 - s0 < 12 and not low[s0:s1].strip(_EDGES):
            continue
        # a heading ("\x1fNot true\x1f") titles what follows; it answers nothing before it
        if s0 > 0 and low[s0 - 1] == "\x1f" and low[s1 - 1] == "\x1f":
            return -1 if not low[s0:s1].rstrip(_EDGES).endswith((".", "!", "?")) else nxt
        return nxt
    return -1


_EDGES = " \t\n\x1f"  # what a sentence of no words is made of


def _affirmation(doc: Doc, ref: Refutation, at: int, end: int) -> tuple[int, int, str] | None:
    """The words at ``at`` that say a denial is false, and which cue they are: a label
    ("refutes") or a correction that affirms ("quote" or "belief", as in _refutation_cue)."""
    low = doc.lower
    m = ref.refutes.match(low, at, end)
    cue = "refutes"
    if m is None:
        m, cue = ref.corrects.match(low, at, end), "quote"
        if m is None:
            m, cue = ref.corrects_belief.match(low, at, end), "belief"
        if m is None or (m := ref.agrees.match(low, m.end(), end)) is None:
            return None
    start = at + len(low[at : m.end()]) - len(low[at : m.end()].lstrip(" \t\n\x1f\"'*_-—–"))
    return start, len(low[: m.end()].rstrip(" ,;.!")), cue


def _denied_claim(doc: Doc, c: Candidate) -> bool:
    """The candidate was dropped for its negation alone (the other judges, but the reported
    one that reads a myth's body, would keep it)."""
    group = doc.claims.get(c.sentence, [])
    question, _, negation, hedge = _CLAIM_JUDGES
    if negation.keep(doc, c, group):
        return False
    return question.keep(doc, c, group) and hedge.keep(doc, c, group)


def _belief_kind(doc: Doc, ref: Refutation, cand: Candidate) -> str:
    """What the claim is in its sentence: "belief" (after a frame such as "some people think",
    in the frame's statement), "quote" (inside quotation marks), "own" (the sentence frames a
    belief, but not this claim) or "bare" (a plain statement)."""
    s0, s1 = doc.sentence(cand.sentence)
    low = doc.lower
    framed = False
    for m in ref.beliefs.finditer(low, s0, s1):
        framed = True
        if m.end() <= cand.start and not ref.ends_belief.search(low, m.end(), cand.start):
            return "belief"
    if low.count('"', s0, cand.start) % 2 == 1 or _single_quoted(low, s0, cand.start):
        return "quote"
    return "own" if framed else "bare"


# a single quotation mark that opens ('Wraps ...) or closes (... toxins.') a quotation, told from
# an apostrophe (it's, clients') by the letters around it
_SINGLE_OPEN = re.compile(r"(?<![\w'])['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.!?,])['’](?![\w'])")


def _single_quoted(low: str, s0: int, at: int) -> bool:
    """A quotation in single marks is open at ``at``: "'Wraps draw out toxins.' There is no
    evidence ..." quotes the claim it refutes."""
    opened = False
    for m in re.finditer(r"['‘’]", low[s0:at]):
        i = s0 + m.start()
        if not opened and _SINGLE_OPEN.match(low, i):
            opened = True
        elif opened and _SINGLE_CLOSE.match(low, i):
            opened = False
    return opened


class NegationJudge:
    """A negator before the claim in its own clause denies it ("It is not painless").

    A negator that is part of another claim of the sentence ("no-downtime", "no pain") is that
    claim's own wording and negates nothing else. Some rules also accept a negation after the
    claim ("Teens are not treated").
    """

    name = "negation"

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool:
        rule = cand.rule
        if not rule.negatable:
            return True
        low = doc.lower
        c0, c1 = doc.clause(cand.start, cand.end)
        others = [
            (o.start, o.end)
            for o in all_cands
            if o.sentence == cand.sentence and o is not cand and o.detector == cand.detector
        ]
        c0 = _aside_start(doc, low, c0, cand.sentence)
        c0 = max(_list_start(doc, low, c0, cand.sentence), _rhetorical_end(doc, cand.sentence))
        for m in doc.pack.negator.finditer(low, max(c0, cand.start - 80), cand.start):
            at = m.start()
            if not any(a <= at < b for a, b in others):
                return False
        if rule.post_negation and doc.pack.after_claim_negator.match(low, cand.end, c1):
            return False
        denied = doc.pack.denied_after
        if denied is not None and denied.match(low, cand.end, c1) is not None:
            return False
        return not _taken_back(doc, cand)


def _taken_back(doc: Doc, cand: Candidate) -> bool:
    """A claim of part of the cases whose sentence goes on to say the rest: "Complications are
    uncommon, but some can be serious", "Most people have no visible bruising, but some do",
    "Some people have no side effects at all, while others bruise for a week". The partial
    words (the pack's ``negation.partial``) stand in the claim's clause before or in the claim;
    the exception (``negation.exception``) opens a later clause of the same sentence. "It is
    painless, but you may feel some pressure" claims it of everyone, and stays a claim."""
    pack = doc.pack
    low = doc.lower
    c0, c1 = doc.clause(cand.start, cand.end)
    s1 = doc.sentence(cand.sentence)[1]
    breaks = [bs for bs, _ in doc.clause_breaks(cand.sentence) if bs >= cand.end]
    partial, exception = pack.exception_partial, pack.exception_after
    is_partial = partial is not None and partial.search(low, c0, c1) is not None
    if is_partial and exception is not None and any(exception.match(low, bs, s1) for bs in breaks):
        return True
    # an expectation with what to do if it is not met: "You should not need strong
    # painkillers; if you do, contact us", "Most people need none, but if you do, call us"
    expect, net = pack.expectation, pack.safety_net
    if net is None or not breaks:
        return False
    if not is_partial and (expect is None or expect.search(low, c0, c1) is None):
        return False
    return any(net.match(low, bs, s1) for bs in breaks)


def _aside_start(doc: Doc, low: str, c0: int, sentence: int) -> int:
    """Where the negator before a short aside starts, when the clause at ``c0`` follows one
    ("It is not, however, painless": the commas break the clause, the negation reaches past),
    else ``c0``."""
    aside = doc.pack.negation_across_aside
    if aside is None:
        return c0
    s0 = doc.sentence(sentence)[0]
    m = aside.search(low, max(s0, c0 - 60), c0)
    return m.start() if m is not None else c0


def _rhetorical_end(doc: Doc, sentence: int) -> int:
    """Where the opening of a rhetorical question ends ("Who wouldn't want", "Isn't it",
    "Don't you deserve"), or 0: its negator asks for agreement, it denies nothing, so "Who
    wouldn't want pain-free results?" claims pain-free results."""
    if not doc.is_question(sentence):
        return 0
    m = doc.pack.asserting_start.match(doc.lower, doc.sentence(sentence)[0])
    return m.end() if m is not None else 0


def _list_start(doc: Doc, low: str, c0: int, sentence: int) -> int:
    """Where a list the clause at ``c0`` belongs to starts: a negation carries over "or"
    ("not meant to change its shape or add volume") and over the commas of a list that ends
    in "or" ("do not remove deep scars, tighten loose skin or shrink pores")."""
    joiners, ahead = doc.pack.negation_carries_over, doc.pack.negation_carrier
    if ahead is None:
        return c0
    s1 = doc.sentence(sentence)[1]
    for _ in range(4):
        before = low[max(0, c0 - 4) : c0].rstrip()
        listed = before.endswith(",") and ahead.search(low, c0, s1) is not None
        if not (before.endswith(joiners) or listed):
            break
        c0 = doc.clause(c0 - 4, c0 - 4)[0]
    return c0


class HedgeJudge:
    """A hedge softens the efficacy-type claim it governs, in its own clause: "may help improve
    skin texture", "some people notice firmer skin", "evidence is limited that it works".

    Rules say whether they can be hedged at all; safety, pain, downtime, fat, detox, medicines
    and body image never can ("Evidence is limited, but it is completely painless").
    """

    name = "hedge"

    def keep(self, doc: Doc, cand: Candidate, all_cands: Sequence[Candidate]) -> bool:
        if cand.detector == "remedy":  # "Double chin? We can fix that.": the clinic promises
            return True
        rule = cand.rule
        # what keeps a hedged claim is looked for only once a hedge is found: most claims have none
        if (
            rule.hedgeable
            and _hedged(doc, cand)
            and not (rule.own_voice_holds and _holds_though_hedged(doc, cand))
        ):
            return False
        return not (rule.balanced and _balanced(doc, cand))


def _hedged(doc: Doc, cand: Candidate) -> bool:
    """Whether a hedge governs the claim (HedgeJudge), by its clause, a purpose before it, a
    hedge a few words before it or inside it, or one after it that speaks of it."""
    pack = doc.pack
    low = doc.lower
    c0, c1 = doc.clause(cand.start, cand.end)
    if pack.hedge_clause.search(low, c0, c1):
        return True
    # "injected to fill lines, add volume or change the shape": a purpose, not a result. A word
    # of certainty in the claim itself is still promised: "the only method of permanent hair
    # removal", "lasers designed for permanent hair reduction"
    s0 = doc.sentence(cand.sentence)[0]
    purpose = pack.hedge_purpose
    certain = pack.hedge_certain
    if (
        purpose is not None
        and search_before(purpose, low, s0, cand.start, 80)
        and (certain is None or certain.search(low, cand.start, cand.end) is None)
    ):
        return True
    # A governing hedge stands at most a few words before the claim, or between a frame's
    # topic and its claim ("dead cells can leave skin feeling smoother").
    window = low[c0 : cand.start].split()
    before = " ".join(window[-pack.hedge_reach :]) if window else ""
    if before and pack.hedge_governing.search(before):
        # a word of certainty in the claim is still promised ("can permanently reduce hair"),
        # unless the clause concedes it as a limit ("though it can stay for good")
        concession = pack.hedge_concession
        if concession is not None and search_before(concession, low, s0, c0, 15):
            return True
        return certain is None or certain.search(low, cand.start, cand.end) is None
    if _means_of_hedged_main(doc, low, cand, c0, c1):
        return True
    if _hedged_coordinate(doc, low, cand, c0, window):
        return True
    inside = pack.hedge_governing.search(low, cand.start, cand.end)
    if inside is not None:
        return certain is None or certain.search(low, inside.start(), c1) is None
    # a hedge after the claim says how much, not whether it lasts: "results are permanent,
    # though results vary" still promises permanence
    if _hedged_after(doc, low, cand, c1) and (
        certain is None or certain.search(low, cand.start, cand.end) is None
    ):
        return True
    return _hedged_list(doc, low, c0, cand.sentence) and not _certain_item(doc, low, cand)


def _certain_item(doc: Doc, low: str, cand: Candidate) -> bool:
    """Whether a claim in a hedged list keeps its result certain ("can brighten skin and removes
    every line for good"), unless it names a chance ("... and lighter skin, sometimes
    permanently": the pack's ``hedges.list_certain`` and ``hedges.occasional``)."""
    certain, occasional = doc.pack.hedge_list_certain, doc.pack.hedge_occasional
    if certain is None or certain.search(low, cand.start, cand.end) is None:
        return False
    return occasional is None or occasional.search(low, cand.start, cand.end) is None


def _holds_though_hedged(doc: Doc, cand: Candidate) -> bool:
    """Whether a hedged claim still claims because of who says it or of whom: its sentence is
    in the clinic's own words or makes an offer (the pack's ``voice.page_own`` and
    ``voice.page_offer``: "With our protocol, hair fall can be controlled", "Laser can reduce
    acne: courses from £300"), its clause says it of most people (``hedges.majority``: "Most
    patients sweat less within a week"), or the claim keeps its result certain
    (``hedges.certain``: "Looking to cure hair loss for good?"). "PRP may help some people's
    hair loss" informs."""
    voice = doc.pack.voice
    s0, s1 = doc.sentence(cand.sentence)
    low = doc.lower
    for rx in (voice.page_own, voice.page_offer) if voice is not None else ():
        if rx is not None and rx.search(low, s0, s1) is not None:
            return True
    c0, c1 = doc.clause(cand.start, cand.end)
    pack = doc.pack
    return any(
        rx is not None and rx.search(low, at, c1) is not None
        for rx, at in ((pack.hedge_majority, c0), (pack.hedge_certain, cand.start))
    )


def _means_of_hedged_main(doc: Doc, low: str, cand: Candidate, c0: int, c1: int) -> bool:
    """A means that opens the sentence ("By stimulating collagen production, ...") says how the
    main clause's result comes about, so the hedge that opens the main clause governs it too:
    "By promoting collagen, it can help smooth fine lines" hedges the collagen as well; "By
    boosting collagen, our laser erases lines" hedges nothing."""
    means = doc.pack.hedge_means
    s0, s1 = doc.sentence(cand.sentence)
    if means is None or low[s0:c0].strip(" \t\n\"'*#>-") or not means.match(low, c0, c1):
        return False
    words = low[c1:s1].split()[: doc.pack.hedge_reach + 2]
    if not words or doc.pack.hedge_governing.search(" ".join(words)) is None:
        return False
    # ... unless the main clause keeps its result certain ("it can soften lines for good")
    certain = doc.pack.hedge_certain
    return certain is None or certain.search(low, c1, s1) is None


def _hedged_after(doc: Doc, low: str, cand: Candidate, c1: int) -> bool:
    """A hedge after the claim governs it: a qualifier that finishes the claim's clause ("lines
    soften after the first session for many clients"), or a clause of its sentence that says
    the result varies ("results last for years, though this varies from person to person").
    A clause about something else ("... and prices vary by area") hedges nothing."""
    pack = doc.pack
    s1 = doc.sentence(cand.sentence)[1]
    after = pack.hedge_after
    m = after.search(low, cand.end, s1) if after is not None else None
    if m is not None and all(
        low[bs:be].strip() in pack.hedge_after_crosses
        for bs, be in doc.clause_breaks(cand.sentence)
        if cand.end <= bs < m.start()
    ):
        return True
    tail = pack.hedge_tail
    if tail is None:
        return False
    for m in tail.finditer(low, c1, s1):
        # the variance opens its clause: "though this varies", not "the price of this varies"
        if not low[doc.clause(m.start(), m.end())[0] : m.start()].strip():
            return True
    return False


def _balanced(doc: Doc, cand: Candidate) -> bool:
    """The claim's sentence hedges it and names its limits: "IPL can calm rosacea redness, but it
    is not a cure" informs; "IPL calms rosacea" or "may help your acne" alone still claims."""
    limits = doc.pack.hedge_limits
    if limits is None:
        return False
    s0, s1 = doc.sentence(cand.sentence)
    low = doc.lower
    limit = limits.search(low, s0, s1)
    if limit is None:
        return False
    # the hedge may follow the claim, before the limits: "It clears acne in most people after
    # one course, but acne comes back in about 1 in 4"
    if doc.pack.hedge_governing.search(low, s0, max(cand.end, limit.start())) is not None:
        return True
    # or be a hedge of the claim's clause, such as an aim: "The aim is to soften a scar, but
    # the scar will not disappear"
    c0, c1 = doc.clause(cand.start, cand.end)
    return doc.pack.hedge_clause.search(low, c0, c1) is not None


def _hedged_list(doc: Doc, low: str, c0: int, sentence: int) -> bool:
    """The clause at ``c0`` continues a short list of verb phrases that a hedge opens: "it can
    add volume, improve shape and soften fine lines" hedges all three."""
    s0 = doc.sentence(sentence)[0]
    first = c0  # the claim's own clause
    for _ in range(3):
        if c0 <= s0:
            return False
        before = low[max(s0, c0 - 5) : c0].rstrip()
        if not before.endswith((",", *doc.pack.hedge_carries_over)):
            return False
        p0 = doc.clause(c0 - 5, c0 - 5)[0]
        words = low[p0:c0].split()
        # the clause that opens with the hedge may be long ("Fillers can help smooth out smile
        # lines and crow's feet, or plump up lips"); an item between is short, as a longer
        # clause says something of its own
        governing, reach = doc.pack.hedge_governing, doc.pack.hedge_reach
        if governing.search(" ".join(words[:reach])):
            return len(words) <= 7 or (
                len(words) <= _HEDGED_HEAD_WORDS and not _has_subject(doc, low, first)
            )
        # ... or ends with the hedge and the list's first item: "substances that help restore
        # volume, smooth out wrinkles and soften folds" (each of the last few words may be
        # where that item starts)
        for start in range(max(1, len(words) - _FIRST_ITEM_WORDS), len(words)):
            if governing.search(" ".join(words[max(0, start - reach) : start])):
                return not _has_subject(doc, low, first)
        if len(words) > 7:
            return False
        c0 = p0
    return False


def _hedged_coordinate(doc: Doc, low: str, cand: Candidate, c0: int, window: list[str]) -> bool:
    """A hedge earlier in the claim's own clause reaches along a second verb phrase joined by
    "and"/"or" (``hedges.carries_over``): "it helps to tone the muscles and improve skin
    elasticity", "creams may tighten the skin or improve hydration". The claim must go on in the
    hedged verb's form ("tone ... and improve", "softening ... and smoothing"); a new subject
    ("... and results last for years") or a word of certainty in between ends the hedge
    (``hedges.coordinate``). ``window`` is the clause's words before the claim."""
    pack = doc.pack
    if pack.coordinate_skip is None:
        return False
    words = list(window)  # a copy: the caller's list stays whole
    if words and pack.coordinate_skip.match(words[-1]):  # "helping to improve ... and to restore"
        words.pop()
    if len(words) < 3 or words[-1] not in pack.hedge_carries_over:
        return False
    head = " ".join(words[:-1])
    hedges = list(pack.hedge_governing.finditer(head))
    found = hedges[-1] if hedges else None  # the hedge nearest the claim
    if found is None or len(head[found.end() :].split()) > _COORDINATE_WORDS:
        return False
    certain = pack.hedge_certain
    if certain is not None and certain.search(low, c0 + found.start(), cand.end):
        return False
    skip = pack.coordinate_skip
    hedged_verb = next((w for w in head[found.end() :].split() if not skip.match(w)), "")
    claim_words = low[cand.start : cand.end].split()
    return bool(hedged_verb and claim_words) and _same_form(pack, hedged_verb, claim_words[0])


def _same_form(pack: LanguagePack, verb: str, word: str) -> bool:
    """Whether ``word`` continues a verb phrase in ``verb``'s form: both or neither end in one
    of the pack's ``hedges.coordinate.forms`` ("-ing"), and ``word`` does not read as a new
    subject (``new_subject``: "results", "fades")."""
    for form in pack.coordinate_forms:
        if verb.endswith(form) or word.endswith(form):
            return verb.endswith(form) and word.endswith(form)
    subject = pack.coordinate_subject
    return subject is None or subject.search(word) is None


# the most words between a hedge and the "and"/"or" that carries it on to a second verb phrase
_COORDINATE_WORDS = 8
# the most words of a clause whose hedge reaches along a list of verb phrases after it
_HEDGED_HEAD_WORDS = 14
# the most words of a hedged list's first item, when the hedge ends the clause that opens it
_FIRST_ITEM_WORDS = 3


def _has_subject(doc: Doc, low: str, c0: int) -> bool:
    """Whether the clause at ``c0`` opens, after its joiner, with a subject of its own ("and it
    only builds from there"): a clause that says something of its own, not the next verb
    phrase of a hedged list (the pack's ``clauses.lists.subjects``)."""
    lists = doc.pack.lists
    return lists is not None and lists.clause_subject.match(low, c0) is not None


# the judges a refutation's own claims must pass to count as claims (all but the refutation one)
_CLAIM_JUDGES: tuple[Judge, ...] = (
    QuestionJudge(),
    ReportedJudge(),
    NegationJudge(),
    HedgeJudge(),
)

JUDGES: tuple[Judge, ...] = (*_CLAIM_JUDGES, RefutedJudge())
