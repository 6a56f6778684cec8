"""The one place the editor and the language server learn the page schema from.

Everything else in ``clinic_editor`` (the CMS configuration generator, the lint endpoint) and
the language server (``claims_lint.lsp``) goes through the two functions here:

* :func:`page_fields` — the fields of a page type, as plain :class:`FieldSpec` records;
* :func:`check_page` — every page-schema problem of one page's text, with an exact fix where
  one can be stated (a misspelt field name, a date written another way with one reading).

Both read the declarative schema (``clinic_schema``: JSON Schema in ``schemas.yaml``, the same
the build and ``claims-lint`` validate against), which imports no Pelican, so the language
server has the page checks too. :class:`SchemaUnavailable` is kept for callers that handle it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
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


_KINDS = {"string": "text", "integer": "integer", "number": "number", "boolean": "boolean"}
# Groups whose own fields the form shows (the other groups, side_effects, are edited as a whole).
_GROUPS = ("facts", "hero", "before", "after")


def _example(name: str, spec: dict[str, Any]) -> str:
    examples = spec.get("examples") or []
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, dict):
        return f"{name}:\n" + "\n".join(f"  {k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return f"{name}:\n" + "\n".join(f"  - {v}" for v in value)
    if isinstance(value, bool):
        return f"{name}: {str(value).lower()}"
    return f"{name}: {value}"


def _spec(
    name: str, spec: dict[str, Any], required: bool, defs: dict[str, Any], depth: int = 0
) -> FieldSpec:
    children: tuple[FieldSpec, ...] = ()
    if spec.get("x-date"):
        kind = "date"
    elif "enum" in spec and not spec.get("x-registry"):
        kind = "choice"
    elif spec.get("type") == "object":
        kind = "group"
        if name in _GROUPS and depth < 3:
            children = _children(spec, defs, depth)
    elif spec.get("type") == "array":
        kind = "list"
        items = spec.get("items", {})
        if items.get("type") == "object" and depth < 3:  # a list of groups (photos)
            children = _children(items, defs, depth)
    else:
        kind = _KINDS.get(str(spec.get("type")), "text")
    choices = tuple(str(c) for c in spec.get("enum", ())) if kind == "choice" else ()
    example = _example(name, spec)
    if kind == "group" and children and not example:
        example = f"{name}:\n  " + children[0].example.replace("\n", "\n  ")
    return FieldSpec(name, kind, required, example, choices, children)


def _children(spec: dict[str, Any], defs: dict[str, Any], depth: int) -> tuple[FieldSpec, ...]:
    """The fields of a group, each with its ``$ref`` resolved against the schema's ``$defs``."""
    from clinic_schema.schema import field_schema

    required = set(spec.get("required", ()))
    return tuple(
        _spec(n, field_schema({"$defs": defs, **s}, ()), n in required, defs, depth + 1)
        for n, s in spec.get("properties", {}).items()
    )


def page_fields(page_type: str) -> list[FieldSpec]:
    """The fields of ``"treatment"`` or ``"page"`` front matter, in the schema's order."""
    from clinic_schema import page_schema
    from clinic_schema.schema import field_schema

    schema = page_schema(page_type)
    required = set(schema.get("required", ()))
    return [
        _spec(name, field_schema(schema, (name,)), name in required, schema["$defs"])
        for name in schema["properties"]
    ]


def page_type_of(path: str | Path) -> str:
    """Treatment pages live in a ``treatments/`` folder; every other page is a plain page."""
    return "treatment" if "treatments" in Path(path).parts else "page"


def check_page(
    text: str,
    path: str,
    content_dir: Path | None,
    today: dt.date | None = None,
    *,
    page_type: str | None = None,
) -> list[PageProblem]:
    """Every page-schema problem of ``text`` (the whole file, front matter and body)."""
    from clinic_schema import Site, load_site
    from clinic_schema import check_page as check
    from clinic_schema.markdown import make_markdown
    from clinic_schema.rawhtml import needs_rendering

    try:
        fm = parse_front_matter(text, path)
    except FrontMatterError as exc:
        return [PageProblem(exc.line, exc.column, exc.message, exc.hint, "error", "yaml")]
    # A broken data file's own problems are reported when it is built or opened.
    site = load_site(content_dir) if content_dir is not None else Site(Path("."), Path("."))
    kind = page_type or page_type_of(path)
    rendered = make_markdown().convert(fm.body) if needs_rendering(fm.body) else None
    result = check(fm, kind, site, today=today or dt.date.today(), rendered=rendered)
    out = []
    for p in result.problems:
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
                _exact_fix(fm, p.message, key, kind),
            )
        )
    return out


def _field_of(message: str) -> str:
    """The field a schema message is about: the first quoted name in it."""
    start = message.find("'")
    end = message.find("'", start + 1)
    return message[start + 1 : end] if start >= 0 and end > start else ""


def _exact_fix(fm: FrontMatter, message: str, key: str, kind: str) -> TextEdit | None:
    """A fix we can state exactly: a misspelt field name, or a date with one reading."""
    from clinic_schema import page_schema
    from clinic_schema.dates import readings

    if message.startswith("unknown field") and key:
        schema = page_schema(kind)
        nested = " under facts" in message
        table = schema["properties"]["facts"]["properties"] if nested else schema["properties"]
        close = difflib.get_close_matches(key, list(table), n=1)
        path = ("facts", key) if nested else (key,)
        return _rename_key(fm, path, close[0]) if close else None
    if "must be a date written as YYYY-MM-DD" in message and key and "." not in key:
        node = fm.node_at(key)
        found = readings(str(getattr(node, "value", ""))) if node is not None else []
        if len(found) != 1:  # none, or 03/04/2026: two readings, the writer must choose
            return None
        value = found[0].isoformat()
        (line, col), (end_line, end_col) = fm.position(node), fm.end_position(node)
        return TextEdit(line, col, end_line, end_col, value, f"Write {value}")
    return None


def _rename_key(fm: FrontMatter, path: tuple[str, ...], new: str) -> TextEdit | None:
    parent = fm.node_at(*path[:-1]) if len(path) > 1 else fm.node
    for k, _ in getattr(parent, "value", []):
        if getattr(k, "value", None) == path[-1]:
            (line, col), (end_line, end_col) = fm.position(k), fm.end_position(k)
            return TextEdit(line, col, end_line, end_col, new, f"Rename '{path[-1]}' to '{new}'")
    return None
