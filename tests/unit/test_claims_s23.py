# ruff: noqa: E501
"""Shapes found on real pages in the twenty-third session, written here in our own words (not
taken from any page or labelled set): a harm said to last is a risk, not a permanent result;
aftercare that eases an after-effect (ice, a cold compress, a soothing balm) promises no
result; how common a condition is in people, a share of reports, and the body's own collagen
loss with age are no statistic of results; claims listed as claims ("claims include ...") and a
claim word quoted as a claim ("'miracle' claims", "the word 'painless'") are reported; when
results show, told as a timeline, inflates nothing. A risk waved away as no reason to hold back
("rare side effects shouldn't put you off") and "nothing bad will happen" are safety claims. And the claims of the same shapes: replacing lost collagen, speed said of the result,
daily life that goes on through the treatment, a tally with a plus."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import DOW, GUA, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("There is a small chance of permanent pigment change on darker skin tones.", GUA),
        ("Tell your practitioner about any long-lasting redness or swelling.", GUA),
        ("Lasting side effects are possible, though uncommon.", GUA),
        ("Hold a cold compress on the area to reduce any swelling and bruising.", GUA),
        ("Arnica tablets will help ease the bruising over the next few days.", GUA),
        ("Keeping the treated area cool reduces the redness faster.", GUA),
        ("By their sixties, around half of all women will notice thinning hair.", STA),
        ("Roughly 1 in 10 adults develop rosacea at some point.", STA),
        ("Around 30% of the complaints were about burns.", STA),
        ("We lose about 1% of our collagen each year once we reach our mid-20s.", STA),
        (
            "Marketing claims such as 'detoxifies the liver' and 'melts fat' are not backed by trials.",
            "detox-toxins",
        ),
        (
            "Claims include 'cures hangovers', 'flushes out toxins' and 'burns fat'.",
            "fat-dissolving",
        ),
        ("Treat 'miracle' claims about creams with suspicion.", "efficacy-overclaim"),
        ("Walk away from any seller who uses the word 'painless'.", "pain-absolute"),
        ("Results may first be noticeable at around eight weeks.", "efficacy-overclaim"),
        ("If the side effects worry you, talk to us before you book.", "safety-absolute"),
        ("Don't let a fear of needles stop you from asking us questions.", "safety-absolute"),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The biostimulator gradually replaces the collagen you have lost.", GUA),
        ("Enjoy permanent, fuller lips.", GUA),
        ("Ice-cool technology that leaves your skin permanently smoother.", GUA),
        ("Rapid results with our signature peel.", GUA),
        ("Speedy results, and no fuss.", GUA),
        ("Your normal routine can be carried on straight after.", DOW),
        ("The swelling is mild and not interfering with normal activities.", DOW),
        ("9 out of 10 clients have smoother skin after a course.", STA),
        ("12,000+ procedures and counting", STA),
        ("Our drips flush out toxins and burn fat.", "detox-toxins"),
        ("Our 'miracle' peel is back for spring!", "efficacy-overclaim"),
        ("Dramatic results are visible within a fortnight.", "efficacy-overclaim"),
        ("The odd rare complication shouldn't put you off booking.", "safety-absolute"),
        ("Don't let scare stories about side effects hold you back.", "safety-absolute"),
        ("Try it: nothing bad will happen.", "safety-absolute"),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


def test_under_an_adult_age_is_no_minor(linter: Linter) -> None:
    assert "body-image-minors" not in categories(
        linter, "Women under age 50 on the pill should ask about contraception."
    )
    assert "body-image-minors" in categories(linter, "Glow facials for under-18s this summer!")


def test_a_yes_for_most_people_answers_its_question(linter: Linter) -> None:
    """ "For the great majority, yes." affirms what its question asks, as "Yes." does; an
    answer that says what can go wrong instead stays quiet."""
    found = linter.lint_source(
        "Is the peel safe?\n\nFor the vast majority, yes.\n", "faq.md"
    ).findings
    assert {(f.line, f.category) for f in found} == {(3, "safety-absolute")}
    honest = "Is the peel safe?\n\nMost people have some redness and peeling for a few days.\n"
    assert not linter.lint_source(honest, "faq.md").findings
