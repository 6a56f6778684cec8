"""Shapes found in the forty-second session, written here in our own words (not taken from any
page or labelled set). A collagenase injection for cellulite and iron given into a vein are
prescription-only medicines; getting youth back turns the years back; a tattoo or a vein that
"will fade", or that "clears" as plain fact, is an outcome promised, as is a mechanism "leading to
the elimination of" lines; "only mild and temporary discomfort" and discomfort that is "extremely
brief" play pain down; a laser that "does not damage the skin surface", a peel "recommended for
all skin types", an alternative "unlike some aggressive lasers" or "than traditional removal" are
claims. Weight lost as the cause of a concern, the reader's wish for smooth skin, advice to
moisturise, how visible a change is compared with another, a guarantee said to be impossible, a
quick fix denied, a symptom "with or without" stinging, a rare harm named, the reader's own
declaration on a consent form, a share of a fee and a payment kept safe stay quiet."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.claim_categories import AGE, COM, EFF, FAT, GUA, PAI, POM, PRE, SAF, STA
from tests.unit.conftest import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our QWO sessions target dimpling on the thighs.", POM),
        ("We offer Monofer for low iron, given over fifteen minutes.", POM),
        ("Book an iron infusion with our nurse prescriber.", POM),
        ("Topical cream (prescription only) for the redness.", POM),
        ("Win back the youthful glow of your thirties.", AGE),
        ("Our filler returns the cheeks to their former youthful shape.", AGE),
        ("After each visit your tattoo will gradually fade.", GUA),
        ("The spider veins will disappear after the second session.", GUA),
        ("The old ink will definitely be removed.", GUA),
        ("Thanks to the fine cannula, clients feel only slight, fleeting discomfort.", PAI),
        ("Unlike harsh lasers, our peel suits every skin tone.", COM),
        ("Unlike other slimming medicines, it is taken once a week.", COM),
        ("Picosecond pulses are kinder to the skin than traditional laser therapy.", COM),
        ("Those medications offer only short-term relief.", COM),
        ("Our laser leaves no damage to the skin surface.", SAF),
        ("The resurfacing laser causes minimal damage to the epidermis.", SAF),
        ("This peel is recommended for all skin types.", SAF),
        ("It stings for a moment, but the discomfort is extremely brief.", PAI),
        ("After two sessions the tiny capillaries visibly fade.", GUA),
        ("The toxin relaxes the muscle, leading to the elimination of frown lines.", GUA),
    ],
)
def test_a_claim_said_in_other_words_is_still_found(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Sudden weight loss can make the cheeks look hollow sooner.", FAT),
        ("People who have lost a lot of weight often notice looser skin.", FAT),
        ("This peel suits anyone who wants a brighter complexion.", GUA),
        ("We suggest applying a bland moisturiser to the skin for a week.", GUA),
        ("With age the cheek fat pads drop, accentuating the nasolabial folds.", GUA),
        ("Filler near the lip border gives a more noticeable change than elsewhere.", EFF),
        ("A follicle is the part of the hair visible to the naked eye.", EFF),
        ("GLP-1 is a hormone that is released in our body after meals.", POM),
        ("Redness around the treated veins will fade within a day.", GUA),
        ("Some darker inks will not fade at all.", GUA),
        ("It is impossible to guarantee a result with any laser.", GUA),
        ("Lasting change takes more than a quick fix.", PRE),
        ("Flushing may come with or without a stinging feeling.", PAI),
        ("Threads work best for people with mild sagging.", STA),
        ("Keep the area clean so you do not damage the skin.", SAF),
        ("Tattoo ink fades in the sun over many years.", GUA),
        ("Filler carries a rare side effect called vascular occlusion.", SAF),
        ("I confirm I have not taken any prescribed tablets such as isotretinoin this year.", POM),
        ("Missed appointments are charged at 50% of the treatment price.", STA),
        ("Your card details are kept safe and secure.", SAF),
        ("Monthly payments are covered by the Direct Debit Guarantee.", GUA),
    ],
)
def test_honest_wording_stays_quiet(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)
