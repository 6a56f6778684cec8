# ruff: noqa: E501
"""Shapes found in the thirtieth session, written here in our own words (not taken from any page
or labelled set). Mechanism first: a hedge reaches along a second verb phrase of its own clause
joined by "and"/"or" ("helps to tone the muscles and improve elasticity"), but not past a new
subject or a word of certainty; "helpful in", "assists in", "helping to" and "believed to" hedge;
"not only safe but ..." calls a treatment safe. From six fresh real-text checks: tallies of
procedures performed and success or take rates said to be high; "offer safe, modern laser
treatments" and "can safely undergo"; toxins released, sweated out or removed from the body;
normal life resumed at once by "his or her" patients. Honest lines that used claim words and were
flagged stay quiet now: a numbing cream that markedly eases discomfort; "significant skin
concerns"; a "top half" to take off; a prevalence figure people "report"; a condition or topic
ranked "one of the most ..."; a chemical-free sunscreen and mineral make-up after treatment; a
course where you learn to work safely; an ice pack that calms the skin; what collagen does; skin
that becomes less firm with age; acne from the teenage years into adult life."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import BOD, DET, DOW, EFF, GUA, NAT, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a hedge does not reach a second verb phrase that is certain or has its own subject
        ("Our peel can brighten dull skin and removes every line for good.", GUA),
        ("The laser may reduce redness, and results are permanent.", GUA),
        # safety
        ("Our laser is not only safe but quick.", SAF),
        ("It is, not just safe, but relaxing too.", SAF),
        ("Our clinic offers safe, modern laser hair removal.", SAF),
        ("Almost anyone can safely undergo this procedure.", SAF),
        # tallies and rates
        ("Our doctors have performed thousands of facial thread lifts.", STA),
        ("Our graft take rate is exceptionally high.", STA),
        ("The rate of successful outcomes is very high.", STA),
        # toxins
        ("The warm wrap helps your body release toxins.", DET),
        ("Heavy metals are sweated out during each session.", DET),
        ("Toxins are removed from the body through the lymph.", DET),
        # downtime said of a patient in the third person
        ("The patient can resume his or her normal routine immediately.", DOW),
        # a caution stays local: an honest clause does not clear a claim beside it
        ("Numbing cream markedly reduces discomfort and gives dramatic results.", EFF),
        ("We are one of the most experienced clinics in the county.", STA),
        ("Our chemical-free peel is gentle on every skin.", NAT),
        ("Teens and adults alike can benefit from our course.", BOD),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the hedge reaches the second verb phrase
        ("The device helps to tone the muscles and improve skin elasticity.", GUA),
        ("Creams may briefly tighten the skin or improve hydration.", GUA),
        ("A PRP facial uses platelets, helping to even out tone and to restore lost volume.", GUA),
        ("These peels are also helpful in softening fine lines.", GUA),
        ("The serum assists in improving old scars.", GUA),
        # honest lines
        ("A numbing cream markedly reduces discomfort during the session.", EFF),
        ("Relaxing your shoulders can significantly reduce the feeling of pain.", EFF),
        ("If you have significant skin concerns, a longer course may suit you.", EFF),
        ("Please take off your top half and put on the gown.", STA),
        ("Roughly 40% of adults report at least one pigment problem.", STA),
        ("Rosacea is one of the most distressing skin conditions for adults.", STA),
        ("Lip shape is one of the most debated topics in aesthetics.", STA),
        ("Wear a chemical-free sunscreen every day for a week.", NAT),
        ("Mineral make-up can be worn from the second day.", NAT),
        ("On this course you will learn how to carry out the peel safely and effectively.", SAF),
        ("An ice pack held on the area will help to calm your skin.", GUA),
        ("Collagen, which keeps skin firm, declines with age.", GUA),
        ("This protein is what gives the skin its bounce.", GUA),
        ("With age, the skin becomes less firm and less elastic.", GUA),
        ("Acne often starts during teenage and can last well into adult life.", BOD),
        ("It affects babies, teenagers and adults of both sexes.", BOD),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
