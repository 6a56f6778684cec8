"""The one place the editor and the language server learn the page schema from.

Everything else in ``clinic_editor`` (the CMS configuration generator, the lint endpoint) and
the language server (``claims_lint.lsp``) goes through the two functions here:

* :func:`page_fields` — the fields of a page type, as plain :class:`FieldSpec` records;
* :func:`check_page` — every page-schema problem of one page's text, with an exact fix where
  one can be stated (a misspelt field name, a quoted date).

Today they read ``clinic.schema`` (``Field`` tables and ``validate``). When the declarative
schema lands (a JSON Schema with a Pelican-free public function), only this module changes.
Importing ``clinic.schema`` imports the ``clinic`` package, which needs Pelican; callers that
must work without it (the language server) get :class:`SchemaUnavailable` and go on with the
claims findings alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_lint.frontmatter import FrontMatter, FrontMatterError, parse_front_matter

__all__ = [
    "SIGN_OFF_FIELDS",
    "FieldSpec",
    "PageProblem",
    "SchemaUnavailable",
    "TextEdit",
    "check_page",
    "page_fields",
    "page_type_of",
]

# Set by a clinical reviewer when they sign a page off, never by the page's author.
SIGN_OFF_FIELDS = ("reviewed_by", "last_reviewed", "next_review")


class SchemaUnavailable(RuntimeError):
    """The page schema cannot be loaded here (the site extra, with Pelican, is not installed)."""


@dataclass(frozen=True)
class FieldSpec:
    """One front matter field: what it holds, whether it is required, an example to copy."""

    name: str
    kind: str  # "text", "date", "integer", "number", "boolean", "list", "group", "choice"
    required: bool
    example: str
    choices: tuple[str, ...] = ()
    # A group's fields; for a list, the fields of each item (a list of groups), or () for a
    # list of plain text items.
    children: tuple[FieldSpec, ...] = ()


@dataclass(frozen=True)
class TextEdit:
    """Replace the text from (line, column) to (end_line, end_column), 1-based, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    new_text: str
    title: str


@dataclass(frozen=True)
class PageProblem:
    line: int
    column: int
    message: str
    hint: str
    severity: str  # "error" or "warning"
    code: str  # "schema", "yaml", "review", ...
    field: str = ""  # dotted key path, "" when not about one field
    fix: TextEdit | None = None
    end_column: int = 0  # exclusive; 0 means "to the end of the line"

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "fix": None if self.fix is None else self.fix.__dict__,
        }


def _schema() -> Any:
    try:
        from clinic import schema
    except ImportError as exc:  # pragma: no cover - exercised only without the site extra
        raise SchemaUnavailable(
            f"page-schema checks need the site extra ({exc.name} is missing): "
            'pip install -e ".[site]"'
        ) from None
    return schema


_KIND = {
    str: "text",
    dt.date: "date",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "list",
}


def _nested(schema: Any) -> dict[str, dict[str, Any]]:
    """The field tables of groups (and of each item of a list of groups), by field name."""
    image = getattr(schema, "IMAGE_FIELDS", {})
    return {
        "facts": schema.FACT_FIELDS,
        "hero": image,
        "photos": getattr(schema, "PHOTO_FIELDS", {}),
        "before": image,
        "after": image,
    }


def _spec(name: str, spec: Any, nested: dict[str, dict[str, Any]], depth: int = 0) -> FieldSpec:
    types = tuple(spec.types)
    if spec.choices:
        kind = "choice"
    elif dict in types:
        kind = "group"
    elif float in types:
        kind = "number"
    else:
        kind = _KIND.get(types[0], "text")
    children: tuple[FieldSpec, ...] = ()
    if kind in ("group", "list") and depth < 3 and nested.get(name):
        children = tuple(_spec(n, s, nested, depth + 1) for n, s in nested[name].items())
    return FieldSpec(name, kind, spec.required, spec.example, tuple(spec.choices), children)


