r"""Rule patterns: the conveniences rule authors write, and the anchors derived from them.

Patterns are regular expressions over *clean, lower-case* text, with conveniences so that a
readable pattern still catches spelling and inflection variants:

* a space between two letters matches any run of spaces or hyphens, or none
  (``side effects`` = ``side-effects`` = ``sideeffects``); any other space matches one or more;
* a hyphen (or ``-?``) is optional and may be spaced (``pain-free`` = ``painfree`` = ``pain free``);
  write ``\-`` for a literal hyphen;
* an apostrophe is optional (``doesn't`` = ``doesnt``);
* ``word~`` adds the inflections the language pack defines (``melt~`` = melt, melts, melted,
  melting);
* ``{name}`` is a spelling variant of the language pack (``{ise}``, ``{ageing}``), a macro of the
  rule file, or a concept of ``concepts.yaml`` (``{side-effects}``).

Anchors are never written by hand: :func:`required_literals` reads the compiled regex and finds
literal strings one of which every match must contain. One scan for all anchors picks the
sentences worth running a rule on, so a rule can never be hidden by a wrong anchor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

try:  # Python 3.11+: the parser lives in re._parser
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # language.py uses this module: import for type hints only
    from .language import LanguagePack

__all__ = ["PICTURE_GAP", "PatternCompiler", "required_literals", "trie_regex"]

# Where a pattern has a space, the text may also have a picture: "zero ✨ downtime" says "zero
# downtime". Pictographs and dingbats only: arrows (→, ➡) say something and rules match them.
_PICTURE = r"\u2600-\u2793\U0001F300-\U0001FAFF"
_SEP_LOOSE = rf"[\s\-{_PICTURE}]*"
_SEP = rf"[\s\-{_PICTURE}]+"
_HYPHEN = rf"(?:\s*-\s*|[\s{_PICTURE}]+)?"
PICTURE_GAP = rf"\s*[{_PICTURE}]+\s*"  # a frame's gap that is only a picture
_REF = re.compile(r"\{([a-z][a-z0-9_-]*)\}")
# What ``_syntax`` rewrites, and what it must copy untouched to find them
_CONVENIENCE = re.compile(
    r"\\."  # an escape: copied
    r"|\[\^?\]?(?:\\.|[^\]\\])*\]?"  # a character class: copied
    r"|\(\?(?:<=|<!|=|!|P<[A-Za-z_]\w*>)"  # a lookaround's or named group's header: copied
    r"| +\??|-\??|'",
    re.DOTALL,
)
_WORD_INFLECT = re.compile(r"([a-z]+)~")


class PatternCompiler:
    """Expands the conveniences of rule patterns into plain regular expressions."""

    def __init__(
        self,
        pack: LanguagePack,
        concepts: dict[str, str] | None = None,
        memo: dict[str, str] | None = None,
        tag: str = "",
    ) -> None:
        self.pack = pack
        self.concepts = concepts if concepts is not None else {}
        # Earlier runs' results for the same rules (rules.AnchorMemo): expanding thousands of
        # patterns was a third of the linter's start-up. ``tag`` keeps apart compilers whose
        # concept tables differ (regexes, or markers for the anchor analysis).
        self.memo = memo
        self.tag = tag

    def compile_alternatives(self, items: list[str]) -> str:
        """One regex for a list of patterns (a concept): plain words and phrases are merged
        into a trie, which compiles and matches far faster than a long alternation."""
        literal: list[str] = []
        other: list[str] = []
        for item in items:
            words = self._plain_words(item)
            if words is None:
                other.append(self.compile(item))
            else:
                literal.extend(words)
        # patterns with regex syntax first: they are the longer, more specific forms
        parts = sorted(other, key=len, reverse=True)
        if literal:
            parts.append(_token_trie(sorted(set(literal))))
        return "(?:" + "|".join(parts) + ")"

    def _plain_words(self, item: str) -> list[str] | None:
        """The literal strings a plain item stands for ("side effect~", "crow's feet",
        "folds?", "minimi{ise}~"), or None when the item uses other regex syntax."""
        variants = [""]
        i, n = 0, len(item)
        while i < n:
            c = item[i]
            if c == "{":
                j = item.find("}", i)
                value = self.pack.spelling.get(item[i + 1 : j]) if j > 0 else None
                m = re.fullmatch(r"\(\?:([a-zæ]+(?:\|[a-zæ]*)*)\)", value or "")
                if m is None:
                    return None
                variants = [v + alt for v in variants for alt in m.group(1).split("|")]
                i = j + 1
            elif c == "~":
                # inflect the last word of every variant
                out = []
                for v in variants:
                    head, _, word = v.rpartition(" ")
                    prefix = head + " " if head else ""
                    out.extend(prefix + w for w in self.pack.inflected_words(word))
                variants = out
                i += 1
            elif c == "?" and i > 0 and item[i - 1].isalpha():
                variants = [*variants, *(v[:-1] for v in variants)]
                i += 1
            elif c.isalnum() or c in " '-&%£.":
                variants = [v + c for v in variants]
                i += 1
            else:
                return None
            if len(variants) > 64:
                return None
        return variants

    def compile(self, pattern: str, macros: dict[str, str] | None = None) -> str:
        """The regex for ``pattern`` (raises ``KeyError`` naming an unknown ``{reference}``)."""
        if self.memo is None or macros:
            return self._syntax(self.expand_refs(pattern, macros))
        key = f"{self.tag}\0{pattern}"
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self._syntax(self.expand_refs(pattern, macros))
        return got

    def expand_refs(self, pattern: str, macros: dict[str, str] | None = None) -> str:
        table = {**self.pack.spelling, **(macros or {})}

        def ref(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in table:
                return table[name]
            if name in self.concepts:
                return self.concepts[name]
            raise KeyError(name)

        # Concepts are compiled already; spelling macros may nest.
        for _ in range(3):
            pattern = _REF.sub(ref, pattern)
        pattern = _WORD_INFLECT.sub(lambda m: self.pack.inflect(m.group(1)), pattern)
        # "~" after a group, "(?:hide|conceal)~": the regular endings, unconditionally
        return re.sub(r"(?<=\))~", "(?:e|es|ed|ing|s|d)?", pattern)

    @staticmethod
    def _syntax(pattern: str) -> str:
        # One regex finds the pattern conveniences; everything else is copied by ``re.sub``
        # in C (a Python loop over the characters was a third of the linter's start-up).
        return _CONVENIENCE.sub(_convenience, pattern)


def _trie(words: list[str]) -> dict[str, Any]:
    """Nested dicts, one level per character; "" marks the end of a word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _token_trie(words: list[str]) -> str:
    """A trie regex over literal phrases with the pattern conventions: a space between letters
    matches spaces or hyphens or nothing, a hyphen is optional, an apostrophe is optional."""
    trie = _trie(words)

    def token(ch: str) -> str:
        if ch == " ":
            return _SEP_LOOSE
        if ch == "-":
            return _HYPHEN
        if ch == "'":
            return "'?"
        return re.escape(ch)

    def build(node: dict[str, Any]) -> str:
        alts = [token(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _convenience(m: re.Match[str]) -> str:
    """One convenience of ``_CONVENIENCE`` as a regular expression."""
    token = m.group(0)
    if token[0] in "\\[(":
        return token
    if token[0] == " ":
        if token.endswith("?"):  # "a ?b": optional space
            return _SEP_LOOSE
        # a single space between two letters may be left out: "pain free" = "painfree"
        start, end = m.span()
        between = len(token) == 1 and _letter(m.string, start - 1) and _letter(m.string, end)
        return _SEP_LOOSE if between else _SEP
    if token[0] == "-":  # an optional hyphen or space: pain-free = painfree = pain free
        return _HYPHEN
    # "'??" was compiled twice already (a concept inside a concept): a third "?" would be a
    # regex error, and it is optional as it is
    return "'" if m.string.startswith("??", m.end()) else "'?"


def _letter(pattern: str, i: int) -> bool:
    """Is pattern[i] a literal letter (not part of an escape such as ``\\w``)?"""
    if i < 0 or i >= len(pattern) or not pattern[i].isalpha():
        return False
    return not (i > 0 and pattern[i - 1] == "\\")


# --- anchors ------------------------------------------------------------------------------------

_MAX_EXACT = 48  # an exact-set bigger than this becomes a "contains one of" requirement
_MAX_CLAUSES = 3  # requirements kept per node: the rarest few are enough to filter on

Clause = frozenset  # literal strings, one of which a match contains


class _Info:
    """What a regex node tells us: either the exact strings it can match (``exact``), or
    requirements every match meets (``cnf``: each clause is a set of strings one of which the
    match contains; all clauses hold at once). An empty ``cnf`` means nothing is known."""

    __slots__ = ("exact", "cnf")

    def __init__(self, exact: set[str] | None = None, cnf: list[Clause] | None = None) -> None:
        self.exact = exact
        self.cnf = cnf or []

    def clauses(self) -> list[Clause]:
        if self.exact is not None:
            if any(s == "" for s in self.exact):
                return []
            return [Clause(_simplify(self.exact))]
        return self.cnf


def _simplify(strings: set[str] | frozenset[str]) -> set[str]:
    """Drop strings that contain another string of the set (the shorter one suffices)."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return set(kept)


# Words in nearly every sentence (the language pack's ``common_words``): a clause that can be
# met by one of them filters nothing, so it is chosen only when there is nothing better.
_COMMON: frozenset[str] = frozenset()
_FREQUENT: frozenset[str] = frozenset()


def _weak(s: str) -> bool:
    word = s.strip(" -'")
    # the prefilter finds a literal anywhere inside a word, so two letters ("st", "on") say little
    return word in _COMMON or (len(word) < 3 and word.isalnum())


def _frequent(s: str) -> bool:
    return s.strip(" -'") in _FREQUENT


def _score(clause: Clause) -> tuple[int, int, int, int]:
    """Prefer clauses with no common word, then few words frequent on clinic pages, then whose
    shortest string is long (rarer), then fewer strings."""
    return (
        -sum(map(_weak, clause)),
        -sum(map(_frequent, clause)),
        min(len(s) for s in clause),
        -len(clause),
    )


def _prune(clauses: list[Clause]) -> list[Clause]:
    """Keep the most selective few, dropping any clause implied by a kept one."""
    unique = set(clauses)
    # a clause that contains another one says less: "pain" ∧ ("pain" ∨ "no") is just "pain"
    minimal = [c for c in unique if not any(o < c for o in unique)]
    # ties broken by the clause's own strings: a set's order changes with the hash seed, and
    # the anchors (and the words the disguise readings know) must not change between runs
    ranked = sorted(minimal, key=lambda c: (_score(c), sorted(c, reverse=True)), reverse=True)
    return ranked[:_MAX_CLAUSES]


def _concat(parts: list[_Info]) -> _Info:
    run: set[str] = {""}  # the exact strings of the current run of exact parts
    cnf: list[Clause] = []
    all_exact = True
    for info in parts:
        if info.exact is not None:
            product = {x + y for x in run for y in info.exact}
            if len(product) <= _MAX_EXACT:
                run = product
                continue
            # too many combinations: close the run here and start a new one
            cnf += _Info(run).clauses()
            all_exact = False
            if len(info.exact) <= _MAX_EXACT:
                run = set(info.exact)
            else:
                cnf += info.clauses()
                run = {""}
            continue
        all_exact = False
        cnf += _Info(run).clauses() + info.clauses()
        run = {""}
    if all_exact:
        return _Info(exact=run)
    return _Info(cnf=_prune(cnf + _Info(run).clauses()))


def _alternation(branches: list[_Info]) -> _Info:
    if all(b.exact is not None for b in branches):
        union: set[str] = set()
        for b in branches:
            union |= b.exact  # type: ignore[operator]
        if len(union) <= _MAX_EXACT:
            return _Info(exact=union)
    # (a1 ∧ a2) ∨ (b1 ∧ b2) = (a1 ∨ b1) ∧ (a1 ∨ b2) ∧ (a2 ∨ b1) ∧ (a2 ∨ b2)
    acc: list[Clause] | None = None
    for b in branches:
        clauses = b.clauses()
        if not clauses:
            return _Info()  # one branch requires nothing: neither does the alternation
        if acc is None:
            acc = clauses
            continue
        acc = _prune([Clause(_simplify(x | y)) for x in acc for y in clauses])
    return _Info(cnf=acc or [])


def _info(items: Any) -> _Info:
    parts: list[_Info] = []
    for op, av in items:
        name = str(op)
        handler = _HANDLERS.get(name)
        parts.append(handler(av) if handler else _Info())
    return _concat(parts)


def _literal(av: int) -> _Info:
    return _Info(exact={chr(av)})


def _in(av: list[tuple[Any, Any]]) -> _Info:
    chars: set[str] = set()
    for op, value in av:
        if str(op) == "LITERAL":
            chars.add(chr(value))
        elif str(op) == "RANGE" and value[1] - value[0] < 4:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return _Info()
    return _Info(exact=chars) if chars and len(chars) <= 4 else _Info()


def _repeat(av: tuple[int, int, Any]) -> _Info:
    low, high, sub = av
    inner = _info(sub)
    if low == 0:
        if high == 1 and inner.exact is not None:
            return _Info(exact=inner.exact | {""})
        return _Info()  # matches strings we cannot list: it ends a run of literals
    if low == high == 1:
        return inner
    return _Info(cnf=inner.clauses())


def _subpattern(av: tuple[Any, ...]) -> _Info:
    return _info(av[-1])


def _branch(av: tuple[Any, list[Any]]) -> _Info:
    return _alternation([_info(b) for b in av[1]])


def _empty(_av: Any) -> _Info:
    return _Info(exact={""})


_HANDLERS: dict[str, Callable[[Any], _Info]] = {
    "LITERAL": _literal,
    "IN": _in,
    "MAX_REPEAT": _repeat,
    "MIN_REPEAT": _repeat,
    "POSSESSIVE_REPEAT": _repeat,
    "SUBPATTERN": _subpattern,
    "ATOMIC_GROUP": lambda av: _info(av),
    "BRANCH": _branch,
    "AT": _empty,
    "ASSERT": _empty,
    "ASSERT_NOT": _empty,
}


_MARKER_BASE = 0xE000  # private-use characters: one per concept, never in clean text
_MARKER = re.compile("[\ue000-\uf8ff]")


def concept_marker(index: int) -> str:
    """What a concept reference compiles to for anchor analysis: one private-use character
    the analysis recognises (the concept's own words are known, so its regex need not be read;
    a single character cannot be cut in two by the analysis)."""
    return chr(_MARKER_BASE + index)


def _resolve(
    clause: frozenset[str], concepts: list[frozenset[str] | None]
) -> frozenset[str] | None:
    """Replace concept markers in a clause by the concept's words: each string of the clause
    becomes its most selective piece (a literal part, or a concept's clause)."""
    out: set[str] = set()
    for s in clause:
        markers = _MARKER.findall(s)
        if not markers:
            out.add(s)
            continue
        pieces: list[frozenset[str]] = []
        for part in _MARKER.split(s):
            part = part.strip(" -\t\n")
            if part:
                pieces.append(frozenset({part}))
        for m in markers:
            got = concepts[ord(m) - _MARKER_BASE]
            if got:
                pieces.append(got)
        if not pieces:
            return None
        out |= max(pieces, key=_score)
    return frozenset(out)


def required_literals(
    regex: str,
    common: frozenset[str] = frozenset(),
    concepts: list[frozenset[str] | None] | None = None,
    frequent: frozenset[str] = frozenset(),
) -> list[frozenset[str]]:
    """What every match of ``regex`` contains: a list of clauses, each a set of literal strings
    one of which the match contains; every clause holds. Empty when nothing is known.

    Spaces and hyphens are dropped from the edges of each literal (a separator is not worth
    scanning for). A frame ("no ... side effects") yields a clause for each of its parts, so
    the prefilter only tries it on sentences that have both.
    """
    global _COMMON, _FREQUENT
    _COMMON, _FREQUENT = common, frequent  # read by _score while this regex is analysed
    out: list[frozenset[str]] = []
    for raw in _info(sre_parse.parse(regex)).clauses():
        clause = _resolve(raw, concepts or []) if concepts is not None else raw
        if not clause:
            continue
        cleaned = {s.strip(" -\t\n") for s in clause}
        if "" in cleaned:
            continue
        out.append(frozenset(_simplify(cleaned)))
    # Weak clauses only slow the prefilter down: keep them only if there is nothing else.
    strong = [c for c in out if not any(map(_weak, c))]
    return strong or out[:1]


def trie_regex(words: list[str]) -> re.Pattern[str]:
    """One regex for a list of literal strings, as a trie (far faster than a flat alternation)."""
    trie = _trie(words)

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie))
