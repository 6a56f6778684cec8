"""Shapes found in the fortieth session, written here in our own words (not taken from any page
or labelled set). Running down what people buy over the counter, wash with or do at the gym is
denigration in more words than "creams don't work"; removal "until none remains", results one is
"sure to see", "minimal impact on daily life" and "book as early as you can" still claim. A body
area's slang name alone shames nobody until the writer wishes it gone; "the latest" treatments,
"the perfect season for skin", what gives skin its colour and what brings acne on promise nothing.
A younger look or an erased mark stated as fact is filed where the labelling policy files an
outcome stated as fact (guaranteed-permanent), and "pain-free" alone is about the procedure."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import (
    AGE,
    BOD,
    COM,
    DOW,
    EFF,
    FAT,
    GUA,
    MED,
    PAI,
    POM,
    PRE,
    STA,
)
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("High-street serums can only do so much for deep lines.", COM),
        ("Because it is fungal, antibacterial face washes won't help.", COM),
        ("Drugstore products only work on the surface layer of the skin.", COM),
        ("Sit-ups will in no way shift the fat on your flanks.", COM),
        ("Each session breaks up more pigment until none remains.", GUA),
        ("A short course is needed to fully eradicate the follicles.", GUA),
        ("Anyone with tired skin is bound to see a difference.", GUA),
        ("After the peel your skin will feel soft and renewed.", GUA),
        ("The treatment has minimal impact on your normal activities.", DOW),
        ("Brides, book as early as you can!", PRE),
        ("Reserve your course now to avoid disappointment.", PRE),
        ("Ask us about LipoDissolve for your lower tummy.", POM),
        ("Goodbye mummy tummy, hello summer.", BOD),
        ("Cooling results in fat cell destruction over the next few weeks.", FAT),
        ("A laser course frees you from the daily chore of shaving.", GUA),
        ("Threads give you a more youthful appearance.", GUA),
        ("Our peel erases fine lines.", GUA),
        ("Enjoy a pain-free life after a course of drips.", MED),
        ("The procedure is pain-free.", PAI),
        ("It suits anyone who does not want the downtime associated with surgery.", COM),
        ("An option for people put off by the thought of invasive surgery.", COM),
        ("In earlier days the only route to a lifted brow was surgery; not any more.", COM),
    ],
)
def test_a_claim_said_in_other_words_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "What is a muffin top?",
        "Upper arms (bingo wings)",
        "Three experts look at the latest treatments.",
        "Why autumn is the perfect season for skin",
        "Melanin is the pigment that gives skin its colour.",
        "Late nights and heavy make-up are a perfect recipe for breakouts.",
        "This peel is designed to rejuvenate the skin by removing dead cells.",
        "Elective filler dissolving is often used to reverse migrated filler.",
        "If you have a problem after treatment, book a review as soon as possible.",
        "Antibiotics don't help with a viral infection.",
        "Until now, few studies have looked at this treatment.",
        "Make sure to see your GP if you are worried about the result.",
        "Your skin will feel a bit tight and sore for a day.",
    ],
)
def test_honest_wording_near_those_claims_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


def test_a_younger_look_or_an_erased_mark_is_an_outcome_not_age_reversal_or_efficacy(
    linter: Linter,
) -> None:
    assert AGE not in categories(linter, "Threads give you a more youthful appearance.")
    assert EFF not in categories(linter, "Our peel erases fine lines.")


def test_a_pain_free_procedure_is_not_a_health_claim(linter: Linter) -> None:
    assert MED not in categories(linter, "The procedure is pain-free.")


def test_latest_and_best_still_ranks(linter: Linter) -> None:
    assert STA in categories(linter, "The latest and best treatments in town.")
