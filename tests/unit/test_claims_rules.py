"""Every rule ships examples that must and must not match; all run through the real linter.

A match example marks the words the rule must report with ``[[...]]``: the finding's span in
the source must be exactly those words, so an example pins what the rule matches, not only that
it fires somewhere in the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from claims_lint import CATEGORY_IDS, Config, Linter, load_rules
from claims_lint.docs import main as docs_main
from claims_lint.docs import render_rules_doc
from claims_lint.rules import KINDS, Example
from claims_lint.text import line_starts

from tests.unit.conftest import INFORMATION_PAGE

REPO = Path(__file__).resolve().parents[2]
ALL_RULES = load_rules(all_profiles=True).rules
RULE_BY_CODE = {r.code: r for r in ALL_RULES}


@pytest.fixture(scope="module")
def linter() -> Linter:
    """Every rule's own claims, even where another rule of the category claims the same words."""
    config = Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None)
    return Linter(config, keep_overlaps=True)


def _match_cases() -> list[tuple[str, Example]]:
    return [(r.code, ex) for r in ALL_RULES for ex in r.examples_match]


def _quiet_cases() -> list[tuple[str, str]]:
    return [(r.code, ex) for r in ALL_RULES for ex in r.examples_no_match]


@pytest.mark.parametrize("code", [r.code for r in ALL_RULES])
def test_every_rule_has_examples(code: str) -> None:
    rule = next(r for r in ALL_RULES if r.code == code)
    assert rule.examples_match, f"{code} has no examples that must match"
    assert rule.examples_no_match, f"{code} has no examples that must not match"
    assert rule.message and rule.why and rule.suggestion
    assert rule.kind in KINDS


@pytest.mark.parametrize(("code", "example"), _match_cases())
def test_match_example_pins_its_span(linter: Linter, code: str, example: Example) -> None:
    findings = [
        f
        for f in linter.lint_source(example.text, "example.md", "markdown").findings
        if f.rule == code
    ]
    assert findings, f"{code} should match {example.text!r}"
    starts = line_starts(example.text)
    spans = [
        example.text[starts[f.line - 1] + f.column - 1 : starts[f.end_line - 1] + f.end_column - 1]
        for f in findings
    ]
    assert example.span in spans, f"{code} matched {spans}, the example marks {example.span!r}"


@pytest.mark.parametrize(("code", "text"), _quiet_cases())
def test_no_match_example(linter: Linter, code: str, text: str) -> None:
    """Quiet alone; for a rule whose information cues hold only on a health service's page
    (``page_voice``), quiet at least on such a page."""
    found = {f.rule for f in linter.lint_source(text, "example.md", "markdown").findings}
    if code in found and RULE_BY_CODE[code].page_voice:
        lead = INFORMATION_PAGE.count("\n")
        on_page = linter.lint_source(INFORMATION_PAGE + text, "example.md", "markdown").findings
        found = {f.rule for f in on_page if f.line > lead}
    assert code not in found, f"{code} should not match {text!r}"


def test_all_categories_have_a_rule_file() -> None:
    rs = load_rules(all_profiles=True)
    assert set(rs.categories) == set(CATEGORY_IDS)
    assert {r.category for r in rs.rules} == set(CATEGORY_IDS)
    files = {p.stem for p in (REPO / "plugins/claims_lint/rules/en").glob("*.yaml")}
    assert files == set(CATEGORY_IDS) | {"language", "concepts"}


def test_codes_are_unique_and_stable() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))


def test_anchors_are_derived_and_never_hide_a_match(linter: Linter) -> None:
    """The prefilter picks every match example's sentence for its rule: anchors come from the
    compiled regex, so a rule cannot be hidden by them. (An answer's claim is found on the
    statement its question makes, not on the page's words: those examples are skipped.)"""
    from claims_lint.segment import Doc

    detector = linter.pipeline.rule_detector
    for i, rule in enumerate(detector.rules):
        assert rule.anchors, rule.code
        for ex in rule.examples_match:
            found = linter.lint_source(ex.text, "example.md", "markdown").findings
            if any(f.rule == rule.code and f.detector == "question-answer" for f in found):
                continue
            cleaned = _clean(linter, ex.text)
            doc = Doc(cleaned, cleaned.lower(), linter.pack)
            chosen = set().union(*detector.candidate_sentences(doc).values() or [set()])
            assert i in chosen, f"{rule.code}: the prefilter misses {ex.text!r}"


