"""The evidence register (``content/data/evidence.yaml``): studies that may clear a claim."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import FrontMatterError, load_yaml
from .model import ConfigError
from .rules import CATEGORY_IDS

__all__ = ["EvidenceEntry", "EvidenceRegister", "load_evidence", "parse_evidence"]

# Categories the taxonomy marks "evidence can clear it: no"; an entry may not claim to support them.
NEVER_CLEARABLE = frozenset(
    {
        "safety-absolute",
        "fat-dissolving",
        "detox-toxins",
        "prescription-medicine",
        "pressure-trivialising",
        "body-image-minors",
        "natural-so-safe",
    }
)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^\d{1,9}$")
_URL = re.compile(r"^https?://\S+$")
TOP_KEYS = ("entries", "version")
ENTRY_KEYS = (
    "citation",
    "doi",
    "pmid",
    "url",
    "supports",
    "approved_by",
    "approved_on",
    "review_by",
    "summary",
)
SUPPORTS_KEYS = ("categories", "treatments")


@dataclass(frozen=True)
class EvidenceEntry:
    id: str
    citation: str
    categories: tuple[str, ...]
    treatments: tuple[str, ...]
    approved_by: str
    approved_on: dt.date | None
    review_by: dt.date
    doi: str = ""
    pmid: str = ""
    url: str = ""
    summary: str = ""
    line: int = 0

    def expired(self, today: dt.date) -> bool:
        return self.review_by < today

    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@dataclass
class EvidenceRegister:
    entries: dict[str, EvidenceEntry]
    path: str = ""
    digest: str = ""

    @classmethod
    def empty(cls) -> EvidenceRegister:
        return cls({}, "", "none")

    def get(self, key: str) -> EvidenceEntry | None:
        return self.entries.get(key)


def _date(value: Any, where: str, key: str, line: int, required: bool) -> dt.date | None:
    if value is None:
        if required:
            raise ConfigError(where, line, f"'{key}' is required (a date such as 2027-03-01)")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        msg = f"'{key}' must be a date like 2027-03-01, not {value!r}"
        raise ConfigError(where, line, msg) from None


def parse_evidence(text: str, path: str = "evidence.yaml") -> EvidenceRegister:
    """Parse and validate a register; any problem is a :class:`ConfigError` with file:line."""
    try:
        node, data = load_yaml(text, path)
    except FrontMatterError as exc:
        raise ConfigError(path, exc.line, exc.message, exc.hint) from None
    if data is None:
        return EvidenceRegister({}, path, hashlib.sha256(text.encode()).hexdigest()[:16])
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise ConfigError(path, 1, "the register must have an 'entries:' mapping of id → entry")
    entry_nodes: dict[str, yaml.Node] = {}
    key_lines: dict[str, int] = {}
    for k, v in node.value:  # type: ignore[union-attr]
        if k.value == "entries" and isinstance(v, yaml.MappingNode):
            entry_nodes = {ek.value: ev for ek, ev in v.value}
            key_lines = {ek.value: ek.start_mark.line + 1 for ek, _ in v.value}

    def line_of(eid: str, key: str | None = None) -> int:
        n = entry_nodes.get(eid)
        if n is None:
            return 1
        if key and isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if k.value == key:
                    return v.start_mark.line + 1
        return key_lines.get(eid, n.start_mark.line + 1)

    _unknown_keys(path, node, TOP_KEYS, "the register")
    entries: dict[str, EvidenceEntry] = {}
    for eid, raw in data["entries"].items():
        eid = str(eid)
        line = line_of(eid)
        if not _ID.match(eid):
            raise ConfigError(path, line, f"evidence id {eid!r} may use letters, digits, . _ -")
        if not isinstance(raw, dict):
            raise ConfigError(path, line, f"entry {eid!r} must be a mapping of fields")
        _unknown_keys(path, entry_nodes.get(eid), ENTRY_KEYS, f"entry {eid!r}")
        citation = raw.get("citation")
        if not isinstance(citation, str) or len(citation.strip()) < 10:
            raise ConfigError(path, line_of(eid, "citation"), f"{eid}: 'citation' is required")
        doi, pmid, url = (str(raw.get(k) or "").strip() for k in ("doi", "pmid", "url"))
        if not (doi or pmid or url):
            raise ConfigError(path, line, f"{eid}: give at least one of doi, pmid or url")
        if doi and not _DOI.match(doi):
            raise ConfigError(
                path, line_of(eid, "doi"), f"{eid}: {doi!r} is not a DOI (10.xxxx/...)"
            )
        if pmid and not _PMID.match(pmid):
            raise ConfigError(path, line_of(eid, "pmid"), f"{eid}: PMID must be digits")
        if url and not _URL.match(url):
            raise ConfigError(path, line_of(eid, "url"), f"{eid}: url must start with https://")
        supports = raw.get("supports")
        if not isinstance(supports, dict):
            raise ConfigError(path, line, f"{eid}: 'supports:' with 'categories:' is required")
        supports_node = _child(entry_nodes.get(eid), "supports")
        _unknown_keys(path, supports_node, SUPPORTS_KEYS, f"{eid}: 'supports'")
        cats = supports.get("categories")
        if not isinstance(cats, list) or not cats:
            raise ConfigError(path, line_of(eid, "supports"), f"{eid}: list supported categories")
        for c in cats:
            if c not in CATEGORY_IDS:
                raise ConfigError(path, line_of(eid, "supports"), f"{eid}: unknown category {c!r}")
            if c in NEVER_CLEARABLE:
                raise ConfigError(
                    path,
                    line_of(eid, "supports"),
                    f"{eid}: evidence cannot clear {c} claims (the taxonomy says no)",
                )
        treatments = supports.get("treatments") or []
        if not isinstance(treatments, list) or not all(isinstance(t, str) for t in treatments):
            raise ConfigError(path, line_of(eid, "supports"), f"{eid}: treatments must be a list")
        approved_by = raw.get("approved_by")
        if not isinstance(approved_by, str) or not approved_by.strip():
            raise ConfigError(path, line, f"{eid}: 'approved_by' (who approved it) is required")
        approved_on = _date(
            raw.get("approved_on"), path, "approved_on", line_of(eid, "approved_on"), False
        )
        review_by = _date(raw.get("review_by"), path, "review_by", line_of(eid, "review_by"), True)
        assert review_by is not None
        if approved_on and review_by < approved_on:
            raise ConfigError(
                path, line_of(eid, "review_by"), f"{eid}: review_by is before approved_on"
            )
        entries[eid] = EvidenceEntry(
            id=eid,
            citation=citation.strip(),
            categories=tuple(cats),
            treatments=tuple(treatments),
            approved_by=approved_by.strip(),
            approved_on=approved_on,
            review_by=review_by,
            doi=doi,
            pmid=pmid,
            url=url,
            summary=str(raw.get("summary") or "").strip(),
            line=line,
        )
    return EvidenceRegister(entries, path, hashlib.sha256(text.encode()).hexdigest()[:16])


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _unknown_keys(path: str, node: yaml.Node | None, known: tuple[str, ...], where: str) -> None:
    """A misspelt key would silently drop what it holds: refuse it, with a "did you mean"."""
    if not isinstance(node, yaml.MappingNode):
        return
    for k, _ in node.value:
        name = k.value if isinstance(k, yaml.ScalarNode) else "?"
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(known)
            raise ConfigError(path, k.start_mark.line + 1, f"unknown key {name!r} in {where}", hint)


def load_evidence(path: str | Path) -> EvidenceRegister:
    """Read and validate an evidence register file."""
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):
            raise ConfigError(
                str(path), 0, "the evidence register is not a regular file", "replace it with one"
            )
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), 0, "evidence register not found") from None
    except OSError as exc:
        raise ConfigError(
            str(path),
            0,
            f"cannot read the evidence register: {exc.strerror or exc}",
            "check that the file exists and that you may read it",
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), 1, "the evidence register is not UTF-8 text") from None
    return parse_evidence(text, str(path))
