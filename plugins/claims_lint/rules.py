"""Rules are data: ``rules/categories.yaml`` plus, per language, concepts and one file per category.

Layout of ``plugins/claims_lint/rules/``::

    categories.yaml          the 17 taxonomy categories: title, what rests on them, defaults
    en/language.yaml         the English language pack (see language.py)
    en/concepts.yaml         shared word lists: {side-effects}, {none}, {rare}, {surgery}, ...
    en/<category>.yaml       the rules of one category

Each rule has a **kind** (as Vale and LanguageTool have them):

``existence``
    one of ``patterns`` occurs (a phrase, with the conveniences of patterns.py);
``frame``
    a ``topic`` and a claim in one clause, the claim ``before`` the topic ("no side effects")
    and/or ``after`` it ("side effects are extremely rare"), at most ``gap`` words apart, the
    gap holding no clause break and no negator, or through a list (the pack's
    ``clauses.lists``: "no bruising, swelling or downtime"); ``claim`` sets both sides;
``comparison``
    a ``comparative`` ("safer", "more effective") set against a ``target`` ("surgery");
``rank``
    a ``superlative`` ("the best", "number one") applied to a ``scope`` ("clinic", "team").

Comparison and rank templates (the function words "than", "voted", ...) come from the language
pack. Anchors for the prefilter are derived from the compiled regex (patterns.py), never written
by hand. Every rule lists examples; a match example marks the words it must match with
``[[...]]``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .language import LanguagePack, load_language, load_reviewed_yaml, rules_root
from .model import ConfigError
from .patterns import PICTURE_GAP, PatternCompiler, concept_marker, required_literals

__all__ = [
    "CATEGORY_IDS",
    "KINDS",
    "PROFILES",
    "Category",
    "Example",
    "Rule",
    "RuleSet",
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
KINDS = ("existence", "frame", "comparison", "rank")
RULES_VERSION = "2"  # bump when the engine changes how rules behave (invalidates caches)

# Python's ``re`` keeps 512 compiled patterns; the rules have more than that (every branch,
# every ``unless``), so each new linter in a process (a benchmark run, the language server
# reloading rules, a test) would compile them all again. This memo keeps them for the process.
compile_regex = functools.lru_cache(maxsize=8192)(re.compile)

_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_SPAN = re.compile(r"\[\[(.+?)\]\]")
_REQUIRED = ("code", "kind", "message", "why", "suggestion", "examples")
_RULE_KEYS = {
    "code", "name", "kind", "severity", "profiles", "patterns", "topic", "claim", "before",
    "after", "gap", "gap_before", "gap_after", "comparative", "target", "superlative", "scope",
    "message", "why", "suggestion", "examples", "clearable", "questions", "negatable",
    "hedgeable", "post_negation", "unless", "unless_clause", "informs", "unless_before",
    "unless_after",
    "requires_doc",
    "defers", "contradicts", "confidence", "replaces", "cleared_by", "gap_commas", "unless_scope",
    "stands_beside", "still_if", "balanced", "still_if_named", "page_voice", "reported_keeps",
    "own_voice_holds",
}  # fmt: skip
_DEFAULT_GAP = 3


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    evidence: str  # what the taxonomy says: "no", "yes", or a short condition
    clearable: bool
    rests_on: str
    description: str
    hedgeable: bool = False
    questions: str = "exempt"
    balanced: bool = False  # a hedge AND a stated limit ("but it is not a cure") soften it
    own_voice_holds: bool = False  # a hedged claim the clinic makes its own stays a claim
    page_voice: bool = False  # its rules are cleared on a health service's own page


@dataclass(frozen=True)
class Branch:
    """One way a rule can match (a pattern, a frame side, a template), with its anchors: every
    clause (a set of literal words) must have one word in the sentence for it to be tried.

    The regex is compiled when it is first needed: compiling every rule took most of the
    linter's start-up, and a short page needs few of them. (The pattern was parsed when its
    anchors were derived; a pattern Python still refuses is a ``ConfigError`` naming it.)"""

    pattern: str
    anchors: tuple[frozenset[str], ...]
    code: str = ""

    @cached_property  # stored in the instance's __dict__, so the frozen dataclass allows it
    def regex(self) -> re.Pattern[str]:
        try:
            return compile_regex(self.pattern)
        except re.error as exc:
            message = f"{self.code}: a pattern is not valid: {exc}"
            raise ConfigError("rules", 0, message) from None


@dataclass(frozen=True)
class Example:
    """A rule example: the text, and for a match example the words it must match."""

    text: str
    span: str = ""


_CONTEXT_KEYS = (
    "unless",
    "unless_clause",
    "informs",
    "still_if",
    "unless_before",
    "unless_after",
    "requires_doc",
)


class _ContextTest:
    """``Rule.unless_re`` and its kind: the context test ``unless`` (and so on) compiled on
    first use, then kept in the rule's ``__dict__``, which Python reads before this descriptor
    (as ``functools.cached_property`` does)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.key = name.removesuffix("_re")

    def __get__(self, rule: Rule | None, owner: type | None = None) -> Any:  # a Pattern or None
        if rule is None:
            return self
        value = rule.__dict__[self.name] = rule._compiled(self.key)
        return value


