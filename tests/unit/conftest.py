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


def spans(linter: Linter, text: str, category: str) -> list[str]:
    """The words each finding of ``category`` on ``text`` (one line) reports, as written."""
    return [
        text[f.column - 1 : f.end_column - 1]
        for f in linter.lint_source(text, "page.md").findings
        if f.category == category
    ]


# A health service's page. The prescription-medicine rules (``page_voice``) let a sentence that
# only informs about a medicine stay quiet on such a page; alone, or on a clinic's page, the
# same sentence names what the clinic sells (docs/claims-lint.md, "Whose page it is").
INFORMATION_PAGE = "Patient information leaflet from the NHS dermatology department.\n\n"
# One sentence that names a prescription medicine, read after leads of different owners
# (`categories_after`): information on a health service's page, an advert on a clinic's.
MEDICINE_SENTENCE = "Botulinum toxin relaxes the muscle that pulls the brows together."


def categories_after(linter: Linter, lead: str, text: str) -> set[str]:
    """The categories of the findings on ``text`` when ``lead`` stands before it on the same
    page, counting only the findings on ``text`` itself."""
    lines = lead.count("\n")
    findings = linter.lint_source(lead + text, "page.md").findings
    return {f.category for f in findings if f.line > lines}


def categories_on_information_page(linter: Linter, text: str) -> set[str]:
    """The categories of the findings on ``text`` when it stands on a health service's page
    (after ``INFORMATION_PAGE``)."""
    return categories_after(linter, INFORMATION_PAGE, text)
