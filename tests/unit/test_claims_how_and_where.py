"""How a treatment works, what it is for, asides, whose page it is, taglines, answers.

Six mechanisms of the thirteenth session, each with sentences written for this file (none is a
rule example or a tuning-set item):

* a plain mechanism ("the needling prompts new collagen") describes how a treatment works and is
  quiet; hyped, or sold as bringing back what age took, or tied to the visible result it brings,
  it is a claim (GUA037; docs/labelling-policy.md, "How it works");
* a purpose just before an outcome ("ideal for softening", "a method of tightening", "in order
  to reduce") says what a treatment is for, not what it achieves (the pack's ``hedges.purpose``);
* a negator before a short aside in commas reaches past it ("It is not, however, painless"; the
  pack's ``negation.across_aside``);
* a medicine named to inform is quiet only on a health service's page that does not sell (the
  pack's ``voice.page_informs``, ``voice.page_offer`` and ``voice.page_own``; ``informs`` and
  ``page_voice`` of the prescription-medicine rules); alone or on a clinic's page it is named
  by its seller, while its safety information stays quiet everywhere;
* a tagline of one-word fragments ("Safe. Effective. Permanent.") is one list, not three
  sentences of one word each (the pack's ``sentences.tagline``);
* an answer may open with a comment before its yes or no ("Thankfully, it isn't."; the pack's
  ``questions.answers.lead``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from claims_lint import ConfigError, Linter
from claims_lint.language import load_language
from claims_lint.rules import load_rules, rules_root
from claims_lint.segment import taglines

from tests.unit.claim_categories import GUA, PAI, POM, SAF
from tests.unit.conftest import categories, spans


@pytest.mark.parametrize(
    "text",
    [
        "The fine needles prompt the skin to lay down new collagen over the following weeks.",
        "Radiofrequency energy warms the dermis, which stimulates collagen and elastin production.",
        "The polynucleotides are thought to support the fibroblasts that make collagen.",
        "Massage after the session encourages lymphatic drainage.",
        "Each pass of the pen sets off the skin's natural healing response.",
        "The booster boosts collagen production, which may help the skin look firmer in time.",
    ],
)
def test_a_plain_mechanism_is_quiet(linter: Linter, text: str) -> None:
    assert GUA not in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "The peptides replenish the collagen your thirties took away.",
        "Every session unleashes a flood of fresh collagen.",
        "The threads stimulate collagen as they dissolve, so your cheeks stay lifted for months.",
        "The heat triggers new collagen, giving you a tighter, sharper jawline.",
        "PRP wakes up tired fibroblasts and restores thick, glossy hair.",
    ],
)
def test_a_hyped_mechanism_or_one_tied_to_its_result_is_a_claim(linter: Linter, text: str) -> None:
    assert GUA in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "The treatment is ideal for softening frown lines and crow's feet.",
        "Radiofrequency is a non-surgical method of tightening loose skin on the neck.",
        "The filler is placed in small amounts in order to smooth the lines around the mouth.",
    ],
)
def test_what_a_treatment_is_for_is_no_result(linter: Linter, text: str) -> None:
    assert GUA not in categories(linter, text)


def test_a_result_stated_as_fact_is_still_a_claim(linter: Linter) -> None:
    assert GUA in categories(linter, "Our peel erases fine lines and dark spots.")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The injection is not, however, painless.", PAI),
        ("Needling is not, sadly, completely risk-free.", SAF),
        ("It isn't, in our experience, painless for everyone.", PAI),
    ],
)
def test_a_negation_reaches_past_a_short_aside(linter: Linter, text: str, category: str) -> None:
    assert category not in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The injection is, however, painless.", PAI),
        ("The procedure is, of course, completely risk-free.", SAF),
        # the negator belongs to another clause: "not" ends "It does not sting", not the aside
        ("It does not sting, honestly, and it is painless.", PAI),
    ],
)
def test_an_aside_without_a_negator_before_it_denies_nothing(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


INFORMS = "Botulinum toxin is injected into the muscle to relax it for three to four months."
SAFETY = "Please tell us if you have taken isotretinoin in the last six months."
HEALTH_SERVICE = "Information for patients of the NHS dermatology department."
OFFER = "Book your consultation with our nurse prescriber today: £40."


def page(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def pom_lines(linter: Linter, text: str) -> set[int]:
    return {f.line for f in linter.lint_source(text, "page.md").findings if f.category == POM}


def test_a_medicine_described_on_a_health_services_page_informs(linter: Linter) -> None:
    assert 3 not in pom_lines(linter, page(HEALTH_SERVICE, INFORMS))


@pytest.mark.parametrize(
    "other",
    [
        OFFER,
        # no health service speaks: a clinic's blog
        "Our practitioners have trained in facial anatomy for years.",
    ],
)
def test_a_medicine_described_on_a_clinics_page_is_named_by_its_seller(
    linter: Linter, other: str
) -> None:
    assert 1 in pom_lines(linter, page(INFORMS, other))


# on a health service's own page (the pack's ``voice.page_public``: the NHS, a hospital, a patient
# leaflet) a medicine is named to inform in every sentence, with or without an information cue:
# a heading, a question a patient asks, a step of the procedure. A doctor or a pharmacist named in
# passing (``voice.page_informs`` only) is not enough: clinics send readers to their GP too.
NO_INFORMATION_CUE = [
    "Why am I having botulinum toxin injections?",
    "The botulinum toxin is drawn up into a fine syringe on the ward.",
    "Your first botulinum toxin session lasts about twenty minutes.",
]


@pytest.mark.parametrize("text", NO_INFORMATION_CUE)
def test_every_sentence_of_a_health_services_own_page_informs(linter: Linter, text: str) -> None:
    leaflet = "This leaflet is from the urology department of the hospital."
    assert 3 not in pom_lines(linter, page(leaflet, text))
    assert 1 in pom_lines(linter, page(text, OFFER))
    assert 3 in pom_lines(linter, page("Ask your doctor whether it suits you.", text))
    assert 1 in pom_lines(linter, text)


def test_a_sentence_that_sells_is_named_on_a_health_services_page_too(linter: Linter) -> None:
    leaflet = "This leaflet is from the dermatology department of the hospital."
    assert 3 in pom_lines(linter, page(leaflet, "Botox from £99 at Glow Clinic."))


# what a medicine is, what it is for, its brands and how it works (the pack's concept
# `medicine-facts`), and a warning about it (`medicine-information`): information from a health
# service; on a clinic's page they name the medicine the clinic offers (every real-text labeller
# flagged such lines there)
ABOUT_A_MEDICINE = [
    "Botulinum toxin is widely used to treat frown lines between the brows.",
    "Brand names you might see include Azzalure and Xeomin.",
    "How semaglutide works",
    "Finasteride is a tablet for men whose hair is thinning on top.",
    "Tretinoin cream is sometimes prescribed for fine lines and sun damage.",
    "Botulinum toxin can spread beyond the injected muscle and weaken it.",
    "Finasteride is not intended to be given to women who could become pregnant.",
    "Semaglutide can cause nausea and, rarely, inflammation of the pancreas.",
]


@pytest.mark.parametrize("text", ABOUT_A_MEDICINE)
def test_words_about_a_medicine_inform_only_from_a_health_service(
    linter: Linter, text: str
) -> None:
    assert 3 not in pom_lines(linter, page(HEALTH_SERVICE, text))
    assert 1 in pom_lines(linter, page(text, OFFER))


@pytest.mark.parametrize(
    "precaution",
    [
        "If you have taken isotretinoin in the last six months, we will not treat you.",
        "Stop using tretinoin a week before your peel.",
        "Tell us if you are taking finasteride.",
        "Do not use tretinoin cream if you are pregnant or trying for a baby.",
        "Finasteride can lower your mood; speak to your GP if it does.",
    ],
)
def test_the_readers_own_medicine_or_a_doctors_part_is_quiet_on_any_page(
    linter: Linter, precaution: str
) -> None:
    assert 1 not in pom_lines(linter, page(precaution, OFFER))


@pytest.mark.parametrize(
    "precaution",
    [
        "Tell us if you've had Botox in the last three months.",
        "Please let us know if you are taking finasteride or any other medicine.",
        "If you have had anti-wrinkle injections recently, please tell us.",
    ],
)
def test_a_cue_about_the_readers_own_medicine_clears_the_medicine_it_names(
    linter: Linter, precaution: str
) -> None:
    assert 1 not in pom_lines(linter, page(precaution, OFFER))


@pytest.mark.parametrize(
    "text",
    [
        "Botox smooths every line, so tell us if you have had it before.",
        "Toxin injections soften frown lines, and let us know if you are taking any medicines.",
    ],
)
def test_a_cue_in_another_clause_does_not_clear_the_medicine_sold_in_this_one(
    linter: Linter, text: str
) -> None:
    """`unless_clause`: the question about the reader's medicines is a clause of its own; the
    medicine the clinic sells, named before it, is still named."""
    assert 1 in pom_lines(linter, page(text, OFFER))


def test_a_health_services_words_on_a_page_that_sells_do_not_make_it_inform(
    linter: Linter,
) -> None:
    """A clinic's priced page that says it will write to your GP still sells."""
    text = page(INFORMS, "We will write to your GP after treatment.", OFFER)
    assert 1 in pom_lines(linter, text)


