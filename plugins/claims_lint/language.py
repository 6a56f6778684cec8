"""Language packs: what the engine knows about a language, loaded from ``rules/<lang>/``.

The engine's code is language-neutral. Sentence and clause breaks, negators, hedges, question
forms, answers, reported speech, inflection, spelling variants and look-alike letters all come
from ``rules/<lang>/language.yaml``; this module validates that file and compiles it once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import SafeLoader, repeated_key
from .model import ConfigError
from .patterns import required_literals

__all__ = [
    "Inflection",
    "LanguagePack",
    "ListJoiner",
    "MainClause",
    "Voice",
    "load_language",
    "rules_root",
    "words_regex",
]


def rules_root() -> Path:
    """The folder that holds ``categories.yaml`` and one folder per language."""
    return Path(str(resources.files("claims_lint") / "rules"))


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def words_regex(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of plain words or phrases (longest first; a space matches spaces).

    Words of one length are in alphabetical order, not a set's: the regex's text must be the
    same in every process (the anchor memo, rules.AnchorMemo, is keyed by it)."""
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=_longest_first)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@dataclass(frozen=True)
class Inflection:
    """One way of inflecting a word: when ``when`` matches its end, append ``forms``."""

    when: re.Pattern[str]
    strip: int
    forms: tuple[str, ...]
    double_last: bool = False
    min_length: int = 0

    def words(self, word: str) -> list[str] | None:
        """The inflected forms as plain strings (for building a trie), or None."""
        if len(word) < self.min_length or not self.when.search(word):
            return None
        stem = word[: len(word) - self.strip] if self.strip else word
        forms = set(self.forms)
        if self.double_last:
            forms |= {word[-1] + f for f in ("ed", "ing", "er") if f in self.forms}
        return sorted(stem + f for f in forms)

    def expand(self, word: str) -> str | None:
        if len(word) < self.min_length or not self.when.search(word):
            return None
        stem = word[: len(word) - self.strip] if self.strip else word
        forms = list(self.forms)
        if self.double_last:
            last = word[-1]
            forms = [f"{last}{f}" if f in ("ed", "ing", "er") else f for f in forms] + [
                f for f in ("ed", "ing", "er") if f in self.forms
            ]
        alts = sorted({re.escape(f) for f in forms if f}, key=_longest_first)
        optional = "" in forms
        if not alts:
            return re.escape(stem)
        group = "(?:" + "|".join(alts) + ")"
        return re.escape(stem) + group + ("?" if optional else "")


