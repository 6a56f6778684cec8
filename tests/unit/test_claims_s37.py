# ruff: noqa: E501
"""Shapes found in the thirty-seventh session, written here in our own words (not taken from any
page or labelled set). A result that is only aimed at or reported is not promised: "aimed at
softening lines", "the aim is to hydrate ...", "is said to boost collagen", "has the potential to
thicken hair", "was developed to treat ..."; the same result stated by the clinic still is. The
complications an operation leaves (fibrosis, seromas, haematomas, lymphoedema) sold as something
a massage reduces or prevents are medical claims; named as risks, or in advice that lowers a risk,
they are quiet."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import GUA, MED


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
