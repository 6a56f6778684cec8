"""The engine: evasion resistance, positions, what is linted, context, evidence, suppression."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from claims_lint import Config, InputError, Linter, load_evidence
from claims_lint.model import Finding

from tests.unit.conftest import INFORMATION_PAGE, categories

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(today=TODAY, evidence_path=FIX / "evidence.yaml", cache_dir=None))


def rules(linter: Linter, text: str, kind: str = "markdown") -> list[str]:
    return [f.rule for f in linter.lint_source(text, "page.md", kind).findings]


def one(linter: Linter, text: str, kind: str = "markdown") -> Finding:
    fs = linter.lint_source(text, "page.md", kind).findings
    assert len(fs) == 1, [(f.rule, f.matched) for f in fs]
    return fs[0]


# --- evasion -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is painless.",
        "It is PAINLESS.",
        "It is ｐａｉｎｌｅｓｓ.",  # fullwidth (NFKC)
        "It is 𝐩𝐚𝐢𝐧𝐥𝐞𝐬𝐬.",  # mathematical bold (NFKC)
        "It is раinless.",  # Cyrillic р and а
        "It is pαinless.",  # Greek alpha
        "It is pain\u200bless.",  # zero-width space
        "It is pain\u00adless.",  # soft hyphen
        "It is pain\u2060less.",  # word joiner
        "It is pa&shy;inless.",  # entity
        "It is p&#97;inless.",  # numeric entity
        "It is **pain**less.",  # markup inside a word
        "It is <b>pain</b>less.",  # raw HTML inside a word
        "It is pain-\nless.",  # hyphen and line break
        "It is pain\u00a0free.",  # NBSP
        "It is pain\n free.",  # line break inside the phrase
        "It is páinless.",  # diacritic
    ],
)
def test_evasions_are_caught(linter: Linter, text: str) -> None:
    assert "PAI001" in rules(linter, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Our injections melt fat.", "FAT001"),
        ("The injections melted the fat away.", "FAT001"),
        ("It is melting fat as we speak.", "FAT001"),
        ("It melts fat.", "FAT001"),
        ("No anesthetic is needed.", "PAI004"),  # American spelling
        ("No anaesthetic is needed.", "PAI004"),  # British spelling
        ("Defy aging.", "AGE001"),
        ("Defy ageing.", "AGE001"),
        ("Side effect free.", "SAF003"),
        ("Side-effect-free.", "SAF003"),
    ],
)
def test_spelling_and_inflections(linter: Linter, text: str, code: str) -> None:
    assert code in rules(linter, text)


# --- positions -----------------------------------------------------------------------------------


def test_positions_with_front_matter_crlf_and_bom(linter: Linter) -> None:
    src = "\ufeff---\r\ntitle: Facials\r\n---\r\n\r\nIntro line.\r\nIt is **pain**less here.\r\n"
    f = one(linter, src)
    assert (f.line, f.column) == (6, 9)
    assert f.end_line == 6 and f.end_column == 19  # exclusive end, after "less"
    lines = src.lstrip("\ufeff").split("\r\n")
    assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == "pain**less"


def test_position_in_front_matter_value(linter: Linter) -> None:
    src = (
        '---\ntitle: "A pain-free glow"\nsummary: >\n  Lovely and\n  guaranteed results.\n'
        "---\nBody.\n"
    )
    fs = linter.lint_source(src, "p.md", "markdown").findings
    by_rule = {f.rule: f for f in fs}
    assert (by_rule["PAI001"].line, by_rule["PAI001"].column) == (2, 11)
    assert by_rule["PAI001"].field == "title"
    assert (by_rule["GUA001"].line, by_rule["GUA001"].column) == (5, 3)


def test_nested_front_matter_fields_and_non_page_fields(linter: Linter) -> None:
    src = (
        "---\ntitle: Ok\nfaq:\n  - question: Does it hurt?\n    answer: It is totally painless.\n"
        "template: painless-layout\nslug: painless\n---\n"
    )
    fs = linter.lint_source(src, "p.md", "markdown").findings
    assert [(f.rule, f.field, f.line) for f in fs] == [("PAI001", "faq.0.answer", 5)]


def test_custom_front_matter_fields() -> None:
    lin = Linter(Config(today=TODAY, evidence_path=None, front_matter_fields=("hero.*",)))
    src = "---\ntitle: Painless\nhero:\n  strap: Zero downtime\n---\n"
    assert [f.rule for f in lin.lint_source(src, "p.md").findings] == ["DOW001"]


# --- what is linted and what is not --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# Painless facials\n",
        "- Painless\n- Quick\n",
        "| Treatment | Feel |\n|---|---|\n| Meso | Painless |\n",
        "> It is painless, she said.\n",
        "Text.[^n]\n\n[^n]: It is painless.\n",
        "![A painless treatment](x.jpg)\n",
        '[link](https://x.org "Painless results")\n',
        '<div class="x"><p>It is painless.</p></div>\n',
        '<img src="x.jpg" alt="painless">\n',
        "Setext painless\n===============\n",
    ],
)
def test_every_published_part_is_linted(linter: Linter, text: str) -> None:
    assert "PAI001" in rules(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Use `painless` as the slug.\n",
        "```\nit is painless\n```\n",
        "~~~md\nit is painless\n~~~\n",
        "Intro.\n\n    it is painless (indented code)\n",
        "<!-- it is painless -->\n",
        "<script>var s = 'painless';</script>\n",
        "<pre>painless</pre>\n",
        "[link](https://example.org/painless-facials)\n",
    ],
)
def test_code_comments_and_urls_are_not_linted(linter: Linter, text: str) -> None:
    assert rules(linter, text) == []


def test_html_page_visible_text_and_meta(linter: Linter) -> None:
    page = (
        "<html><head><title>Painless peels</title>"
        '<meta name="description" content="Zero downtime."><style>.painless{}</style></head>'
        "<body><p>Hello</p></body></html>"
    )
    assert sorted(rules(linter, page, "html")) == ["DOW001", "PAI001"]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # a cell under a named column is read with the column's name
        ("| Treatment | Downtime | Lasts |\n|---|---|---|\n| Skin booster | None | Forever |\n",
         [("DOW001", 3), ("GUA005", 3)]),
        ("Course | Recovery time\n--- | ---\nSix sessions | zero\n", [("DOW001", 3)]),
        # a label and its value, with no column name over the value
        ("| At a glance | |\n|---|---|\n| Downtime | Nil |\n| Discomfort | Minimal |\n",
         [("DOW001", 3), ("PAI002", 4)]),
        ("| Downtime | None at all |\n| Results | Permanent |\n", [("DOW001", 1), ("GUA002", 2)]),
    ],
)  # fmt: skip
def test_a_table_cell_is_read_with_its_column_or_row_label(
    linter: Linter, table: str, expected: list[tuple[str, int]]
) -> None:
    fs = linter.lint_source(table, "page.md").findings
    assert sorted((f.rule, f.line) for f in fs) == sorted(expected)


def test_a_finding_in_a_cell_points_at_the_cell(linter: Linter) -> None:
    f = one(linter, "| Treatment | Downtime |\n|---|---|\n| Skin booster | None |\n")
    assert (f.line, f.column) == (3, len("| Skin booster |") + 1)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<dl><div><dt>Recovery</dt><dd>None at all</dd></div></dl>", ["DOW001"]),
        ("<dl>\n  <dt>Recovery time</dt>\n  <dd>Zero</dd>\n</dl>", ["DOW001"]),
        ("<table><tr><th>Downtime</th><td>Nil</td></tr></table>", ["DOW001"]),
        ("<dl><dt>Side effects</dt><dd>Bruising is common</dd></dl>", []),
        # a header row's cells are names, not a label and its value
        ("<table><tr><th>Downtime</th><th>Price</th></tr><tr><td>2 days</td><td>£90</td></tr>"
         "</table>", []),
    ],
)  # fmt: skip
def test_an_html_label_and_its_value_read_together(
    linter: Linter, html: str, expected: list[str]
) -> None:
    assert rules(linter, f"<html><body>\n{html}\n</body></html>", "html") == expected


def test_a_short_front_matter_fact_is_read_with_its_name(linter: Linter) -> None:
    page = (
        "---\ntitle: Skin boosters\nfacts:\n  recovery: None at all\n"
        "  results_timeline: Instant\n  course: Three sessions, a month apart\n"
        "faq:\n  - q: Does it hurt?\n    a: Most people feel some stinging.\n---\nText.\n"
    )
    fs = linter.lint_source(page, "page.md").findings
    assert [(f.rule, f.line, f.column) for f in fs] == [("DOW001", 4, 13), ("GUA003", 5, 21)]


@pytest.mark.parametrize(
    "table",
    [
        "| Side effect | How common |\n|---|---|\n| Bruising | Common |\n"
        "| Permanent scarring | Rare |\n",
        "| Treatment | Price |\n|---|---|\n| Skin booster | £200 |\n",
        # the header row itself is not read as a label and its value
        "| Downtime | Pain |\n|---|---|\n| 2 to 3 days of redness | Mild stinging |\n",
        "| Treatment | Downtime |\n|---|---|\n| Deep peel | Up to two weeks |\n",
    ],
)
def test_honest_tables_stay_quiet(linter: Linter, table: str) -> None:
    assert rules(linter, table) == []


# --- context -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is not painless.",
        "We cannot guarantee results.",
        "There is no evidence that injections remove toxins.",
        "This is not a weight-loss treatment.",
        "Evidence that mesotherapy improves cellulite is limited.",
        "Pain, bruising and swelling are common.",
        "Not suitable if you have cancer.",
        "Is it safe?",
        "Safety information",
        "Does it hurt?",
    ],
)
def test_does_not_cry_wolf(linter: Linter, text: str) -> None:
    assert rules(linter, text) == []


def test_rhetorical_questions_still_count(linter: Linter) -> None:
    assert "COM004" in rules(linter, "Why go under the knife when you can have injections?")
    assert "POM001" in rules(linter, "Is Botox right for you?")


# --- evidence ------------------------------------------------------------------------------------


def test_evidence_clears_a_supportable_claim(linter: Linter) -> None:
    src = "---\ntreatment: derma-roller\n---\nClinically proven to firm skin.[^aust-2008]\n"
    res = linter.lint_source(src, "p.md")
    assert res.findings == []
    # the study clears both claims of the sentence: "clinically proven" and the outcome stated
    assert {(c.evidence_id, c.finding.rule) for c in res.cleared} == {
        ("aust-2008", "EFF001"),
        ("aust-2008", "GUA008"),
    }
    assert "Plast Reconstr Surg" in res.cleared[0].citation


@pytest.mark.parametrize(
    ("src", "code"),
    [
        ("Clinically proven.[^nope]\n", "EVD001"),
        ("Clinically proven.[^old-study]\n", "EVD002"),
        ("Clinically proven.[^stats-survey]\n", "EVD003"),
        ("---\ntreatment: facial-mesotherapy\n---\nClinically proven.[^aust-2008]\n", "EVD004"),
    ],
)
def test_bad_citations(linter: Linter, src: str, code: str) -> None:
    res = linter.lint_source(src, "p.md")
    assert [f.rule for f in res.findings] == [code]
    assert res.findings[0].category == "efficacy-overclaim"
    assert res.cleared == []


def test_no_category_stays_an_error_whatever_is_cited(linter: Linter) -> None:
    res = linter.lint_source("Completely safe.[^aust-2008]\n", "p.md")
    assert [f.rule for f in res.findings] == ["SAF001"]
    assert "cannot clear" in res.findings[0].message


def test_unattached_unknown_or_expired_citation(linter: Linter) -> None:
    res = linter.lint_source("Plain text.[^ghost] More.[^old-study]\n", "p.md")
    assert [f.rule for f in res.findings] == ["EVD001", "EVD002"]
    # a footnote defined on the page is an ordinary footnote, not evidence
    assert rules(linter, "Plain.[^a]\n\n[^a]: A note.\n") == []


def test_load_evidence_validates_with_line_numbers(tmp_path: Path) -> None:
    from claims_lint import ConfigError

    reg = load_evidence(FIX / "evidence.yaml")
    assert reg.entries["aust-2008"].review_by == dt.date(2027, 3, 1)
    bad = tmp_path / "e.yaml"
    bad.write_text(
        "entries:\n  x1:\n    citation: A long enough citation.\n    supports:\n"
        "      categories: [efficacy-overclaim]\n    approved_by: Dr X\n    review_by: 2027-01-01\n"
    )
    with pytest.raises(ConfigError) as exc:
        load_evidence(bad)
    assert exc.value.line == 2 and "doi, pmid or url" in exc.value.message
    bad.write_text("entries:\n  x1: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ConfigError):
        load_evidence(bad)


# --- suppression ---------------------------------------------------------------------------------


def test_suppression_with_reason(linter: Linter) -> None:
    src = (
        '<!-- claims-lint: disable PAI001 reason="survey of 200 clients, file 12" '
        'until=2027-01-01 by="Dr R" -->\nIt is painless.\nAnd more text.\n\nIt is painless.\n'
    )
    res = linter.lint_source(src, "p.md")
    assert [(f.rule, f.line) for f in res.findings] == [("PAI001", 5)]
    assert [(s.finding.line, s.reason, s.by) for s in res.suppressed] == [
        (2, "survey of 200 clients, file 12", "Dr R")
    ]


@pytest.mark.parametrize(
    ("directive", "code"),
    [
        ("<!-- claims-lint: disable PAI001 -->", "SUP001"),
        ('<!-- claims-lint: disable PAI001 reason="x y" until=2020-01-01 -->', "SUP002"),
        ('<!-- claims-lint: disable XYZ999 reason="x y" -->', "SUP003"),
        ('<!-- claims-lint: disable PAI001 reason="x y" until=soon -->', "SUP004"),
    ],
)
def test_bad_suppressions_are_errors_and_suppress_nothing(
    linter: Linter, directive: str, code: str
) -> None:
    res = linter.lint_source(f"{directive}\nIt is painless.\n", "p.md")
    assert sorted(f.rule for f in res.findings) == sorted([code, "PAI001"])


def test_same_line_category_and_file_wide_suppressions(linter: Linter) -> None:
    same = 'It is painless. <!-- claims-lint: disable pain-absolute reason="ok by Dr R" -->\n'
    assert rules(linter, same) == []
    whole = '<!-- claims-lint: disable-file DOW001 reason="ok by Dr R" -->\n\nx\n\nZero downtime.\n'
    assert rules(linter, whole) == []
    unused = '<!-- claims-lint: disable DOW001 reason="ok by Dr R" -->\nNothing here.\n'
    assert rules(linter, unused) == ["SUP005"]


def test_front_matter_comment_suppression(linter: Linter) -> None:
    src = (
        '---\n# claims-lint: disable PAI001 reason="brand name, agreed"\ntitle: Painless Ltd\n---\n'
    )
    res = linter.lint_source(src, "p.md")
    assert res.findings == [] and len(res.suppressed) == 1


# --- input problems ------------------------------------------------------------------------------


def test_broken_front_matter_is_an_input_error(linter: Linter) -> None:
    with pytest.raises(InputError) as exc:
        linter.lint_source("---\ntitle: [unclosed\n---\nBody\n", "p.md")
    assert exc.value.path == "p.md" and exc.value.line >= 2


def test_yaml_tags_never_execute(linter: Linter, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    src = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nx\n"
    with pytest.raises(InputError):
        linter.lint_source(src, "p.md")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"Caf\xe9 painless\n", "not UTF-8"),
    ],
)
def test_unreadable_files(linter: Linter, tmp_path: Path, data: bytes, words: str) -> None:
    p = tmp_path / "page.md"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        linter.lint_path(p)
    assert words in exc.value.message and exc.value.line == 1


def test_enormous_file(tmp_path: Path) -> None:
    lin = Linter(Config(today=TODAY, evidence_path=None, max_file_bytes=1000))
    p = tmp_path / "big.md"
    p.write_text("x" * 2000)
    with pytest.raises(InputError) as exc:
        lin.lint_path(p)
    assert "MB" in exc.value.message


def test_result_round_trips_through_dict(linter: Linter) -> None:
    from claims_lint import LintResult

    res = linter.lint_source("Zero downtime.[^aust-2008] Clinically proven.[^aust-2008]\n", "p.md")
    assert LintResult.from_dict(res.to_dict()) == res


def test_built_html_footnotes_cite_evidence_and_rendered_notes_are_skipped(linter: Linter) -> None:
    html = (
        "<p>Clinically proven to firm skin.<sup id='fnref:aust-2008'>"
        "<a class='footnote-ref' href='#fn:aust-2008'>1</a></sup></p>\n"
        "<div class='footnote'><ol><li id='fn:aust-2008'>"
        "<p>A painless citation.</p></li></ol></div>\n"
        '<div data-claims-lint="ignore"><p>It is painless.</p></div>\n<p>Zero downtime.</p>\n'
    )
    res = linter.lint_source(html, "page.html", "html")
    assert [(f.rule, f.line) for f in res.findings] == [("DOW001", 4)]
    assert {c.evidence_id for c in res.cleared} == {"aust-2008"}


# --- negation scope (regressions) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "no" of "no-downtime" is that claim's own wording: it negates nothing later
        (
            "Our painless, no-downtime booster melts fat.",
            {"pain-absolute", "downtime-absolute", "fat-dissolving"},
        ),
        (
            "No pain, no downtime, and it melts fat.",
            {"pain-absolute", "downtime-absolute", "fat-dissolving"},
        ),
        ("Not only painless but permanent.", {"pain-absolute", "guaranteed-permanent"}),
        ("Never feel pain again.", {"pain-absolute"}),
        ("No other clinic gets results this fast.", {"comparison-denigration"}),
        ("It doesn't just smooth skin, it melts fat.", {"fat-dissolving"}),
        (
            "No needles, no pain, just results that last forever.",
            {"pain-absolute", "guaranteed-permanent"},
        ),
        (
            "No needles and no pain plus results that last forever.",
            {"pain-absolute", "guaranteed-permanent"},
        ),
        ("A no-needle facial that melts fat.", {"fat-dissolving"}),
    ],
)
def test_negation_scope_keeps_every_claim(linter: Linter, text: str, expected: set[str]) -> None:
    found = {f.category for f in linter.lint_source(text, "page.md", "markdown").findings}
    assert expected <= found, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "It is not painless.",
        "This is not a weight-loss treatment.",
        "We cannot guarantee results.",
        "There is no evidence that injections remove toxins.",
        "It does not melt fat.",
        "No treatment can promise permanent results.",
        "No clinic can guarantee results.",
        "No treatment gives permanent results.",
    ],
)
def test_real_negations_stay_quiet(linter: Linter, text: str) -> None:
    assert rules(linter, text) == []


PAGE = """---
title: Skin booster
summary: Our painless, no-downtime booster melts fat.
---

