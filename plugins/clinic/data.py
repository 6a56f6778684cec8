"""The clinic's data files (registry, clinic details): read and checked in ``clinic_schema``.

Kept so that ``from clinic.data import …`` still works; the code lives in the Pelican-free
``clinic_schema`` package, which ``claims-lint`` uses too. ``_Reader`` reads a data file safely
without validating it (brand.py checks its own part of clinic.yaml).
"""

from clinic_schema.data import (
    DataError,
    Item,
    Registry,
    Treatment,
    _Reader,
    load_clinic,
    load_registry,
    read_items,
)

__all__ = [
    "DataError",
    "Item",
    "Registry",
    "Treatment",
    "_Reader",
    "load_clinic",
    "load_registry",
    "read_items",
]
