"""clinic_publish: production output for static hosting, and safe deploys (deploy.py).

The Pelican part (enabled in publishconf.py) post-processes the written site once Pelican has
written it and the clinic plugin's output check has passed, in the clinic plugin's staging
folder (its ``output_ready`` signal), before anything reaches the output folder: minified
HTML and CSS, content-hashed asset names,
a Content-Security-Policy check of every page, ``_headers`` for static hosts, and ``.gz`` /
``.br`` files beside every text file. Settings (all optional)::

    CLINIC_PUBLISH_MINIFY = True          # minify HTML and CSS
    CLINIC_PUBLISH_HASH_DIRS = ["theme"]  # output folders whose assets get hashed names
    CLINIC_PUBLISH_COMPRESS = True        # write .gz and .br beside text files
    CLINIC_PUBLISH_BROTLI_QUALITY = 10    # 0-11: 11 makes files ~2.5 % smaller, 3x slower
    CLINIC_PUBLISH_HEADERS = True         # write _headers
    CLINIC_PUBLISH_CSP_STRICT = True      # fail the build if a page breaks the CSP
    CLINIC_EDITOR_ADMIN = False           # publish the web editor at /admin/ (docs/editing.md)

Signal receivers are module-level functions: Pelican's signals hold them by weak reference.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from clinic import output_ready
from clinic.problems import BuildFailed

# A child of the clinic plugin's logger: the same plain one-line messages.
log = logging.getLogger("clinic.publish")

REQUIRED_FILES = ("index.html", "404.html")
EXPECTED_FILES = ("sitemap.xml", "robots.txt")


def on_output_ready(pelican: Any, path: Path) -> None:
    """Post-process the site the clinic plugin staged in ``path``; stop on CSP problems."""
    from clinic import state

    from .optimise import BROTLI_QUALITY, Store, optimise_site

    settings = pelican.settings
    build = state.current()
    store = Store(build.cache, build.cache_key("publish"), build.cache_key("compress"))
    root = Path(path)
    started = time.monotonic()
    missing = [name for name in REQUIRED_FILES if not (root / name).is_file()]
    if missing:
        message = f"clinic_publish: the site has no {', '.join(missing)}; nothing to publish."
        log.error("%s", message)
        raise BuildFailed(message)
    report = optimise_site(
        root,
        settings.get("SITEURL", ""),
        hash_dirs=settings.get("CLINIC_PUBLISH_HASH_DIRS", ["theme"]),
        minify=settings.get("CLINIC_PUBLISH_MINIFY", True),
        compress=settings.get("CLINIC_PUBLISH_COMPRESS", True),
        headers=settings.get("CLINIC_PUBLISH_HEADERS", True),
        admin=bool(settings.get("CLINIC_EDITOR_ADMIN", False)),
        brotli_quality=int(settings.get("CLINIC_PUBLISH_BROTLI_QUALITY", BROTLI_QUALITY)),
        store=store if build.cache.enabled else None,
        pool=build.pool,
    )
    if settings.get("CLINIC_EDITOR_ADMIN"):
        _publish_admin(Path(settings["PATH"]).resolve().parent, root)
    log.info("clinic_publish: %s in %.2f s.", report.summary(), time.monotonic() - started)
    for name in EXPECTED_FILES:
        if not (root / name).is_file():
            log.warning(
                "clinic_publish: warning: the site has no %s (the theme should write it)", name
            )
    if report.csp_problems:
        for problem in report.csp_problems:
            log.error("%s: error: the Content-Security-Policy would block this", problem)
        if settings.get("CLINIC_PUBLISH_CSP_STRICT", True):
            message = (
                f"Production build failed: {len(report.csp_problems)} thing(s) in the "
                "pages that the site's Content-Security-Policy blocks (listed above)."
            )
            log.error("%s", message)
            raise BuildFailed(message)


def _publish_admin(project: Path, output: Path) -> None:
    """The web editor at /admin/ for hosted editing (``CLINIC_EDITOR_ADMIN = True``)."""
    from clinic_editor.hosted import AdminError, publish_admin

    try:
        count = publish_admin(project, output / "admin")
    except AdminError as exc:
        message = f"clinic_publish: {exc}"
        log.error("%s", message)
        raise BuildFailed(message) from None
    log.info("clinic_publish: the web editor published at /admin/ (%d files).", count)


def register() -> None:
    output_ready.connect(on_output_ready)


__all__ = ["register"]
