"""How many claims survive one more word (a script, not a test).

    python benchmarks/claims_wording.py                   # every tuning set
    python benchmarks/claims_wording.py dev42 corpus -n 5  # some sets, five lost examples each
    python benchmarks/claims_wording.py --only really,plural

A rule that catches "it's painless" must also catch "it's totally painless". This takes every
flagged item of the tuning sets (never a held-out set) that claims-lint catches today, in one of
the item's labelled categories, and re-lints it once per rewording of its *key* finding (the
first in a labelled category). A rewording adds one word, or swaps one, inside or next to the
finding's words without changing what is claimed: an intensifier ("really", "totally"), an
adjective before a noun ("real", "any"), "your"/"the"/"our" swapped, a plural made singular,
"will" made "will definitely", "is" made "is always", a clinic's name, a trailing "!!" or emoji
(``REWORDINGS`` below). None makes the claim honest: no "may", "not", "rarely".

Per rewording it prints how many findings survive (a finding of the key finding's category
overlapping the reworded words) and a few of the losses; then survival per rule, worst first.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_evasion import Case, common_words, parser, prepare, spans  # noqa: E402
from claims_lint import Linter  # noqa: E402

# A rewording of the finding's words: the new words, or None where it does not apply.
Rewording = Callable[[str], "str | None"]

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
INTENSIFIERS = (
    "really",
    "truly",
    "totally",
    "so",
    "very",
    "actually",
    "genuinely",
    "visibly",
    "noticeably",
    "practically",
    "virtually",
)
ADJECTIVES = ("little", "real", "actual", "any")
# Words an adjective can stand after, before its noun: "no real downtime", "zero actual pain".
_DETERMINERS = frozenset(
    ["no", "zero", "without", "any", "the", "your", "our", "minimal", "minimum", "less", "fewer"]
)
# Word endings of adjectives, adverbs and verb forms: not nouns to pluralise or to qualify.
# "any" and "little" do not stand after every determiner: "without any pain", not "your any".
_ADJECTIVE_AFTER = {"any": frozenset(["without"]), "little": frozenset(["no", "zero", "without"])}
_NOT_NOUN = re.compile(r"(?:less|ly|ed|ing|ful|ive|ous|ible|able|est)$")
# "the" is not made "your": "the same day", "the price of one" would change what is said.
_SWAPS = {"your": "the", "our": "the", "my": "your"}


def _words(span: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(span)]


def _cased(word: str, like: str) -> str:
    """``word`` in the case of the word it stands before (a capital at a sentence start moves)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word


# Words after which an intensifier reads naturally: "is painless" -> "is totally painless".
_COPULA = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|it's|that's|they're|you're|feels?|looks?|stays?|"
    r"becomes?|remains?)\s+(?=[a-z])"
)
# Words an intensifier can stand before: adjectives of a claim, by ending or by name.
_ADJ_LIKE = re.compile(
    r"(?i)(?<!ly )\b(?=(?:[a-z]{3,}(?:less|free|proof|[^m]ent|ible|able|ive)|safe|guaranteed|"
    r"proven|gone|instant|natural|effective|permanent|pain-free)\b)"
)


def _intensify(extra: str) -> Rewording:
    """``extra`` after a copula, or else before a word shaped like an adjective or participle:
    "is painless" -> "is totally painless", "guaranteed results" -> "truly guaranteed
    results". Nowhere else: an adverb before a noun or a name is not English."""

    def make(span: str) -> str | None:
        m = _COPULA.search(span)
        if m is not None and not _noun_like(span[m.end() :].split(" ", 1)[0].strip(".,!?")):
            m = None  # "is a must", "feels like": no adjective after the verb
        m = m or _ADJ_LIKE.search(span)
        if m is None:
            return None
        a = m.end()
        nxt = span[a:].split(" ", 1)[0]
        if a == 0 and nxt[:1].isupper() and not nxt.isupper():
            return extra.capitalize() + " " + nxt[0].lower() + span[1:]
        return span[:a] + _cased(extra, nxt) + " " + span[a:]

    return make


def _adjective(adj: str) -> Rewording:
    """An adjective before a noun that follows a determiner: "no downtime" -> "no real
    downtime"."""

    after = _ADJECTIVE_AFTER.get(adj, _DETERMINERS)

    def make(span: str) -> str | None:
        words = _words(span)
        for (a0, e0), (a1, e1) in zip(words, words[1:], strict=False):
            det, noun = span[a0:e0].lower(), span[a1:e1]
            if det in after and span[e0:a1] == " " and _noun_like(noun):
                if adj == "little" and not noun.lower().endswith("s"):
                    continue  # "no little lines", never "no little chance" (it means a lot)
                return span[:a1] + _cased(adj, noun) + " " + span[a1:]
        return None

    return make


