# ruff: noqa: E501
"""Body, hair and wellness pages (twelfth session, real-text audit c): shapes that real pages use
and the written sets rarely did, in new sentences. Third-person routines and an adverb before
"to" ("patients can return immediately to their normal routine"); "there should not be any"
read as none; sparing the surrounding skin said as a fact; a comparative on a result noun against
another treatment; "you don't have to live with" as a promise; Indian English "hair fall"
controlled; aftercare that names the fat elimination process; adjective plus weight loss as an
outcome; skin flaws worked on. And quiet: regulatory status stated plainly, "treated areas include" lists, when results
usually show in weeks post-treatment, eating to lose weight, a side effect of fat-dissolving
injections, the word detox talked about, checks for contraindications, "the real results appear"
over months, rapid weight loss as a risk, and how common a condition is."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories, categories_on_information_page


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Clients can return immediately to their normal routine after a session.",
            "downtime-absolute",
        ),
        ("Most patients resume their usual daily activities straight away.", "downtime-absolute"),
        ("A quick recovery period is one of the main advantages.", "downtime-absolute"),
        ("There shouldn't be any pain once the numbing cream has worked.", "pain-absolute"),
        ("The cold reaches the fat without harming the surrounding tissue.", "safety-absolute"),
        (
            "The light passes through while the outer layers of skin are left intact.",
            "safety-absolute",
        ),
        ("Exosomes produce thicker regrowth than minoxidil.", "comparison-denigration"),
        ("With us, you don't have to just live with loose skin.", "guaranteed-permanent"),
        (
            "Hair fall can be controlled in most patients with our scalp protocol.",
            "medical-condition",
        ),
        ("Walking after treatment speeds up the fat elimination process.", "fat-dissolving"),
        ("Sustainable weight loss without the gym.", "fat-dissolving"),
        ("Our laser facial works to minimise skin flaws and imperfections.", "body-image-minors"),
        (
            "Our nurses offer a course of needling, so you don't have to live with those scars any more.",
            "guaranteed-permanent",
        ),
    ],
)
def test_real_body_shapes_claim(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Liraglutide is an FDA-approved daily injection for weight management.",
        "Typical treated areas include the abdomen, flanks and upper arms.",
        "Most of the change is usually seen around ten weeks post-treatment.",
        "Our nurse helps you plan how you are eating to lose weight safely.",
        "Fat-dissolving injections commonly cause swelling and tenderness for several days.",
        "Detox has become a buzzword that means very little.",
        "We examine you to check there are no contraindications before we book a session.",
        "The real results take three months to develop.",
        "Hair can thin during rapid weight loss.",
        "The Treatment of Cellulite",
        "You don't have to accept the first price a clinic gives you.",
        "Most patients return to their normal routine after two or three days.",
        "Stretch marks are thought to affect up to 80% of pregnant women.",
        "Acne occurs in about 40% of adult women at some point.",
    ],
)
def test_real_body_information_quiet(linter: Linter, text: str) -> None:
    # public information: on a health service's page (a medicine named is quiet only there)
    assert categories_on_information_page(linter, text) == set()
