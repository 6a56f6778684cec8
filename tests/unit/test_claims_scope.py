"""Scope of the clause-level judges: a reported or questioned clause covers only itself, a hedge
after a claim governs it only when it speaks of that claim, and deduplication never loses a
category that should stand."""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.detectors import Candidate
from claims_lint.pipeline import _dedupe

from tests.unit.conftest import categories

# --- a subordinate clause that opens a sentence does not swallow its main clause ---------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Whether it's a birthday or a big date, you'll walk out looking flawless.", "gua"),
        ("Whether you're 25 or 65, this facial guarantees results.", "gua"),
        ("Whether or not you've tried peels before, lines disappear for good.", "gua"),
        ("Whether they're new or old, stretch marks are removed.", "gua"),
        ("Whether it's your first visit or your fifth, it's completely painless.", "pain"),
        ("If you're looking for smoother skin, this treatment guarantees results.", "gua"),
        ("Unless you're after a dramatic change, results are permanent.", "gua"),
        ("Whether it suits you depends on your skin, but results are permanent.", "gua"),
    ],
)
def test_fronted_clause_leaves_its_main_clause_a_claim(
    linter: Linter, text: str, category: str
) -> None:
    want = {"gua": "guaranteed-permanent", "pain": "pain-absolute"}[category]
    assert want in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ask your practitioner whether it is safe for you.",
        "Studies have not shown whether the effect lasts.",
        "Whether the result is permanent depends on your skin and your aftercare.",
        "Your nurse will check whether it is safe, painless and permanent for you.",
        "Whether it is painless, permanent or safe, we explain everything at consultation.",
        "Many people ask whether results are permanent.",
    ],
)
def test_an_honest_indirect_question_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Clients often ask us if it hurts, and it's completely painless.", "pain-absolute"),
        ("We will discuss whether filler suits you, and results are permanent.", "gua"),
        ("You may have heard that it stings, but it's completely painless.", "pain-absolute"),
    ],
)
def test_a_question_in_mid_sentence_ends_where_a_new_subject_joins(
    linter: Linter, text: str, category: str
) -> None:
    want = "guaranteed-permanent" if category == "gua" else category
    assert want in categories(linter, text)


def test_a_break_inside_quoted_words_does_not_end_the_report(linter: Linter) -> None:
    text = "Some clinics describe PRP as “natural, so there are no side effects”."
    assert categories(linter, text) == set()


def test_a_rule_that_flags_questions_flags_an_indirect_one(linter: Linter) -> None:
    # prescription-medicine says questions: flag — asking indirectly still names the medicine
    assert "prescription-medicine" in categories(
        linter, "Ask our doctor whether oral minoxidil tablets are right for you."
    )
    # ... while a rule exempt in questions stays exempt when asked indirectly
    assert categories(linter, "Ask us whether the results are permanent.") == set()


# --- a hedge after the claim -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Results last for years, though this varies from person to person.",
        "Lines soften after the first session for many clients.",
        "Pigmentation fades after two sessions for some of our clients.",
        "Your pores shrink within a week in many cases.",
        "Results last up to two years - individual results may vary.",
        "Your skin tightens, though not everyone responds.",
        "Results last for years (results vary).",
        "Lines soften after one course, depending on the person.",
    ],
)
def test_a_hedge_after_an_efficacy_claim_softens_it(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # categories a hedge never softens
        ("It's completely painless, though everyone is different.", "pain-absolute"),
        ("It's totally safe, though results vary.", "safety-absolute"),
        ("There's no downtime, though everyone is different.", "downtime-absolute"),
        ("It melts fat for good, though results vary.", "fat-dissolving"),
        # a hedge about something else
        ("Results last for years and prices vary by area.", "guaranteed-permanent"),
        ("Results last for years, though the price varies by clinic.", "guaranteed-permanent"),
        ("Results last for years, though not everyone is suitable.", "guaranteed-permanent"),
        ("Results last for years, and many clients come back for more.", "guaranteed-permanent"),
        ("Results last for years; in some cases longer.", "guaranteed-permanent"),
        ("Results last for years, and prices are lower for many clients.", "guaranteed-permanent"),
        (
            "Results last for years, though it varies how many sessions you need.",
            "guaranteed-permanent",
        ),
        # a word of certainty in the claim itself: the variance says how much, not whether it
        # lasts (as "can never come back" stays a claim after its hedge)
        (
            "Results are permanent, although results differ between patients.",
            "guaranteed-permanent",
        ),
        ("Our filler gives permanent results, though results vary.", "guaranteed-permanent"),
        # true for most is still claimed
        ("Lines soften after the first session in most people.", "guaranteed-permanent"),
        ("Results last for years for most clients.", "guaranteed-permanent"),
    ],
)
def test_a_hedge_after_the_claim_that_does_not_govern_it_launders_nothing(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


# --- deduplication -----------------------------------------------------------------------------


def test_overlapping_claims_of_two_categories_both_stand(linter: Linter) -> None:
    # a generic outcome rule overlaps both "gone for good" (its own category) and the medical
    # claim: it yields, and the permanence claim it overlapped must not go with it
    got = categories(linter, "Your acne scars will be gone for good.")
    assert {"guaranteed-permanent", "medical-condition"} <= got


def test_a_deferring_rule_yields_without_taking_its_category_along(linter: Linter) -> None:
    rules = linter.rules
    generic = next(
        r for r in rules if r.defers and r.category == "guaranteed-permanent" and r.hedgeable
    )
    firm = next(r for r in rules if not r.defers and r.category == "guaranteed-permanent")
    other = next(
        r
        for r in rules
        if not r.defers
        and r.category not in generic.stands_beside
        and r.category != generic.category
    )

    def cand(rule: object, start: int, end: int) -> Candidate:
        return Candidate(start, end, rule, "rules", 1.0, 0)  # type: ignore[arg-type]

    # the generic claim starts first and is longest, so it would win its category's place
    cands = [cand(generic, 0, 20), cand(firm, 10, 30), cand(other, 0, 15)]
    kept = _dedupe(cands)
    assert {c.rule.code for c in kept} == {firm.code, other.code}
    # without the other category the generic claim stands, and still covers the firm one
    kept = _dedupe([c for c in cands if c.rule is not other])
    assert [c.rule.code for c in kept] == [generic.code]
    # a deferring rule beside a category it stands beside keeps its place
    if generic.stands_beside:
        beside = next(r for r in rules if r.category in generic.stands_beside and not r.defers)
        kept = _dedupe([cand(generic, 0, 20), cand(beside, 5, 15)])
        assert {c.rule.code for c in kept} == {generic.code, beside.code}
