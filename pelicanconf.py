"""Development settings: `invoke build` / `pelican content -s pelicanconf.py`.

Problems are reported as warnings and the site still builds, so staff can preview a page
while they fix it; each page shows its findings in a banner. The production settings
(publishconf.py) turn every error into a failed build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))  # the plugins work from a plain checkout, too

SITENAME = "Hartwell Skin Clinic"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
LOCALE = ("en_GB.UTF-8", "C.UTF-8", "C")

PATH = "content"
THEME = "theme"
OUTPUT_PATH = "output"

# Imported here rather than named: Pelican skips a plugin it cannot load by name, logs it, and
# still exits 0 — the build must not go on without its gate.
import clinic  # noqa: E402
from clinic.cache import TemplateBytecode  # noqa: E402

PLUGIN_PATHS = ["plugins"]
PLUGINS = [clinic]

# Only pages: treatment pages in content/treatments/, the rest in content/pages/.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages", "treatments"]
# content/images/ holds source images only: the clinic plugin publishes each one it is given
# as resized, metadata-free variants, so an original (with its GPS position) never is.
STATIC_PATHS = ["extra"]
IGNORE_FILES = [".#*", "*~", "README.md"]
EXTRA_PATH_METADATA: dict[str, dict[str, str]] = {}

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/{slug}/index.html"

# No blog: turn off every listing Pelican writes for articles.
DIRECT_TEMPLATES: list[str] = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# Every value from front matter is escaped; templates mark rendered Markdown as safe. The
# theme's compiled templates are kept in .cache/jinja (by each template's source).
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "bytecode_cache": TemplateBytecode(ROOT / ".cache" / "jinja"),
}

# The clinic plugin.
CLINIC_STRICT = False  # development: warn and build
CLINIC_SHOW_FINDINGS = True  # the findings banner on each page (never in production)
CLINIC_DATA_DIR = "data"  # content/data/: treatments.yaml, evidence.yaml, clinic.yaml
CLINIC_REVIEW_GRACE_DAYS = 14
CLAIMS_PROFILE = "uk"
# Rendered images are kept here by content hash, so a rebuild re-encodes nothing.
CLINIC_IMAGE_CACHE = os.environ.get("CLINIC_IMAGE_CACHE") or str(ROOT / ".cache" / "images")
# Each page's reading, output check, minified and compressed files are kept here by content
# hash, so an unchanged page costs a lookup (plugins/clinic/cache.py). `pelican --ignore-cache`
# (`invoke build --no-cache`, `invoke rebuild`) sets LOAD_CONTENT_CACHE to False: nothing is
# read from it. None turns it off.
CLINIC_CACHE = os.environ.get("CLINIC_CACHE") or str(ROOT / ".cache" / "build")
LOAD_CONTENT_CACHE = True
CACHE_PATH = str(ROOT / ".cache" / "pelican")  # Pelican's own (its content cache stays off)
# Development: a page whose inputs did not change is not rendered again (render_cache.py).
CLINIC_RENDER_CACHE = True
# Worker processes for reading, checking and compressing pages: 0 = one per core.
CLINIC_WORKERS = int(os.environ.get("CLINIC_WORKERS") or 0)

# The theme writes sitemap.xml and robots.txt from its own templates (theme/templates/);
# a file of the same name in content/ would take precedence.
TEMPLATE_PAGES = {"sitemap.xml": "sitemap.xml", "robots.txt": "robots.txt"}

DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
