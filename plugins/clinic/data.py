"""The clinic's data files: the treatment registry and the clinic's own details.

Clinicians own these YAML files; this module only reads and checks them, reporting every
problem at its file and line. Nothing here knows about Pelican.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from claims_lint.frontmatter import FrontMatterError, load_yaml

from .problems import Problem

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SAFETY_BLOCKS = ("contraindications", "side-effects")


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
    contradictions: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)


class _Reader:
    """Walks one YAML file's node tree, collecting problems with their lines."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataError(
                [Problem(self.path, 0, 0, "file not found", "create it; see docs/")]
            ) from None
        except UnicodeDecodeError:
            raise DataError(
                [Problem(self.path, 0, 0, "not UTF-8 text", "save the file as UTF-8")]
            ) from None
        try:
            self.node, self.data = load_yaml(text, self.path)
        except FrontMatterError as exc:
            raise DataError(
                [Problem(self.path, exc.line, exc.column, exc.message, exc.hint)]
            ) from None

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
    if value is None:
        return []
    if not isinstance(value, list):
        r.problem(node, f"{what} must be a list of items", "write '- id: pregnancy' / 'text: …'")
        return []
    items: list[Item] = []
    seen: set[str] = set()
    for item, item_node in _flatten(value, node):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            r.problem(
                item_node,
                f"each item of {what} needs an 'id' and a 'text'",
                "write it as '- id: bruising' and '  text: Bruising'",
            )
            continue
        item_id = str(item.get("id", ""))
        if not ITEM_ID.match(item_id):
            r.problem(
                item_node,
                f"item id {item_id!r} in {what} is not a short lowercase name",
                "use letters, digits and hyphens, e.g. 'bleeding-disorder'",
            )
            continue
        if item_id in seen:
            r.problem(item_node, f"item id {item_id!r} appears twice in {what}", "keep one")
            continue
        seen.add(item_id)
        items.append(Item(item_id, " ".join(item["text"].split()), item.get("source", source)))
    return items


def load_registry(path: Path) -> Registry:
    """Read ``content/data/treatments.yaml``; raise :class:`DataError` listing every problem."""
    r = _Reader(path)
    if not isinstance(r.data, dict) or not isinstance(r.data.get("treatments"), dict):
        r.problem(
            r.node,
            "the registry needs a 'treatments:' mapping of treatment keys",
            "see the comment at the top of content/data/treatments.yaml",
        )
        r.done()
    treatments_node = r.child(r.node, "treatments")
    treatments: dict[str, Treatment] = {}
    required_text = ("name", "how_performed", "preparation")
    for key, entry in r.data["treatments"].items():
        node = r.child(treatments_node, key)
        if not isinstance(entry, dict):
            r.problem(node, f"treatment {key!r} must be a mapping of fields")
            continue
        for name in required_text:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                r.problem(node, f"treatment {key!r} has no {name!r}", f"add '{name}: …'")
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
            name=" ".join(str(entry.get("name", key)).split()),
            kind=str(entry.get("kind", "")),
            procedure_type=str(entry.get("procedure_type", "PercutaneousProcedure")),
            body_locations=[str(x) for x in entry.get("body_locations") or []],
            how_performed=" ".join(str(entry.get("how_performed", "")).split()),
            preparation=" ".join(str(entry.get("preparation", "")).split()),
            contraindications=contraindications,
            side_effects_common=common,
            side_effects_rare=items("rare", side, side_node),
            aftercare=items("aftercare", entry, node),
            when_to_call=items("when_to_call", entry, node),
            will_not=items("will_not", entry, node),
        )
    contradictions: dict[str, list[re.Pattern[str]]] = {}
    raw = r.data.get("contradictions") or {}
    raw_node = r.child(r.node, "contradictions")
    for block, patterns in raw.items() if isinstance(raw, dict) else []:
        block_node = r.child(raw_node, block)
        if block not in SAFETY_BLOCKS:
            r.problem(
                block_node,
                f"unknown safety block {block!r} under contradictions",
                f"use one of: {', '.join(SAFETY_BLOCKS)}",
            )
            continue
        compiled = []
        for pattern, pnode in _flatten(patterns, block_node):
            try:
                compiled.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error as exc:
                r.problem(pnode, f"this pattern is not a valid regular expression: {exc}")
        contradictions[block] = compiled
    r.done()
    return Registry(path=str(path), treatments=treatments, contradictions=contradictions)


CLINIC_REQUIRED = ("name", "phone", "email", "booking_url", "address", "team")
ADDRESS_REQUIRED = ("street", "locality", "postcode", "country")


def load_clinic(path: Path) -> dict[str, Any]:
    """Read ``content/data/clinic.yaml`` (name, contact details, opening hours, team)."""
    r = _Reader(path)
    data = r.data if isinstance(r.data, dict) else {}
    for key in CLINIC_REQUIRED:
        if not data.get(key):
            r.problem(r.node, f"clinic details have no {key!r}", f"add '{key}: …'")
    address = data.get("address")
    if isinstance(address, dict):
        for key in ADDRESS_REQUIRED:
            if not address.get(key):
                r.problem(
                    r.child(r.node, "address"),
                    f"the address has no {key!r}",
                    f"add '{key}: …' under address",
                )
    team = data.get("team")
    if isinstance(team, dict):
        for key, member in team.items():
            if not isinstance(member, dict) or not member.get("name"):
                r.problem(
                    r.child(r.child(r.node, "team"), key),
                    f"team member {key!r} needs at least a 'name'",
                )
    r.done()
    return data