Results are **guaran**teed and last for years.

Is it safe? Yes, 100% safe for everyone.
"""


def test_page_answer_after_exempt_question_is_flagged(linter: Linter) -> None:
    found = {(f.rule, f.line) for f in linter.lint_source(PAGE, "page.md", "markdown").findings}
    assert {
        ("PAI001", 3),
        ("DOW001", 3),
        ("FAT001", 3),
        ("GUA001", 6),
        ("SAF001", 8),
    } <= found
    # "last for years": one lasting claim, whichever permanence rule reports it
    assert {r for r, line in found if line == 6} & {"GUA002", "GUA005"}
    # the question alone names a topic: quiet
    assert not [r for r, line in found if line == 8 and r != "SAF001"]
    assert rules(linter, "Is it safe?") == []


# --- the detector pipeline: the shapes issue 10 found the old engine missing --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hedge in another clause launders nothing: safety and pain are never hedged
        (
            "Studies are still few, but this treatment is completely safe and totally painless.",
            {"safety-absolute", "pain-absolute"},
        ),
        ("The research is thin, yet these injections melt fat.", {"fat-dissolving"}),
        # one word more inside a familiar phrase
        ("Side effects with our gentle method are extremely rare.", {"safety-absolute"}),
        ("There are no real contraindications.", {"safety-absolute"}),
        ("The procedure does not carry any risk.", {"safety-absolute"}),
        ("The pain during treatment is minimal.", {"pain-absolute"}),
        # a question that asserts, and an answer that makes its question's claim
        ("Did you know 8 in 10 of our clients rebook?", {"unverified-stat-superlative"}),
        ("Is it painless? Yes, totally.", {"pain-absolute"}),
        ("Is it painful? Not at all.", {"pain-absolute"}),
        ("Downtime? None whatsoever.", {"downtime-absolute"}),
        ("Thinning hair? Our scalp course reverses it.", {"medical-condition"}),
        # an answer to "how long" or "how soon" that states the result itself
        ("How long do the results last? Forever, with a little upkeep.", {"guaranteed-permanent"}),
        ("When will I see a difference? Instantly.", {"guaranteed-permanent"}),
        ("When can I go back to the office? Straight away.", {"downtime-absolute"}),
        ("Side effects? Practically zero.", {"safety-absolute"}),
        # a bare adjective affirmed, and a "how <adjective>" question answered by degree
        ("Safe? Totally.", {"safety-absolute"}),
        ("How uncomfortable is it? Minimally.", {"pain-absolute"}),
        ("Do I need to book time off? No, you won't miss a day.", {"downtime-absolute"}),
        # one more word than the phrase the rule was written from
        ("Nothing out there shifts stubborn fat faster.", {"unverified-stat-superlative"}),
        ("Trusted by leading dermatologists and celebrities.", {"unverified-stat-superlative"}),
        # disguises: letters dotted apart word by word, a digit ending a word or for "o"
        ("F.a.t d.i.s.s.o.l.v.e.r.s now in stock.", {"fat-dissolving"}),
        ("Injections that dissolv3 belly fat.", {"fat-dissolving"}),
        ("n0 d0wntime whatsoever", {"downtime-absolute"}),
        # symbols for letters inside or ending a word, and Latin letters that lost their dot
        # (Python's re.I counts "ı" and "ſ" as ASCII, so they must still be folded)
        ("Completely pa!nless and painle$$.", {"pain-absolute"}),
        ("A rısk-free treatment.", {"safety-absolute"}),
        ("Completely paınleſs.", {"pain-absolute"}),
        # solid compounds: the prefilter's anchors come from the rules' own patterns
        ("Ask about our antiwrinkle offer.", {"prescription-medicine"}),
        ("Honestly, it's a total nobrainer.", {"pressure-trivialising"}),
        ("A sideeffect free glow.", {"safety-absolute"}),
        ("Nodowntime, no fuss.", {"downtime-absolute"}),
        # comparison and rank in the shapes clinics use
        ("It is much safer than liposuction.", {"comparison-denigration"}),
        ("The best clinic in Bath for skin boosters.", {"unverified-stat-superlative"}),
        ("Voted number one by local readers.", {"unverified-stat-superlative"}),
    ],
)
def test_pipeline_catches_the_shapes_of_real_claims(
    linter: Linter, text: str, expected: set[str]
) -> None:
    found = {f.category for f in linter.lint_source(text, "page.md", "markdown").findings}
    assert expected <= found, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "Is it painless? No. Most people feel stinging for a few seconds.",
        "How painful is it? Most people feel stinging for a few seconds.",
        "How long is the recovery? Two to three days of redness.",
        "Is it safe? It is a medical procedure with known side effects.",
        "Rooms 241 and 242 are on the second floor.",
        "Rarely, it can cause permanent scarring.",
        "It is not true that there are no side effects.",
        "The evidence is limited, and it may improve skin texture in some people.",
        "Claims that injections melt fat are misleading.",
        "Serious complications are rare, but bruising is common.",
        "Gels are injected under the skin to fill lines, add volume or change the shape of lips.",
        "How long does it last? Usually three to four months, then it wears off.",
        "How soon will I see it? Straight away, but expect swelling for a few days.",
        "Improvement is usually partial; deep scars can soften but rarely disappear.",
        "Your liver and kidneys already clear waste products without any help.",
        "Tell us about any isotretinoin taken in the past six months.",
        "Free parking at the rear and step-free access throughout.",
        "Watch out for deals that end tonight or anyone rushing you to decide.",
        "Wear SPF30 daily and SPF50 in summer; vitamin D3 and B12 levels are checked.",
        "Prices from US$50; Yahoo! and Wow!Look are our old newsletter names.",
        "Some 'fat dissolvers' sold online have no licence, and we advise against them.",
        "The trouble with these 'miracle' cures is that they rarely deliver.",
        "While it is generally safe, there are a few risks to weigh up first.",
        "Serious side effects are rare, at well under 1% of treatments.",
        "The list covers facelifts, brow lifts and tummy tucks.",
        'Some clinics use phrases like "no needles, no pain, no risk"; nobody can promise that.',
        "Be cautious about shampoos and gadgets sold as cures for hair loss.",
        "Some wellness clinics say a vitamin D shot will boost your immunity all winter.",
        "Q: Can skin boosters help with my rosacea?",
        "Another promised 'a facial that reverses ageing'; we found no evidence for that.",
        "Never inject 'fat-dissolving' products bought online.",
        # what things on sale say of themselves, told by somebody else
        "Marketplace sellers regularly promise wrinkle-free skin in a week.",
        "Serums imported from abroad that claim to dissolve fat can contain unlisted drugs.",
        "When a website guarantees no side effects, look for a different provider.",
        "The claim that a drip flushes out toxins has no basis.",
        "Teas sold as detox remedies have not been proven to do anything.",
        "Some online shops describe these pens as risk-free and painless.",
        "Be wary of marketing that says a drip will cure a hangover.",
        "There is little good evidence a vitamin drip protects you from colds.",
    ],
)
def test_pipeline_stays_quiet_on_honest_text(linter: Linter, text: str) -> None:
    assert rules(linter, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our new peel promises skin that stays flawless for good.", {"guaranteed-permanent"}),
        ("This cream promises to turn back the clock.", {"age-reversal"}),
        ("Other serums claim to firm skin, but our facial lifts it for good.",
         {"guaranteed-permanent"}),
        ("Our clients often say it is totally painless.", {"pain-absolute"}),
        ("Our brochures describe the facial as painless.", {"pain-absolute"}),
        ("There's no waiting list, and it is completely safe.", {"safety-absolute"}),
    ],
)  # fmt: skip
def test_a_sellers_own_promise_is_still_a_claim(
    linter: Linter, text: str, expected: set[str]
) -> None:
    assert expected <= categories(linter, text)


def test_a_hedge_softens_only_the_efficacy_claim_it_governs(linter: Linter) -> None:
    hedged = "Some people notice smoother skin after a few sessions."
    assert rules(linter, hedged) == []
    # the same outcome stated as fact is a claim
    assert "guaranteed-permanent" in {
        f.category for f in linter.lint_source("Leaves skin smoother.", "p.md").findings
    }


def test_a_balanced_statement_about_a_condition_informs(linter: Linter) -> None:
    # a hedge and the limits it names, in one sentence: information
    balanced = "IPL can reduce redness linked to rosacea, but it is not a cure and flares return."
    assert rules(linter, balanced) == []
    assert rules(linter, "Some notice slightly thicker hair; others see no change.") == []
    # the limits without the hedge still claim
    assert "medical-condition" in categories(linter, "IPL reduces rosacea redness; not a cure.")


def test_a_hedge_softens_a_condition_only_out_of_the_clinics_mouth(linter: Linter) -> None:
    # labelling policy: a hedged outcome informs, and medical-condition is not among the
    # categories no hedge clears; the clinic's own offer, a claim of most people or a result
    # said to last still claims (own_voice_holds in categories.yaml)
    assert rules(linter, "PRP can help regrow thinning hair.") == []
    assert rules(linter, "Blue light may help calm mild acne.") == []
    claims = [
        "Our PRP can regrow thinning hair.",
        "With our protocol, hair fall can be controlled within weeks.",
        "Laser can reduce acne: courses from £300.",
        "Most patients sweat less within a week.",
        "Microneedling can fade acne scars for good.",
    ]
    for text in claims:
        assert "medical-condition" in categories(linter, text), text


def test_an_unless_anchored_at_the_start_reads_each_sentence_start(linter: Linter) -> None:
    # a heading in the middle of a page is as much a heading as the first line
    page = "# Acne\n\nAcne is common.\n\n## Isotretinoin for acne\n\nIt is a strong medicine."
    assert rules(linter, INFORMATION_PAGE + page) == []
    assert "POM001" in rules(linter, "Our prices.\n\nBotox for frown lines\n\nBook today.")


def test_a_can_that_promises_is_no_hedge(linter: Linter) -> None:
    assert "guaranteed-permanent" in categories(linter, "You can enjoy smoother skin for years.")
    assert rules(linter, "It can soften fine lines in some people.") == []


def test_a_pipe_ends_a_clause_and_short_answers_carry_the_question(linter: Linter) -> None:
    # the "not" of one headline part does not reach the next
    assert "PRE002" in rules(linter, "Bald Is Not Your Destiny | Start Today For £1")
    assert "cellulite-claim" in categories(linter, "Dimpled thighs? Not for much longer.")
    assert "downtime-absolute" in categories(linter, "Downtime? What downtime.")


def test_a_hedge_between_a_frames_topic_and_its_claim_governs_it(linter: Linter) -> None:
    # the modal stands inside the matched words, after the topic, not before them
    assert rules(linter, "Removing dead cells can leave skin feeling smoother for a day.") == []
    assert rules(linter, "Removing dead cells leaves skin feeling smoother.") != []
    # ... but not when the rest of the clause keeps it certain
    assert rules(linter, "Scars can be faded for good with needling.") != []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Baby b*tox for the party season.", "POM001"),
        ("Semaglu**de pens in stock.", "POM003"),
        ("S*fe and p**nless.", "PAI001"),
    ],
)
def test_a_starred_out_word_reads_as_the_word_it_fits(linter: Linter, text: str, rule: str) -> None:
    assert rule in rules(linter, text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("This treatment is completely painlesssss.", "PAI001"),
        ("Results are guaranteeeed!", "GUA001"),
        ("Noooo downtime, zerooo needles.", "DOW001"),
        ("Honestly it is sooo safe.", "SAF001"),
        ("Totally painfreeee 🙌", "PAI001"),
        ("It is 💯 safe.", "SAF001"),
        ("A totally $afe way to a fresher face.", "SAF001"),
    ],
)
def test_letters_held_for_emphasis_and_symbols_for_words_read_as_the_word(
    linter: Linter, text: str, rule: str
) -> None:
    assert rule in rules(linter, text)


def test_held_letters_keep_honest_text_honest(linter: Linter) -> None:
    from claims_lint.text import clean_markdown

    honest = "Sooo many of you asked: yesss, it stings a little, and it can bruise."
    assert rules(linter, honest) == []
    text = clean_markdown("Phase III trial, $99 a session, US$50 deposit, hmmm, #glassskin.")[0]
    assert text.text == "Phase I trial, $99 a session, US$50 deposit, hm, #glassskin."


def test_stars_that_fit_no_masked_word_are_emphasis_as_before(linter: Linter) -> None:
    # "pain**less**" is bold inside a word; "f**k" fits no claim word: nothing new is read
    assert rules(linter, "pain**less** and quick") == ["PAI001"]
    assert rules(linter, "f**k, that was quick to book.") == []


def test_a_negation_carries_over_the_commas_of_a_list_that_ends_in_or(linter: Linter) -> None:
    assert rules(linter, "Peels do not remove scars, tighten loose skin or shrink pores.") == []
    # a comma without a list after it ends the negation as before
    assert "SAF001" in rules(linter, "It is not painful, and it is completely safe.")


def test_a_hedge_carries_over_a_short_list_of_what_a_treatment_can_do(linter: Linter) -> None:
    assert rules(linter, "It can add volume, improve shape and soften fine lines.") == []
    # a clause that says something of its own is not part of the hedged list
    assert rules(linter, "It can take a week or two to settle down, and then your lines soften.")
    # the hedge may end the clause that opens the list, just before its first item
    sentence = "Fillers are gels that help restore volume, smooth out wrinkles and soften folds."
    assert rules(linter, sentence) == []
    # a word of certainty in an item still holds
    assert rules(linter, "Fillers help restore volume, smooth out wrinkles forever.")


def test_a_labelled_question_is_read_without_its_label(linter: Linter) -> None:
    # "Q&A:" before the question must not turn the denial into a claim about the label
    assert rules(linter, "Q&A: Is it guaranteed to work? No treatment works for everyone.") == []
    assert rules(linter, "Q&A: Is it painless? Yes, completely.") == ["PAI001"]


def test_look_alike_letters_fold_only_inside_a_latin_word(linter: Linter) -> None:
    # a Cyrillic а inside "painless" is folded; a real Greek word is left alone
    assert "PAI001" in rules(linter, "Completely p\u0430inless.")
    from claims_lint.text import Folder

    folder = Folder(linter.pack.confusables, linter.pack.script)
    assert folder.text("καλό δέρμα") == "καλο δερμα"  # accents dropped, letters kept
    assert folder.text("p\u0430inless") == "painless"


def test_every_finding_names_its_detector(linter: Linter) -> None:
    found = linter.lint_source("Is it painless? Yes.", "p.md").findings
    assert [(f.rule, f.detector) for f in found] == [("PAI001", "question-answer")]
    assert all(0 < f.confidence <= 1 for f in found)


# A linter remembers each sentence's raw matches; what its context decides (a question before
# it, a paragraph condition, negation) must still be decided afresh wherever the sentence is.
CONTEXTS = [
    "Under 18? We won't treat you.",
    "Under 18? Book your lip filler now.",
    "Side effects? None at all.",
    "Tell us about side effects. None at all.",
    "It is not true that there are no side effects.",
    "There are no side effects.",
]


@pytest.mark.parametrize("order", [CONTEXTS, CONTEXTS[::-1]])
def test_a_remembered_sentence_is_judged_in_its_own_context(order: list[str]) -> None:
    def codes(linter: Linter, text: str) -> list[tuple[str, int]]:
        return [(f.rule, f.column) for f in linter.lint_source(text, "p.md", "markdown").findings]

    shared = Linter(Config(cache_dir=None, evidence_path=None))
    for text in order * 2:
        fresh = Linter(Config(cache_dir=None, evidence_path=None))
        assert codes(shared, text) == codes(fresh, text), text


def test_the_full_stops_of_an_initialism_end_no_sentence(linter: Linter) -> None:
    from claims_lint.segment import Doc

    def sentences(text: str) -> list[str]:
        doc = Doc(text, text.lower(), linter.pack)
        return [doc.sentence_text(i) for i in range(len(doc.sentence_starts))]

    assert sentences("Trial facial S$38 (U.P. S$288) this week only.") == [
        "trial facial s$38 (u.p. s$288) this week only."
    ]
    assert sentences("Cleared by the U.S. FDA. It is quick.")[-1] == "it is quick."


def test_a_rule_that_matches_twice_in_a_sentence_is_reported_once(linter: Linter) -> None:
    """Two findings of one rule on one sentence are one fault to mend; other rules and other
    sentences are still reported."""
    text = (
        "Clients tell us their friends keep asking where they've been on holiday. "
        "Friends keep asking what they've had done."
    )
    found = [f.rule for f in linter.lint_source(text, "x.md", "markdown").findings]
    assert found.count("TES003") == 2  # once in each sentence


def test_a_hedge_reaches_along_its_verb_phrases_however_long_its_clause(linter: Linter) -> None:
    # the hedge of a long first clause governs the verb phrase after its "or"
    hedged = "Fillers can help smooth out frown lines and laughter lines, or plump up thin lips."
    assert rules(linter, hedged) == []
    # ... but not a clause with a subject of its own, which says something new
    own = "Your glow should be visible within the week and it only builds from there."
    assert "guaranteed-permanent" in categories(linter, own)


def test_a_clause_word_after_a_modal_keeps_its_clause(linter: Linter) -> None:
    # "also" opens a clause of its own, but not straight after "can": the hedge still governs
    assert rules(linter, "Peels can also reduce scarring.") == []
    assert rules(linter, "Peels can reduce scarring.") == []
    # and a claim after the modal is still read: a word of certainty keeps it
    assert "guaranteed-permanent" in categories(linter, "It will also erase wrinkles for good.")
