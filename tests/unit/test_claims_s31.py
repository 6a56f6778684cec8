# ruff: noqa: E501
"""Shapes found in the thirty-first session, written here in our own words (not taken from any
page or labelled set). A hedge reaches along a list joined by "&" as it does by "and"; a product
"used in" smoothing or volumising names a use, not a result. From fresh real-text checks: a
treatment "compatible with all skin types" suits everyone; a material "utilised safely" for years
is a safety record; a list of qualities "which makes them safe" calls the product safe (the
"which" of a question still keeps a line quiet)."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import GUA, SAF
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("This peel is compatible with all skin types and colours.", SAF),
        ("Our threads are made of a polymer employed safely in surgery for decades.", SAF),
        ("The gels are reversible, predictable and reliable, which makes them safe.", SAF),
        # "&" joins a list, but a certain item is still promised
        ("The peel may fade dark patches & removes them for good.", GUA),
        ("Our peel will lighten dark patches & improve skin tone.", GUA),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The mask is designed to lighten dark patches & to improve skin tone.", GUA),
        ("The gel is used in shaping and volumising the cheeks and jawline.", GUA),
        ("The serum is compatible with most moisturisers.", SAF),
        ("Your nurse will tell you which is safe for you.", SAF),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
