"""The clinic's own voice: a selling sentence stays a claim when it borrows patient-information
wording. A clinic that names itself, or that hands a warning about others over to "we" / "ours",
speaks for itself; public information that names a source, a medicine or the law stays quiet."""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.language import load_language

from tests.unit.claim_categories import FAT, POM
from tests.unit.conftest import categories, categories_on_information_page

# --- a clinic's own name sells the medicine an information frame talks about -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Buying Botox on the internet is unlawful, so get the real thing at Glow Clinic.",
        "Selling Botox online is unlawful, which is why Lumière Aesthetics uses genuine Botox.",
        "Counterfeit Botox is sold online; for the real thing, visit Radiance Skin Studio.",
        "Never buy Botox online: Bloom Aesthetics stocks genuine Botox from a UK pharmacy.",
        "It is an offence to sell Botox without a prescription, so come to Pure Skin Clinic.",
        "Fake Botox can harm you, so have your genuine Botox at Glow.",
    ],
)
def test_clinic_name_keeps_a_medicine_claim(linter: Linter, text: str) -> None:
    assert POM in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "It is illegal to buy Botox online; only a prescriber can supply it.",
        "According to the Mayo Clinic, Botox effects wear off after three to four months.",
        "Cleveland Clinic says Botox is a prescription-only medicine.",
        "Botox is a prescription-only medicine, and fake Botox bought online can cause botulism.",
        "Only a prescriber can supply Botox, so do not buy it online in the UK.",
    ],
)
def test_public_information_naming_a_source_stays_quiet(linter: Linter, text: str) -> None:
    """Quiet on a health service's page; a clinic naming Botox in the same words still names it
    (test_claims_how_and_where.py)."""
    assert POM not in categories_on_information_page(linter, text)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Get it at Glow Clinic.", True),
        ("Glow Skin Clinic's nurses inject it.", True),
        ("Get it at Glow.", True),
        ("Visit Skin & Laser Clinic today.", True),
        ("It is given at NHS clinics.", False),
        ("According to the Mayo Clinic, it wears off.", False),
        ("Cleveland Clinic says it wears off.", False),
        ("Book at Christmas.", False),
        ("Ask at a skin clinic near you.", False),
        ("Botulinum Toxin At The Dermatology Clinic", False),
    ],
)
def test_pack_tells_a_clinic_name_by_its_capitals(text: str, named: bool) -> None:
    voice = load_language("en").voice
    assert voice is not None
    assert voice.named(text, 0, len(text)) is named


# --- a warning about others that hands over to the clinic --------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Be careful of clinics using chemicals: ours is 100% natural, so totally safe.",
            "safety-absolute",
        ),
        (
            "Be wary of salons that cut corners: we guarantee permanent results.",
            "guaranteed-permanent",
        ),
        ("Beware of clinics that promise no downtime — ours really is pain-free.", "pain-absolute"),
        (
            "Steer clear of clinics offering cheap filler: our results last forever.",
            "guaranteed-permanent",
        ),
        ("Be cautious about high-street salons: our treatments are risk-free.", "safety-absolute"),
        (
            "Be suspicious of clinics that say it won't hurt: with us it is totally painless.",
            "pain-absolute",
        ),
    ],
)
def test_warning_handed_over_to_the_clinic_is_its_claim(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Be careful of clinics that claim their peels are painless: we always use numbing cream.",
        "Be wary of clinics that promise no downtime: we will tell you honestly about swelling.",
        "Be careful of adverts that say things like: our injections melt fat overnight.",
        "Beware of clinics that tell you: we guarantee results.",
        'Be wary of clinics that say: "ours is totally safe".',
        "There is no evidence that drips, ours included, detox the body.",
        "Be careful of clinics that say it is 100% safe: every treatment has risks.",
    ],
)
def test_warning_whose_claim_stays_with_the_others_is_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


# --- a hand-over that only affirms takes the others' claim up -------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Other clinics claim their fillers last forever — ours actually do.",
            "guaranteed-permanent",
        ),
        ("Some salons promise zero downtime, we guarantee it.", "downtime-absolute"),
        ("Lots of places say their peels are painless - ours really are!", "pain-absolute"),
        (
            "Many clinics claim results are permanent: our nurses deliver on that promise.",
            "guaranteed-permanent",
        ),
        ("Other providers say their facials are risk-free; ours truly are too.", "safety-absolute"),
    ],
)
def test_hand_over_that_affirms_makes_the_claim_the_clinics(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Other clinics claim their fillers last forever — ours wear off in nine to twelve months.",
        "Some salons promise zero downtime — we do not.",
        "Other clinics claim results last forever: we don't, because filler breaks down.",
        "Some websites say peels are painless; we are honest that they sting.",
        "Beware of clinics that tell you: we guarantee it.",
        "Some clinics promise permanent results, but we can't promise that.",
    ],
)
def test_hand_over_that_does_not_affirm_keeps_the_claim_reported(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


# --- a brand named in a list of treatments is a menu -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Treatments include Botox, lip filler and Profhilo.",
        "Services include Botox, dermal fillers and skin boosters.",
        "Treatments available include Xeomin, skin boosters and chemical peels.",
        "Injectables include Azzalure and dermal filler.",
        "Treatments include Dysport, tear trough filler and microneedling.",
        "Services include anti-wrinkle injections, lip filler and Profhilo.",
    ],
)
def test_brand_in_a_list_of_services_is_a_claim(linter: Linter, text: str) -> None:
    assert POM in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Botox is a prescription-only medicine.",
        "Treatments include antiperspirants, iontophoresis and Botox injections.",
        "Non-surgical procedures include anti-wrinkle injections, fillers and chemical peels.",
        "Brand names include Botox, Azzalure and Bocouture.",
        "Treatment options include botulinum toxin injections (such as Botox).",
        "Cosmetic procedures include botulinum toxin injections, such as Botox, and fillers.",
    ],
)
def test_medicine_named_as_information_in_a_list_is_quiet(linter: Linter, text: str) -> None:
    # on a health service's page; on a clinic's page the list is its menu
    assert POM not in categories_on_information_page(linter, text)


# --- an approval does not make a fat claim acceptable ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cleared by the FDA to melt fat permanently.",
        "FDA-approved to dissolve stubborn fat for good.",
        "Our device is cleared by the FDA to destroy fat cells.",
        "Approved by the MHRA to burn fat in just one session.",
        "Licensed to break down fat permanently.",
        "We use the first laser cleared to melt fat.",
    ],
)
def test_approval_does_not_clear_a_fat_claim(linter: Linter, text: str) -> None:
    assert FAT in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "No injection is approved to dissolve fat in the UK.",
        "It is licensed only to reduce fat under the chin.",
        "Nothing sold online is approved to dissolve fat.",
        "Fat-freezing devices are cleared in the US to reduce small bulges, not to lose weight.",
        "Some fat-freezing devices are cleared to reduce small bulges of fat in certain areas.",
        "Semaglutide is not licensed for weight loss in people without obesity.",
    ],
)
def test_approval_stated_as_information_is_quiet(linter: Linter, text: str) -> None:
    assert FAT not in categories(linter, text)
