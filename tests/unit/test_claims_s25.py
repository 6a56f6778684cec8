# ruff: noqa: E501
"""Shapes found in the twenty-fifth session, written here in our own words (not taken from any page
or labelled set). From eight fresh real-text checks: a few words more between a topic and its claim
("recovery after filler is minimal", "discomfort during the injections is usually minimal"); harm
denied to named tissue ("does not damage nerves", "the tissue above suffers no damage"); any skin
type; "safe to use"; a track record "without any known problems"; "the worst you'll feel"; a
permanent "silhouette"; plain "lines" that disappear; cells that "can no longer store fat"; rosacea
"treated effectively"; comparisons listed before one "than", against devices ("safer than
freezing"), "old-fashioned" tools and "higher success rates"; "no incisions or surgeries required";
"a great alternative" beside surgery; "unlike surgery, it does not need stitches"; immunity in more
words ("supports a healthy immune system", "immune support"); "the" where body-image rules knew
"your" ("slimmer in the bikini"). Honest lines of the same words stay quiet: charges of "100% of
the fee", "under the age of 18 booked in", surface cells removed, hair growing back the same after
dermaplaning, fat and bone lost with age, a masseter's "jawline slimming", resuming toxin
treatments after another treatment, the reader's own medicines in a list, what collagen or melanin
is, a dramatic rise in demand, "safe to take" a painkiller."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, FAT, GUA, MED, PAI, SAF
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Downtime following a lip filler appointment is minimal.", "downtime-absolute"),
        ("Healing time after a light peel is short.", "downtime-absolute"),
        ("Any tenderness during the microneedling session is generally minimal.", PAI),
        ("The energy does not damage nerves, muscles or blood vessels.", SAF),
        ("Only the target is heated; the surrounding tissue suffers no harm.", SAF),
        ("The peel is safe to be used on people of every skin tone.", SAF),
        ("Given in clinics for well over a decade without any reported complications.", SAF),
        ("We have yet to see a single case in our clinic.", SAF),
        ("None of the clients has had a reaction.", SAF),
        ("At most, expect a light prickling feeling.", PAI),
        ("The worst most people notice is a slight tingle.", PAI),
        ("The contours you leave with are permanent.", GUA),
        ("Those expression lines will disappear.", GUA),
        ("Crow's feet will diminish after one visit.", GUA),
        ("Preventing early wrinkles in your thirties.", "age-reversal"),
        ("Quicker and more comfortable than radiofrequency.", COM),
        ("Much kinder than outdated laser machines.", COM),
        ("With this thread lift, no incisions or sutures are needed.", COM),
        ("A facelift means weeks off, which is why threads are an excellent alternative.", COM),
        ("Unlike a surgical lift, it leaves no scars.", COM),
        ("Smooth your skin without having invasive surgery.", COM),
        ("A mineral drip to support your immune system through winter.", MED),
        ("Our winter immune-support infusion is back.", MED),
        ("Anti-wrinkle injections are a non-invasive way to slim the jawline.", COM),
        ("The gel is safe to have every few months.", SAF),
        ("After the injections the cells can no longer store fat.", FAT),
        ("Rosacea is treated successfully with our IPL.", MED),
        ("Better satisfaction rates than other salons.", COM),
        ("Look slimmer in the swimsuit this August.", "body-image-minors"),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Late cancellations are charged 100% of the appointment fee.",
            "unverified-stat-superlative",
        ),
        (
            "Clients under the age of 16 booked in by a parent must bring ID.",
            "unverified-stat-superlative",
        ),
        ("The enzyme mask lifts dead skin cells and oil from the surface.", "detox-toxins"),
        ("After dermaplaning, hair grows back with the same texture as before.", MED),
        ("With age comes bone resorption, and fat pads thin and slip.", FAT),
        ("Masseter injections relax the chewing muscle; jawline slimming follows over weeks.", FAT),
        (
            "Wait two weeks after the laser before you resume anti-wrinkle treatments.",
            "prescription-medicine",
        ),
        ("Use of retinoid creams such as tretinoin in the last week", "prescription-medicine"),
        ("Collagen is a protein made by the body that is responsible for skin strength.", GUA),
        ("Drink water and avoid the sun to prevent further redness.", "age-reversal"),
        ("Unlike fillers, skin boosters do not add volume to the face.", COM),
        ("Results similar to a facelift are not realistic with threads.", COM),
        ("Surgery is not a sensible alternative for people with mild sagging.", COM),
        ("Medicines that weaken the immune system slow healing.", MED),
        ("It's safe to take ibuprofen for a headache afterwards.", SAF),
        ("A protein called collagen helps keep skin firm.", GUA),
        ("Thinning hair can have a big emotional impact on young men.", "efficacy-overclaim"),
        ("There has been a dramatic rise in demand for lip filler.", "efficacy-overclaim"),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


def test_a_track_record_from_a_trial_is_not_the_clinics_boast(linter: Linter) -> None:
    """ "None of the patients had a reaction" is a clinic's safety claim; the same words about a
    trial report a study's result."""
    assert SAF in categories(linter, "None of the patients had a reaction.")
    assert SAF not in categories(linter, "In the trial, none of the patients had a reaction.")
