"""The clinic plugin for Pelican: read → validate → enrich → lint → gate → render → verify.

Signal receivers are module-level functions: Pelican's signals hold them by weak reference.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from . import gate, state, verify
from .problems import BuildFailed, log, summarise
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
    problems = verify.verify_output(build, pelican.output_path, build.built)
    for problem in problems:
        (log.error if build.strict else log.warning)("%s", problem.render())
    if problems and build.strict:
        summary = f"Production build failed its output check: {summarise(problems)}."
        log.error("%s", summary)
        raise BuildFailed(summary)


def register() -> None:
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)


__all__ = ["BuildFailed", "register"]
