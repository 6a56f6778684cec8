# ruff: noqa: E501
"""Shapes found in the twenty-seventh session, written here in our own words (not taken from any
page or labelled set). From six fresh real-text checks: a follicle that "can no longer produce
hair" (a hedge word before "no longer" does not soften it); a rank for "the best ... experience",
"the most popular choice" or "alternative"; weight kept off when the medicine stops; the clinic's
own discounts and a membership's perks; a tally alone as a banner; a success rate as a figure. Honest lines that used claim words and were flagged
stay quiet now: medicines and treatments the reader is told to stop or avoid for a time before
this one, or to wait after; timings "three days post treatment"; "cell regrowth"; a confirmation
email; a toxin in alcohol or smoke; "best removed by" a technique; the rate of a risk in brackets;
"staying safe"; "if there is no reaction"; ink or flushes that the body clears; an outstanding
balance; drastic changes in the weather; side effects a cream can cause; how many people suffer
from a condition; collagen lost yearly; one of the most demanding areas to inject; keeping up
to date with the latest; a wish that filler lasted forever; the body's own hyaluronidase;
claims others are said to be "promoted as" making; a claim denied in scare quotes ('not a "quick
fix"'). A frame now reads past a short aside in brackets or between dashes ("side effects (if
any) are extremely rare"). Planning "eight months before the wedding" is no countdown, and
"creeping up on us" no gift."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import BOD, DET, DOW, EFF, FAT, GUA, MED, POM, PRE, SAF, STA, TES
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Once the laser has heated it, the follicle can no longer produce hair.", GUA),
        ("The treated roots will not grow hair again.", GUA),
        ("Come to us for the best aftercare experience in Surrey.", STA),
        ("Profhilo has become the most popular choice for crepey necks.", STA),
        ("Laser has emerged as an effective and most popular alternative.", STA),
        ("Patients don't put the weight back on when they stop the pen.", GUA),
        ("We also offer discounts on courses of three.", PRE),
        ("Preferred pricing for members, all year round.", PRE),
        ("120,000 Injections", STA),
        ("The success rate is well over 90%.", STA),
        # a pause with no time before a treatment is no precaution: the medicine is still sold
        ("Stop wrinkles before they start with a little tox.", POM),
        ("Avoid the gym for a day after your Botox with us.", POM),
        # the tattoo-ink exception does not reach a drink or toxins
        ("Drink plenty of water to flush the ink out faster.", DET),
        ("Your body flushes out the ink as toxins.", DET),
        # an aside in brackets or between dashes sits inside a frame's gap
        ("Side effects (if any) are extremely rare.", SAF),
        ("Fat cells are — quite literally — destroyed for good.", FAT),
        # scare quotes do not hide a claim, and "no" inside one is the claim itself
        ('Our "quick fix" facial takes ten minutes.', PRE),
        ('There is no "downtime" at all.', DOW),
        ("Only three weeks to Christmas!", PRE),
        ("Your first glass of fizz is on us.", PRE),
    ],
)
def test_claims_of_these_shapes_are_found(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Avoid toxin or filler injections for two weeks prior to your appointment.", POM),
        ("Pause retinol, tretinoin and glycolic acid for five days before treatment.", POM),
        ("Stop isotretinoin 4-6 weeks prior (your prescriber will advise).", POM),
        ("If you have Botox or filler in the area, wait two weeks before a laser session.", POM),
        ("Waxing can be resumed three days post treatment.", TES),
        ("Light peels can be booked two weeks post procedure.", TES),
        ("Platelets release growth factors that help cell regrowth and healing.", MED),
        ("You will receive a confirmation email once your slot is booked.", BOD),
        ("Step 3: the confirmation", BOD),
        ("Alcohol contains a toxin called ethanol.", POM),
        ("Raised moles are best removed by a shave excision.", STA),
        ("In a small minority of cases (two in 100 people) a permanent scar is left.", STA),
        ("Staying safe when choosing a practitioner", SAF),
        ("If there is no reaction after two days, your first session can go ahead.", SAF),
        ("Over the following weeks the body clears the shattered pigment away.", DET),
        (
            "The laser breaks the ink into particles small enough for the body to flush them away.",
            DET,
        ),
        ("Hot flushes can be mistaken for drinking too much alcohol.", DET),
        ("Any outstanding balance is payable on the day.", EFF),
        ("Triggers include drastic changes in the weather.", EFF),
        ("Can cause thinning of the skin, visible blood vessels and extra hair growth.", EFF),
        ("About a third of fair skinned adults suffer from telangiectasia.", STA),
        ("We lose roughly 1% of our collagen yearly from our mid-twenties.", STA),
        ("The tear trough is one of the most technically demanding areas to inject.", STA),
        ("Pick a nurse who keeps up to date with all the latest in aesthetic medicine.", STA),
        ("You may wish your lip filler lasted forever, but it softens over months.", GUA),
        ("The gel is broken down by a naturally occurring enzyme called hyaluronidase.", POM),
        ("Drips are promoted as hangover cures, but there is no evidence behind this.", MED),
        ("Excess sweating is not harmful in itself.", SAF),
        ("Damaged follicles can no longer produce hair.", GUA),
        ("For the best experience, please arrive ten minutes early.", STA),
        ("Results are — in my experience — not permanent.", GUA),
        # a negation reaches past the opening quotation mark of the words it denies
        ('It is not a "quick fix".', PRE),
        # planning ahead of an event is no countdown, and "on us" after a verb is not a gift
        ("Start your laser course about eight months before the wedding.", PRE),
        ("The festive season has a habit of creeping up on us.", PRE),
        ('They are not "fat-dissolving" injections.', FAT),
        ("This is not a “miracle cure”.", EFF),
    ],
)
def test_honest_lines_of_these_shapes_stay_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


def test_a_paused_medicine_clears_every_medicine_of_its_list_but_not_one_sold_beside_it(
    linter: Linter,
) -> None:
    """The list "Botox or fillers" splits into clauses at "or"; the pause still covers both, and
    the clinic's own Botox in another sentence is still found."""
    text = "Avoid Botox or fillers for three weeks prior to your peel. Book your Botox with us."
    found = linter.lint_source(text, "x.md", "markdown").findings
    assert [f.column for f in found if f.category == POM] == [text.index("Botox with") + 1]
