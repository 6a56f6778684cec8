"""The declared schemas (``schemas.yaml``) as standalone JSON Schema documents.

``page_schema("treatment", treatments=..., reviewers=...)`` is what the build, ``claims-lint``,
the web editor's configuration and the language server all use, so they cannot disagree about
what a page may hold.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

__all__ = ["DIALECT", "PAGE_TYPES", "DATA_FILES", "data_schema", "field_schema", "page_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PAGE_TYPES = ("treatment", "page")
DATA_FILES = ("treatments", "clinic")


@functools.cache
def _source() -> dict[str, Any]:
    text = resources.files("clinic_schema").joinpath("schemas.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _document(body: dict[str, Any], local_defs: dict[str, Any] | None = None) -> dict[str, Any]:
    """A standalone schema: ``body`` with every definition its ``$ref``s can reach."""
    source = _source()
    defs = {**copy.deepcopy(source["$defs"]), **copy.deepcopy(local_defs or {})}
    return {"$schema": DIALECT, **copy.deepcopy(body), "$defs": defs}


def _enum(
    prop: dict[str, Any], values: Mapping[str, str], what: str
) -> None:  # fills an x-registry field
    if values:
        prop["enum"] = sorted(values)
        prop["x-labels"] = {key: values[key] for key in sorted(values)}
    prop["description"] = prop.get("description", "") + f" One of the {what}."


def page_schema(
    kind: str,
    *,
    treatments: Mapping[str, str] | None = None,
    reviewers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON Schema of a page's front matter for page type ``kind`` ("treatment" or "page").

    ``treatments`` maps the registry's keys to treatment names and ``reviewers`` maps
    clinic.yaml's reviewer keys to people's names; both become ``enum``s (with ``x-labels``).
    Without them those fields accept any text (the data files could not be read).
    """
    if kind not in PAGE_TYPES:
        raise ValueError(f"unknown page type {kind!r}; page types: {', '.join(PAGE_TYPES)}")
    source = _source()
    body = copy.deepcopy(source["pages"][kind])
    body["properties"] = {**copy.deepcopy(source["common_fields"]), **body["properties"]}
    for prop in body["properties"].values():
        registry = prop.get("x-registry")
        if registry == "treatments":
            _enum(prop, treatments or {}, "treatments in content/data/treatments.yaml")
        elif registry == "reviewers":
            _enum(prop, reviewers or {}, "clinical reviewers in content/data/clinic.yaml")
    return _document(body)


def data_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a data file: "treatments" (the registry) or "clinic"."""
    if name not in DATA_FILES:
        raise ValueError(f"unknown data file {name!r}; data files: {', '.join(DATA_FILES)}")
    body = copy.deepcopy(_source()["data"][name])
    return _document(body, body.pop("$defs", {}))


def field_schema(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    """The schema of the value at ``path`` (keys and list indexes), with its ``$ref`` resolved.

    Annotations on the referring schema (title, examples, ``x-…``) win over the target's, as
    in JSON Schema. Of an ``anyOf``, the branch for the kind of value the path goes on into
    is taken (a list for an index, a mapping for a key). An unknown path gives ``{}``.
    """
    node = _branch(schema, _resolve(schema, schema), path[0] if path else None)
    for i, part in enumerate(path):
        if isinstance(part, int):
            nxt = node.get("items")
        else:
            nxt = node.get("properties", {}).get(part)
            if nxt is None:
                patterns = node.get("patternProperties", {}).items()
                nxt = next((s for pat, s in patterns if re.search(pat, part)), None)
            if nxt is None and isinstance(node.get("additionalProperties"), dict):
                nxt = node["additionalProperties"]
        if not isinstance(nxt, dict):
            return {}
        following = path[i + 1] if i + 1 < len(path) else None
        node = _branch(schema, _resolve(schema, nxt), following)
    return node


def _branch(root: dict[str, Any], node: dict[str, Any], following: str | int | None) -> dict:
    """Of an ``anyOf`` (text or id + text; an item or a shared list), the branch that fits."""
    if "anyOf" not in node or "type" in node:
        return node
    branches = [_resolve(root, b) for b in node["anyOf"]]
    wanted = "array" if isinstance(following, int) else "object"
    chosen = next((b for b in branches if b.get("type") == wanted), branches[0])
    chosen = _branch(root, chosen, following)
    return {**chosen, **{k: v for k, v in node.items() if k != "anyOf"}}


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` merged over the definition its ``$ref`` names (followed to the end)."""
    seen = 0
    while "$ref" in node and seen < 16:
        ref = node["$ref"]
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node
