"""The per-file cache and multi-core linting give exactly the results of a cold serial run."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from claims_lint import Config, Linter
from claims_lint.runner import PARALLEL_MIN_FILES, ResultCache, collect_files, lint_files

SENTENCES = [
    "Mesotherapy is a course of small injections into the skin.",
    "It is completely painless and there is zero downtime.",
    "Results vary, and some people notice little change.",
    "Clinically proven to firm the skin.[^aust-2008]",
    "Book now — only three slots left!",
    "Not suitable if you are pregnant.",
    "Our injections melt away stubborn fat.",
    '<!-- claims-lint: disable PAI001 reason="agreed by Dr R" -->',
    "Bruising is common.",
    "Broken ---",
]


def _make_tree(root: Path, n: int) -> None:
    rnd = random.Random(7)
    for i in range(n):
        folder = root / "content" / f"group{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rnd.choice(SENTENCES) for _ in range(12))
        if i % 17 == 0:
            (folder / f"page{i}.md").write_text("---\ntitle: [broken\n---\nx\n")  # input error
        else:
            fm = f"---\ntitle: Page {i}\ntreatment: derma-roller\n---\n"
            (folder / f"page{i}.md").write_text(fm + body + "\n")
    (root / "content" / "data").mkdir(exist_ok=True)
    (root / "content" / "data" / "evidence.yaml").write_text("entries: {}\n")


def _snapshot(results: list) -> str:
    return json.dumps([r.to_dict() for r in results], sort_keys=True)


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    _make_tree(tmp_path, max(120, PARALLEL_MIN_FILES * 2))
    return tmp_path


def test_cached_and_parallel_runs_equal_a_cold_serial_run(tree: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
    cfg = Config(
        evidence_path=fixtures / "evidence.yaml",
        cache_dir=tree / ".cache",
        root=tree,
    )
    files = collect_files([tree / "content"], cfg)
    assert len(files) >= 120 and not any("data" in f.parts for f in files)
    cold_serial = _snapshot(lint_files(files, cfg, jobs=1, use_cache=False))
    parallel = _snapshot(lint_files(files, cfg, jobs=2, use_cache=False))
    first_cached = _snapshot(lint_files(files, cfg, jobs=2, use_cache=True))
    warm_cached = _snapshot(lint_files(files, cfg, jobs=1, use_cache=True))
    assert parallel == cold_serial
    assert first_cached == cold_serial
    assert warm_cached == cold_serial
    assert any((tree / ".cache").rglob("*.json"))


def test_cache_key_changes_with_content_rules_config_and_evidence(tmp_path: Path) -> None:
    lin = Linter(Config(evidence_path=None, cache_dir=tmp_path))
    cache = ResultCache(tmp_path, lin.version)
    k1 = cache.key("a.md", b"hello")
    assert k1 == cache.key("a.md", b"hello")
    assert k1 != cache.key("a.md", b"hello!")
    assert k1 != cache.key("b.md", b"hello")
    other = Linter(Config(evidence_path=None, cache_dir=tmp_path, profile="us"))
    assert other.version != lin.version
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
    with_evidence = Linter(Config(evidence_path=fixtures / "evidence.yaml", cache_dir=tmp_path))
    assert with_evidence.version != lin.version


def test_edited_file_is_relinted(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("Hello.\n")
    cfg = Config(evidence_path=None, cache_dir=tmp_path / ".c")
    assert lint_files([page], cfg)[0].findings == []
    page.write_text("It is painless.\n")
    assert [f.rule for f in lint_files([page], cfg)[0].findings] == ["PAI001"]


def test_corrupt_cache_entry_is_ignored(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("It is painless.\n")
    cfg = Config(evidence_path=None, cache_dir=tmp_path / ".c")
    lint_files([page], cfg)
    for f in (tmp_path / ".c").rglob("*.json"):
        f.write_text("{not json")
    assert [f.rule for f in lint_files([page], cfg)[0].findings] == ["PAI001"]
