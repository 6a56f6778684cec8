# ruff: noqa: E501
"""Real clinic selling pages (twelfth session, real-text audit a): sentences written for the
mechanisms, not taken from any page or labelled set. An after-effect of the treatment that opens
its clause and is said to be likely or to go away (bruising, any redness, the raised bumps) is
no outcome claim; "natural" said of how a result looks or feels is no natural-so-safe claim;
"the last 30 years" is a period, not a duration of results; a limited number of studies is no
limited offer; what a reader is looking to do is a purpose, not a result; small trials that
"have found" something are reported; a condition in a contraindication list is not treated;
"anyone looking to" does not say the treatment suits everyone; a superlative of the reader's own
("one of your most precious") ranks nothing; "help" right before a claim hedges it as "help to"
does; people who want something and are said to think a claim hold a belief, which "what most
don't know is ..." corrects; infusions or jabs "that promise" something are reported like
creams that claim it; what a reader is "seeking" is no result; a recommendation "only for" some
people restricts; "treated areas are" names areas; a plain pinch is honest, a tiny one plays pain
down; shaving and waxing said to give only stubble are run down; "no surgery involved" beside "but it does require needles" compares nothing; pain with a longer phrase after it ("the pain associated with the injections is
minimal") is still played down. Claims of the same shapes stay claims."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories


@pytest.mark.parametrize(
    "text",
    [
        "A little bruising is close to certain for anyone who has injections under the eyes.",
        "Your cheeks may look pink at first, but any redness should disappear by the evening.",
        "The small raised bumps from the injections vanish completely within a day.",
        "Any tenderness and swelling should fade within a day or two.",
        "Brows that sit totally natural at rest.",
        "Lip fillers have changed a great deal over the last 30 years.",
        "Our nurses have injected for the last twelve years.",
        "Only a limited number of small studies have looked at this treatment.",
        "It is ideal for those looking to soften a gummy smile or lift the corners of the mouth.",
        "Several small clinical trials have found the device to be safe and effective for brow lifting.",
        "It is not recommended for people with open wounds in the target area, active cold sores or cystic acne.",
        "Ideal for anyone looking to freshen up tired-looking skin.",
        "Your skin is one of your most precious assets, so protect it from the sun.",
        "A light peel can be a good way to help improve uneven tone.",
        "Regular peels help in reducing blotchy patches over a course.",
        "People thinking of laser often think it is a one-off, no-fuss fix. What most don't realise is that six or more sessions are usual.",
        "Pop-up drip bars sell infusions that promise glowing skin and a cure for hangovers.",
        "If you are reading this, you are probably seeking smoother skin or softer lines.",
        "Most doctors recommend it only for mild, early laxity.",
        "The most commonly treated areas are frown lines and crow's feet.",
        "Most patients say the injections feel like a pinch, and some feel warmth as the gel goes in.",
        "You can keep shaving between laser sessions, but avoid waxing and plucking.",
        "There is no surgery involved, but it does require a few fine needles.",
    ],
)
def test_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set(), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Our peel clears stubborn marks for anyone who completes the course, bruising and all.",
            "efficacy-overclaim",
        ),
        ("Wrinkles vanish completely within a day.", "guaranteed-permanent"),
        ("The filler is 100% natural, so your body accepts it.", "natural-so-safe"),
        ("Results last 5 years.", "guaranteed-permanent"),
        ("We take a limited number of patients each month at this price.", "pressure-trivialising"),
        ("Our laser will target acne at the source.", "medical-condition"),
        ("Our own trials have shown it is completely safe.", "safety-absolute"),
        ("Safe enough for anyone who wants to lose a few inches.", "safety-absolute"),
        ("It is one of the most popular treatments in Dublin.", "unverified-stat-superlative"),
        ("Our jawline filler will sharpen your profile.", "guaranteed-permanent"),
        ("With the help of our nurses, your wrinkles vanish.", "guaranteed-permanent"),
        ("It helps melt away fat.", "fat-dissolving"),
        (
            "Laser is a no-fuss fix. What most people don't know is that we also do peels.",
            "pressure-trivialising",
        ),
        ("Our drips that promise glowing skin are back this winter.", "guaranteed-permanent"),
        ("Each jab feels like a tiny pinch, nothing more.", "pain-absolute"),
        (
            "Shaving and waxing only ever give you stubble by the next morning.",
            "comparison-denigration",
        ),
        ("Whatever your skin type, this facial gives you a dewy glow.", "efficacy-overclaim"),
        ("Dermatologists recommend our HIFU.", "unverified-stat-superlative"),
        (
            "Because the needle is so fine, the pain associated with each injection is minimal.",
            "pain-absolute",
        ),
    ],
)
def test_still_claims(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text), text
