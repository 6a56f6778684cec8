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

from claims_lint.frontmatter import FrontMatter, FrontMatterError, load_yaml

from .data import DataError, Registry, Treatment, load_clinic, load_registry
from .problems import Problem, ProblemLog
from .safety import Safety


@dataclass
class PageInfo:
    path: str
    kind: str
    front_matter: FrontMatter | None  # None when the file could not be parsed
    safety: Safety | None
    problems: list[Problem]


@dataclass
class BuildState:
    settings: dict[str, Any]
    strict: bool
    today: dt.date
    grace_days: int
    problems: ProblemLog = field(default_factory=ProblemLog)
    registry: Registry | None = None
    clinic: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: dict[str, PageInfo] = field(default_factory=dict)
    built: list[Any] = field(default_factory=list)  # Pelican's Page objects, once all are read
    linter: Any = None

    @property
    def team(self) -> dict[str, Any]:
        team = self.clinic.get("team")
        return team if isinstance(team, dict) else {}

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

    def lint(self, text: str, path: str) -> list[Problem]:
        """Claims findings for one page's source, as problems."""
        if self.linter is None:
            return []
        from .claims import lint_source  # the engine is optional until the linter is set up

        return lint_source(self.linter, text, path)


_state: BuildState | None = None


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
    state = BuildState(
        settings=settings,
        strict=bool(settings.get("CLINIC_STRICT", False)),
        today=today,
        grace_days=int(settings.get("CLINIC_REVIEW_GRACE_DAYS", 14)),
    )
    data_dir = Path(settings["PATH"]) / settings.get("CLINIC_DATA_DIR", "data")
    try:
        state.registry = load_registry(data_dir / "treatments.yaml")
    except DataError as exc:
        state.problems.extend(_shown(state, exc.problems))
    try:
        state.clinic = load_clinic(data_dir / "clinic.yaml")
    except DataError as exc:
        state.problems.extend(_shown(state, exc.problems))
    state.evidence = _evidence(state, data_dir / "evidence.yaml")
    from .claims import make_linter

    state.linter, problems = make_linter(settings, data_dir / "evidence.yaml", today)
    state.problems.extend(problems)
    _state = state
    return state


def _shown(state: BuildState, problems: list[Problem]) -> list[Problem]:
    return [
        Problem(state.display_path(p.path), p.line, p.column, p.message, p.hint, p.severity,
                p.code)
        for p in problems
    ]


def _evidence(state: BuildState, path: Path) -> dict[str, dict[str, Any]]:
    """The register's entries, for rendering footnotes (the linter validates them)."""
    if not path.exists():
        return {}
    try:
        _, data = load_yaml(path.read_text(encoding="utf-8"), state.display_path(path))
    except (FrontMatterError, UnicodeDecodeError):
        return {}  # reported by the linter's own loader
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}
