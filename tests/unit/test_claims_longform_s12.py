# ruff: noqa: E501
"""Long-form and promotional writing (twelfth session, real-text audit of blog articles, magazine
pieces, myth-busting posts and promotions): sentences written for the mechanisms, not taken from
any page or labelled set. A wish that follows a preposition or a quest names what people are
after, not what the treatment does, unless an absolute sits inside it or a remedy answers it;
a record or history of safety and "no negatives" call a treatment safe; celebrity fans and
celebrities thrilled with their results are testimonials; "you can be sure of great results"
guarantees; "devoid of" denies like "free of"; "non-invasive" misleads for threads and other
injected products; pictures that speak for themselves show typical results; results said to
need time or sessions to become noticeable inflate nothing; a superlative that describes a
difficulty or a disease praises nothing; what the body's own collagen or proteins are needed for
is biology, not a claim; an "X vs Y: which suits you?" heading names a guide's topic; an
"ultimate guide" praises the guide; what others praise a treatment for is reported."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories


@pytest.mark.parametrize(
    "text",
    [
        "It has become a favourite for people hoping to get a brighter, more even complexion.",
        "For anyone wanting softer lines around the mouth, there are several options to discuss.",
        "The age-old quest for smoother skin has filled bathroom cabinets with creams.",
        "In the search for a fresher face, many people start with a light peel.",
        "It is popular with clients looking to improve dull, tired-looking skin before a wedding.",
        "Its history of safety in pregnancy has never been studied.",
        "Celebrities who overdo filler are rarely thrilled with the results ten years on.",
        "You can be sure of getting honest advice about what a peel can and cannot do.",
        "Changes build slowly and usually need a course of treatments to become noticeable.",
        "It can take a couple of days for the first visible results to show.",
        "Lip filler is one of the most difficult injectable treatments to get right.",
        "Melanoma is one of the most preventable cancers, so wear sunscreen.",
        "Peel vs. laser: which suits your skin?",
        "Skin boosters are praised for their ability to hydrate dull, tired skin.",
        "Polynucleotides are gaining popularity for their ability to regenerate thin skin under the eyes.",
        "The Ultimate Guide to Skin Boosters",
        "Threads are placed under the skin through a fine cannula.",
        "These proteins are essential for keeping skin firm, springy and smooth.",
        "With age we make less collagen, which is vital to keep skin plump and firm.",
    ],
)
def test_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set(), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Clients who want permanent results choose our thread lift.", "guaranteed-permanent"),
        (
            "For those seeking smoother skin, our laser removes lines for good.",
            "guaranteed-permanent",
        ),
        (
            "The answer for anyone who wants their acne scars gone once and for all.",
            "medical-condition",
        ),
        ("Our patients walk out looking five years fresher after one visit.", "age-reversal"),
        ("It has an established history of safety stretching back decades.", "safety-absolute"),
        ("Reassuringly, there are no other negatives to this treatment.", "safety-absolute"),
        ("The injection already has high-profile fans in Hollywood.", "testimonial-before-after"),
        (
            "Plenty of celebrities have had it done and were thrilled with the results.",
            "testimonial-before-after",
        ),
        (
            "See a qualified doctor and you can be sure of experiencing great results.",
            "guaranteed-permanent",
        ),
        ("The microinjections are devoid of pain.", "pain-absolute"),
        ("A PDO thread lift is a non-invasive way to lift the jowls.", "comparison-denigration"),
        (
            "We have gathered pictures for you that speak for themselves!",
            "testimonial-before-after",
        ),
        ("It takes just one session to become visibly younger.", "age-reversal"),
        ("It is one of the most exciting treatments we offer.", "unverified-stat-superlative"),
        (
            "The laser is hailed for its ability to remove wrinkles for good.",
            "guaranteed-permanent",
        ),
        (
            "Our peel boosts collagen, which is vital for smooth skin, and gives you younger skin forever.",
            "guaranteed-permanent",
        ),
    ],
)
def test_flagged(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text), text


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("By promoting collagen production, it can help to smooth out rough patches.", True),
        ("Through stimulating collagen, the treatment may soften fine lines over time.", True),
        ("By boosting collagen, our laser erases lines.", False),
        ("By boosting collagen, it can soften lines for good.", False),
        # a plain mechanism is quiet anyway (docs/labelling-policy.md, "How it works"): the
        # result first, unhedged, keeps the claim
        ("The laser smooths rough skin, and it can help to boost collagen.", False),
    ],
)
def test_means_that_opens_the_sentence_takes_its_main_clause_hedge(
    linter: Linter, text: str, hedged: bool
) -> None:
    """A means that opens the sentence ("By stimulating collagen, ...") is hedged by the hedge
    that opens its main clause, unless the main clause keeps the result certain; a means later
    in the sentence, or a main clause without a hedge, hedges nothing."""
    assert ("guaranteed-permanent" not in categories(linter, text)) is hedged, text
