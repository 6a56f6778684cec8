"""The clinic plugin for Pelican: read → validate → enrich → lint → gate → render → verify.

Each run renders into a staging folder (stage.py); only when every check has passed is it
synced into the output folder, so a failed build writes nothing. Other plugins that post-process
the written site (clinic_publish) connect to :data:`output_ready`, which is sent with the
staging folder after the output check and before the sync.

Signal receivers are module-level functions: Pelican's signals hold them by weak reference.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from blinker import signal
from pelican import signals

from . import claims, gate, images, state, verify
from .problems import BuildFailed, Problem, log, summarise
from .reader import ClinicReader, NotMarkdownReader
from .render_cache import CachingWriter, RenderCache
from .stage import OutputError, Staging

_handler: gate.PelicanErrors | None = None
_SAME_SLUG = gate.SameSlugWarnings()
logging.getLogger("pelican.utils").addFilter(_SAME_SLUG)

# Sent with (pelican, path=the staging folder) once the written HTML passed its check; a
# receiver may rewrite files there and raise BuildFailed to stop the build.
output_ready = signal("clinic.output-ready")


def on_get_generators(pelican: Any) -> None:
    """A new run starts (also under --autoreload): fresh state, fresh problem log, and a
    staging folder that Pelican writes into instead of the output folder."""
    global _handler
    previous = state.peek()
    if previous is not None:
        previous.close()
        if previous.output is not None:
            previous.output.discard()
    build = state.start(pelican.settings)
    if _handler is not None:
        logging.getLogger("pelican").removeHandler(_handler)
    _handler = gate.PelicanErrors(build)
    logging.getLogger("pelican").addHandler(_handler)
    build.output = Staging(pelican.settings["OUTPUT_PATH"])
    pelican.output_path = str(build.output.path)


def on_readers_init(readers: Any) -> None:
    """Our reader for Markdown; every other page format is refused (an HTML or reStructuredText
    page would skip the schema, the HTML policy and the claims check)."""
    for ext in list(readers.reader_classes):
        if ext == "static":  # Pelican's reader of static files (images, downloads)
            continue
        readers.reader_classes[ext] = NotMarkdownReader
        readers.readers[ext] = NotMarkdownReader(readers.settings)
    for ext in ClinicReader.file_extensions:
        readers.reader_classes[ext] = ClinicReader
        readers.readers[ext] = ClinicReader(readers.settings)


def on_page_generator_init(generator: Any) -> None:
    """Before Pelican reads the first page: look every page up in the build cache and start
    reading the others in the worker processes (reading.py)."""
    build = state.current()
    settings = generator.settings
    # In Pelican's own order (it iterates the same set), so the workers finish pages roughly
    # in the order Pelican asks for them.
    files = generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])
    paths = [
        os.path.abspath(os.path.join(generator.path, f))
        for f in files
        if f.rsplit(".", 1)[-1] in ClinicReader.file_extensions
    ]
    linter = build.linter
    prepare = (lambda: claims.compile_rules(linter)) if linter is not None else None
    build.reading.prefetch(paths, build.root, build.display_path, prepare)


def on_all_generators_finalized(generators: list[Any]) -> None:
    build = state.current()
    build.built = gate.all_pages(generators)
    gate.hold_back_drafts(build, generators)
    gate.check_static_files(build, generators)
    gate.check_duplicate_outputs(build, generators)
    gate.enrich(build, generators)
    try:
        gate.judge(build)
    except BuildFailed:
        build.close()
        build.output.discard()
        raise
    real = Path(build.settings["OUTPUT_PATH"])
    # Nothing rewrites the staged files afterwards (no production post-processing): a file the
    # output folder already has, byte for byte, is not written again (stage.py).
    build.output.keeping = not output_ready.receivers and bool(
        build.settings.get("CLINIC_KEEP_UNCHANGED", True)
    )
    build.verifier = verify.Verifier(build, build.output.path, real, build.built, build.output)
    if build.cache.enabled and build.settings.get("CLINIC_RENDER_CACHE"):
        context = generators[0].context if generators else {}
        build.renders = RenderCache(build, build.built, context)


def on_get_writer(pelican: Any) -> type:
    """Pelican's writer, with rendered pages taken from the build cache (render_cache.py)."""
    return CachingWriter


