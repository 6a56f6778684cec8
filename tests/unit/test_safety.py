"""The registry merge (pages add items, never remove them); sentences that deny a safety
section are claims findings that say which section they contradict."""

from __future__ import annotations

import pytest
from claims_lint import Config, Linter
from claims_lint.frontmatter import parse_front_matter
from clinic.claims import lint_source
from clinic.data import DataError, load_registry
from clinic.safety import merge

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "content/data/treatments.yaml")


def fm(extra: str, body: str = "Body\n"):
    return parse_front_matter(f"---\ntitle: t\n{extra}---\n{body}", "t.md")


def test_registry_items_come_first_and_additions_follow(registry) -> None:
    treatment = registry.treatments["derma-roller"]
    safety, problems = merge(
        fm(
            "contraindications:\n  - Recent sunburn\n"
            "side_effects:\n  rare:\n    - id: flaking\n      text: Flaking\n"
        ),
        treatment,
    )
    assert problems == []
    ids = [i.id for i in safety.contraindications]
    assert ids[: len(treatment.contraindications)] == [i.id for i in treatment.contraindications]
    assert safety.contraindications[-1].text == "Recent sunburn"
    assert safety.contraindications[-1].source == "page"
    assert [i.id for i in safety.side_effects_rare][-1] == "flaking"
    required = safety.required()
    assert {"contraindications", "side-effects", "aftercare"} == set(required)


def test_the_registry_lists_the_safety_minimum(registry) -> None:
    for key, treatment in registry.treatments.items():
        text = " ".join(i.text.lower() for i in treatment.contraindications)
        for word in ("pregnancy", "breastfeeding", "bleeding", "anticoagulant", "cancer"):
            assert word in text, (key, word)
        effects = " ".join(i.text.lower() for i in treatment.side_effects_common)
        for word in ("bruising", "swelling", "redness"):
            assert word in effects, (key, word)


@pytest.mark.parametrize(
    "extra, words",
    [
        ("contraindications:\n  - id: cancer\n    text: Skin cancer only\n", "already in"),
        ("contraindications: none\n", "must be a list"),
        ("side_effects:\n  sometimes:\n    - Itch\n", "unknown group"),
        ("aftercare:\n  - {}\n", "has no text"),
    ],
)
def test_pages_cannot_remove_or_reword_items(registry, extra: str, words: str) -> None:
    _, problems = merge(fm(extra), registry.treatments["mesotherapy-facial"])
    assert problems and words in problems[0].message
    assert problems[0].line >= 2


@pytest.mark.parametrize(
    "body, section",
    [
        ("There are **no side effects**.\n", "side effects"),
        ("It is completely risk-free.\n", "side effects"),
        ("Anyone can have it, there are no contraindications.\n", "contraindications"),
        ("Side effects are listed below.\n", ""),
        ("```\nno side effects\n```\n", ""),
        # the old line scan flagged these; the claims pipeline reads the negation and question
        ("It is not true that there are no side effects.\n", ""),
        ("Are there any side effects? Yes: redness and swelling are common.\n", ""),
    ],
)
def test_a_sentence_denying_a_safety_section_says_so(body: str, section: str) -> None:
    source = f"---\ntitle: t\ntreatment: mesotherapy-facial\n---\n{body}"
    linter = Linter(Config(cache_dir=None, evidence_path=None))
    page = parse_front_matter(source, "t.md")
    problems, _ = lint_source(linter, source, "t.md", front_matter=page)
    denying = [p for p in problems if "contradicts the required" in p.message]
    if not section:
        assert not denying, [p.message for p in denying]
        return
    assert denying and f"contradicts the required {section} information" in denying[0].message
    assert denying[0].line == 5


def test_the_same_claim_off_a_treatment_page_is_only_a_claim() -> None:
    source = "---\ntitle: t\n---\nThere are no side effects.\n"
    linter = Linter(Config(cache_dir=None, evidence_path=None))
    page = parse_front_matter(source, "t.md")
    problems, _ = lint_source(linter, source, "t.md", front_matter=page)
    assert problems and not any("contradicts the required" in p.message for p in problems)


def test_an_old_registry_contradictions_block_is_refused_clearly(tmp_path) -> None:
    old = (ROOT / "content/data/treatments.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "treatments.yaml"
    bad.write_text(
        old.replace(
            "version: 1\n", "version: 1\ncontradictions:\n  side-effects:\n    - no pain\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_registry(bad)
    messages = [p.render() for p in info.value.problems]
    assert any("'contradictions:' is no longer read" in m and "delete" in m for m in messages)


def test_a_broken_registry_lists_every_problem(tmp_path) -> None:
    bad = tmp_path / "treatments.yaml"
    bad.write_text(
        "treatments:\n  x:\n    name: X\n    contraindications:\n      - id: A B\n"
        "        text: t\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_registry(bad)
    messages = [p.render() for p in info.value.problems]
    assert any("not a short lowercase name" in m and ":5:" in m for m in messages), messages
    assert any("missing required field 'side_effects'" in m for m in messages)
    assert any("missing required field 'how_performed'" in m for m in messages)
