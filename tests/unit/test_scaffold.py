"""`invoke new-treatment` / `invoke new-page`: the pages they write are valid as written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from claims_lint.frontmatter import parse_front_matter
from clinic.scaffold import ScaffoldError, add_months, new_page, new_treatment, slugify
from clinic_schema import Problem, check_page, load_site, page_schema

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
SECTIONS = (
    "## What it is",
    "## How it is done",
    "## Who it may suit",
    "## What it can and cannot do",
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the example site's content/ (pages, treatments and data files)."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def problems_of(path: Path, kind: str, content: Path) -> list[Problem]:
    """The production page check's problems with a new page, except the sign-off ones (which
    a new page must have: nobody has reviewed it yet)."""
    return [p for p in check_of(path, kind, content).problems if p.code != "signoff"]


def check_of(path: Path, kind: str, content: Path):  # noqa: ANN201
    fm = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
    return check_page(fm, kind, load_site(content), today=TODAY, strict=True)


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Facial mesotherapy", "facial-mesotherapy"),
        ("Mesotherapy for the Neck & Chest", "mesotherapy-for-the-neck-chest"),
        ("  Café  crème: skin  ", "cafe-creme-skin"),
        ("Derma roller (microneedling)", "derma-roller-microneedling"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2026, 11, 22), 6, dt.date(2027, 5, 22)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 7, 15), 6, dt.date(2027, 1, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    "key", ["mesotherapy-facial", "mesotherapy-cellulite", "mesotherapy-hair", "derma-roller"]
)
def test_new_treatment_page_is_valid_as_written(content: Path, key: str) -> None:
    path = new_treatment(content, title="A new page for " + key, treatment=key, today=TODAY)
    assert path == content / "treatments" / f"a-new-page-for-{key}.md"
    assert problems_of(path, "treatment", content) == []

    fm = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
    schema = page_schema("treatment")
    for name in schema["required"]:
        assert name in fm.data, f"missing required field {name}"
    for name in schema["properties"]["facts"]["required"]:
        assert name in fm.data["facts"], f"missing required fact {name}"
    assert fm.data["treatment"] == key
    assert fm.data["status"] == "draft"
    positions = [fm.body.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions), "sections in the order of the example pages"


def test_nobody_has_signed_off_a_new_page(content: Path) -> None:
    """The sign-off is the reviewer's: empty, with a comment; the page cannot be published."""
    path = new_treatment(content, title="Skin booster", treatment="mesotherapy-facial")
    text = path.read_text(encoding="utf-8")
    fm = parse_front_matter(text, str(path))
    assert fm.data["reviewed_by"] is None
    assert fm.data["last_reviewed"] is None and fm.data["next_review"] is None
    assert "reviewed_by:    # the reviewer's key: helen-ashby, tom-okafor" in text
    check = check_of(path, "treatment", content)
    assert check.renderable and check.draft  # it can be previewed
    signoff = " ".join(p.message for p in check.problems if p.code == "signoff")
    for words in ("'reviewed_by' is empty", "'last_reviewed' is empty", "more than 0"):
        assert words in signoff
    assert "placeholder text “To be written”" in signoff


def test_new_treatment_points_to_what_the_registry_says_it_will_not_do(content: Path) -> None:
    path = new_treatment(
        content, title="Neck mesotherapy", treatment="mesotherapy-facial", today=TODAY
    )
    text = path.read_text(encoding="utf-8")
    assert "[listed below](#will-not)" in text
    assert "It does not tighten loose or hanging skin." not in text  # the theme lists it
    assert "only for adults aged 18 and over" in text
    assert "Results vary" in text


def test_the_reviewers_are_taken_from_the_clinic_file(content: Path) -> None:
    clinic = content / "data/clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    helen = "    reviewer: true\n    bio: >-\n      Helen"
    assert helen in text
    clinic.write_text(text.replace(helen, helen.replace("true", "false")), encoding="utf-8")
    path = new_treatment(content, title="Scalp care", treatment="mesotherapy-hair", today=TODAY)
    assert "reviewed_by:    # the reviewer's key: tom-okafor\n" in path.read_text(encoding="utf-8")


def test_title_with_yaml_punctuation_round_trips(content: Path) -> None:
    title = 'Skin: a "plain" guide #2'
    path = new_treatment(content, title=title, treatment="derma-roller", today=TODAY)
    fm = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert fm.data["title"] == title
    assert problems_of(path, "treatment", content) == []


def test_unknown_treatment_names_the_known_keys_and_the_closest(content: Path) -> None:
    with pytest.raises(ScaffoldError) as err:
        new_treatment(content, title="Roller", treatment="derma-rollr")
    message = str(err.value)
    assert "unknown treatment 'derma-rollr'" in message
    assert "Did you mean 'derma-roller'?" in message
    for key in ("mesotherapy-facial", "mesotherapy-cellulite", "mesotherapy-hair"):
        assert key in message
    assert not (content / "treatments/roller.md").exists()


def test_unknown_treatment_matched_by_its_name(content: Path) -> None:
    with pytest.raises(ScaffoldError, match="Did you mean 'mesotherapy-hair'"):
        new_treatment(content, title="Hair", treatment="Mesotherapy for hair")


def test_existing_slug_is_an_error_and_nothing_is_overwritten(content: Path) -> None:
    existing = content / "treatments/facial-mesotherapy.md"
    before = existing.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists: .*facial-mesotherapy.md"):
        new_treatment(content, title="Facial Mesotherapy", treatment="mesotherapy-facial")
    assert existing.read_text(encoding="utf-8") == before


def test_slug_declared_in_front_matter_counts_as_taken(content: Path) -> None:
    (content / "pages/about-us.md").write_text(
        "---\ntitle: About\nsummary: Who we are.\nslug: our-story\n---\nText.\n", encoding="utf-8"
    )
    with pytest.raises(ScaffoldError, match="'our-story' already exists"):
        new_page(content, title="Our story")


@pytest.mark.parametrize("title", ["", "   ", "!!!"])
def test_title_without_letters_is_an_error(content: Path, title: str) -> None:
    with pytest.raises(ScaffoldError):
        new_page(content, title=title)


def test_reserved_slug_is_an_error(content: Path) -> None:
    (content / "pages/treatments.md").unlink()
    with pytest.raises(ScaffoldError, match="used by the site itself"):
        new_page(content, title="Drafts")


def test_new_page_is_valid_as_written(content: Path) -> None:
    path = new_page(content, title="Gift vouchers", today=TODAY)
    assert path == content / "pages/gift-vouchers.md"
    assert problems_of(path, "page", content) == []
    fm = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
    assert fm.data["slug"] == "gift-vouchers"
    assert fm.data["reviewed_by"] is None  # a reviewer fills it in, or deletes the lines
    assert "may delete these three lines" in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_page(content, title="Gift Vouchers")
