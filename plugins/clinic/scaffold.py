"""New pages for editors: `invoke new-treatment` and `invoke new-page`.

A new page has every field the schema requires, filled with placeholders that are honest
("To be confirmed: …") and pass the claims linter, and section prompts like the example
treatment pages. The sign-off fields (``reviewed_by``, ``last_reviewed``, ``next_review``) are
left empty, with a comment: only the reviewer fills them in. The page starts as a draft: it
builds and can be previewed, but it is not published; and the production build refuses it
while it still has placeholder text, a price of 0 or no sign-off, even without
``status: draft``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from claims_lint.frontmatter import FrontMatterError, parse_front_matter

from .data import DataError, Registry, load_clinic, load_registry

__all__ = ["ScaffoldError", "new_page", "new_treatment", "slugify"]

DATA_DIR = "data"
REVIEW_MONTHS = 6
# URL paths the site uses for other things: a page with one of these slugs would clash.
RESERVED_SLUGS = {"treatments", "drafts", "theme", "images", "extra", "data", "index"}


class ScaffoldError(Exception):
    """The page cannot be written; the message says why and what to do instead."""


def slugify(title: str) -> str:
    """``"Mesotherapy for the Neck & Chest"`` → ``"mesotherapy-for-the-neck-chest"``."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return text.strip("-")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _yaml_text(value: str) -> str:
    """A YAML scalar for ``value``: plain when that is unambiguous, else double-quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ,.;()'’/&+-]*", value)
    if plain and not value.endswith(" ") and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _wrap(text: str, width: int = 96) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _paragraph(text: str) -> str:
    return "\n".join(_wrap(text)) + "\n"


def _title(title: str) -> str:
    title = " ".join(str(title).split())
    if not title:
        raise ScaffoldError(
            'the title is empty: give the page a title, e.g. --title "Facial mesotherapy"'
        )
    if not slugify(title):
        raise ScaffoldError(
            f"cannot make a web address from the title {title!r}: use a title "
            "with some letters or digits"
        )
    return title


def _registry(content_dir: Path) -> Registry:
    path = content_dir / DATA_DIR / "treatments.yaml"
    try:
        return load_registry(path)
    except DataError as exc:
        raise ScaffoldError(f"cannot read the treatment registry:\n{exc}") from None


def _reviewers(content_dir: Path) -> list[str]:
    """The keys of clinic.yaml's clinical reviewers (who may sign a page off)."""
    path = content_dir / DATA_DIR / "clinic.yaml"
    try:
        clinic = load_clinic(path)
    except DataError as exc:
        raise ScaffoldError(f"cannot read the clinic's details:\n{exc}") from None
    team = clinic.get("team") or {}
    reviewers = [str(k) for k, m in team.items() if isinstance(m, dict) and m.get("reviewer")]
    if not reviewers:
        raise ScaffoldError(
            f"{path} lists no clinical reviewer: mark one team member 'reviewer: true' first"
        )
    return reviewers


def _existing_slugs(folder: Path) -> dict[str, Path]:
    """Slugs already used by the pages in ``folder``: the file name, and any ``slug:`` field."""
    used: dict[str, Path] = {}
    if not folder.is_dir():
        return used
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".md", ".markdown") or not path.is_file():
            continue
        used.setdefault(path.stem, path)
        try:
            data = parse_front_matter(path.read_text(encoding="utf-8"), str(path)).data
        except (FrontMatterError, UnicodeDecodeError, OSError):
            continue
        if isinstance(data.get("slug"), str):
            used.setdefault(data["slug"], path)
    return used


def _target(folder: Path, slug: str, what: str) -> Path:
    used = _existing_slugs(folder)
    if slug in used:
        raise ScaffoldError(
            f"a {what} with the web address '{slug}' already exists: {used[slug]}. "
            "Edit that page, or choose a different title."
        )
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f"'{slug}' is used by the site itself: choose a different title")
    return folder / f"{slug}.md"


def _review_fields(content_dir: Path, today: dt.date | None, optional: bool = False) -> list[str]:
    """Empty sign-off fields: only the reviewer fills them in, when they have checked the page.

    A page cannot be published while they are empty (the production build refuses it), so
    nobody can publish a page "reviewed today" that nobody reviewed. ``optional``: a plain page
    needs no clinical review, and the comment says the lines may go.
    """
    today = today or dt.date.today()
    due = add_months(today, REVIEW_MONTHS).isoformat()
    why = (
        ["# A page that needs no clinical review may delete these three lines instead."]
        if optional
        else []
    )
    return [
        "# Sign-off: left empty until the reviewer has checked the page, then filled in by",
        "# them. The site does not publish a page while they are empty.",
        *why,
        f"reviewed_by:    # the reviewer's key: {', '.join(_reviewers(content_dir))}",
        "last_reviewed:  # the date they signed it off, as YYYY-MM-DD",
        f"next_review:    # usually {REVIEW_MONTHS} months later, as YYYY-MM-DD (e.g. {due})",
    ]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists: edit it, or choose a different title"
        ) from None
    return path


def _unknown_treatment(key: str, registry: Registry) -> ScaffoldError:
    known = sorted(registry.treatments)
    names = {t.name.casefold(): k for k, t in registry.treatments.items()}
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
    if not close:
        by_name = difflib.get_close_matches(key.casefold(), names, n=1, cutoff=0.4)
        close = [names[by_name[0]]] if by_name else []
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return ScaffoldError(
        f"unknown treatment '{key}'.{hint} Known treatments (content/data/treatments.yaml): "
        + ", ".join(known)
    )