def page_fields(page_type: str) -> list[FieldSpec]:
    """The fields of ``"treatment"`` or ``"page"`` front matter, in the schema's order."""
    schema = _schema()
    table = schema.TREATMENT_FIELDS if page_type == "treatment" else schema.PAGE_FIELDS
    nested = _nested(schema)
    return [_spec(name, spec, nested) for name, spec in table.items()]


def page_type_of(path: str | Path) -> str:
    """Treatment pages live in a ``treatments/`` folder; every other page is a plain page."""
    return "treatment" if "treatments" in Path(path).parts else "page"


@dataclass
class _Site:
    """The data a page is checked against, read once per content folder."""

    registry: Any = None
    team: dict[str, Any] = field(default_factory=dict)
    problems: list[PageProblem] = field(default_factory=list)


def _site(content_dir: Path | None) -> _Site:
    site = _Site()
    if content_dir is None:
        return site
    from clinic.data import DataError, load_clinic, load_registry

    data = content_dir / "data"
    # A broken data file's own problems are reported when it is built or opened.
    with contextlib.suppress(DataError):
        site.registry = load_registry(data / "treatments.yaml")
    with contextlib.suppress(DataError):
        team = load_clinic(data / "clinic.yaml").get("team")
        site.team = team if isinstance(team, dict) else {}
    return site


def check_page(
    text: str,
    path: str,
    content_dir: Path | None,
    today: dt.date | None = None,
    *,
    page_type: str | None = None,
) -> list[PageProblem]:
    """Every page-schema problem of ``text`` (the whole file, front matter and body)."""
    schema = _schema()
    try:
        fm = parse_front_matter(text, path)
    except FrontMatterError as exc:
        return [PageProblem(exc.line, exc.column, exc.message, exc.hint, "error", "yaml")]
    site = _site(content_dir)
    kind = page_type or page_type_of(path)
    today = today or dt.date.today()
    problems = schema.validate(fm, kind, site.registry, site.team, today)
    fields = schema.TREATMENT_FIELDS if kind == "treatment" else schema.PAGE_FIELDS
    out = []
    for p in problems:
        key = _field_of(p.message)
        out.append(
            PageProblem(
                p.line,
                p.column,
                p.message,
                p.hint,
                p.severity,
                p.code or "schema",
                key,
                _exact_fix(fm, text, p.message, key, fields, schema.FACT_FIELDS),
            )
        )
    return out


def _field_of(message: str) -> str:
    """The field a schema message is about: the first quoted name in it."""
    start = message.find("'")
    end = message.find("'", start + 1)
    return message[start + 1 : end] if start >= 0 and end > start else ""


def _exact_fix(
    fm: FrontMatter,
    text: str,
    message: str,
    key: str,
    fields: dict[str, Any],
    fact_fields: dict[str, Any],
) -> TextEdit | None:
    """A fix we can state exactly: a misspelt field name, or a date written in quotes."""
    if message.startswith("unknown field") and key:
        table = fact_fields if " under facts" in message else fields
        close = difflib.get_close_matches(key, table, n=1)
        path = ("facts", key) if " under facts" in message else (key,)
        return _rename_key(fm, text, path, close[0]) if close else None
    if "must be a date" in message and key:
        node = fm.node_at(key)
        if node is None or getattr(node, "style", None) not in ("'", '"'):
            return None
        value = str(node.value).strip()
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
        (line, col), (end_line, end_col) = fm.position(node), fm.end_position(node)
        return TextEdit(line, col, end_line, end_col, value, f"Write {value} without quotes")
    return None


def _rename_key(fm: FrontMatter, text: str, path: tuple[str, ...], new: str) -> TextEdit | None:
    parent = fm.node_at(*path[:-1]) if len(path) > 1 else fm.node
    for k, _ in getattr(parent, "value", []):
        if getattr(k, "value", None) == path[-1]:
            (line, col), (end_line, end_col) = fm.position(k), fm.end_position(k)
            return TextEdit(line, col, end_line, end_col, new, f"Rename '{path[-1]}' to '{new}'")
    return None
