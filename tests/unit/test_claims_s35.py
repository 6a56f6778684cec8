# ruff: noqa: E501
"""Shapes found in the thirty-fifth session, written here in our own words (not taken from any
page or labelled set). Home products and other therapies run down ("an edge over other
light-based devices", "no topical cream could ever match this", "depths that can't be reached
with everyday serums", "unlike drugstore peels"); popularity said with an intensifier or as the
crowd's pick; "safe" said after "become"; a device that "safely shaves" the skin; every hair type
or skin tone said to be treatable; "no reports of" a harm; "not considered painful"; a mechanism
that "leads to tightening" or is "causing the skin to lift"; "no need to live with wrinkles".
Quiet: a superlative of risk or age said of a method ("one of the riskiest methods", "one of the
oldest methods"), a listicle's "top 7" heading, a safety statement conceded "not without its
risks", hair or ageing called natural, jaw slimming by relaxing a muscle, and harm that a habit
"leads to"."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, FAT, GUA, NAT, PAI, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Cold plasma has a real edge over other light-based devices.", COM),
        ("No topical cream could ever match what one session does.", COM),
        ("The serum reaches depths that can't be reached with everyday skincare products.", COM),
        ("Unlike drugstore peels, ours are applied by a nurse.", COM),
        ("Of all the options, none of them is as effective as our laser.", COM),
        ("Skin boosters have become hugely popular this year.", STA),
        ("Hydra-style facials are favoured by dermatologists across Europe.", STA),
        ("Over the years the device has become gentler and safe.", SAF),
        ("The blade safely shaves away dead cells and fine hair.", SAF),
        ("Our diode laser is able to treat every skin tone.", SAF),
        ("There have been no reports of complications with this device.", SAF),
        ("Most clients find the warmth mild and not considered painful.", PAI),
        ("The current heats the dermis, which then leads to tightening of the jowls.", GUA),
        ("Focused ultrasound warms the deep layer, causing the skin to lift.", GUA),
        ("Good news: there is no need to live with wrinkles.", GUA),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Dermabrasion is one of the most risky ways to fade a tattoo.", STA),
        ("Salabrasion is one of the oldest methods of tattoo removal.", STA),
        ("Top 7 surprising winter skincare habits", STA),
        ("Although fat freezing is generally considered safe, it is not without its risks.", SAF),
        ("Grey hair is completely natural, and many people keep it.", NAT),
        ("Masseter slimming relaxes an enlarged chewing muscle.", FAT),
        ("Smoking leads to a reduction in collagen over the years.", GUA),
        ("Picking the scabs can lead to scarring.", GUA),
        ("We treat pigmentation in all skin tones, after a patch test.", SAF),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
