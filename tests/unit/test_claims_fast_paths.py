"""Speed-only paths read text exactly as the plainer code they replaced: the label lines of a
page found a chunk of lines at a time, every sentence's memo key from one generator, a table
row copied in the fewest pieces and a repeated row written from its first working-out, the
abbreviations a full stop may follow tested by one look-behind per length, the scans for
letters spaced apart started from a literal, the presence scans reading each distinct line
once, the front matter's closing line found line by line, a value's words counted from its
first characters.
Each is checked against the plainer code, kept here as the reference, on hand-picked and
random text; and a text with no opening quotation mark is shown to hold no attributed quote.
"""

from __future__ import annotations

import random
import re

import pytest
from claims_lint import Linter
from claims_lint.frontmatter import FrontMatterError, _load, parse_front_matter
from claims_lint.language import _sentence_end, words_regex
from claims_lint.pairs import _LINE_EDGE, _WORD, _more_words, _short_lines
from claims_lint.segment import memo_key, memo_keys
from claims_lint.text import (
    _ACROSS_WORDS,
    _IN_A_WORD,
    BOUNDARY,
    _Builder,
    _extra_present,
    _label_and_value,
    _table_row,
    _table_row_again,
)

_EDGY = "ab .!?\n\n\t\x1f \u2028x|"  # letters, end marks, blanks, block edges, odd spaces


def _random_texts(seed: int, count: int, alphabet: str, longest: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)
    ]


# --- label lines, a chunk at a time -------------------------------------------------------------


def _short_lines_one_by_one(low: str, most_words: int) -> list[tuple[int, int]]:
    """The reference: each line found by a search for its end."""
    out = []
    n = len(low)
    end = -1
    while end < n:
        start = end + 1
        end = low.find("\n", start)
        if end < 0:
            end = n
        words = low[start:end].rstrip(_LINE_EDGE)
        if not words or words[-1] in ".!?" or words[-1].isspace():
            continue
        a1 = start + len(words)
        words = words.lstrip(_LINE_EDGE)
        if BOUNDARY in words or len(_WORD.findall(words)) > most_words:
            continue
        out.append((a1 - len(words), a1))
    return out


@pytest.mark.parametrize("chunk", [1, 2, 5, 1 << 16])
def test_short_lines_are_the_lines_found_one_by_one(chunk: int) -> None:
    texts = ["", "\n", "a", "a\n", "\na", "a.\nb\n\nc d e f g\n", "\x1fdowntime\x1f\n\nnone."]
    texts += _random_texts(1, 3000, _EDGY, 40)
    for text in texts:
        assert list(_short_lines(text, 3, chunk)) == _short_lines_one_by_one(text, 3), text


# --- memo keys ----------------------------------------------------------------------------------


def test_memo_keys_are_each_sentences_memo_key() -> None:
    low = "ab. cd\x1fe1.f g"
    starts, ends = [0, 1, 3, 7], [1, 3, 7, len(low)]
    keys = [memo_key(low, a, b) for a, b in zip(starts, ends, strict=True)]
    assert list(memo_keys(low, starts, ends)) == keys
    assert keys == ["a", "\0b.", " cd\x1f", "e1.f g"]  # "b." has a word run into it


# --- a table row in the fewest pieces -----------------------------------------------------------


def _cells_one_by_one(b: _Builder, rest: str, rs: int, header: list[str] | None) -> None:
    """The reference for a row that is no label-and-value pair: each cell and the pipe after it
    copied in turn, each named column's name put in front of its cell."""
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", rest)]
    starts, ends = [0, *(p + 1 for p in pipes)], [*pipes, len(rest)]
    lead = 1 if rest.lstrip().startswith("|") else 0
    named = header or []
    for k, (a, e) in enumerate(zip(starts, ends, strict=True)):
        col = k - lead
        if 0 < col < len(named) and named[col] and rest[a:e].strip():
            b.replace(f"{named[col]}: ", rs + a, rs + a)
        b.verbatim(rest[a:e] + BOUNDARY if k < len(pipes) else rest[a:e], rs + a)


def _built(b: _Builder) -> tuple[str, list[int], list[int], list[int], bytes]:
    m = b.map
    return b.text(), list(m.cstart), list(m.sstart), list(m.send), bytes(m.lin)


