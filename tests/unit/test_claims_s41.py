"""Shapes found in the forty-first session, written here in our own words (not taken from any page
or labelled set). A line that opens with its purpose ("To ...") or its aim ("For ...") names what a
treatment is for wherever it stands on the page, not only on the page's first line. The size of a
risk is no inflated result; a filler restoring volume is what filler is; a face reshaped is not fat
lost. Praise of the treatment itself, home kits that "won't do much", "a relatively simple
procedure", "back to work as normal" and ranks such as "the first and only ... in" still claim."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, DOW, EFF, FAT, GUA, POM, PRE, STA
from tests.unit.conftest import categories

# Text before the line under test, so that it is not the first line of the page: a "^" in a
# pattern must mean the start of the line's own sentence.
LEAD = "# Our treatments\n\nWe see clients on weekdays.\n\n"


@pytest.mark.parametrize(
    "text",
    [
        "To add a little definition to a thin upper lip.",
        "For younger-looking skin.",
        "To soften the look of marionette lines.",
    ],
)
def test_a_purpose_line_is_read_as_one_anywhere_on_the_page(linter: Linter, text: str) -> None:
    assert GUA not in categories(linter, LEAD + text)
    assert GUA not in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Honestly, it is an amazing treatment for tired skin.", EFF),
        ("Peptides have an incredible ability to repair the skin.", EFF),
        ("At-home rollers won't do much at all for deep scars.", COM),
        ("It is a relatively simple procedure under local anaesthetic.", PRE),
        ("Afterwards, you can return to work as normal.", DOW),
        ("They are the first and only trained aesthetic nurses in the county.", STA),
        ("We are one of the very few clinics worldwide with this laser.", STA),
        ("Where can I buy Finpecia tablets?", POM),
        ("Sculpt your thighs before summer.", FAT),
        ("Our laser can permanently reduce hair.", GUA),
    ],
)
def test_a_claim_said_in_other_words_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Smoking significantly increases the risk of infection after a peel.",
        "The side effects of a deep peel can be significant.",
        "Melasma is marked by brown patches on the cheeks.",
        "Laser resurfacing has changed dramatically since the 1990s.",
        "A lip lift shapes the lip without adding volume.",
        "Dermal fillers are gels that restore volume to the cheeks.",
        "Filler can reshape the jawline and chin.",
        "After three days most people return to work as normal.",
        "When it comes to reducing stretch marks, a good moisturiser is the first step.",
        "Peels can play a part in reducing the look of acne scars.",
        "Improving skin texture means different things to different people.",
        "How to get glowing skin before your wedding",
        "Stem cells have the remarkable ability to become other kinds of cell.",
        "The first doctor in the clinic you see will take your history.",
    ],
)
def test_honest_wording_near_those_claims_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, LEAD + text) == set()
