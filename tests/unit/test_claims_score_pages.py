"""``benchmarks/claims_score.py --pages``: a page's items linted together, mapped back to items."""

from __future__ import annotations

import sys
from pathlib import Path

from claims_lint import Linter

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

from claims_score import Item, found_alone, found_in_pages, score  # noqa: E402

ITEMS = [
    Item("Does the treatment hurt?", (), "faq"),
    Item("Not at all, it is over in minutes.", ("pain-absolute",), "faq"),
    Item("Bruising can last a week.", (), "faq"),
    Item("Not at all, it is over in minutes.", ("pain-absolute",), "other"),
]


def test_an_answer_is_read_with_its_question_only_on_its_page(linter: Linter) -> None:
    alone = found_alone(ITEMS, linter)
    paged = found_in_pages(ITEMS, linter)
    assert alone[1] == set()
    assert paged == [set(), {"pain-absolute"}, set(), set()]


def test_page_mode_scores_the_same_items(linter: Linter) -> None:
    s = score("faq", ITEMS, linter, pages=True)
    assert (s.flag_total, s.flag_hit, s.quiet_total, s.quiet_ok) == (2, 1, 2, 2)
