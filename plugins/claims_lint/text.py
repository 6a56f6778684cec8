"""Turn a source file into the text a reader sees, remembering where every character came from.

Matching happens on *clean* text: markup removed (``**pain**less`` reads ``painless``), entities
decoded, look-alike and invisible characters folded (NFKC, Cyrillic/Greek confusables,
zero-width, soft hyphens, NBSP) and code dropped. Every clean character maps back to an offset in
the (newline-normalised) source through :class:`Mapping`, so findings keep exact line/column.

Speed matters (a 4 MB file should lint in well under a second), so text that needs no change is
copied in long verbatim runs and only the tokens that do (markup, entities, non-ASCII) are
handled one by one in Python.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from itertools import accumulate
from typing import Protocol

__all__ = [
    "BOUNDARY",
    "Mapping",
    "Unit",
    "Folder",
    "fold_text",
    "clean_markdown",
    "clean_html",
    "clean_plain",
    "line_starts",
    "to_line_col",
]

BOUNDARY = "\x1f"  # a hard sentence boundary (block edges, table cells, alt text, ...)


class Mapping:
    """Piecewise map from clean offsets to source offsets (optionally through a parent map)."""

    __slots__ = ("cstart", "sstart", "send", "lin", "parent", "_len", "_copy_end")

    def __init__(self, parent: Mapping | None = None) -> None:
        # Compact arrays, not lists of int objects: a 4 MB page has ~200k pieces.
        self.cstart = array("q")
        self.sstart = array("q")
        self.send = array("q")
        self.lin = bytearray()
        self.parent = parent
        self._len = 0
        self._copy_end = -1  # where the last piece ends in the source if it is a copy, else -1

    def add(self, length: int, s: int, e: int, linear: bool) -> None:
        if length <= 0:
            return
        # Extend a contiguous verbatim run instead of adding a piece (keeps bisect cheap).
        if linear and self._copy_end == s:
            self.send[-1] = e
        else:
            self.cstart.append(self._len)
            self.sstart.append(s)
            self.send.append(e)
            self.lin.append(linear)
        self._copy_end = e if linear else -1
        self._len += length

    def _start(self, i: int) -> int:
        if not self.cstart:
            return 0
        k = max(bisect_right(self.cstart, i) - 1, 0)
        if self.lin[k]:
            return min(self.sstart[k] + (i - self.cstart[k]), self.send[k])
        return self.sstart[k]

    def _end(self, i: int) -> int:
        """Source offset just past clean character ``i - 1`` (exclusive end)."""
        if not self.cstart:
            return 0
        j = max(i - 1, 0)
        k = max(bisect_right(self.cstart, j) - 1, 0)
        if self.lin[k]:
            return min(self.sstart[k] + (j - self.cstart[k]) + 1, self.send[k])
        return self.send[k]

    def start(self, i: int) -> int:
        s = self._start(i)
        return self.parent.start(s) if self.parent is not None else s

    def end(self, i: int) -> int:
        e = self._end(i)
        return self.parent.end(e) if self.parent is not None else e


class _Builder:
    __slots__ = ("parts", "map", "folder")

    def __init__(self, parent: Mapping | None = None, folder: Folder | None = None) -> None:
        self.parts: list[str] = []
        self.map = Mapping(parent)
        self.folder = folder or PLAIN

    def verbatim(self, text: str, s: int) -> None:
        if text:
            self.parts.append(text)
            self.map.add(len(text), s, s + len(text), True)

    def replace(self, text: str, s: int, e: int) -> None:
        if text:
            self.parts.append(text)
            # One character for one (a table's pipe for a block edge) maps as a copy does, so
            # it joins the copies around it in one piece (a table row's cells and pipes).
            self.map.add(len(text), s, e, e - s == 1 and len(text) == 1)

    def folded(
        self,
        run: str,
        s: int,
        prev: str = "",
        nxt: str = "",
        near: tuple[bool | None, bool | None] = (None, None),
    ) -> None:
        """Copy ``run`` (from source offset ``s``) through the folder; ``prev``/``nxt`` are the
        source characters around it, so a look-alike letter inside a word is recognised, and
        ``near`` says whether the nearest letters before and after it are of the pack's script."""
        if run.isascii():
            self.verbatim(run, s)
            return
        pieces = self.folder.pieces(run, prev, nxt, near)
        if all(len(p) == 1 for p in pieces):
            self.parts.append("".join(pieces))
            self.map.add(len(run), s, s + len(run), True)
            return
        for i, p in enumerate(pieces):
            if len(p) == 1:
                self.parts.append(p)
                self.map.add(1, s + i, s + i + 1, True)
            elif p:
                self.replace(p, s + i, s + i + 1)

    def text(self) -> str:
        return "".join(self.parts)


# --- character folding -------------------------------------------------------------------------

# Punctuation people paste from word processors: the same in every language.
_PUNCTUATION = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'", "ʻ": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-", "﹣": "-", "－": "-",
}  # fmt: skip

# Symbols that stand for words, in any language (the pack's ``symbol_words`` add its own)
_SYMBOL_WORDS = {"💯": " 100% "}
# Emoji skin tones and hair styles belong to the emoji before them: nothing of their own
_EMOJI_MODIFIERS = frozenset(chr(c) for c in (*range(0x1F3FB, 0x1F400), *range(0x1F9B0, 0x1F9B4)))


def _is_emoji(c: str) -> bool:
    """A pictograph (arrows, dingbats, emoji), not a sign such as ©, ° or £ that sits in text."""
    return ord(c) >= 0x2190 and unicodedata.category(c) == "So"


_DELETE = set(
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
    "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3164\ufeff\uffa0"
) | {chr(c) for c in range(0xFE00, 0xFE10)}


@dataclass(frozen=True)
class Nought:
    """How the language pack reads a nought standing alone before a word ("0 risk"): as
    ``word`` ("zero"), unless the word after it is one of ``not_before`` ("0 to 10") or the
    word before it one of ``not_after`` ("from 0"). No ``word``: a nought stays a digit."""

    word: str = ""
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()

    def reading(self, src: str, start: int, end: int) -> str | None:
        """The word the nought ``src[start:end]`` reads as, or None where it is a number."""
        if not self.word:
            return None
        after = _NOUGHT_NEXT.match(src, end)
        before = _NOUGHT_PREV.search(src, max(0, start - 40), start)
        if after and after.group(1).lower() in self.not_before:
            return None
        if before and before.group(1).lower() in self.not_after:
            return None
        return self.word


_NOUGHT_NEXT = re.compile(r"[\ufe0f\u20e3]*[ \t]+([^\W\d_]+)")
_NOUGHT_PREV = re.compile(r"([^\W\d_]+)[ \t]+$")


def _number_at(low: str, start: int, end: int) -> bool:
    """Is ``low[start:end]`` a whole number run into a hashtag's words ("look10yearsyounger",
    "number1clinic"): all digits, with no digit either side?"""
    return (
        low[start:end].isdigit()
        and (start == 0 or not low[start - 1].isdigit())
        and (end == len(low) or not low[end].isdigit())
    )


