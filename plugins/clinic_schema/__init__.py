"""clinic_schema: what a page and a data file may hold, and the checks (no Pelican import).

Public API::

    from clinic_schema import page_schemas, load_site, check_page
    schemas = page_schemas("content")          # {"treatment": {...}, "page": {...}}: JSON Schema
    site = load_site("content")                # the registry and clinic.yaml, checked
    result = check_page(front_matter, "treatment", site, today=date.today())

The build (``plugins/clinic``), ``claims-lint``, the web editor's configuration and the
language server all use these, so a page valid in one is valid in all. docs/page-schema.md
describes the schema.
"""

from .data import DataError, Item, Registry, Treatment, load_clinic, load_registry
from .files import SourceError, read_source, repository_root
from .pages import PageCheck, Site, check_page, load_site, page_schemas, page_type
from .problems import Problem
from .schema import DATA_FILES, PAGE_TYPES, data_schema, page_schema

__all__ = [
    "DATA_FILES",
    "DataError",
    "Item",
    "PAGE_TYPES",
    "PageCheck",
    "Problem",
    "Registry",
    "Site",
    "SourceError",
    "Treatment",
    "check_page",
    "data_schema",
    "load_clinic",
    "load_registry",
    "load_site",
    "page_schema",
    "page_schemas",
    "page_type",
    "read_source",
    "repository_root",
]
