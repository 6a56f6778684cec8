"""Shapes found in the thirty-ninth session, written here in our own words (not taken from any page
or labelled set). A medicine's own leaflet, a student health service and a page on which someone
else prescribes the medicine ("your GP may prescribe", "tell your doctor") are a health service's
pages, so a medicine or a disease named there informs; the same sentences on a page without those
words are still the clinic's. A belief the writer calls mistaken is reported, not made; a heading
that names long-term effects, and results not yet studied, promise nothing; a scar that "is raised"
is described, not treated. One more word still claims: pain "not hugely" felt, "little, if any,
downtime", "no lasting damage to the skin", and what the body "safely" clears away."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, DOW, EFF, GUA, MED, PAI, POM, SAF


def _categories(linter: Linter, *paragraphs: str) -> set[str]:
    """The categories found when the paragraphs are linted as one page."""
    return {f.category for f in linter.lint_source("\n\n".join(paragraphs), "page.md").findings}


@pytest.mark.parametrize(
    "cue",
    [
        "It is not known if this medicine is safe in children under 12.",
        "Keep this leaflet: you may need to read it again.",
        "Generic name: onabotulinumtoxinA.",
        "If your acne is severe, your GP may prescribe a stronger treatment.",
        "Tell your doctor about every medicine you take before your first dose.",
        "A dermatologist should initiate the course and check your blood tests.",
        "Written by the student health service for students on campus.",
        "Health Canada is advising people not to buy unauthorised injectable products.",
    ],
)
def test_a_medicine_leaflet_or_a_prescriber_elsewhere_informs(linter: Linter, cue: str) -> None:
    medicine = "Botulinum toxin is injected into the skin of the armpit to reduce sweating."
    assert POM in _categories(linter, medicine)
    assert POM not in _categories(linter, cue, medicine)


def test_a_disease_named_on_a_health_service_page_informs(linter: Linter) -> None:
    disease = "The tablets reduce acne by shrinking the oil glands."
    assert MED in _categories(linter, disease)
    assert MED not in _categories(linter, "Keep this leaflet in a safe place.", disease)


def test_an_answer_on_a_health_service_page_informs_as_its_question_does(
    linter: Linter,
) -> None:
    question, answer = (
        "What is Mounjaro?",
        "Mounjaro is a prescription medicine given by injection.",
    )
    assert POM in _categories(linter, question, answer)
    assert POM not in _categories(linter, "Keep this leaflet.", question, answer)


def test_a_page_that_sells_is_the_clinic_whatever_leaflet_words_it_copies(
    linter: Linter,
) -> None:
    found = _categories(
        linter,
        "Tell your doctor if you are pregnant.",
        "Botulinum toxin for sweating: book your consultation with us from £250.",
    )
    assert POM in found


@pytest.mark.parametrize(
    "text",
    [
        "Some people wrongly link fillers with overdone, pillowy lips.",
        "Many clients mistakenly believe laser works on every hair colour.",
        "Long-term effects",
        "It is a new device, and its long-term results have not been studied yet.",
        "Hypertrophic scars are raised and firm to the touch.",
        "The treated area may feel firmer and a little tender for a few days.",
        "It is uncomfortable but not hugely painful, and numbing cream helps.",
        "Check there is no damage to the skin before each session.",
        "The effect usually disappears after about twelve months.",
        "Results are less visible after six months and often disappear after a year.",
        "It is only natural to notice more lines with age.",
        "Before and after photos will be taken to record your progress.",
        "Static wrinkles do not form from movement alone.",
        "Fine lines don't appear overnight.",
    ],
)
def test_honest_wording_near_those_claims_stays_quiet(linter: Linter, text: str) -> None:
    assert _categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("People wrongly think it hurts, but our laser is completely painless.", PAI),
        ("Our long-term results last for years.", GUA),
        ("Within a week the treated area looks tighter and smoother.", GUA),
        ("Honestly, the peel is not hugely painful.", PAI),
        ("These boosters involve little, if any, downtime.", DOW),
        ("You will have no lasting damage to your skin.", SAF),
        ("The ink is broken up and safely flushed out of the body.", SAF),
        ("Expect smoother skin from the start of the first session.", GUA),
        ("Threads have a lower complication rate than a facelift.", COM),
        ("Tired of buying endless serums and seeing no results?", COM),
        ("It is suitable for a wide range of people, regardless of age or skin type.", SAF),
        ("The laser is recognised around the world for its effectiveness.", EFF),
        ("Our nurses numb the skin and safely perform the procedure.", SAF),
        ("A consultation is compulsory for anti-wrinkle.", POM),
        ("It stops the muscle moving, so the skin doesn't crease.", GUA),
        ("With the muscle relaxed, forehead lines no longer form.", GUA),
    ],
)
def test_a_claim_said_in_one_more_word_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in _categories(linter, text)