def test_a_medicine_described_alone_is_named_by_its_seller(linter: Linter) -> None:
    """A sentence linted alone has no health service's words: it is read as a clinic's, which
    is what this linter checks (the gate lints a clinic's own pages)."""
    assert POM in categories(linter, INFORMS)


def test_safety_information_stays_quiet_on_a_page_that_sells(linter: Linter) -> None:
    assert 1 not in pom_lines(linter, page(SAFETY, OFFER))


@pytest.mark.parametrize(
    "text",
    [
        "Four myths about anti-wrinkle injections",
        "Myth: Botox leaves everyone with a frozen face.",
        "Busting the misconceptions around toxin injections for sweating",
    ],
)
def test_busting_myths_about_a_medicine_still_names_it(linter: Linter, text: str) -> None:
    """`reported_keeps: [myth]`: the myth is not the clinic's claim, but its name for the
    medicine is (the pack's `reported_kinds`)."""
    assert 1 in pom_lines(linter, page(text, OFFER))


@pytest.mark.parametrize(
    "text",
    [
        "Myth: fillers last for ever.",
        "Be wary of adverts that sell Korean Botox at half the usual price.",
        "Some salons offer B12 injections as a quick energy fix.",
    ],
)
def test_other_reported_claims_stay_reported(linter: Linter, text: str) -> None:
    """A myth that names no medicine is still only reported, and what other sellers offer is
    theirs, not the clinic's."""
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "A good option for people seeking a lift without undergoing surgery.",
        "Ideal for anyone looking to soften lines without going under the knife.",
    ],
)
def test_a_wish_the_treatment_answers_still_sets_it_against_surgery(
    linter: Linter, text: str
) -> None:
    """`reported_keeps: [wish]` on the comparison rules: the wish is the reader's, the
    alternative to surgery is the clinic's."""
    assert "comparison-denigration" in categories(linter, text)