def _noun_like(word: str) -> bool:
    low = word.lower()
    return low.isalpha() and low not in common_words() and not _NOT_NOUN.search(low)


def _swap_determiner(span: str) -> str | None:
    for a, e in _words(span):
        w = span[a:e]
        new = _SWAPS.get(w.lower())
        if new is not None and not span[e:].startswith(" own"):  # "the own skin" is not English
            new = new.capitalize() if w[0].isupper() else new
            return span[:a] + new + span[e:]
    return None


def _number_swap(span: str) -> str | None:
    """The head noun after a determiner made singular or plural ("no side effects" -> "no
    side effect", "zero wrinkle" -> "zero wrinkles"): the last of the nouns that follow it."""
    words = _words(span)
    for i, (a0, e0) in enumerate(words[:-1]):
        if span[a0:e0].lower() not in _DETERMINERS:
            continue
        j = i + 1
        while j + 1 < len(words) and _noun_like(span[words[j + 1][0] : words[j + 1][1]]):
            if span[words[j][1] : words[j + 1][0]] != " " or _plural_like(span[slice(*words[j])]):
                break  # a plural ends its phrase: "clients rave" is a noun and a verb
            j += 1
        a, e = words[j]
        w, low = span[a:e], span[a:e].lower()
        if len(low) < 4 or not _noun_like(w) or low.endswith("ves"):
            continue
        if low.endswith("ies"):
            return span[:a] + w[:-3] + "y" + span[e:]
        if low.endswith("s") and not low.endswith(("ss", "us", "is")):
            return span[:a] + w[:-1] + span[e:]
        plural = _plural(w)
        if plural is None:
            continue
        return span[:a] + plural + span[e:]
    return None


# Nouns a writer does not make plural (a mass or an uncountable): "no downtime", never "no
# downtimes". Only the benchmark's own choice of what to try; the linter knows no such list.
_MASS = frozenset(
    [
        "downtime",
        "acne",
        "pain",
        "discomfort",
        "recovery",
        "cellulite",
        "fat",
        "hair",
        "skin",
        "damage",
        "evidence",
        "advice",
        "information",
        "research",
        "safety",
        "redness",
        "dryness",
        "confidence",
        "surgery",
        "botox",
        "collagen",
        "elastin",
        "tissue",
        "bruising",
        "swelling",
        "scarring",
        "sagging",
        "ageing",
        "aging",
        "laxity",
        "pigmentation",
        "rosacea",
        "sun",
        "weight",
        "glow",
        "radiance",
        "volume",
        "hydration",
        "texture",
        "tone",
        "firmness",
        "past",
        "future",
    ]
)


