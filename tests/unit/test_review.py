"""`invoke review-status`: every reviewed page, its reviewer and dates, overdue first."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from clinic.review import ReviewError, collect, review_status

ROOT = Path(__file__).resolve().parents[2]


def page(content: Path, rel: str, front: str, body: str = "Text.\n") -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The example data files, and pages with known review dates."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content/data", dest / "data")
    t = "treatment: derma-roller\nsummary: S.\nfacts: {}\n"
    page(
        dest,
        "treatments/ok.md",
        f"title: Fine\n{t}reviewed_by: helen-ashby\nlast_reviewed: 2026-10-01\n"
        "next_review: 2027-04-01",
    )
    page(
        dest,
        "treatments/late.md",
        f"title: Late\n{t}reviewed_by: tom-okafor\nlast_reviewed: 2026-01-01\n"
        "next_review: 2026-07-01",
    )
    page(
        dest,
        "treatments/later.md",
        f"title: Later\n{t}reviewed_by: helen-ashby\nlast_reviewed: 2026-01-01\n"
        "next_review: 2026-10-01",
    )
    page(
        dest,
        "treatments/soon.md",
        f"title: Soon\n{t}reviewed_by: helen-ashby\nlast_reviewed: 2026-06-01\n"
        "next_review: 2026-12-10",
    )
    page(dest, "treatments/undated.md", f"title: Undated\n{t}")
    page(
        dest,
        "pages/disclaimer.md",
        "title: Disclaimer\nsummary: S.\nreviewed_by: helen-ashby\nlast_reviewed: 2026-10-01\n"
        "next_review: 2027-04-01",
    )
    page(dest, "pages/privacy.md", "title: Privacy\nsummary: S.")
    return dest


TODAY = dt.date(2026, 11, 22)


def test_every_reviewed_page_is_listed_most_urgent_first(content: Path) -> None:
    rows = collect(content, TODAY)
    assert [r.path for r in rows] == [
        "content/treatments/late.md",  # overdue the longest
        "content/treatments/later.md",
        "content/treatments/soon.md",
        "content/treatments/undated.md",
        "content/pages/disclaimer.md",
        "content/treatments/ok.md",
    ]
    by_path = {r.path: r for r in rows}
    assert by_path["content/treatments/late.md"].status == "overdue (144 days)"
    assert by_path["content/treatments/soon.md"].status == "due in 18 days"
    assert by_path["content/treatments/undated.md"].status == "no review dates"
    assert by_path["content/treatments/ok.md"].status == "ok"
    assert by_path["content/treatments/late.md"].reviewer == "Tom Okafor"
    assert by_path["content/treatments/ok.md"].reviewer == "Dr Helen Ashby"


def test_page_without_review_fields_is_not_listed(content: Path) -> None:
    assert "privacy" not in review_status(content, TODAY)


def test_report_is_a_table_with_a_summary(content: Path) -> None:
    report = review_status(content, TODAY)
    lines = report.splitlines()
    assert lines[0] == "Review status on 2026-11-22"
    header = next(line for line in lines if line.startswith("STATUS"))
    for column in ("PAGE", "REVIEWER", "LAST REVIEWED", "NEXT REVIEW"):
        assert column in header
    late = next(line for line in lines if "late.md" in line)
    assert "Tom Okafor" in late and "2026-01-01" in late and "2026-07-01" in late
    assert lines.index(late) < lines.index(next(x for x in lines if "ok.md" in x))
    assert lines[-1] == ("6 pages: 2 overdue, 1 due within 30 days, 1 no review dates, 2 ok.")


def test_due_within_30_days_boundary(content: Path) -> None:
    rows = {r.path: r for r in collect(content, dt.date(2027, 3, 2))}
    assert rows["content/treatments/ok.md"].status == "due in 30 days"
    rows = {r.path: r for r in collect(content, dt.date(2027, 3, 1))}
    assert rows["content/treatments/ok.md"].status == "ok"
    rows = {r.path: r for r in collect(content, dt.date(2027, 4, 1))}
    assert rows["content/treatments/ok.md"].status == "due in 0 days"
    rows = {r.path: r for r in collect(content, dt.date(2027, 4, 2))}
    assert rows["content/treatments/ok.md"].status == "overdue (1 days)"


def test_evidence_past_its_review_by_date_is_flagged(content: Path) -> None:
    page(
        content,
        "treatments/cites.md",
        "title: Cites\ntreatment: mesotherapy-facial\nsummary: S.\nfacts: {}\n"
        "reviewed_by: helen-ashby\nlast_reviewed: 2027-08-01\nnext_review: 2028-02-01",
        "It may help some people.[^baspeyras-2013] Also[^no-such-study].\n",
    )
    today = dt.date(2027, 9, 15)  # baspeyras-2013 has review_by: 2027-09-01
    rows = collect(content, today)
    cites = next(r for r in rows if r.path.endswith("cites.md"))
    assert cites.status == "overdue (evidence)"
    assert "evidence baspeyras-2013 was due for review on 2027-09-01" in cites.notes
    assert any("no-such-study" in n and "not in the evidence register" in n for n in cites.notes)
    report = review_status(content, today)
    assert "content/treatments/cites.md: evidence baspeyras-2013 was due for review" in report


def test_evidence_not_yet_due_is_not_flagged(content: Path) -> None:
    page(
        content,
        "treatments/cites.md",
        "title: Cites\ntreatment: mesotherapy-facial\nsummary: S.\nfacts: {}\n"
        "reviewed_by: helen-ashby\nlast_reviewed: 2026-11-01\nnext_review: 2027-05-01",
        "It may help some people.[^baspeyras-2013]\n\n[^baspeyras-2013]: defined here\n",
    )
    cites = next(r for r in collect(content, TODAY) if r.path.endswith("cites.md"))
    assert cites.status == "ok" and cites.notes == []


def test_broken_front_matter_is_listed_not_fatal(content: Path) -> None:
    (content / "treatments/broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    rows = collect(content, TODAY)
    broken = next(r for r in rows if r.path.endswith("broken.md"))
    assert broken.status == "cannot read" and broken.notes


def test_unknown_reviewer_is_noted(content: Path) -> None:
    page(
        content,
        "treatments/who.md",
        "title: Who\ntreatment: derma-roller\nsummary: S.\nfacts: {}\nreviewed_by: grace-lim\n"
        "last_reviewed: 2026-10-01\nnext_review: 2027-04-01",
    )
    who = next(r for r in collect(content, TODAY) if r.path.endswith("who.md"))
    assert who.reviewer == "Grace Lim"
    assert who.notes == ["'grace-lim' is not a reviewer in content/data/clinic.yaml"]


def test_example_site_report_lists_every_treatment_page() -> None:
    report = review_status(ROOT / "content")
    for slug in (
        "derma-roller",
        "facial-mesotherapy",
        "mesotherapy-cellulite",
        "mesotherapy-hair-loss",
    ):
        assert f"content/treatments/{slug}.md" in report
    assert "content/pages/medical-disclaimer.md" in report


def test_missing_content_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match="no content folder"):
        review_status(tmp_path / "nowhere")
