"""Claims made across two sentences, neither of which makes one alone: an amount answering a
question about how long or how many ("How long does it last? A full year."), a short contrast
between something else and the clinic's own ("Lasers take weeks. We take minutes."), and a
label with a bare value after it ("## Downtime" then "None."). Each pair is judged on its own:
an honest answer, a qualified amount or a pair that agrees stays quiet."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from claims_lint import Config, Linter
from claims_lint.config import ConfigError
from claims_lint.language import load_language
from claims_lint.pairs import PairDetector, _Spans
from claims_lint.segment import Doc

from tests.unit.conftest import categories


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(today=dt.date(2026, 6, 1), evidence_path=None, cache_dir=None))


def spans(linter: Linter, text: str) -> list[str]:
    return [f.matched for f in linter.lint_source(text, "page.md").findings]


GUA, COM = "guaranteed-permanent", "comparison-denigration"


# --- an amount answers a question about how long or how many ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "How long will my lips stay plump? A full year.",
        "How long do the results last? Eighteen months, often more.",
        "How long does the tightening last? 24 months.",
        "How long will the effect last? Two years minimum.",
        "How long will it last? A good three years.",
        "How many sessions will I need? Only one.",
        "How many treatments does it take? Just one.",
        "How many peels before I see a change? One.",
    ],
)
def test_an_amount_alone_makes_the_question_a_claim(linter: Linter, text: str) -> None:
    assert GUA in categories(linter, text)


def test_the_finding_sits_on_the_answer(linter: Linter) -> None:
    assert spans(linter, "How long will it last? A full year.") == ["A full year"]


@pytest.mark.parametrize(
    "text",
    [
        # hedged, qualified or going on past the amount: typical experience, not a promise
        "How long will it last? Usually four to six months, and it varies.",
        "How long will it last? About a year, but it differs between people.",
        "How long do the results last? Six months for most people.",
        "How many sessions will I need? Most people need four, and results vary.",
        "How many sessions will I need? Usually three to five.",
        "How many sessions will I need? Four to six.",
        # an amount that is no result
        "How long does the appointment take? About 45 minutes.",
        "How long does the bruising last? Up to ten days.",
        "How long will the redness last? A couple of days.",
        "How long should I wait between sessions? Six weeks.",
        "How many units will I need? Between 10 and 20.",
        "How much does it cost? £180.",
    ],
)
def test_an_honest_or_unrelated_amount_stays_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


def test_honest_answers_to_pain_and_downtime_questions_stay_quiet(linter: Linter) -> None:
    assert categories(linter, "Does it sting? Most people feel a brief prickle.") == set()
    assert categories(linter, "How much downtime is there? Expect swelling for two days.") == set()


def test_a_question_heading_and_its_amount_paragraph_pair(linter: Linter) -> None:
    assert GUA in categories(linter, "## How many sessions will I need?\n\nJust one.\n")


# --- a short contrast across two sentences ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bleaching creams take months. We take minutes.",
        "Surgery takes weeks to heal. Our thread lift takes an afternoon.",
        "A facelift means months of recovery. Ours means none.",
        "Other salons make you wait. We don't.",
        "Diets take months. Our fat freezing takes an hour.",
        "Other injectors guess. We measure.",
        "Post: Liposuction takes weeks. We take one lunch hour.",
        "Laser clinics take ages.\nWe take minutes.",
    ],
)
def test_a_contrast_makes_a_comparison(linter: Linter, text: str) -> None:
    assert COM in categories(linter, text)


def test_the_contrast_is_reported_once_on_the_second_sentence(linter: Linter) -> None:
    assert spans(linter, "Bleaching creams take months. We take minutes.") == ["We take minutes."]
    # the first sentence runs clinics down by itself: one finding, not two
    assert spans(linter, "Other clinics rush you. We never do.") == ["Other clinics rush"]


@pytest.mark.parametrize(
    "text",
    [
        "Creams work on the surface. Peels reach deeper, and both have risks.",
        "Some clinics treat on the day. We ask you to wait a fortnight after consultation.",
        "Surgery needs a general anaesthetic. Our injections use a numbing cream.",
        "Other clinics may charge less. We publish our prices online.",
        "Surgery means weeks off work. Injections mean a few days of swelling.",
        "Other treatments take months. Ours does too, and results vary.",
        "Many clinics offer finance. We do too.",
        "Lasers take several sessions. We will tell you how many at your consultation.",
        "Swelling takes a few days to settle. We check on you after a week.",
        "Consultations take 30 minutes. We take a full medical history.",
        # the pair is split by a block edge: a heading and a paragraph are no contrast
        "## Creams take months\n\nWe take your history first.",
    ],
)
def test_a_pair_that_does_not_contrast_stays_quiet(linter: Linter, text: str) -> None:
    assert COM not in categories(linter, text)


# --- a label and a bare value ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Sessions needed: 1", GUA),
        ("Number of treatments: just one", GUA),
        ("**Sessions required:** one", GUA),
        ("### Downtime\n\nNone.\n", "downtime-absolute"),
        ("## Recovery time\n\n- Zero\n", "downtime-absolute"),
        ("## Side effects\n\nNone.\n", "safety-absolute"),
        ("## Sessions needed\n\n1\n", GUA),
        ("Results\n\nPermanent\n", GUA),
        ("## Downtime\n- None\n", "downtime-absolute"),  # a heading's value on the next line
        ("**Downtime**\n\nNone.\n", "downtime-absolute"),
    ],
)
def test_a_label_and_its_value_read_together(linter: Linter, text: str, category: str) -> None:
    assert category in categories(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Sessions needed: usually 3 to 6",
        "Number of sessions: 4 to 6, depending on your skin",
        "Treatment time: 40 minutes",
        "## Downtime\n\nA few days of redness.\n",
        "## Results\n\nVary.\n",
        "## Risks\n\nPermanent scarring is rare.\n",
        "### Our prices\n\nFrom £200.\n",
        "## Downtime\n\nMost people go back to work the next day, with some swelling.\n",
    ],
)
def test_an_honest_label_and_value_stay_quiet(linter: Linter, text: str) -> None:
    assert categories(linter, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # the next line of a list is the line before's sibling, not its value
        "Reported after unlicensed injections:\n\n- Skin infections\n- Lasting dents\n",
        "- Downtime\n- None\n",
        # a table's cells share a line: the table's own header labels them
        "| Results | Permanent |\n|---|---|\n| Lips | One session |\n",
        # a link's title is no label of the words after the link
        'Read [our aftercare sheet](https://example.org/a "Results") permanent records.\n',
    ],
)
def test_only_a_line_of_its_own_labels_the_next_block(linter: Linter, text: str) -> None:
    assert {f.detector for f in linter.lint_source(text, "page.md").findings} <= {"rules"}


# --- the pack ---------------------------------------------------------------------------------


def test_the_pack_compiles_its_pairs_section() -> None:
    pairs = load_language("en").pairs
    assert pairs is not None and pairs.amount is not None and pairs.contrast is not None
    assert pairs.amount.match("a full year.")
    assert not pairs.amount.match("usually three months.")
    assert not pairs.amount.match("a year for most people.")
    assert pairs.contrast.proforms.match(" never do.")
    assert any(rx.match("sessions needed") for rx, _ in pairs.count_labels)


def _load_edited_pack(tmp_path, old: str, new: str) -> None:
    """Load the English pack with its first ``old`` written as ``new``, as a pack "xx"."""
    src = load_language("en").path.read_text(encoding="utf-8")
    edited = src.replace(old, new, 1)
    assert edited != src
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(edited, encoding="utf-8")
    load_language("xx", str(tmp_path))


def test_a_broken_count_entry_names_the_key(tmp_path) -> None:
    with pytest.raises(ConfigError, match="pairs.amounts.counts 1 needs 'question' and 'says'"):
        _load_edited_pack(tmp_path, "says: ['results after {amount} {noun}{noun_}']", "")


def test_a_pack_without_pairs_reads_no_pair(tmp_path) -> None:
    src = load_language("en").path.read_text(encoding="utf-8")
    start, end = src.index("\npairs:\n"), src.index("\n# Words people write with letters")
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text(src[:start] + src[end:], encoding="utf-8")
    assert load_language("xx", str(tmp_path)).pairs is None


# --- a finding read with what comes before it shows the reading -------------------------------


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Tired of dull skin? We can fix that.", "dull skin gone"),
        ("## Downtime\n\nNone.", "downtime: none"),
        ("Fade creams take months. We take minutes.", "unlike fade creams, we take minutes"),
        ("Sessions needed: 1", "results after 1 sessions"),
        ("How long do results last? A full year.", "results do last a full year"),
    ],
)
def test_a_finding_read_with_what_comes_before_it_shows_the_reading(
    linter: Linter, text: str, reading: str
) -> None:
    findings = linter.lint_source(text, "page.md").findings
    assert findings
    assert all(f'as "{reading}")' in f.message for f in findings), [f.message for f in findings]


def test_a_finding_on_its_own_words_shows_no_reading(linter: Linter) -> None:
    (finding,) = linter.lint_source("Our peel is completely painless.", "page.md").findings
    assert "read with" not in finding.message
    assert finding.message.endswith('("painless")')


def test_a_reading_note_without_its_place_names_the_key(tmp_path) -> None:
    with pytest.raises(ConfigError, match="'reading_note' needs {reading}"):
        _load_edited_pack(tmp_path, 'as "{reading}"', "as the reading")


def test_contrast_openings_without_their_words_are_found_by_scanning_the_page(
    linter: Linter,
) -> None:
    """A pack whose openings share no word falls back to trying the opening at every position:
    the same pairs either way."""
    pack = linter.pipeline.pack
    assert pack.pairs is not None and pack.pairs.contrast is not None
    by_words = pack.pairs.contrast
    assert by_words.opening_words
    scanned = dataclasses.replace(by_words, opening_words=())
    text = "Fade creams take months. We take minutes. Lasers sting. Ours doesn't. We know that."
    detector = PairDetector(lambda statement: [])
    doc = Doc(text, text.lower(), pack)
    found = detector._contrast_openings(doc, by_words, _Spans(doc))
    assert found == detector._contrast_openings(doc, scanned, _Spans(doc)) == [0, 2, 3]


def test_a_count_line_is_read_every_time_a_page_repeats_it(linter: Linter) -> None:
    # the lines that count nothing are remembered by their words; a line that counts is not
    text = "Treatment time: 40 minutes\n\nSessions needed: 1\n\n" * 3
    found = [f for f in linter.lint_source(text, "page.md").findings if f.category == GUA]
    assert [f.line for f in found] == [3, 7, 11]
    again = [f for f in linter.lint_source(text, "page.md").findings if f.category == GUA]
    assert again == found
