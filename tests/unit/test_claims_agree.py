"""``benchmarks/claims_agree.py``: two labellers of the same items, and the linter against each."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

from claims_agree import Agreement, agreed, kappa, main  # noqa: E402

PAGE = (
    "pages:\n"
    "  - id: faq\n"
    "    items:\n"
    '      - {{text: "Does it hurt?", {0}}}\n'
    '      - {{text: "Not at all, it is painless.", {1}}}\n'
    '      - {{text: "Bruising can last a week.", {2}}}\n'
    '      - {{text: "Results are permanent.", {3}}}\n'
)
FIRST = PAGE.format(
    "quiet: true", "flag: [pain-absolute]", "quiet: true", "flag: [guaranteed-permanent]"
)
# the second labeller flags the question too and gives the last item another category
SECOND = PAGE.format(
    "flag: [pain-absolute]", "flag: [pain-absolute]", "quiet: true", "flag: [efficacy-overclaim]"
)


def _files(tmp_path: Path, first: str, second: str) -> list[str]:
    paths = [tmp_path / "first.yaml", tmp_path / "second.yaml"]
    for path, text in zip(paths, (first, second), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def test_one_labelling_is_scored_against_the_other_as_the_linter_is() -> None:
    a = [frozenset(), frozenset({"pain"}), frozenset(), frozenset({"perm"})]
    b = [frozenset({"pain"}), frozenset({"pain"}), frozenset(), frozenset({"eff"})]
    assert Agreement.of(a, b) == Agreement(hit=1, flagged=2, any_flag=2, false_alarms=1)
    assert Agreement.of(b, a) == Agreement(hit=1, flagged=3, any_flag=2, false_alarms=0)
    assert agreed(a, b) == [1, 2, 3]
    same, k = kappa(a, b)
    assert same == 3 and k == pytest.approx(0.5)


def test_the_report_gives_both_directions_kappa_and_the_linter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_files(tmp_path, FIRST, SECOND)) == 0
    out = capsys.readouterr().out
    assert "second labeller against the first      recall 0.500 (1/2)" in out
    assert "3/4 items, Cohen's kappa 0.500" in out
    # the real linter reads the page: the painless answer and the permanence claim
    assert "linter against the first               recall 1.000 (2/2)" in out
    assert "pain-absolute                both    1  one of the two    1" in out


def test_labellings_of_different_items_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = SECOND.replace("Bruising can last a week.", "Swelling can last a week.")
    assert main(_files(tmp_path, FIRST, other)) == 2
    out = capsys.readouterr().out
    assert "item 3 differs" in out and "changing only the labels" in out


def test_a_file_that_is_not_a_labelled_set_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_files(tmp_path, FIRST, "pages: [1\n")) == 2
    assert "cannot read it as a labelled set" in capsys.readouterr().out