@dataclass
class Rule:
    code: str
    category: str
    name: str
    kind: str
    severity: str
    profiles: tuple[str, ...]
    spec: dict[str, Any]  # what the author wrote: patterns, or the kind's slots
    message: str
    why: str
    suggestion: str
    examples_match: tuple[Example, ...]
    examples_no_match: tuple[str, ...]
    clearable: bool
    questions: str = "exempt"  # "exempt": a topic question is not a claim; "flag": it still is
    negatable: bool = True
    hedgeable: bool = False
    balanced: bool = False  # softened by a hedge with the limits it names (language pack)
    own_voice_holds: bool = False  # no hedge softens it in the clinic's words (judges.py)
    post_negation: bool = False
    defers: bool = False  # yields to any finding of another category on the same words ...
    stands_beside: tuple[str, ...] = ()  # ... except these categories: both are reported
    contradicts: str = ""  # the safety section of a treatment page this claim denies
    confidence: float = 1.0
    replaces: tuple[str, ...] = ()  # retired codes whose suppressions now mean this rule
    cleared_by: tuple[str, ...] = ()  # evidence for these categories clears it (default: own)
    unless_scope: str = "sentence"  # where ``unless`` looks: the sentence, or its paragraph
    # a clinic's own name in the sentence outweighs an information cue, as ``still_if`` does
    # ("... so get genuine Botox at Glow Clinic"; the pack's ``voice``)
    still_if_named: bool = False
    # the rule's information cues (``informs``) clear a claim only on a page that speaks as a
    # health service and does not sell (the pack's ``voice.page_*``; detectors._Page)
    page_voice: bool = False
    # kinds of reported body (the pack's ``reported_kinds``) that report the claim but do not
    # clear it: a myth the page busts still names a medicine (judges.ReportedJudge)
    reported_keeps: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    branches: tuple[Branch, ...] = ()  # what the prefilter and the detector run
    # The context tests as regex source; each is compiled on first use (the ``*_re``
    # properties). Compiling all of them was most of the linter's start-up, and a run needs
    # only those of the rules that match. ``compile_context`` compiles them all at once.
    unless_src: str | None = field(default=None, repr=False)
    # as ``unless``, but only in the claim's own clause: a cue that speaks of the reader's own
    # medicines ("if you have had Botox") clears the medicine it names, not one named in
    # another clause ("Botox smooths every line, so tell us if you have had it")
    unless_clause_src: str | None = field(default=None, repr=False)
    # as ``unless``, for cues that the sentence informs rather than sells ("Botulinum toxin
    # relaxes the muscle"), which hold only on a page that informs (``page_voice``) and not
    # beside the clinic's name (``still_if_named``); honest safety information stays ``unless``
    informs_src: str | None = field(default=None, repr=False)
    # ... but not when this matches too: an offer in the sentence outweighs an information cue
    still_if_src: str | None = field(default=None, repr=False)
    unless_before_src: str | None = field(default=None, repr=False)
    unless_after_src: str | None = field(default=None, repr=False)
    requires_doc_src: str | None = field(default=None, repr=False)

    unless_re = _ContextTest()
    unless_clause_re = _ContextTest()
    informs_re = _ContextTest()
    still_if_re = _ContextTest()
    unless_before_re = _ContextTest()
    unless_after_re = _ContextTest()
    requires_doc_re = _ContextTest()

    def context_regex(self, key: str) -> str | None:
        """The regex source of one context test (``unless``, ``unless_before`` ...)."""
        src: str | None = getattr(self, f"{key}_src")
        if not src:
            return None
        if key == "unless_before":  # the words just before the match
            return rf"(?:{src})\W*$"
        if key == "unless_after":  # the words just after it
            return rf"\W*(?:{src})"
        return src

    def compile_context(self) -> None:
        """Compile every context test now (raises ``re.error``): a reviewer's broken
        ``unless`` is an error when the rules load, not when a page first needs it."""
        for key in _CONTEXT_KEYS:
            src = self.context_regex(key)
            if src:
                compile_regex(src)  # cached: the first use later costs nothing

    def _compiled(self, key: str) -> re.Pattern[str] | None:
        src = self.context_regex(key)
        if not src:
            return None
        try:
            return compile_regex(src)
        except re.error as exc:
            raise ConfigError(self.source, self.line, f"{self.code}: {key}: {exc}") from None

    @property
    def anchors(self) -> tuple[frozenset[str], ...]:
        """Every literal the prefilter scans for on this rule's behalf, branch by branch."""
        return tuple(c for b in self.branches for c in b.anchors)

    @property
    def patterns(self) -> tuple[str, ...]:
        """What the rule looks for, as written (for docs and listings)."""
        if self.kind == "existence":
            return tuple(self.spec.get("patterns", ()))
        return tuple(f"{k}: {v}" for k, v in self.spec.items())