class Folder:
    """Folds what a reader would not tell apart: invisible characters, compatibility forms,
    accents, typographic punctuation, and look-alike letters of other scripts.

    Look-alike letters (the language pack's ``confusables``) are folded only inside a word that
    also has letters of the pack's script ("pаinless" with a Cyrillic а), or in a word made only
    of look-alikes that sits against text of the pack's script; a real Greek or Cyrillic word is
    left as it is.

    An emoji inside a word reads as nothing ("pain✨less"), and as a word where the pack says it
    stands for one (``symbol_words``: "🚫 downtime"); between words it stays, and rule patterns
    read it as a space (patterns.py), so rules about emoji ("before 😐 after 😍") still see it.

    ``words`` gives, on first need, the words the rules look for: a word written apart or held
    ("pain-less", "NoDowntimeNeeded", "juicierrrr") is read as one of them, never as a word
    the rules would not know.
    """

    def __init__(
        self,
        confusables: dict[str, str] | None = None,
        script: str = "Latin",
        masked_words: tuple[str, ...] = (),
        symbol_words: dict[str, str] | None = None,
        words: Callable[[], frozenset[str]] | None = None,
        one_letter_words: tuple[str, ...] = (),
        nought: Nought | None = None,
    ) -> None:
        self.confusables = dict(confusables or {})
        self.script = script.upper()
        self.masked_words = tuple(w.lower() for w in masked_words)
        self.symbol_words = {
            **_SYMBOL_WORDS,
            **{k: f" {v} " for k, v in (symbol_words or {}).items()},
        }
        self._words = words
        self._known: frozenset[str] | None = None
        self._one_letter = frozenset(w.lower() for w in one_letter_words)
        self.nought = nought or Nought()
        self._plain: dict[str, str] = {}
        self._lookalike: dict[str, str] = {}
        self._hashtags: dict[str, tuple[str, ...]] = {}

    def known(self, word: str) -> bool:
        """Is ``word`` (lower case) one the rules or the pack name?"""
        if self._known is None:
            self._known = self._words() if self._words is not None else frozenset()
        return word in self._known

    def hashtag_words(self, tag: str) -> tuple[str, ...]:
        """The known words and whole numbers a hashtag runs together, fewest first
        ("zerorisk" -> "zero", "risk"; "ZeroRisk" keeps its capitals; "9outof10" -> "9", "out",
        "of", "10"), or () when it is one word or not all of it splits so. Remembered per
        hashtag: a site repeats its own."""
        hit = self._hashtags.get(tag)
        if hit is None:
            hit = self._hashtags[tag] = self._split_known(tag)
        return hit

    def _split_known(self, tag: str) -> tuple[str, ...]:
        low = tag.lower()
        n = len(low)
        # fewest[i], cut[i]: the fewest known words that spell low[:i], and where the last starts
        fewest = [0] + [n + 1] * n
        cut = [0] * (n + 1)
        for i in range(1, n + 1):
            for j in range(max(0, i - 20), i):
                if fewest[j] + 1 < fewest[i] and (
                    self.known(low[j:i]) or self.one_letter(low[j:i]) or _number_at(low, j, i)
                ):
                    fewest[i], cut[i] = fewest[j] + 1, j
        if not 2 <= fewest[n] <= n:
            return ()
        cuts = [n]
        while cuts[-1]:
            cuts.append(cut[cuts[-1]])
        cuts.reverse()
        return tuple(tag[a:e] for a, e in zip(cuts, cuts[1:], strict=False))

    def one_letter(self, letter: str) -> bool:
        """Is ``letter`` a word on its own ("a", "I")?"""
        return letter.lower() in self._one_letter

    def unmask(self, token: str) -> str | None:
        """The one masked word ``token`` spells with its starred-out letters ("b*tox",
        "semaglu**de": each star stands for one letter), or None when it fits none or several."""
        shape = re.compile(
            "".join(
                f"[a-z]{{{len(run)}}}" if run[0] in _MASKS else re.escape(run)
                for run in re.findall(rf"[{_MASKS}]+|[^{_MASKS}]+", token.lower())
            )
        )
        fits = [w for w in self.masked_words if shape.fullmatch(w)]
        return fits[0] if len(fits) == 1 else None

    def char(self, c: str, lookalike: bool) -> str:
        cache = self._lookalike if lookalike else self._plain
        hit = cache.get(c)
        if hit is None:
            hit = cache[c] = self._fold(c, lookalike)
        return hit

    def _fold(self, c: str, lookalike: bool) -> str:
        if c in _DELETE or 0xE0000 <= ord(c) <= 0xE007F:
            return ""
        if c in _PUNCTUATION:
            return _PUNCTUATION[c]
        if c in self.symbol_words:
            return self.symbol_words[c]
        if lookalike and c in self.confusables:
            return self.confusables[c]
        if c.isspace():
            return " "
        cat = unicodedata.category(c)
        if cat in ("Mn", "Me", "Cf"):  # combining marks and other invisible format characters
            return ""
        n = unicodedata.normalize("NFKC", c)
        if cat.startswith("S") and len(n) > 1:  # ™ → "TM" would glue letters onto a word
            return " "
        if n.isascii():
            return n
        d = "".join(ch for ch in unicodedata.normalize("NFKD", n) if not unicodedata.combining(ch))
        if lookalike:
            d = "".join(self.confusables.get(ch, ch) for ch in d)
        return d or " "

    def _native(self, c: str) -> bool:
        """Is ``c`` a letter of the pack's own script?"""
        if c.isascii():
            return c.isalpha()
        try:
            return unicodedata.name(c).startswith(self.script)
        except ValueError:
            return False

    def pieces(
        self,
        run: str,
        prev: str = "",
        nxt: str = "",
        near: tuple[bool | None, bool | None] = (None, None),
    ) -> list[str]:
        """The folded form of each character of ``run``; ``prev``/``nxt`` are the characters
        just outside it (a word continues across them); ``near``: are the nearest letters
        before and after it of the pack's script (a word of look-alikes only is ours then)."""
        out: list[str] = []
        i, n = 0, len(run)
        while i < n:
            if not run[i].isalpha():
                c = run[i]
                if _is_emoji(c) and c not in self.symbol_words and _inside_word(run, i, prev, nxt):
                    out.append("")  # "pain✨less": one word with a picture in it
                else:
                    out.append(self.char(c, False))
                i += 1
                continue
            j = i
            while j < n and run[j].isalpha():
                j += 1
            word = run[i:j]
            edge_native = (i == 0 and prev.isascii() and prev.isalpha()) or (
                j == n and nxt.isascii() and nxt.isalpha()
            )
            mixed = edge_native or any(self._native(c) for c in word)
            if not mixed and all(c in self.confusables for c in word):
                # a word of look-alikes only, against text of our script ("ѕаfе" in English,
                # "'Тох'" in quotes); never among words of its own ("Η θεραπεία" stays Greek)
                edge = (i == 0 and prev in _LOOKALIKE_BEFORE) or (
                    j == n and nxt in _LOOKALIKE_AFTER
                )
                mixed = edge and near[0] is not False and near[1] is not False
            out.extend(self.char(c, mixed) for c in word)
            i = j
        return out

    def text(self, text: str) -> str:
        """Fold a whole string (for tests, docs and rule examples)."""
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if text[i].isascii():
                j = i
                while j < n and text[j].isascii():
                    j += 1
                out.append(text[i:j])
            else:
                j = i
                while j < n and not text[j].isascii():
                    j += 1
                prev = text[i - 1] if i else ""
                nxt = text[j] if j < n else ""
                near = (
                    _native_near(reversed(text[max(i - 40, 0) : i])),
                    _native_near(text[j : j + 40]),
                )
                out.extend(self.pieces(text[i:j], prev, nxt, near))
            i = j
        return "".join(out)


# What may stand just before and after a word made only of look-alikes for it to be read as
# ours (strings, not sets: the start or end of the text, "", counts too, as it always has)
_LOOKALIKE_BEFORE = " \t\n'\"(["
_LOOKALIKE_AFTER = " \t\n.,;:!?'\")]"


def _native_near(chars: Iterable[str]) -> bool | None:
    """Is the first letter of ``chars`` (the text read away from a word) a letter of ours?
    None when there is none."""
    return next((c.isascii() for c in chars if c.isalpha()), None)


def _inside_word(run: str, i: int, prev: str, nxt: str) -> bool:
    """Is the emoji ``run[i]`` between two letters of one word, with only marks that belong to
    it (variation selectors, joiners, skin tones) around it?"""
    j = i - 1
    while j >= 0 and _emoji_part(run[j]):
        j -= 1
    before = run[j] if j >= 0 else prev
    k = i + 1
    while k < len(run) and _emoji_part(run[k]):
        k += 1
    after = run[k] if k < len(run) else nxt
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


def _emoji_part(c: str) -> bool:
    """An emoji, or a mark that belongs to one (variation selector, joiner, skin tone)."""
    return c in _DELETE or c in _EMOJI_MODIFIERS or _is_emoji(c)


PLAIN = Folder()  # no look-alike table: for callers that have no language pack


def fold_text(text: str, folder: Folder | None = None) -> str:
    """Fold ``text`` the way the linter does (for tests, docs and rule examples)."""
    return (folder or PLAIN).text(text)


# --- units -------------------------------------------------------------------------------------


@dataclass
class Unit:
    """A piece of clean text to lint: the Markdown body, or one front matter value."""

    text: str  # clean text, original case
    lower: str  # same length, lower case
    mapping: Mapping
    field: str = ""  # front matter key path, "" for the body
    fnrefs: list[tuple[int, str, int, int]] = dc_field(default_factory=list)  # (clean, id, s, e)
    directives: list[tuple[int, int, str]] = dc_field(default_factory=list)  # (src s, src e, text)


def _lower_same_length(text: str) -> str:
    low = _lower(text)
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _lower(text: str, chunk: int = 1 << 16) -> str:
    """``text.lower()``, a chunk at a time where the text is not ASCII: CPython lowers such a
    string through a buffer of three 4-byte characters per character (a 4 MB page took 50 MB
    more at once). Each chunk ends before a space, which no case rule looks past (a final
    sigma is decided by the letters up to the nearest character that is not case-ignorable)."""
    if text.isascii() or len(text) <= chunk:
        return text.lower()
    return "".join(part.lower() for part in _space_chunks(text, chunk))


