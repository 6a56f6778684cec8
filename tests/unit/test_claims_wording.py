"""A claim with one more word in it is the same claim.

Rule patterns are phrases, and a marketer's phrase often carries one word the rule did not
spell: "no actual knives", "pee the actual fat out", "say goodbye to the actual gym". The
language pack's ``fillers`` (words that add emphasis and change no claim) are left out of a
sentence for the rules' patterns, never for their exceptions or the judges. These tests hold
both sides: the longer claim is still caught, and what was honest stays quiet, because a filler
never softens, negates or opens a clause, and a rule's exceptions read the words as written.
benchmarks/claims_wording.py measures the same on every caught claim of the tuning sets.
"""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.detectors import _drop, filler_words

from tests.unit.conftest import categories

# --- the claim with one more word ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # an adjective between a rule's two words
        ("Lipo who? No actual knives, no scars, just results.", "comparison-denigration"),
        ("A facelift without the actual surgeon.", "comparison-denigration"),
        ("Say goodbye to the actual gym.", "comparison-denigration"),
        ("You literally pee the actual fat out.", "fat-dissolving"),
        # an intensifier where the rule has a space
        ("It gives you a genuinely natural facelift.", "comparison-denigration"),
        ("It is a really safe treatment.", "safety-absolute"),
        ("You will totally see results after one session.", "guaranteed-permanent"),
        ("There is absolutely no real downtime.", "downtime-absolute"),
    ],
)
def test_one_more_word_keeps_the_finding(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("plain", "longer"),
    [
        ("No knives, no scars.", "No real knives, no scars."),
        ("Skip the scalpel.", "Skip the actual scalpel."),
        ("Zero downtime.", "Zero actual downtime."),
    ],
)
def test_the_longer_claim_has_the_plain_claims_categories(
    linter: Linter, plain: str, longer: str
) -> None:
    assert categories(linter, plain) <= categories(linter, longer)


# --- honest near-misses stay as they were ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is not totally pain-free: expect some stinging for a day.",
        "Is it really painless? No, most people feel some stinging.",
        "Filler is not really permanent; it lasts 6 to 12 months.",
        "The results are not truly permanent.",
        "We never say it is totally painless.",
        "Claims that injections really melt fat are misleading.",
        # "any" is no filler: "pause any time" is not "pause time"
        "Cancel or pause any time in your account.",
    ],
)
def test_honest_text_with_an_intensifier_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


def test_an_exception_keeps_its_words_exact(linter: Linter) -> None:
    # "the next morning" is an honest timing a rule's exception allows; "the very next
    # morning" is the emphasis that makes it an assurance, so the exception does not stretch
    text = "Redness fades fast, so you're good to go back to work the very next morning."
    assert "downtime-absolute" in categories(linter, text)


# --- the mechanism, and the pack's list ------------------------------------------------------


def test_fillers_are_left_out_only_between_words(linter: Linter) -> None:
    fillers = filler_words(linter.pack)
    assert fillers is not None
    short, where = _drop(fillers, "no real downtime, really.")
    assert short == "no downtime, really."  # at the end "really" stands between no two words
    assert [where[i] for i in range(3)] == [0, 1, 2]
    assert where[3] == len("no real ")
    # glued to a word it is no filler, nor a word that is not in the list
    assert _drop(fillers, "noreally downtime")[0] == "noreally downtime"
    assert _drop(fillers, "no rarely downtime")[0] == "no rarely downtime"


def test_a_clause_word_is_never_left_out(linter: Linter) -> None:
    # "so" is emphasis in "so painless" but opens a clause in "it heals fast so downtime is
    # short": it is not left out, or two clauses would read as one claim
    fillers = filler_words(linter.pack)
    assert fillers is not None
    assert _drop(fillers, "it heals fast so downtime is short")[0].count(" so ") == 1


def test_no_filler_softens_or_negates(linter: Linter) -> None:
    pack = linter.pack
    words = pack.fillers.split("|")
    assert words and all(w for w in words)
    for word in words:
        assert not pack.negator.search(f" {word} "), f"{word!r} negates"
        assert not pack.hedge_governing.search(f" {word} "), f"{word!r} is a hedge"
        assert not pack.hedge_clause.search(f" {word} "), f"{word!r} is a hedge"