@dataclass
class RuleSet:
    categories: dict[str, Category]
    rules: list[Rule]
    version: str
    profile: str = "uk"
    language: LanguagePack | None = None
    concepts: dict[str, list[str]] = field(default_factory=dict)

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def aliases(self) -> dict[str, str]:
        """Retired code -> the rule that replaced it (old suppressions keep working)."""
        return {old: r.code for r in self.rules for old in r.replaces}


# --- loading YAML with line numbers -------------------------------------------------------------


def _load(path: Path) -> tuple[Any, yaml.Node | None, bytes]:
    raw = path.read_bytes()
    data, node = load_reviewed_yaml(raw.decode("utf-8"), path)
    return data, node, raw


def _item_lines(node: yaml.Node | None, key: str) -> dict[int, int]:
    lines: dict[int, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.SequenceNode):
                for i, item in enumerate(v.value):
                    lines[i] = item.start_mark.line + 1
    return lines


def _load_categories(root: Path) -> dict[str, Category]:
    path = root / "categories.yaml"
    data, _node, _raw = _load(path)
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise ConfigError(str(path), 1, "categories.yaml needs a 'categories' mapping")
    out: dict[str, Category] = {}
    for cid, raw in data["categories"].items():
        if cid not in CATEGORY_IDS:
            raise ConfigError(str(path), 0, f"unknown category {cid!r}")
        out[cid] = Category(
            id=cid,
            title=str(raw.get("title", cid)),
            evidence=str(raw.get("evidence", "no")),
            clearable=bool(raw.get("clearable", False)),
            rests_on=str(raw.get("rests_on", "")),
            description=str(raw.get("description", "")),
            hedgeable=bool(raw.get("hedgeable", False)),
            questions=str(raw.get("questions", "exempt")),
            balanced=bool(raw.get("balanced", False)),
            own_voice_holds=bool(raw.get("own_voice_holds", False)),
            page_voice=bool(raw.get("page_voice", False)),
        )
    missing = set(CATEGORY_IDS) - set(out)
    if missing:
        raise ConfigError(str(path), 0, f"categories missing: {', '.join(sorted(missing))}")
    return out


@dataclass
class Concepts:
    """The concepts of a language: regexes for matching, markers and word clauses for the
    anchor analysis, and the words as written (for docs)."""

    regex: dict[str, str]
    markers: dict[str, str]
    clauses: list[frozenset[str] | None]
    words: dict[str, list[str]]


_MEMOS_KEPT = 7  # anchor memos of other rules kept besides the current one


class AnchorMemo:
    """The anchors derived from patterns, and the patterns expanded to regexes, kept on disk
    between runs: working them out is most of a linter's start-up, and they follow from the
    rules and the code alone, so the file is named by their hash (``version``) and a stale one
    is never read. A cache that cannot be read or written only makes start-up slower.

    The folder is ``$CLAIMS_LINT_RULES_CACHE`` (empty: no cache), else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, under ``claims-lint/``."""

    def __init__(self, version: str) -> None:
        folder = _anchor_cache_dir()
        self.path = folder / f"anchors-{version}.json" if folder else None
        self.known: dict[str, list[list[str]]] = {}
        # PatternCompiler's results, keyed by compiler tag and pattern (PatternCompiler.compile)
        self.patterns: dict[str, str] = {}
        self.added = False
        # A memo is saved only after every rule loaded and compiled: read back, it vouches
        # that these exact rules compile, so loading them need not compile them again.
        self.vouches = False
        if self.path is not None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
            if isinstance(data, dict):
                anchors, patterns = data.get("anchors"), data.get("patterns")
                if anchors and isinstance(anchors, dict) and isinstance(patterns, dict):
                    self.known, self.patterns, self.vouches = anchors, patterns, True
        self._patterns_read = len(self.patterns)

    def compiler(self, pack: LanguagePack, concepts: dict[str, str], tag: str) -> PatternCompiler:
        """A pattern compiler whose results are kept in this memo under ``tag``."""
        return PatternCompiler(pack, concepts, memo=self.patterns, tag=tag)

    def literals(
        self, regex: str, pack: LanguagePack, known: list[frozenset[str] | None]
    ) -> list[frozenset[str]]:
        got = self.known.get(regex)
        if got is None:
            found = required_literals(regex, pack.common_words, known, pack.frequent_words)
            self.known[regex] = [sorted(c) for c in found]
            self.added = True
            return found
        return [frozenset(c) for c in got]

    def save(self) -> None:
        grown = self.added or len(self.patterns) > self._patterns_read
        if not grown or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"anchors": self.known, "patterns": self.patterns}, out)
            os.replace(tmp, self.path)
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        """Remove earlier rules' anchors, but keep the most recent few: checkouts of other
        branches (and other users of the folder) use other rules, and removing theirs made
        each of them derive its anchors again on every run."""
        assert self.path is not None
        others = []
        for old in self.path.parent.glob("anchors-*.json"):
            if old != self.path:
                with contextlib.suppress(OSError):
                    others.append((old.stat().st_mtime, old))
        others.sort(reverse=True)
        for _, old in others[_MEMOS_KEPT:]:
            old.unlink(missing_ok=True)