def on_content_written(path: str, context: Any = None) -> None:
    """Pelican wrote a file: start its output check in a worker while Pelican goes on."""
    build = state.peek()
    if build is not None and build.verifier is not None:
        build.verifier.written(path)


def _fail(build: state.BuildState, problems: list[Problem], what: str) -> None:
    """Log ``problems``; in production, stop with nothing written."""
    for problem in problems:
        (log.error if build.strict else log.warning)("%s", problem.render())
    errors = [p for p in problems if p.severity == "error"]
    if errors and build.strict:
        summary = f"Production build failed its {what}: {summarise(errors)}. Nothing was written."
        log.error("%s", summary)
        raise BuildFailed(summary)


def on_finalized(pelican: Any) -> None:
    global _handler
    build = state.current()
    if _handler is not None:
        logging.getLogger("pelican").removeHandler(_handler)
        _handler = None
    staging = build.output
    real = pelican.settings["OUTPUT_PATH"]
    try:
        problems = write_assets(build, staging.path, build.display_path(real))
        problems += verify.verify_output(build, str(staging.path), build.built, real)
        _fail(build, problems, "output check")
        receivers = output_ready.send(pelican, path=staging.path)
        if receivers:  # post-processed (minified): what visitors get must still be right
            _fail(
                build,
                verify.recheck_treatments(build, str(staging.path), build.built, real),
                "check of the final pages",
            )
        report = staging.commit(delete=_delete(pelican), keep=_keep(pelican))
    except OutputError as exc:
        log.error("%s", exc)
        raise BuildFailed(str(exc), 2) from None
    finally:
        build.close()
        staging.discard()
        pelican.output_path = real
    if build.pool.forked:
        log.info("Worker processes: %d.", build.pool.forked)
    if build.cache.enabled:
        log.info("Build cache (%s): %s.", build.display_path(build.cache.root), _cache_line(build))
        build.cache.prune(float(build.settings.get("CLINIC_CACHE_DAYS", 14)))
    log.info(
        "Wrote %d file(s) to %s (%d unchanged%s).",
        len(report.written),
        build.display_path(real),
        report.unchanged,
        f", {len(report.removed)} removed" if report.removed else "",
    )


def _cache_line(build: state.BuildState) -> str:
    found = build.cache.summary()
    if not build.cache.read:
        return "not read (--ignore-cache), filled afresh"
    return f"{found} taken from it" if found else "nothing to take"


def _delete(pelican: Any) -> bool:
    """DELETE_OUTPUT_DIRECTORY, as Pelican applies it: never when the output holds the source."""
    if not pelican.settings.get("DELETE_OUTPUT_DIRECTORY"):
        return False
    out = os.path.realpath(pelican.settings["OUTPUT_PATH"])
    src = os.path.realpath(pelican.settings["PATH"])
    return os.path.commonpath([out, src]) != out


def _keep(pelican: Any) -> tuple[str, ...]:
    return tuple(pelican.settings.get("OUTPUT_RETENTION") or ())


def write_assets(build: state.BuildState, output: Path, shown: str = "") -> list[Problem]:
    """After the gate passed and the pages were written: the images, and the brand's colours
    and heading font at the end of the theme's style sheet (so they override its defaults)."""
    problems: list[Problem] = []
    if build.images is not None and build.images.jobs:
        started = time.monotonic()
        try:
            jobs = list(build.images.jobs.values())
            keep = build.output.keep if build.output is not None else None
            report = images.publish(jobs, output, build.images.cache, build.pool, keep)
            log.info("Images: %s in %.2f s.", report.summary(), time.monotonic() - started)
        except (images.ImageProblem, OSError) as exc:
            message = getattr(exc, "message", None) or f"cannot write the images: {exc}"
            hint = (
                getattr(exc, "hint", "") or "check the output folder is writable, then build again"
            )
            problems.append(Problem(shown or str(output), 0, 0, message, hint, code="image"))
    css = output / build.settings.get("THEME_STATIC_DIR", "theme") / "css" / "site.css"
    if build.brand is not None and css.is_file():
        css.write_text(css.read_text(encoding="utf-8") + build.brand.css(), encoding="utf-8")
    return problems


def register() -> None:
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.page_generator_init.connect(on_page_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.content_written.connect(on_content_written)
    signals.get_writer.connect(on_get_writer)
    signals.finalized.connect(on_finalized)


__all__ = ["BuildFailed", "output_ready", "register"]
