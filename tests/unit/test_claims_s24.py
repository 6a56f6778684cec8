# ruff: noqa: E501
"""Shapes found in the twenty-fourth session, written here in our own words (not taken from any
page or labelled set). From one word more or less (benchmarks/claims_wording.py): "the" where a
rule knew only "your" ("speeds up the metabolism", "hate the double chin", "the body makes
it"). From disguises (benchmarks/claims_evasion.py): a hashtag that runs numbers and words
together ("#look10yearsyounger"). From four fresh real-text checks: what a patch test checks for
is no promise; a share of people for whom a treatment fails or acne gets worse is no statistic
of results; "the best plan for you" is a fit, not a rank; "safe, but not entirely risk-free"
admits risk. And claims of the same shapes: "harmlessly", "no other ... compares", avoiding the
scars and costs of surgery, a place's "oldest" clinic, "the best way to get rid of" a concern,
no top-ups needed, hair that stops growing; while a mark that does not fade is a risk. A lone
nought before a word reads "zero" ("0 risk", the keycap "0️⃣ scarring")."""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.text import Nought

from tests.unit.claim_categories import COM, FAT, GUA, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our B12 shot speeds up the metabolism so you burn fat.", FAT),
        ("It gives a sluggish metabolism a kick so the weight comes off.", FAT),
        ("Lose up to 15% of the body weight with a weekly pen.", FAT),
        ("Hate the double chin? We have an injection for that.", "body-image-minors"),
        ("Stop hiding the double chin in every photo.", "body-image-minors"),
        ("The body makes this sugar itself, so the gel carries no risk.", "natural-so-safe"),
        ("It is already in the skin, so there is nothing to react to.", "natural-so-safe"),
        ("#look10yearsyounger with our new peel", "age-reversal"),
        ("The #number1clinic in Bath for lips", STA),
        ("#9outof10 clients see smoother skin", STA),
        ("Book your #2for1 this weekend", "pressure-trivialising"),
        ("The energy passes harmlessly through the outer skin.", SAF),
        ("No other fat-freezing machine on the market compares.", COM),
        ("Avoid the scarring, cost and time off of a traditional facelift.", COM),
        ("We are Manchester's oldest skin clinic.", STA),
        ("Electrolysis is the best way to get rid of stray hairs.", STA),
        ("Once your result is reached, repeat treatment is not expected.", GUA),
        ("No top-ups needed!", GUA),
        ("The heat destroys the follicle, so the hair stops growing.", GUA),
        ("Unlike traditional surgical methods, you keep your skin intact.", COM),
        ("Why spend money on creams and serums, only to see little change?", COM),
        ("Lots of us try scrubs and lotions for years, with no success.", COM),
        ("No visible scarring afterwards.", SAF),
        ("Free skin analysis, now through February", "pressure-trivialising"),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("After the patch test we wait a day to check there is no reaction.", SAF),
        ("We watch you for half an hour to confirm there are no side effects.", SAF),
        ("Around one in five people will not see a worthwhile improvement.", STA),
        ("About a quarter of people get a flare of spots in the first weeks.", STA),
        ("In roughly one in three people the acne comes back within a few years.", STA),
        ("Our nurse will recommend the best treatment plan for you.", STA),
        ("The dermatologist will choose the best treatment for your scars.", "efficacy-overclaim"),
        ("Boosters are usually well tolerated, but not entirely risk-free.", SAF),
        ("Sun cream every day is the best way to reduce the risk of new marks.", STA),
        ("Happy #2024 from all of us!", STA),
        ("The largest muscle of the face is the masseter.", STA),
        ("Top-ups are not needed for at least six months.", GUA),
        ("Blisters usually settle, but a permanent color change is a rare risk.", GUA),
        ("Rosacea can leave fine red veins on the nose that do not fade.", GUA),
        ("In the first few years of menopause, skin makes far less collagen.", STA),
        ("The UK cosmetic market is worth £3.6 billion a year.", "pressure-trivialising"),
        ("Thin, papery skin on the hands is a giveaway of age.", "pressure-trivialising"),
        ("Older skin has 20% less moisture than young skin.", "pressure-trivialising"),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


def test_a_check_is_no_licence_for_a_claim_beside_it(linter: Linter) -> None:
    """What is checked for covers its own clause only: a claim after a comma is still made; and
    "we make sure there is no pain", "we can confirm ...", "you'll see ..." promise."""
    assert "pain-absolute" in categories(
        linter, "We check there is no reaction first, and the peel is completely painless."
    )
    assert "pain-absolute" in categories(linter, "We make sure there is no pain at all.")
    assert "downtime-absolute" in categories(linter, "You'll see there's no downtime at all.")
    assert SAF in categories(linter, "We can confirm there are no side effects.")


def test_a_share_spared_a_harm_or_returning_is_still_a_statistic(linter: Linter) -> None:
    assert STA in categories(linter, "95% of our clients did not have any side effects.")
    assert STA in categories(linter, "Nine in ten of our clients come back for more.")


def test_a_hashtag_whose_digits_spell_no_words_reads_as_letters(linter: Linter) -> None:
    """ "#z3r0risk" has no known word for "z3r0": its letters are read as before (digits for
    letters), so the claim is found; a hashtag of a code or a year claims nothing."""
    assert SAF in categories(linter, "Our #z3r0risk facial")
    assert not categories(linter, "Our #b12shot is back, and so is #team2025.")


@pytest.mark.parametrize(
    "text",
    [
        "There is 0 risk of infection.",
        "Clean skin, 0\ufe0f\u20e3 scarring.",
        "0 chance of a reaction.",
    ],
)
def test_a_lone_nought_before_a_word_reads_zero(linter: Linter, text: str) -> None:
    assert SAF in categories(linter, text)


@pytest.mark.parametrize(
    "text", ["Rate the sting from 0 to 10.", "Booking costs £0 this week.", "Only 0.5 ml is used."]
)
def test_a_nought_in_a_number_range_or_price_stays_a_number(linter: Linter, text: str) -> None:
    assert not {SAF, "pain-absolute"} & categories(linter, text)


def test_the_pack_says_what_a_lone_nought_reads_as() -> None:
    """The word and its exceptions are the language pack's (`nought`); a pack without them
    leaves a nought a digit."""
    assert Nought().reading("0 risk", 0, 1) is None
    nought = Nought("zero", ("to",), ("from",))
    assert nought.reading("0 risk", 0, 1) == "zero"
    assert nought.reading("0 to 10", 0, 1) is None
    assert nought.reading("from 0 upward", 5, 6) is None