@dataclass(frozen=True)
class MainClause:
    """Where a main clause starts, so a reported subordinate clause stops before it: "Whether
    you're 30 or 60, this treatment guarantees results" reports nothing after its comma."""

    fronted: re.Pattern[str]  # a sentence that opens with a subordinate clause ("Whether ...")
    start: re.Pattern[str]  # a break and a subject: ", this treatment", ", but results"
    joined: re.Pattern[str]  # a break, a joiner and a subject: ", and it's"
    # "or" and the next break: "Whether they're fresh or faded, stretch marks ..." ends there
    alternative: re.Pattern[str] | None = None
    # a break and a finite verb: in "Our facial, marketed as a quick fix, is painless" the
    # aside set off by a comma ends where the sentence's own verb resumes
    resumed: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Voice:
    """The pack's ``voice`` section: where the clinic speaks for itself, by "we" / "our" after a
    hand-over break ("Be careful of clinics using chemicals: ours is natural") or by its own
    name ("get genuine Botox at Glow Clinic"). Names are read from the text as written, since
    only capitals tell "Glow Clinic" from "a skin clinic"."""

    opens: re.Pattern[str]  # a hand-over break and the clinic's own word (lower-case text)
    introduced: re.Pattern[str]  # somebody else's words brought in just before a break
    name_ends: frozenset[str]  # the last word of a clinic's name, as written
    at: frozenset[str]  # a lower-case word before a name ("at Glow")
    not_names: frozenset[str]  # a run holding one of these names no clinic
    # lower-case words inside one name ("Kent and Canterbury Hospital", "University of Leeds"):
    # the run after `at` goes on over them, so that its last word is read too
    name_joins: frozenset[str]
    not_after: re.Pattern[str]  # before a name: a source cited, not the clinic ("the")
    cited: re.Pattern[str]  # after a name: it is quoted as a source ("... says")
    # a clause in the clinic's voice that only affirms what was reported ("— ours actually do"),
    # after any break, a comma too, up to the end of the reported words; None: the pack has none
    endorses: re.Pattern[str] | None = None
    # whose page it is (lower-case text, anywhere on it); None: the pack has no such test
    page_public: re.Pattern[str] | None = None  # words only a health service writes
    page_informs: re.Pattern[str] | None = None  # a GP, a pharmacist: clinics name them too
    page_offer: re.Pattern[str] | None = None  # a price, a booking call
    page_own: re.Pattern[str] | None = None  # the clinic's own words

    def sells(self, text: str, low: str) -> bool:
        """Whether a page sells: the clinic's own words on it, and an offer or the clinic's name
        ("Our nurses at Glow Clinic ..."; a hospital leaflet says "we" but names no clinic)."""
        offer, own = self.page_offer, self.page_own
        if offer is None or own is None or not own.search(low):
            return False
        return offer.search(low) is not None or self._names_itself(text)

    def _names_itself(self, text: str) -> bool:
        """A clinic's name in running text. A heading in title case ("Peels for Acne-Prone
        Skin") capitalises every word, so a name read there may be none."""
        end = len(text)
        runs = _name_runs(self, text, 0, end)
        return any(self._is_name(text, a, b, end) and not _title_line(text, a) for a, b in runs)

    def informs(self, text: str, low: str) -> bool:
        """Whether a page speaks as a health service (or names one) and does not sell."""
        cues = (self.page_public, self.page_informs)
        return any(c is not None and c.search(low) for c in cues) and not self.sells(text, low)

    def public(self, text: str, low: str) -> bool:
        """Whether a page is a health service's own (its leaflet, the NHS) and does not sell."""
        cue = self.page_public
        return cue is not None and cue.search(low) is not None and not self.sells(text, low)

    def named(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` (as written) names a clinic anywhere."""
        return any(self._is_name(text, a, b, end) for a, b in _name_runs(self, text, start, end))

    def _is_name(self, text: str, a: int, b: int, end: int) -> bool:
        words = text[a:b].split()
        if any(w.strip(".,'’") in self.not_names for w in words):
            return False
        if self.not_after.search(text[max(0, a - 30) : a].lower()):
            return False
        return self.cited.match(text[b:end].lower()) is None


_WORD_AS_WRITTEN = re.compile(r"[^\W\d_][\w'’&-]*|&")


def _name_runs(voice: Voice, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Candidate names in ``text[start:end]`` as (start, end): up to three capitalised words
    and a name-ending word ("Glow Skin Clinic"), or capitalised words after a lower-case "at"
    ("at Glow", "at" left out)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_AS_WRITTEN.finditer(text, start, end)]
    runs: list[tuple[int, int]] = []
    for i, (_, b, w) in enumerate(words):
        if re.sub(r"['’]s$", "", w) in voice.name_ends:  # "Glow Clinic's nurses"
            first = _capitals_from(text, words, i, -1, 3)
            if first < i:
                runs.append((words[first][0], b))
        elif w in voice.at and i + 1 < len(words) and _joined(text, words, i, i + 1):
            last = _joined_name_end(voice, text, words, _capitals_from(text, words, i, 1, 4))
            if last > i:
                runs.append((words[i + 1][0], words[last][1]))
    return runs


def _joined_name_end(voice: Voice, text: str, words: list[tuple[int, int, str]], last: int) -> int:
    """Where a name that ends at ``words[last]`` really ends: over a joining word and the
    capitalised words after it ("at Kent and Canterbury Hospital" ends at "Hospital")."""
    while (
        last + 2 < len(words)
        and words[last + 1][2] in voice.name_joins
        and _joined(text, words, last, last + 1)
        and words[last + 2][2][:1].isupper()
        and _joined(text, words, last + 1, last + 2)
    ):
        last = _capitals_from(text, words, last + 1, 1, 4)
    return last


def _title_line(text: str, at: int) -> bool:
    """Whether the line holding ``text[at]`` is written in title case: of its words of four
    letters or more, at least three, all but one at most, begin with a capital."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = _WORD_AS_WRITTEN.findall(text[start : end if end >= 0 else len(text)])
    long = [w for w in words if len(w) >= 4]
    capitals = sum(w[:1].isupper() for w in long)
    return capitals >= 3 and capitals >= len(long) - 1


def _capitals_from(
    text: str, words: list[tuple[int, int, str]], i: int, step: int, most: int
) -> int:
    """The farthest word from ``words[i]`` (going ``step``) reached over at most ``most``
    capitalised words, each only spaces away from the one before."""
    j = i
    while abs(j - i) < most and 0 <= j + step < len(words):
        word = words[j + step][2]
        if not (word == "&" or word[:1].isupper()) or not _joined(text, words, j, j + step):
            break
        j += step
    return j


def _joined(text: str, words: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Only spaces between two neighbouring words (a comma, a full stop or a blank line ends a
    name)."""
    a, b = min(i, j), max(i, j)
    gap = text[words[a][1] : words[b][0]]
    return gap.isspace() and gap.count("\n") < 2


@dataclass(frozen=True)
class ListJoiner:
    """The pack's ``clauses.lists``: when an "and" / "or" joins the items of a list inside one
    clause ("swelling, redness and bruising", "painless and risk-free") rather than opening a
    clause of its own ("and it lasts", "and results are permanent")."""

    joiners: str  # regex alternation of the joiner words
    joiner: re.Pattern[str]  # one of them, whole
    subjects: str  # regex alternation: after a joiner, these (and negators) open a clause
    verbs: str  # regex alternation: a verb among an item's words makes it a clause
    item_words: int
    items: int
    item_stop: str  # regex alternation: words that never stand in a list item
    opens: re.Pattern[str]  # a subject after a joiner, or a verb within its item's words
    stop: re.Pattern[str]  # one of item_stop, as a whole word
    # a clause that opens, after its joiner, with a subject of its own ("and it only builds"):
    # no verb phrase of a hedged list (judges._hedged_list)
    clause_subject: re.Pattern[str]
    # negators that belong to their own item before these joiners ("no needles and ...")
    item_negators: frozenset[str] = frozenset()
    item_joiners: frozenset[str] = frozenset()

    def joins(self, low: str, at: int, end: int) -> bool:
        """The joiner that ends at ``at`` joins list items: the words after it, up to ``end``
        (the next clause break), are a short item with no subject and no verb of their own."""
        words = low[at:end].split()
        if not 0 < len(words) <= self.item_words:
            return False
        item = " ".join(words)
        return self.opens.match(item) is None and self.stop.search(item) is None


@dataclass(frozen=True)
class Refutation:
    """The pack's ``refutation`` section, compiled: belief frames, and the words that refute or
    correct the statement before them (each cue regex is anchored: it is matched, not searched,
    at the start of a clause or sentence, after an optional lead word)."""

    beliefs: re.Pattern[str]
    ends_belief: re.Pattern[str]  # after these, inside a sentence, the clinic speaks again
    refutes: re.Pattern[str]  # a refutation that labels, and what must follow it (``closes``)
    denies: re.Pattern[str]  # a refutation that denies ("It is not."), closing the same way
    corrects: re.Pattern[str]
    corrects_belief: re.Pattern[str]
    agrees: re.Pattern[str]
    agreeing: re.Pattern[str]  # words just before a correction that make it agree


@dataclass(frozen=True)
class Filled:
    """The pack's ``questions.filled`` section, compiled: wh-questions an answer fills in
    ("Who can't have it? Nobody.") and the answers that do."""

    question: re.Pattern[str]  # groups aux, neg, rest
    do_support: dict[str, str]  # auxiliary dropped -> the ending its verb takes instead
    aux_forms: dict[str, str]
    exists: tuple[tuple[re.Pattern[str], str], ...]  # (question up to its rest, denial says)
    # (answer regex, what it says, what it says of a negative question or "")
    answers: tuple[tuple[re.Pattern[str], str, str], ...]
    closes: re.Pattern[str]  # what may follow an answer word: the end of what it says
    exceptions: re.Pattern[str]  # an answer going on like this names exceptions


@dataclass(frozen=True)
class Remedy:
    """The pack's ``questions.remedy`` section, compiled: a short line in the clinic's voice
    that takes on the problem a question names ("Dark circles? We've got the answer.",
    "Double chin? We can fix that.") promises its removal, whatever its modal."""

    line: re.Pattern[str]  # the whole answer: a remedy line (matched at its start)
    words: int  # an answer of at most this many words
    says: str  # the promise a remedy line makes, read by the rules
    chain: int  # bare questions just before the question that the line answers too
    # the clinic's voice and a modal after it, read as `certain` ("We can lift them")
    modal: re.Pattern[str] | None
    certain: str
    # "Why live with jowls when one session can lift them?": groups problem and remedy
    why_when: re.Pattern[str] | None = None
    can: re.Pattern[str] | None = None  # the modal alone, in the remedy clause
    # "Love handles, bra bulge — we sculpt them all away.": the hand-over after a line of
    # problems, the clinic's voice that must follow it, and the most words the problems take
    handover: re.Pattern[str] | None = None
    voice: re.Pattern[str] | None = None
    handover_words: int = 0


@dataclass(frozen=True)
class Contrast:
    """The pack's ``pairs.contrast`` section, compiled: two short sentences that set the
    clinic's own side against something else ("Fade creams take months. We take minutes.")."""

    ours: re.Pattern[str]  # the second sentence's opening on the clinic's side
    # the same opening searched for over a whole page: at a word's start, tested without
    # taking up text, so that no match hides the next (pairs.py's first test)
    opening: re.Pattern[str]
    # words one of which every opening holds (derived from ``ours``), found with ``str.find``
    # far faster than ``opening`` tries every position of a page; empty when none is known
    opening_words: tuple[str, ...]
    adverbs: frozenset[str]  # words between that subject and its verb
    proforms: re.Pattern[str]  # a rest of the second sentence that stands in for a verb
    agree: re.Pattern[str]  # words that make the pair agree
    endings: tuple[str, ...]  # verb endings that keep the verb ("takes" is "take")
    words: int  # the most words either sentence may have
    short: int  # two sentences this short contrast without sharing a verb
    reading: str  # the pair as one statement: {other}, {ours}


@dataclass(frozen=True)
class Pairs:
    """The pack's ``pairs`` section, compiled: claims made across two sentences (pairs.py)."""

    # "How long will it last? A full year.": an amount answer, and questions about how many
    # of something with what an amount answer to them says
    amount: re.Pattern[str] | None
    counts: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    # labels that ask how many ("Sessions needed"), with what an amount after them says
    count_labels: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    contrast: Contrast | None
    # "## Downtime" then "None.": the most words of a label and of its value, and the reading
    label_words: int
    value_words: int
    label_reading: str


@dataclass
class LanguagePack:
    """A compiled language pack. Regexes run over lower-case, folded text."""

    code: str
    name: str
    script: str
    path: Path
    sentence_end: re.Pattern[str]
    clause_break: re.Pattern[str]
    negator: re.Pattern[str]
    after_claim_negator: re.Pattern[str]
    # after any negatable claim: "regrowth can't be promised" denies the claim before it
    denied_after: re.Pattern[str] | None
    # a claim made only of part of the people or cases, then taken back for the rest in its own
    # sentence: "Complications are uncommon, but some can be serious", "Most people have no
    # bruising, but some do" (the pack's negation.partial and negation.exception)
    exception_partial: re.Pattern[str] | None
    exception_after: re.Pattern[str] | None
    # an expectation followed by what to do if it is not met: "You should not need strong
    # painkillers; if you do, contact us" (the pack's negation.expectation and safety_net)
    expectation: re.Pattern[str] | None
    safety_net: re.Pattern[str] | None
    hedge_governing: re.Pattern[str]
    hedge_reach: int
    hedge_clause: re.Pattern[str]
    # each with the literals a match needs (checked before running the regex, which is slow)
    # each pattern with scans for the literals it needs (all must find one) before it is tried
    reported: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...]
    # indirect questions ("whether ...", "ask us if ..."), in the same form
    indirect: tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...]
    yes_no_start: re.Pattern[str]
    wh_start: re.Pattern[str]
    asserting_start: re.Pattern[str]
    statement: re.Pattern[str]
    answer_label: re.Pattern[str]  # a line that is only an answer's label ("A.")
    answer_yes: re.Pattern[str]
    answer_no: re.Pattern[str]
    answer_gone: re.Pattern[str]
    # "How long will it last? Permanently.": a question about how long or how soon, and an
    # answer that states the result itself (None when the pack has no such words)
    timing_question: re.Pattern[str] | None
    answer_timing: re.Pattern[str] | None
    timing_results: re.Pattern[str] | None  # the question asks about results ("last", "see")
    # a yes that also says how often or for whom ("Does it work? Every single time."): the
    # statement is read with the answer's words after it (None when the pack has none)
    answer_universal: re.Pattern[str] | None
    contrast: re.Pattern[str] | None  # words that qualify what came before: "but", "although"
    topic_lead: re.Pattern[str]  # "how long is" in "How long is recovery?": not the topic
    degree_question: re.Pattern[str]  # "how painful is it": asks "is it painful"
    subject_pronouns: frozenset[str]  # one-word subjects that never take a second word
    pronoun: re.Pattern[str]
    topic_words: int
    inflections: tuple[Inflection, ...]
    spelling: dict[str, str]
    kinds: dict[str, list[str]] = field(default_factory=dict)  # templates per rule kind
    # a heading's topic before a question about it ("Acne scar removal – is it possible?"): the
    # question that follows asks as it would alone (None when the pack has no such form)
    topic_head: re.Pattern[str] | None = None
    gap_stop: str = ""  # words a frame's gap may not contain: clause breaks and negators
    gap_separator: str = r"[\s\-:]+"
    fillers: str = ""  # words a phrase may hold between two of its words ("no real downtime")
    confusables: dict[str, str] = field(default_factory=dict)
    masked_words: tuple[str, ...] = ()  # words written with letters starred out ("b*tox")
    symbol_words: dict[str, str] = field(default_factory=dict)  # "🚫" reads "no"
    one_letter_words: tuple[str, ...] = ()  # "a", "I": beside a spaced-out word, not in it
    # a nought alone before a word ("0 risk"): the word it reads as, and the words after or
    # before it that keep it a number ("0 to 10", "from 0")
    nought_word: str = ""
    nought_not_before: tuple[str, ...] = ()
    nought_not_after: tuple[str, ...] = ()
    negation_carries_over: tuple[str, ...] = ()  # "or", "nor": a negation reaches past them
    negation_carrier: re.Pattern[str] | None = None  # any of those words, anywhere
    # "is not, however, painless": a negator just before a short aside in commas
    negation_across_aside: re.Pattern[str] | None = None
    hedge_carries_over: tuple[str, ...] = ()  # "and", "or": a hedge reaches along a list
    hedge_certain: re.Pattern[str] | None = None  # "never", "for good": a hedge inside fails
    # "most patients": no hedge for the categories whose rules set ``own_voice_holds``
    hedge_majority: re.Pattern[str] | None = None
    # "Safe. Effective. Permanent.": a line of short fragments, one sentence (``tagline``); the
    # first finds a fragment after a fragment's mark, the second checks the whole line
    tagline_hint: re.Pattern[str] | None = None
    tagline: re.Pattern[str] | None = None
    # "By stimulating collagen, ...": a means whose main clause's hedge governs it too
    hedge_means: re.Pattern[str] | None = None
    # "injected to fill lines", "ideal for softening lines": a purpose just before the claim
    hedge_purpose: re.Pattern[str] | None = None
    # "... and removes every line for good": a word that keeps an item of a hedged list certain
    hedge_list_certain: re.Pattern[str] | None = None
    # "sometimes permanently": a chance inside such an item, which then promises nothing
    hedge_occasional: re.Pattern[str] | None = None
    # "..., though it can stay for good": a clause that concedes a limit, whose hedged word of
    # certainty is a risk told honestly, not a promise
    hedge_concession: re.Pattern[str] | None = None
    # "helps to tone the muscles and improve ...": the words passed over after a hedge to find
    # its verb, the endings a second verb phrase shares with it, and a first word read as a new
    # subject ("... and results last"); no ``coordinate_skip``, no reach
    coordinate_skip: re.Pattern[str] | None = None
    coordinate_forms: tuple[str, ...] = ()
    coordinate_subject: re.Pattern[str] | None = None
    # the end of the text before a clause word that then opens no clause ("can also")
    clause_kept_after: re.Pattern[str] | None = None
    # "others see no change", "it is not a cure": the limits a balanced statement names
    hedge_limits: re.Pattern[str] | None = None
    # the sentence after a question that refuses what it offers ("Then mesotherapy won't do it.")
    question_refused: re.Pattern[str] | None = None
    # hedges after the claim: a qualifier in its clause ("for many clients"), the clause words
    # it reaches back over, and a clause saying the result varies ("though this varies")
    hedge_after: re.Pattern[str] | None = None
    hedge_after_crosses: frozenset[str] = frozenset()
    hedge_tail: re.Pattern[str] | None = None
    # where a reported body's own clause ends and a main clause starts (None: at the body's end)
    main_clause: MainClause | None = None
    # an "and" / "or" that joins list items inside a clause (None: every one ends a clause)
    lists: ListJoiner | None = None
    # a belief and its refutation ("Many think it is painless. It is not."): see `refutation`
    refutation: Refutation | None = None
    # kinds of reported body, by the words just before it ("myth", "wish"): a rule's
    # ``reported_keeps`` names those that do not clear its claim (judges.ReportedJudge)
    reported_kinds: dict[str, re.Pattern[str]] = field(default_factory=dict)
    filled: Filled | None = None  # "Who can't have it? Nobody.": see `questions.filled`
    remedy: Remedy | None = None  # "Double chin? We can fix that.": see `questions.remedy`
    # "Worried about downtime?", "Scared it'll hurt?": the lead before the worry, the clause a
    # worry may be (groups subject, aux, rest) and what its contracted auxiliaries stand for
    pairs: Pairs | None = None  # claims made across two sentences: see `pairs`
    concern_lead: re.Pattern[str] | None = None
    concern_clause: re.Pattern[str] | None = None
    concern_aux: dict[str, str] = field(default_factory=dict)
    voice: Voice | None = None  # where the clinic speaks for itself: see `voice`
    # a quotation followed by its attribution ('"... ." — Ciara, 34'), on the text as written:
    # its sentences are one testimonial (None when the pack has no `sentences.quotes`)
    attributed_quote: re.Pattern[str] | None = None
    # the marks each such quotation opens with: a text with none of them holds none, and is
    # not searched ("": not known, always searched)
    quote_opens: str = ""
    rereading: Rereading | None = None  # a rule's second reading: see `rereading`
    common_words: frozenset[str] = frozenset()  # never worth scanning for (prefilter)
    frequent_words: frozenset[str] = frozenset()  # in most clinic sentences: anchors of last resort
    # added to a finding's message when its words were read with what comes before them
    reading_note: str = 'read as "{reading}"'
    digest: str = ""

    def inflected_words(self, word: str) -> list[str]:
        for rule in self.inflections:
            out = rule.words(word)
            if out is not None:
                return out
        return [word]

    def inflect(self, word: str) -> str:
        """A regex for ``word`` and its regular inflections (over-generation is harmless)."""
        for rule in self.inflections:
            out = rule.expand(word)
            if out is not None:
                return out
        return re.escape(word)


def _load_yaml(path: Path) -> tuple[Any, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), 0, f"cannot read the language pack: {exc.strerror}") from None
    return load_reviewed_yaml(text, path)[0], text


def load_reviewed_yaml(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree of a YAML file reviewers own (a language pack, a rule file),
    refusing broken YAML and a key said twice in one mapping at the file and line."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        _refuse_repeated_keys(path, node)
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ConfigError(str(path), line, f"broken YAML: {exc}") from None
    finally:
        loader.dispose()


def _refuse_repeated_keys(path: Path, root: yaml.Node | None) -> None:
    """A rule that says ``unless:`` twice would silently lose the first list of exceptions
    (YAML keeps only the last key), so such a file is refused instead."""
    found = repeated_key(root) if root is not None else None
    if found is not None:
        again, first = found
        raise ConfigError(
            str(path),
            again.start_mark.line + 1,
            f"the key {again.value!r} is given twice (first on line {first.start_mark.line + 1});"
            " merge the two into one",
        )


@dataclass(frozen=True)
class Singular:
    """One way of reading a plural as its singular (the pack's ``rereading.singular.forms``):
    when ``when`` fits a word's end, its last ``strip`` letters become ``add``; ``strip`` None
    says the word is no plural."""

    when: re.Pattern[str]
    strip: int | None
    add: str


@dataclass(frozen=True)
class Rereading:
    """The pack's ``rereading`` section: the forms a rule reads a sentence in again when it
    found nothing in the words as written (reread.py)."""

    determiners: re.Pattern[str] | None  # a word of the class, between word boundaries
    read_as: tuple[str, ...]  # each a reading of its own: every determiner made this word
    noun_after: frozenset[str]  # words a noun follows ("the", "no"): its plural is read
    reach: int  # how many words after one of them the plural may stand
    noun_stops: frozenset[str]  # words after which no noun follows ("no longer")
    head_end: re.Pattern[str]  # what follows the noun that ends its phrase
    min_length: int  # shorter words are never read as plurals ("its", "yes")
    singular: tuple[Singular, ...]
    certainty: re.Pattern[str] | None  # group "drop": words of certainty after a verb
    places: re.Pattern[str] | None  # group "drop": "at Lumen Clinic " between two words
    # groups "open" and "close": the quote marks around a few words ("no 'downtime'")
    quoted: re.Pattern[str] | None = None

    @cached_property  # stored in the instance's __dict__, so the frozen dataclass allows it
    def lead_words(self) -> re.Pattern[str] | None:
        """A determiner or a word a noun follows, as a word: a sentence without one, with no
        word of certainty and no place, has no reading but its fillers left out (reread.py)."""
        words = sorted(self.noun_after, key=lambda w: (-len(w), w))
        alts = [f"(?<![a-z])(?:{'|'.join(map(re.escape, words))})(?![a-z])"] if words else []
        if self.determiners is not None:
            alts.append(self.determiners.pattern)
        return re.compile("|".join(alts)) if alts else None


class _Reader:
    """Typed access to the pack's YAML with messages that name the key."""

    def __init__(self, data: Any, path: Path) -> None:
        if not isinstance(data, dict):
            raise ConfigError(str(path), 1, "a language pack is a mapping of sections")
        self.data = data
        self.path = path

    def get(self, dotted: str, kind: type, default: Any = None) -> Any:
        value: Any = self.data
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            if default is not None:
                return default
            raise ConfigError(str(self.path), 0, f"the language pack needs '{dotted}'")
        if kind is list and isinstance(value, list):
            odd = [v for v in value if not isinstance(v, str | int | float) or isinstance(v, bool)]
            if odd:
                # YAML reads a bare no, yes, on or off as true/false: they must be quoted
                raise ConfigError(
                    str(self.path), 0, f"'{dotted}' has {odd!r}: quote words such as 'no'"
                )
            return [str(v) for v in value]
        if not isinstance(value, kind):
            raise ConfigError(
                str(self.path), 0, f"'{dotted}' must be a {kind.__name__}, not {value!r}"
            )
        return value

    def optional_regex(self, dotted: str) -> re.Pattern[str] | None:
        """The regex at ``dotted`` as written, or None when the pack leaves it out or empty."""
        return self.regex(dotted) if self.get(dotted, str, "") else None

    def regex(self, dotted: str, value: str | None = None) -> re.Pattern[str]:
        source = value if value is not None else self.get(dotted, str)
        try:
            return re.compile(source)
        except re.error as exc:
            raise ConfigError(
                str(self.path), 0, f"'{dotted}' is not a valid regex: {exc}"
            ) from None


def _reported_kinds(r: _Reader) -> dict[str, re.Pattern[str]]:
    """The ``reported_kinds`` section: each kind's name and the words that tell it."""
    kinds = r.get("reported_kinds", dict, {})
    return {str(name): r.regex(f"reported_kinds.{name}") for name in kinds}


def _optional_regex(r: _Reader, dotted: str) -> re.Pattern[str] | None:
    source = r.get(dotted, str, "")
    return r.regex(dotted, rf"[\W_]*(?:{source})\b") if source else None


def _optional_lead(r: _Reader, dotted: str) -> re.Pattern[str] | None:
    """An optional regex for words that open a text and are followed by more words."""
    source = r.get(dotted, str, "")
    return r.regex(dotted, rf"[\W_]*(?:{source})\s+") if source else None


def _kept_after(r: _Reader) -> re.Pattern[str] | None:
    """``clauses.kept_after`` as the end of the text before a clause word: after one of these
    the word opens no clause ("it can also reduce scarring" is one clause, so its hedge
    governs). None when the pack has none."""
    words = [re.escape(str(w)) for w in r.get("clauses.kept_after", list, [])]
    if not words:
        return None
    return r.regex("clauses.kept_after", rf"\b(?:{'|'.join(words)})\s+$")


def _closed_answers(r: _Reader, yes: str, no: str) -> tuple[str, str]:
    """The affirm and deny alternations with the pack's ``questions.answers.closed`` words
    added: each counts only where what may follow it (``closes``) follows ("No." but not "No
    treatment is risk-free")."""
    closes = r.get("questions.answers.closed.closes", str, "")
    out = []
    for kind, words in (("affirm", yes), ("deny", no)):
        closed = words_regex(r.get(f"questions.answers.closed.{kind}", list, []))
        if closed and closes:
            words = f"{words}|(?:{closed})(?=(?:{closes}))"
        out.append(words)
    return out[0], out[1]


def _word_regex(r: _Reader, dotted: str) -> re.Pattern[str] | None:
    """An optional regex whose matches start and end at a word (where it stands matters)."""
    source = r.get(dotted, str, "")
    return r.regex(dotted, rf"\b(?:{source})\b") if source else None


def _optional_words(r: _Reader, dotted: str, at_start: bool = False) -> re.Pattern[str] | None:
    """A regex for a word list the pack may leave out: at the start of a text, or anywhere."""
    words = r.get(dotted, list, [])
    if not words:
        return None
    lead = r"[\W_]*" if at_start else r"\b"
    return r.regex(dotted, rf"{lead}(?:{words_regex(words)})\b")


def _symbol_words(r: _Reader, path: Path) -> dict[str, str]:
    """The pack's ``symbol_words``: a symbol (one character, with no variation selector) and
    the word it stands for."""
    table = {str(k): str(v) for k, v in r.get("symbol_words", dict, {}).items()}
    bad = [k for k in table if len(k) != 1]
    if bad:
        hint = "write each symbol as one character, without a variation selector (U+FE0F)"
        raise ConfigError(str(path), 0, f"symbol_words must be single symbols: {bad} ({hint})")
    return table


def _sentence_end(abbreviations: list[str], attribution: list[str]) -> str:
    """One regex for sentence ends: a full stop before a capital, a quote, a block edge or the
    end, but not after an abbreviation; ! ? … ; block edges (\\x1f) and blank lines."""
    # as written, with a capital, or in capitals ("e.g.", "Dr.", "VS." in a shouted headline);
    # one look-behind per length, its abbreviations as alternatives: (?<!A|B) says what
    # (?<!A)(?<!B) does, and every look-behind is tried at every full stop of a page
    by_width: dict[int, list[str]] = {}
    for a in abbreviations:
        if a:
            by_width.setdefault(len(a), []).append(rf"[{a[0].upper()}{a[0]}]{re.escape(a[1:])}")
            if a.upper() != a[0].upper() + a[1:]:
                by_width.setdefault(len(a.upper()), []).append(re.escape(a.upper()))
    behind = "".join(rf"(?<!\b(?:{'|'.join(forms)})\.)" for forms in by_width.values())
    joined = words_regex(attribution)
    no_split = rf"(?![ \t]+(?:{joined}))" if joined else ""
    # Every alternative starts with a single literal character ("\.\.*" is "\.+", one
    # alternative per mark of "[!?…]+"): then the regex engine knows the characters a match
    # can start with and skips to them in C, instead of trying every alternative at every
    # position of the text (2.5 times faster on a page).
    marks = rf"[!?…]*[\"')\]]*+(?=[\s\x1f]|$){no_split}"
    # a full stop directly followed by a letter and a full stop is inside "U.P." or "U.S."
    return (
        rf"\.\.*(?![A-Za-z]\.){behind}[\"')\]]*+(?=[ \t\n]*(?:[^a-z0-9 \t\n]|$)){no_split}"
        + "".join(f"|{re.escape(mark)}{marks}" for mark in "!?…")
        + r"|\x1f\x1f*|\n[ \t]*\n"
    )


def _tagline(r: _Reader) -> dict[str, re.Pattern[str] | None]:
    """``sentences.tagline``: a hint found fast (a fragment right after a fragment's mark,
    which starts with the mark: a literal the regex engine skips to) and the line test."""
    fragment = r.get("sentences.tagline.fragment", str, "")
    if not fragment:
        return {"tagline_hint": None, "tagline": None}
    # two or more fragments that open a line (the rest of the line may be a sentence)
    line = rf"[ \t]*(?:{fragment}[ \t]+)+{fragment}(?=[ \t\x1f\n]|$)"
    return {
        "tagline_hint": r.regex("sentences.tagline", rf"[.!][ \t]+{fragment}"),
        "tagline": r.regex("sentences.tagline", line),
    }


def _attributed_quote(r: _Reader) -> re.Pattern[str] | None:
    """A quotation in one of ``sentences.quotes`` (an opening and a closing mark) followed by one
    of ``sentences.attribution`` and a capital or a digit (a name, "Google review", "5-star
    review"), within one block; None when the pack lists no quotes."""
    pairs = r.get("sentences.quotes", list, [])
    if not pairs:
        return None
    bad = [p for p in pairs if len(str(p)) != 2]
    if bad:
        hint = 'write each as its opening and closing mark, e.g. "\u201c\u201d"'
        raise ConfigError(
            str(r.path), 0, f"sentences.quotes must be pairs of marks: {bad} ({hint})"
        )
    joined = words_regex(r.get("sentences.attribution", list))
    quotes = "|".join(
        rf"{re.escape(p[0])}[^{re.escape(p[1])}\x1f\n]{{1,400}}{re.escape(p[1])}" for p in pairs
    )
    return r.regex("sentences.quotes", rf"(?:{quotes})[.,!]?[ \t]*(?i:{joined})[ \t]*[A-Z0-9]")


def _negator(r: _Reader) -> str:
    negators = words_regex(r.get("negation.negators", list))
    # whole words: "a" must not stop the "won't" of "plasma won't"
    not_after = "".join(rf"(?<!\b{re.escape(w)} )" for w in r.get("negation.not_after", list, []))
    idioms = words_regex(r.get("negation.idioms", list, []))
    idiom = rf"(?! (?:{idioms})\b)" if idioms else ""
    # "no-downtime", "no-needle": a compound modifier, not a negation of the clause
    return rf"{not_after}\b(?:{negators})\b{idiom}(?!-)"


def _inflections(r: _Reader) -> tuple[Inflection, ...]:
    out = []
    items = r.data.get("inflection")
    if not isinstance(items, list) or not items:
        raise ConfigError(str(r.path), 0, "the language pack needs an 'inflection' list")
    for i, raw in enumerate(items):
        if not isinstance(raw, dict) or "when" not in raw or "forms" not in raw:
            raise ConfigError(str(r.path), 0, f"inflection {i + 1} needs 'when' and 'forms'")
        out.append(
            Inflection(
                when=r.regex(f"inflection.{i}.when", str(raw["when"])),
                strip=int(raw.get("strip", 0)),
                forms=tuple(str(f) for f in raw["forms"]),
                double_last=bool(raw.get("double_last", False)),
                min_length=int(raw.get("min_length", 0)),
            )
        )
    return tuple(out)


@lru_cache(maxsize=8)
def load_language(code: str = "en", root: str | None = None) -> LanguagePack:
    """Load and compile ``rules/<code>/language.yaml`` (cached per process)."""
    base = Path(root) if root else rules_root()
    path = base / code / "language.yaml"
    if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?", code) or not path.is_file():
        have = sorted(p.parent.name for p in base.glob("*/language.yaml"))
        raise ConfigError(
            "<config>", 0, f"no language pack {code!r}", f"use one of: {', '.join(have)}"
        )
    data, text = _load_yaml(path)
    r = _Reader(data, path)
    clause_words = words_regex(r.get("clauses.words", list))
    answers_yes = words_regex(r.get("questions.answers.affirm", list))
    answers_no = words_regex(r.get("questions.answers.deny", list))
    answers_yes, answers_no = _closed_answers(r, answers_yes, answers_no)
    answer_label = r.get("questions.answers.label", str, "(?!)")
    lead = f"(?:(?:{answer_label})\\s*)?(?:(?:{r.get('questions.answers.lead', str)})\\s+)?"
    # a label before a question ("Q:", "Ask Dr Tan:") or a filler word ("So what ...?")
    label = f"(?:(?:{r.get('questions.label', str, '(?!)')})[\\W_]*)?"
    confusables = {str(k): str(v) for k, v in r.get("confusables", dict, {}).items()}
    bad = [k for k in confusables if len(k) != 1]
    if bad:
        raise ConfigError(str(path), 0, f"confusables must be single letters: {bad}")
    return LanguagePack(
        code=code,
        name=r.get("name", str),
        script=r.get("script", str),
        path=path,
        sentence_end=re.compile(
            _sentence_end(
                r.get("sentences.abbreviations", list), r.get("sentences.attribution", list)
            )
        ),
        attributed_quote=_attributed_quote(r),
        **_tagline(r),
        quote_opens="".join(str(p)[0] for p in r.get("sentences.quotes", list, [])),
        clause_break=r.regex(
            "clauses", rf"{r.get('clauses.punctuation', str)}|\b(?:{clause_words})\b(?!-)"
        ),
        negator=r.regex("negation", _negator(r)),
        after_claim_negator=r.regex("negation.after_claim"),
        denied_after=r.optional_regex("negation.denied_after"),
        exception_partial=r.optional_regex("negation.partial"),
        exception_after=r.optional_regex("negation.exception"),
        expectation=r.optional_regex("negation.expectation"),
        safety_net=r.optional_regex("negation.safety_net"),
        hedge_governing=r.regex("hedges.governing"),
        hedge_reach=int(r.get("hedges.governing_reach", int)),
        hedge_clause=r.regex("hedges.clause"),
        reported=tuple(
            (rx, _literal_scans(required_literals(rx.pattern)))
            for i, p in enumerate(r.get("reported", list))
            if (rx := r.regex(f"reported.{i}", p))
        ),
        indirect=tuple(
            (rx, _literal_scans(required_literals(rx.pattern)))
            for i, p in enumerate(r.get("questions.indirect", list, []))
            if (rx := r.regex(f"questions.indirect.{i}", p))
        ),
        yes_no_start=r.regex(
            "questions.yes_no_start",
            rf"[\W_]*{label}(?:{words_regex(r.get('questions.yes_no_start', list))})\b",
        ),
        wh_start=r.regex(
            "questions.wh_start",
            rf"[\W_]*{label}(?:{words_regex(r.get('questions.wh_start', list))})\b",
        ),
        asserting_start=r.regex(
            "questions.asserting_start", rf"[\W_]*(?:{r.get('questions.asserting_start', str)})\b"
        ),
        statement=r.regex(
            "questions.statement", rf"[\W_]*{label}{r.get('questions.statement', str)}"
        ),
        answer_label=r.regex("questions.answers.label", rf"[\W_]*(?:{answer_label})[\W_]*$"),
        answer_yes=r.regex("questions.answers.affirm", rf"[\W_]*{lead}(?:{answers_yes})(?!\w)"),
        answer_no=r.regex("questions.answers.deny", rf"[\W_]*{lead}(?:{answers_no})(?!\w)"),
        answer_gone=r.regex(
            "questions.answers.removal",
            rf"[\W_]*(?:{words_regex(r.get('questions.answers.removal', list))})\b",
        ),
        timing_question=_optional_regex(r, "questions.answers.timing_question"),
        answer_timing=_optional_words(r, "questions.answers.timing", at_start=True),
        timing_results=_optional_words(r, "questions.answers.timing_results"),
        answer_universal=_optional_words(r, "questions.answers.universal", at_start=True),
        contrast=_optional_words(r, "questions.answers.contrast"),
        pronoun=r.regex(
            "questions.pronouns", rf"\b(?:{words_regex(r.get('questions.pronouns', list))})\b"
        ),
        topic_lead=r.regex("questions.topic_lead", rf"(?:{r.get('questions.topic_lead', str)})\s+"),
        topic_head=_optional_regex(r, "questions.topic_head"),
        degree_question=r.regex(
            "questions.degree_question",
            rf"(?:{r.get('questions.degree_question', str, '(?!)')})\s*$",
        ),
        subject_pronouns=frozenset(str(w) for w in r.get("questions.subject_pronouns", list)),
        topic_words=int(r.get("questions.topic_words", int)),
        inflections=_inflections(r),
        spelling={str(k): str(v) for k, v in r.get("spelling", dict).items()},
        kinds={
            str(k): [str(t) for t in v]
            for k, v in r.get("kinds", dict).items()
            if isinstance(v, list) and k != "gap_stop"
        },
        gap_stop=words_regex(r.get("kinds.gap_stop", list) + r.get("negation.negators", list)),
        gap_separator=str(r.get("kinds", dict).get("gap_separator", r"[\s\-:]+")),
        fillers=words_regex(r.get("fillers", list, [])),
        confusables=confusables,
        masked_words=tuple(str(w) for w in r.get("masked_words", list, [])),
        symbol_words=_symbol_words(r, path),
        one_letter_words=tuple(str(w) for w in r.get("one_letter_words", list, [])),
        nought_word=r.get("nought.word", str, ""),
        nought_not_before=tuple(str(w) for w in r.get("nought.not_before", list, [])),
        nought_not_after=tuple(str(w) for w in r.get("nought.not_after", list, [])),
        negation_carries_over=tuple(str(w) for w in r.get("negation.carries_over", list, [])),
        negation_carrier=_optional_words(r, "negation.carries_over"),
        negation_across_aside=r.optional_regex("negation.across_aside"),
        hedge_carries_over=tuple(str(w) for w in r.get("hedges.carries_over", list, [])),
        hedge_certain=_optional_regex(r, "hedges.certain"),
        hedge_majority=_optional_regex(r, "hedges.majority"),
        hedge_means=_optional_regex(r, "hedges.means"),
        hedge_purpose=r.optional_regex("hedges.purpose"),
        hedge_list_certain=_optional_regex(r, "hedges.list_certain"),
        hedge_occasional=_optional_regex(r, "hedges.occasional"),
        hedge_concession=_optional_regex(r, "hedges.concession"),
        coordinate_skip=_optional_regex(r, "hedges.coordinate.skip"),
        coordinate_forms=tuple(r.get("hedges.coordinate.forms", list, [])),
        coordinate_subject=_optional_regex(r, "hedges.coordinate.new_subject"),
        clause_kept_after=_kept_after(r),
        hedge_limits=_optional_regex(r, "hedges.limits"),
        question_refused=_optional_regex(r, "questions.refused"),
        main_clause=_main_clause(r),
        lists=_list_joiner(r),
        hedge_after=_word_regex(r, "hedges.after_claim"),
        hedge_after_crosses=frozenset(r.get("hedges.after_claim_crosses", list, [])),
        hedge_tail=_word_regex(r, "hedges.tail"),
        refutation=_refutation(r),
        reported_kinds=_reported_kinds(r),
        filled=_filled(r, lead, label),
        remedy=_remedy(r),
        pairs=_pairs(r, label),
        concern_lead=_optional_lead(r, "questions.concern.lead"),
        concern_clause=_optional_regex(r, "questions.concern.clause"),
        concern_aux={
            str(k): str(v) for k, v in r.get("questions.concern.aux_forms", dict, {}).items()
        },
        voice=_voice(r),
        rereading=_rereading(r),
        common_words=frozenset(w.lower() for w in r.get("common_words", list, [])),
        frequent_words=frozenset(w.lower() for w in r.get("frequent_words", list, [])),
        reading_note=_reading_note(r),
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


def _reading_note(r: _Reader) -> str:
    note = str(r.get("reading_note", str, 'read as "{reading}"'))
    if "{reading}" not in note:
        hint = "'reading_note' needs {reading} where the statement goes"
        raise ConfigError(str(r.path), 0, hint)
    return note


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in words)


def _remedy(r: _Reader) -> Remedy | None:
    """The ``questions.remedy`` section, or None when the pack has none."""
    if r.get("questions.remedy", dict, {}) == {}:
        return None
    voice = r.get("questions.remedy.voice", str, "")
    modal = r.get("questions.remedy.modal", str, "")
    return Remedy(
        line=r.regex(
            "questions.remedy.line",
            rf"[\W_]*(?:{r.get('questions.remedy.line', str)})(?![\w'-])[\W_]*$",
        ),
        words=int(r.get("questions.remedy.words", int)),
        says=r.get("questions.remedy.says", str),
        chain=int(r.get("questions.remedy.chain", int, 0)),
        modal=r.regex("questions.remedy.modal", rf"[\W_]*(?:{voice})\s+(?P<modal>{modal})\s")
        if voice and modal
        else None,
        certain=r.get("questions.remedy.certain", str, "will"),
        why_when=_optional(r, "questions.remedy.why_when"),
        can=r.regex("questions.remedy.modal", rf"\b(?:{modal})\b") if modal else None,
        handover=_optional(r, "questions.remedy.handover"),
        voice=r.regex("questions.remedy.voice", rf"[\W_]*(?:{voice})\b") if voice else None,
        handover_words=int(r.get("questions.remedy.handover_words", int, 0)),
    )


def _optional(r: _Reader, dotted: str) -> re.Pattern[str] | None:
    """An optional regex, as written."""
    source = r.get(dotted, str, "")
    return r.regex(dotted, source) if source else None


def _list_joiner(r: _Reader) -> ListJoiner | None:
    """The ``clauses.lists`` section, or None when the pack has none."""
    if r.get("clauses.lists", dict, {}) == {}:
        return None
    # a negator after the joiner opens an item of its own polarity: "no stitches and no pain"
    # denies nothing of "no pain"
    subjects = words_regex(r.get("clauses.lists.subjects", list) + r.get("negation.negators", list))
    verbs = words_regex(r.get("clauses.lists.verbs", list))
    item_words = int(r.get("clauses.lists.item_words", int))
    item_stop = words_regex(r.get("clauses.lists.item_stop", list, [])) or "(?!)"
    joiners = words_regex(r.get("clauses.lists.joiners", list))
    return ListJoiner(
        joiners=joiners,
        joiner=r.regex("clauses.lists.joiners", rf"(?:{joiners})"),
        subjects=subjects,
        verbs=verbs,
        item_words=item_words,
        items=int(r.get("clauses.lists.items", int)),
        item_stop=item_stop,
        stop=r.regex("clauses.lists.item_stop", rf"(?<![\w'-])(?:{item_stop})(?![\w'-])"),
        item_negators=_lower_set(r.get("clauses.lists.item_negators.words", list, [])),
        item_joiners=_lower_set(r.get("clauses.lists.item_negators.before", list, [])),
        opens=r.regex(
            "clauses.lists",
            rf"(?:{subjects})\b(?![-'])|(?:\S+ ){{0,{item_words - 1}}}(?:{verbs})\b(?![-'])",
        ),
        clause_subject=r.regex(
            "clauses.lists", rf"[\s,;]*(?:(?:{joiners})\s+)?(?:{subjects})\b(?![-'])"
        ),
    )


def _voice(r: _Reader) -> Voice | None:
    """The ``voice`` section, or None when the pack has none."""
    if r.get("voice", dict, {}) == {}:
        return None
    breaks = r.get("voice.breaks", str)
    own = words_regex(r.get("voice.own", list))
    introduces = words_regex(r.get("voice.introduces", list))
    return Voice(
        opens=r.regex("voice.own", rf"(?:{breaks})\s*(?P<at>(?:{own})\b(?![-']))"),
        introduced=r.regex("voice.introduces", rf"\b(?:{introduces})\W*$"),
        name_ends=frozenset(r.get("voice.name_ends", list)),
        at=frozenset(r.get("voice.at", list)),
        not_names=frozenset(r.get("voice.not_names", list)),
        name_joins=frozenset(r.get("voice.name_joins", list, [])),
        not_after=r.regex(
            "voice.not_after", rf"\b(?:{words_regex(r.get('voice.not_after', list))})\s+$"
        ),
        cited=r.regex("voice.cited", rf"\s*(?:{words_regex(r.get('voice.cited', list))})\b"),
        endorses=_endorses(r),
        page_informs=r.optional_regex("voice.page_informs"),
        page_public=r.optional_regex("voice.page_public"),
        page_offer=r.optional_regex("voice.page_offer"),
        page_own=r.optional_regex("voice.page_own"),
    )


def _endorses(r: _Reader) -> re.Pattern[str] | None:
    """``voice.endorses`` after one of ``voice.endorse_breaks``, closing the text it is searched
    in (only punctuation, spaces or emoji after it), or None when the pack has no such key."""
    source = r.get("voice.endorses", str, "")
    if not source:
        return None
    breaks = r.get("voice.endorse_breaks", str)
    return r.regex("voice.endorses", rf"(?:{breaks})\s*(?:{source})(?![\w'’])[\W_]*$")


def _rereading(r: _Reader) -> Rereading | None:
    """The ``rereading`` section, or None when the pack has none."""
    if r.get("rereading", dict, {}) == {}:
        return None
    dets = words_regex(r.get("rereading.determiners.words", list, []))
    certainty = r.get("rereading.certainty.after", str, "")
    sure = words_regex(r.get("rereading.certainty.words", list, []))
    before = words_regex(r.get("rereading.places.before", list, []))
    ends = words_regex(r.get("rereading.places.ends", list, []))
    most = int(r.get("rereading.places.words", int, 3))
    return Rereading(
        determiners=r.regex("rereading.determiners", rf"\b(?:{dets})\b(?!['’-])") if dets else None,
        read_as=tuple(r.get("rereading.determiners.read_as", list, [])),
        noun_after=_lower_set(r.get("rereading.singular.after", list, [])),
        reach=int(r.get("rereading.singular.reach", int, 1)),
        noun_stops=_lower_set(r.get("rereading.singular.stops", list, [])),
        head_end=r.regex(
            "rereading.singular.head_end",
            rf"\s*(?:[^\w\s]|$|(?:{r.get('rereading.singular.head_end', str, '(?!)')})\b)",
        ),
        min_length=int(r.get("rereading.singular.min_length", int, 4)),
        singular=_singular_forms(r),
        certainty=r.regex(
            "rereading.certainty",
            rf"(?:{certainty}) (?P<drop>(?:{sure}) +)(?=[a-z0-9£$])",
        )
        if certainty and sure
        else None,
        # a place between two words: "syringe at lumen clinic is" (a lower-case text)
        places=r.regex(
            "rereading.places",
            rf"(?<=[a-z0-9] )(?P<drop>(?:{before}) (?:[\w'’&-]+ ){{0,{most - 1}}}(?:{ends}) +)"
            rf"(?=[a-z0-9£$])",
        )
        if before and ends
        else None,
        quoted=_quoted(r),
    )


def _quoted(r: _Reader) -> re.Pattern[str] | None:
    """The pack's ``rereading.quoted``: a pair of quote marks around at most ``words`` words
    of a lower-case text, groups ``open`` and ``close``."""
    opens = r.get("rereading.quoted.open", str, "")
    closes = r.get("rereading.quoted.close", str, "")
    if not opens or not closes:
        return None
    most = int(r.get("rereading.quoted.words", int, 3))
    return r.regex(
        "rereading.quoted",
        rf"(?<![\w'’])(?P<open>[{re.escape(opens)}])[a-z][a-z0-9]*(?:[ -][a-z0-9]+){{0,{most - 1}}}"
        rf"(?P<close>[{re.escape(closes)}])(?![\w'’])",
    )


def _singular_forms(r: _Reader) -> tuple[Singular, ...]:
    out = []
    forms = r.get("rereading.singular", dict, {}).get("forms") or []
    if not isinstance(forms, list):
        raise ConfigError(str(r.path), 0, "'rereading.singular.forms' must be a list")
    for i, raw in enumerate(forms):
        if not isinstance(raw, dict) or "when" not in raw:
            raise ConfigError(
                str(r.path),
                0,
                f"rereading.singular.forms item {i + 1} needs 'when' (and 'strip' and 'add' "
                "for a plural), e.g. {when: '[^s]s$', strip: 1, add: ''}",
            )
        strip = raw.get("strip")
        out.append(
            Singular(
                when=r.regex(f"rereading.singular.forms.{i}.when", str(raw["when"])),
                strip=int(strip) if strip is not None else None,
                add=str(raw.get("add", "")),
            )
        )
    return tuple(out)


def _main_clause(r: _Reader) -> MainClause | None:
    """The pack's ``main_clause`` words compiled (None when the pack has none)."""
    fronted = r.get("main_clause.fronted", list, [])
    subjects = r.get("main_clause.subjects", list, [])
    if not fronted or not subjects:
        return None
    punct = r.get("clauses.punctuation", str)
    alternatives = r.get("main_clause.alternatives", list, [])
    joiners = words_regex(r.get("main_clause.joiners", list, []) or ["(?!)"])
    resumes = r.get("main_clause.resumes", list, [])
    subject = rf"(?:{words_regex(subjects)})\b(?![-'])"
    return MainClause(
        fronted=r.regex(
            "main_clause.fronted",
            rf"[\W_]*(?:(?:{joiners})\s+)?(?:{words_regex(fronted)})\b",
        ),
        start=r.regex("main_clause.subjects", rf"(?:{punct})\s*(?:(?:{joiners})\s+)?{subject}"),
        joined=r.regex("main_clause.joiners", rf"(?:{punct})\s*(?:{joiners})\s+{subject}"),
        alternative=r.regex(
            "main_clause.alternatives",
            rf"\b(?:{words_regex(alternatives)})\b[^\x1f]*?(?P<end>{punct})",
        )
        if alternatives
        else None,
        resumed=r.regex("main_clause.resumes", rf"(?:{punct})\s*(?:{words_regex(resumes)})\b")
        if resumes
        else None,
    )


def _refutation(r: _Reader) -> Refutation | None:
    """The ``refutation`` section, or None when the pack has none."""
    if r.get("refutation", dict, {}) == {}:
        return None
    lead = words_regex(r.get("refutation.lead", list, []))
    opt_lead = rf"(?:(?:{lead})\b[\s,]*)?" if lead else ""
    closes = r.get("refutation.closes", str)
    agreeing = words_regex(r.get("refutation.agreeing", list, [])) or "(?!)"

    def cue(name: str, after: str = "") -> re.Pattern[str]:
        """A cue matched at a clause's start, after an optional lead word."""
        key = f"refutation.{name}"
        return r.regex(key, rf"[\W_]*{opt_lead}(?:{r.get(key, str)}){after}")

    return Refutation(
        beliefs=r.regex("refutation.beliefs"),
        ends_belief=r.regex("refutation.ends_belief"),
        refutes=cue("refutes", f"(?={closes})"),
        denies=cue("denies", f"(?={closes})"),
        corrects=cue("corrects"),
        corrects_belief=cue("corrects_belief"),
        agrees=r.regex("refutation.agrees"),
        agreeing=r.regex("refutation.agreeing", rf"\b(?:{agreeing})[\s,]*$"),
    )


def _mappings(r: _Reader, section: dict[str, Any], dotted: str) -> list[Any]:
    """A list of mappings under ``section`` (its last key), checked to be a list."""
    value = section.get(dotted.rsplit(".", 1)[1], [])
    if not isinstance(value, list):
        raise ConfigError(str(r.path), 0, f"'{dotted}' must be a list of mappings")
    return value


def _filled(r: _Reader, lead: str, label: str) -> Filled | None:
    """The ``questions.filled`` section, or None when the pack has none."""
    section = r.get("questions.filled", dict, {})
    if section == {}:
        return None
    closes = r.get("questions.filled.closes", str)
    answers = []
    for i, raw in enumerate(_mappings(r, section, "questions.filled.answers")):
        if not isinstance(raw, dict) or not raw.get("words") or not raw.get("says"):
            raise ConfigError(
                str(r.path), 0, f"questions.filled.answers {i + 1} needs 'words' and 'says'"
            )
        words = words_regex([str(w) for w in raw["words"]])
        rx = r.regex(f"questions.filled.answers.{i}", rf"[\W_]*{lead}(?:{words})\b")
        answers.append((rx, str(raw["says"]), str(raw.get("negated") or "")))
    exists = []
    for i, raw in enumerate(_mappings(r, section, "questions.filled.exists")):
        if not isinstance(raw, dict) or not raw.get("question") or not raw.get("denial"):
            raise ConfigError(
                str(r.path), 0, f"questions.filled.exists {i + 1} needs 'question' and 'denial'"
            )
        q = r.regex(f"questions.filled.exists.{i}", rf"[\W_]*(?:{raw['question']})\s+")
        exists.append((q, str(raw["denial"])))
    exceptions = words_regex(r.get("questions.filled.exceptions", list, [])) or "(?!)"
    return Filled(
        question=r.regex(
            "questions.filled.question",
            rf"[\W_]*{label}(?:{r.get('questions.filled.question', str)})",
        ),
        do_support={
            str(k): str(v or "") for k, v in r.get("questions.filled.do_support", dict, {}).items()
        },
        aux_forms={
            str(k): str(v) for k, v in r.get("questions.filled.aux_forms", dict, {}).items()
        },
        exists=tuple(exists),
        answers=tuple(answers),
        closes=r.regex("questions.filled.closes", closes),
        exceptions=r.regex("questions.filled.exceptions", rf"[\s,;:—–-]*(?:{exceptions})\b"),
    )


def _literal_scans(clauses: list[frozenset[str]]) -> tuple[re.Pattern[str], ...]:
    """One regex per clause that finds any of its literals (a C-speed scan, not a loop)."""
    return tuple(
        re.compile("|".join(re.escape(w) for w in sorted(clause, key=_longest_first)))
        for clause in clauses
    )


def _pairs(r: _Reader, label: str) -> Pairs | None:
    """The ``pairs`` section, or None when the pack has none."""
    if r.get("pairs", dict, {}) == {}:
        return None
    amount = r.get("pairs.amounts.answer", str, "")
    counts, labels = [], []
    for i, raw in enumerate(_mappings(r, r.get("pairs.amounts", dict, {}), "pairs.amounts.counts")):
        if not isinstance(raw, dict) or not raw.get("question") or not raw.get("says"):
            hint = f"pairs.amounts.counts {i + 1} needs 'question' and 'says'"
            raise ConfigError(str(r.path), 0, hint)
        says = tuple(str(t) for t in raw["says"])
        q = r.regex(f"pairs.amounts.counts.{i}", rf"[\W_]*{label}(?:{raw['question']})")
        counts.append((q, says))
        if raw.get("label"):
            lab = r.regex(f"pairs.amounts.counts.{i}.label", rf"[\W_]*(?:{raw['label']})[\W_]*$")
            labels.append((lab, says))
    closes = r.get("pairs.amounts.closes", str, "$")
    answer = rf"[\W_]*(?:{amount})(?={closes})"
    return Pairs(
        amount=r.regex("pairs.amounts.answer", answer) if amount else None,
        counts=tuple(counts),
        count_labels=tuple(labels),
        contrast=_contrast(r),
        label_words=int(r.get("pairs.labels.label_words", int, 0)),
        value_words=int(r.get("pairs.labels.value_words", int, 0)),
        label_reading=str(r.get("pairs.labels.reading", str, "{label}: {value}")),
    )


def _opening_words(ours: str) -> tuple[str, ...]:
    """A set of words one of which every match of ``ours`` holds (patterns.required_literals):
    of the sets it finds, the one whose shortest word is longest, as the likeliest to be rare."""
    # called once ``ours`` has compiled: a bad regex was reported, naming its key, already
    best = max(required_literals(ours), key=lambda c: min(map(len, c)), default=frozenset())
    return tuple(sorted(best))


def _contrast(r: _Reader) -> Contrast | None:
    """The ``pairs.contrast`` section, or None when the pack has none."""
    if r.get("pairs.contrast", dict, {}) == {}:
        return None
    proforms = words_regex(r.get("pairs.contrast.proforms", list, [])) or "(?!)"
    agree = words_regex(r.get("pairs.contrast.agree", list, [])) or "(?!)"
    ours = rf"[\W_]*(?:{r.get('pairs.contrast.ours', str)})\b"
    return Contrast(
        ours=r.regex("pairs.contrast.ours", ours),
        opening=r.regex("pairs.contrast.ours", rf"(?<!\w)(?=(?:{ours}))"),
        opening_words=_opening_words(ours),
        adverbs=_lower_set(r.get("pairs.contrast.adverbs", list, [])),
        proforms=r.regex("pairs.contrast.proforms", rf"\s*(?:{proforms})[\W_]*$"),
        agree=r.regex("pairs.contrast.agree", rf"\b(?:{agree})\b"),
        endings=tuple(r.get("pairs.contrast.endings", list, [])),
        words=int(r.get("pairs.contrast.words", int)),
        short=int(r.get("pairs.contrast.short", int, 0)),
        reading=r.get("pairs.contrast.reading", str),
    )
