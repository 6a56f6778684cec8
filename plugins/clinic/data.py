"""The clinic's data files (registry, clinic details): read and checked in ``clinic_schema``.

Kept so that ``from clinic.data import …`` still works; the code lives in the Pelican-free
``clinic_schema`` package, which ``claims-lint`` uses too.
"""

from clinic_schema.data import (
    DataError,
    Item,
    Registry,
    Treatment,
    load_clinic,
    load_registry,
    read_items,
)

__all__ = [
    "DataError",
    "Item",
    "Registry",
    "Treatment",
    "load_clinic",
    "load_registry",
    "read_items",
]
