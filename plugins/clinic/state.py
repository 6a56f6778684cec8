"""Per-run build state: settings, data files, the linter and every problem found.

``pelican --autoreload`` keeps one Pelican instance for many runs, so the state is made anew
at the start of each run (the ``get_generators`` signal), never once at start-up.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_lint import EvidenceRegister, Linter
from claims_lint.frontmatter import FrontMatter
from clinic_schema import Registry, Site, Treatment, load_site

from .claims import lint_source, make_linter
from .problems import Problem, ProblemLog


@dataclass
class PageInfo:
    """What the build found in one source file, for its banner and the output check."""

    problems: list[Problem]
    claims: set[tuple[str, str]] = field(default_factory=set)  # (rule, text) found in source
    draft: bool = False  # status: draft (production reports it and does not publish it)


@dataclass
class BuildState:
    settings: dict[str, Any]
    strict: bool
    today: dt.date
    grace_days: int
    site: Site
    problems: ProblemLog = field(default_factory=ProblemLog)
    pages: dict[str, PageInfo] = field(default_factory=dict)
    built: list[Any] = field(default_factory=list)  # Pelican's Page objects, once all are read
    linter: Linter | None = None
    output: Any = None  # the run's Staging (stage.py): where this run writes, then syncs

    @property
    def registry(self) -> Registry | None:
        return self.site.registry

    @property
    def clinic(self) -> dict[str, Any]:
        return self.site.clinic

    @property
    def team(self) -> dict[str, Any]:
        return self.site.team

    @property
    def root(self) -> Path:
        """The repository: pages and data files may not link outside it."""
        return self.site.root

    @property
    def drafts(self) -> set[str]:
        return {path for path, info in self.pages.items() if info.draft}

    def display_path(self, path: str | os.PathLike[str]) -> str:
        """Paths as the person running the build typed them: relative to the working dir."""
        full = os.path.abspath(path)
        rel = os.path.relpath(full)
        return full if rel.startswith("..") else rel

    def treatment_for(self, fm: FrontMatter) -> Treatment | None:
        key = fm.data.get("treatment")
        if self.registry is None or not isinstance(key, str):
            return None
        return self.registry.treatments.get(key)

    @property
    def evidence(self) -> EvidenceRegister:
        return self.linter.evidence if self.linter else EvidenceRegister.empty()

    def lint(
        self, text: str, path: str, fm: FrontMatter
    ) -> tuple[list[Problem], list[tuple[str, str]]]:
        """Claims findings for one page's source, as problems, and each claim's key."""
        return lint_source(self.linter, text, path, front_matter=fm) if self.linter else ([], [])


_state: BuildState | None = None


def peek() -> BuildState | None:
    """The last run's state, if there was one (a new run discards its staging folder)."""
    return _state


def current() -> BuildState:
    if _state is None:
        raise RuntimeError("the clinic plugin is not registered (add 'clinic' to PLUGINS)")
    return _state


def start(settings: dict[str, Any]) -> BuildState:
    """Begin a build run: read the data files, record their problems, set up the linter."""
    global _state
    today = settings.get("CLINIC_TODAY") or dt.date.today()
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    data_name = settings.get("CLINIC_DATA_DIR", "data")
    state = BuildState(
        settings=settings,
        strict=bool(settings.get("CLINIC_STRICT", False)),
        today=today,
        grace_days=int(settings.get("CLINIC_REVIEW_GRACE_DAYS", 14)),
        site=load_site(settings["PATH"], data_dir=data_name),
    )
    state.problems.extend(_shown(state, state.site.problems))
    data_dir = Path(settings["PATH"]) / data_name
    # Production fails on evidence whose review_by passed more than the grace period ago;
    # development warns from the first day.
    lint_day = today - dt.timedelta(days=state.grace_days) if state.strict else today
    state.linter, problems = make_linter(settings, data_dir / "evidence.yaml", lint_day, state.root)
    state.problems.extend(_shown(state, problems))
    _state = state
    return state


def _shown(state: BuildState, problems: list[Problem]) -> list[Problem]:
    return [p.moved(state.display_path(p.path)) for p in problems]
