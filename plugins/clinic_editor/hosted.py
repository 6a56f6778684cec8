"""Hosted editing: the web editor published with the site, at /admin/.

With ``CLINIC_EDITOR_ADMIN = True`` in publishconf.py, the production build copies the admin
page, its preview script and the CMS (from editor/node_modules, no CDN) into ``output/admin/``,
with a configuration generated for the git host named in clinic.yaml's ``editor:`` section.
Saving a page there opens a pull request (the editorial workflow); CI's claims annotations
land on it. There is no preview server on a static host: the preview pane says so, and the
pull request's checks show the findings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .cms_config import render_config

__all__ = ["AdminError", "publish_admin"]

ADMIN_FILES = ("index.html", "preview.js", "preview.css")
CMS_SUFFIXES = (".js", ".css", ".wasm", ".txt")  # no source maps: 40 MB nobody needs


class AdminError(Exception):
    """The editor cannot be published; the message says what to do."""


def publish_admin(project: Path, target: Path) -> int:
    """Write the admin page into ``target``; return how many files were written."""
    admin = project / "editor" / "admin"
    dist = project / "editor" / "node_modules" / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").is_file():
        raise AdminError(
            "CLINIC_EDITOR_ADMIN is on but the CMS is not installed: run `npm ci` in editor/ "
            "(or `invoke edit` once) before the production build"
        )
    if target.exists():
        shutil.rmtree(target)
    (target / "cms").mkdir(parents=True)
    (target / "theme" / "css").mkdir(parents=True)
    count = 0
    for name in ADMIN_FILES:
        shutil.copy2(admin / name, target / name)
        count += 1
    (target / "config.yml").write_text(render_config(project), encoding="utf-8")
    for path in sorted(dist.iterdir()):
        if path.is_file() and path.name.endswith(CMS_SUFFIXES):
            shutil.copy2(path, target / "cms" / path.name)
            count += 1
    theme = project / "theme" / "static"
    shutil.copy2(theme / "css" / "site.css", target / "theme" / "css" / "site.css")
    shutil.copy2(theme / "favicon.svg", target / "theme" / "favicon.svg")
    return count + 3
