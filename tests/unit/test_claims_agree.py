"""``benchmarks/claims_agree.py``: two labellers of the same items, and the linter against each."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

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


def test_the_disputed_items_go_to_a_third_labeller_who_settles_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _files(tmp_path, FIRST, SECOND)
    out = tmp_path / "disputed.yaml"
    assert main([first, second, "--disputes", str(out)]) == 0
    rows = yaml.safe_load(out.read_text(encoding="utf-8"))["items"]
    assert [r["id"] for r in rows] == [1, 4]  # the question, and the last item's category
    assert sorted(map(str, (rows[0]["labeller_1"], rows[0]["labeller_2"]))) == [
        "['pain-absolute']",
        "quiet",
    ]
    assert rows[1]["before"] == "Bruising can last a week."
    decided = tmp_path / "decided.yaml"
    decided.write_text(
        "items:\n  - {id: 1, final: quiet, why: a question}\n"
        "  - {id: 4, final: [guaranteed-permanent], why: permanence}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main([first, second, "--settled", str(decided)]) == 0
    text = capsys.readouterr().out
    assert "first labeller, settled                recall 1.000 (2/2)" in text
    assert "second labeller, settled               recall 0.500 (1/2)" in text
    assert "linter against the settled labels      recall 1.000 (2/2)" in text


def test_decisions_that_miss_a_disputed_item_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _files(tmp_path, FIRST, SECOND)
    decided = tmp_path / "decided.yaml"
    decided.write_text("items:\n  - {id: 1, final: quiet}\n", encoding="utf-8")
    assert main([first, second, "--settled", str(decided)]) == 2
    assert "missing [4]" in capsys.readouterr().out
