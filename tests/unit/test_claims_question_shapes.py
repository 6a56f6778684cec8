"""Questions and their answers: a question that names a worry ("Nervous about side effects?")
asks about the worry, and its answer makes or denies the claim; an answer word counts where it
ends ("No.", "It won't."), not where it opens a sentence of its own ("No treatment is
risk-free"); a repeated answer ("No, not at all.") is one answer, not a refutation of itself.
A perception "can" ("you can see the difference") is no hedge."""

from __future__ import annotations

import pytest
from claims_lint import Linter

from tests.unit.conftest import categories

_CATEGORY = {
    "pain": "pain-absolute",
    "down": "downtime-absolute",
    "safe": "safety-absolute",
    "fat": "fat-dissolving",
    "gua": "guaranteed-permanent",
}


# --- a question naming a worry, answered with a claim -------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Nervous about side effects? There are none.", "safe"),
        ("Anxious about the side effects? There aren't any.", "safe"),
        ("Worried about the pain? There's none.", "pain"),
        ("Concerned about recovery time? You won't need any.", "down"),
        ("Fretting about downtime? None whatsoever.", "down"),
        ("Afraid it will hurt? It won't.", "pain"),
        ("Scared it'll sting? It doesn't.", "pain"),
        ("Think you'll need time off? You won't.", "down"),
        ("Fed up with stubborn belly fat? We'll dissolve it.", "fat"),
    ],
)
def test_a_worry_answered_with_a_claim_is_flagged(linter: Linter, text: str, category: str) -> None:
    assert _CATEGORY[category] in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Worried about downtime? Most people need a day or two before going out.",
        "Worried about side effects? We'll go through them at your consultation.",
        "Worried about bruising? It can happen, so avoid blood thinners beforehand.",
        "Scared it'll hurt? Tell your nurse; we can numb the area first.",
        "Afraid it will hurt? It might, a little, for a few seconds.",
        "Nervous about downtime? Plan for two to three days of swelling.",
        "Worried about the cost? Any questions about finance, just ask.",
    ],
)
def test_a_worry_answered_honestly_stays_quiet(linter: Linter, text: str) -> None:
    assert not categories(linter, text)


# --- answer words: where they end, longest reading, repeats -------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Does it sting? No, not at all.", "pain"),
        ("Is it painful? No — not at all.", "pain"),
        ("Do injections hurt? Absolutely not.", "pain"),
        ("Is it painful? Of course not.", "pain"),
        ("Will it hurt? It won't.", "pain"),
        ("Is there downtime? There isn't.", "down"),
        ("Is it safe? It is.", "safe"),
        ("Does it hurt? No it doesn't.", "pain"),
        # an answer that ends in a sign ("100%") still ends there, and more words affirm
        ("Is it safe? 100%", "safe"),
        ("Is it safe? 100 per cent.", "safe"),
        ("Is it safe? Without a doubt.", "safe"),
    ],
)
def test_a_closed_or_repeated_answer_makes_the_claim(
    linter: Linter, text: str, category: str
) -> None:
    assert _CATEGORY[category] in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Side effects? No treatment is risk-free.",
        "Does it hurt? No two people feel it the same way.",
        "Is it safe? It is a prescription medicine with known risks; we discuss them first.",
        "Does it hurt? Most people feel some stinging for a few minutes.",
        "Is there downtime? Expect redness for one to two days.",
        "Will it hurt? It will sting a little.",
        "Is it permanent? It isn't; results last about six months.",
    ],
)
def test_an_answer_word_that_opens_a_sentence_answers_nothing(linter: Linter, text: str) -> None:
    assert not categories(linter, text)


def test_a_worry_in_a_front_matter_question_reaches_its_answer(linter: Linter) -> None:
    page = (
        '---\ntitle: T\nfaq:\n  - q: "Scared it will hurt?"\n    a: "It won\'t."\n'
        '  - q: "Does it hurt?"\n    a: "Most people feel a sting for a minute."\n---\n\nBody.\n'
    )
    got = [(f.category, f.matched) for f in linter.lint_source(page, "p.md").findings]
    assert got == [("pain-absolute", "It won't")]


def test_an_answer_that_says_when_completes_the_statement(linter: Linter) -> None:
    assert "guaranteed-permanent" in categories(
        linter, "Will I see a difference? Yes, from the first session."
    )
    assert not categories(
        linter, "Will I see a difference? Yes, but it takes months and results vary."
    )


# --- "can" of perceiving a result is no hedge -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You can see the difference after one session.",
        "You can feel your skin tighten straight away.",
        "You can notice smoother skin from the first treatment.",
        "Clients can see their lines soften within days.",
        "You can instantly see a brighter complexion.",
        "You can expect smoother skin after one session.",
        "You can see results that last for years.",
    ],
)
def test_a_perceiving_can_keeps_the_outcome_claim(linter: Linter, text: str) -> None:
    assert "guaranteed-permanent" in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your skin can feel smoother after a course.",
        "It can help improve skin texture.",
        "It may improve skin texture.",
        "Some people can see smoother skin after two sessions.",
        "You may see some improvement after a few sessions.",
        "Skin can look brighter after a peel.",
        "It can cause bruising and swelling.",
    ],
)
def test_a_possible_outcome_stays_hedged(linter: Linter, text: str) -> None:
    assert not categories(linter, text)


# --- a rhetorical question asserts; a plain one asks ---------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Who wouldn't want pain-free results?", "pain"),
        ("Wouldn't you love zero downtime?", "down"),
        ("Don't you want skin that stays smooth forever?", "gua"),
        ("Doesn't everyone deserve permanent results?", "gua"),
        ("Isn't it amazing that it's completely painless?", "pain"),
        ("Ever dreamed of permanent results?", "gua"),
        ("Craving a permanent glow?", "gua"),
        ("Fancy losing inches without surgery?", "fat"),
    ],
)
def test_a_rhetorical_question_makes_its_claim(linter: Linter, text: str, category: str) -> None:
    assert _CATEGORY[category] in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Is it safe?",
        "Does it hurt?",
        "Is there any downtime?",
        "Doesn't it hurt?",
        "Aren't fillers risky?",
        "Isn't it completely painless? No, most people feel a sting.",
        "Doesn't filler last forever? No.",
        "Worried about downtime?",
    ],
)
def test_a_question_that_asks_or_is_denied_stays_quiet(linter: Linter, text: str) -> None:
    assert not categories(linter, text)


# --- a question heading is answered by the paragraph under it ------------------------------


@pytest.mark.parametrize(
    ("page", "category"),
    [
        ("## Is it painful?\n\nNot at all.\n", "pain"),
        ("## Worried about downtime?\n\nThere isn't any.\n", "down"),
        ("### Is it safe?\nYes, completely.\n", "safe"),
        ("**Scared it will hurt?**\n\nIt won't.\n", "pain"),
    ],
)
def test_a_question_heading_is_answered_by_its_paragraph(
    linter: Linter, page: str, category: str
) -> None:
    assert _CATEGORY[category] in categories(linter, page)


@pytest.mark.parametrize(
    "page",
    [
        "## Is it painful?\n\nMost people feel a sting; we use numbing cream.\n",
        "## Does it hurt?\n\nNo two people feel it the same way.\n",
        "## Is it safe?\n\n## Risks\n\nBruising is common.\n",
        "## Is it a quick fix?\n\nNo. It takes a course of sessions.\n",
    ],
)
def test_a_question_heading_answered_honestly_stays_quiet(linter: Linter, page: str) -> None:
    assert not categories(linter, page)
