"""A belief and its refutation, and answers that fill in a wh-question.

A claim set up as somebody's belief and refuted right after it (in a later clause of its own
sentence, or at the start of the next one) is not made; a claim the clinic makes beside such a
belief, or a "refutation" that makes the claim again, still is. An answer that fills in a
wh-question ("Who can't have it? Nobody.") makes the statement it completes.
"""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.language import load_language
from claims_lint.model import ConfigError

from tests.unit.conftest import categories

# --- refuted beliefs stay quiet ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a frame, then a correction closing the same sentence
        "Plenty of people assume a chemical peel is painless; in fact it tingles and stings.",
        "Some believe laser results are permanent, though that is not true.",
        "Some say cheek filler lasts forever, which is simply untrue.",
        "Most people imagine there is zero downtime - actually, expect two days of swelling.",
        "Many believe it's risk-free, but it isn't.",
        "Some believe HIFU results are permanent (they aren't).",
        # a frame, then a refutation or a correction starting the next sentence
        "You might think laser hair removal is permanent. It isn't.",
        "People often think skin boosters are painless. In fact, most feel a sharp scratch.",
        "There's a common belief that peels are painless. Sadly, that's not the case.",
        "Word has it that lip filler lasts forever. Not so.",
        "You'd be forgiven for thinking fat freezing melts fat for good. The truth is, it varies.",
        "New clients often expect zero downtime. The reality is, most are red for two days.",
        # a quoted claim, then a refutation or a plain correction
        '"Filler lasts a lifetime." That is a myth: most break down within a year or two.',
        '"Zero downtime!" Not quite: plan for two days of redness.',
        '"Totally painless." The truth: most people feel a sting.',
        # a plain statement, then a refutation that labels it
        "Tear-trough filler is permanent. That's a myth.",
        "Fat freezing melts fat for good. Not true.",
        "Laser is completely risk-free. Wrong: burns and pigment changes can happen.",
    ],
)
def test_a_refuted_belief_is_not_a_claim(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the refutation agrees
        ("Many believe it is painless, and in fact it is.", "pain-absolute"),
        ("Many believe it is painless. In fact, it is.", "pain-absolute"),
        ("Some people think microneedling is painless. It is.", "pain-absolute"),
        # the clinic's own claim before the belief, or after a "but"
        (
            "Our peel is completely painless. Many think peels sting; that's a myth.",
            "pain-absolute",
        ),
        ("Our peel is painless, although many think peels sting - they don't.", "pain-absolute"),
        (
            "Many think peels sting, but ours is painless; in fact, most clients doze.",
            "pain-absolute",
        ),
        (
            "Our fillers are safe and many believe they last forever. That's a myth.",
            "safety-absolute",
        ),
        # a correction after the clinic's own claim strengthens it
        ("Microneedling is painless. In fact, most clients doze off.", "pain-absolute"),
        ("Our results are permanent. Actually, they get better with time.", "guaranteed-permanent"),
        ('"It was totally painless!" In fact, I hardly noticed.', "pain-absolute"),
        ("Many clients think it is painless. In fact, most doze off.", "pain-absolute"),
        # words that look like a refutation but limit, deny something else or affirm
        ("Our fillers are completely safe. That's not a myth.", "safety-absolute"),
        ("Our treatment is completely safe. That's not true of cheap imports.", "safety-absolute"),
        ("Results are permanent. That's not always true elsewhere.", "guaranteed-permanent"),
        ("Microneedling is risk-free. It isn't, however, for everyone.", "safety-absolute"),
        ("Completely painless. No, really!", "pain-absolute"),
        ("Our peel is completely painless; we don't.", "pain-absolute"),
        # the "refutation" makes the claim itself
        (
            "Some people think it's painless. It's not just painless, it's relaxing.",
            "pain-absolute",
        ),
        ("Some say it's nearly painless. Not quite - it's completely painless.", "pain-absolute"),
    ],
)
def test_a_claim_beside_a_refutation_still_counts(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


def test_only_the_sentence_just_before_is_refuted(linter: Linter) -> None:
    # the refutation starts the third sentence: it refutes the second, not the first
    text = "Many people think the peel is painless. Our nurses are kind. That's a myth."
    assert "pain-absolute" in categories(linter, text)


def test_the_refuted_claim_is_the_one_in_the_belief(linter: Linter) -> None:
    fs = linter.lint_source(
        "It is 100% safe. Some think it is painless. It is not.", "page.md"
    ).findings
    assert [(f.category, f.matched) for f in fs] == [("safety-absolute", "100% safe")]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Myth: you can't turn back the clock. Fact: you can.", "Fact: you can"),
        ("Many believe laser can't be painless. Not true.", "Not true"),
        ("Microneedling isn't painless. That's a myth - it is a scratch.", "That's a myth"),
    ],
)
def test_refuting_a_denied_claim_makes_it(linter: Linter, text: str, said: str) -> None:
    fs = linter.lint_source(text, "page.md").findings
    assert [f.matched for f in fs] == [said]


