# ruff: noqa: E501
"""Shapes found in the thirty-second session, written here in our own words (not taken from any
page or labelled set). A treatment said to support, promote or lead to weight loss makes a
weight-loss claim; a "very low incidence" of side effects plays them down; praise of a treatment
"for" a skin disease treats it; a reviewer who "loves the results" or whose "confidence is
improved" gives a testimonial; "you will see fading" promises the result. Quiet: the bare name
"non-surgical rhinoplasty" (what the procedure is called, not a comparison), "X vs Y" headings,
an alternative to surgery said not to be equivalent, a device "indicated to" improve something,
"your best course of treatment", US device-sale boilerplate, a patch test's "once there are no
reactions", advice for the day of surgery, and ageing's "permanent angry look"."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, FAT, GUA, MED, PRE, SAF, STA, TES
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our monthly programme supports steady weight loss from the first week.", FAT),
        ("The shots speed up fat loss while you sleep.", FAT),
        ("Slower stomach emptying then leads to weight loss.", FAT),
        ("There is a very low incidence of side effects with this device.", SAF),
        ("Blue light is an excellent treatment for acne and oily skin.", MED),
        ("This laser works wonders on thread veins.", MED),
        ("'Absolutely loving my new jawline!'", TES),
        # the verdict-first review stands mid-page, after other sentences
        ("Thank you to the whole team. Love the results of my peel!", TES),
        ("Two sessions later, my confidence has soared.", TES),
        ("You will see clearing after every session.", GUA),
        # the surgical name given to a non-surgical treatment still implies its result
        ("Radiofrequency: the non-surgical facelift.", COM),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Book a review within eight weeks of your non-surgical rhinoplasty.", COM),
        ("Botox vs fillers: which suits you?", COM),
        ("Filler can stand in for surgery on a small bump, but it is not the same.", COM),
        ("Remove nail varnish and jewellery on the morning of the procedure.", COM),
        ("The device is indicated to improve the look of loose skin on the neck.", GUA),
        ("Deep frown lines can give a permanent cross or tired look.", GUA),
        ("Your nurse will agree your best course of treatment with you.", STA),
        ("Federal law restricts this device to sale by or on the order of a physician.", PRE),
        ("Once there are no reactions to the patch test, we can begin.", SAF),
        ("Rapid weight loss can leave loose skin behind.", FAT),
        ("Regular exercise and a balanced diet drive weight loss for most people.", FAT),
        ("You will see the swelling fading within a day or two.", GUA),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
