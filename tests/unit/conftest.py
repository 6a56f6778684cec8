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
