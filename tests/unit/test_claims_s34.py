# ruff: noqa: E501
"""Shapes found in the thirty-fourth session, written here in our own words (not taken from any
page or labelled set). Wonders a treatment "can work" are still wonders (a hedge does not soften
them); "the treatment of choice" and "the preferred therapy for" rank a treatment; a condition
"easy to treat" overstates; a named harm whose risk is "virtually zero" is denied, as are harms
"not usually seen" and scarring "you won't have"; the exception for one harm told honestly no
longer takes generic harms in the plural ("the risk of complications is virtually zero" was let
through).
Quiet: the reader's own "treatment of choice", which laser suits which skin, a harm's risk that is
"small but never zero", and wonders or miracles denied."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import EFF, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A course of boosters can work real wonders on a crepey neck.", EFF),
        ("IPL is the treatment of choice for broken capillaries.", STA),
        ("The preferred therapy for sun spots is our pigment laser.", STA),
        ("Microneedling remains the preferred option for rolling scars.", STA),
        ("Freckles and sun spots are very easy to treat.", EFF),
        ("The risk of complications with our cannula is virtually zero.", SAF),
        ("In our hands the risk of an infection is close to zero.", SAF),
        ("Bruising is typically not seen after the treatment.", SAF),
        ("You won't have any scarring once it heals.", SAF),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Bring a photo of your filler of choice to the consultation.", STA),
        ("A long-pulsed laser is usually the preferred option for people with darker skin.", STA),
        ("The preferred treatment for you depends on the depth of the scars.", STA),
        ("The chance of an infection is small but never zero.", SAF),
        ("No peel can work miracles on deep scars.", EFF),
        ("Deep melasma is not easy to treat and often returns.", EFF),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
