"""Validate YAML data against a declared schema; every error at its line, in plain words.

jsonschema does the validating (the same schema documents the web editor and the language
server use); this module turns its errors into :class:`Problem`s a marketer can act on: the
field, what is wrong, and what to write instead, using the schema's own ``examples`` and
``x-hint``/``x-messages`` annotations.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
from claims_lint.frontmatter import FrontMatter
from jsonschema.exceptions import ValidationError

from .dates import date_advice
from .problems import Problem
from .schema import field_schema

__all__ = ["SchemaCheck", "jsonable"]

_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a group of fields",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}
_EMPTY = ("minProperties", "minItems")
_REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")


def jsonable(value: Any) -> Any:
    """YAML's values as JSON's: dates as ISO text (a date-time keeps its time, so it fails)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return "<binary data>"
    return value


def _shown(value: Any) -> str:
    text = str(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def _where(path: tuple[str | int, ...]) -> str:
    """``facts.price_from``, ``contraindications item 2``: a field as people name it."""
    out = ""
    for part in path:
        out += f" item {part + 1}" if isinstance(part, int) else ("." if out else "") + part
    return out


def _example(schema: dict[str, Any], name: str) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, list):
        return f"{name}:\n  - " + "\n  - ".join(str(v) for v in value)
    if isinstance(value, dict):
        inner = "; ".join(f"{k}: {v}" for k, v in value.items())
        return f"{name}: {inner}"
    return f"{name}: {value}"