def _space_chunks(text: str, chunk: int) -> Iterator[str]:
    """``text`` in consecutive pieces of at least ``chunk`` characters, each cut just before
    a space (the last piece may be shorter)."""
    at, n = 0, len(text)
    while at < n:
        cut = text.find(" ", at + chunk)
        cut = n if cut < 0 else cut
        yield text[at:cut]
        at = cut


def _finish(b: _Builder, field_name: str = "", **kw: list) -> Unit:  # type: ignore[type-arg]
    text = b.text()
    return Unit(text, _lower_same_length(text), b.map, field_name, **kw)


# --- inline tokeniser (Markdown + HTML) -------------------------------------------------------

_SKIP_ELEMENTS = ("script", "style", "pre", "code", "kbd", "samp", "template", "math", "noembed")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "body",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "img",
        "label",
        "legend",
        "li",
        "main",
        "meta",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
# A label and its value side by side (a definition list's term, a row's header cell): only
# white space between the label's end tag and the value's start tag.
_PAIRED = frozenset({"dt", "dd", "th", "td"})
_VALUE_NEXT = {
    "dt": re.compile(r"\s*<dd\b", re.I),
    "th": re.compile(r"\s*<td\b", re.I),
}
_LABEL_BEFORE = {
    "dd": re.compile(r"</dt\s*>\s*$", re.I),
    "td": re.compile(r"</th\s*>\s*$", re.I),
}
_TEXT_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder"})
_META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")

_COMMON = r"""
 (?P<comment><!--)
|(?P<rawskip><(?:script|style|pre|code|kbd|samp|template|math|noembed)\b)
|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>)
|(?P<decl><![A-Za-z\[][^>]*>|<\?[^>]*>)
|(?P<ent>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
"""
_MD_ONLY = r"""
|(?P<esc>\\[!-/:-@\[-`{-~])
|(?P<code>``(?:[^`]|`(?!`)){1,2000}?``|`[^`\n]{1,1000}`)
|(?P<url>(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>()\[\]"]+)
|(?P<emph>\*+|_+|~~)
|(?P<img>!\[)
|(?P<fnref>\[\^(?P<fnid>[^\]\s]{1,100})\])
|(?P<linkend>\]\((?:\s*<[^>\n]*>|\s*[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)
   (?:\s+(?:"(?P<t1>[^"]*)"|'(?P<t2>[^']*)'|\((?P<t3>[^()]*)\)))?\s*\))
|(?P<refend>\]\[[^\]\n]{0,200}\])
|(?P<bracket>[\[\]])
"""
# A separator inside a known word ("pain-less", "guaran.teed"): read by _Inline._joins_a_word
_BROKEN = r"(?<=[A-Za-z]{2})[-._](?=[A-Za-z]{2})"
# A hashtag ("#zerorisk", "#NoDowntime", "#look10yearsyounger"): read whole, and as the known
# words and numbers it runs together (Folder.hashtag_words). Not after a word ("t#x" is
# masked) nor "#" in an entity.
_HASHTAG = r"(?<![\w&#])\#(?=[0-9]*[A-Za-z])[A-Za-z0-9]{4,}(?![\w@$!*\#]|[-.·•'’][A-Za-z])"
# An ellipsis between two words of a sentence ("no... downtime", "100%…safe"): a pause for
# effect, read as a space; not before a capital, where a new sentence may start
_ELLIPSIS = r"(?:(?<=[A-Za-z0-9%])|(?<=[A-Za-z0-9%][ \t]))(?:\.{3}|…)[ \t]*(?-i:(?=[a-z]))"
# A nought standing alone before a word ("0 risk", "0️⃣ scarring"): read as the pack's word for
# it (Nought), so rules that say "zero" see it. Never inside a number, a price or a decimal
# ("10", "£0", "0.5"); the pack names the words that keep it a number ("0 to 10", "from 0").
_NOUGHT_AHEAD = r"(?=[\ufe0f\u20e3]*[ \t]+[A-Za-z])"
_NOUGHT = rf"(?<![\w.,£$€%-])0{_NOUGHT_AHEAD}"
_TAIL = rf"""
|(?P<nought>{_NOUGHT})
|(?P<hashtag>{_HASHTAG})
|(?P<ellipsis>{_ELLIPSIS})
|(?P<nonascii>(?-i:[^\x00-\x7f]+))  # (?-i): under re.I, "ı" and "ſ" count as ASCII letters
|(?P<broken>{_BROKEN})  # common (hyphenated words): tried where the trigger finds one
"""
# Evasions a reader undoes without noticing: "p a i n l e s s" and a word hyphenated across a
# line break ("perma-\nnent"). Rare, so the extra alternatives are only used when present.
# letters spaced or dotted apart ("p a i n l e s s", "D.E.T.O.X"), digits for letters ("B0tox")
# Three letters are enough ("F.a.t", "t-o-x"); harmless on initialisms ("N.H.S" reads "nhs").
# Digits and symbols for letters: inside a word ("B0tox", "pa!nless"), ending one ("dissolv3",
# "painle$$", not "SPF30" or "US$50"), or a word of one letter and a nought ("n0 downtime").
# One separator throughout, so "F.a.t d.i.s.s.o.l.v.e.r.s" reads as two words.
# Not the s of "there's" (the letter after an apostrophe inside a word); a quote may open one.
_SPACED = (
    r"(?<![A-Za-z])(?<![A-Za-z]['’])"
    r"[A-Za-z](?P<spacer>[ .·•_*-])[A-Za-z](?:(?P=spacer)[A-Za-z])+(?![A-Za-z0-9])"
)
# Each is only a candidate: _leet_reading decides from the whole word (a code such as "SPF30",
# "B12", "no1" or "day1" is left alone; "z3r0", "5w1p3" and "4pp01n7m3n7" are read as words).
_LEET = (
    r"(?<=[A-Za-z])[0134578@$!]+(?=[A-Za-z])"
    r"|(?<=[A-Za-z])[0134578@$]+(?![A-Za-z0-9@$!])"
    r"|(?<![A-Za-z0-9@$!])[0134578@$!]+(?=[A-Za-z])"
)
_LEET_CHARS = frozenset("0134578@$!")
_WORD_CHARS = frozenset("0123456789@$!abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _letters_around(src: str, start: int, end: int) -> tuple[int, int]:
    """Where the run of ASCII letters that ends at ``start`` begins, and where the one that
    starts at ``end`` ends: the word a separator or a capital sits in."""
    a = start
    while a > 0 and src[a - 1].isascii() and src[a - 1].isalpha():
        a -= 1
    e = end
    while e < len(src) and src[e].isascii() and src[e].isalpha():
        e += 1
    return a, e


def _camel_words(src: str, at: int, folder: Folder) -> bool:
    """Is the capital at ``at`` a word's start inside camel case made only of known words
    ("ZeroDowntime", "NoDowntimeNeeded")? Not in a hashtag, nor in a name ("SlimAura")."""
    a, e = _letters_around(src, at, at)
    if a > 0 and src[a - 1] == "#":
        return False
    parts = _CAMEL_PART.findall(src, a, e)
    return "".join(parts) == src[a:e] and all(folder.known(p.lower()) for p in parts)


_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+")


def _leet_word(src: str, start: int, end: int) -> tuple[int, int]:
    """Where the word written partly in digits and symbols around ``src[start:end]`` begins and
    ends. Its letters may be of any kind ("Gu4ʀᴀɴᴛᴇᴇᴅ" mixes small capitals in)."""
    a, b = start, end
    while a > 0 and (src[a - 1] in _WORD_CHARS or src[a - 1].isalpha()):
        a -= 1
    while b < len(src) and (src[b] in _WORD_CHARS or src[b].isalpha()):
        b += 1
    return a, b


def _leet_reading(src: str, start: int, end: int, folder: Folder | None = None) -> bool:
    """Are the digits and symbols ``src[start:end]`` letters of a word written in them?

    Always when the whole word, read so, is one the rules know ("ph0705", "47hl3735",
    "Member$"; a count such as "1in10" is no word). Otherwise: inside a word, always ("B0tox",
    "pa!nless"). Starting one, only when the word has more of them inside ("5w1p3", "0v3r"),
    or a $ before three letters ("$afe"). Ending one, when the word has them inside ("z3r0"),
    or as a final o or s after three letters or more in lower case ("zer0", "painle$$"), or a
    nought after one letter ("n0"): never a number after a code or a count ("SPF30", "no1",
    "day1", "top3", "omega3", "B12", "US$50")."""
    a, b = _leet_word(src, start, end)
    word = src[a:b].rstrip("!")
    if any(c.isdigit() and c not in _LEET_CHARS for c in word):
        return False
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if not letters:
        return False
    # a known word, all of it ("ph0705", "47hl3735"): two letters at least, and not a number
    # before its unit ("18s", "R3,500" are no "ibs", "re")
    spelt = len(letters) >= 2 and (
        letters[0] == 1 or any(not c.isalpha() for c in word[letters[0] :])
    )  # one sign before the letters ("0nly", "!njector"), or some among them
    if spelt and folder is not None and folder.known(word.translate(_LEET_MAP).lower()):
        return start - a < len(word)
    first, last = letters[0], letters[-1]
    inner = any(not c.isalpha() for c in word[first:last])
    at = start - a
    if first < at < last:
        return True
    if at < first:
        lead = word[:first]
        return (inner and len(lead) <= 2) or (lead == "$" and last - first >= 2)
    trail, stem = word[last + 1 :], word[first : last + 1]
    if inner:
        return len(trail) <= 2
    if len(stem) == 1:
        return trail == "0"
    return stem.islower() and len(stem) >= 3 and (trail == "0" or set(trail) == {"$"})


def _stands_for_l(src: str, at: int, folder: Folder | None) -> bool:
    """Does the character at ``at`` (a one or a capital I, which look like a small l) stand for
    an l? Only when the word it sits in is one the rules know with an l there and not as
    written or read the usual way ("pain1ess", "painIess"; "B1", "iPhone" and "pa1nless" are
    left to their usual reading)."""
    if folder is None:
        return False
    a, e = _leet_word(src, at, at + 1)
    word = src[a:e].lower()
    i = at - a
    as_l = (word[:i] + "l" + word[i + 1 :]).translate(_LEET_MAP)
    as_i = (word[:i] + "i" + word[i + 1 :]).translate(_LEET_MAP)
    return folder.known(as_l) and not folder.known(as_i)


def _leet_letters(src: str, start: int, end: int, folder: Folder | None) -> str:
    """The letters the digits and symbols ``src[start:end]`` stand for: the usual reading
    ("B0tox", "pa1nless"), but a one that only an l makes a word of reads l ("pain1ess")."""
    letters = src[start:end].translate(_LEET_MAP)
    return "".join(
        "l" if c == "1" and _stands_for_l(src, start + k, folder) else letters[k]
        for k, c in enumerate(src[start:end])
    )


# Known words run together in camel case ("NoDowntimeNeeded", read apart; not a hashtag, which
# rules read as it is, nor a name such as "SlimAura" or "TikTok"), and a known word broken by a
# hyphen, a dot or an underscore ("pain-less", "guaran.teed": _BROKEN, above)
_CAMEL = r"(?-i:(?<=[A-Za-z][a-z])[A-Z](?=[a-z]{2}))"
_LEET_MAP = str.maketrans("0134578@$!", "oieastbasi")
# Letters starred out to get past filters ("b*tox", "semaglu**de", "t#x"): a word with a mask
# inside it, read as the language pack's masked word it fits (Folder.unmask)
_MASKS = "*#"
_MASKED = rf"(?<![A-Za-z{_MASKS}])[A-Za-z]+[{_MASKS}]+[A-Za-z][A-Za-z{_MASKS}]*(?![A-Za-z{_MASKS}])"
_HYPHEN_BREAK = r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z])"
# A letter held for emphasis ("painlesssss", "guaranteeeed", "sooo safe"): three or more of the
# same letter, which no English word has; read back to the word it stretches (_unstretch)
_STRETCH = r"(?P<sl>[A-Za-z])(?P=sl){2,}"
_EXTRA = rf"""
|(?P<spaced>{_SPACED})
|(?P<hyphbreak>{_HYPHEN_BREAK})
|(?P<leet>{_LEET})
|(?P<masked>{_MASKED})
|(?P<stretch>{_STRETCH})
|(?P<camel>{_CAMEL})
"""
# Whether a text may hold any of the rare evasion tokens at all (_extra_present). Each scan
# starts with one class of characters, so the regex engine skips to them in C; one alternation
# of several classes is tried at every position instead. All but two never cross white space,
# so they read each distinct word of the text once (a page says "the" thousands of times).
_LEET_PRESENT = re.compile(
    r"[0134578@$!](?:(?<=[A-Za-z][0134578@$!])(?=[0134578@$!]*[A-Za-z])"
    r"|(?<=[A-Za-z][0134578@$])(?=[0134578@$]*(?![A-Za-z0-9@$!]))"
    r"|(?<![A-Za-z0-9@$!][0134578@$!])(?=[0134578@$!]*[A-Za-z]))"
)
_IN_A_WORD = (
    _LEET_PRESENT,
    re.compile(r"[A-Z](?<=[A-Za-z][a-z][A-Z])(?=[a-z]{2})"),  # camel case
    # spaced letters with no space between them ("p.a.i.n"): from the separator, not every letter
    re.compile(r"[.·•_*-](?<=\b[A-Za-z][.·•_*-])[A-Za-z][.·•_*-][A-Za-z]\b"),
    re.compile(rf"[{_MASKS}](?<=[A-Za-z][{_MASKS}])(?=[{_MASKS}]*[A-Za-z])"),
    re.compile(r"([A-Za-z])\1\1"),  # a held letter
)
_ACROSS_LINES = re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n")  # a word hyphenated across a line break
# Spaced letters with a space for one separator or both ("p a i n", "p.a i"). Each scan starts
# with one literal character, which the regex engine finds fast: spaced by spaces alone
# ("p a i") from the space before the middle letter, tried at each space with two character
# tests; a space and another separator ("p a.i", "p.a i") from that separator, one scan per
# separator (a scan for a class of characters tests every character). None of them matches a
# newline, and their look-arounds see a newline as they see the start of the text.
_ACROSS_WORDS = (
    re.compile(r" [A-Za-z] [A-Za-z]\b(?<=\b[A-Za-z] [A-Za-z] [A-Za-z])"),
    *(
        re.compile(
            rf"{re.escape(sep)}(?:(?<=\b[A-Za-z] [A-Za-z]{re.escape(sep)})[A-Za-z]\b"
            rf"|(?<=\b[A-Za-z]{re.escape(sep)})[A-Za-z] [A-Za-z]\b)"
        )
        for sep in ".·•_*-"
    ),
)


