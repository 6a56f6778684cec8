"""Hashtags that run a claim's words together, and pauses put between a claim's words.

A hashtag inside a sentence ("carries #zerorisk") is read as the known words it joins and as
itself, so rules about words and rules about whole hashtags both see it, and one finding points
at the hashtag. A hashtag in a list of hashtags is a label and is read whole only. An ellipsis
between two words of a sentence ("no... downtime") is a pause for effect and reads as a space;
before a capital it may end a sentence and is left alone. The speed-only test of the tokeniser
(which words may hold a rare disguise) is checked against the scans it replaced.
"""

from __future__ import annotations

import re

import pytest
from claims_lint import Linter
from claims_lint.text import _extra_present, clean_markdown, line_starts


def read(linter: Linter, text: str) -> str:
    return clean_markdown(text, folder=linter.folder)[0].text


def shown(linter: Linter, text: str) -> list[tuple[str, str, str]]:
    """(rule, category, source text under the finding) for each finding."""
    starts = line_starts(text)
    out = []
    for f in linter.lint_source(text, "page.md").findings:
        s = starts[f.line - 1] + f.column - 1
        e = starts[f.end_line - 1] + f.end_column - 1
        out.append((f.rule, f.category, text[s:e]))
    return out


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        ("This gentle procedure carries #zerorisk.", "safety-absolute", "#zerorisk"),
        ("Completely #ZeroRisk microneedling.", "safety-absolute", "#ZeroRisk"),
        ("The treatment is #suitableforeveryone.", "safety-absolute", "#suitableforeveryone"),
        ("Microneedling #issafe for all ages.", "safety-absolute", "#issafe"),
        ("Walk out with #nodowntime at all.", "downtime-absolute", "#nodowntime"),
    ],
)
def test_hashtag_in_a_sentence_is_read_as_its_words(
    linter: Linter, text: str, category: str, span: str
) -> None:
    found = [s for _, c, s in shown(linter, text) if c == category]
    assert any(span.lstrip("#") in s and s in span for s in found)  # the hashtag, "#" or not


def test_hashtag_reading_keeps_the_hashtag_whole(linter: Linter) -> None:
    assert read(linter, "It carries #zerorisk today.") == "It carries zero risk #zerorisk today."
    # a rule about the whole hashtag still matches it
    found = shown(linter, "Post: #liftwithoutscalpel today")
    assert ("comparison-denigration", "#liftwithoutscalpel") in [(c, s) for _, c, s in found]


def test_one_finding_per_rule_on_a_hashtag(linter: Linter) -> None:
    found = shown(linter, "Our peel is #painfree for you.")
    places = [(r, s) for r, _, s in found]
    assert ("PAI001", "#painfree") in places
    assert len(places) == len(set(places))


@pytest.mark.parametrize(
    "text",
    [
        "Hashtag set B: #skincaremiami #medspa #selfcare #glowingskin",
        "#pigmentation #melasma #hyperpigmentation #skinbrightening #evenskintone",
        "#ad #skinboosters #glassskin",
    ],
)
def test_hashtags_in_a_list_are_labels_read_whole(linter: Linter, text: str) -> None:
    assert read(linter, text) == text
    assert shown(linter, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Use #galway when you post.",  # one word: nothing to split
        "Tag us with #zqxwvy please.",  # not known words: left as written
        "It is b#tox time.",  # a star or hash inside a word is a mask, not a hashtag
        "Call &#35; for help.",
    ],
)
def test_text_that_is_no_splittable_hashtag_is_unchanged(linter: Linter, text: str) -> None:
    assert "#" not in read(linter, text) or read(linter, text).count("#") == text.count("#")
    assert "zero risk" not in read(linter, text)


def test_held_letters_in_a_hashtag_are_read_as_before(linter: Linter) -> None:
    assert "#painfree" in read(linter, "So #painfreeeee today")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Our injections are 100%... safe.", "safety-absolute"),
        ("Our injections are 100%…safe.", "safety-absolute"),
        ("A totally risk… free procedure.", "safety-absolute"),
        ("There is no... downtime at all.", "downtime-absolute"),
        ("There is no ... downtime at all.", "downtime-absolute"),
    ],
)
def test_ellipsis_between_words_reads_as_a_space(linter: Linter, text: str, category: str) -> None:
    assert category in [c for _, c, _ in shown(linter, text)]


def test_ellipsis_before_a_capital_or_at_an_end_is_left_alone(linter: Linter) -> None:
    assert read(linter, "Results vary... Book a consultation.") == (
        "Results vary... Book a consultation."
    )
    assert read(linter, "We will see...") == "We will see..."
    assert read(linter, "It was no... downtime") == "It was no downtime"


_OLD_SCANS = (
    re.compile(
        r"[0134578@$!](?<=[A-Za-z][0134578@$!])(?=[0134578@$!]*[A-Za-z])"
        r"|[0134578@$](?<=[A-Za-z][0134578@$])(?=[0134578@$]*(?![A-Za-z0-9@$!]))"
        r"|[0134578@$!](?<![A-Za-z0-9@$!][0134578@$!])(?=[0134578@$!]*[A-Za-z])"
    ),
    re.compile(r"[A-Z](?<=[A-Za-z][a-z][A-Z])(?=[a-z]{2})"),
    re.compile(r"-(?<=[A-Za-z]-)[ \t]*\n"),
    re.compile(r"[ .·•_*-](?<=\b[A-Za-z][ .·•_*-])[A-Za-z][ .·•_*-][A-Za-z]\b"),
    re.compile(r"[*#](?<=[A-Za-z][*#])(?=[*#]*[A-Za-z])"),
    re.compile(r"([A-Za-z])\1\1"),
)


@pytest.mark.parametrize(
    "text",
    [
        "p a i n", "p.a i n", "x p.a", "B0tox", "zer0 risk", "SPF30 and 18s", "NoDowntime",
        "perma-\nnent", "b*tox", "painlesss", "plain text\x1fwith a boundary", "no\u00a0risk",
        "a.b c", "é.a.b.c", "(a b c)", "", "a\tb\tc", "co-op",
    ],
)  # fmt: skip
def test_presence_scan_reads_words_as_the_whole_text_scans_did(text: str) -> None:
    assert _extra_present(text) == any(rx.search(text) for rx in _OLD_SCANS)