def test_a_pack_without_reported_kinds_loads_and_keeps_nothing(tmp_path: Path) -> None:
    src = (rules_root() / "en" / "language.yaml").read_text(encoding="utf-8")
    start = src.index("reported_kinds:")
    end = src.index("\n\n", start)
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(src[:start] + src[end:], encoding="utf-8")
    assert load_language("xx", str(tmp_path)).reported_kinds == {}


def test_a_rule_that_keeps_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    """A reviewer's typo ("myths") is an error at load, with what the pack offers."""
    root = tmp_path / "rules"
    shutil.copytree(rules_root(), root)
    path = root / "en" / "prescription-medicine.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reported_keeps: [myth]", "reported_keeps: [myths]", 1))
    with pytest.raises(ConfigError, match=r"reported_keeps has 'myths'.*myth, wish"):
        load_rules(rules_dir=str(root))


# the language pack's keys of this session (as each line of language.yaml starts)
PACK_KEYS = [
    "  purpose: ",
    "  across_aside: ",
    "  page_offer: ",
    "  page_informs: ",
    "  page_public: ",
    "    fragment: ",
]


@pytest.mark.parametrize("key", PACK_KEYS)
def test_a_pack_may_leave_the_new_tests_out(tmp_path: Path, key: str) -> None:
    """A second language need not have them: the pack loads, and the test is off."""
    src = (rules_root() / "en" / "language.yaml").read_text(encoding="utf-8")
    lines = src.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(key)]
    assert len(kept) == len(lines) - 1
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text("".join(kept), encoding="utf-8")
    pack = load_language("xx", str(tmp_path))
    off = {
        "  purpose: ": pack.hedge_purpose,
        "  across_aside: ": pack.negation_across_aside,
        "  page_offer: ": pack.voice.page_offer if pack.voice else None,
        "  page_informs: ": pack.voice.page_informs if pack.voice else None,
        "  page_public: ": pack.voice.page_public if pack.voice else None,
        "    fragment: ": pack.tagline,
    }[key]
    assert off is None
    if key == "  page_offer: " and pack.voice is not None:
        text = "book your consultation with us for £40"
        assert not pack.voice.sells(text, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Gentle. Safe. Proven.", SAF),
        ("Natural. Safe. Effective!", SAF),
        ("Fast. Easy. Painless.", PAI),
        # fragments that open a line, before a sentence of the usual kind
        ("Gentle. Safe. Proven. The injections take ten minutes.", SAF),
    ],
)
def test_a_tagline_is_one_list(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


def test_a_tagline_keeps_its_place_on_the_page(linter: Linter) -> None:
    """The finding is on the tagline's line, and the next paragraph is a sentence of its own."""
    text = page("Welcome to our skin studio.", "Gentle. Safe. Proven.", "Bruising is common.")
    found = [f for f in linter.lint_source(text, "page.md").findings if f.category == SAF]
    assert [f.line for f in found] == [3]


@pytest.mark.parametrize(
    "text",
    [
        # fragments of more words are sentences of their own, each read alone
        "Freeze it. Shape it. Love it.",
        # a single fragment is a sentence of its own
        "Safe. Ask us whether it suits you.",
    ],
)
def test_only_one_word_fragments_make_a_tagline(linter: Linter, text: str) -> None:
    doc_taglines = taglines(linter.pipeline.pack, text)
    assert doc_taglines == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Is the peel painful? Thankfully, it isn't.", PAI),
        ("Will I need time off? The good news is, no.", "downtime-absolute"),
        ("Is it safe? The short answer is yes.", SAF),
    ],
)
def test_an_answer_may_open_with_a_comment(linter: Linter, text: str, category: str) -> None:
    """The pack's ``questions.answers.lead``: "Thankfully," or "The good news is" before the yes
    or no still answers the question, and the answer claims what the question asked."""
    assert category in categories(linter, text)


# --- a claim said in a second predicate of its topic ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The frozen fat cells crystallise and are slowly flushed away.", "fat-dissolving"),
        ("Your skin is cleansed and looks smoother straight away.", GUA),
    ],
)
def test_a_second_predicate_says_the_claim_of_the_topic(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


def test_the_finding_is_the_second_predicate(linter: Linter) -> None:
    text = "The frozen fat cells crystallise and are slowly flushed away."
    assert spans(linter, text, "fat-dissolving") == ["are slowly flushed away"]


@pytest.mark.parametrize(
    "text",
    [
        # a new subject after the joiner: the claim is not the topic's
        "The fat cells are frozen and the nurse massages the area.",
        # the second predicate's own words say no claim of the topic
        "Skin may look brighter, though the change is small and needs sunscreen to last.",
    ],
)
def test_a_joiner_that_starts_another_subject_or_a_purpose_says_nothing(
    linter: Linter, text: str
) -> None:
    assert categories(linter, text) == set()
