"""A quotation followed by its attribution is one testimonial, however many sentences it holds:
the outcome in its second sentence and the name after it are read together. Questions inside a
quotation stay sentences of their own, and a quotation nobody signs is split as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_lint import Linter
from claims_lint.language import load_language, rules_root
from claims_lint.model import ConfigError
from claims_lint.segment import Doc

from tests.unit.claim_categories import TES
from tests.unit.conftest import categories


def sentences(text: str) -> list[str]:
    doc = Doc(text, text.lower(), load_language())
    return [text[a:b].strip() for a, b in zip(doc.sentence_starts, doc.sentence_ends, strict=True)]


@pytest.mark.parametrize(
    "text",
    [
        '"Three rounds in and I go out bare-faced. It gave me my confidence back." — Orla, Sligo',
        "“I dodged cameras for a decade. Two sessions later my skin is basically new.” — Wei, 31",
        '"I was so self-conscious at the gym. Now I finally love my arms." - Dana',
        "“Honestly I was sceptical. My husband keeps asking what I've had done.” says Meera",
        '"Nervous at first. By week six my pores looked half the size." — 5-star review',
    ],
)
def test_a_signed_quotation_of_several_sentences_is_one_testimonial(
    linter: Linter, text: str
) -> None:
    assert TES in categories(linter, text)


def test_the_signed_quotation_is_one_sentence() -> None:
    text = 'Reviews. "I hid for years. Now I love photos." — Jun, 29. Book a consultation.'
    assert sentences(text) == [
        "Reviews.",
        '"I hid for years. Now I love photos." — Jun, 29.',
        "Book a consultation.",
    ]


def test_a_question_inside_a_quotation_keeps_its_own_sentence() -> None:
    text = '"Did it hurt? Not really. I love the result." — Jo'
    assert sentences(text)[0] == '"Did it hurt?'


@pytest.mark.parametrize(
    "text",
    [
        'The nurse said "it will feel cold. Keep still." and began.',
        '"Results vary. Some people need a top-up." That is what we tell everyone.',
    ],
)
def test_a_quotation_nobody_signs_is_split_as_before(text: str) -> None:
    assert len(sentences(text)) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "“Honest advice and no upselling. I came out with a skincare plan, not filler.” – Bongi",
        '"Lovely clinic. The receptionist was kind and parking was easy." — Google review',
    ],
)
def test_a_signed_quotation_about_the_service_is_quiet(linter: Linter, text: str) -> None:
    assert TES not in categories(linter, text)


def test_quotation_marks_must_be_pairs(tmp_path: Path) -> None:
    src = (rules_root() / "en" / "language.yaml").read_text(encoding="utf-8")
    broken = src.replace("quotes: ['\"\"',", "quotes: ['\"',", 1)
    assert broken != src
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match="sentences.quotes must be pairs of marks"):
        load_language("xx", str(tmp_path))
