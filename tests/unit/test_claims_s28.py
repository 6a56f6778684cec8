# ruff: noqa: E501
"""Shapes found in the twenty-eighth session, written here in our own words (not taken from any
page or labelled set). Mechanism first: a yes/no question about how long ("Will it last?
Permanently.") is answered as "How long will it last?" is; a yes that says always ("Does it work?
Every single time.") carries those words into the statement it affirms; an aside set off by a comma
("Our facial, marketed as a quick fix, is painless") reports only up to the comma before the
sentence's own verb; a plural ("non-surgical nose jobs") is the singular's claim. From six fresh
real-text checks: rarity told of the reader's pain ("patients rarely feel any pain"); a fact box's
"Anaesthetic – none required"; "barely feel the series of injections"; "you'll never bruise"; a
treatment that delays the need for surgery; prescription-only peels and sclerosants; the doctor who
will use the named medicine; an outcome with a longer gap ("the effects of this treatment are
apparent immediately"); "great results"; "unlike surgical hair restoration procedures"; wounds,
ulcers and sinus problems among the conditions a treatment is said to heal. Honest lines that used
claim words and were flagged stay quiet now: results that vary; a pain risk that is "rare but can
occur"; reducing the risk of infection "significantly"; the most popular treatment areas; a timing
range "2-3 days post treatment"; "make-up free"; "for great results, follow the aftercare"; the
proverb "prevention is better than cure"; what a product is "labelled as" by others."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, EFF, GUA, MED, PAI, POM, PRE, SAF, STA, TES
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a yes/no question about how long is answered as "how long" is
        ("Will the lift last? Permanently.", GUA),
        ("Does it last? Yes, for good.", GUA),
        ("Your new brows last permanently.", GUA),
        # a yes that says always carries the words into what it affirms
        ("Will it work on my scars? Every single time.", EFF),
        ("It does work every time.", EFF),
        # an aside between commas reports only itself
        ("The peel, sold as a lunchtime refresher, is painless.", PAI),
        ("Our patients seldom report any discomfort with the new handpiece.", PAI),
        ("Hardly anybody feels pain during the session.", PAI),
        ("Numbing: none required", PAI),
        ("Most clients barely feel the dozen tiny injections.", PAI),
        ("Non-surgical boob jobs are back in stock.", COM),
        ("A course of threads can postpone the need for a neck lift.", COM),
        ("Prescription-only peels for stubborn melasma.", POM),
        ("We treat thread veins with Asclera.", POM),
        ("Your nurse will decide how much Botox to use.", POM),
        ("Your doctor will choose exactly where to inject the Dysport.", POM),
        ("The effects of a single session are visible straight away.", GUA),
        ("Clients see great improvements after a course.", EFF),
        ("Unlike surgical eyelid procedures, this leaves no scar.", COM),
        ("Regular drainage massage helps heal venous leg ulcers.", MED),
        ("Sinus problems respond well to our facial massage.", MED),
        ("You'll never scar with this laser.", SAF),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Results from a single session vary a great deal from person to person.", GUA),
        ("Will it last? Not permanently, no.", GUA),
        ("Does it last? Permanently for some, but most people need a top-up.", GUA),
        ("Occasionally numbness remains permanently after surgery.", GUA),
        ("Nerve pain after freezing is uncommon but can happen.", PAI),
        ("Patients rarely feel numbness afterwards, and it settles in days.", PAI),
        ("Sterile single-use needles significantly reduce the risk of infection.", EFF),
        ("The most popular treatment areas are the forehead and the frown.", STA),
        ("Keep taking antivirals for 24 hours prior and 2-3 days post procedure.", TES),
        ("We see you again at 2–4 weeks post treatment.", TES),
        ("Stay make-up free and out of the gym for the rest of the day.", PRE),
        ("To get great results, follow the aftercare sheet.", EFF),
        ("Avoid treatment over open wounds or fresh burns.", MED),
        ("Prevention is far better than cure, so wear SPF daily.", MED),
        ("A product labelled as a quick fix rarely lasts.", PRE),
        ("Your doctor will explain whether Botox is suitable before any treatment.", POM),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
