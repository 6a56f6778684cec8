"""A treatment page's safety information: the registry's items plus the page's own additions.

A page may add items, never remove or reword one. Its text may not contradict the safety
sections either ("there are no side effects"); the claims rules that carry ``contradicts:``
find that, with the same negation and question handling as every other claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claims_lint.frontmatter import FrontMatter

from .data import Item, Treatment
from .problems import Problem


@dataclass
class Safety:
    """What the theme renders in the safety sections and the JSON-LD."""

    contraindications: list[Item] = field(default_factory=list)
    side_effects_common: list[Item] = field(default_factory=list)
    side_effects_rare: list[Item] = field(default_factory=list)
    aftercare: list[Item] = field(default_factory=list)
    when_to_call: list[Item] = field(default_factory=list)
    will_not: list[Item] = field(default_factory=list)

    def required(self) -> dict[str, list[Item]]:
        """Section id -> the items that section must show (checked on the written HTML)."""
        return {
            "contraindications": self.contraindications,
            "side-effects": self.side_effects_common + self.side_effects_rare,
            "aftercare": self.aftercare + self.when_to_call,
        }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "item"


def _additions(
    fm: FrontMatter, path: tuple[str, ...], base: list[Item], problems: list[Problem]
) -> list[Item]:
    value: Any = fm.data
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return []
    where = ".".join(path)
    if not isinstance(value, list):
        problems.append(
            Problem(
                fm.path,
                fm.line_of(*path),
                0,
                f"'{where}' must be a list of extra items",
                "the registry's items are always shown; list only additions, "
                "e.g. '- Recent sunburn on the area'",
                code="schema",
            )
        )
        return []
    known = {item.id for item in base}
    added: list[Item] = []
    for i, entry in enumerate(value):
        line = fm.line_of(*path, i)
        if isinstance(entry, str):
            item = Item(_slug(entry), " ".join(entry.split()), "page")
        elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
            item = Item(
                str(entry.get("id") or _slug(entry["text"])),
                " ".join(entry["text"].split()),
                "page",
            )
        else:
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"item {i + 1} of '{where}' has no text",
                    "write the item as a line of text",
                    code="schema",
                )
            )
            continue
        if item.id in known:
            problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"'{item.id}' is already in {where} from the registry",
                    "remove it from the page: pages may add items, not change "
                    "or remove the registry's",
                    code="schema",
                )
            )
            continue
        known.add(item.id)
        added.append(item)
    return added


def merge(fm: FrontMatter, treatment: Treatment) -> tuple[Safety, list[Problem]]:
    """The registry's safety items for ``treatment`` with the page's additions after them."""
    problems: list[Problem] = []
    side = fm.data.get("side_effects")
    if side is not None and not isinstance(side, dict):
        side = None  # the schema already reported it
    elif isinstance(side, dict):
        for key in side:
            if key not in ("common", "rare"):
                problems.append(
                    Problem(
                        fm.path,
                        fm.line_of("side_effects", key),
                        0,
                        f"unknown group 'side_effects.{key}'",
                        "use 'common' or 'rare'",
                        code="schema",
                    )
                )

    def add(path: tuple[str, ...], base: list[Item]) -> list[Item]:
        return base + _additions(fm, path, base, problems)

    all_side = treatment.side_effects_common + treatment.side_effects_rare
    common = _additions(fm, ("side_effects", "common"), all_side, problems)
    rare = _additions(fm, ("side_effects", "rare"), all_side + common, problems)
    safety = Safety(
        contraindications=add(("contraindications",), treatment.contraindications),
        side_effects_common=treatment.side_effects_common + common,
        side_effects_rare=treatment.side_effects_rare + rare,
        aftercare=add(("aftercare",), treatment.aftercare),
        when_to_call=list(treatment.when_to_call),
        will_not=list(treatment.will_not),
    )
    return safety, problems
