"""How many claims survive mechanical disguises (a script, not a test).

    python benchmarks/claims_evasion.py                  # every tuning set
    python benchmarks/claims_evasion.py dev42 corpus -n 5 # some sets, five lost examples each
    python benchmarks/claims_evasion.py --only leet,spaced

Takes every flagged item of the tuning sets (never a held-out set) that claims-lint catches
today, in one of the item's labelled categories, and re-lints it once per disguise, applied to
the words of that finding (its *key* finding: the first in a labelled category). A disguise is
what a marketer does to get a claim past a word list: letters spaced or dotted apart, digits and
symbols for letters, look-alike letters of other scripts, invisible characters, markup inside a
word, entities, emoji, held letters, a hashtag, and so on (``DISGUISES`` below).

Per disguise it prints how many of the findings survive (a finding of the key finding's category
over the disguised words), how many of those point at the wrong place (the span shown must be the
disguised words of the source, not the cleaned copy) and a few of the losses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_lint import Config, Linter  # noqa: E402
from claims_lint.language import load_language  # noqa: E402
from claims_lint.text import line_starts  # noqa: E402
from claims_score import FROZEN, SETS, load_items  # noqa: E402

# --- disguises of one word ---------------------------------------------------------------------

WordFn = Callable[[str], str]
_CYRILLIC = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")
_GREEK = str.maketrans("aiokvtxABEHIKMNOPTXYZ", "αιοκντχΑΒΕΗΙΚΜΝΟΡΤΧΥΖ")
_LEET_DIGITS = str.maketrans("oieatsOIEATS", "013475013475")
_LEET_SYMBOLS = str.maketrans("aisAIS", "@!$@!$")
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
_SMALL_CAPS = str.maketrans("acdeghiklmnoprstuvwyz", "ᴀᴄᴅᴇɢʜɪᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ")


def _fullwidth(w: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)


def _math_bold(w: str) -> str:
    def one(c: str) -> str:
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        return c

    return "".join(one(c) for c in w)


def _circled(w: str) -> str:
    return "".join(chr(0x24D0 + ord(c) - ord("a")) if "a" <= c <= "z" else c for c in w.lower())


def _middle(w: str) -> int:
    return max(1, len(w) // 2)


def _insert_mid(mark: str) -> WordFn:
    return lambda w: w[: _middle(w)] + mark + w[_middle(w) :]


def _between_letters(mark: str) -> WordFn:
    return lambda w: mark.join(w)


def _stretch_last(w: str) -> str:
    return w + w[-1] * 4


def _stretch_vowel(w: str) -> str:
    m = re.search(r"[aeiouAEIOU](?=[^aeiouAEIOU]*$)", w)  # the last vowel ("guaranteeeeed")
    return w if m is None else w[: m.end()] + w[m.start()] * 3 + w[m.end() :]


def _first_entity(w: str) -> str:
    return f"&#{ord(w[1])};".join((w[:1], w[2:])) if len(w) > 2 else w


def _hex_entity(w: str) -> str:
    k = _middle(w)
    return w[:k] + f"&#x{ord(w[k]):x};" + w[k + 1 :]


def _alternating(w: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(w))


WORD_DISGUISES: dict[str, WordFn] = {
    "spaced": _between_letters(" "),
    "dotted": _between_letters("."),
    "dashed": _between_letters("-"),
    "underscored": _between_letters("_"),
    "bulleted": _between_letters("·"),
    "split-hyphen": _insert_mid("-"),
    "split-underscore": _insert_mid("_"),
    "split-dot": _insert_mid("."),
    "leet-digits": lambda w: w.translate(_LEET_DIGITS),
    "leet-symbols": lambda w: w.translate(_LEET_SYMBOLS),
    "leet-one-o": lambda w: w.replace("o", "0", 1),
    "leet-one-i": lambda w: w.replace("i", "1", 1),
    "cyrillic": lambda w: w.translate(_CYRILLIC),
    "greek": lambda w: w.translate(_GREEK),
    "small-caps": lambda w: w.lower().translate(_SMALL_CAPS),
    "zero-width-space": _insert_mid("\u200b"),
    "zero-width-joiner": _between_letters("\u200d"),
    "word-joiner": _insert_mid("\u2060"),
    "soft-hyphen": _insert_mid("\u00ad"),
    "combining-mark": lambda w: "".join(c + "\u0332" for c in w),
    "md-bold-half": lambda w: w[: _middle(w)] + "**" + w[_middle(w) :] + "**",
    "md-italic-half": lambda w: "*" + w[: _middle(w)] + "*" + w[_middle(w) :],
    "md-strong-letter": lambda w: w[:1] + "__" + w[1:2] + "__" + w[2:],
    "html-b-half": lambda w: "<b>" + w[: _middle(w)] + "</b>" + w[_middle(w) :],
    "html-span-half": lambda w: w[: _middle(w)] + '<span class="hl">' + w[_middle(w) :] + "</span>",
    "html-entity": _first_entity,
    "html-hex-entity": _hex_entity,
    "html-named-entity": lambda w: w.replace("e", "&eacute;", 1),
    "stretched-last": _stretch_last,
    "stretched-vowel": _stretch_vowel,
    "fullwidth": _fullwidth,
    "math-bold": _math_bold,
    "circled": _circled,
    "accents": lambda w: w.translate(_ACCENTS),
    "alternating-case": _alternating,
    "emoji-inside": _insert_mid("\u2728"),
}

# --- disguises of the claim's words as a whole ------------------------------------------------

_EMOJI_FOR = {"no": "🚫", "zero": "0️⃣", "not": "❌", "without": "🚫", "100%": "💯", "fire": "🔥"}


def _words_of(span: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", span)]


def _camel(span: str) -> str | None:
    words = re.findall(r"[A-Za-z0-9%]+", span)
    return "".join(w[:1].upper() + w[1:] for w in words) if len(words) > 1 else None


def _emoji_between(span: str) -> str | None:
    broken = _line_break(span)  # at the middle gap between words
    return None if broken is None else broken.replace("\n", " \u2728 ", 1)


def _emoji_for_word(span: str) -> str | None:
    rx = r"(?i)(?<![A-Za-z])(" + "|".join(re.escape(k) for k in _EMOJI_FOR) + r")(?![A-Za-z])"
    m = re.search(rx, span)
    if m is None:
        return None
    return span[: m.start()] + _EMOJI_FOR[m.group(1).lower()] + span[m.end() :]


def _line_break(span: str) -> str | None:
    spaces = [m.start() for m in re.finditer(r" ", span)]
    if not spaces:
        return None
    k = spaces[len(spaces) // 2]
    return span[:k] + "\n" + span[k + 1 :]


def _tag_break(tag: str) -> Callable[[str], str | None]:
    def make(span: str) -> str | None:
        broken = _line_break(span)
        return None if broken is None else broken.replace("\n", tag, 1)

    return make


@functools.cache
def common_words() -> frozenset[str]:
    """The English pack's common and frequent words: never what a word list keys on."""
    pack = load_language("en")
    return pack.common_words | pack.frequent_words


