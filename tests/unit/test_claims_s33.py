# ruff: noqa: E501
"""Shapes found in the thirty-third session, written here in our own words (not taken from any
page or labelled set). A sentence-start claim ("It's proven.", "Works on every skin type", a
quoted review, "From dull to glowing") is found after another sentence on the same line, not only
at the start of the document; "quickly and easily" trivialises; a treatment "ideal for any skin
tone" suits everyone; a laser that "will remove the tattoo" promises it; an effect "greatly"
improved is inflated; "like no other" ranks; "go about the rest of your day" denies downtime;
"immediate correction" promises instant results; a dated caption ("before and six weeks after")
shows a result. Quiet: "facial slimming" with a muscle-relaxing injection (no fat), "the best
treatments for X" named as a topic, a course that "greatly improves" acne for most people with its
limit, a caption that states its conditions, and injections that work "instead of giving an
immediate lift"."""

from __future__ import annotations

import pytest
from claims_lint import Linter, load_rules

from tests.unit.claim_categories import DOW, EFF, FAT, GUA, PRE, SAF, STA, TES
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # each of these opens its sentence, here after another sentence on the same line
        ("Our results speak for themselves. It's proven.", EFF),
        ("We see clients from Bristol. Works on every skin tone and every concern.", SAF),
        ("Lovely staff. 'I finally go out without make-up.'", TES),
        ("Three sessions. From blotchy and tired to radiant.", TES),
        ("Unwanted tattoos can be faded quickly and easily.", PRE),
        ("It is the ideal treatment for any skin type.", SAF),
        ("Our new laser will remove the tattoo you regret.", GUA),
        ("This serum can greatly improve tone and texture.", EFF),
        ("A peel that renews the skin like no other.", EFF),
        ("Once the mask is off you can go about the rest of your day.", DOW),
        ("The gel gives immediate correction of the hollows.", GUA),
        ("Before and six weeks after one session of needling.", TES),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Facial slimming relaxes the jaw muscle with a prescription injection.", FAT),
        ("Best treatments for under-eye hollows", STA),
        ("The best laser for your veins will be guided by their size and depth.", STA),
        ("Most people's skin greatly improves by the end of the course, but it can relapse.", EFF),
        ("Before and four weeks after two sessions; a modest change, and results vary.", TES),
        ("The injections build collagen slowly instead of giving an immediate lift.", GUA),
        ("Pay quickly and easily by card or bank transfer.", PRE),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


# Heading fragments that a rule reads as a whole line on purpose ("Refreshed, rested, radiant.",
# "750,000 Procedures", "Results after three sessions"): after another sentence they are prose.
LINE_ANCHORED = {"GUA032", "STA001", "TES013"}


def test_a_claim_is_found_after_another_sentence_on_its_line(linter: Linter) -> None:
    """`^` in a pattern anchors to a line, not a sentence: every rule's match example must still be
    found when a neutral sentence stands before it on the same line."""
    lead = "Our clinic is in Leeds. "
    lost = []
    for rule in load_rules(all_profiles=True).rules:
        if rule.code in LINE_ANCHORED:
            continue
        for example in rule.examples_match:
            alone = {f.rule for f in linter.lint_source(example.text, "e.md", "markdown").findings}
            if rule.code not in alone:
                continue  # found only with the linter the rule examples use (keep_overlaps)
            after = linter.lint_source(lead + example.text, "e.md", "markdown").findings
            if rule.code not in {f.rule for f in after}:
                lost.append(f"{rule.code}: {example.text}")
    assert not lost, lost