def _anchor_cache_dir() -> Path | None:
    chosen = os.environ.get("CLAIMS_LINT_RULES_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claims-lint"


def _load_concepts(path: Path, pack: LanguagePack, memo: AnchorMemo) -> Concepts:
    """Concepts compiled to regex groups, in file order (a concept may use earlier ones)."""
    data, _node, _raw = _load(path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        raise ConfigError(str(path), 1, "concepts.yaml needs a 'concepts' mapping")
    compiled: dict[str, str] = {}
    markers: dict[str, str] = {}
    clauses: list[frozenset[str] | None] = []
    words: dict[str, list[str]] = {}
    compiler = memo.compiler(pack, compiled, "concept")
    analysis = memo.compiler(pack, markers, "concept-analysis")
    for name, raw in data["concepts"].items():
        items = raw.get("words") if isinstance(raw, dict) else raw
        if not isinstance(items, list) or not items:
            raise ConfigError(str(path), 0, f"concept {name!r} needs a list of words")
        try:
            compiled[str(name)] = compiler.compile_alternatives([str(w) for w in items])
        except KeyError as exc:
            raise ConfigError(
                str(path), 0, f"concept {name!r}: unknown reference {{{exc.args[0]}}}"
            ) from None
        words[str(name)] = [str(w) for w in items]
        try:
            if not memo.vouches:
                re.compile(compiled[str(name)])
        except re.error as exc:
            raise ConfigError(
                str(path), 0, f"concept {name!r} is not a valid pattern: {exc}"
            ) from None
        clauses.append(_concept_clause(analysis, [str(w) for w in items], pack, clauses, memo))
        markers[str(name)] = concept_marker(len(clauses) - 1)
    return Concepts(compiled, markers, clauses, words)


def _concept_clause(
    analysis: PatternCompiler,
    items: list[str],
    pack: LanguagePack,
    known: list[frozenset[str] | None],
    memo: AnchorMemo,
) -> frozenset[str] | None:
    """The words one of which every match of the concept contains (None if an item has none)."""
    out: set[str] = set()
    for item in items:
        got = memo.literals("(?:" + analysis.compile(item) + ")", pack, known)
        if not got:
            return None
        out |= got[0]
    return frozenset(out)


# --- kinds -----------------------------------------------------------------------------------


class _KindCompiler:
    """Turns a rule's slots into branches: a regex to match, and anchors from the same pattern
    compiled for analysis (concepts as markers whose words are known)."""

    def __init__(
        self,
        pack: LanguagePack,
        compiler: PatternCompiler,
        analysis: PatternCompiler,
        concept_clauses: list[frozenset[str] | None],
        templates: dict,
        memo: AnchorMemo,
    ) -> None:
        self.memo = memo
        self.pack = pack
        self.compiler = compiler
        self.analysis = analysis
        self.concept_clauses = concept_clauses
        self.templates = templates
        self._gap_word = rf"(?!(?:{pack.gap_stop})\b)[\w'%£$]+"
        self._sep = pack.gap_separator

    def gap(self, words: int, commas: bool = True) -> str:
        """Up to ``words`` words that end no clause and negate nothing, then a separator."""
        # Either a separator and up to ``words`` words, or nothing at all (a slot may end with
        # its own space, and solid compounds glue the parts: "nodowntime", "antiwrinkle").
        # A picture alone between the two is a gap as well ("no ✨ downtime"), but not one
        # with words beside it: "Skin JLT ✨ Ramadan glow" is a name, then an offer.
        sep = self._separator(commas)
        if words <= 0:
            return rf"(?:{sep}|{PICTURE_GAP}|-?)"
        return rf"(?:{sep}(?:{self._gap_word}{sep}){{0,{words}}}?|{PICTURE_GAP}|-?)"

    def _separator(self, commas: bool) -> str:
        """The pack's gap separator, without the comma where a comma would end the gap."""
        return self._sep if commas else self._sep.replace(",", "")

    def list_gap(
        self, words: int, side: str, commas: bool = True, topic: str = "(?!)", name: str = "listed"
    ) -> str:
        """A frame's gap that runs through a list (the pack's ``clauses.lists``), or "": the
        claim, a list and its last item's topic ("dissolves belly and thigh fat", "no bruising,
        swelling or downtime"), or the topic as a list's first item, then the claim ("lines,
        pores and dull tone vanish"). A joiner that opens a clause is no list's: one followed
        by a subject, or, before a topic, by a verb ("no pain and downtime is short"). Group
        ``name`` holds the items the claim reaches past, so the rule's ``unless`` is also tried
        with them left out ("adds shape and volume" is read as "adds volume" too)."""
        lists = self.pack.lists
        if lists is None or words <= 0:
            return ""
        sp, n = r"[\s\-]+", lists.item_words
        w = rf"(?!(?:{lists.item_stop})\b){self._gap_word}"
        item = rf"{w}(?:{sp}{w}){{0,{n - 1}}}"
        opens = rf"\s+(?:{lists.subjects})\b(?![-'])"
        if side == "before":
            verb = rf"(?:[^\s,;:.!?]+\s+){{0,{n - 1}}}(?:{lists.verbs})\b(?![-'])"
            opens = rf"{opens}|\s+{verb}"
        joiner = rf"(?:{lists.joiners})\b(?!{opens})"
        # a comma before the joiner only ends a list of three or more ("swelling, redness, and
        # bruising"): after a single item, ", and" opens a clause
        more = rf"(?:\s*,\s*{item}){{1,{lists.items - 1}}}\s*,?" if commas else "(?!)"
        if side == "before":
            return rf"{sp}(?P<{name}>{item}(?:{more})?\s+{joiner}\s+)(?:{w}{sp}){{0,{n - 1}}}?"
        # the topic, the list's other items, then a verb that says the claim of them all
        # ("discomfort and bruising are minimal"), and up to two words before the claim; when
        # the last item is a topic itself, the claim is its own ("flu and colds have no chance")
        after = self._separator(commas)
        said = rf"(?=(?:{lists.verbs})\b(?![-']))"
        last = rf"(?!(?:{topic})(?![a-z0-9])){item}"
        listed = rf"(?P<{name}>(?:{more})?\s+{joiner}\s+{last})"
        return rf"{listed}{after}{said}(?:{w}{after}){{0,2}}?"

    def predicate_gap(self, words: int) -> str:
        """A frame's gap over the topic's first predicate to a second one that says the claim:
        "the fat cells freeze and are eliminated", "skin is treated and looks smoother". A
        joiner followed straight by a verb starts no new subject, so the topic is still what
        the claim is about; one followed by a subject ("and it lasts") does start one. Or ""."""
        lists = self.pack.lists
        if lists is None or words <= 0:
            return ""
        sep, word, verb = self._separator(False), self._gap_word, rf"(?:{lists.verbs})\b(?![-'])"
        # the second predicate's own words before the claim: auxiliaries and an adverb ("and
        # are eventually eliminated"), nothing else ("and needs sunscreen to last" says no
        # lasting of the topic)
        aux = rf"(?:(?:{verb}|be|been){sep}){{0,2}}(?:[a-z]+ly{sep})?"
        # group "first": the topic's own predicate and the joiner, which the finding leaves
        # out (detectors.py), so the claim is the second predicate's, in its own clause
        first = rf"(?P<first>{sep}(?:{word}{sep}){{1,{words}}}?(?:{lists.joiners}){sep})"
        return rf"{first}(?={verb}){aux}"

    def _both(self, pattern: str, macros: dict[str, str]) -> tuple[str, str]:
        """The pattern compiled to match, and compiled for the anchor analysis."""
        return (
            "(?:" + self.compiler.compile(pattern, macros) + ")",
            "(?:" + self.analysis.compile(pattern, macros) + ")",
        )

    def needs(self, analysis_regex: str) -> list[frozenset[str]]:
        return self.memo.literals(analysis_regex, self.pack, self.concept_clauses)

    def slot(self, spec: dict[str, Any], name: str, macros: dict[str, str]) -> tuple[str, str]:
        value = spec.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"a {spec.get('kind', 'frame')} rule needs '{name}'")
        return self._both(value, macros)

    def build(self, kind: str, spec: dict[str, Any], macros: dict[str, str]) -> list[Branch]:
        """The rule's branches: one per pattern, frame side or template."""
        if kind == "existence":
            pats = spec.get("patterns")
            if not isinstance(pats, list) or not pats:
                raise ValueError("an existence rule needs a list of 'patterns'")
            return [self._branch(*self._both(str(p), macros)) for p in pats]
        if kind == "frame":
            return self._frame(spec, macros)
        return [self._branch(*pair) for pair in self._templated(kind, spec, macros)]

    def _branch(self, body: str, analysis: str, anchors: list | None = None) -> Branch:
        regex = rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"
        if anchors is None:
            anchors = self.needs(analysis)
        if not anchors:
            raise ValueError(f"every match must contain some literal word to scan for: {body}")
        return Branch(regex, tuple(anchors))

    def _frame(self, spec: dict[str, Any], macros: dict[str, str]) -> list[Branch]:
        topic, topic_a = self.slot(spec, "topic", macros)
        topic_needs = self.needs(topic_a)[:2]
        gap = int(spec.get("gap", _DEFAULT_GAP))
        before = spec.get("before", spec.get("claim"))
        after = spec.get("after", spec.get("claim"))
        if not before and not after:
            raise ValueError("a frame rule needs 'claim', or 'before' and/or 'after'")
        out = []
        # A frame needs its topic and its claim: each side anchors on a word of both, so the
        # prefilter tries it only on sentences that have them.
        if before:
            b, b_a = self._both(str(before), macros)
            # no comma between a verb and its object: "tone, fine lines" is a list
            words_b = int(spec.get("gap_before", gap))
            gap_b = _either(self.gap(words_b, commas=False), self.list_gap(words_b, "before"))
            needs = topic_needs + self.needs(b_a)[:1]
            out.append(self._branch(f"{b}{gap_b}{topic}", "", needs))
        if after:
            a, a_a = self._both(str(after), macros)
            words_a, commas = int(spec.get("gap_after", gap)), bool(spec.get("gap_commas", True))
            list_a = self.list_gap(words_a, "after", commas, topic)
            gap_a = _either(self.gap(words_a, commas), list_a)
            gap_a = _either(gap_a, self.predicate_gap(words_a))
            needs = topic_needs + self.needs(a_a)[:1]
            out.append(self._branch(f"{topic}{gap_a}{a}", "", needs))
        return out

    def _templated(
        self, kind: str, spec: dict[str, Any], macros: dict[str, str]
    ) -> list[tuple[str, str]]:
        templates = self.templates.get(kind)
        if not templates:
            raise ValueError(f"the language pack has no templates for kind {kind!r}")
        slots = {name: self.slot(spec, name, macros) for name in _SLOTS[kind]}
        out = []
        for t in templates:
            pair = []
            for side, compiler in enumerate((self.compiler, self.analysis)):
                # Slots and gaps are regexes already: park them behind placeholders while the
                # template's own words go through the pattern conveniences.
                parked: list[str] = []

                def park(m: re.Match[str], parked: list[str] = parked, side: int = side) -> str:
                    name = m.group(1)
                    if name.startswith("gap:"):
                        parked.append(self.gap(int(name[4:])))
                    elif name.startswith("list:"):
                        # a gap that may also run through a list: "the leading skin and laser
                        # clinic" ranks the clinic
                        n, group = int(name[5:]), f"listed{len(parked)}"
                        parked.append(_either(self.gap(n), self.list_gap(n, "before", name=group)))
                    else:
                        parked.append(slots[name][side])
                    return f"\x00{len(parked) - 1}\x00"

                text = compiler.compile(re.sub(r"\{((?:gap|list):\d+|[a-z]+)\}", park, t), macros)
                text = re.sub("\x00(\\d+)\x00", lambda m, p=parked: p[int(m.group(1))], text)
                pair.append(text)
            out.append((pair[0], pair[1]))
        return out


_SLOTS = {"comparison": ("comparative", "target"), "rank": ("superlative", "scope")}


def _either(gap: str, list_gap: str) -> str:
    """A plain gap, or one through a list when the pack knows lists."""
    return f"(?:{gap}|{list_gap})" if list_gap else gap


# --- rules -----------------------------------------------------------------------------------


def _severity_for(raw: Any, profile: str, where: str) -> str:
    if isinstance(raw, dict):
        raw = raw.get(profile, raw.get("default", "error"))
    if raw not in ("error", "warning", "off"):
        raise ConfigError(where, 0, f"severity must be error, warning or off, not {raw!r}")
    return str(raw)


def _examples(raw: Any, where: str, code: str) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    ex = raw if isinstance(raw, dict) else {}
    matches = []
    for text in ex.get("match") or ():
        text = str(text)
        spans = _SPAN.findall(text)
        if len(spans) != 1:
            raise ConfigError(
                where, 0, f"{code}: mark the matched words of {text!r} with [[...]] (once)"
            )
        matches.append(Example(_SPAN.sub(r"\1", text), spans[0] if spans else ""))
    return tuple(matches), tuple(str(t) for t in ex.get("no_match") or ())


def _choice(raw: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = str(raw.get(key, allowed[0]))
    if value not in allowed:
        raise ConfigError(where, 0, f"{key} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _optional_re(compiler: PatternCompiler, raw: Any, macros: dict[str, str]) -> str | None:
    if not raw:
        return None
    items = raw if isinstance(raw, list) else [raw]
    return "|".join(f"(?:{compiler.compile(str(p), macros)})" for p in items)


class _FileLoader:
    """Loads one category's rule file for one language."""

    def __init__(
        self, pack: LanguagePack, compiler: PatternCompiler, kinds: _KindCompiler, validate: bool
    ):
        self.pack = pack
        self.compiler = compiler
        self.kinds = kinds
        self.validate = validate  # compile each rule's context tests now

    def load(self, path: Path, cat: Category, profile: str) -> list[Rule]:
        data, node, _raw = _load(path)
        if not isinstance(data, dict) or data.get("category") != cat.id:
            raise ConfigError(str(path), 1, f"a rule file needs 'category: {cat.id}' and 'rules'")
        if "macros" in data:
            raise ConfigError(str(path), 1, "shared words belong in concepts.yaml, not 'macros'")
        lines = _item_lines(node, "rules")
        macros: dict[str, str] = {}
        out = []
        for i, raw in enumerate(data.get("rules") or []):
            where = f"{path}:{lines.get(i, 0)}"
            try:
                rule = self._rule(raw, cat, profile, macros, path, lines.get(i, 0), where)
                if self.validate:
                    rule.compile_context()
                out.append(rule)
            except (ValueError, KeyError, re.error) as exc:
                what = f"unknown reference {{{exc.args[0]}}}" if isinstance(exc, KeyError) else exc
                code = raw.get("code", "?") if isinstance(raw, dict) else "?"
                raise ConfigError(where, 0, f"{code}: {what}") from None
        return out

    def _reported_keeps(self, raw: dict[str, Any], code: str, where: str) -> tuple[str, ...]:
        """The kinds of reported body the rule keeps, each one the language pack defines."""
        keeps = raw.get("reported_keeps") or []
        if not isinstance(keeps, list):
            raise ConfigError(where, 0, f"{code}: reported_keeps is a list, e.g. [myth]")
        known = self.pack.reported_kinds
        for kind in keeps:
            if str(kind) not in known:
                names = ", ".join(sorted(known)) or "none"
                raise ConfigError(
                    where, 0, f"{code}: reported_keeps has {kind!r}; the pack's kinds are {names}"
                )
        return tuple(str(k) for k in keeps)

    def _rule(
        self,
        raw: Any,
        cat: Category,
        profile: str,
        macros: dict[str, str],
        path: Path,
        line: int,
        where: str,
    ) -> Rule:
        if not isinstance(raw, dict):
            raise ConfigError(where, 0, "a rule is a mapping")
        missing = [k for k in _REQUIRED if k not in raw]
        unknown = sorted(set(raw) - _RULE_KEYS)
        if missing or unknown:
            what = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
            raise ConfigError(where, 0, f"rule {raw.get('code', '?')}: {what}")
        code, kind = str(raw["code"]), str(raw["kind"])
        if not _CODE.match(code):
            raise ConfigError(where, 0, f"rule code {code!r} must look like ABC123")
        if kind not in KINDS:
            raise ConfigError(where, 0, f"{code}: kind must be one of {', '.join(KINDS)}")
        _check_keys(raw, code, kind, where)
        branches = [Branch(b.pattern, b.anchors, code) for b in self.kinds.build(kind, raw, macros)]
        matches, no_matches = _examples(raw.get("examples"), where, code)

        def opt(key: str) -> str | None:
            return _optional_re(self.compiler, raw.get(key), macros)

        spec = {k: raw[k] for k in ("patterns", *_FRAME_KEYS, *_SLOT_KEYS) if k in raw}
        return Rule(
            code=code,
            category=cat.id,
            name=str(raw.get("name", code.lower())),
            kind=kind,
            severity=_severity_for(raw.get("severity", "error"), profile, where),
            profiles=tuple(raw.get("profiles", PROFILES)),
            spec=spec,
            message=str(raw["message"]).strip(),
            why=str(raw["why"]).strip(),
            suggestion=str(raw["suggestion"]).strip(),
            examples_match=matches,
            examples_no_match=no_matches,
            clearable=bool(raw.get("clearable", cat.clearable)),
            questions=str(raw.get("questions", cat.questions)),
            negatable=bool(raw.get("negatable", True)),
            hedgeable=bool(raw.get("hedgeable", cat.hedgeable)),
            balanced=bool(raw.get("balanced", cat.balanced)),
            own_voice_holds=bool(raw.get("own_voice_holds", cat.own_voice_holds)),
            post_negation=bool(raw.get("post_negation", False)),
            defers=bool(raw.get("defers", False)),
            stands_beside=tuple(str(c) for c in raw.get("stands_beside", ())),
            contradicts=str(raw.get("contradicts", "")),
            confidence=float(raw.get("confidence", 1.0)),
            replaces=tuple(str(c) for c in raw.get("replaces", ())),
            cleared_by=tuple(str(c) for c in raw.get("cleared_by", (cat.id,))),
            unless_scope=_choice(raw, "unless_scope", ("sentence", "paragraph"), where),
            still_if_named=bool(raw.get("still_if_named", False)),
            page_voice=bool(raw.get("page_voice", cat.page_voice)),
            reported_keeps=self._reported_keeps(raw, code, where),
            source=f"{path.parent.name}/{path.name}",
            line=line,
            branches=tuple(branches),
            unless_src=opt("unless"),
            unless_clause_src=opt("unless_clause"),
            informs_src=opt("informs"),
            still_if_src=opt("still_if"),
            unless_before_src=opt("unless_before"),
            unless_after_src=opt("unless_after"),
            requires_doc_src=opt("requires_doc"),
        )


_FRAME_KEYS = ("topic", "claim", "before", "after", "gap", "gap_before", "gap_after", "gap_commas")
_SLOT_KEYS = ("comparative", "target", "superlative", "scope")


def _check_keys(raw: dict[str, Any], code: str, kind: str, where: str) -> None:
    """Refuse what would be silently ignored: a key that another kind of rule reads (a
    reviewer's words would never run), a category that does not exist."""
    stray = sorted(k for k, kinds in _KIND_KEYS.items() if k in raw and kind not in kinds)
    if stray:
        raise ConfigError(
            where,
            0,
            f"{code}: a {kind} rule does not use {', '.join(stray)}",
            f"use {', '.join(k for k, kinds in _KIND_KEYS.items() if kind in kinds)}",
        )
    for key in ("stands_beside", "cleared_by"):
        unknown = sorted(set(map(str, raw.get(key, ()))) - set(CATEGORY_IDS))
        if unknown:
            raise ConfigError(
                where,
                0,
                f"{code}: {key} names no category: {', '.join(unknown)}",
                "use the taxonomy's category ids (docs/rules.md)",
            )


# which kinds read each kind-specific key
_KIND_KEYS: dict[str, set[str]] = {
    "patterns": {"existence"},
    **{k: {"frame"} for k in _FRAME_KEYS},
    "comparative": {"comparison"},
    "target": {"comparison"},
    "superlative": {"rank"},
    "scope": {"rank"},
}


@lru_cache(maxsize=16)
def _load_all(root_dir: str, language: str, profile: str) -> RuleSet:
    root = Path(root_dir)
    pack = load_language(language, root_dir)
    lang_dir = root / language
    digest = hashlib.sha256(RULES_VERSION.encode())
    # The engine's code decides results as much as the rules do: a cached result is stale
    # after either changes.
    code = sorted(Path(__file__).parent.glob("*.py"))
    files = [root / "categories.yaml", *sorted(lang_dir.glob("*.yaml")), *code]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    categories = _load_categories(root)
    memo = AnchorMemo(digest.hexdigest())
    concepts = _load_concepts(lang_dir / "concepts.yaml", pack, memo)
    compiler = memo.compiler(pack, concepts.regex, "rule")
    analysis = memo.compiler(pack, concepts.markers, "rule-analysis")
    kinds = _KindCompiler(pack, compiler, analysis, concepts.clauses, pack.kinds, memo)
    loader = _FileLoader(pack, compiler, kinds, validate=not memo.vouches)
    rules: list[Rule] = []
    for cid in CATEGORY_IDS:
        path = lang_dir / f"{cid}.yaml"
        if not path.is_file():
            raise ConfigError(str(path), 0, f"no rule file for category {cid}")
        rules.extend(loader.load(path, categories[cid], profile))
    extra = (
        {p.stem for p in lang_dir.glob("*.yaml")}
        - set(CATEGORY_IDS)
        - {
            "language",
            "concepts",
        }
    )
    if extra:
        raise ConfigError(str(lang_dir), 0, f"unknown rule files: {', '.join(sorted(extra))}")
    seen: dict[str, str] = {}
    for r in rules:
        if r.code in seen:
            raise ConfigError(r.source, r.line, f"rule code {r.code} is used twice")
        seen[r.code] = r.source
    memo.save()  # only once every rule loaded: a broken rule file leaves no cache behind
    return RuleSet(
        categories=categories,
        rules=rules,
        version=digest.hexdigest()[:16],
        profile=profile,
        language=pack,
        concepts=concepts.words,
    )


def load_rules(
    profile: str = "uk",
    disable: tuple[str, ...] | list[str] = (),
    rules_dir: str | Path | None = None,
    all_profiles: bool = False,
    language: str = "en",
) -> RuleSet:
    """Load and compile the rules for ``profile``, minus codes or categories in ``disable``."""
    if profile not in PROFILES:
        raise ConfigError("<config>", 0, f"unknown profile {profile!r} (use uk, us or eu)")
    full = _load_all(str(rules_dir or rules_root()), language, profile)
    off = set(disable)
    chosen = [
        r
        for r in full.rules
        if (all_profiles or profile in r.profiles)
        and r.severity != "off"
        and r.code not in off
        and r.category not in off
    ]
    return RuleSet(
        categories=full.categories,
        rules=chosen,
        version=full.version,
        profile=profile,
        language=full.language,
        concepts=full.concepts,
    )
