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

from .brand import Brand, load_brand
from .cache import BuildCache, Inputs
from .claims import lint_source, make_linter
from .images import ImageCache, ImageProblem, ImageSettings, Picture
from .page_images import ImagePlanner
from .pool import BuildPool, worker_count
from .problems import Problem, ProblemLog
from .reading import Reading

# The ``sizes`` attribute of each kind of image: how wide the theme's CSS shows it.
IMAGE_SIZES = {
    "hero": "(min-width: 60rem) 30rem, calc(100vw - 4.5rem)",
    "hero-treatment": "(min-width: 62rem) 21rem, calc(100vw - 2.5rem)",
    "card": "(min-width: 72rem) 15rem, (min-width: 36rem) calc(50vw - 4rem), calc(100vw - 4.5rem)",
    "content": "(min-width: 48rem) 44rem, calc(100vw - 2.5rem)",
    "photo": "(min-width: 62rem) 21rem, calc(50vw - 2.5rem)",
    "logo": "3rem",
}


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
    brand: Brand | None = None
    images: ImagePlanner | None = None
    logo: Picture | None = None
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    inputs: Inputs | None = None  # fingerprints of what cached results depend on
    pool: BuildPool = field(default_factory=lambda: BuildPool(1))
    reading: Reading = field(init=False)
    verifier: Any = None  # verify.Verifier, once the gate has passed
    renders: Any = None  # render_cache.RenderCache (development builds), once the gate passed

    def __post_init__(self) -> None:
        self.reading = Reading(self.cache, self.pool, "")

    def cache_key(self, kind: str) -> str:
        """The fingerprint of ``kind``'s inputs ("" when the build has no cache)."""
        return self.inputs.key(kind) if self.inputs is not None else ""

    def close(self) -> None:
        """The end of the run: stop the workers, forget what was not read."""
        self.pool.close()
        self.reading.discard()

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
        return self.treatment_for_key(fm.data.get("treatment"))

    def treatment_for_key(self, key: Any) -> Treatment | None:
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
    state.images = _planner(settings)
    state.brand, problems = load_brand(data_dir / "clinic.yaml")
    state.problems.extend(_shown(state, [p for p in problems if p.code == "data"]))
    state.logo = _logo(state, data_dir / "clinic.yaml")
    _setup_cache(state)
    _state = state
    return state


def _setup_cache(state: BuildState) -> None:
    """The build cache (CLINIC_CACHE; --ignore-cache sets LOAD_CONTENT_CACHE to False, so the
    run fills the cache without reading it) and the worker processes (CLINIC_WORKERS)."""
    settings = state.settings
    folder = settings.get("CLINIC_CACHE")
    state.cache = BuildCache(folder, read=bool(settings.get("LOAD_CONTENT_CACHE", True)))
    state.pool = BuildPool(worker_count(settings))
    if state.cache.enabled:
        state.inputs = Inputs.collect(settings, state.today)
    state.reading = Reading(state.cache, state.pool, state.cache_key("page"))


def _planner(settings: dict[str, Any]) -> ImagePlanner:
    """The image pipeline as the settings configure it (CLINIC_IMAGE_* in pelicanconf.py)."""
    defaults = ImageSettings()
    image_settings = ImageSettings(
        widths=tuple(settings.get("CLINIC_IMAGE_WIDTHS") or defaults.widths),
        formats=tuple(settings.get("CLINIC_IMAGE_FORMATS") or defaults.formats),
    )
    return ImagePlanner(
        content=Path(settings["PATH"]).resolve(),
        settings=image_settings,
        sizes={**IMAGE_SIZES, **(settings.get("CLINIC_IMAGE_SIZES") or {})},
        base_url=str(settings.get("SITEURL") or "").rstrip("/"),
        cache=ImageCache(settings.get("CLINIC_IMAGE_CACHE")),
    )


def _logo(state: BuildState, clinic_yaml: Path) -> Picture | None:
    brand, planner = state.brand, state.images
    if brand is None or planner is None or not brand.logo_src:
        return None
    try:
        path = planner.resolve(brand.logo_src, None)
        return planner.picture(path, brand.logo_alt, "logo", "images/brand/logo")
    except ImageProblem as exc:
        shown = state.display_path(clinic_yaml)
        state.problems.add(Problem(shown, brand.logo_line, 0, exc.message, exc.hint, code="data"))
        return None


def _shown(state: BuildState, problems: list[Problem]) -> list[Problem]:
    return [p.moved(state.display_path(p.path)) for p in problems]
