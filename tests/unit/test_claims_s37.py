# ruff: noqa: E501
"""Shapes found in the thirty-seventh session, written here in our own words (not taken from any page
or labelled set). A result that is only aimed at or reported is not promised: "aimed at softening
lines", "the aim is to hydrate ...", "is said to boost collagen", "has the potential to thicken
hair", "was developed to treat ..."; the same result stated by the clinic still is. The
complications an operation leaves (fibrosis, seromas, haematomas, lymphoedema) sold as something a
massage reduces or prevents are medical claims; named as risks, or in advice that lowers a risk,
they are quiet. Other providers run down for who works there or how ("spas have technicians on
minimum wage", "their training is a weekend course"), while advice on what to check informs. Quiet,
where words of a claim were read out of place: "a couple of years back" (when, not the clock turned
back), "it can appear in younger men", "side effects are greatly reduced", "without drastic
changes", "to keep prices low", "once the pen is in position". A younger look as what people are
after ("the pursuit of youthful skin", "striving to look younger", "in efforts to turn back time")
is no promise; the advert's hook to the reader ("Want to look years younger?") is. A fear others
hold ("they worry hair will grow back thicker") is not the writer's claim, until the writer answers
it ("... but we can assure you it is perfectly safe"). A figure whose source is named can be
checked. A picture's caption ("Jawline After"), a client's delight told for them, a rating or a
rise in bookings given as a figure are claims; a time heading ("One week before") is not. "Anyone
can get acne clearance" offers the result: that "can" is no hedge."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import AGE, COM, GUA, MED, PAI, STA, TES


def _found(linter: Linter, *paragraphs: str) -> set[tuple[int, str]]:
    """(paragraph number from 1, category) of every finding, the paragraphs linted as one page."""
    findings = linter.lint_source("\n\n".join(paragraphs), "page.md").findings
    return {(f.line // 2 + 1, f.category) for f in findings}


@pytest.mark.parametrize(
    "text",
    [
        "The aim is to hydrate the skin, encourage new collagen and improve skin texture.",
        "Salmon-DNA boosters are said to support repair, build collagen and improve elasticity.",
        "A newer gel, aimed at softening fine lines and improving smoothness on the cheeks.",
        "Exosomes are widely reported to brighten the skin.",
        "Polynucleotides have the potential to thicken thinning hair.",
        "The massage was developed to treat lymphoedema after cancer surgery.",
    ],
)
def test_a_result_aimed_at_or_reported_is_not_promised(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Our booster hydrates the skin, builds collagen and improves skin texture.",
        "Three sessions will improve your skin texture.",
    ],
)
def test_the_same_result_stated_is_a_claim(linter: Linter, text: str) -> None:
    assert (1, GUA) in _found(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Post-operative drainage decreases fibrosis and prevents seromas.",
        "Weekly massage reduces haematoma and swelling after your tummy tuck.",
        "Benefits: reduction of lymphoedema",
        "Our therapist breaks down the hard fibrotic lumps left by liposuction.",
    ],
)
def test_a_complication_of_surgery_eased_is_a_medical_claim(linter: Linter, text: str) -> None:
    assert (1, MED) in _found(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Stop taking aspirin a week before to reduce the risk of a haematoma.",
        "Liposuction can cause seromas, lumps of fibrosis and numbness.",
        "Possible complications include haematoma and infection.",
    ],
)
def test_the_same_complications_named_as_risks_stay_quiet(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Many salons staff their laser rooms with technicians on minimum wage.",
        "Their training is often just a weekend course.",
        "Day spas are usually run by non-medical owners with unsupervised staff.",
    ],
)
def test_other_providers_run_down_for_their_staff(linter: Linter, text: str) -> None:
    assert (1, COM) in _found(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Be wary of salons run by untrained staff.",
        "Check that whoever treats you has medical training.",
    ],
)
def test_advice_on_what_to_check_informs(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The treatment went viral a couple of years back.",
        "Melasma can appear in younger women too, often in pregnancy.",
        "With an experienced injector, bruising and other side effects are greatly reduced.",
        "Most of our clients want a fresher look without dramatic changes.",
        "We buy in bulk to keep prices low.",
        "Once the pen is in position, the needles move up and down very fast.",
    ],
)
def test_words_of_a_claim_read_out_of_place_stay_quiet(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


def test_the_clock_turned_back_is_still_a_claim(linter: Linter) -> None:
    assert (1, AGE) in _found(linter, "Three sessions turn the clock ten years back.")


@pytest.mark.parametrize(
    "text",
    [
        "The pursuit of youthful skin has filled bathroom shelves for generations.",
        "Many clients are striving to look younger without looking done.",
        "People have tried everything in efforts to turn back time.",
    ],
)
def test_a_younger_look_people_are_after_is_no_promise(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


def test_the_hook_to_the_reader_still_promises(linter: Linter) -> None:
    assert (1, AGE) in _found(linter, "Want to look years younger? Book today.")


def test_a_figure_with_its_source_named_can_be_checked(linter: Linter) -> None:
    quiet = "According to the national register, 70% of injectors are nurses or doctors."
    assert _found(linter, quiet) == set()
    claim = "According to our own survey, 97% of our patients would come back."
    assert (1, STA) in _found(linter, claim)


def test_a_fear_others_hold_is_not_the_writer_s_claim(linter: Linter) -> None:
    assert _found(linter, "Many men worry their hair will grow back thicker after laser.") == set()
    answered = "Some clients worry about pain, but we can assure you it is completely painless."
    assert (1, PAI) in _found(linter, answered)


def test_how_long_it_will_take_asks_and_promises_nothing(linter: Linter) -> None:
    assert _found(linter, "We will explain how long it will take to see results.") == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tear Trough Before", TES),
        ("One of my regulars was over the moon with her new lips.", TES),
        ("Rated 98% for client satisfaction: our 98% satisfaction score speaks for itself.", STA),
        ("Enquiries for jaw slimming are up 60 per cent on last year.", STA),
    ],
)
def test_captions_delight_ratings_and_rising_bookings(
    linter: Linter, text: str, category: str
) -> None:
    assert (1, category) in _found(linter, text)


def test_a_time_heading_is_no_caption(linter: Linter) -> None:
    assert _found(linter, "Two weeks before") == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Everyone can get acne clearance at our clinic.", MED),
        ("Many high-street salons lack the proper training for lasers.", COM),
        ("Try our “20 minute” facelift this spring.", COM),
    ],
)
def test_an_offer_a_lack_of_training_and_a_timed_operation_name(
    linter: Linter, text: str, category: str
) -> None:
    assert (1, category) in _found(linter, text)
