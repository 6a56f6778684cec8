# ruff: noqa: E501
"""Shapes found in the thirty-eighth session, written here in our own words (not taken from any page
or labelled set). Pain played down by denying its degree ("does not cause severe pain", "not too
painful", "you wont feel this"), side effects called few, and everyday life taken up again at once
in any verb ("go about your normal activities straight away") are claims whatever hedge stands
beside them, and so is a standard or a peak no reader can check ("trained to the highest
standard", "the pinnacle of facial aesthetics"); a pain to report, "a few side effects" to know
about, and a return after a day are not. "Is also considered safe" says what "is considered safe" says. A heading that names its topic
before a question about it ("PRP for hair: does it work?") asks as the question alone would, while
a rhetorical one ("what's not to love?") still asserts. "The best" after deciding or recommending
names the reader's choice, not a rank; a treatment or method "to reduce wrinkles" names what it is
for, as does what a field "seeks to" do; a medicine used "until new hair grows" is a condition of
use. A page of a commissioning body, an Act of Parliament or a major health library informs as the
NHS does."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import DOW, PAI, POM, SAF, STA


def _categories(linter: Linter, *paragraphs: str) -> set[str]:
    """The categories found when the paragraphs are linted as one page."""
    return {f.category for f in linter.lint_source("\n\n".join(paragraphs), "page.md").findings}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The peel does not usually cause severe pain.", PAI),
        ("It won't involve much discomfort at all.", PAI),
        ("Honestly, it's not too painful.", PAI),
        ("A drop of blood may appear, but you wont feel this.", PAI),
        ("It is a gentle peel with relatively few side effects.", SAF),
        ("Side effects are few and mild.", SAF),
        ("Laser lipolysis is also generally considered safe.", SAF),
        ("Most people go about their normal activities straight away.", DOW),
        ("You can immediately get on with your day.", DOW),
        ("Every nurse is trained to the highest standard.", STA),
        ("Discover the pinnacle of facial aesthetics with us.", STA),
    ],
)
def test_a_claim_said_in_one_more_word_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in _categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "If the treatment causes severe pain, stop and call us.",
        "There are a few side effects you should know about.",
        "There are quite a few side effects, so read this leaflet.",
        "You can go back to your normal activities after 24 hours.",
        "Avoid going about your normal activities immediately if you feel faint.",
        "Resurfacing is a treatment to reduce fine lines and sun damage.",
        "One method for smoother skin is a course of light peels.",
        "A consultation helps us determine the best treatment option.",
        "Knowing the risks will help you make the best decision.",
        "The highest standard dose is written on the vial.",
        "Cosmetic procedures have increased dramatically in the last decade.",
        "Regenerative medicine seeks to repair and restore damaged tissue.",
        "Keep applying the lotion until new hair grows on the patch.",
    ],
)
def test_honest_wording_near_those_claims_stays_quiet(linter: Linter, text: str) -> None:
    assert _categories(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Acne scar removal – is it possible?",
        "PRP for hair: does it work?",
        "Permanent results - is that realistic?",
        "Painless laser hair removal: what should you expect?",
    ],
)
def test_a_topic_before_its_question_asks(linter: Linter, text: str) -> None:
    assert _categories(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Painless, quick and permanent: what's not to love?",
        "Painless and permanent: why wait?",
        "Our treatment is painless: does that sound good?",
    ],
)
def test_a_question_after_a_claim_or_a_rhetorical_one_still_claims(
    linter: Linter, text: str
) -> None:
    assert _categories(linter, text)


def test_the_best_as_a_rank_is_still_found(linter: Linter) -> None:
    assert STA in _categories(
        linter,
        "Choosing one of our members means choosing the best-trained injectors in the country.",
    )


@pytest.mark.parametrize(
    "cue",
    [
        "This integrated care board funds the treatment only when the criteria below are met.",
        "Long title: an Act to make provision about cosmetic injections for under-18s.",
        "From the Mayo Clinic health library: excessive sweating.",
    ],
)
def test_a_commissioning_body_or_an_act_informs(linter: Linter, cue: str) -> None:
    medicine = "Botulinum toxin is injected into the skin of the armpit to reduce sweating."
    assert POM in _categories(linter, medicine)
    assert POM not in _categories(linter, cue, medicine)