class SchemaCheck:
    """One schema, ready to validate many documents (pages or data files)."""

    def __init__(self, schema: dict[str, Any], code: str = "schema") -> None:
        self.schema = schema
        self.code = code
        self._validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )

    def problems(self, doc: FrontMatter) -> list[Problem]:
        """Every way ``doc.data`` breaks the schema, each at its line."""
        instance = jsonable(doc.data)
        found: list[Problem] = []
        seen: set[tuple[int, str, str]] = set()
        for error in self._validator.iter_errors(instance):
            for problem in self._translate(doc, error):
                # A shared (aliased) value fails once per place it is used: report it once.
                key = (problem.line, problem.message.split(" under ")[0], problem.hint)
                if key not in seen:
                    seen.add(key)
                    found.append(problem)
        return sorted(found, key=lambda p: (p.line, p.message))

    # -- turning one jsonschema error into problems ------------------------------------------

    def _translate(self, doc: FrontMatter, error: ValidationError) -> Iterator[Problem]:
        path = tuple(error.absolute_path)
        if error.validator == "anyOf" and error.context:
            error = self._best(error)
            path = tuple(error.absolute_path)
        spec = field_schema(self.schema, path)
        name = str(path[-1]) if path and isinstance(path[-1], str) else _where(path)
        where = _where(path)
        messages = spec.get("x-messages", {})
        line = doc.line_of(*path)

        def problem(message: str, hint: str = "", at: int = line, code: str = "") -> Problem:
            custom = messages.get(str(error.validator))
            if custom:
                message = custom.format(field=where, value=_shown(error.instance))
            parent = field_schema(self.schema, path[:-1]) if path else {}
            # The field's own advice first; else the example; else its list's advice.
            hint = spec.get("x-hint") or hint or parent.get("x-hint", "")
            return Problem(doc.path, at, 0, message, hint, code=code or self._code(spec, error))

        kind = error.validator
        if error.instance is None and kind != "type":
            return  # an empty value: its "type" error says so
        if kind == "type" and error.instance is None and spec.get("x-sign-off"):
            yield problem(
                f"'{where}' is empty: the page is not signed off",
                "once the reviewer has checked the page, they write it, e.g. "
                f"'{_example(spec, name)}'" + self._choices(spec),
            )
        elif kind == "required":
            yield from self._missing(doc, error, path)
        elif kind == "additionalProperties":
            yield from self._unknown(doc, error, path)
        elif kind == "propertyNames":
            yield problem(f"'{_shown(error.instance)}' cannot be used as a name here")
        elif spec.get("x-date") and kind in ("type", "pattern", "format"):
            yield self._date(doc, error, path, where, spec)
        elif kind == "type" and error.instance is None:
            yield problem(f"'{where}' is empty", self._for_example(spec, name))
        elif kind == "type":
            wanted = error.validator_value
            names = [wanted] if isinstance(wanted, str) else list(wanted)
            what = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
            yield problem(f"'{where}' must be {what}", self._for_example(spec, name))
        elif kind == "enum":
            yield self._enum(error, where, spec, problem)
        elif kind in _EMPTY or (kind == "pattern" and spec.get("pattern") == "\\S"):
            yield problem(f"'{where}' is empty", self._for_example(spec, name))
        elif kind in ("exclusiveMinimum", "minimum"):
            yield problem(
                f"'{where}' must be more than {error.validator_value}"
                if kind == "exclusiveMinimum"
                else f"'{where}' must be at least {error.validator_value}",
                self._for_example(spec, name),
            )
        else:
            yield problem(
                f"'{where}' cannot be '{_shown(error.instance)}'", self._for_example(spec, name)
            )

    @staticmethod
    def _best(error: ValidationError) -> ValidationError:
        """Of an ``anyOf``'s failures, the branch meant for this kind of value."""
        typed = [e for e in error.context if e.validator != "type"]
        deepest = sorted(typed or error.context, key=lambda e: -len(e.absolute_path))
        return deepest[0]

    def _code(self, spec: dict[str, Any], error: ValidationError) -> str:
        return "signoff" if spec.get("x-sign-off") else self.code

    @staticmethod
    def _for_example(spec: dict[str, Any], name: str) -> str:
        example = _example(spec, name)
        return f"for example '{example}'" if example else ""

    def _missing(
        self, doc: FrontMatter, error: ValidationError, path: tuple[str | int, ...]
    ) -> Iterator[Problem]:
        match = _REQUIRED.match(error.message)
        if not match:
            return
        missing = match["name"]
        spec = field_schema(self.schema, (*path, missing))
        parent = field_schema(self.schema, path)
        under = f" under {_where(path)}" if path else ""
        if path and isinstance(path[-1], str):  # at the parent's key ("facts:")
            at = self._key_line(doc, path[:-1], path[-1])
        else:
            at = doc.line_of(*path) if path else doc.line_of()
        custom = parent.get("x-messages", {}).get("required")
        example = _example(spec, missing)
        if custom:
            message, hint = custom.format(field=_where(path)), parent.get("x-hint", "")
        elif spec.get("x-sign-off"):
            message = f"missing required field '{missing}'{under}: the page is not signed off"
            hint = f"add '{example}' once the reviewer has checked the page" if example else ""
            hint += self._choices(spec)
        else:
            message = f"missing required field '{missing}'{under}"
            hint = f"add '{example}'" if example else ""
        yield Problem(doc.path, at, 0, message, hint, code=self._code(spec, error))

    @staticmethod
    def _choices(spec: dict[str, Any]) -> str:
        labels = spec.get("x-labels") or {}
        if not labels:
            return ""
        return " (reviewers: " + ", ".join(f"{k} — {v}" for k, v in labels.items()) + ")"

    def _unknown(
        self, doc: FrontMatter, error: ValidationError, path: tuple[str | int, ...]
    ) -> Iterator[Problem]:
        spec = field_schema(self.schema, path)
        known = list(spec.get("properties", {}))
        patterns = list(spec.get("patternProperties", {}))
        under = f" under {_where(path)}" if path else ""
        instance = error.instance if isinstance(error.instance, dict) else {}
        for key in instance:
            if key in known or any(re.search(p, key) for p in patterns):
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed fields: " + ", ".join(known)
            yield Problem(
                doc.path,
                self._key_line(doc, path, key),
                0,
                f"unknown field '{key}'{under}",
                hint,
                code=self.code,
            )

    @staticmethod
    def _key_line(doc: FrontMatter, path: tuple[str | int, ...], key: str) -> int:
        node = doc.node_at(*path) if path else doc.node
        for k, _ in getattr(node, "value", []) or []:
            if getattr(k, "value", None) == key:
                return doc.position(k)[0]
        return doc.line_of(*path, key)

    def _date(
        self,
        doc: FrontMatter,
        error: ValidationError,
        path: tuple[str | int, ...],
        where: str,
        spec: dict[str, Any],
    ) -> Problem:
        raw = _raw(doc.data, path)
        code = self._code(spec, error)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            name = str(path[-1])
            return Problem(
                doc.path,
                doc.line_of(*path),
                0,
                f"'{where}' is empty",
                f"write the date as YYYY-MM-DD, e.g. '{_example(spec, name)}'",
                code=code,
            )
        return Problem(
            doc.path,
            doc.line_of(*path),
            0,
            f"'{where}' must be a date written as YYYY-MM-DD, not '{_shown(raw)}'",
            date_advice(raw),
            code=code,
        )

    def _enum(
        self,
        error: ValidationError,
        where: str,
        spec: dict[str, Any],
        problem: Callable[..., Problem],
    ) -> Problem:
        value = error.instance
        choices = [str(c) for c in error.validator_value]
        labels = spec.get("x-labels") or {}
        registry = spec.get("x-registry")
        close = difflib.get_close_matches(str(value), choices, n=1)
        by_name = [k for k, name in labels.items() if str(value).casefold() == name.casefold()]
        guess = (by_name or close or [None])[0]
        mean = f"did you mean '{guess}'? " if guess else ""
        if registry == "treatments":
            return problem(
                f"unknown treatment '{_shown(value)}' (not in content/data/treatments.yaml)",
                mean + "known treatments: " + ", ".join(choices),
            )
        if registry == "reviewers":
            who = ", ".join(f"{k} ({labels.get(k, k)})" for k in choices)
            return problem(
                f"'{_shown(value)}' is not a clinical reviewer in content/data/clinic.yaml",
                mean + "write one of: " + who,
            )
        return problem(
            f"'{where}' cannot be '{_shown(value)}'", mean + "write one of: " + ", ".join(choices)
        )


def _raw(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` as YAML gave it (before :func:`jsonable`)."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data
