"""The clinic's data files: the treatment registry and the clinic's own details.

Clinicians own these YAML files; this module only reads and checks them, reporting every
problem at its file and line. Each file is validated against its declared schema
(``schemas.yaml``: unknown keys, wrong types) before anything reads it; what a schema cannot
say (an id used twice, an empty list) is checked here. Nothing here knows about Pelican.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from claims_lint.frontmatter import FrontMatter, FrontMatterError, load_yaml

from .files import SourceError, read_source, repository_root
from .problems import Problem
from .schema import data_schema
from .validate import SchemaCheck

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class DataError(Exception):
    """A data file cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Item:
    """One line of safety information: a stable id and the words patients read."""

    id: str
    text: str
    source: str = "reference"  # or "clinician-confirmed", or "page" for a page's own addition


@dataclass
class Treatment:
    key: str
    name: str
    kind: str
    procedure_type: str
    body_locations: list[str]
    how_performed: str
    preparation: str
    contraindications: list[Item]
    side_effects_common: list[Item]
    side_effects_rare: list[Item]
    aftercare: list[Item]
    when_to_call: list[Item]
    will_not: list[Item]


@dataclass
class Registry:
    path: str
    treatments: dict[str, Treatment]


class _Reader:
    """One YAML data file: read safely, validated against its schema, with line numbers."""

    def __init__(self, path: Path, schema: str | None = None, root: Path | None = None) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []
        root = root if root is not None else repository_root(Path(path).parent.parent)
        try:
            text = read_source(Path(path), self.path, root=root)
            self.node, self.data = load_yaml(text, self.path)
        except SourceError as exc:
            raise DataError([exc.problem]) from None
        except FrontMatterError as exc:
            raise DataError(
                [Problem(self.path, exc.line, exc.column, exc.message, exc.hint, code="yaml")]
            ) from None
        if not isinstance(self.node, yaml.MappingNode) or not isinstance(self.data, dict):
            where = self.node.start_mark.line + 1 if self.node is not None else 1
            raise DataError(
                [
                    Problem(
                        self.path,
                        where,
                        0,
                        "the file must be a mapping of 'key: value' fields",
                        "see the comment at the top of the example file in content/data/",
                        code="data",
                    )
                ]
            )
        self.doc = FrontMatter(
            path=self.path, data=self.data, node=self.node, body="", body_line=0, first_line=1
        )
        # Structure first: nothing below may read a value the schema has not accepted. (A
        # reader of one part of a file, such as brand.py, checks that part itself.)
        if schema is not None:
            self.problems = SchemaCheck(data_schema(schema), code="data").problems(self.doc)
            self.done()

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.path, line, 0, message, hint, code="data"))

    def child(self, node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    def done(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def _flatten(value: Any, node: yaml.Node | None) -> list[tuple[Any, yaml.Node | None]]:
    """Lists may nest one shared (anchored) list inside another: flatten with nodes."""
    if not isinstance(value, list):
        return []
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(value)
    out: list[tuple[Any, yaml.Node | None]] = []
    for item, item_node in zip(value, nodes, strict=False):
        if isinstance(item, list):
            out.extend(_flatten(item, item_node))
        else:
            out.append((item, item_node))
    return out


def read_items(
    r: _Reader, value: Any, node: yaml.Node | None, what: str, source: str = "reference"
) -> list[Item]:
    """The items of one list (the schema has checked each has an id and a text)."""
    items: list[Item] = []
    seen: set[str] = set()
    for item, item_node in _flatten(value or [], node):
        item_id = str(item["id"])
        if item_id in seen:
            r.problem(item_node, f"item id {item_id!r} appears twice in {what}", "keep one")
            continue
        seen.add(item_id)
        items.append(Item(item_id, " ".join(item["text"].split()), item.get("source", source)))
    return items


def load_registry(path: Path, root: Path | None = None) -> Registry:
    """Read ``content/data/treatments.yaml``; raise :class:`DataError` listing every problem."""
    r = _Reader(path, "treatments", root)
    treatments_node = r.child(r.node, "treatments")
    treatments: dict[str, Treatment] = {}
    for key, entry in r.data["treatments"].items():
        node = r.child(treatments_node, key)
        side = entry.get("side_effects") or {}
        side_node = r.child(node, "side_effects")

        def items(name: str, parent: dict[str, Any], pnode: Any, key: str = key) -> list[Item]:
            return read_items(r, parent.get(name), r.child(pnode, name), f"{key}.{name}")

        contraindications = items("contraindications", entry, node)
        common = items("common", side, side_node)
        if not contraindications:
            r.problem(
                node,
                f"treatment {key!r} lists no contraindications",
                "every treatment must list who should not have it",
            )
        if not common:
            r.problem(
                node,
                f"treatment {key!r} lists no common side effects",
                "every treatment must list its side effects",
            )
        treatments[key] = Treatment(
            key=key,
            name=" ".join(entry["name"].split()),
            kind=str(entry.get("kind", "")),
            procedure_type=str(entry.get("procedure_type", "PercutaneousProcedure")),
            body_locations=[str(x) for x in entry.get("body_locations") or []],
            how_performed=" ".join(entry["how_performed"].split()),
            preparation=" ".join(entry["preparation"].split()),
            contraindications=contraindications,
            side_effects_common=common,
            side_effects_rare=items("rare", side, side_node),
            aftercare=items("aftercare", entry, node),
            when_to_call=items("when_to_call", entry, node),
            will_not=items("will_not", entry, node),
        )
    if "contradictions" in r.data:
        # An older registry listed sentences that deny a safety section; the claims rules
        # marked ``contradicts:`` find them now, with negation and questions understood.
        r.problem(
            r.child(r.node, "contradictions") or r.node,
            "'contradictions:' is no longer read: the claims rules find sentences that deny a"
            " safety section (see the rules with 'contradicts:' in docs/rules.md)",
            "delete the 'contradictions:' block; to add a wording, add it to a rule in"
            " plugins/claims_lint/rules/en/safety-absolute.yaml with an example",
        )
    r.done()
    return Registry(path=str(path), treatments=treatments)


def load_clinic(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Read ``content/data/clinic.yaml`` (name, contact details, opening hours, team)."""
    r = _Reader(path, "clinic", root)
    return r.data
