"""Shapes found in the forty-fourth session, written here in our own words (not taken from any page
or labelled set). A clinic that cites the medicines regulator's approval ("licensed by the MHRA")
is still a clinic: the regulator named is no sign that the page is a health service's own, while a
council, its environmental health officers or trading standards speak as public bodies. An
advantage said of the treatment with nothing named to weigh it against ("it is less invasive and
less traumatic", "fillers are cheaper and less time consuming") is a comparison, though a cooling
gel that "makes it more comfortable", deeper peels that "are stronger" and advice that "it is
better to wait" compare nothing. A leaflet that says "this page gives you information about" a
treatment speaks as a health service. A summary box that gives downtime or discomfort as "low" or
"same day" plays it down as "minimal" does. The reader's medicines listed as making the skin react
("medicines such as isotretinoin may make your skin heal more slowly") stay quiet. A "can" or "may"
does not soften efficacy boasted of with an intensifier ("can be extremely effective"). A result
stated as what a filler "will add" or what the reader "will be left with", and small lesions that
"will shrink", are outcomes stated as fact."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, DOW, EFF, GUA, PAI, POM
from tests.unit.conftest import MEDICINE_SENTENCE, categories, categories_after


@pytest.mark.parametrize(
    "lead",
    [
        "The toxin we use is licensed by the MHRA.\n\nWe see you for a consultation first.\n\n",
        "Approved by the MHRA in 2006, it is one of three brands we stock.\n\n",
        "The Medicines and Healthcare products Regulatory Agency licenses each brand.\n\n",
    ],
)
def test_a_clinic_citing_the_regulator_still_sells(linter: Linter, lead: str) -> None:
    assert POM in categories_after(linter, lead, MEDICINE_SENTENCE)


@pytest.mark.parametrize(
    "lead",
    [
        "The borough council has had reports of unlicensed injections.\n\n",
        "Environmental health officers inspect premises that offer injections.\n\n",
        "Trading standards have seized fake products from two salons.\n\n",
    ],
)
def test_a_public_body_informs_about_a_medicine(linter: Linter, lead: str) -> None:
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_leaflet_that_says_what_it_gives_informs(linter: Linter) -> None:
    lead = "This page gives you information about injections into the bladder wall.\n\n"
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_regulator_that_warns_still_speaks_as_one(linter: Linter) -> None:
    lead = "The MHRA is warning people not to buy injections from social media.\n\n"
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_professional_council_is_no_public_body(linter: Linter) -> None:
    lead = "Our nurse is registered with the Nursing and Midwifery Council.\n\nWe stock it.\n\n"
    assert POM in categories_after(linter, lead, MEDICINE_SENTENCE)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("It is quicker, cheaper and less traumatic.", COM),
        ("Cheek fillers are less invasive and less time consuming.", COM),
        ("They're gentler and more affordable, with results the same day.", COM),
        ("This procedure is far less painful.", COM),
        ("Dermal filler will add volume to the cheeks.", GUA),
        ("Our threads will add lift along the jaw.", GUA),
        ("You will be left with clear, even skin.", GUA),
        ("Most patients will be left with brighter, smoother skin.", GUA),
        ("The milia will gradually shrink.", GUA),
        ("Small spots will shrink and clear.", GUA),
        ("Downtime: Low", DOW),
        ("Typical recovery: same day", DOW),
        ("Discomfort: very low", PAI),
        ("This can be very effective.", EFF),
        ("A light peel may be extremely effective on dull skin.", EFF),
    ],
)
def test_claim_shapes(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A cooling gel makes it more comfortable.", COM),
        ("Numbing cream is applied to make the injections more comfortable.", COM),
        ("Medium and deep peels are stronger and must be done by a doctor.", COM),
        ("Some people break the filler down faster than others.", COM),
        ("It is better to wait two weeks before flying.", COM),
        ("Many people go abroad because it is cheaper.", COM),
        ("Your nurse will add a little numbing cream.", GUA),
        ("The redness will fade within a day.", GUA),
        ("Redness slowly fades to pink over a few weeks.", GUA),
        ("Downtime: two to three days", DOW),
        ("Discomfort: moderate, eased with numbing cream", PAI),
        ("Medicines such as isotretinoin may make your skin heal more slowly after laser.", POM),
        ("A light peel can be effective on dull skin for some people.", EFF),
    ],
)
def test_quiet_shapes(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