def _extra_present(src: str, chunk: int = 1 << 16) -> bool:
    """May ``src`` hold a rare evasion token (spaced, leet, masked or held letters, camel
    case, a hyphen before a line break)? A cheap test for the whole text: only then does the
    tokeniser try those tokens, which cost a try at every letter.

    Only the hyphen before a line break crosses a line. The other scans read each distinct
    line once (a page repeats its table rows, list items and paragraphs), joined by newlines:
    none of them matches a newline, and their look-arounds see the newline between two lines
    as they see it in ``src``. The in-word scans then read each distinct word of those lines
    once, joined by newlines: none of them matches white space, and every look-around in
    them sees any white space as it sees a newline, so each scan finds a match exactly when
    it would in ``src``."""
    if _ACROSS_LINES.search(src):
        return True
    seen: set[str] = set()
    words: set[str] = set()
    for part in _line_chunks(src, chunk):
        new = set(part.split("\n"))
        new -= seen
        seen |= new
        lines = "\n".join(new)
        if any(rx.search(lines) for rx in _ACROSS_WORDS):
            return True
        words.update(lines.split())
    joined = "\n".join(words)
    return any(rx.search(joined) for rx in _IN_A_WORD)


def _line_chunks(text: str, chunk: int) -> Iterator[str]:
    """``text`` in consecutive runs of whole lines of at least ``chunk`` characters (the last
    run may be shorter), without the newline at each cut: a 4 MB page split whole made a
    list of every line on it at once."""
    at, n = 0, len(text)
    while at <= n:
        cut = text.find("\n", at + chunk)
        if cut < 0:
            yield text[at:]
            return
        yield text[at:cut]
        at = cut + 1


_TEXT_COMMON = r"(?P<comment><!--)|(?P<ent>(?!))"