def test_a_row_copied_in_pieces_maps_as_one_copied_cell_by_cell() -> None:
    rnd = random.Random(4)
    cells = ["", " ", " First ", "45 min", " *usually* two ", "None", "x"]
    headers = [None, ["Session", "Time", "Notes"], ["", "Time"], ["A", "", "C", "D"], []]
    tried = 0
    for _ in range(3000):
        row = "|".join(rnd.choice(cells) for _ in range(rnd.randint(1, 5)))
        row = ("|" if rnd.random() < 0.7 else "") + row + ("|" if rnd.random() < 0.7 else "")
        header = rnd.choice(headers)
        pipes = [m.start() for m in re.finditer(r"\|", row)]
        starts, ends = [0, *(p + 1 for p in pipes)], [*pipes, len(row)]
        lead = 1 if row.lstrip().startswith("|") else 0
        if not ((header or [])[1:2] or [""])[0] and _label_and_value(row, starts, ends, lead):
            continue  # a label and its value: read cell by cell, as before
        fast, slow = _Builder(), _Builder()
        for b in (fast, slow):
            b.verbatim("before ", 0)
        _table_row(fast, row, 7, header, False)
        _cells_one_by_one(slow, row, 7, header)
        assert _built(fast) == _built(slow), (row, header)
        tried += 1
    assert tried > 1000


def test_a_repeated_row_is_written_as_it_was_worked_out() -> None:
    # rows repeat (as a page repeats its tables), with and without escaped pipes, label and
    # value pairs and header rows, under several headers, each at its own offset
    rnd = random.Random(8)
    rows = ["| First | 45 min | patch test |", "| Downtime | None |", "a \\| b | c", "| x |  |"]
    rows += ["| Session | Time | Notes |", "|", " | *usually* | two |", "Downtime | none"]
    headers = [None, ["Session", "Time", "Notes"], ["", "Time"], ["Downtime", ""], []]
    memo: dict = {}
    again, once = _Builder(), _Builder()
    at = 0
    for _ in range(2000):
        row, header, is_header = rnd.choice(rows), rnd.choice(headers), rnd.random() < 0.2
        names = _table_row_again(memo, again, row, at, header, is_header)
        assert names == _table_row(once, row, at, header, is_header), (row, header)
        for b in (again, once):
            b.verbatim("\n", at + len(row))
        at += len(row) + 1
    assert _built(again) == _built(once)
    assert len(memo) < 200  # most rows were written from the memo


# --- sentence ends after abbreviations ----------------------------------------------------------


def _sentence_end_one_by_one(abbreviations: list[str], attribution: list[str]) -> str:
    """The reference: the regex as it was built, one look-behind per abbreviation and form."""
    behind = "".join(
        rf"(?<!\b[{a[0].upper()}{a[0]}]{re.escape(a[1:])}\.)"
        + (rf"(?<!\b{re.escape(a.upper())}\.)" if a.upper() != a[0].upper() + a[1:] else "")
        for a in abbreviations
        if a
    )
    joined = words_regex(attribution)
    no_split = rf"(?![ \t]+(?:{joined}))" if joined else ""
    marks = rf"[!?…]*[\"')\]]*+(?=[\s\x1f]|$){no_split}"
    return (
        rf"\.\.*(?![A-Za-z]\.){behind}[\"')\]]*+(?=[ \t\n]*(?:[^a-z0-9 \t\n]|$)){no_split}"
        + "".join(f"|{re.escape(mark)}{marks}" for mark in "!?…")
        + r"|\x1f\x1f*|\n[ \t]*\n"
    )


def test_sentence_ends_with_one_look_behind_per_length_are_the_same() -> None:
    abbreviations = ["e.g", "i.e", "dr", "mrs", "mr", "ms", "no", "vs", "etc", "approx", "U.P"]
    abbreviations += ["straße", "st", "prof"]  # "STRASSE" is longer than "straße"
    attribution = ["says", "said"]
    grouped = re.compile(_sentence_end(abbreviations, attribution))
    one_by_one = re.compile(_sentence_end_one_by_one(abbreviations, attribution))
    assert grouped.pattern.count("(?<!") < one_by_one.pattern.count("(?<!")
    texts = ["See Dr. Who. Mr. X e.g. This. I.E. That! U.P. Prof. Y etc. Z approx. 3 No. 1."]
    texts.append("Straße. STRASSE. St. Ives. ST. IVES. vs. VS. MRS. Mrs. ms. MS. Done")
    words = ["dr", "Dr", "DR", "e.g", "E.G", "i.e", "etc", "ETC", "straße", "STRASSE", "x", "U.P"]
    rnd = random.Random(2)
    for _ in range(3000):
        texts.append(
            " ".join(rnd.choice(words) + rnd.choice([". ", ".", "! ", " "]) for _ in range(4))
            + rnd.choice(["Next", "next", "", "\x1f", '" says Sam'])
        )
    for text in texts:
        ends = [m.end() for m in grouped.finditer(text)]
        assert ends == [m.end() for m in one_by_one.finditer(text)], text


# --- letters spaced apart -----------------------------------------------------------------------

