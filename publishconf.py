"""Production settings: `pelican content -s publishconf.py` (and `invoke publish`).

The full gate: any error-level problem (invalid front matter, unknown treatment, broken YAML,
missing or contradicted safety information, an unsupported claim, an overdue review past
its grace period) stops the build before anything is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://www.hartwell-clinic.example")
RELATIVE_URLS = False

CLINIC_STRICT = True
CLINIC_RENDER_CACHE = False  # production renders every page (the check sees what was rendered)
CLINIC_SHOW_FINDINGS = False
DELETE_OUTPUT_DIRECTORY = True
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""  # drafts are previewed in development, never published

# Production output for static hosting (plugins/clinic_publish): minified HTML and CSS,
# content-hashed asset names, _headers, and .gz/.br files beside every text file.
import clinic_publish  # noqa: E402  (imported, not named: see pelicanconf.py)

PLUGINS = [*PLUGINS, clinic_publish]  # noqa: F405
CLINIC_PUBLISH_HASH_DIRS = ["theme"]
