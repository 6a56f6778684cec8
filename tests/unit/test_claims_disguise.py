"""Claims written in disguise are read as a reader reads them, and shown as they were written.

Each disguise a marketer uses to slip a claim past a word list has a test that the claim is
still found and that the span shown is the disguised source; the honest text that looks like a
disguise (prices, counts, codes, names with accents, real Greek, brand names, pictures that are
no words) has a test that it is left as it is. benchmarks/claims_evasion.py measures the same
on every caught claim of the tuning sets.
"""

from __future__ import annotations

import pytest
from claims_lint import Linter
from claims_lint.text import clean_markdown, line_starts


def read(linter: Linter, text: str) -> str:
    """The clean text the rules match on."""
    return clean_markdown(text, folder=linter.folder)[0].text


def shown(linter: Linter, text: str, kind: str = "markdown") -> dict[str, list[str]]:
    """Each finding's category and the source text its span covers."""
    starts = line_starts(text)
    out: dict[str, list[str]] = {}
    for f in linter.lint_source(text, "page.md", kind).findings:
        s = starts[f.line - 1] + f.column - 1
        e = starts[f.end_line - 1] + f.end_column - 1
        out.setdefault(f.category, []).append(text[s:e])
    return out


# --- disguises that are read through, and where the finding points ---------------------------


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        # letters spaced apart, a one-letter word beside them staying a word
        ("Treatments are p a i n l e s s here.", "pain-absolute", "p a i n l e s s"),
        ("Add a c e l l u l i t e wrap to smooth your thighs.", "cellulite-claim", None),
        ("There's z e r o risk involved.", "safety-absolute", "z e r o risk"),
        # dots and dashes between the letters, or a separator breaking the word once
        ("Totally p.a.i.n.l.e.s.s facials.", "pain-absolute", "p.a.i.n.l.e.s.s"),
        ("It is pain-less, every time.", "pain-absolute", "pain-less"),
        ("It is pain.less, every time.", "pain-absolute", "pain.less"),
        ("Guaran-teed results after one visit.", "guaranteed-permanent", "Guaran-teed"),
        # digits and symbols for letters, the whole word read when it is a known one
        ("There is z3r0 downtime.", "downtime-absolute", "z3r0 downtime"),
        ("100% $af3 for everyone.", "safety-absolute", None),
        ("Our gel is p@inle$$.", "pain-absolute", "p@inle$$"),
        ("Beat male pattern b4ldn355 for good.", "medical-condition", None),
        # letters of other scripts that look the same, also alone in quotes
        ("It is p\u0430inless.", "pain-absolute", "p\u0430inless"),
        ("Headline: '\u0422\u043e\u0445' from $9.50 a unit", "prescription-medicine", None),
        # small capitals and Cherokee capitals drawn as Latin letters
        ("Our \u0299\u1d0f\u1d1b\u1d0fx offer is \u00a399.", "prescription-medicine", None),
        ("It is \u0280\u026as\u1d0b-\ua730\u0280\u1d07\u1d07.", "safety-absolute", None),
        ("Our \u13f4OTOX offer is \u00a399.", "prescription-medicine", "\u13f4OTOX"),
        # invisible characters and a letter's marks: the span keeps the last letter's marks
        ("Complete\u200bly pain\u00adless.", "pain-absolute", None),
        ("It is p\u0332a\u0332i\u0332n\u0332less\u0332.", "pain-absolute", None),
        # markup and entities inside a word
        ("It is pain**less** every time.", "pain-absolute", None),
        ("It is <b>pain</b>less every time.", "pain-absolute", None),
        ("It is p&#97;inless every time.", "pain-absolute", None),
        # capitals, held letters, full-width and accented letters
        ("STORY: BEFORE VS. AFTER 6 SESSIONS", "testimonial-before-after", None),
        ("It's painlesssss, honestly.", "pain-absolute", "painlesssss"),
        ("Results are guaranteeeeed after one visit.", "guaranteed-permanent", None),
        ("It is \uff50\uff41\uff49\uff4e\uff4c\uff45\uff53\uff53.", "pain-absolute", None),
        ("It is páinléss.", "pain-absolute", "páinléss"),
        # pictures: between words, inside a word, and standing for a word
        ("Zero \u2728 downtime after your peel.", "downtime-absolute", "Zero \u2728 downtime"),
        ("It is pain\u2728less.", "pain-absolute", "pain\u2728less"),
        ("\U0001f6ab downtime, \U0001f6ab needles.", "downtime-absolute", None),
        # a line broken in mid-sentence, in Markdown or with <br>
        ("Zero\ndowntime after your peel.", "downtime-absolute", "Zero\ndowntime"),
        ("Zero<br>downtime after your peel.", "downtime-absolute", "Zero<br>downtime"),
        # known words run together in camel case
        ("Book today: NoDowntimeNeeded.", "downtime-absolute", None),
        # a one or a capital I for a small l, where only an l makes the word
        ("Our peel is pain1ess.", "pain-absolute", "pain1ess"),
        ("The whole course is painIess.", "pain-absolute", "painIess"),
        ("Resu1ts are permanent.", "guaranteed-permanent", "Resu1ts are permanent"),
        # a held letter inside a word the rules know
        ("It is paaainless, promise.", "pain-absolute", "paaainless"),
    ],
)
def test_a_disguised_claim_is_found_where_it_was_written(
    linter: Linter, text: str, category: str, span: str | None
) -> None:
    found = shown(linter, text)
    assert category in found, found
    if span is not None:
        assert span in found[category]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Expect z3r0 d0wntime after it.", '("zero downtime", written "z3r0 d0wntime")'),
        ("It is pain&shy;less.", '("painless", written "pain&shy;less")'),
        ("Zero<br>downtime after your peel.", '("Zero downtime", written "Zero<br>downtime")'),
        # markup, hyphens, accents and case are no disguise: the words are quoted once
        ("There is **zero** downtime.", '("zero downtime")'),
        ("Totally pain-less.", '("painless")'),
        ("ZERO DOWNTIME.", '("ZERO DOWNTIME")'),
    ],
)
def test_a_message_quotes_a_disguise_as_written(linter: Linter, text: str, quoted: str) -> None:
    (finding,) = linter.lint_source(text, "page.md").findings
    assert finding.message.endswith(quoted), finding.message


