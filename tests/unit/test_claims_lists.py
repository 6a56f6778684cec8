"""Lists inside a clause (the language pack's ``clauses.lists``): the "and" / "or" that joins a
list's items does not cut a claim in two, and one that opens a clause of its own still ends the
clause, so a negation never leaks across it."""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.language import load_language
from claims_lint.segment import Doc

from tests.unit.conftest import categories

_CATEGORY = {
    "fat": "fat-dissolving",
    "down": "downtime-absolute",
    "safe": "safety-absolute",
    "pain": "pain-absolute",
    "gua": "guaranteed-permanent",
}


# --- a topic that is a list's last item, or its first item before a verb ----------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our jab dissolves chin and jowl fat.", "fat"),
        ("The drip melts tummy, hip and thigh fat in a month.", "fat"),
        ("Shots that break down arm and back fat.", "fat"),
        ("Peels dissolve dead cells and fat.", "fat"),
        ("No redness, flaking or downtime at all.", "down"),
        ("Zero bruising, swelling or side effects.", "safe"),
        ("Minimal swelling, redness and discomfort.", "pain"),
        ("Soreness and redness are minimal.", "pain"),
        ("Tenderness, redness, and swelling are minimal.", "pain"),
    ],
)
def test_a_claim_reaches_along_a_list(linter: Linter, text: str, category: str) -> None:
    assert _CATEGORY[category] in categories(linter, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the joiner opens a clause: a verb follows, so the item is no list's
        ("Zero needles and downtime is about a week.", "down"),
        ("The warm pad melts wax and fat stays where it is.", "fat"),
        ("Peels dissolve dead cells and fat is not touched.", "fat"),
        # an article starts a phrase of its own: "visible" is said of the flaking only
        ("Expect visible flaking and a pink face for a week.", "gua"),
        # a disclosure that lists side effects claims nothing
        ("Common side effects include swelling, redness and bruising.", "safe"),
        ("Swelling, redness and bruising usually settle within a week.", "safe"),
    ],
)
def test_a_list_does_not_join_what_is_not_listed(linter: Linter, text: str, category: str) -> None:
    assert _CATEGORY[category] not in categories(linter, text)


# --- negation along a list, and not across a clause ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We cannot promise no pain, swelling or bruising.",
        "This is not a painless and risk-free procedure.",
        "No honest injector will call a filler painless and permanent.",
        "Our team never describes any injection as safe and permanent.",
        "Fillers are not permanent and not risk-free.",
    ],
)
def test_a_negation_reaches_along_its_list(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a subject or a verb after the joiner opens a clause the negation does not reach
        ("It is not painless, and it is completely safe.", "safe"),
        ("It isn't surgery and it is completely safe.", "safe"),
        ("We don't cut the skin and you'll see results straight away.", "gua"),
        ("There is no surgery and results are permanent.", "gua"),
        ("It's not invasive and lasts forever.", "gua"),
        # a negator that opens its own item, or a second negator, is that item's own
        ("No needles and zero downtime.", "down"),
        ("Not a single needle and completely painless.", "pain"),
        ("No stitches, no scarring and no pain.", "pain"),
        ("Nothing permanent and nothing risky.", "safe"),
    ],
)
def test_a_negation_does_not_leak_across_a_clause(linter: Linter, text: str, category: str) -> None:
    assert _CATEGORY[category] in categories(linter, text)


def test_a_hedge_still_governs_its_list(linter: Linter) -> None:
    assert categories(linter, "Some people notice smoother, firmer and brighter skin.") == set()


# --- the clause breaks themselves ------------------------------------------------------------


def _clauses(text: str) -> list[str]:
    low = text.lower()
    doc = Doc(text, low, load_language("en"))
    s0, s1 = doc.sentence(0)
    cuts = [s0, *(x for b in doc.clause_breaks(0) for x in b), s1]
    return [low[a:b].strip(" .") for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


def test_a_list_joiner_is_no_clause_break() -> None:
    assert _clauses("It is not painless and risk-free.") == ["it is not painless and risk-free"]
    assert _clauses("No lumps, bumps or scars.") == ["no lumps", "bumps or scars"]


@pytest.mark.parametrize(
    "text",
    [
        "It is not painless and it is safe.",
        "It is not painless and results are permanent.",
        "There is no pain and no downtime.",
        "No needles and zero downtime.",
        "It is not painful and delivers results in a single week.",
    ],
)
def test_a_joiner_that_opens_a_clause_still_breaks(text: str) -> None:
    assert len(_clauses(text)) == 2


# --- a rule's exceptions and a rank's template, through a list --------------------------------


def test_a_rules_exception_holds_through_a_list(linter: Linter) -> None:
    # the rule excuses a gel said to add volume; it is still excused with more items listed
    quiet = "Lip filler is a soft gel that adds shape and volume to the lips."
    assert "guaranteed-permanent" not in categories(linter, quiet)
    assert "guaranteed-permanent" in categories(linter, "It adds shape and volume to your lips.")


def test_a_rank_reaches_the_last_item_of_a_list(linter: Linter) -> None:
    found_ = categories(linter, "We are the leading skin and laser clinic.")
    assert "unverified-stat-superlative" in found_
