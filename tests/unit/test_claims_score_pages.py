"""``benchmarks/claims_score.py --pages``: a page's items linted together, mapped back to items."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from claims_lint import Linter

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

from claims_score import Item, found_alone, found_in_pages, main, score  # noqa: E402

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


def test_a_set_kept_outside_the_repository_is_scored_from_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labelled = tmp_path / "outside.yaml"
    labelled.write_text(
        "pages:\n"
        "  - id: faq\n"
        "    items:\n"
        '      - {text: "Does it hurt?", quiet: true}\n'
        '      - {text: "Not at all.", flag: [pain-absolute]}\n'
        '      - {text: "Bruising can last a week.", quiet: true}\n',
        encoding="utf-8",
    )
    assert main(["--pages", "--quiet", "--file", str(labelled)]) == 0
    out = capsys.readouterr().out
    assert "recall 1.000 (1/1)" in out and "quiet kept quiet 2/2" in out
    assert "dev" not in out.replace(str(tmp_path), "")  # only the file named was scored


def test_a_file_that_is_not_a_labelled_set_is_refused_with_the_shape_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pages: [1\n", encoding="utf-8")
    assert main(["--file", str(broken)]) == 2
    out = capsys.readouterr().out
    assert "cannot read it as a labelled set" in out and "pages:" in out
