"""The same claim in another form of its words is the same claim.

A rule is written in one form of a phrase ("your thighs", "the years", "waistline", "will
work") and a writer picks another: "the" for "your", a plural for a singular, "will definitely"
for "will", a clinic's name between subject and verb. The language pack's ``rereading`` section
says which forms a rule reads a sentence in again when it found nothing as written; only the
rule patterns read those forms, never a rule's exceptions or the judges, and findings stay on
the words as written. These tests hold both sides: the reworded claim is still caught, and what
was honest stays quiet. benchmarks/claims_wording.py measures the same over the tuning sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_lint import Linter
from claims_lint.detectors import filler_words
from claims_lint.language import load_language
from claims_lint.reread import readings
from claims_lint.rules import rules_root

from tests.unit.conftest import categories, spans

# --- reworded claims that are still the claim ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a determiner swapped for another
        ("Get back to the normal routine straight after.", "downtime-absolute"),
        ("Melt away the muffin tops for good.", "fat-dissolving"),
        # a plural where the rule has the singular
        ("Trim your waistlines without going under the knife.", "fat-dissolving"),
        # a clinic's name between subject and verb
        ("One syringe at Aura Skin Clinic is all it takes.", "guaranteed-permanent"),
        # scare quotes around the claim's word
        ("You won't have any ‘downtime’ afterwards.", "downtime-absolute"),
        ('The jab starts to "melt" the fat under the chin.', "fat-dissolving"),
    ],
)
def test_reworded_claim_is_still_caught(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    ("plain", "reworded"),
    [
        ("Return to your normal routine immediately.", "Return to the normal routine immediately."),
        ("Rewind the years.", "Rewind your years."),
        ("Trim your waistline.", "Trim your waistlines."),
        ("One syringe is all it takes.", "One syringe at Glow Aesthetics is all it takes."),
    ],
)
def test_reworded_claim_has_the_plain_claims_categories(
    linter: Linter, plain: str, reworded: str
) -> None:
    want = categories(linter, plain)
    assert want, plain
    assert want <= categories(linter, reworded)


def test_finding_spans_the_words_as_written(linter: Linter) -> None:
    text = "Trim your waistlines without surgery."
    assert spans(linter, text, "fat-dissolving") == ["Trim your waistlines"]


def test_a_span_holds_both_quote_marks(linter: Linter) -> None:
    text = "There is no 'downtime' at all."
    found = spans(linter, text, "downtime-absolute")
    assert found and all(s.count("'") in (0, 2) for s in found), found


# --- honest near-misses stay quiet --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The results are not permanent.",
        "Your results are not permanent and fade over months.",
        "Compare the clinics in our area before you book.",
        "Their thighs were measured before and after the trial.",
        "The glasses you wear may need adjusting after surgery.",
        "Swelling will definitely not last a week for everyone; ask us what to expect.",
        "Rarely, the bruises at the injection site take two weeks to fade.",
        "We cannot promise that one syringe at our clinic is all it takes.",
        "Ask the nurse at Glow Clinic whether filler suits you.",
        "Injections sold as 'fat melting' are not licensed.",
        "Some 'painless' lasers still need numbing cream.",
    ],
)
def test_honest_sentence_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


def test_rule_keeps_the_line_its_own_examples_draw(linter: Linter) -> None:
    # MED010's examples say "the hair you have" is not "your hair": no reading crosses that
    assert "medical-condition" not in categories(linter, "Keep the hair you have clean and dry.")


def test_negation_still_reads_the_words_as_written(linter: Linter) -> None:
    # read as "it will work" for the patterns, the "not" as written still denies it
    assert categories(linter, "It will definitely not work for everyone.") == set()


# --- the readings themselves ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack():  # noqa: ANN201 - the language pack
    return load_language("en")


def texts(pack, sentence: str) -> list[str]:  # noqa: ANN001
    return [t for t, _, _ in readings(sentence, pack.rereading, filler_words(pack))]


def test_plural_read_as_singular_only_after_a_determiner(pack) -> None:  # noqa: ANN001
    assert "trim your waistline" in texts(pack, "trim your waistlines")
    assert "rewind the year" in texts(pack, "rewind the years")
    assert "your recovery, quick" in texts(pack, "your recoveries, quick")
    # a verb after a pronoun is no plural noun: "it lasts" is not read as "it last"
    assert all("last " not in t for t in texts(pack, "it lasts for months"))
    # words ending like a plural that are none
    assert all("glas " not in t and "focu " not in t for t in texts(pack, "the glass the focus "))


def test_quote_marks_around_a_few_words_are_read_past(pack) -> None:  # noqa: ANN001
    assert "no downtime at all" in texts(pack, "no 'downtime' at all")
    # an apostrophe inside a word is no quote mark; a long quotation is not read past
    assert all("dont" not in t for t in texts(pack, "you don't have the 'downtime'"))
    assert texts(pack, "they said 'it is all quite safe for every one of you'") == []


def test_a_pack_may_leave_quote_marks_out(tmp_path: Path) -> None:
    """A second language need not read quote marks past: the pack loads without the key."""
    src = (rules_root() / "en" / "language.yaml").read_text(encoding="utf-8")
    start = src.index("  quoted:\n")
    end = src.index("\n  places:", start) + 1
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(src[:start] + src[end:], encoding="utf-8")
    assert load_language("xx", str(tmp_path)).rereading.quoted is None


def test_no_reading_when_no_form_applies(pack) -> None:  # noqa: ANN001
    assert texts(pack, "book now") == []


def test_every_reading_maps_back_to_the_sentence(pack) -> None:  # noqa: ANN001
    sentence = "one syringe at lumen clinic will definitely smooth the lines"
    for text, where, _ in readings(sentence, pack.rereading, filler_words(pack)):
        assert len(where) == len(text)
        assert where == sorted(where)
        assert all(0 <= i < len(sentence) for i in where)