def _unstretch(src: str, start: int, end: int, folder: Folder | None = None) -> str:
    """The letters a held letter ``src[start:end]`` stands for: one for a, i and u, a final o
    and the s of a short word, which English seldom doubles ("zerooo", "sooo", "yesss");
    otherwise two ("painlesssss", "guaranteeeed", "smooooth", "freeee"), which it often does.
    Three inside a word are left alone: a hashtag runs "glass" and "skin" together."""
    letter = src[start]
    # up to three letters either side are all the word shape below needs
    before = len(_LETTERS_BEFORE.search(src, max(start - 3, 0), start).group())  # type: ignore[union-attr]
    after = _LETTERS.match(src, end).end() - end  # type: ignore[union-attr]
    if folder is not None:  # the word the rules know, once or twice: "juicierrr", "paaainless"
        head = _LETTERS_BEFORE.search(src, max(start - 30, 0), start).group()  # type: ignore[union-attr]
        tail = _WORD_AFTER.match(src, end).group()  # type: ignore[union-attr]
        fits = [k for k in (1, 2) if folder.known(f"{head}{letter * k}{tail}".lower())]
        if len(fits) == 1:
            return letter * fits[0]
    if end - start == 3 and before and after:
        return src[start:end]  # "glassskin": two words run together, not a held letter
    low = letter.lower()
    single = low in "aiu" or (not after and (low == "o" or (low == "s" and before <= 2)))
    if single or before + after < 2:
        return letter
    return src[start : start + 2]


def _among_hashtags(src: str, start: int, end: int) -> bool:
    """Is the hashtag ``src[start:end]`` next to another one (only spaces between)?"""
    after = end
    while after < len(src) and src[after] in " \t":
        after += 1
    if src.startswith("#", after):
        return True
    last = start - 1
    while last >= 0 and src[last] in " \t":
        last -= 1
    first = last
    while first >= 0 and not src[first].isspace():
        first -= 1
    return last > first and src[first + 1] == "#"


_LETTERS = re.compile(r"[A-Za-z]{0,3}")
_HELD = re.compile(r"([A-Za-z])\1\1", re.I)
_WORD_AFTER = re.compile(r"[A-Za-z]*")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]*$")  # searched up to the held letter (endpos)


