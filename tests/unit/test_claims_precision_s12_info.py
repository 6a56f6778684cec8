# ruff: noqa: E501
"""Precision on real information pages (twelfth session, real-text audit of aftercare sheets,
consent forms, patient leaflets and clinic FAQs): sentences written for the mechanisms, not taken
from any page. What the reader is told to do to ease the treatment's own after-effects; a change
the sentence goes on to call a harm; what a substance does in everybody's body; a relative safety
word taken back by the risk it carries; "no procedure is without risk"; a screening line of an
intake form; an aftercare instruction about make-up and a duration "post-treatment"; a
non-permanent suture; a quality the skin loses with age; "go ahead" with treatment; prevalence
"affecting" a share of people; risks "greatly reduced". And the claims of the same shapes, which
stay claims; and a clinic's booking rule that names a prescription-only medicine, negated or not
(POM005)."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories


@pytest.mark.parametrize(
    "text",
    [
        "Press a cool pack wrapped in a cloth on the area to reduce any swelling.",
        "Keep using the bland moisturiser, as it will ease the tightness and dryness.",
        "You should wear a factor 50 sunscreen to lower the risk of scarring.",
        "Steer clear of hot yoga for two days to prevent sweating and irritation.",
        "Heat raises blood flow to the face, which can cause the product to shift.",
        "Elastin is a naturally occurring protein responsible for keeping skin firm.",
        "Chemical peels are generally safe, but like any procedure they carry some risk of scarring.",
        "Although microneedling is a relatively low-risk procedure, infections can still occur.",
        "No injectable treatment, however skilled the injector, is without risk.",
        "Roaccutane in the past six months (if so, do not book the treatment)",
        "Do not wear foundation for 12 hours after your session.",
        "Avoid sunbeds for 14 days post-treatment.",
        "The threads are non-permanent sutures that the body absorbs.",
        "Over the years the cheeks lose their youthful fullness.",
        "The nurse will talk you through the risks before they go ahead.",
        "Rosacea is common, affecting about 1 in 10 adults.",
        "In trained hands, risks such as infection are greatly reduced.",
        "The laser targets the cells responsible for new hair growth.",
        "Threads can give a subtle but noticeable lift.",
    ],
)
def test_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set(), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our skin boosters are completely safe, although bruising can occur.", "safety-absolute"),
        ("Laser tattoo removal is safe and effective.", "safety-absolute"),
        ("Our injections have a very good safety profile.", "safety-absolute"),
        ("She no longer wears make-up since her course of peels.", "testimonial-before-after"),
        ("Her lips, two weeks post.", "testimonial-before-after"),
        ("Results that last forever.", "guaranteed-permanent"),
        ("You will see smoother skin within a week.", "guaranteed-permanent"),
        (
            "You can't have Botox on the same day as your consultation, because it must be prescribed.",
            "prescription-medicine",
        ),
        ("Can I start Mounjaro at my first appointment?", "prescription-medicine"),
        ("Book now before the spaces go.", "pressure-trivialising"),
    ],
)
def test_still_claims(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Botulinum toxin can only be prescribed after a face-to-face assessment.",
        "You should not be offered Botox at your first consultation.",
        "You can't have fillers on the same day as your consultation.",
    ],
)
def test_booking_rule_needs_the_clinics_booking(linter: Linter, text: str) -> None:
    found = {f.rule for f in linter.lint_source(text, "page.md").findings}
    assert "POM005" not in found, text
