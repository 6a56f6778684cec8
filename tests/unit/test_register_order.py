"""The claims register leads with what a reviewer must act on and ends with the sign-off."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from claims_lint import Config, Linter
from claims_lint.cli import main

PAGES = {
    "a-clean.md": "---\ntitle: Clean\n---\n\nSmall injections into the skin. Results vary.\n",
    "b-warning.md": "---\ntitle: Warning\n---\n\nIt may help you look younger. Results vary.\n",
    "c-fails.md": "---\ntitle: Fails\n---\n\nIt is completely painless, zero downtime.\n",
    "d-fails-once.md": "---\ntitle: Fails once\n---\n\nIt is painless.\n",
}


def test_failing_pages_come_first_then_warnings_then_clean_then_the_sign_off(
    tmp_path: Path, monkeypatch
) -> None:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    linter = Linter(Config(evidence_path=None, cache_dir=None))
    warning = linter.lint_source(PAGES["b-warning.md"], "b-warning.md", "markdown")
    assert warning.findings and not warning.errors, "the fixture needs a warnings-only page"

    monkeypatch.chdir(tmp_path)
    main([".", "--format", "html", "-o", "register.html", "--no-cache", "--no-evidence"])
    soup = BeautifulSoup((tmp_path / "register.html").read_text(encoding="utf-8"), "html.parser")
    order = [h.get_text() for h in soup.find_all(["h2", "h3"])]
    pages = [t.removeprefix("./") for t in order if t.endswith(".md")]
    assert pages == ["c-fails.md", "d-fails-once.md", "b-warning.md", "a-clean.md"]
    assert [t for t in order if not t.endswith(".md")] == [
        "Pages that fail (2)",
        "Pages with warnings (1)",
        "Clean pages (1)",
        "Sign-off",
    ]
    body = soup.body.find_all(recursive=False)
    assert body[-1].get("id") == "sign-off"  # nothing after the sign-off block