def _tokens(*parts: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The token regex, and the same with the rare evasion tokens."""
    return re.compile("".join(parts), re.X | re.I), re.compile(
        "".join((*parts[:-1], _EXTRA, parts[-1])), re.X | re.I
    )


_MD_TOKEN, _MD_TOKEN_X = _tokens(_COMMON, _MD_ONLY, _TAIL)
_HTML_TOKEN, _HTML_TOKEN_X = _tokens(_COMMON, _TAIL)
_TEXT_TOKEN, _TEXT_TOKEN_X = _tokens(_TEXT_COMMON, "", _TAIL)
_ANY = re.compile(r"[\s\S]")
# Where a token may start. Each trigger starts with one class of characters (the regex engine
# skips to them in C) and then checks which token it may be; an alternation starting with
# several classes would be tried at every position of the page. A separator between letters
# may break a known word ("pain-less"): the cheapest test there is.
# just past the separator; or a hashtag's "#"; or the first dot of an ellipsis; or a lone nought
_BROKEN_AT = (
    rf"(?<=(?<![\w.,£$€%-])0){_NOUGHT_AHEAD}|"
    r"(?<=[A-Za-z]{2}[-._])(?=[A-Za-z]{2})"
    r"|(?<=\#)(?=[0-9]*[A-Za-z])(?=[A-Za-z0-9]{4})"
    r"|(?<=\.)(?=\.\.)"
)
_MD_TRIGGER = (
    r"[<&\\`*_~!\[\]\x80-\U0010ffffhHwW.#0-]"
    r"(?:(?<=[<&\\`*_~!\[\]\x80-\U0010ffff])|(?<=h)(?=ttps?://)|(?<=H)(?=TTPS?://)"
    rf"|(?<=[wW])(?=[wW]{{2}}\.)|{_BROKEN_AT})"
)
_HTML_TRIGGER = rf"[<&\x80-\U0010ffff_.#0-](?:(?<=[<&\x80-\U0010ffff])|{_BROKEN_AT})"
_TEXT_TRIGGER = rf"[<\x80-\U0010ffff_.#0-](?:(?<=<)(?=!--)|(?<=[\x80-\U0010ffff])|{_BROKEN_AT})"
_EXTRA_TRIGGER = rf"|{_SPACED}|-[ \t]*\n|{_LEET}|{_MASKED}|{_STRETCH}|{_CAMEL}"
_TRIGGERS = {
    _MD_TOKEN: re.compile(_MD_TRIGGER),
    _HTML_TOKEN: re.compile(_HTML_TRIGGER),
    _TEXT_TOKEN: re.compile(_TEXT_TRIGGER),
    _MD_TOKEN_X: re.compile(_MD_TRIGGER + _EXTRA_TRIGGER),
    _HTML_TOKEN_X: re.compile(_HTML_TRIGGER + _EXTRA_TRIGGER),
    _TEXT_TOKEN_X: re.compile(_TEXT_TRIGGER + _EXTRA_TRIGGER),
}
_EXTENDED = {_MD_TOKEN: _MD_TOKEN_X, _HTML_TOKEN: _HTML_TOKEN_X, _TEXT_TOKEN: _TEXT_TOKEN_X}
_FN_HREF = re.compile(r"#fn[:\-_]([^\s\"'>]+)")
# what an attribute's value holds that is not copied as it stands: a character reference, or
# characters to fold
_ATTR_TOKEN = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|[^\x00-\x7f]+"
)


class _Inline:
    """One pass of the inline tokeniser over ``src`` (whose offsets ``parent`` maps)."""

    def __init__(
        self,
        src: str,
        parent: Mapping | None,
        token_re: re.Pattern[str],
        folder: Folder | None = None,
    ) -> None:
        self.src = src
        if token_re in _EXTENDED and _extra_present(src):
            token_re = _EXTENDED[token_re]
        self.trigger = _TRIGGERS.get(token_re, _ANY)
        self.low: str | None = None
        self.b = _Builder(parent, folder)
        self.token_re = token_re
        self.fnrefs: list[tuple[int, str, int, int]] = []
        self.directives: list[tuple[int, int, str]] = []
        self.parent = parent
        self.open_images = 0

    def _src_span(self, s: int, e: int) -> tuple[int, int]:
        if self.parent is None:
            return s, e
        return self.parent.start(s), self.parent.end(e)

    def _clen(self) -> int:
        return self.b.map._len

    def _around(self, end: int, src: str | None = None) -> tuple[str, str]:
        """The clean character before a token and the source character after it, skipping
        emphasis markers: "p**а**inless" is one word."""
        parts = self.b.parts
        prev = parts[-1][-1] if parts and parts[-1] else ""
        text = self.src if src is None else src
        j = end
        while j < len(text) and text[j] in "*_~":
            j += 1
        return prev, text[j] if j < len(text) else ""

    def _near(self, end: int) -> tuple[bool | None, bool | None]:
        """Are the nearest letters before a token (in the clean text) and after it (in the
        source) of the pack's script?"""
        before = "".join(self.b.parts[-8:])[-40:]
        return _native_near(reversed(before)), _native_near(self.src[end : end + 40])

    def _unescape(self, tok: str, end: int, src: str | None = None) -> str:
        """A character reference, decoded and folded in its word's context."""
        prev, nxt = self._around(end, src)
        return "".join(self.b.folder.pieces(html.unescape(tok), prev, nxt))

    def attr_text(self, value: str, s: int) -> None:
        """Emit an attribute value (alt, title, ...) as its own boundary-delimited unit."""
        self.b.replace(BOUNDARY, s, s)
        pos = 0
        # most values (a link's title) hold no "&" and only ASCII: nothing to look for
        tokens = _ATTR_TOKEN.finditer(value) if "&" in value or not value.isascii() else ()
        for m in tokens:
            self.b.verbatim(value[pos : m.start()], s + pos)
            tok = m.group(0)
            if tok.startswith("&"):
                self.b.replace(self._unescape(tok, m.end(), value), s + m.start(), s + m.end())
            else:
                self.b.folded(tok, s + m.start(), *self._around(m.end(), value))
            pos = m.end()
        self.b.verbatim(value[pos:], s + pos)
        self.b.replace(BOUNDARY, s + len(value), s + len(value))

    def run(self) -> None:
        src, b = self.src, self.b
        pos = 0  # everything before pos has been emitted
        scan = 0  # where to look for the next token
        n = len(src)
        # A cheap character-class scan finds where a token could start; the full token regex
        # is only tried there (one big alternation tried at every position is 20x slower).
        trigger = self.trigger.search
        match = self.token_re.match
        while scan < n:
            t = trigger(src, scan)
            if t is None:
                break
            start = t.start()
            m = match(src, start)
            if m is None or m.end() == start:
                scan = start + 1
                continue
            end = m.end()
            kind = m.lastgroup
            if kind == "broken" and not self._joins_a_word(start, end):
                scan = end  # "anti-ageing": no token, so the run of plain text goes on unbroken
                continue
            if start > pos:
                b.verbatim(src[pos:start], pos)
            tok = m.group(0)
            if kind == "nonascii":
                b.folded(tok, start, *self._around(end), self._near(end))
            elif kind == "spaced":
                self._spaced(tok, start, end)
            elif kind == "leet":
                if _leet_reading(src, start, end, b.folder):
                    b.replace(_leet_letters(src, start, end, b.folder), start, end)
                else:
                    b.verbatim(tok, start)
            elif kind == "camel":
                if tok == "I" and _stands_for_l(src, start, b.folder):
                    b.replace("l", start, end)  # "painIess": a capital I passing for an l
                else:
                    if _camel_words(src, start, b.folder):
                        b.replace(" ", start, start)  # "NoDowntime": a word starts here
                    b.verbatim(tok, start)
            elif kind == "hashtag":
                end = self._hashtag(tok, start, end)
            elif kind == "nought":
                word = b.folder.nought.reading(src, start, end)
                if word:
                    b.replace(word, start, end)
                else:
                    b.verbatim(tok, start)
            elif kind == "ellipsis":
                b.replace("" if src[start - 1] in " \t" else " ", start, end)
            elif kind == "broken":
                b.replace("", start, end)  # "pain-less": the separator inside a known word goes
            elif kind == "masked":
                word = b.folder.unmask(tok)
                # a word it does not fit reads as before: stars are emphasis, and go
                b.replace(word if word else tok.replace("*", ""), start, end)
            elif kind == "stretch":
                b.replace(_unstretch(src, start, end, b.folder), start, end)
            elif kind == "hyphbreak":
                b.replace("", start, end)
            elif kind == "emph" or kind == "bracket" or kind == "decl" or kind == "refend":
                pass  # markup: deleted, so **pain**less reads "painless"
            elif kind == "ent":
                b.replace(self._unescape(tok, end), start, end)
            elif kind == "esc":
                b.verbatim(tok[1], start + 1)
            elif kind == "url" or kind == "code":
                b.replace(" ", start, end)  # never lint code; keep words apart
            elif kind == "img":
                self.open_images += 1
                b.replace(BOUNDARY, start, end)
            elif kind == "fnref":
                s, e = self._src_span(start, end)
                self.fnrefs.append((self._clen(), m.group("fnid"), s, e))
            elif kind == "linkend":
                title = m.group("t1") or m.group("t2") or m.group("t3")
                if title:
                    gname = "t1" if m.group("t1") else "t2" if m.group("t2") else "t3"
                    self.attr_text(title, m.start(gname))
                if self.open_images:  # alt text ends here: keep it apart from what follows
                    self.open_images -= 1
                    b.replace(BOUNDARY, end - 1, end)
            elif kind == "comment":
                close = src.find("-->", end)
                if close < 0:
                    pass  # unterminated: lint what follows rather than hide it
                else:
                    body = src[end:close]
                    if "claims-lint" in body:
                        s, e = self._src_span(start, close + 3)
                        self.directives.append((s, e, body))
                    end = close + 3
            elif kind == "rawskip":
                if self.low is None:
                    self.low = src.lower()
                name = tok[1:].lower()
                close = self.low.find("</" + name, end)
                if close >= 0:
                    gt = src.find(">", close)
                    end = n if gt < 0 else gt + 1
                    b.replace(BOUNDARY, start, end)
                else:
                    b.replace(BOUNDARY, start, end)  # unclosed: drop only the opening tag name
            elif kind == "tag":
                end = self._tag(tok, start, end)
            pos = scan = end
        if pos < n:
            b.verbatim(src[pos:], pos)

    def _hashtag(self, tok: str, start: int, end: int) -> int:
        """A hashtag reads as the known words and whole numbers it runs together, then as
        itself, both pointing at the hashtag ("#zerorisk" reads "zero risk #zerorisk",
        "#look10yearsyounger" "look 10 years younger ..."): rules about words see the words,
        rules about hashtags ("#skipthe\\w+") the hashtag. Where it holds a letter
        ("#painfreeee"), or digits that spell no words ("#z3r0risk"), only its "#" is taken
        here, and the rest is read as before (held letters, digits for letters).
        A hashtag in a list of hashtags is a label, read whole only ("#medspa #glowingskin").
        Returns where the token ends."""
        if _HELD.search(tok):
            self.b.verbatim("#", start)
            return start + 1
        words = (
            () if _among_hashtags(self.src, start, end) else self.b.folder.hashtag_words(tok[1:])
        )
        if words:
            self.b.replace(f"{' '.join(words)} {tok}", start, end)
        elif not tok[1:].isalpha():  # its digits stand for letters ("#z3r0risk"): read on
            self.b.verbatim("#", start)
            return start + 1
        else:
            self.b.verbatim(tok, start)
        return end

    def _spaced(self, tok: str, start: int, end: int) -> None:
        """Letters spaced out read as one word ("p a i n l e s s"). A word of one letter spaced
        like them at either end ("a c o m p l i m e n t a r y", "m o n e y I") stays a word of
        its own when only without it the letters spell a known word."""
        letters = tok[::2]
        cuts = ((0, 0), (1, 0), (0, 1), (1, 1))  # the whole first: a known word wins
        a, z = next((c for c in cuts if self._spaced_word(letters, *c)), (0, 0))
        if a:
            self.b.verbatim(tok[0], start)
            self.b.replace(" ", start + 1, start + 2)
        inner_end = end - 2 * z
        self.b.replace(letters[a : len(letters) - z], start + 2 * a, inner_end)
        if z:
            self.b.replace(" ", inner_end, inner_end + 1)
            self.b.verbatim(tok[-1], end - 1)

    def _spaced_word(self, letters: str, a: int, z: int) -> bool:
        """Do ``letters`` spell a known word without ``a`` letters before and ``z`` after,
        each a word of one letter (the pack's ``one_letter_words``: "a", "I")?"""
        folder = self.b.folder
        if (a and not folder.one_letter(letters[0])) or (z and not folder.one_letter(letters[-1])):
            return False
        return len(letters) - a - z >= 3 and folder.known(letters[a : len(letters) - z].lower())

    def _joins_a_word(self, start: int, end: int) -> bool:
        """Does the separator ``src[start:end]`` sit inside a known word ("pain-less",
        "guaran.teed"), not between two words ("anti-ageing", "e.g.")?"""
        src = self.src
        a, e = _letters_around(src, start, end)
        return self.b.folder.known((src[a:start] + src[end:e]).lower())

    def _pair_joiner(self, name: str, closing: bool, start: int, end: int, joiner: str) -> str:
        """A label cell and the value beside it read as one statement, as a visitor reads
        them: ``<dt>Recovery</dt><dd>None</dd>`` and ``<th>Downtime</th><td>None</td>`` say
        "Recovery: None". Decided from the source around the two tags (never from state), so
        a block cut (blocks.py never cuts before a value tag) reads them the same."""
        if closing and name in ("dt", "th"):
            return ": " if _VALUE_NEXT[name].match(self.src, end) else joiner
        if not closing and name in ("dd", "td"):
            return "" if _LABEL_BEFORE[name].search(self.src, max(0, start - 40), start) else joiner
        return joiner

    def _tag(self, tok: str, start: int, end: int) -> int:
        closing = tok.startswith("</")
        name_m = _TAG_NAME.match(tok)
        name = name_m.group(1).lower() if name_m else ""
        # sup/sub become a space so a footnote number never glues onto a word ("proven1")
        joiner = BOUNDARY if name in _BLOCK_TAGS else " " if name in ("sup", "sub") else ""
        if name == "br" and _BR_GOES_ON.match(self.src, end):
            joiner = " "  # "Zero<br>downtime": a line broken in mid-sentence, read on
        if name in _PAIRED:
            joiner = self._pair_joiner(name, closing, start, end, joiner)
        self.b.replace(joiner, start, end)
        if not closing and _SKIP_ATTR.search(tok):
            return self._skip_element(name, end)
        if closing or len(tok) <= len(name) + 2:
            return end
        if not _ATTR_HINT.search(tok, name_m.end() if name_m else 0):
            return end  # no attribute read below can be there: most tags of a page
        attrs: dict[str, tuple[str, int]] = {}
        base = start + (name_m.end() if name_m else 0)
        for am in _ATTR.finditer(tok, name_m.end() if name_m else 0):
            key = am.group(1).lower()
            for g in (2, 3, 4):
                if am.group(g) is not None:
                    attrs[key] = (am.group(g), start + am.start(g))
                    break
        del base
        for key in ("alt", "title", "aria-label", "placeholder"):
            if key in attrs and key in _TEXT_ATTRS:
                self.attr_text(*attrs[key])
        if name == "meta":
            which = (attrs.get("name") or attrs.get("property") or ("", 0))[0].lower()
            if which in _META_NAMES and "content" in attrs:
                self.attr_text(*attrs["content"])
        elif name == "input" and "value" in attrs:
            if attrs.get("type", ("", 0))[0].lower() in ("submit", "button"):
                self.attr_text(*attrs["value"])
        elif name == "a" and "href" in attrs:
            fm = _FN_HREF.match(attrs["href"][0])
            if fm:
                s, e = self._src_span(start, end)
                self.fnrefs.append((self._clen(), html.unescape(fm.group(1)), s, e))
        if "data-evidence" in attrs:
            s, e = self._src_span(start, end)
            self.fnrefs.append((self._clen(), attrs["data-evidence"][0], s, e))
        return end

    def _skip_element(self, name: str, pos: int) -> int:
        """Skip an element the page marks as not marketing copy (rendered footnotes, or
        ``data-claims-lint="ignore"``): find its matching close tag, counting nesting."""
        if self.low is None:
            self.low = self.src.lower()
        end = skipped_until(self.low, name, pos)
        if end is None:
            return pos  # unclosed: lint the rest rather than hide it
        self.b.replace(BOUNDARY, pos, end)
        return end


def skipped_until(low: str, name: str, pos: int) -> int | None:
    """Where the element ``name`` opened just before ``pos`` ends (after its matching close
    tag, counting nesting), in the lower-cased source ``low``; None when it is not closed."""
    depth = 1
    tag_re = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>")
    for m in tag_re.finditer(low, pos):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


# After a <br>, a word in lower case goes on with the sentence; anything else starts a new line
_BR_GOES_ON = re.compile(r"[ \t]*\n?[ \t]*[a-z]")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)")
# Every attribute :meth:`_Inline._tag` reads has one of these in its name or (an ``href``
# to a footnote) its value, so a tag without any of them needs no attribute parsing.
_ATTR_HINT = re.compile(r"alt|title|aria-label|placeholder|data-evidence|content|value|#fn", re.I)
_SKIP_ATTR = re.compile(
    r"""\bdata-claims-lint\s*=\s*["']?ignore|\bclass\s*=\s*["'](?:[^"']*\s)?footnotes?(?=["'\s])""",
    re.I,
)