_SPACED_ONE_SCAN = re.compile(
    r" (?:(?<=\b[A-Za-z] )[A-Za-z][ .·•_*-][A-Za-z]\b"
    r"|(?<=\b[A-Za-z][.·•_*-][A-Za-z] )[A-Za-z]\b)"
)
_OTHERS = (
    re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n"),
    re.compile(r"[0134578@$!]"),  # any of these may start leet: the test below avoids them
    re.compile(r"[A-Z]"),
    re.compile(r"[*#]"),
    re.compile(r"([A-Za-z])\1\1"),
    re.compile(r"[.·•_*-](?<=\b[A-Za-z][.·•_*-])[A-Za-z][.·•_*-][A-Za-z]\b"),
)


@pytest.mark.parametrize(
    "text",
    ["p a i", "a b.c d", "I a b c", "p.a i", "p a.i", "x·y z", "z y•x", "a_b c", "a b-c", "(a b c)",
     "é a b", "a b c\u00e9", "ab c d", "a  b c", "a\tb c", "a b\nc", "a-b c", "a b*c"],
)  # fmt: skip
def test_spaced_letters_are_found_as_the_one_scan_found_them(text: str) -> None:
    assert _extra_present(text) == bool(_SPACED_ONE_SCAN.search(text)), text


def test_spaced_letters_on_random_text_as_the_one_scan_found_them() -> None:
    # no capitals, digits, masks or held letters: only the spaced scans can find anything
    found = 0
    for text in _random_texts(3, 20000, "abce  .·•_-\n\t'é\x1f", 14):
        if any(rx.search(text) for rx in _OTHERS):
            continue
        expected = bool(_SPACED_ONE_SCAN.search(text))
        assert _extra_present(text) == expected, text
        found += expected
    assert found > 20  # the random texts do hold spaced letters


# --- front matter -------------------------------------------------------------------------------


def _split_one_by_one(text: str) -> tuple[str, str, int] | None:
    """The reference: the front matter's YAML, the body and the body's first line, from the
    text split into lines whole (None: no front matter, or never closed)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        return None
    return "\n".join(lines[1:close]) + "\n", "\n".join(lines[close + 1 :]), close + 2


def test_front_matter_found_line_by_line_splits_as_the_whole_text_split() -> None:
    parts = ["---", "--- ", "...", "title: x", "a: 1", "", "Body.", "--", "  ---"]
    rnd = random.Random(6)
    checked = 0
    for _ in range(3000):
        text = "\n".join(rnd.choice(parts) for _ in range(rnd.randint(1, 7)))
        want = _split_one_by_one(text)
        try:
            fm = parse_front_matter(text)
        except FrontMatterError:
            assert want is None or want[0].strip()  # unclosed, or YAML that is not a mapping
            continue
        if want is None:
            assert (fm.body, fm.body_line) == (text, 1)
            continue
        assert (fm.body, fm.body_line) == want[1:], text
        assert fm.data == (_load(want[0], "<string>", first_line=2, max_values=0)[1] or {})
        checked += 1
    assert checked > 200


def test_more_words_counts_as_a_count_of_every_word() -> None:
    for text in _random_texts(8, 5000, "ab cd'-.,\n", 60):
        for most in (0, 1, 3):
            assert _more_words(text, most) == (len(_WORD.findall(text)) > most), text


def test_a_text_without_an_opening_mark_holds_no_attributed_quote(linter: Linter) -> None:
    pack = linter.pipeline.pack
    assert pack.attributed_quote is not None
    assert set(pack.quote_opens) == {'"', "“", "‘"}
    said = "“I hid from photos. Now I love my skin.” — Jun, 29. It works."
    assert pack.attributed_quote.search(said)
    # every attributed quote opens with one of the marks: without them, none is found
    assert not pack.attributed_quote.search(said.translate({ord(m): "'" for m in "“”"}))


# --- the presence scan, line by line -------------------------------------------------------------

_HYPHEN_BREAK = re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n")


def _extra_present_whole(src: str) -> bool:
    """:func:`_extra_present` as it was: the scans that cross words read the whole text, the
    in-word scans every distinct word of it."""
    if _HYPHEN_BREAK.search(src) or any(rx.search(src) for rx in _ACROSS_WORDS):
        return True
    words = "\n".join(set(src.split()))
    return any(rx.search(words) for rx in _IN_A_WORD)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
def test_presence_read_line_by_line_is_the_whole_texts(chunk: int) -> None:
    # repeated lines (as a page repeats its rows and items) and every kind of token
    lines = ["p a i n", "a b.c", "x", "B0tox", "NoDowntime", "perma-", "nent", "b*tox", "zzz", ""]
    alphabet = "abcAB 0.*-\n\t\x1fé"
    texts = _random_texts(5, 20000, alphabet, 24)
    rnd = random.Random(6)
    texts += ["\n".join(rnd.choices(lines, k=rnd.randint(1, 8))) for _ in range(3000)]
    found = 0
    for text in texts:
        expected = _extra_present_whole(text)
        assert _extra_present(text, chunk) == expected, repr(text)
        found += expected
    assert 100 < found < len(texts) - 100  # both answers are common
