# ruff: noqa: E501
"""Precision on public patient information and careful clinic pages (eleventh session): honest
sentences written for the mechanisms, not taken from any labelled set, stay quiet, and claims of
the same shape stay claims. A claim said not to exist or not to be something anyone can offer,
one taken back for the rest of the cases in its own sentence, a range that starts at none;
treatments advertised to do something or sold with promises, phrases named or called a term,
claims judged to be myths or marketing, banned kinds of advert; an aim as a hedge of a balanced
medical statement; results that depend on something; medicines described, supplied by a third
party, or used by the people of a trial; an expectation with what to do if it is not met; material
judged able to mislead."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories, categories_on_information_page


@pytest.mark.parametrize(
    "text",
    [
        "An instant cure for ageing does not exist, whatever the advert says.",
        "Permanent results are not something any careful injector can promise.",
        "Serious side effects are uncommon, but some can leave lasting damage.",
        "Most people have no visible swelling the next day, though a few do.",
        "Recovery ranges from none to several days, depending on the depth of the peel.",
        "Fat-dissolving jabs are not a substitute for diet and exercise.",
        "Creams advertised to reverse ageing rarely say what is in them.",
        "Drips are often sold with claims that they detox the liver.",
        "Regulators object to the word 'painless' in treatment adverts.",
        "Looking ten years younger after one session is a marketing promise, not a medical one.",
        "'Non-surgical facelift' is the marketing term for a set of injections.",
        "Weight-loss adverts aimed at teenagers are banned in the UK.",
        "The goal is to improve acne scars, but they will not go away completely.",
        "Long-lasting results depend on how well you protect your skin from the sun.",
        "Ozempic and Wegovy contain the same medicine at different doses.",
        "Finasteride can be prescribed by a GP after a consultation.",
        "Men taking finasteride in the trials reported lower sex drive more often than those on placebo.",
        "The main medicines for pattern hair loss are minoxidil and finasteride.",
        "You should not need strong painkillers afterwards; if you do, please ring the clinic.",
        "Before-and-after pictures can be misleading when the lighting changes.",
        "In the main trial, most people taking semaglutide reported nausea at some point.",
    ],
)
def test_quiet(linter: Linter, text: str) -> None:
    # public information: on a health service's page (a medicine named is quiet only there)
    assert categories_on_information_page(linter, text) == set(), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("It is completely painless, but you may feel a little pressure.", "pain-absolute"),
        ("Zero downtime, and that is no myth.", "downtime-absolute"),
        ("Our results are permanent, and that's not marketing.", "guaranteed-permanent"),
        ("We offer Mounjaro from £150 a month.", "prescription-medicine"),
        ("Our doctors prescribe finasteride to stop hair loss.", "prescription-medicine"),
        ("Ask about our anti-wrinkle injections.", "prescription-medicine"),
        ("Side effects are rare, so you can relax.", "safety-absolute"),
        ("It's painless; if it hurts, tell us.", "pain-absolute"),
        ("Most people have no downtime, but some have mild redness.", "downtime-absolute"),
    ],
)
def test_still_claims(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text), text