@pytest.mark.parametrize(
    "text",
    [
        "Myth: fillers are permanent. Fact: they are not.",
        "Some think fillers aren't permanent. They aren't.",
        "Myth: you can't turn back the clock. Fact: nobody can, but skin can look fresher.",
        "Microneedling isn't painless. Our nurses are kind. That's a myth.",
    ],
)
def test_agreeing_with_a_denied_claim_makes_nothing(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


# --- answers that fill in a wh-question -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Who can't have it? Practically nobody.", "safety-absolute"),
        ("Who cannot have this peel? No one.", "safety-absolute"),
        ("Who is it not suitable for? Hardly anyone.", "safety-absolute"),
        ("Who is the treatment suitable for? Everybody.", "safety-absolute"),
        ("Who can have it? Anyone!", "safety-absolute"),
        ("Who can't have it? Nobody, really.", "safety-absolute"),
        ("Is there anyone who can't have it? No.", "safety-absolute"),
        ("What could go wrong? Absolutely nothing.", "safety-absolute"),
        ("Can anything go wrong? Nothing.", "safety-absolute"),
        ("Who gets side effects? Nobody.", "safety-absolute"),
        ("What does it feel like? Nothing at all.", "pain-absolute"),
        ("What will I feel? Nothing.", "pain-absolute"),
        ("How much will I feel? Practically nothing.", "pain-absolute"),
        ("What about side effects? None.", "safety-absolute"),
        ("Who won't it work for? Nobody.", "efficacy-overclaim"),
        ("Who does it suit? Everybody.", "safety-absolute"),
        ("Q: Who can't have it? Practically nobody.", "safety-absolute"),
        # the yes/no and topic answers keep working
        ("How long is the recovery? None at all.", "downtime-absolute"),
        ("Does it hurt? Not one bit.", "pain-absolute"),
        ("Any side effects? Nothing to speak of.", "safety-absolute"),
    ],
)
def test_an_answer_that_fills_in_a_question_makes_its_claim(
    linter: Linter, text: str, category: str
) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Who can't have it? People who are pregnant, breastfeeding or on blood thinners.",
        "Who can't have it? Anyone who is pregnant.",
        "Who can't have it? Nobody under 18 - we check ID.",
        "Who can have it? Anyone, except people with a bleeding disorder.",
        "Who can have it? Most healthy adults.",
        "Who is it suitable for? Adults with mild to moderate lines.",
        "Is there anyone who can't have it? Yes: people who are pregnant.",
        "How long is the recovery? Most people have redness for 2 to 3 days.",
        "Does it hurt? Most people feel some stinging.",
        "What does it feel like? A warm prickle.",
        "What will I feel? A slight scratch, then pressure.",
        "What can go wrong? Infection, bruising and, rarely, scarring.",
    ],
)
def test_an_honest_answer_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


# --- the pack ---------------------------------------------------------------------------------


def test_the_pack_compiles_its_refutation_and_filled_sections() -> None:
    pack = load_language("en")
    assert pack.refutation is not None and pack.filled is not None
    assert pack.refutation.refutes.match(" that's a myth.")
    assert not pack.refutation.refutes.match(" that's not true of cheap imports.")
    assert pack.refutation.beliefs.search("some people think it is painless")
    assert any(rx.match("practically nobody.") for rx, _, _ in pack.filled.answers)


def test_a_broken_filled_entry_names_the_key(tmp_path) -> None:
    src = load_language("en").path.read_text(encoding="utf-8")
    broken = src.replace("says: nobody, negated: everyone", "negated: everyone", 1)
    assert broken != src
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match="questions.filled.answers 1 needs 'words' and 'says'"):
        load_language("xx", str(tmp_path))


# --- across blocks -----------------------------------------------------------------------------


def test_a_paragraph_refutes_the_heading_above_it(linter: Linter) -> None:
    page = '## "Microneedling is painless"\n\nNot quite. Most people feel a sharp scratch.\n'
    assert categories(linter, page) == set()


def test_a_heading_refutes_nothing_above_it(linter: Linter) -> None:
    page = "Our peel is completely painless.\n\n## Not true\n\nSome myths we hear.\n"
    assert "pain-absolute" in categories(linter, page)


# --- too little evidence, and "few" ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the evidence for the claim is said to be thin, in any of the ways people say it
        "There's not much sound evidence that a drip cures a hangover or lifts immunity.",
        "There is hardly any good evidence that vitamin shots cure tiredness.",
        "There's scant evidence that body wraps melt fat.",
        # "few" in front of the people or things the claim is about denies it
        "Most people see some change over six months; few people's scars disappear entirely.",
        "Few patients find that the marks vanish completely.",
    ],
)
def test_too_little_evidence_or_few_people_denies_the_claim(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the clinic's own claim beside the thin evidence keeps its finding
        (
            "There's not much evidence that it works, but our drip cures hangovers.",
            "medical-condition",
        ),
        # "a few", "the next few": a count of sessions or days, not a denial
        ("In a few sessions your scars disappear.", "medical-condition"),
        ("Over the next few days the toxins flush out of your body.", "detox-toxins"),
        ("Quite a few clients say their acne scars disappeared.", "medical-condition"),
    ],
)
def test_a_few_is_not_a_denial(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Regrowth can't be promised, and long-standing bald patches rarely change.",
        "A scar-free result is not guaranteed.",
        "Complete clearance of the marks is unlikely.",
        "Permanent hair removal isn't possible with any laser.",
        "Full regrowth won't be possible for everyone.",
    ],
)
def test_a_claim_said_not_to_be_on_offer_is_denied(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a verb that is not one of promising or likelihood: still the claim
        ("Painless results that can't be beaten.", "pain-absolute"),
        # the denial belongs to another clause
        ("Lines vanish for good, which other clinics say is not possible.", "guaranteed-permanent"),
        ("Our results are guaranteed.", "guaranteed-permanent"),
    ],
)
def test_a_denial_elsewhere_leaves_the_claim(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)
