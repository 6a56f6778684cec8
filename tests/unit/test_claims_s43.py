"""Shapes found in the forty-third session, written here in our own words (not taken from any
page or labelled set). A page that names its own clinic in running text and speaks as "we" sells,
even with a hospital word on it and no price; a title-case heading names no clinic. An agency that
"warns consumers against" a product speaks as a regulator. Results that "can be seen immediately"
are promised as surely as results "you can see immediately", and so are "you will begin noticing
results" and "you'll get fewer wrinkles". A purpose ("moves the probe to tighten the skin", "a
peel to treat melasma", "water to keep your skin hydrated") says what a step is for, while "leads
to smoother skin" and a mechanism ("stimulates collagen production to smooth fine lines") still
state the result; "laser resurfacing for scars" names a treatment. Pain "well tolerated", "easily
controlled" or "in no way" felt is played down; a recovery "instant", "quicker than it would be
after a surgical lift" or "far shorter than for liposuction" denies downtime or compares; "no
lasting scarring" denies a harm. A teen named in a sentence that sells nothing, skin tags
"completely harmless", a session "as pain free as possible", the collagen the skin loses with
age, everyday care at home and the aim of a course of treatment stay quiet."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import BOD, COM, DOW, FAT, GUA, MED, PAI, POM, SAF, STA
from tests.unit.conftest import MEDICINE_SENTENCE, categories, categories_after


def test_a_hospital_leaflet_informs_about_a_medicine(linter: Linter) -> None:
    lead = "Information from the hospital dermatology department.\n\nWe will see you again.\n\n"
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_clinic_that_names_itself_sells_though_it_mentions_a_hospital(linter: Linter) -> None:
    lead = (
        "Our nurses at Harbourside Aesthetics trained in a hospital plastic surgery unit.\n\n"
        "We see you for a consultation first.\n\n"
    )
    assert POM in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_title_case_heading_names_no_clinic(linter: Linter) -> None:
    lead = (
        "Treatments for Ageing and Sun-Damaged Skin\n\n"
        "Information from the hospital dermatology department.\n\nWe will see you again.\n\n"
    )
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_an_agency_warning_consumers_speaks_as_a_regulator(linter: Linter) -> None:
    lead = "The national safety agency warns consumers against buying injections online.\n\n"
    text = "Lemon Bottle comes in small glass vials."
    assert FAT not in categories_after(linter, lead, text)
    assert FAT in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Treatment results can be seen immediately.", GUA),
        ("The lift can be noticed straight away.", GUA),
        ("More collagen leads to smoother, firmer skin.", GUA),
        ("Our peel treats melasma.", MED),
        ("Book your teen in for a glow facial.", BOD),
        ("For most patients the stinging is very well tolerated.", PAI),
        ("Any soreness afterwards is easily controlled with paracetamol.", PAI),
        ("Recovery is quicker than it would be after a surgical lift.", COM),
        ("The healing period is far shorter than for liposuction.", COM),
        ("After three sessions you will begin noticing results.", GUA),
        ("Keep it up and you'll get fewer wrinkles over the years.", GUA),
        ("Patients are left with no lasting scarring.", SAF),
        ("The booster stimulates collagen production to smooth fine lines.", GUA),
        ("Our infusion comes with biotin to make your skin radiant.", GUA),
        ("Healing is instant, so you can go straight back to work.", DOW),
        ("A slight tingle, but the freezing is in no way painful.", PAI),
    ],
)
def test_a_claim_said_in_other_words_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The doctor moves the probe in slow lines to tighten the skin.", GUA),
        ("Add a toner afterwards to rebalance the skin.", GUA),
        ("This leaflet explains how a chemical peel is used to treat melasma.", MED),
        ("Acne is common in teenagers and young adults.", BOD),
        ("Every teenager goes through a surge of hormones.", BOD),
        ("Isotretinoin capsules are usually well tolerated.", PAI),
        ("Fillers do not last as long as a surgical lift.", COM),
        ("Fractional laser resurfacing for acne scarring", GUA),
        ("Sip water through the day to keep your skin hydrated.", GUA),
        ("Skin tags are completely harmless, but many people have them removed.", SAF),
        ("We keep the session as pain free as possible with a chilled tip.", PAI),
        ("By sixty the skin has lost about 40 per cent of its collagen.", STA),
        ("Use a gentle cleanser and a light moisturiser that hydrates the skin.", GUA),
        ("The aim of a course of peels is to improve skin texture.", GUA),
    ],
)
def test_honest_wording_stays_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