def test_anchor_phrases_found_word_by_word_are_those_a_page_wide_scan_finds(
    linter: Linter,
) -> None:
    """Phrases that start with a word ("orange peel") are looked for from the words of each
    sentence, not by one scan of the page: every branch the page-wide scan would pick is still
    picked, including a phrase that starts inside a longer word ("crab tissue" holds "b t")."""
    from bisect import bisect_right

    import yaml
    from claims_lint.patterns import trie_regex
    from claims_lint.segment import Doc

    detector = linter.pipeline.rule_detector
    phrases = {p: i for group in detector._word_phrases.values() for p, i in group}
    phrases.update(detector._phrase_ids)
    scan = trie_regex(list(phrases))
    fixtures = Path(__file__).parents[1] / "fixtures" / "claims" / "realistic"
    data = yaml.safe_load((fixtures / "dev5.yaml").read_text(encoding="utf-8"))
    page = "\n\n".join(i["text"] for pg in data["pages"] for i in pg["items"])
    cleaned = _clean(linter, page + "\n\nA crab tissue sample, crop top ready.")
    doc = Doc(cleaned, cleaned.lower(), linter.pack)
    picked = detector.candidate_branches(doc)
    hits: dict[int, set[int]] = {}
    for m in scan.finditer(doc.lower):
        si = min(bisect_right(doc.sentence_ends, m.start()), len(doc.sentence_ends) - 1)
        hits.setdefault(si, set()).add(phrases[m.group(0)])
    start = 0
    for si, end in enumerate(doc.sentence_ends):
        lits = set(hits.get(si, ()))
        for word in set(re.findall(r"[\w%'£$#★⭐]+", doc.lower[start:end])):
            lits |= detector._lits_in(word)
        wanted = detector._met(frozenset(lits)) if lits else frozenset()
        assert wanted <= picked.get(si, set()), doc.lower[start:end]
        start = end


def _clean(linter: Linter, text: str) -> str:
    from claims_lint.text import clean_markdown

    return clean_markdown(text, 0, linter.folder)[0].text


def test_profiles_change_severity() -> None:
    uk = load_rules("uk").by_code()
    us = load_rules("us").by_code()
    assert uk["POM001"].severity == "error"
    assert us["POM001"].severity == "warning"


def test_rules_doc_is_up_to_date() -> None:
    doc = (REPO / "docs/rules.md").read_text(encoding="utf-8")
    assert doc == render_rules_doc(), "run: python -m claims_lint.docs -o docs/rules.md"