def test_br_inside_an_html_sentence_is_a_line_break(linter: Linter) -> None:
    page = "<p>There is zero<br>\ndowntime after a peel.</p>\n"
    assert shown(linter, page, "html") == {"downtime-absolute": ["zero<br>\ndowntime"]}


def test_the_pack_names_the_symbols_that_stand_for_words(linter: Linter) -> None:
    assert linter.pack.symbol_words["\u274c"] == "no"
    assert read(linter, "\u274c pain") == " no  pain"


# --- honest text that looks like a disguise ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A course costs £1,200 and each vial holds 3.5 ml.",
        "About 1 in 10 people, or 1in10 in a hashtag, notice bruising.",
        "Wear SPF30 daily; B12 and vitamin D3 are tested; omega3 too.",
        "We are no1 on no list, and on day1 you rest; top3 tips and top10 myths.",
        "Prices from R3,500 or US$50; only over-18s are treated.",
        "Next clinic dates: 01.12.2026, 1/12/2026 and 2026-12-01.",
        "See the NHS advice, e.g. the leaflet, vs. our own, at 9 a.m.",
        "Dr Zoë Brontë and Chloé Müller lead the team at Crème.",
        "Anti-ageing creams, side-effects and e-mail are hyphenated as usual.",
        "SlimAura and TikTok keep their names; so does McDonald.",
    ],
)
def test_honest_text_is_read_as_written(linter: Linter, text: str) -> None:
    clean = read(linter, text)
    # accents aside, nothing is joined, split or turned into letters
    assert clean.split() == linter.folder.text(text).split()


def test_real_greek_and_russian_words_are_not_folded(linter: Linter) -> None:
    assert read(linter, "Η θεραπεία είναι ασφαλής.") == "Η θεραπεια ειναι ασφαλης."
    assert read(linter, "Процедура безопасна.") == "Процедура безопасна."


@pytest.mark.parametrize(
    "text",
    [
        "Open Monday to Friday \u2728 late nights on Thursday.",
        "\u2728 Lumière Skin JLT \u2728 Ramadan glow packages are here!",
        "Our team \U0001f49b Dr Ana and nurse Ben",
        "Prices from £120 \U0001f4b7 see the list",
    ],
)
def test_pictures_that_are_not_words_make_no_claim(linter: Linter, text: str) -> None:
    assert shown(linter, text) == {}


def test_rules_about_pictures_and_hashtags_still_read_them(linter: Linter) -> None:
    # emoji stay in the text (a rule reads a face before and after) and hashtags stay whole
    assert "testimonial-before-after" in shown(linter, "Before \U0001f610 After \U0001f60d")
    assert "body-image-minors" in shown(linter, "Lips on fleek #lipfiller #fillerqueen")


def test_a_word_broken_in_two_is_joined_only_when_it_is_a_known_word(linter: Linter) -> None:
    assert read(linter, "pain-less") == "painless"
    assert read(linter, "down-time") == "downtime"
    assert read(linter, "well-being and follow-up") == "well-being and follow-up"
    assert read(linter, "clinic.co.uk") == "clinic.co.uk"


def test_digits_in_a_word_are_letters_only_when_the_word_says_so(linter: Linter) -> None:
    assert read(linter, "z3r0 b0t0x 5w1p3 0nly !njector") == "zero botox swipe only injector"
    assert (
        read(linter, "SPF30 B12 no1 day1 18s 1st 10am 8am 5ml")
        == "SPF30 B12 no1 day1 18s 1st 10am 8am 5ml"
    )


def test_held_letters_come_back_to_the_word_they_stretch(linter: Linter) -> None:
    assert read(linter, "sooo smooth, freeee, appointmenttttt") == "so smooth, free, appointment"
    assert read(linter, "#glassskin") == "#glassskin"  # two words run together, not a held s


def test_camel_case_is_read_apart_only_for_known_words_outside_hashtags(linter: Linter) -> None:
    assert read(linter, "ZeroDowntime") == "Zero Downtime"
    # a hashtag is read whole for the rules about hashtags, and as its words before it
    # (test_claims_disguise_joins.py); camel case inside it is no token of its own
    assert read(linter, "#ZeroDowntime") == "Zero Downtime #ZeroDowntime"
    assert read(linter, "#medspa #ZeroDowntime") == "#medspa #ZeroDowntime"
    assert read(linter, "SlimAura") == "SlimAura"


@pytest.mark.parametrize(
    "text",
    ["Order on your iPhone.", "The McIntosh room is upstairs.", "Apply SPF15 daily.", "B1 tablets"],
)
def test_a_one_or_a_capital_i_in_an_ordinary_word_stays_as_written(
    linter: Linter, text: str
) -> None:
    assert shown(linter, text) == {}
