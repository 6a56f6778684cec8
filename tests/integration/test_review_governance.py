"""Review governance in the build: overdue reviews and expired evidence (issue 5, item 4).

A page whose ``next_review`` has passed is a warning in development and, past the grace period
(``CLINIC_REVIEW_GRACE_DAYS``), an error in production. A page citing evidence whose
``review_by`` has passed is the same (checked by the claims linter inside the build).
``CLINIC_TODAY`` fixes "today" so the tests do not depend on the calendar.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_pelican

pytestmark = pytest.mark.integration

PAGE = "content/treatments/facial-mesotherapy.md"  # next_review: 2027-04-12, like the others


def settings(project: Path, **values: object) -> None:
    conf = project / "pelicanconf.py"
    extra = "".join(f"\n{key} = {value!r}" for key, value in values.items())
    conf.write_text(conf.read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")


def banner_text(project: Path) -> str:
    html = (project / "output/treatments/facial-mesotherapy/index.html").read_text("utf-8")
    found = BeautifulSoup(html, "html.parser").find(id="build-findings")
    return found.get_text(" ") if found else ""


def test_overdue_past_grace_fails_the_production_build(project: Path) -> None:
    settings(project, CLINIC_TODAY="2027-05-01")  # 19 days after next_review, grace 14
    build = run_pelican(project, "publishconf.py")
    assert build.returncode != 0
    assert f"{PAGE}:9: error: review overdue: next_review was 2027-04-12 (19 days ago)" in build.log
    assert "Production build stopped" in build.log
    assert not build.html_files(), "nothing is written when the gate stops the build"


def test_overdue_is_a_warning_in_development(project: Path) -> None:
    settings(project, CLINIC_TODAY="2027-05-01")
    build = run_pelican(project, "pelicanconf.py")
    assert build.returncode == 0, build.log
    assert f"{PAGE}:9: warning: review overdue" in build.log
    assert "review overdue" in banner_text(project)


def test_overdue_within_grace_is_a_warning_in_production(project: Path) -> None:
    settings(project, CLINIC_TODAY="2027-04-26")  # 14 days: the last day of grace
    build = run_pelican(project, "publishconf.py")
    assert build.returncode == 0, build.log
    assert (
        f"{PAGE}:9: warning: review overdue: next_review was 2027-04-12 (14 days ago)" in build.log
    )
    assert (build.output / "treatments/facial-mesotherapy/index.html").is_file()


def test_grace_period_is_configurable(project: Path) -> None:
    settings(project, CLINIC_TODAY="2027-05-01", CLINIC_REVIEW_GRACE_DAYS=30)
    assert run_pelican(project, "publishconf.py").returncode == 0
    settings(project, CLINIC_REVIEW_GRACE_DAYS=0)
    build = run_pelican(project, "publishconf.py")
    assert build.returncode != 0
    assert "error: review overdue" in build.log


def test_review_not_yet_due_is_not_a_problem(project: Path) -> None:
    settings(project, CLINIC_TODAY="2027-04-12")  # the due date itself
    build = run_pelican(project, "publishconf.py")
    assert build.returncode == 0, build.log
    assert "review overdue" not in build.log


def expire_evidence(project: Path) -> None:
    """baspeyras-2013 (cited by the facial page) was due for review on 2026-11-01."""
    path = project / "content/data/evidence.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  baspeyras-2013:")
    at = text.index("review_by: 2027-09-01", start)
    path.write_text(text[:at] + "review_by: 2026-11-01" + text[at + 21 :], encoding="utf-8")


def test_expired_evidence_fails_the_production_build(project: Path) -> None:
    expire_evidence(project)
    settings(project, CLINIC_TODAY="2026-12-20")  # page reviews are all in date
    build = run_pelican(project, "publishconf.py")
    assert build.returncode != 0, build.log
    assert "facial-mesotherapy.md" in build.log and "baspeyras-2013" in build.log
    assert not build.html_files()


def test_expired_evidence_is_a_warning_in_development(project: Path) -> None:
    expire_evidence(project)
    settings(project, CLINIC_TODAY="2026-12-20")
    build = run_pelican(project, "pelicanconf.py")
    assert build.returncode == 0, build.log
    assert "baspeyras-2013" in build.log
    assert "baspeyras-2013" in banner_text(project)
