# ruff: noqa: E501
"""Shapes found in the twenty-ninth session, written here in our own words (not taken from any
page or labelled set). Mechanism first: a purpose ("a method of", "designed for") no longer
softens a claim whose own words are certain ("the only method of permanent hair removal"), as a
hedge inside or after a claim already did not. From six fresh real-text checks: money saved by
paying up front, loyalty points and discounted prices; "very little, if any, pain" and numbing "to
prevent any discomfort"; "almost anyone can benefit"; "high success rates" and an award "of the
year/state"; "does not leave any scars"; fixing other injectors' mistakes; "cost-effective
compared to surgery"; wrinkles kept "at bay"; "antiwrinkle medication"; relief for PCOS; "an
effective melasma treatment"; "we've proved it". Honest lines that used claim words and were
flagged stay quiet now: acne had as a teenager; how common a condition is; a medicine avoided for
some weeks before treatment; an expectation called unrealistic ("it is unrealistic to expect an
invisible scar"); "excellent candidates"; your details kept safe; "people with a
lighter skin tone"; hair growth that slows with age; what many surgeons choose to do; goodbye to
summer; a heading "Why choose laser hair removal?"; "the perfect season for a peel"; "the rest is
history"; "one of the most lenient states"; acne that clears without treatment; follicles that
stop growing hair; how sweat injections work; a condition that is "not harmful"; a GP's advice
to lose weight; recovery for athletes; visible symptoms."""

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
    SAF,
    STA,
)
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a purpose does not soften a claim that is certain in its own words
        ("Electrolysis remains the one method of permanent hair removal.", GUA),
        ("These diode lasers are designed for permanent hair reduction.", GUA),
        # inducements
        ("Pay for your whole course upfront and save.", PRE),
        ("Pre-pay for six sessions and receive a bonus discount.", PRE),
        ("Every client can collect points on each visit.", PRE),
        ("Join our loyalty programme today.", PRE),
        # pain, benefit and rank
        ("You will feel little or no discomfort during the peel.", PAI),
        ("We apply a numbing gel to take away any discomfort.", PAI),
        ("Practically everyone can benefit from a hydrating drip.", EFF),
        ("Our clinic has an unrivalled success rate.", STA),
        ("Named salon of the year for two years running.", STA),
        ("The laser will not leave a single scar.", SAF),
        ("I spend half my week fixing the mistakes made by other injectors.", COM),
        ("Affordable compared with a facelift.", COM),
        ("Monthly top-ups keep those frown lines at bay.", GUA),
        ("Your anti-wrinkle medicine starts to work after three days.", POM),
        ("Real relief for polycystic ovary syndrome with our laser.", MED),
        ("Microneedling is a highly effective acne scar treatment.", MED),
        ("Our drips lift your mood and we have proven it.", EFF),
        # the exceptions read only the words beside the claim, not the whole sentence
        ("Excellent candidates see dramatic results within a week.", EFF),
        ("Our peel gives people with darker skin a lighter skin tone in one session.", GUA),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Fillers are injected to add volume to the cheeks.", GUA),
        ("Deposits paid in advance are non-refundable.", PRE),
        ("I had stubborn spots as a teenager, which is why I trained in skin.", BOD),
        ("Eczema often starts in the teenage years.", BOD),
        ("Around 70% of people aged 12 to 25 are affected by spots at some point.", STA),
        ("Avoidance of isotretinoin in the last six months", POM),
        ("Avoidance of laser, fillers and Botox procedures for 10 days prior", POM),
        ("Healthy adults with no active skin infection are excellent candidates.", EFF),
        ("Your card details are kept safe and never shared.", SAF),
        ("The laser suits people with a lighter skin tone and dark hair.", GUA),
        ("Hair growth naturally slows with age.", AGE),
        ("Many cosmetic surgeons choose to work in private practice only.", STA),
        ("It is time to bid a fond farewell to summer.", GUA),
        ("Why choose laser hair removal?", COM),
        ("Is autumn the perfect time for a peel?", BOD),
        ("I did one course in aesthetics and the rest is history.", GUA),
        ("This is one of the most lenient countries for who may inject.", STA),
        ("Mild acne often settles on its own, even without treatment.", MED),
        ("Acne often clears up after some years, even without treatment.", MED),
        ("It is unrealistic to expect a scar to become invisible.", GUA),
        ("It would be wrong to promise you permanent results.", GUA),
        ("Follicles stop growing hair, which leads to thinning.", MED),
        ("The injections work by blocking the signals that tell sweat glands to work.", MED),
        ("While thread veins are not harmful, many people find them bothersome.", SAF),
        ("Their doctor may tell them to lose some weight first.", FAT),
        ("Drips are popular with runners looking for a quick recovery after a race.", DOW),
        ("The most visible symptoms are redness and small bumps.", EFF),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
