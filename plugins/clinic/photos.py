"""Before-and-after photos as structured content: a treatment page's ``photos`` block.

Result photos are where advertising regulators act most often (CAP 3.45–3.47; the FTC's
endorsement guides): they must be genuine, unedited, of the advertised treatment, and shown with
the conditions under which the result was reached. So a pair is published only from front
matter that states those conditions; the theme renders them in the caption with "Results vary".
The field types are in the page schema (clinic_schema/schemas.yaml, ``photos``); this module
checks what types cannot.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims_lint.frontmatter import FrontMatter

from .data import Registry
from .images import ImageProblem, Picture
from .page_images import ImagePlanner, ImageUse, check_use
from .problems import Problem

_INTERVAL = re.compile(r"^(?P<n>\d{1,3}) (?P<unit>day|week|month|year)s?$")


@dataclass
class ResultPair:
    """One pair as the template shows it."""

    before: Picture
    after: Picture
    treatment_name: str
    sessions: int
    time_since_last_session: str
    practitioner: dict[str, Any]
    caption: str = ""

    @property
    def sessions_text(self) -> str:
        return "1 session" if self.sessions == 1 else f"{self.sessions} sessions"


def check_photos(
    fm: FrontMatter,
    page_type: str,
    registry: Registry | None,
    team: dict[str, Any],
    planner: ImagePlanner,
    page_dir: Path,
    lint_words: Any = None,
) -> tuple[list[ResultPair], list[Problem]]:
    """The page's valid pairs, and every problem with its ``photos`` block."""
    photos = fm.data.get("photos")
    if not isinstance(photos, list) or not photos:
        return [], []
    problems: list[Problem] = []

    def add(line: int, message: str, hint: str, code: str = "photos") -> None:
        problems.append(Problem(fm.path, line, 0, message, hint, code=code))

    if page_type != "treatment":
        add(
            fm.line_of("photos"),
            "[testimonial-before-after] before-and-after photos on a page that is not about "
            "one treatment",
            "put the pair on the page of the treatment it shows (content/treatments/), whose "
            "'treatment' is the one the photos are of",
            "testimonial-before-after",
        )
        return [], problems
    page_key = fm.data.get("treatment")
    pairs = []
    for i, pair in enumerate(photos):
        if not isinstance(pair, dict):
            continue  # the page schema reported it
        before_problems = len(problems)
        _check_conditions(fm, i, pair, page_key, registry, team, add)
        pictures = {}
        for side in ("before", "after"):
            image = pair.get(side)
            if not isinstance(image, dict) or not isinstance(image.get("src"), str):
                continue
            line = fm.line_of("photos", i, side, "src")
            use = ImageUse(fm.path, line, 0, image["src"], image.get("alt"), structured=True)
            problems.extend(check_use(use, lint_words))
            try:
                path = planner.resolve(image["src"], page_dir)
                # Neutral public names: a source file may be named after the patient.
                stem = f"images/results/{fm.data.get('slug') or Path(fm.path).stem}-{i + 1}-{side}"
                pictures[side] = planner.picture(path, str(image.get("alt") or ""), "photo", stem)
            except ImageProblem as exc:
                add(line, exc.message, exc.hint, "image")
        if "before" in pictures and "after" in pictures:
            b, a = pictures["before"].job.source, pictures["after"].job.source
            if b.digest == a.digest:
                add(
                    fm.line_of("photos", i, "after", "src"),
                    "the 'before' and 'after' photos are the same file",
                    "use the photo taken after the course of treatment",
                )
            elif abs(b.width / b.height - a.width / a.height) > 0.02:
                add(
                    fm.line_of("photos", i, "after", "src"),
                    f"the two photos have different shapes ({b.width} × {b.height} and "
                    f"{a.width} × {a.height}); a fair comparison uses the same framing",
                    "crop both to the same shape, with the same distance and light",
                )
        if len(problems) == before_problems and len(pictures) == 2:
            treatment = registry.treatments[page_key] if registry else None
            pairs.append(
                ResultPair(
                    before=pictures["before"],
                    after=pictures["after"],
                    treatment_name=treatment.name if treatment else str(page_key),
                    sessions=pair["sessions"],
                    time_since_last_session=pair["time_since_last_session"].strip(),
                    practitioner=team.get(pair["practitioner"], {}),
                    caption=" ".join(str(pair.get("caption") or "").split()),
                )
            )
    return pairs, problems


def _check_conditions(
    fm: FrontMatter,
    i: int,
    pair: dict[str, Any],
    page_key: Any,
    registry: Registry | None,
    team: dict[str, Any],
    add: Any,
) -> None:
    key = pair.get("treatment")
    if isinstance(key, str):
        line = fm.line_of("photos", i, "treatment")
        if registry is not None and key not in registry.treatments:
            close = difflib.get_close_matches(key, registry.treatments, n=1)
            add(
                line,
                f"unknown treatment '{key}' (not in content/data/treatments.yaml)",
                (f"did you mean '{close[0]}'? " if close else "")
                + "known treatments: "
                + ", ".join(sorted(registry.treatments)),
            )
        elif isinstance(page_key, str) and key != page_key:
            add(
                line,
                f"[testimonial-before-after] these photos show '{key}', but this page is "
                f"about '{page_key}'",
                f"show them on the page whose treatment is '{key}'; a result of one "
                "treatment must not advertise another",
                "testimonial-before-after",
            )
    sessions = pair.get("sessions")
    if isinstance(sessions, int) and not isinstance(sessions, bool) and sessions < 1:
        add(
            fm.line_of("photos", i, "sessions"),
            f"'sessions' is {sessions}",
            "write how many sessions the patient had before the 'after' photo, e.g. 'sessions: 4'",
        )
    interval = pair.get("time_since_last_session")
    if isinstance(interval, str) and not _INTERVAL.match(interval.strip()):
        add(
            fm.line_of("photos", i, "time_since_last_session"),
            f"'time_since_last_session' is “{interval}”",
            "write a number and a unit: days, weeks, months or years, e.g. '6 weeks'",
        )
    who = pair.get("practitioner")
    if isinstance(who, str) and who not in team:
        add(
            fm.line_of("photos", i, "practitioner"),
            f"'{who}' is not in the team in content/data/clinic.yaml",
            "write the key of the practitioner who gave the treatment: " + ", ".join(sorted(team)),
        )
    if pair.get("unedited") is False:
        add(
            fm.line_of("photos", i, "unedited"),
            "[testimonial-before-after] only unedited photos may be published",
            "use the photos as the camera took them: no retouching, filters or changed light "
            "(cropping both alike is fine); a retouched result misleads",
            "testimonial-before-after",
        )
    if pair.get("consent") is False:
        add(
            fm.line_of("photos", i, "consent"),
            "[testimonial-before-after] the patient has not consented to these photos being "
            "published",
            "publish a patient's photos only with their written consent; record it in their "
            "notes, then write 'consent: true'",
            "testimonial-before-after",
        )