def test_rules_doc_names_a_broken_rule_file_instead_of_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "plugins/claims_lint/rules", rules)
    broken = rules / "en" / "pain-absolute.yaml"
    n = broken.read_text(encoding="utf-8").count("\n")
    with broken.open("a", encoding="utf-8") as fh:
        fh.write("  - code: PAI099\n    kind: existence\n    patterns: ['painfree']\n")
    out = tmp_path / "rules.md"
    assert docs_main(["--rules", str(rules), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"pain-absolute.yaml:{n + 1}: rule PAI099: missing message" in err
    assert "Traceback" not in err and not out.exists()


def test_derived_anchors_kept_on_disk_are_the_same_and_a_broken_file_is_ignored(
    tmp_path, monkeypatch
) -> None:
    from claims_lint import rules as rules_module

    monkeypatch.setenv("CLAIMS_LINT_RULES_CACHE", str(tmp_path))

    def anchors() -> dict[str, list]:
        rules_module._load_all.cache_clear()
        ruleset = rules_module.load_rules("uk", ())
        return {r.code: [(b.pattern, b.anchors) for b in r.branches] for r in ruleset.rules}

    fresh = anchors()  # derives them and writes the file
    (saved,) = tmp_path.glob("anchors-*.json")
    assert anchors() == fresh  # read back from the file
    saved.write_text("{not json", encoding="utf-8")
    assert anchors() == fresh  # derived again
    saved.write_text('["a list"]', encoding="utf-8")
    assert anchors() == fresh
    rules_module._load_all.cache_clear()


def test_a_warm_memo_expands_no_pattern_again(tmp_path, monkeypatch) -> None:
    """Expanding the rules' patterns was a third of start-up: read back, the memo holds them."""
    from claims_lint import rules as rules_module
    from claims_lint.patterns import PatternCompiler

    monkeypatch.setenv("CLAIMS_LINT_RULES_CACHE", str(tmp_path))
    rules_module._load_all.cache_clear()
    load_rules("uk", ())  # expands them and writes the file
    expanded: list[str] = []
    real = PatternCompiler.expand_refs

    def counting(self, pattern, macros=None):
        expanded.append(pattern)
        return real(self, pattern, macros)

    monkeypatch.setattr(PatternCompiler, "expand_refs", counting)
    rules_module._load_all.cache_clear()
    load_rules("uk", ())
    rules_module._load_all.cache_clear()
    assert expanded == []


def test_a_broken_unless_is_an_error_at_load_even_with_a_warm_anchor_cache(
    tmp_path: Path, monkeypatch
) -> None:
    """Context tests (``unless`` and the rest) compile on first use once an anchor memo vouches
    for the rules; a reviewer's broken one must still stop the load, naming its rule."""
    import shutil

    from claims_lint import ConfigError
    from claims_lint import rules as rules_module
    from claims_lint.language import rules_root

    monkeypatch.setenv("CLAIMS_LINT_RULES_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "rules"
    shutil.copytree(rules_root(), root)
    rules_module._load_all.cache_clear()
    good = load_rules(rules_dir=root)  # fills the memo: these rules compiled
    rules_module._load_all.cache_clear()
    again = load_rules(rules_dir=root)  # the memo vouches: nothing compiled yet
    first = next(r for r in again.rules if r.unless_src)
    assert "unless_re" not in first.__dict__
    twin = next(r for r in good.rules if r.code == first.code)
    assert first.unless_re is not None and first.unless_re.pattern == twin.unless_re.pattern
    path = root / "en" / "pain-absolute.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('unless: ["', 'unless: ["(unclosed ', 1), "utf-8")
    rules_module._load_all.cache_clear()
    with pytest.raises(ConfigError) as exc:
        load_rules(rules_dir=root)
    rules_module._load_all.cache_clear()
    assert "pain-absolute.yaml:" in str(exc.value) and "PAI" in exc.value.message


_MED008_HEAD = "  - code: MED008\n    name: hair-regrowth\n    kind: frame\n"


def _rules_copy(tmp_path: Path, name: str = "rules") -> Path:
    """A copy of the package's rules folder, to break on purpose."""
    import shutil

    from claims_lint.language import rules_root

    root = tmp_path / name
    shutil.copytree(rules_root(), root)
    return root


def _add_under_med008(root: Path, lines: str) -> int:
    """Adds ``lines`` under MED008's first three lines in the copy; the line they start on."""
    path = root / "en" / "medical-condition.yaml"
    text = path.read_text(encoding="utf-8")
    assert _MED008_HEAD in text
    path.write_text(text.replace(_MED008_HEAD, _MED008_HEAD + lines), "utf-8")
    return text[: text.index(_MED008_HEAD)].count("\n") + 4


def test_a_key_the_rule_kind_does_not_read_is_refused(tmp_path: Path) -> None:
    """A reviewer who adds ``patterns`` to a frame rule would see them silently never run."""
    from claims_lint import ConfigError

    root = _rules_copy(tmp_path)
    _add_under_med008(root, '    patterns: ["hair back"]\n')
    with pytest.raises(ConfigError) as exc:
        load_rules(rules_dir=root)
    assert "MED008: a frame rule does not use patterns" in exc.value.message


def test_a_key_given_twice_is_refused_at_its_line(tmp_path: Path) -> None:
    """YAML keeps only the last of two equal keys: a second ``unless:`` would silently drop the
    first list of exceptions, and a look-alike letter listed twice in the language pack hides
    which of the two a reviewer meant."""
    from claims_lint import ConfigError

    root = _rules_copy(tmp_path)
    line = _add_under_med008(root, "    kind: frame\n")
    with pytest.raises(ConfigError) as exc:
        load_rules(rules_dir=root)
    assert exc.value.line == line
    assert f"'kind' is given twice (first on line {line - 1})" in exc.value.message
    root = _rules_copy(tmp_path, "pack")  # a fresh copy: a pack loads once per process and path
    pack = root / "en" / "language.yaml"
    pack.write_text(pack.read_text(encoding="utf-8") + "\nclauses:\n  words: [but]\n", "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_rules(rules_dir=root)
    assert "language.yaml" in str(exc.value) and "'clauses' is given twice" in exc.value.message


def test_a_category_a_rule_names_must_exist(tmp_path: Path) -> None:
    import shutil

    from claims_lint import ConfigError
    from claims_lint.language import rules_root

    root = tmp_path / "rules"
    shutil.copytree(rules_root(), root)
    path = root / "en" / "guaranteed-permanent.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("stands_beside: [efficacy-overclaim]", "stands_beside: [efficacy]", 1), "utf-8"
    )
    with pytest.raises(ConfigError) as exc:
        load_rules(rules_dir=root)
    assert "stands_beside names no category: efficacy" in exc.value.message


def test_a_concept_with_an_apostrophe_can_be_used_inside_another_concept() -> None:
    """Concepts are compiled before they are put into a pattern; an apostrophe made optional
    once must not be made optional again ("'??" nested twice is a regex error)."""
    from claims_lint.patterns import PatternCompiler

    pack = load_rules().language
    assert pack is not None
    concepts: dict[str, str] = {}
    compiler = PatternCompiler(pack, concepts)
    concepts["lines"] = compiler.compile_alternatives(["crow's feet", "frown lines"])
    concepts["problems"] = compiler.compile_alternatives(["{lines}", "jowls"])
    rx = re.compile(compiler.compile("{problems} gone"))
    for text in ("crow's feet gone", "crows feet gone", "jowls gone", "frown-lines gone"):
        assert rx.search(text), text
