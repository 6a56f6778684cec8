"""The clinic plugin for Pelican: read → validate → enrich → lint → gate → render → verify.

Signal receivers are module-level functions: Pelican's signals hold them by weak reference.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pelican import signals

from . import gate, images, state, verify
from .problems import BuildFailed, Problem, log, summarise
from .reader import ClinicReader

_handler: gate.PelicanErrors | None = None


def on_get_generators(pelican: Any) -> None:
    """A new run starts (also under --autoreload): fresh state, fresh problem log."""
    global _handler
    build = state.start(pelican.settings)
    if _handler is not None:
        logging.getLogger("pelican").removeHandler(_handler)
    _handler = gate.PelicanErrors(build)
    logging.getLogger("pelican").addHandler(_handler)


def on_readers_init(readers: Any) -> None:
    for ext in ClinicReader.file_extensions:
        readers.reader_classes[ext] = ClinicReader
        readers.readers[ext] = ClinicReader(readers.settings)


def on_all_generators_finalized(generators: list[Any]) -> None:
    build = state.current()
    build.built = gate.all_pages(generators)
    gate.enrich(build, generators)
    gate.judge(build)


def on_finalized(pelican: Any) -> None:
    global _handler
    build = state.current()
    if _handler is not None:
        logging.getLogger("pelican").removeHandler(_handler)
        _handler = None
    problems = write_assets(build, Path(pelican.output_path))
    problems += verify.verify_output(build, pelican.output_path, build.built)
    for problem in problems:
        (log.error if build.strict else log.warning)("%s", problem.render())
    if problems and build.strict:
        summary = f"Production build failed its output check: {summarise(problems)}."
        log.error("%s", summary)
        raise BuildFailed(summary)


def write_assets(build: state.BuildState, output: Path) -> list[Problem]:
    """After the gate passed and the pages were written: the images, and the brand's colours
    and heading font at the end of the theme's style sheet (so they override its defaults)."""
    problems: list[Problem] = []
    if build.images is not None and build.images.jobs:
        started = time.monotonic()
        try:
            report = images.publish(list(build.images.jobs.values()), output, build.images.cache)
            log.info("Images: %s in %.2f s.", report.summary(), time.monotonic() - started)
        except (images.ImageProblem, OSError) as exc:
            message = getattr(exc, "message", None) or f"cannot write the images: {exc}"
            hint = (
                getattr(exc, "hint", "") or "check the output folder is writable, then build again"
            )
            problems.append(Problem(str(output), 0, 0, message, hint, code="image"))
    css = output / build.settings.get("THEME_STATIC_DIR", "theme") / "css" / "site.css"
    if build.brand is not None and css.is_file():
        css.write_text(css.read_text(encoding="utf-8") + build.brand.css(), encoding="utf-8")
    return problems


def register() -> None:
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)


__all__ = ["BuildFailed", "register"]
