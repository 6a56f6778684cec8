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

from .language import LanguagePack

__all__ = ["PatternCompiler", "required_literals", "trie_regex"]

_SEP_LOOSE = r"[\s\-]*"
_SEP = r"[\s\-]+"
_HYPHEN = r"(?:\s*-\s*|\s+)?"
_REF = re.compile(r"\{([a-z][a-z0-9_-]*)\}")
_WORD_INFLECT = re.compile(r"([a-z]+)~")


class PatternCompiler:
    """Expands the conveniences of rule patterns into plain regular expressions."""

    def __init__(self, pack: LanguagePack, concepts: dict[str, str] | None = None) -> None:
        self.pack = pack
        self.concepts = concepts if concepts is not None else {}

    def compile(self, pattern: str, macros: dict[str, str] | None = None) -> str:
        """The regex for ``pattern`` (raises ``KeyError`` naming an unknown ``{reference}``)."""
        return self._syntax(self.expand_refs(pattern, macros))

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
        out: list[str] = []
        i, n = 0, len(pattern)
        while i < n:
            c = pattern[i]
            if c == "\\" and i + 1 < n:
                out.append(pattern[i : i + 2])
                i += 2
                continue
            if c == "[":
                j = _class_end(pattern, i)
                out.append(pattern[i : j + 1])
                i = j + 1
                continue
            if c == "(" and pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                # lookarounds and named groups: copy their header verbatim
                m = re.match(r"\(\?(?:<=|<!|=|!|P<[A-Za-z_]\w*>)", pattern[i:])
                if m:
                    out.append(m.group(0))
                    i += m.end()
                    continue
            if c == " ":
                while i + 1 < n and pattern[i + 1] == " ":
                    i += 1
                if i + 1 < n and pattern[i + 1] == "?":  # "a ?b": optional space
                    i += 1
                    out.append(_SEP_LOOSE)
                elif _letter(pattern, i - 1) and _letter(pattern, i + 1):
                    out.append(_SEP_LOOSE)
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


def _letter(pattern: str, i: int) -> bool:
    """Is pattern[i] a literal letter (not part of an escape such as ``\\w``)?"""
    if i < 0 or i >= len(pattern) or not pattern[i].isalpha():
        return False
    return not (i > 0 and pattern[i - 1] == "\\")


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    n = len(pattern)
    if j < n and pattern[j] == "^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


# --- anchors ------------------------------------------------------------------------------------

_MAX_EXACT = 48  # an exact-set bigger than this becomes a "contains one of" requirement


class _Info:
    """What a regex node tells us: either the exact strings it can match (``exact``), or
    a set of strings one of which every match contains (``need``; ``None`` = nothing known)."""

    __slots__ = ("exact", "need")

    def __init__(self, exact: set[str] | None = None, need: set[str] | None = None) -> None:
        self.exact = exact
        self.need = need

    def requirement(self) -> set[str] | None:
        if self.exact is not None:
            if any(s == "" for s in self.exact):
                return None
            return _simplify(self.exact)
        return self.need


def _simplify(strings: set[str]) -> set[str]:
    """Drop strings that contain another string of the set (the shorter one suffices)."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return set(kept)


def _score(need: set[str] | None) -> tuple[int, int]:
    """Prefer requirements whose shortest string is long (rarer), then fewer strings."""
    if not need:
        return (-1, 0)
    return (min(len(s) for s in need), -len(need))


def _best(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    return a if _score(a) >= _score(b) else b


def _concat(parts: list[_Info]) -> _Info:
    run: set[str] = {""}  # the exact strings of the current run of exact parts
    best: set[str] | None = None
    all_exact = True
    for info in parts:
        if info.exact is not None:
            product = {x + y for x in run for y in info.exact}
            if len(product) <= _MAX_EXACT:
                run = product
                continue
            # too many combinations: close the run here and start a new one
            best = _best(best, _Info(run).requirement())
            all_exact = False
            if len(info.exact) <= _MAX_EXACT:
                run = set(info.exact)
            else:
                best = _best(best, info.requirement())
                run = {""}
            continue
        all_exact = False
        best = _best(best, _Info(run).requirement())
        best = _best(best, info.requirement())
        run = {""}
    if all_exact:
        return _Info(exact=run)
    return _Info(need=_best(best, _Info(run).requirement()))


def _alternation(branches: list[_Info]) -> _Info:
    if all(b.exact is not None for b in branches):
        union: set[str] = set()
        for b in branches:
            union |= b.exact  # type: ignore[operator]
        if len(union) <= _MAX_EXACT:
            return _Info(exact=union)
    need: set[str] = set()
    for b in branches:
        req = b.requirement()
        if req is None:
            return _Info()
        need |= req
    return _Info(need=_simplify(need))


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
    return _Info(need=inner.requirement())


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


def required_literals(regex: str) -> set[str] | None:
    """Literal strings one of which every match of ``regex`` contains, or ``None``.

    Spaces and hyphens are dropped from the edges of each literal: a separator class is not
    something to scan for. Strings shorter than two characters are kept (they are rare
    symbols such as "%" or digits).
    """
    req = _info(sre_parse.parse(regex)).requirement()
    if req is None:
        return None
    cleaned = {s.strip(" -\t\n") for s in req}
    if "" in cleaned:
        return None
    return _simplify(cleaned)


def trie_regex(words: list[str]) -> re.Pattern[str]:
    """One regex for a list of literal strings, as a trie (far faster than a flat alternation)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie))
