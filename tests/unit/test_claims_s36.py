# ruff: noqa: E501
"""Shapes found in the thirty-sixth session, written here in our own words (not taken from any page
or labelled set). FAQ pages that label their lines "Q." and "A." (the full stop made "A." a
sentence of its own, so the answer was never read with its question); "the answer is generally
no"; a question whose subject is three words ("Does laser hair removal hurt?"); the name of an
operation given to another treatment ("liquid facelift") in a question, a heading or under a
negation, reported once, on the words that name it; a superlative that closes its clause after
what it ranks ("our lasers are the most advanced", "fillers, which are the most popular"); a
natural origin given as the reason for a lower risk ("natural, and so less likely to cause a
reaction", "well tolerated because it is found in the body"); an instant result said of most
people ("most clients notice an immediate lift").
Quiet: an instant change said of some people only; collagen, elastin and the dermis doing their
own work, said of the body and not of a treatment; a longer question that would read as a promise
if its subject were stretched ("Can a drip help me lose weight? No.")."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, DOW, GUA, NAT, PAI, SAF, STA


def _found(linter: Linter, *paragraphs: str) -> set[tuple[int, str]]:
    """(paragraph number from 1, category) of every finding, the paragraphs linted as one page."""
    findings = linter.lint_source("\n\n".join(paragraphs), "page.md").findings
    return {(f.line // 2 + 1, f.category) for f in findings}


@pytest.mark.parametrize(
    ("question", "answer", "category"),
    [
        ("Q. Are the injections safe?", "A. Yes.", SAF),
        ("Q: Is there any downtime?", "A: Virtually none.", DOW),
        ("Q. Is there any recovery period?", "A. None at all.", DOW),
        ("Question: is the peel painful?", "Answer: not really.", PAI),
        ("Does laser hair removal hurt?", "No.", PAI),
        ("Do skin booster injections hurt?", "Not at all.", PAI),
        ("Is IPL treatment painful?", "The answer is generally no.", PAI),
        ("Is the thread lift safe?", "Yes, completely.", SAF),
    ],
)
def test_an_answer_makes_its_question_s_claim(
    linter: Linter, question: str, answer: str, category: str
) -> None:
    assert (2, category) in _found(linter, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Can a vitamin drip help me lose weight?", "No. It is not a weight-loss treatment."),
        (
            "Q. Does laser hair removal hurt?",
            "A. Most people feel a sharp snap, like an elastic band.",
        ),
        ("Is the thread lift safe?", "A. It carries risks, which we go through at consultation."),
        ("Q. How long does it take?", "A. About forty minutes."),
    ],
)
def test_an_answer_that_claims_nothing_stays_quiet(
    linter: Linter, question: str, answer: str
) -> None:
    assert _found(linter, question, answer) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Are liquid facelifts safe?",
        "Who should not have a non-surgical facelift?",
        "Aftercare for your liquid facelift",
        "What happens during a liquid facelift?",
    ],
)
def test_the_name_of_an_operation_is_a_claim_in_questions_and_headings(
    linter: Linter, text: str
) -> None:
    assert _found(linter, text) == {(1, COM)}


def test_the_name_is_reported_on_the_question_not_again_on_its_answer(linter: Linter) -> None:
    assert _found(linter, "Is the liquid facelift safe?", "Yes.") == {(1, COM), (2, SAF)}
    assert _found(linter, "Is the liquid facelift safe?", "No.") == {(1, COM)}


@pytest.mark.parametrize(
    "text",
    [
        "Non-surgical rhinoplasty: what to expect?",
        "Is a mini facelift right for you?",
        "What is a vampire facelift?",
    ],
)
def test_the_names_of_procedures_stay_quiet(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Collagen gives the skin its plump, springy look.",
        "Elastin lets young skin snap back quickly.",
        "The dermis holds the collagen, keeping your skin plumped up when you are young.",
        "Oestrogen keeps skin thick, reducing wrinkles before the menopause.",
    ],
)
def test_the_body_doing_its_own_work_is_biology(linter: Linter, text: str) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Our boosters give the skin a plump, springy look.",
        "After a course of treatments your skin will snap back like it used to.",
    ],
)
def test_the_same_words_said_of_a_treatment_are_a_claim(linter: Linter, text: str) -> None:
    assert (1, GUA) in _found(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Our lasers are the most advanced.",
        "We offer three peels, and the glycolic peel is by far the most popular.",
        "Of everything on our menu, lip filler is the most requested.",
    ],
)
def test_a_superlative_closing_its_clause_ranks_what_came_before(linter: Linter, text: str) -> None:
    assert (1, STA) in _found(linter, text)


@pytest.mark.parametrize(
    "text",
    ["Which of these treatments is the best?", "The treatment that suits your skin is the best."],
)
def test_a_superlative_asked_about_or_tied_to_the_reader_ranks_nothing(
    linter: Linter, text: str
) -> None:
    assert _found(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The newer gels are more natural and therefore much less likely to cause a reaction.",
        "Boosters are well tolerated because they are made of a sugar found naturally in the skin.",
        "It is your own blood, so there is a far lower risk of an allergic reaction.",
    ],
)
def test_a_lower_risk_drawn_from_a_natural_origin(linter: Linter, text: str) -> None:
    assert (1, NAT) in _found(linter, text)


def test_an_instant_result_said_of_most_people_is_still_promised(linter: Linter) -> None:
    assert (1, GUA) in _found(linter, "Most clients notice an immediate lift after one session.")
    quiet = "Some people see a small change straight away; for others it takes a few weeks."
    assert _found(linter, quiet) == set()
