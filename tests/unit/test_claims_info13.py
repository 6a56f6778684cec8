"""Public information about treatments: what a health service, a council or a leaflet says.

Mechanisms added after a real-text audit of public-information pages (NHS-style leaflets,
pharmacy guides, trading-standards warnings, consumer advice). Every sentence here was written
for this file; none is a rule example or a tuning-set item. Each mechanism is tested both ways:
the information stays quiet, and the same words in a seller's voice are still a claim.

* a medicine named as banned, seized or what illegal goods contained
  (``info13-medicine-enforcement``);
* an allergy or reaction to a medicine, a toxin kept from spreading (``info13-medicine-contra``);
* a toxin brand given as an example of a kind of treatment (``info13-toxin-example``);
* how a health service talks about a medicine: the deficiency it replaces, the NHS route, what
  treatment involves (``info13-medicine-facts``, an information cue that holds only on a health
  service's page);
* how common a condition is (``info13-prevalence``);
* goods "found on sale" somewhere (``info13-availability``);
* a rarity conceded before the risk (``info13-rarity-conceded``);
* an official's quoted warning (``info13-official-warning``);
* a harm stated as proven (``info13-harm-proven``);
* a care instruction in the imperative (``info13-care-imperative``);
* what others "showcase" or "portray" a product as (the pack's reported frames);
* evidence reported with its limits (``info13-evidence-frame``);
* a treatment needed for life, not a result kept for life (GUA005);
* a comparison between strengths or uses, what guidance says (``info13-relative-efficacy``);
* what a product was used for (``info13-use-purpose``), an indirect question to ask
  (``info13-indirect-question``), following advice for the best results
  (``info13-follow-advice``), safety that depends on technique (``info13-safety-depends``).
"""

from __future__ import annotations

import pytest

from tests.unit.claim_categories import COM, EFF, FAT, GUA, MED, POM, PRE, SAF, STA, TES
from tests.unit.conftest import categories, categories_on_information_page


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # enforcement news names a medicine as what illegal goods contained
        ("Officers seized skin creams containing hydroquinone from a market stall.", POM),
        ("Hydroquinone, which is banned in cosmetics here, was found in every jar.", POM),
        ("Whitening soaps bought online were tested and contained hydroquinone.", POM),
        # contraindications and aftercare
        ("A past reaction to hyaluronidase means filler is not advised.", POM),
        ("Keep upright so the Botox does not spread into nearby muscles.", POM),
        # a toxin brand as an example of a kind of treatment
        ("Cosmetic injections, such as Botox, are not available on the NHS.", POM),
        # a health service describing a medicine
        ("Injections of B12 keep up the body stores when the gut cannot absorb it.", POM),
        ("Adults may qualify for weight-loss injections through the NHS.", POM),
        ("Treatment usually involves B12 injections every few months.", POM),
        ("Some points about finasteride to read first:", POM),
        ("It is a prescription-only product, so a prescriber must see you.", POM),
        # prevalence
        ("About one in five adults in the UK have hay fever.", STA),
        ("Roughly 12% of the population suffer from eczema.", STA),
        # availability, not a discount
        ("The lightening creams were found on sale in two corner shops.", PRE),
        # rarity conceded, official warnings, harm proven
        ("Although such reactions are rare, they can leave lasting marks.", SAF),
        (
            '"I urge anyone who bought these creams to stop using them," said the councillor.',
            TES,
        ),
        # claims reported as how others present a product (the pack's reported frames)
        ("Such pens are showcased as cheap, with unbelievable results.", EFF),
        ("The creams contain a chemical proven to be harmful to the kidneys.", EFF),
        # aftercare, evidence, lifelong need
        ("Gently moisturise your face morning and night.", GUA),
        ("There is some evidence that it may help with hair loss in men.", MED),
        ("Many people with this condition need injections for the rest of their lives.", GUA),
        # relative efficacy, use, indirect questions, advice, conditional safety
        ("The 5% foam is more effective than the 2% lotion.", EFF),
        ("Mercury was once widely used in fading freckles.", GUA),
        ("Ask the practitioner to explain how the filler will change your profile.", GUA),
        ("Follow the aftercare advice on this page to get the best results from your peel.", STA),
        ("Safe use of these injections depends on correct needle placement.", SAF),
        ("Many of the seized products also failed to list their ingredients.", COM),
        ("Reports of scarring after fat-dissolving injections that are not approved.", FAT),
        ("Ask your nurse to explain how the treatment will improve your skin.", GUA),
        ("It is widely accepted that the tablets slow hair loss in most men.", MED),
    ],
)
def test_information_is_quiet(linter, text, category):
    # on a health service's page: a medicine described is quiet only there ("Whose page it is")
    assert category not in categories_on_information_page(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the seller's own voice keeps the medicine a claim
        ("Our lightening creams contain hydroquinone and are sold online.", POM),
        ("Book your B12 injections today.", POM),
        ("We offer treatments such as Botox and lip filler.", POM),
        # results, not prevalence
        ("Nine in ten women have firmer skin after one course.", STA),
        # a discount is still a discount
        ("Our brightening serum is on sale in clinic this week.", PRE),
        # rarity as reassurance
        ("Side effects are rare with our gentle technique.", SAF),
        # improvement verbs sold with the treatment
        ("Hydrate your skin with our signature facial.", GUA),
        ("Our laser helps with hair loss.", MED),
        ("Filler lasts for the rest of your life.", GUA),
        ("Our peel fades dark patches.", GUA),
        ("Our treatments are 100% safe.", SAF),
        ("Our fat-dissolving injections destroy fat cells for good.", FAT),
        ("Treatment involves weekly Mounjaro injections with our doctors.", POM),
        ("Ask us how our facial will transform your skin in one visit.", GUA),
    ],
)
def test_seller_voice_still_flags(linter, text, category):
    assert category in categories(linter, text)
