"""Fixtures the claims-lint unit tests share."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_lint import Config, Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    """A linter of the shipped language pack and rules, with no evidence register and no cache.
    One for the whole run: building it compiles every rule. A test file that needs another
    configuration (an evidence register, another date) defines its own ``linter``."""
    return Linter(Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None))


def categories(linter: Linter, text: str) -> set[str]:
    """The categories of every finding on ``text``, linted as a Markdown page. Test files import it
    (``from tests.unit.conftest import categories``) and pass their own ``linter`` fixture."""
    return {f.category for f in linter.lint_source(text, "page.md").findings}