def _inline(
    src: str,
    parent: Mapping | None,
    token_re: re.Pattern[str],
    field_name: str,
    folder: Folder | None = None,
) -> Unit:
    it = _Inline(src, parent, token_re, folder)
    it.run()
    return _finish(it.b, field_name, fnrefs=it.fnrefs, directives=it.directives)


def clean_html(
    src: str,
    base: int = 0,
    parent: Mapping | None = None,
    field_name: str = "",
    folder: Folder | None = None,
) -> Unit:
    """Visible text of an HTML document or fragment (``base`` = offset of ``src`` in the file)."""
    if parent is None and base:
        parent = _offset_map(base, len(src))
    return _inline(src, parent, _HTML_TOKEN, field_name, folder)


def clean_plain(
    src: str,
    base: int = 0,
    parent: Mapping | None = None,
    field_name: str = "",
    folder: Folder | None = None,
) -> Unit:
    if parent is None and base:
        parent = _offset_map(base, len(src))
    return _inline(src, parent, _TEXT_TOKEN, field_name, folder)


def clean_inline_markdown(
    src: str, parent: Mapping | None, field_name: str = "", folder: Folder | None = None
) -> Unit:
    return _inline(src, parent, _MD_TOKEN, field_name, folder)


def _offset_map(base: int, length: int) -> Mapping:
    m = Mapping()
    m.add(max(length, 1), base, base + max(length, 1), True)
    return m


# --- Markdown block structure -----------------------------------------------------------------

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")  # a heading's closing hashes ("## Price ##")
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")  # a task list's box ("- [x] Patch test")
_HR = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_TABLE_SEP = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_REFDEF = re.compile(r""" {0,3}\[(?P<label>[^\]\n]{1,200})\]:[ \t]*(?P<rest>.*)$""")
_REF_TITLE = re.compile(
    r"""\S+(?:[ \t]+(?:"(?P<t1>[^"]*)"|'(?P<t2>[^']*)'|\((?P<t3>[^()]*)\)))?[ \t]*$"""
)


_PIPE = re.compile(r"(?<!\\)\|")
_CELL_MARKUP = re.compile(r"[*_`]+")


class _Sink(Protocol):
    """Where a table row's text goes: a :class:`_Builder`, or a :class:`_RowCopy` recording."""

    def verbatim(self, text: str, s: int) -> None: ...

    def replace(self, text: str, s: int, e: int) -> None: ...


class _RowCopy:
    """What :func:`_table_row` writes for one row, recorded with offsets from the row's start,
    to be written again for the same row under the same header: a page repeats its tables,
    and writing down a row's pieces costs a third of working them out."""

    __slots__ = ("pieces", "names")

    def __init__(self) -> None:
        # (copied as it stands, text, source start, source end), as _Builder takes them
        self.pieces: list[tuple[bool, str, int, int]] = []
        self.names: list[str] = []

    def verbatim(self, text: str, s: int) -> None:
        if text:
            self.pieces.append((True, text, s, s + len(text)))

    def replace(self, text: str, s: int, e: int) -> None:
        if text:
            self.pieces.append((False, text, s, e))

    def write(self, b: _Builder, rs: int) -> list[str]:
        """Write the row at source offset ``rs`` into ``b``, as :func:`_table_row` did; return
        its header cell names (a copy: the caller keeps them)."""
        for copied, text, s, e in self.pieces:
            if copied:
                b.verbatim(text, rs + s)
            else:
                b.replace(text, rs + s, rs + e)
        return list(self.names)


def _table_row_again(
    rows: dict[tuple[str, tuple[str, ...] | None, bool], _RowCopy],
    b: _Builder,
    rest: str,
    rs: int,
    header: list[str] | None,
    is_header: bool,
) -> list[str]:
    """:func:`_table_row`, worked out once per distinct row, header and kind of row in
    ``rows`` (the page's), and written again from there."""
    key = (rest, None if header is None else tuple(header), is_header)
    copy = rows.get(key)
    if copy is None:
        copy = rows[key] = _RowCopy()
        copy.names = _table_row(copy, rest, 0, header, is_header)
    return copy.write(b, rs)


def _table_row(
    b: _Sink, rest: str, rs: int, header: list[str] | None, is_header: bool
) -> list[str]:
    """Copy one table row, each cell its own sentence; return a header row's cell names.

    A cell is read with its column's name, as a visitor reads it: under "Downtime", a cell
    "None" says "Downtime: None" (the name is put in front, mapped to the cell's first
    character). A two-cell row whose second column has no name is a label and its value
    ("| Downtime | None |"), read as "Downtime: None". The first column names the row and is
    read as it is.
    """
    pipes = [m.start() for m in _PIPE.finditer(rest)]
    starts = [0, *(p + 1 for p in pipes)]
    ends = [*pipes, len(rest)]
    lead = 1 if rest.lstrip().startswith("|") else 0  # text before a leading pipe is no cell
    names: list[str] = []
    if is_header:  # names, not values: read cell by cell
        cells = zip(starts[lead:], ends[lead:], strict=True)
        names = [_CELL_MARKUP.sub("", rest[a:e]).strip() for a, e in cells]
    named = header or []
    pair = (
        not is_header and not (named[1:2] or [""])[0] and _label_and_value(rest, starts, ends, lead)
    )
    if not pair and "\\" not in rest:  # no escaped pipe: every pipe is a cell's edge
        _copy_cells(b, rest, rs, starts[lead:], ends[lead:], named)
        return names
    for k, (a, e) in enumerate(zip(starts, ends, strict=True)):
        col = k - lead
        if pair and col == 1:  # "Downtime | None": the pipe and the spaces round it read ": "
            a += len(rest[a:e]) - len(rest[a:e].lstrip())
            b.replace(": ", rs + pipes[k - 1], rs + a)
        if 0 < col < len(named) and named[col] and rest[a:e].strip():
            b.replace(f"{named[col]}: ", rs + a, rs + a)
        if pair and col == 0:  # the label: its pipe reads ": " with the value, below
            b.verbatim(rest[a:e].rstrip(), rs + a)
        elif k < len(pipes):
            # the cell and the pipe after it, which reads as a block edge: one for one, so
            # they are copied together (a page's tables are tens of thousands of cells)
            b.verbatim(rest[a:e] + BOUNDARY, rs + a)
        else:
            b.verbatim(rest[a:e], rs + a)
    return names


