r"""Rules are data: one YAML file per taxonomy category in ``rules/``.

Patterns are regular expressions over *clean, lower-case* text with a few conveniences so rule
authors write readable patterns that still catch spelling and inflection variants:

* a space matches any run of whitespace or hyphens (``side effects`` = ``side-effects``);
* a hyphen (or ``-?``) is optional and may be spaced (``pain-free`` = ``painfree``,
  ``pain free``, ``pain - free``); write ``\-`` for a literal hyphen;
* an apostrophe is optional (``doesn't`` = ``doesnt``);
* ``word~`` adds inflections (``melt~`` = melt, melts, melted, melting; ``reduce~`` = reduce,
  reduces, reduced, reducing);
* ``{ise}``, ``{yse}``, ``{ou}``, ``{ae}``, ``{oe}``, ``{re}``, ``{ll}`` and ``{ageing}`` cover
  British and American spellings; a file's ``macros:`` block adds named sub-patterns.

Each rule lists ``anchors``: literal word starts one of which every match contains. One
combined scan for anchors picks the sentences worth running a rule on, which keeps a 4 MB file
well under a second.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import SafeLoader
from .model import ConfigError

__all__ = [
    "CATEGORY_IDS",
    "PROFILES",
    "Category",
    "Rule",
    "RuleSet",
    "compile_pattern",
    "load_rules",
]

CATEGORY_IDS = (
    "safety-absolute",
    "pain-absolute",
    "downtime-absolute",
    "guaranteed-permanent",
    "efficacy-overclaim",
    "fat-dissolving",
    "cellulite-claim",
    "detox-toxins",
    "age-reversal",
    "medical-condition",
    "prescription-medicine",
    "pressure-trivialising",
    "body-image-minors",
    "natural-so-safe",
    "comparison-denigration",
    "unverified-stat-superlative",
    "testimonial-before-after",
)
PROFILES = ("uk", "us", "eu")
RULES_VERSION = "1"  # bump when the engine changes how rules behave (invalidates caches)

_MACROS = {
    "ise": "(?:is|iz)",
    "yse": "(?:ys|yz)",
    "ou": "(?:ou|o)",
    "ae": "(?:ae|e|æ)",
    "oe": "(?:oe|e)",
    "re": "(?:re|er)",
    "ll": "(?:ll|l)",
    "ageing": "(?:ageing|aging)",
}
_SEP = r"[\s\-]+"
_HYPHEN = r"(?:\s*-\s*|\s+)?"


_SUFFIX = "(?:e|es|ed|ing|s|d)?"


def _inflect(word: str) -> str:
    """A generous regex for ``word`` and its regular inflections (stem or full word).

    Over-generation is harmless here (the text is English prose), missing a form is not.
    """
    vowels = "aeiou"
    if word.endswith("y") and len(word) > 2 and word[-2] not in vowels:
        return f"{word[:-1]}(?:y|ies|ied|ying)"
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + _SUFFIX
    if (
        len(word) >= 3
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    ):  # stop → stopped, slim → slimming
        last = word[-1]
        return f"{word}(?:{last}ed|{last}ing|{last}er|e|es|ed|ing|s|d)?"
    return word + _SUFFIX


def compile_pattern(pattern: str, macros: dict[str, str] | None = None) -> str:
    """Expand the rule pattern conveniences into a plain regular expression string."""
    table = {**_MACROS, **(macros or {})}

    def macro(m: re.Match[str]) -> str:
        name = m.group(1)
        return table[name] if name in table else m.group(0)

    for _ in range(3):  # macros may use macros
        pattern = re.sub(r"\{([a-z_]+)\}", macro, pattern)
    pattern = re.sub(r"([a-z]+)~", lambda m: _inflect(m.group(1)), pattern)
    pattern = pattern.replace("~", _SUFFIX)
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c == " ":
            while i + 1 < n and pattern[i + 1] == " ":
                i += 1
            if i + 1 < n and pattern[i + 1] == "?":  # "a ?b": optional space
                i += 1
                out.append(r"[\s\-]*")
            else:
                out.append(_SEP)
        elif c == "-":  # an optional hyphen or space: pain-free = painfree = pain free
            if i + 1 < n and pattern[i + 1] == "?":
                i += 1
            out.append(_HYPHEN)
        elif c == "'":
            out.append("'?")
        else:
            out.append(c)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    evidence: str  # what the taxonomy says: "no", "yes", or a short condition
    clearable: bool
    rests_on: str
    description: str


@dataclass
class Rule:
    code: str
    category: str
    name: str
    severity: str
    profiles: tuple[str, ...]
    patterns: tuple[str, ...]
    anchors: tuple[str, ...]
    message: str
    why: str
    suggestion: str
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    clearable: bool
    questions: str = "exempt"  # "exempt": a question is not a claim; "flag": it still is
    negatable: bool = True
    hedgeable: bool = True
    post_negation: bool = False
    unless: tuple[str, ...] = ()
    requires_doc: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    regex: re.Pattern[str] = field(default=None, repr=False)  # type: ignore[assignment]
    unless_re: re.Pattern[str] | None = field(default=None, repr=False)
    requires_doc_re: re.Pattern[str] | None = field(default=None, repr=False)


@dataclass
class RuleSet:
    categories: dict[str, Category]
    rules: list[Rule]
    version: str
    profile: str = "uk"

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}


_REQUIRED = ("code", "patterns", "anchors", "message", "why", "suggestion", "examples")
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_ANCHOR = re.compile(r"^[a-z0-9%£$#\"][a-z0-9%']*$")


def _rules_dir() -> Path:
    return Path(str(resources.files("claims_lint") / "rules"))


def _severity_for(raw: Any, profile: str, where: str) -> str:
    if isinstance(raw, dict):
        raw = raw.get(profile, raw.get("default", "error"))
    if raw not in ("error", "warning", "off"):
        raise ConfigError(where, 0, f"severity must be error, warning or off, not {raw!r}")
    return str(raw)


def _load_file(path: Path, profile: str) -> tuple[Category, list[Rule]]:
    text = path.read_text(encoding="utf-8")
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), 0, f"broken rule file: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[int, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "rules" and isinstance(v, yaml.SequenceNode):
                for i, item in enumerate(v.value):
                    lines[i] = item.start_mark.line + 1
    if not isinstance(data, dict) or "category" not in data:
        raise ConfigError(str(path), 1, "a rule file needs 'category' and 'rules'")
    cid = data["category"]
    if cid not in CATEGORY_IDS:
        raise ConfigError(str(path), 1, f"unknown category {cid!r}")
    cat = Category(
        id=cid,
        title=str(data.get("title", cid)),
        evidence=str(data.get("evidence", "no")),
        clearable=bool(data.get("clearable", False)),
        rests_on=str(data.get("rests_on", "")),
        description=str(data.get("description", "")),
    )
    macros = {k: compile_pattern(str(v)) for k, v in (data.get("macros") or {}).items()}
    rules: list[Rule] = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"{path}:{lines.get(i, 0)}"
        missing = [k for k in _REQUIRED if k not in raw]
        if missing:
            raise ConfigError(where, 0, f"rule is missing {', '.join(missing)}")
        code = str(raw["code"])
        if not _CODE.match(code):
            raise ConfigError(where, 0, f"rule code {code!r} must look like ABC123")
        anchors = tuple(str(a) for a in raw["anchors"])
        bad = [
            a for a in anchors if not _ANCHOR.match(a)
        ]  # YAML reads a bare no as False: quote it
        if bad or not anchors:
            raise ConfigError(where, 0, f"{code}: anchors must be lower-case word starts: {bad}")
        patterns = tuple(str(p) for p in raw["patterns"])
        compiled = "|".join(f"(?:{compile_pattern(p, macros)})" for p in patterns)
        try:
            # Text is lower-cased before matching: no re.IGNORECASE (it is 2-3x slower).
            regex = re.compile(rf"(?<![a-z0-9])(?:{compiled})(?![a-z0-9])")
        except re.error as exc:
            raise ConfigError(where, 0, f"{code}: bad pattern: {exc}") from None
        ex = raw.get("examples") or {}
        profiles = tuple(raw.get("profiles", PROFILES))
        unless = tuple(str(p) for p in raw.get("unless", ()))
        requires_doc = tuple(str(p) for p in raw.get("requires_doc", ()))
        rules.append(
            Rule(
                code=code,
                category=cid,
                name=str(raw.get("name", code.lower())),
                severity=_severity_for(raw.get("severity", "error"), profile, where),
                profiles=profiles,
                patterns=patterns,
                anchors=anchors,
                message=str(raw["message"]).strip(),
                why=str(raw["why"]).strip(),
                suggestion=str(raw["suggestion"]).strip(),
                examples_match=tuple(ex.get("match") or ()),
                examples_no_match=tuple(ex.get("no_match") or ()),
                clearable=bool(raw.get("clearable", cat.clearable)),
                questions=str(raw.get("questions", data.get("questions", "exempt"))),
                negatable=bool(raw.get("negatable", True)),
                hedgeable=bool(raw.get("hedgeable", data.get("hedgeable", True))),
                post_negation=bool(raw.get("post_negation", False)),
                unless=unless,
                requires_doc=requires_doc,
                source=path.name,
                line=lines.get(i, 0),
                regex=regex,
                unless_re=re.compile("|".join(compile_pattern(u, macros) for u in unless))
                if unless
                else None,
                requires_doc_re=re.compile(
                    "|".join(compile_pattern(u, macros) for u in requires_doc)
                )
                if requires_doc
                else None,
            )
        )
    return cat, rules


@lru_cache(maxsize=16)
def _load_all(rules_dir: str, profile: str) -> tuple[dict[str, Category], list[Rule], str]:
    directory = Path(rules_dir)
    digest = hashlib.sha256(RULES_VERSION.encode())
    categories: dict[str, Category] = {}
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        cat, file_rules = _load_file(path, profile)
        if cat.id in categories:
            raise ConfigError(str(path), 1, f"category {cat.id} is defined twice")
        categories[cat.id] = cat
        rules.extend(file_rules)
    codes: dict[str, str] = {}
    for r in rules:
        if r.code in codes:
            raise ConfigError(r.source, r.line, f"rule code {r.code} is used twice")
        codes[r.code] = r.source
    return categories, rules, digest.hexdigest()[:16]


def load_rules(
    profile: str = "uk",
    disable: tuple[str, ...] | list[str] = (),
    rules_dir: str | Path | None = None,
    all_profiles: bool = False,
) -> RuleSet:
    """Load and compile the rules for ``profile``, minus codes or categories in ``disable``."""
    if profile not in PROFILES:
        raise ConfigError("<config>", 0, f"unknown profile {profile!r} (use uk, us or eu)")
    categories, rules, version = _load_all(str(rules_dir or _rules_dir()), profile)
    off = set(disable)
    chosen = [
        r
        for r in rules
        if (all_profiles or profile in r.profiles)
        and r.severity != "off"
        and r.code not in off
        and r.category not in off
    ]
    return RuleSet(categories=categories, rules=chosen, version=version, profile=profile)
