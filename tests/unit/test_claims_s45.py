"""Shapes found in the forty-fifth session, written here in our own words (not taken from any page
or labelled set). A hospital whose name joins two places ("at Riverside and Westfield Hospital")
is a hospital, not a clinic naming itself, so its leaflet still informs; a clinic's name with an
"and" in it is still a clinic's. How common hair loss is among men ("a quarter of men begin to
lose their hair by thirty") is a fact about the condition, not a result. A problem sized as
"significant" ("significant skin laxity", "significant volume loss") inflates no result, and the
fat the face loses with age is no slimming. What readers look for, or what "everyone wants", is
no promise; nor is what a substance of the body does ("a natural substance in the body that
attracts moisture") or what the muscles of the brow do. Deep, static or expression lines that a
treatment "will soften" are a result stated as fact, as wrinkles are. A price list that counts
areas of "anti wrinkle" names the medicine; a cream "as good as filler" compares itself with a
rival treatment; a clinic that has "never had an unhappy client" gives satisfaction as a
statistic with no exception."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, EFF, FAT, GUA, POM, STA
from tests.unit.conftest import MEDICINE_SENTENCE, categories, categories_after

LEAFLET = "This leaflet explains the injections.\n\n"


def test_a_hospital_whose_name_joins_two_places_still_informs(linter: Linter) -> None:
    lead = LEAFLET + "We will see you in clinic 4 at Riverside and Westfield Hospital.\n\n"
    assert POM not in categories_after(linter, lead, MEDICINE_SENTENCE)


def test_a_clinic_whose_name_has_an_and_still_sells(linter: Linter) -> None:
    lead = LEAFLET + "We see you at Glow and Harley most weekends.\n\n"
    assert POM in categories_after(linter, lead, MEDICINE_SENTENCE)


@pytest.mark.parametrize(
    "text",
    [
        "Roughly one quarter of all men begin to lose their hair by their thirties.",
        "About one in four men start to lose their hair before 30.",
        "Most men will lose some hair by fifty, and around a third of women go on to thin.",
    ],
)
def test_how_common_hair_loss_is_is_no_statistic_of_results(linter: Linter, text: str) -> None:
    assert STA not in categories(linter, text)


def test_a_share_of_clients_whose_hair_loss_stopped_is_a_statistic(linter: Linter) -> None:
    text = "One in four of our male clients stop losing their hair after a course."
    assert STA in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "In cases of significant skin laxity, only surgery can offer a clear improvement.",
        "A stimulating filler is used where there is significant sun damage and wrinkling.",
    ],
)
def test_a_problem_sized_as_significant_inflates_no_result(linter: Linter, text: str) -> None:
    assert EFF not in categories(linter, text)


def test_significant_results_still_inflate(linter: Linter) -> None:
    assert EFF in categories(linter, "Our peel gives significant results after one visit.")


@pytest.mark.parametrize(
    "text",
    [
        "As we age, the face loses volume through fat loss in the cheeks.",
        "Fat loss in the temples can make the face look tired.",
    ],
)
def test_fat_the_face_loses_with_age_is_no_slimming(linter: Linter, text: str) -> None:
    assert FAT not in categories(linter, text)


def test_fat_loss_sold_is_still_a_claim(linter: Linter) -> None:
    assert FAT in categories(linter, "Our injections give fast fat loss from the tummy.")


@pytest.mark.parametrize(
    "text",
    [
        "Many women look for ways to improve their pout.",
        "Smooth, radiant skin is something most people want.",
        "Modern fillers are made of hyaluronic acid, a naturally occurring substance that"
        " attracts moisture and adds volume to tissues.",
        "The filler is hyaluronic acid, a natural substance in the body that attracts and"
        " retains moisture.",
        "The brow is held by muscles that elevate the brow and muscles that pull it down.",
    ],
)
def test_a_wish_or_what_the_body_does_promises_nothing(linter: Linter, text: str) -> None:
    assert GUA not in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Our booster boosts hydration and leaves plumper, smoother skin.",
        "Our boosters improve your skin texture and leave smooth, radiant skin.",
    ],
)
def test_the_same_words_said_of_a_treatment_still_promise(linter: Linter, text: str) -> None:
    assert GUA in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "It will soften deep lines around the mouth.",
        "Our injections smooth static lines on the forehead.",
    ],
)
def test_deep_lines_a_treatment_softens_are_a_result(linter: Linter, text: str) -> None:
    assert GUA in categories(linter, text)


def test_deep_lines_that_may_soften_are_hedged(linter: Linter) -> None:
    assert GUA not in categories(linter, "It may soften deep lines for some people.")


@pytest.mark.parametrize(
    "text", ["3 areas anti wrinkle £199, message to book", "Anti wrinkle 2 areas £180"]
)
def test_areas_of_anti_wrinkle_on_a_price_list_name_the_medicine(linter: Linter, text: str) -> None:
    assert POM in categories(linter, text)


def test_areas_of_an_anti_wrinkle_cream_name_no_medicine(linter: Linter) -> None:
    assert POM not in categories(linter, "A 3 areas anti-wrinkle cream set for the face and neck.")


@pytest.mark.parametrize(
    "text", ["This peptide cream is as good as filler.", "Our serum works just as well as Botox."]
)
def test_a_product_as_good_as_a_rival_treatment_compares(linter: Linter, text: str) -> None:
    assert COM in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "In twelve years we have never had a single dissatisfied client.",
        "We never have unhappy customers.",
    ],
)
def test_no_unhappy_client_ever_is_a_statistic(linter: Linter, text: str) -> None:
    assert STA in categories(linter, text)


def test_a_share_that_does_not_improve_is_still_no_statistic(linter: Linter) -> None:
    assert STA not in categories(linter, "About one in four will not see any improvement.")
