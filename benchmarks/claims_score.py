"""Score claims-lint on labelled sentences: recall, precision and every miss (a script, not a test).

    python benchmarks/claims_score.py                 # every set, misses of the tuning sets
    python benchmarks/claims_score.py dev2            # one set (corpus, dev..dev22, test, devset)
    python benchmarks/claims_score.py dev --quiet     # figures only
    python benchmarks/claims_score.py test dev10 --by-category   # recall per category, pooled
    python benchmarks/claims_score.py --pages --file /elsewhere/real1.yaml   # a set kept outside

Sets:

* ``corpus`` — tests/fixtures/claims/corpus.yaml, our own labelled sentences (the suite runs it);
* ``dev``, ``dev2``, ``dev3``, ``dev5`` — tests/fixtures/claims/realistic/dev*.yaml, realistic
  clinic prose to tune on (independent writers: mesotherapy-type treatment pages; the wider
  range of treatments and clinic-wide pages; long honest prose with claims hidden in it;
  short-form advertising and social posts; clinic pages from sites no other set studied;
  patient-information and careful clinic prose for precision — dev6 and dev7 were scored once
  before any tuning, see docs/claims-lint.md);
* ``dev4`` — tests/fixtures/claims/realistic/dev4-paraphrase.yaml: every flagged item of dev,
  dev2 and dev3 reworded twice by another writer, plus honest sentences that use claim words —
  a robustness check (does a rule hold when the words change?), development data, not held out;
* ``dev8``, ``dev9`` — written by independent writers after the rules had been tuned on
  dev..dev7 (advertising and promotional copy; whole clinic pages from many countries), scored
  once before any tuning on them (docs/claims-lint.md), then tuned on;
* ``dev10``, ``dev11`` — HELD OUT: written after all tuning (short advertising claims and
  evasion probes; public patient information and clinic articles). Like ``test`` they print
  figures only, never their items, and are never tuned on;
* ``dev12`` to ``dev17`` — development sets written last (outcome claims in ordinary clinic
  prose; short-form marketing; public patient information, for precision; clinic blog
  articles; more patient information; advertising), scored once before any tuning on them,
  then tuned on;
* ``dev18``, ``dev19`` — development sets of 2026-12-01 (clinic pages and articles; adverts and
  public patient information), scored once on arrival, then tuned on;
* ``dev20`` — tests/fixtures/claims/realistic/dev20-paraphrase.yaml: a sample of the flagged
  items of dev6–dev17, each reworded once by another writer, plus honest sentences — the
  paraphrase robustness check for the later sets (development data);
* ``dev21``, ``dev22`` — HELD OUT: written on 2026-12-01 while the rules were tuned on
  dev18–dev20 (clinic pages and articles; adverts and public patient information), scored once
  at the end: figures only;
* ``dev26`` — tests/fixtures/claims/realistic/dev26-paraphrase.yaml: a sample of the flagged
  items of dev5, dev13, dev18 and dev19, each reworded once by another writer, plus honest
  sentences (2026-12-01, second session; development data);
* ``dev29``, ``dev30`` — development sets of 2026-12-01, second session (subtle advertising;
  clinic pages and public patient information), scored once on arrival, then tuned on;
* ``dev31`` — tests/fixtures/claims/realistic/dev31-paraphrase.yaml: a sample of the flagged
  items of dev15, dev17, dev23 and dev25, each reworded once, plus honest sentences
  (development data);
* ``dev27``, ``dev28`` — HELD OUT: written on 2026-12-01 (second session) while the rules were
  tuned on dev23–dev26 (adverts and clinic pages; patient information and clinic articles),
  scored once at the end: figures only;
* ``dev32`` — adverts and clinic pages (second session), scored once on arrival, then tuned on;
* ``dev35`` — tests/fixtures/claims/realistic/dev35-paraphrase.yaml: a sample of the flagged
  items of dev12, dev24, dev29 and dev30, each reworded once, plus honest sentences
  (development data);
* ``dev34`` — HELD OUT: adverts, clinic pages and public patient information, written late in
  the second session of 2026-12-01 while the rules were tuned on dev29–dev31 and dev35, scored
  once at the end: figures only;
* ``dev36``, ``dev37`` — HELD OUT: written in the third session of 2026-12-01 while the rules
  were tuned on the development sets (adverts and clinic pages; public patient information and
  clinic FAQs and articles), scored on arrival, before that tuning landed, and at the end:
  figures only;
* ``dev40``, ``dev41`` — written blind in the fourth session of 2026-12-01 to tune precision:
  public patient information only (dev40: 76 false alarms on 668 quiet items on arrival) and
  clinic pages written carefully, with a few claims slipped in (dev41: recall 0.88, precision
  0.93 on arrival) (development data);
* ``dev42`` — advertising of eleven countries (posts, ads, emails, flyers, loyalty and
  referral schemes, event promotions), written blind in the same session to tune recall
  (development data);
* ``dev43`` — paraphrase set: every flagged item of dev40 and dev41 reworded twice and about a
  third of their quiet items once, by another writer (development data);
* ``dev38``, ``dev39`` — HELD OUT: written in the fourth session of 2026-12-01 while context
  judges and rules were worked on (public patient information and clinic FAQ, myth-busting and
  blog pages; clinic selling pages, adverts, posts and emails of eight countries), scored on
  arrival and at the end: figures only;
* ``dev44``, ``dev45`` — written blind in the fifth session of 2026-12-01: clinic selling
  pages of eleven countries (recall 0.865, precision 0.895 on arrival) and public patient
  information with careful clinic pages (28 false alarms on 651 quiet items on arrival)
  (development data);
* ``dev47`` — paraphrase set: every flagged item of dev44 and dev45 reworded twice and about a
  third of their quiet items once, by another writer (development data);
* ``dev46``, ``dev48`` — HELD OUT: written in the fifth session of 2026-12-01 while the rules
  were tuned on dev44, dev45 and dev47 (a mix of clinic selling pages, short advertising and
  public patient information; short advertising with disguised claims), scored on arrival and
  at the end: figures only;
* ``dev50``, ``dev51`` — written in the sixth session of 2026-12-01 and tuned on (clinic selling
  pages and advertising of eight countries; public patient information and careful clinic pages
  with a few claims slipped in, mostly quiet) (development data);
* ``dev52`` — paraphrase set: every flagged item of dev50 and dev51 reworded twice and about 40 %
  of their quiet items once, by another writer (development data);
* ``dev49`` — HELD OUT: written at the start of the sixth session of 2026-12-01, before its
  tuning (clinic selling pages of four countries, short advertising with disguised spellings,
  public patient information and a careful clinic FAQ), scored on arrival and at the end:
  figures only;
* ``dev53`` — HELD OUT: written blind at the start of the seventh session of 2026-12-02, before
  its changes (clinic selling pages, FAQs and blogs of six countries; public patient
  information; adverts and social posts with disguised spellings), scored on arrival and at the
  end: figures only;
* ``dev54`` — written blind in the seventh session of 2026-12-02 and tuned on (clinic selling
  pages, blogs, FAQs, emails and adverts of nine countries, weighted to testimonials, efficacy,
  permanence, medical conditions and comparisons) (development data);
* ``dev55`` — HELD OUT: written blind at the start of the eighth session of 2026-12-02, before
  anything of that session landed (clinic selling pages, FAQs and blogs of eight countries,
  adverts and posts with disguised spellings, public patient information), scored on arrival;
* ``dev56`` — written blind in the eighth session of 2026-12-02 and tuned on (public patient
  information and consumer guides, nearly all quiet; clinic pages and adverts weighted to
  testimonials, medical conditions, permanence and comparisons) (development data);
* ``dev57`` — two paraphrases of every flagged item of dev54 and dev56 and one of about a
  third of their quiet items, written blind in the eighth session (development data; scored
  before and after that session's tuning, which did not see it: how far new rules carry to
  rewordings);
* ``dev58`` — HELD OUT: one paraphrase of every flagged item of dev42 and dev44 and of 148
  quiet items of dev41 and dev45, written blind at the start of the ninth session of
  2026-12-02; nobody tuned on it in that session (how far rules carry to rewordings of claims
  tuned on in earlier sessions);
* ``dev59`` — HELD OUT: written blind at the start of the tenth session of 2026-12-02, before
  anything of that session landed (clinic selling pages, FAQs and blogs of eight countries;
  adverts, a giveaway, a prom script and an evasion page with disguised spellings; public
  patient information, nearly all quiet), scored on arrival and at the end: figures only;
* ``dev60``, ``dev61`` — written blind in the tenth session of 2026-12-02 and tuned on (clinic
  selling pages, FAQs, blogs and adverts in copywriters' everyday wording; public patient
  information and careful clinic pages, mostly quiet, using claim words honestly), scored on
  arrival (development data);
* ``dev62`` — HELD OUT: written blind at the start of the eleventh session of 2026-12-02, before
  anything of that session landed (clinic pages and blog articles of nine countries; adverts,
  social posts and emails; public patient information, nearly all quiet; two evasion pages),
  scored on arrival and at the end: figures only;
* ``dev65`` — written blind in the eleventh session of 2026-12-02 by the recall tuner, before
  running the linter or reading a rule, and tuned on (clinic pages, a blog, reviews, social posts
  and adverts weighted to efficacy, permanence and outcomes as fact, testimonials and medical
  conditions; honest hedged versions quiet) (development data);
* ``dev66`` — HELD OUT: written by the same tuner at the same time as dev65, on other pages and
  treatments, and never tuned on: figures only;
* ``dev63`` — written blind by the precision tuner of the eleventh session of 2026-12-02 and
  tuned on (public patient information and careful clinic pages, mostly quiet, claim words used
  honestly), scored on arrival (development data);
* ``dev64`` — HELD OUT: written blind by the same tuner at the same time as dev63, in the same
  mix, and never tuned on: figures only, scored before and after that session's changes;
* ``dev67`` — written in the twelfth session of 2026-12-02 by helper a after a real-text audit
  of clinic selling pages (treatment, promotion, blog and "about us" pages of seven countries),
  in the shapes met there, after the rules were tuned: a tuning set (development data);
* ``dev68`` — written by helper b of the twelfth session of 2026-12-02 after a real-text audit
  of information pages (public leaflets, a regulator's page, a society's guide; clinics'
  aftercare sheets, consent forms, risk pages and FAQs), in the shapes that audit met, and tuned
  on (mostly quiet; a clinic's FAQ or service page that names a prescription-only medicine is a
  claim) (development data);
* ``dev69`` — written in the twelfth session of 2026-12-02 by helper c after a real-text audit
  of body, hair and wellness pages, and tuned on (fat freezing and fat-dissolving aftercare, hair
  fall, laser and radiofrequency, B12 and drips, weight-loss injections, body contouring, in the
  shapes real pages use) (development data);
* ``dev70`` — written in the twelfth session of 2026-12-02 by the helper who audited real
  long-form and promotional text (blog guides, myth-busting posts, magazine pieces, promotions),
  after that audit, in the shapes met there, and tuned on (development data);
* ``dev71`` — written in the thirteenth session of 2026-12-02 by the helper who audited real
  public-information text (health-service and pharmacy leaflets, trading-standards warnings,
  consumer guides), after that audit, in the shapes met there, and tuned on (development data);
* ``test`` — tests/fixtures/claims/realistic/test.yaml, the FROZEN split written independently
  and never tuned on: only its figures are printed, never its items (``--show-frozen`` exists
  for auditing after a release, not for tuning);
* ``devset`` — the shared development set in ../shared/reference, when it is there.

An item is either ``flag: [categories]`` (a hit needs a finding in one of them) or ``quiet``
(no finding at all). Recall = flag items hit / flag items; precision = items with a finding
that are labelled flag / items with a finding; "any-category recall" counts a finding of any
category on a flag item.

``--pages`` lints each page's items together, one paragraph each, as a clinic's page is linted,
so what needs the page is seen (a page that sells, an answer read with its question); a set
without pages (corpus, devset) is one page. Without it, each item is linted alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from claims_lint import Config, Linter

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "claims"
SETS = {
    "corpus": FIXTURES / "corpus.yaml",
    "dev": FIXTURES / "realistic" / "dev.yaml",
    "dev2": FIXTURES / "realistic" / "dev2.yaml",
    "dev3": FIXTURES / "realistic" / "dev3.yaml",
    "dev4": FIXTURES / "realistic" / "dev4-paraphrase.yaml",
    "dev5": FIXTURES / "realistic" / "dev5.yaml",
    "dev6": FIXTURES / "realistic" / "dev6.yaml",
    "dev7": FIXTURES / "realistic" / "dev7.yaml",
    "dev8": FIXTURES / "realistic" / "dev8.yaml",
    "dev9": FIXTURES / "realistic" / "dev9.yaml",
    "dev10": FIXTURES / "realistic" / "dev10.yaml",
    "dev11": FIXTURES / "realistic" / "dev11.yaml",
    "dev12": FIXTURES / "realistic" / "dev12.yaml",
    "dev13": FIXTURES / "realistic" / "dev13.yaml",
    "dev14": FIXTURES / "realistic" / "dev14.yaml",
    "dev15": FIXTURES / "realistic" / "dev15.yaml",
    "dev16": FIXTURES / "realistic" / "dev16.yaml",
    "dev17": FIXTURES / "realistic" / "dev17.yaml",
    "dev18": FIXTURES / "realistic" / "dev18.yaml",
    "dev19": FIXTURES / "realistic" / "dev19.yaml",
    "dev20": FIXTURES / "realistic" / "dev20-paraphrase.yaml",
    "dev21": FIXTURES / "realistic" / "dev21.yaml",
    "dev22": FIXTURES / "realistic" / "dev22.yaml",
    "dev23": FIXTURES / "realistic" / "dev23.yaml",
    "dev24": FIXTURES / "realistic" / "dev24.yaml",
    "dev25": FIXTURES / "realistic" / "dev25.yaml",
    "dev26": FIXTURES / "realistic" / "dev26-paraphrase.yaml",
    "dev29": FIXTURES / "realistic" / "dev29.yaml",
    "dev30": FIXTURES / "realistic" / "dev30.yaml",
    "dev31": FIXTURES / "realistic" / "dev31-paraphrase.yaml",
    "dev32": FIXTURES / "realistic" / "dev32.yaml",
    "dev40": FIXTURES / "realistic" / "dev40.yaml",
    "dev41": FIXTURES / "realistic" / "dev41.yaml",
    "dev42": FIXTURES / "realistic" / "dev42.yaml",
    "dev43": FIXTURES / "realistic" / "dev43-paraphrase.yaml",
    "dev44": FIXTURES / "realistic" / "dev44.yaml",
    "dev45": FIXTURES / "realistic" / "dev45.yaml",
    "dev46": FIXTURES / "realistic" / "dev46.yaml",
    "dev47": FIXTURES / "realistic" / "dev47-paraphrase.yaml",
    "dev48": FIXTURES / "realistic" / "dev48.yaml",
    "dev49": FIXTURES / "realistic" / "dev49.yaml",
    "dev50": FIXTURES / "realistic" / "dev50.yaml",
    "dev51": FIXTURES / "realistic" / "dev51.yaml",
    "dev52": FIXTURES / "realistic" / "dev52-paraphrase.yaml",
    "dev53": FIXTURES / "realistic" / "dev53.yaml",
    "dev54": FIXTURES / "realistic" / "dev54.yaml",
    "dev55": FIXTURES / "realistic" / "dev55.yaml",
    "dev56": FIXTURES / "realistic" / "dev56.yaml",
    "dev57": FIXTURES / "realistic" / "dev57-paraphrase.yaml",
    "dev58": FIXTURES / "realistic" / "dev58-paraphrase.yaml",
    "dev59": FIXTURES / "realistic" / "dev59.yaml",
    "dev60": FIXTURES / "realistic" / "dev60.yaml",
    "dev61": FIXTURES / "realistic" / "dev61.yaml",
    "dev62": FIXTURES / "realistic" / "dev62.yaml",
    "dev65": FIXTURES / "realistic" / "dev65.yaml",
    "dev66": FIXTURES / "realistic" / "dev66.yaml",
    "dev63": FIXTURES / "realistic" / "dev63.yaml",
    "dev64": FIXTURES / "realistic" / "dev64.yaml",
    "dev67": FIXTURES / "realistic" / "dev67.yaml",
    "dev68": FIXTURES / "realistic" / "dev68.yaml",
    "dev69": FIXTURES / "realistic" / "dev69.yaml",
    "dev70": FIXTURES / "realistic" / "dev70.yaml",
    "dev71": FIXTURES / "realistic" / "dev71.yaml",
    "dev35": FIXTURES / "realistic" / "dev35-paraphrase.yaml",
    "dev27": FIXTURES / "realistic" / "dev27.yaml",
    "dev28": FIXTURES / "realistic" / "dev28.yaml",
    "dev34": FIXTURES / "realistic" / "dev34.yaml",
    "dev36": FIXTURES / "realistic" / "dev36.yaml",
    "dev37": FIXTURES / "realistic" / "dev37.yaml",
    "dev38": FIXTURES / "realistic" / "dev38.yaml",
    "dev39": FIXTURES / "realistic" / "dev39.yaml",
    "test": FIXTURES / "realistic" / "test.yaml",
    "devset": next(
        (
            p / "shared" / "reference" / "claims-devset.yaml"
            for p in ROOT.parents
            if (p / "shared" / "reference").is_dir()
        ),
        ROOT.parent / "shared" / "reference" / "claims-devset.yaml",
    ),
}
# held out: figures only, never their items
FROZEN = {
    "test",
    "dev10",
    "dev11",
    "dev21",
    "dev22",
    "dev27",
    "dev28",
    "dev34",
    "dev36",
    "dev37",
    "dev38",
    "dev39",
    "dev46",
    "dev48",
    "dev49",
    "dev53",
    "dev55",
    "dev58",
    "dev59",
    "dev62",
    # the eleventh session's tuners' own checks, each written beside its tuning set (dev63,
    # dev65) and never tuned on
    "dev64",
    "dev66",
}


@dataclass
class Item:
    text: str
    flag: tuple[str, ...]  # empty: quiet
    page: str = ""


@dataclass
class CategoryScore:
    """Recall per category over labelled items (an item counts once for each of its labels),
    and the false alarms of each category on quiet items: figures only, so held-out sets may
    be scored this way too."""

    flagged: Counter[str] = field(default_factory=Counter)
    hit: Counter[str] = field(default_factory=Counter)
    false_alarms: Counter[str] = field(default_factory=Counter)

    def add(self, item: Item, found: set[str]) -> None:
        for category in item.flag:
            self.flagged[category] += 1
            self.hit[category] += category in found
        if not item.flag:
            self.false_alarms.update(found)

    def lines(self) -> list[str]:
        return [
            f"{cat:28} recall {self.hit[cat] / n:.3f} ({self.hit[cat]}/{n})  "
            f"false alarms {self.false_alarms[cat]}"
            for cat, n in self.flagged.most_common()
        ]


@dataclass
class Score:
    name: str
    flag_total: int = 0
    flag_hit: int = 0
    flag_any: int = 0
    quiet_total: int = 0
    quiet_ok: int = 0
    misses: list[str] = field(default_factory=list)
    noisy: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.flag_hit / self.flag_total if self.flag_total else 1.0

    @property
    def precision(self) -> float:
        flagged = self.flag_any + (self.quiet_total - self.quiet_ok)
        return self.flag_any / flagged if flagged else 1.0

    def line(self) -> str:
        return (
            f"{self.name:7} recall {self.recall:.3f} ({self.flag_hit}/{self.flag_total})  "
            f"any-category {self.flag_any}/{self.flag_total}  precision {self.precision:.3f}  "
            f"quiet kept quiet {self.quiet_ok}/{self.quiet_total}"
        )


def load_items(name: str, path: Path) -> list[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if name == "corpus":
        return [Item(t, tuple(c)) for t, c in data["flag"]] + [Item(t, ()) for t in data["quiet"]]
    if "items" in data:  # the shared development set
        return [Item(i["text"], tuple(i.get("flag") or ())) for i in data["items"]]
    return [
        Item(i["text"], tuple(i.get("flag") or ()), page["id"])
        for page in data["pages"]
        for i in page["items"]
    ]


def read_labelled(name: str, path: Path) -> list[Item] | str:
    """The items of a labelled file, or why it cannot be read as one (the shape to write)."""
    try:
        return load_items(name, path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as err:
        return (
            f"{name}: cannot read it as a labelled set ({type(err).__name__}: {err}); "
            "write pages: [{id, items: [{text, flag: [...]} or {text, quiet: true}]}]"
        )


def scoring_linter() -> Linter:
    """The linter every set is scored with: a fixed date, no evidence register, no cache."""
    return Linter(Config(today=dt.date(2026, 11, 30), evidence_path=None, cache_dir=None))


def correct(flag: tuple[str, ...] | list[str], found: set[str]) -> bool:
    """A flagged item found in one of its categories, or a quiet item with no finding."""
    return bool(found & set(flag)) if flag else not found


def found_alone(items: list[Item], linter: Linter) -> list[set[str]]:
    """The categories found on each item, linted alone."""
    return [
        {f.category for f in linter.lint_source(item.text, "x.md", "markdown").findings}
        for item in items
    ]


def found_in_pages(items: list[Item], linter: Linter) -> list[set[str]]:
    """The categories found on each item when its page's items are linted together, one
    paragraph each, as a clinic's page is: what needs the page (a page that sells, an answer
    read with its question) is seen. Findings are mapped back to items by line."""
    pages: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        pages.setdefault(item.page, []).append(i)
    out: list[set[str]] = [set() for _ in items]
    for members in pages.values():
        lines: list[str] = []
        first_line: dict[int, int] = {}
        for i in members:
            first_line[len(lines) + 1] = i
            lines.extend([" ".join(items[i].text.split()), ""])
        for f in linter.lint_source("\n".join(lines), "x.md", "markdown").findings:
            if f.line in first_line:
                out[first_line[f.line]].add(f.category)
    return out


def score(
    name: str,
    items: list[Item],
    linter: Linter,
    by_category: CategoryScore | None = None,
    pages: bool = False,
) -> Score:
    s = Score(name)
    found_each = found_in_pages(items, linter) if pages else found_alone(items, linter)
    for item, found in zip(items, found_each, strict=True):
        if by_category is not None:
            by_category.add(item, found)
        label = f"[{item.page}] {item.text!r}" if item.page else repr(item.text)
        if item.flag:
            s.flag_total += 1
            s.flag_any += bool(found)
            if correct(item.flag, found):
                s.flag_hit += 1
            else:
                s.misses.append(f"missed {label} want {list(item.flag)} got {sorted(found)}")
        else:
            s.quiet_total += 1
            if correct(item.flag, found):
                s.quiet_ok += 1
            else:
                s.noisy.append(f"noisy  {label} got {sorted(found)}")
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    # no argparse ``choices``: with nargs="*" Python 3.11 checks an empty list against them
    ap.add_argument("sets", nargs="*", metavar="SET", help="any of: " + ", ".join(SETS))
    ap.add_argument("--quiet", action="store_true", help="figures only, no misses")
    ap.add_argument(
        "--show-frozen", action="store_true", help="also list the frozen split's misses"
    )
    ap.add_argument(
        "--pages",
        action="store_true",
        help="lint each page's items together, one paragraph each (default: each item alone)",
    )
    ap.add_argument(
        "--by-category",
        action="store_true",
        help="figures only, then recall and false alarms per category over the sets named",
    )
    ap.add_argument(
        "--file",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="also score a labelled file kept outside the repository (pages of items, as in\n"
        "tests/fixtures/claims/realistic/); may be repeated; alone, only the files are scored",
    )
    args = ap.parse_args(argv)
    unknown = [name for name in args.sets if name not in SETS]
    if unknown:
        ap.error(f"unknown set {', '.join(unknown)}; choose from {', '.join(SETS)}")
    named = args.sets or ([] if args.file else list(SETS))
    targets = [(name, SETS[name]) for name in named] + [(str(f), f) for f in args.file]
    linter = scoring_linter()
    pooled = CategoryScore() if args.by_category else None
    for name, path in targets:
        if not path.is_file():
            print(f"{name:7} (not found: {path})")
            continue
        items = read_labelled(name, path)
        if isinstance(items, str):
            print(items)
            return 2
        result = score(name, items, linter, pooled, args.pages)
        print(result.line())
        if args.quiet or pooled is not None or (name in FROZEN and not args.show_frozen):
            continue
        for line in result.misses + result.noisy:
            print("   ", line)
    if pooled is not None:
        print("per category, pooled over the sets above:")
        for line in pooled.lines():
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