def _copy_cells(
    b: _Sink, rest: str, rs: int, starts: list[int], ends: list[int], named: list[str]
) -> None:
    """Copy a row whose pipes all end cells, each pipe read as a block edge (one for one, so
    the row is one copy) and each column's name put in front of its cell (``starts`` and
    ``ends``: the cells', the first column's first). A row is copied in the fewest pieces:
    the stretches between the names."""
    at = 0
    for col in range(1, min(len(named), len(starts))):
        a = starts[col]
        if named[col] and rest[a : ends[col]].strip():
            b.verbatim(rest[at:a].replace("|", BOUNDARY), rs + at)
            b.replace(f"{named[col]}: ", rs + a, rs + a)
            at = a
    b.verbatim(rest[at:].replace("|", BOUNDARY), rs + at)


def _label_and_value(rest: str, starts: list[int], ends: list[int], lead: int) -> bool:
    """The row has exactly two cells, both with text (a closing pipe's empty tail is no cell)."""
    n = len(starts) - lead
    if n > 2 and not rest[starts[-1] :].strip():
        n -= 1  # "| a | b |": the text after the closing pipe
    if n != 2:
        return False
    return all(rest[starts[k] : ends[k]].strip() for k in (lead, lead + 1))


def _block_structure(body: str, base: int) -> tuple[str, Mapping, set[str]]:
    """First pass: drop code blocks and block markers; mark block edges with BOUNDARY.

    Returns the text for the inline pass, its map to file offsets, and footnote definition ids.
    """
    b = _Builder()
    fn_defs: set[str] = set()
    lines = body.split("\n")
    pos = base
    in_fence = ""
    prev_blank = True
    in_list = False
    in_table = False
    header: list[str] | None = None  # the header cells of the table being read
    rows: dict[tuple[str, tuple[str, ...] | None, bool], _RowCopy] = {}  # see _table_row_again
    in_indented_code = False
    nlines = len(lines)
    # Plain and blank lines are copied as they stand: a run of them is copied in one piece
    # (body offsets [run_a, run_b)) when anything else is written, not line by line.
    run_a = run_b = 0
    for idx, line in enumerate(lines):
        ls = pos
        pos += len(line) + 1
        nl_len = 1 if idx < nlines - 1 else 0
        if in_fence:
            fm = _FENCE.match(line)
            if (
                fm
                and fm.group(1)[0] == in_fence[0]
                and len(fm.group(1)) >= len(in_fence)
                and not line[fm.end() :].strip()
            ):
                in_fence = ""
            continue
        first = line[:1]
        # Fast path: an ordinary paragraph line, or a blank one.
        plain = first.isalpha() and "|" not in line
        if plain or not line.strip():
            if plain:
                in_indented_code = False
                if prev_blank:
                    in_list = False
            at = ls - base
            if at != run_b:  # a run ended before this line: it is copied, and a new one starts
                if run_b > run_a:
                    b.verbatim(body[run_a:run_b], base + run_a)
                run_a = at
            run_b = at + nl_len + len(line)
            prev_blank = not plain
            in_table, header = False, None
            continue
        if run_b > run_a:  # the run before this line (none between list items, table rows)
            b.verbatim(body[run_a:run_b], base + run_a)
            run_a = run_b = 0
        if first in "-*+" and line[1:2] == " " and line[2:3].isalpha() and "|" not in line:
            # Fast path: a plain bullet ("- Redness"), read as the general path below reads
            # it (a marker, never a rule, a task box or a table): pages list side effects.
            in_indented_code, in_list, prev_blank = False, True, False
            b.replace(BOUNDARY, ls, ls + 2)
            b.verbatim(line[2:] + "\n"[:nl_len], ls + 2)
            continue
        if in_indented_code:
            if line.startswith(("    ", "\t")):
                continue
            in_indented_code = False
        if prev_blank and line.startswith(("    ", "\t")) and not in_list:
            stripped = line.lstrip()
            if not _LIST.match(stripped):
                in_indented_code = True
                continue
        c0 = line.lstrip(" \t")[:1]
        fm = _FENCE.match(line) if c0 in ("`", "~") else None
        if fm:
            in_fence = fm.group(1)
            prev_blank = False
            continue
        rest_start = 0
        # Block quote markers are deleted; the quoted text then goes through the checks below.
        qm = _QUOTE.match(line) if c0 == ">" else None
        if qm:
            rest_start = qm.end()
            b.replace(BOUNDARY if prev_blank else " ", ls, ls + rest_start)
        rest = line[rest_start:]
        rs = ls + rest_start
        c1 = rest.lstrip(" \t")[:1]
        if c1 in ("-", "*", "_", "=") and (
            _HR.match(rest) or (not prev_blank and _SETEXT.match(rest))
        ):
            b.replace(BOUNDARY + "\n"[:nl_len], rs, ls + len(line) + nl_len)
            prev_blank = False
            continue
        m = _ATX.match(rest) if c1 == "#" else None
        if m:
            content = rest[m.end() :]
            if "#" in content:
                content = _ATX_CLOSE.sub("", content)
            b.replace(BOUNDARY, rs, rs + m.end())
            b.verbatim(content, rs + m.end())
            b.replace(
                BOUNDARY + "\n"[:nl_len], rs + m.end() + len(content), ls + len(line) + nl_len
            )
            prev_blank = False
            continue
        m = _LIST.match(rest) if (c1 in ("-", "*", "+") or c1.isdigit()) else None
        if m:
            in_list = True
            b.replace(BOUNDARY, rs, rs + m.end())
            rest, rs = rest[m.end() :], rs + m.end()
            # a task-list box "[ ]" is not text
            tm = _TASK_BOX.match(rest) if rest.startswith("[") else None
            if tm:
                rest, rs = rest[tm.end() :], rs + tm.end()
        m = _REFDEF.match(rest) if "]:" in rest else None
        if m:
            label = m.group("label")
            if label.startswith("^"):
                fn_defs.add(label[1:])
                b.replace(BOUNDARY, rs, rs + m.start("rest"))
                b.verbatim(m.group("rest") + "\n"[:nl_len], rs + m.start("rest"))
            else:
                tm = _REF_TITLE.match(m.group("rest"))
                gname = next((g for g in ("t1", "t2", "t3") if tm and tm.group(g)), None)
                b.replace(BOUNDARY, rs, rs + len(rest))
                if tm and gname:
                    off = rs + m.start("rest") + tm.start(gname)
                    b.verbatim(tm.group(gname), off)
                    b.replace(BOUNDARY, off + len(tm.group(gname)), off + len(tm.group(gname)))
                b.verbatim("\n"[:nl_len], ls + len(line))
            prev_blank = False
            continue
        if "|" in rest:
            nxt = lines[idx + 1] if idx + 1 < nlines else ""
            if _TABLE_SEP.match(rest):
                b.replace(BOUNDARY + "\n"[:nl_len], rs, ls + len(line) + nl_len)
                in_table = True
                prev_blank = False
                continue
            if in_table or rest.lstrip().startswith("|") or _TABLE_SEP.match(nxt):
                in_table = True
                is_header = bool(_TABLE_SEP.match(nxt))
                row = _table_row_again(rows, b, rest, rs, None if is_header else header, is_header)
                if is_header:
                    header = row
                b.replace(BOUNDARY + "\n"[:nl_len], ls + len(line), ls + len(line) + nl_len)
                prev_blank = False
                continue
        b.verbatim(rest + "\n"[:nl_len], rs)
        prev_blank = False
    b.verbatim(body[run_a:run_b], base + run_a)
    return b.text(), b.map, fn_defs


def clean_markdown(body: str, base: int = 0, folder: Folder | None = None) -> tuple[Unit, set[str]]:
    """Clean a Markdown body that starts at file offset ``base``."""
    text, mapping, fn_defs = _block_structure(body, base)
    return clean_inline_markdown(text, mapping, "", folder), fn_defs


# --- positions ---------------------------------------------------------------------------------


def line_starts(text: str) -> list[int]:
    """The offset of every line's first character (each line's length plus its newline,
    summed up; all in C)."""
    lines = text.split("\n")
    lines.pop()
    return list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))


_PLUS_ONE = (1).__add__


def to_line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a source offset."""
    k = bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1