def _plural_like(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _plural(word: str) -> str | None:
    """The plural a writer would write ("recovery" -> "recoveries", "patch" -> "patches"),
    or None for a noun without one ("downtime", "acne") or a word that is no noun."""
    low = word.lower()
    if low in _MASS or word[:1].isupper() and not word.isupper():
        return None  # a name ("Botox", "Lumen") or a mass noun stays as it is
    s = "S" if word.isupper() else "s"
    if re.search(r"[^aeiou]y$", low):
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if re.search(r"(?:s|x|z|ch|sh)$", low):
        return word + ("E" if word.isupper() else "e") + s
    return word + s


_NEGATED = re.compile(r"(?i)\b(?:not|no|never|nothing|nobody|no one|without|none)\b|n't\b")


def _after_word(word: str, extra: str) -> Rewording:
    """``extra`` after the first ``word`` of the span: "will" -> "will definitely". Not in a
    negated span, where the word would change the claim ("not the kind that will hurt")."""
    rx = re.compile(rf"(?i)\b{word}\b(?! (?:ever|just|not|also|all)\b)")

    def make(span: str) -> str | None:
        m = rx.search(span)
        if m is None or _NEGATED.search(span):
            return None
        return span[: m.end()] + " " + extra + span[m.end() :]

    return make


_VERB = re.compile(
    r"(?i)(?<=[a-z] )(?:is|are|was|will|gives|leaves|means|melts|delivers|removes|guarantees|"
    r"provides)\b"
)


def _place_inside(span: str) -> str | None:
    """A clinic's name between subject and verb: "Botox is painless" -> "Botox at Lumen Clinic
    is painless"."""
    m = _VERB.search(span)
    before = span[: m.start()].split()[-1] if m is not None else ""
    if m is None or not _noun_like(before) or before.lower() == "nobody":
        return None
    return span[: m.start()] + "at Lumen Clinic " + span[m.start() :]


def _one_of(make: Callable[[str], Rewording], words: tuple[str, ...]) -> Rewording:
    """One of ``words`` per claim, picked from its text (the same each run): every word gets
    tried across the sets for a tenth of the time of trying each on every claim."""

    def pick(span: str) -> str | None:
        return make(words[sum(map(ord, span)) % len(words)])(span)

    return pick


# Each intensifier and adjective alone is a rewording of its own too: --only really,adj-real.
ONE_WORD: dict[str, Rewording] = {
    **{w: _intensify(w) for w in INTENSIFIERS},
    **{f"adj-{a}": _adjective(a) for a in ADJECTIVES},
}


def _at_end(extra: str) -> Callable[[str, str], str | None]:
    """``extra`` after the span, only where the span ends its sentence or clause: inside a
    phrase ("before & after at Lumen Clinic gallery") it would change what is said."""

    def make(span: str, rest: str) -> str | None:
        return span + extra if re.match(r"\s*(?:[.,;:!?)]|$)", rest) else None

    return make


ENDINGS = {
    "place-after": _at_end(" at Lumen Clinic"),
    "bangs-after": _at_end("!!"),
    "emoji-after": _at_end(" ✨"),
}

REWORDINGS: dict[str, Rewording] = {
    "intensifier": _one_of(_intensify, INTENSIFIERS),
    "adjective": _one_of(_adjective, ADJECTIVES),
    "your-the-our": _swap_determiner,
    "plural-singular": _number_swap,
    "will-definitely": _after_word("will", "definitely"),
    "is-always": _after_word("is", "always"),
    "place-inside": _place_inside,
}


# --- running ------------------------------------------------------------------------------------


@dataclass
class Tally:
    tried: int = 0
    survived: int = 0
    lost: list[str] = field(default_factory=list)


def run(linter: Linter, case: Case, name: str) -> tuple[str, str]:
    """("n/a" | "lost" | "ok", reworded text)."""
    span = case.text[case.start : case.end]
    if name in ENDINGS:
        new = ENDINGS[name](span, case.text[case.end :])
    else:
        new = {**REWORDINGS, **ONE_WORD}[name](span)
    if new is None or new == span:
        return "n/a", ""
    text = case.text[: case.start] + new + case.text[case.end :]
    a, b = case.start, case.start + len(new)
    found = any(c == case.category and s < b and e > a for c, _, s, e in spans(linter, text))
    return ("ok" if found else "lost"), text


def _report_rules(by_rule: dict[str, list[int]], top: int) -> None:
    print(f"\nper rule (worst first; rules with {5}+ rewordings tried)")
    rows = [(r, k, t) for r, (k, t) in by_rule.items() if t >= 5]
    rows.sort(key=lambda row: (row[1] / row[2], -row[2]))
    for rule, kept, tried in rows[:top]:
        print(f"  {rule:48} {kept:5}/{tried:<5} {kept / tried:6.1%}")


def main(argv: list[str] | None = None) -> int:
    ap, tuning = parser("rewording", __doc__)
    ap.add_argument("--rules", type=int, default=25, help="how many of the worst rules to list")
    run_ = prepare(ap, tuning, argv, {**REWORDINGS, **ONE_WORD, **ENDINGS})
    linter, args, todo, only = run_.linter, run_.args, run_.cases, run_.only
    total, kept = 0, 0
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name in only or [*REWORDINGS, *ENDINGS]:
        t = Tally()
        for case in todo:
            verdict, text = run(linter, case, name)
            if verdict == "n/a":
                continue
            t.tried += 1
            t.survived += verdict == "ok"
            by_rule[case.rule][0] += verdict == "ok"
            by_rule[case.rule][1] += 1
            if verdict == "lost" and len(t.lost) < args.examples:
                t.lost.append(f"{case.set_name}: {text!r} (was {case.rule})")
        total, kept = total + t.tried, kept + t.survived
        rate = t.survived / t.tried if t.tried else 1.0
        print(f"{name:20} {t.survived:5}/{t.tried:<5} {rate:6.1%}")
        for line in t.lost:
            print("      lost", line)
    _report_rules(by_rule, args.rules)
    print(f"\n{'all rewordings':20} {kept:5}/{total:<5} {kept / max(total, 1):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
