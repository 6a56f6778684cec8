# ruff: noqa: E501
"""Shapes found in the twenty-sixth session, written here in our own words (not taken from any page
or labelled set). From eight fresh real-text checks: downtime called "low" or "little"; the day
carried on "as normal"; "you're in safe hands"; "the only side effect ... is"; surrounding skin
that the laser "does not affect"; fat cells that "cannot hold fat any longer" or are "damaged
beyond repair"; fat "decreased"; a rank "of the options"; "nationally ranked"; "none is as
popular as"; an unnamed "gentler approach"; "not ready for surgery"; "unlike traditional
lasers"; "proved to"; "supported by clinical evidence"; "decades of research behind it"; teeth
"spared from wearing"; skin "left smooth" or that "remains smooth"; "look and feel refreshed";
"from dull to radiant"; hormones on a clinic's page. Honest lines of the same
words stay quiet: a little downtime, the reader's own medicine stopped before treatment, gaps to
keep between toxin and another treatment, what other providers offer, surgery that removes excess
fat, credentials a membership guarantees, a procedure among the highest-risk, what the best
results need, shaved hair that does not grow back thicker, what long-term results require."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import COM, DOW, FAT, GUA, POM, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Low downtime and visible glow.", DOW),
        ("A short session with little recovery afterwards.", DOW),
        ("Most clients go about their day as normal afterwards.", DOW),
        ("Routine activities can be resumed straight away.", DOW),
        ("Book with Dr Shah and you're in safe hands.", SAF),
        ("The only side effect most people get is a little redness.", SAF),
        ("The beam doesn't harm the surrounding tissue.", SAF),
        ("Because the tip cools as it works, you won't get burned.", SAF),
        ("Our implants are renowned for their safety.", SAF),
        ("Those frozen cells cannot store fat any more.", FAT),
        ("After cooling, the fat cells are damaged beyond repair.", FAT),
        ("Each session decreases the number of fat cells under the chin.", FAT),
        ("Of all the options for fuller lips, filler is the most popular of the treatments.", STA),
        ("Our lead injector is nationally ranked.", STA),
        ("No other method is as popular as HIFU.", STA),
        ("Skin boosters offer a gentler approach for early lines.", COM),
        ("A good choice for anyone not ready for a facelift.", COM),
        ("Unlike conventional lasers, our device reaches deeper.", COM),
        ("The injections are proved to ease sweating.", "efficacy-overclaim"),
        ("Our HIFU is backed by clinical evidence for lifting the brows.", "efficacy-overclaim"),
        ("The light therapy has decades of science behind it.", "efficacy-overclaim"),
        ("Relaxing the jaw muscle saves your teeth from cracking.", "medical-condition"),
        ("The peel leaves your skin beautifully smooth.", GUA),
        ("Between the brows, the skin stays smooth for months.", GUA),
        ("You'll look and feel refreshed.", GUA),
        ("Take your skin from tired to glowing in one visit.", GUA),
        ("We now offer testosterone replacement therapy at our Bristol clinic.", POM),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("There is a little downtime while the redness settles.", DOW),
        ("Normal activities can be resumed after about a week.", DOW),
        ("I felt in safe hands the whole time.", SAF),
        ("The only side effects recorded in the study were headaches.", SAF),
        ("If you use sunscreen you won't get burned.", SAF),
        ("Fat cells cannot store fat when your body needs energy.", FAT),
        ("Cooling temporarily decreases blood flow to the area.", FAT),
        ("Liposuction takes out excess fat through a thin cannula.", FAT),
        ("We may suggest a gentler approach or a patch test first.", COM),
        ("A gentler option may be recommended if your skin is sensitive.", COM),
        ("It is one of the highest-risk procedures in aesthetics.", STA),
        ("To achieve the best results, your nurse will need to map the sweat first.", STA),
        ("To look your best on the day, book a month ahead.", STA),
        ("Membership guarantees that the surgeon has completed recognised training.", GUA),
        ("Shaved hair will not grow back thicker or darker.", GUA),
        ("For lasting results, three sessions are usually recommended.", GUA),
        ("A night guard protects your teeth from damage.", "medical-condition"),
        ("Pause prescription retinoids such as tretinoin a week before your peel.", POM),
        ("Not suitable if you have been prescribed isotretinoin in the last six months.", POM),
        ("Anti-wrinkle injections: leave two weeks before this facial.", POM),
        ("Some nurses also deliver Botox in clients' homes.", POM),
        ("Low testosterone can cause tiredness and low mood.", POM),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


def test_look_your_best_is_not_a_rank_but_the_best_clinic_still_is(linter: Linter) -> None:
    """ "Look your best" is the reader at their best; a rank in the same sentence is still found."""
    assert STA not in categories(linter, "Look your best at the wedding.")
    assert STA in categories(linter, "Look your best with the best clinic in Leeds.")