def key_word(span: str) -> tuple[int, int] | None:
    """The word a word list most likely keys on: the longest of three letters or more that
    is not one of the pack's common words (the first of equal length)."""
    words = [(a, e) for a, e in _words_of(span) if e - a >= 3]
    rare = [(a, e) for a, e in words if span[a:e].lower() not in common_words()] or words
    return max(rare, key=lambda w: w[1] - w[0]) if rare else None


Disguise = Callable[[str], "tuple[str, int, int] | None"]


def _on_key_word(fn: WordFn) -> Disguise:
    """Disguise the claim's key word only, as a marketer hides the word a filter looks for;
    the disguised word must then be inside the finding."""

    def make(span: str) -> tuple[str, int, int] | None:
        key = key_word(span)
        if key is None:
            return None
        a, e = key
        word = fn(span[a:e])
        return span[:a] + word + span[e:], a, a + len(word)

    return make


def _on_span(fn: Callable[[str], str | None]) -> Disguise:
    """A disguise of the claim's words as a whole: the finding must overlap them."""

    def make(span: str) -> tuple[str, int, int] | None:
        new = fn(span)
        return None if new is None else (new, 0, 0)

    return make


def _short(fn: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A disguise that runs words together (a hashtag) only fits a claim of two to four words."""
    return lambda span: fn(span) if 2 <= len(_words_of(span)) <= 4 else None


SPAN_DISGUISES: dict[str, Callable[[str], str | None]] = {
    "all-caps": str.upper,
    "hashtag": _short(lambda s: None if (c := _camel(s)) is None else "#" + c),
    "camel-case": _short(_camel),
    "hashtag-lower": _short(lambda s: None if (c := _camel(s)) is None else "#" + c.lower()),
    "emoji-between-words": _emoji_between,
    "emoji-for-word": _emoji_for_word,
    "line-break": _line_break,
    "md-hard-break": _tag_break("  \n"),
    "html-br": _tag_break("<br>"),
    "ellipsis-between": lambda s: re.sub(r" ", "... ", s, count=1) if " " in s else None,
    "ellipsis-char-tight": lambda s: re.sub(r" ", "\u2026", s, count=1) if " " in s else None,
    "dash-between": lambda s: re.sub(r" ", " - ", s, count=1) if " " in s else None,
}


DISGUISES: dict[str, Disguise] = {
    **{name: _on_key_word(fn) for name, fn in WORD_DISGUISES.items()},
    **{name: _on_span(fn) for name, fn in SPAN_DISGUISES.items()},
}


# --- running ------------------------------------------------------------------------------------


@dataclass
class Case:
    set_name: str
    text: str
    start: int  # the key finding's span in ``text``
    end: int
    category: str
    rule: str


@dataclass
class Tally:
    tried: int = 0
    survived: int = 0
    misplaced: int = 0
    lost: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def spans(linter: Linter, text: str) -> list[tuple[str, str, int, int]]:
    """(category, rule, start, end) of each finding in ``text``."""
    starts = line_starts(text)
    return [
        (
            f.category,
            f.rule,
            starts[f.line - 1] + f.column - 1,
            starts[f.end_line - 1] + f.end_column - 1,
        )
        for f in linter.lint_source(text, "x.md", "markdown").findings
    ]


def cases(linter: Linter, names: list[str]) -> list[Case]:
    """Every one-line flagged item of the sets the linter catches, with its key finding."""
    out: list[Case] = []
    for name in names:
        for item in load_items(name, SETS[name]):
            if not item.flag or "\n" in item.text:
                continue
            key = next((s for s in spans(linter, item.text) if s[0] in item.flag), None)
            if key is not None:
                out.append(Case(name, item.text, key[2], key[3], key[0], key[1]))
    return out


def tuning_sets(ap: argparse.ArgumentParser) -> list[str]:
    """Add the SET arguments to ``ap``: tuning sets only (a held-out set is refused)."""
    tuning = [n for n in SETS if n not in FROZEN and n != "devset"]
    ap.add_argument("sets", nargs="*", metavar="SET", help="any of: " + ", ".join(tuning))
    return tuning


def chosen_sets(ap: argparse.ArgumentParser, asked: list[str], tuning: list[str]) -> list[str]:
    """The sets to run: those asked for, which must be tuning sets, or every tuning set."""
    bad = [n for n in asked if n not in tuning]
    if bad:
        ap.error(f"not a tuning set: {', '.join(bad)} (held-out sets are never used here)")
    return asked or [n for n in tuning if SETS[n].is_file()]


# markup, an entity or a hashtag's "#" at the edge of the disguised words is not shown
_MARKUP_EDGE = re.compile(r"^(?:<[^>]*>|&[#\w]+;|[*_~#\s])+|(?:<[^>]*>|[*_~\s])+$")


def _cuts(text: str, i: int) -> bool:
    """Does a span edge at ``i`` cut a word or a letter from its marks in two?"""
    if not 0 < i < len(text):
        return False
    if unicodedata.combining(text[i]) or unicodedata.category(text[i]) == "Cf":
        return True
    return text[i - 1].isalnum() and text[i].isalnum()


def run(linter: Linter, case: Case, disguise: Disguise) -> tuple[str, str]:
    """("n/a" | "lost" | "misplaced" | "ok", disguised text).

    Misplaced: the finding does not cover the disguised word, or one of its edges cuts a word
    (or a letter from its combining marks) in two, so the span shown is not what was written."""
    span = case.text[case.start : case.end]
    made = disguise(span)
    if made is None or made[0] == span:
        return "n/a", ""
    new, ka, kb = made
    text = case.text[: case.start] + new + case.text[case.end :]
    a, b = case.start, case.start + len(new)
    mine = [(s, e) for c, _, s, e in spans(linter, text) if c == case.category and s < b and e > a]
    if not mine:
        return "lost", text
    key = text[a + ka : a + kb]
    trimmed = _MARKUP_EDGE.sub("", key)
    ka = a + ka + key.find(trimmed) if trimmed else a + ka
    kb = ka + len(trimmed) if trimmed else ka
    for s, e in mine:
        if not _cuts(text, s) and not _cuts(text, e) and s <= ka and e >= kb:
            return "ok", text
    return "misplaced", text


@dataclass
class Prepared:
    """What both robustness benchmarks start from: their arguments, the linter and the caught
    claims of the chosen tuning sets."""

    args: argparse.Namespace
    linter: Linter
    cases: list[Case]
    only: list[str]


def parser(what: str, doc: str | None) -> tuple[argparse.ArgumentParser, list[str]]:
    """The command line both benchmarks share, described by the script's ``doc``; ``what``
    names one change ("disguise")."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    tuning = tuning_sets(ap)
    ap.add_argument("-n", "--examples", type=int, default=3, help=f"lost examples per {what}")
    ap.add_argument("--only", default="", help=f"comma-separated {what}s to run")
    return ap, tuning


def prepare(
    ap: argparse.ArgumentParser, tuning: list[str], argv: list[str] | None, known: Collection[str]
) -> Prepared:
    """Parse ``argv`` (``--only`` must name changes in ``known``), build the linter and collect
    the caught claims; prints how many."""
    args = ap.parse_args(argv)
    names = chosen_sets(ap, args.sets, tuning)
    only = [d for d in args.only.split(",") if d]
    unknown = [d for d in only if d not in known]
    if unknown:
        ap.error(f"unknown --only {', '.join(unknown)}; choose from {', '.join(known)}")
    linter = Linter(Config(today=dt.date(2026, 11, 30), evidence_path=None, cache_dir=None))
    todo = cases(linter, names)
    print(f"{len(todo)} caught claims of {len(names)} tuning sets\n")
    return Prepared(args, linter, todo, only)


def main(argv: list[str] | None = None) -> int:
    ap, tuning = parser("disguise", __doc__)
    run_ = prepare(ap, tuning, argv, DISGUISES)
    linter, args = run_.linter, run_.args
    total, kept = 0, 0
    for name in run_.only or list(DISGUISES):
        t = Tally()
        for case in run_.cases:
            verdict, text = run(linter, case, DISGUISES[name])
            if verdict == "n/a":
                continue
            t.tried += 1
            t.survived += verdict != "lost"
            t.misplaced += verdict == "misplaced"
            if verdict == "lost" and len(t.lost) < args.examples:
                t.lost.append(f"{case.set_name}: {text!r} (was {case.category})")
            if verdict == "misplaced" and len(t.wrong) < args.examples:
                t.wrong.append(f"{case.set_name}: {text!r}")
        total, kept = total + t.tried, kept + t.survived
        rate = t.survived / t.tried if t.tried else 1.0
        print(f"{name:20} {t.survived:5}/{t.tried:<5} {rate:6.1%}  misplaced {t.misplaced}")
        for line in t.lost:
            print("      lost", line)
        for line in t.wrong:
            print("  misplaced", line)
    print(f"\n{'all disguises':20} {kept:5}/{total:<5} {kept / max(total, 1):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
