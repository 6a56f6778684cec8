# ruff: noqa: E501
"""Shapes found in the thirty-fifth session, written here in our own words (not taken from any page
or labelled set). Home products and other therapies run down ("an edge over other light-based
devices", "no topical cream could ever match this", "depths that can't be reached with everyday
serums", "unlike drugstore peels"); popularity as the crowd's pick; "safe" said after "become"; a
device that "safely shaves" the skin; every hair type or skin tone said to be treatable; "no
reports of" a harm; "not considered painful"; a mechanism that "leads to tightening" or is "causing
the skin to lift"; "no need to live with wrinkles"; removal said to be complete; a client's own
eyes on a result and fame as endorsement; a heading that opens "Safe treatment for"; "safe,
experienced hands"; a patch test that "ensures no reaction will occur"; a known risk called a myth;
pain "not nearly as sore as people expect" or perhaps absent.
Quiet: a superlative of risk or age said of a method ("one of the riskiest methods", "one of the
oldest methods"), a safety statement conceded "not without its risks", hair or ageing called
natural, jaw slimming by relaxing a muscle, and harm that a habit "leads to"; the reader's own
precaution "to make sure there are no reactions"; cancer called a myth; a listicle's numbered "top"
heading; popularity without a rank, even "hugely popular"; the most talked-about complications; the
safest setting for your skin; "it's best to stop"; removal said not always to be complete; photos
cherished forever; a purpose told at length ("applied each evening for a month to fade dark
spots")."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, FAT, GUA, NAT, PAI, SAF, STA, TES
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Cold plasma has a real edge over other light-based devices.", COM),
        ("No topical cream could ever match what one session does.", COM),
        ("The serum reaches depths that can't be reached with everyday skincare products.", COM),
        ("Unlike drugstore peels, ours are applied by a nurse.", COM),
        ("Of all the options, none of them is as effective as our laser.", COM),
        ("Hydra-style facials are favoured by dermatologists across Europe.", STA),
        ("Over the years the device has become gentler and safe.", SAF),
        ("The blade safely shaves away dead cells and fine hair.", SAF),
        ("Our diode laser is able to treat every skin tone.", SAF),
        ("There have been no reports of complications with this device.", SAF),
        ("Most clients find the warmth mild and not considered painful.", PAI),
        ("The current heats the dermis, which then leads to tightening of the jowls.", GUA),
        ("Focused ultrasound warms the deep layer, causing the skin to lift.", GUA),
        ("Good news: there is no need to live with wrinkles.", GUA),
        ("Our nurses will completely remove the old tattoo in a few visits.", GUA),
        ("Even green ink has been totally faded on our clients.", GUA),
        ("The pigment breaks down and fades until it finally disappears.", GUA),
        ("Heat reaches the bulb, so it is impossible for the hairs to regrow.", GUA),
        ("By the third week I noticed huge changes in my jawline.", TES),
        ("This facial has been championed by famous faces for years.", TES),
        ("Safe treatment for sun-damaged skin", SAF),
        ("You are in safe, experienced hands with our nurses.", SAF),
        ("A quick patch test ensures no allergic reaction will occur.", SAF),
        ("Myth 3: Fat freezing can cause burns", SAF),
        ("The peel is not nearly as sore as most people expect.", PAI),
        ("With the numbing cream you may not feel any discomfort at all.", PAI),
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
        (
            "Test a new cream for a week before the wedding to make sure there are no reactions.",
            SAF,
        ),
        ("Myth 2: Laser can cause skin cancer", SAF),
        ("8 Top Laser Myths, Answered", STA),
        ("Skin boosters have become hugely popular this year.", STA),
        ("These are the most talked-about complications of thread lifts.", STA),
        ("A patch test decides the safest setting for your skin type.", SAF),
        ("It's best to stop retinol a week before a peel.", STA),
        ("It's not always possible to completely remove a tattoo.", GUA),
        ("Smile: these are the photos you will cherish forever.", GUA),
        ("The serum is applied to the skin each evening for a month to fade dark spots.", GUA),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