def treatment_text(title: str, key: str, entry: Any, review: list[str]) -> str:
    """The Markdown source of a new treatment page (``entry`` is the registry's treatment)."""
    summary = "To be written: what this treatment involves, in one plain sentence. Results vary."
    front = [
        "---",
        f"title: {_yaml_text(title)}",
        f"treatment: {key}",
        f"summary: {_yaml_text(summary)}",
        "# A draft builds and can be previewed at /drafts/<slug>/, but is not published. Delete",
        "# this line once the reviewer has signed the page off.",
        "status: draft",
        *review,
        "# The practical facts patients look for. Replace every 'To be confirmed' with the",
        "# clinic's own answer; keep outcomes hedged ('may', 'some people', 'results vary').",
        "facts:",
        "  session_length: 'To be confirmed: how long one session takes'",
        "  course: 'To be confirmed: how many sessions, and how far apart'",
        "  results_timeline: 'To be confirmed: when any change may show; results vary'",
        "  recovery: 'To be confirmed: what recovery is usually like, and for how long'",
        "  price_from: 0  # to be confirmed: the lowest price, in pounds",
        "# Optional: the page's picture, beside its title and on its card (a file in",
        "# content/images/, about 1,600 pixels wide; alt says what it shows). Before-and-after",
        "# photos go in a 'photos' block instead (docs/guide-marketing.md, section 6).",
        "# hero:",
        "#   src: /images/treatments/my-treatment.jpg",
        "#   alt: What the picture shows, in a short sentence",
        "---",
    ]
    body = [
        "",
        "## What it is",
        "",
        _paragraph(
            "To be written: what the treatment is, in plain words, which parts of the "
            "body it is offered for, and what is used. If something is injected, say "
            "what is in it."
        ),
        "## How it is done",
        "",
        _paragraph(
            "**Before.** You first have a consultation with a registered medical "
            "practitioner. They ask about your health and any medicines you take, and "
            "explain what the treatment can and cannot do. To be written: how to "
            "prepare. The treatment register says: " + entry.preparation
        ),
        _paragraph(
            "**During.** To be written: what the session is like, including any "
            "stinging or discomfort, and how long it takes. The treatment register "
            "says: " + entry.how_performed
        ),
        _paragraph(
            "**The course.** To be written: how many sessions are usually needed, and "
            "how far apart."
        ),
        "## Who it may suit",
        "",
        "This treatment is only for adults aged 18 and over.",
        "",
        _paragraph(
            "Everyone has a consultation with a registered practitioner first. They "
            "check your medical history and decide with you whether the treatment is "
            "suitable. Who should not have it is [listed below](#contraindications)."
        ),
        "## What it can and cannot do",
        "",
        _paragraph(
            'To be written: what the treatment may help with, hedged ("in some people, '
            'it may help…"). Results vary, and some people see little change. A '
            "statement about results needs a citation from the evidence register: see "
            "docs/guide-marketing.md."
        ),
    ]
    if entry.will_not:
        # The theme lists the registry's "will not" items in their own section: point to it.
        body.append("What it will not do is [listed below](#will-not).\n")
    body.append(
        _paragraph(
            "Your practitioner will talk this through honestly at your "
            "consultation. You are always free to decide not to go ahead."
        )
    )
    return "\n".join(front) + "\n" + "\n".join(body).rstrip("\n") + "\n"


def page_text(title: str, slug: str, review: list[str]) -> str:
    """The Markdown source of a new plain page (``content/pages/``)."""
    front = [
        "---",
        f"title: {_yaml_text(title)}",
        f"slug: {slug}",
        "summary: 'To be written: what this page is about, in one plain sentence.'",
        "# A draft builds and can be previewed at /drafts/<slug>/, but is not published as a",
        "# page. Delete this line when the page is ready.",
        "status: draft",
        *review,
        "---",
    ]
    body = [
        "",
        _paragraph(
            "To be written: the text of the page. Use short paragraphs and plain words. "
            "Use headings starting with ## to split a long page into sections."
        ),
    ]
    return "\n".join(front) + "\n" + "\n".join(body).rstrip("\n") + "\n"


def new_treatment(
    content_dir: Path, *, title: str, treatment: str, today: dt.date | None = None
) -> Path:
    """Write ``content/treatments/<slug>.md`` for registry key ``treatment``; return its path.

    Raises :class:`ScaffoldError` for an unknown treatment key, an empty title or a slug that
    is already used.
    """
    content_dir = Path(content_dir)
    title = _title(title)
    registry = _registry(content_dir)
    key = str(treatment).strip()
    if key not in registry.treatments:
        raise _unknown_treatment(key, registry)
    path = _target(content_dir / "treatments", slugify(title), "treatment page")
    text = treatment_text(title, key, registry.treatments[key], _review_fields(content_dir, today))
    return _write(path, text)


def new_page(content_dir: Path, *, title: str, today: dt.date | None = None) -> Path:
    """Write ``content/pages/<slug>.md``; return its path. Raises :class:`ScaffoldError`."""
    content_dir = Path(content_dir)
    title = _title(title)
    slug = slugify(title)
    path = _target(content_dir / "pages", slug, "page")
    return _write(path, page_text(title, slug, _review_fields(content_dir, today, optional=True)))
