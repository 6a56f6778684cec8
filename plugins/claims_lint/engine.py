"""The claims engine: files → units of clean text → the detector pipeline → evidence →
suppressions → findings. The pipeline itself (sentences, detectors, judges) is pipeline.py."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from .blocks import HtmlBlocks
from .config import Config
from .detectors import Candidate
from .evidence import EvidenceRegister, load_evidence
from .frontmatter import FrontMatter, FrontMatterError, normalise_newlines, parse_front_matter
from .language import LanguagePack
from .model import Cleared, Finding, InputError, LintResult, Suppressed
from .pipeline import Pipeline
from .rules import Rule, RuleSet, load_rules
from .suppress import SUPPRESSION_CODES, Directive, parse_directive
from .text import (
    BOUNDARY,
    Folder,
    Mapping,
    Nought,
    Unit,
    clean_inline_markdown,
    clean_markdown,
    clean_plain,
    line_starts,
    to_line_col,
)

__all__ = ["Linter", "EVIDENCE_CODES", "detect_kind"]

_SUPPRESSION_HELP = 'write <!-- claims-lint: disable CODE reason="..." until=YYYY-MM-DD -->'

EVIDENCE_CODES = {
    "EVD001": "the cited evidence id is not in the evidence register",
    "EVD002": "the cited evidence is past its review_by date",
    "EVD003": "the cited evidence does not support this kind of claim",
    "EVD004": "the cited evidence does not cover this page's treatment",
}
KINDS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}


def detect_kind(path: str | Path) -> str:
    return KINDS.get(Path(path).suffix.lower(), "text")


def _code_version() -> str:
    """A digest of this package's code: cached results of an older linter are never reused."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


_CODE_VERSION = _code_version()


def known_words(rules: list[Rule], pack: LanguagePack) -> frozenset[str]:
    """The words the rules look for (their anchors and the claim words of their examples) and
    the pack's own: a word written apart or held ("pain-less", "NoDowntime", "juicierrr") is
    read as one of these, never as a word the rules would not know."""
    words = set(pack.common_words | pack.frequent_words)
    words.update(w.lower() for w in pack.masked_words)
    for rule in rules:
        for clause in rule.anchors:
            words.update(w for w in clause if w.isalpha() and w.isascii())
        for example in rule.examples_match:
            words.update(_WORD.findall(example.span.lower()))
    return frozenset(w for w in words if len(w) >= 2)


_WORD = re.compile(r"[a-z]{2,}")


class Linter:
    """Compiles the rules once; lint any number of files with it."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        rules: RuleSet | None = None,
        evidence: EvidenceRegister | None = None,
        keep_overlaps: bool = False,
    ) -> None:
        self.config = cfg = config or Config()
        self.ruleset = rules or load_rules(cfg.profile, cfg.disable)
        if evidence is None:
            evidence = (
                load_evidence(cfg.evidence_path)
                if cfg.evidence_path is not None
                else EvidenceRegister.empty()
            )
        self.evidence = evidence
        self.today: dt.date = cfg.effective_today()
        self.rules: list[Rule] = self.ruleset.rules
        self._aliases = self.ruleset.aliases()
        self._known_codes = (
            {r.code for r in self.rules} | set(self.ruleset.categories) | set(self._aliases)
        )
        pack = self.ruleset.language
        assert pack is not None
        self.pack = pack
        # keep_overlaps: every rule's own claim, even where another rule of its category
        # claims the same words (for testing rules one by one)
        self._dedupe = not keep_overlaps
        self.folder = Folder(
            pack.confusables,
            pack.script,
            pack.masked_words,
            pack.symbol_words,
            lambda: known_words(self.rules, pack),
            pack.one_letter_words,
            Nought(pack.nought_word, pack.nought_not_before, pack.nought_not_after),
        )
        # HTML pages of one site share their theme: its blocks are tokenised once (blocks.py)
        self.html_blocks = HtmlBlocks(self.folder)
        self._fm_res = [self._glob(g) for g in cfg.front_matter_fields]

    @cached_property
    def pipeline(self) -> Pipeline:
        """The detectors and judges, built on first use: compiling the rules' prefilter is
        most of a Linter's start-up, and a run whose files are all in the cache never needs it."""
        return Pipeline(self.rules, self.pack, dedupe=self._dedupe)

    @property
    def version(self) -> str:
        """Changes whenever results could change: code, rules, config, evidence, date."""
        parts = (_CODE_VERSION, self.ruleset.version, self.config.fingerprint())
        return "-".join((*parts, self.evidence.digest))

    @staticmethod
    def _glob(pattern: str) -> re.Pattern[str]:
        out = []
        for seg in pattern.split("."):
            if seg == "**":
                out.append(r"(?:[^.]+(?:\.[^.]+)*)")
            else:
                out.append(re.escape(seg).replace(r"\*", r"[^.]*"))
        return re.compile(r"\.".join(out))

    # --- public API ----------------------------------------------------------------------------

    def lint_path(self, path: str | Path, kind: str | None = None) -> LintResult:
        """Read and lint a file; raise :class:`InputError` if it cannot be read as text."""
        text = read_text(path, self.config.max_file_bytes)
        return self.lint_source(text, str(path), kind or detect_kind(path))

    def lint_source(
        self,
        text: str,
        path: str = "<string>",
        kind: str = "markdown",
        front_matter: FrontMatter | None = None,
    ) -> LintResult:
        """Lint a whole file's text (front matter included); positions are the file's own.

        A caller that has already parsed the front matter of ``text`` may pass it, so the
        YAML is not parsed twice (the site build does).
        """
        with _collector_paused():
            return self._lint_source(text, path, kind, front_matter)

    def _lint_source(
        self, text: str, path: str, kind: str, front_matter: FrontMatter | None
    ) -> LintResult:
        norm = normalise_newlines(text)
        starts = line_starts(norm)
        result = LintResult(path=path)
        units: list[Unit] = []
        fn_defs: set[str] = set()
        fm_directives: list[Directive] = []
        treatment = ""
        if kind == "markdown":
            try:
                fm = front_matter or parse_front_matter(text, path)
            except FrontMatterError as exc:
                raise InputError(exc.path, exc.line, exc.message, exc.hint, exc.column) from None
            body_off = starts[fm.body_line - 1] if fm.body_line - 1 < len(starts) else len(norm)
            if fm.node is not None:
                units.extend(self._front_matter_units(fm, norm, starts))
                fm_directives = self._front_matter_directives(norm, starts, fm.body_line)
                result.meta = _meta(fm.data)
                treatment = str(fm.data.get(self.config.treatment_key) or "")
            body_unit, fn_defs = clean_markdown(norm[body_off:], body_off, self.folder)
            units.append(body_unit)
        elif kind == "html":
            units.append(self.html_blocks.clean(norm))
        else:
            units.append(clean_plain(norm, folder=self.folder))
        raw: list[tuple[Finding, Rule, tuple[str, ...]]] = []
        refs_all: list[tuple[str, int, int, bool]] = []  # (id, src s, src e, attached)
        previous = ""
        parent = None
        for unit in units:
            # A front matter answer continues its question ("faq.0.q" then "faq.0.a").
            here = unit.field.rsplit(".", 1)[0] if "." in unit.field else None
            context = previous if here is not None and here == parent else ""
            raw.extend(self._lint_unit(unit, path, starts, refs_all, context))
            previous, parent = unit.text.strip(), here
        findings = self._apply_evidence(raw, refs_all, fn_defs, treatment, path, starts, result)
        if refs_all:  # every study the page cites, for the claims register
            result.meta["cites"] = list(dict.fromkeys(ref[0] for ref in refs_all))
        directives = fm_directives + self._body_directives(units, norm, starts)
        findings = self._apply_suppressions(findings, directives, path, result)
        if not norm.isascii():
            findings = [_whole_last_letter(f, norm, starts) for f in findings]
        findings = [_as_written(f, norm, starts) for f in findings]
        result.findings = _one_per_place(sorted(set(findings), key=_pos_key))
        result.cleared.sort(key=lambda c: _pos_key(c.finding))
        result.suppressed.sort(key=lambda s: _pos_key(s.finding))
        return result

    def lint_text(self, text: str, path: str = "<text>") -> list[Finding]:
        """Lint plain visible text (e.g. extracted from built HTML)."""
        return self.lint_source(text, path, "text").findings

    # --- units ---------------------------------------------------------------------------------

    def _front_matter_units(self, fm: Any, norm: str, starts: list[int]) -> list[Unit]:
        units = []
        yaml_off = starts[fm.first_line - 1] if fm.first_line - 1 < len(starts) else 0
        for key_path, node in fm.iter_scalars():
            dotted = ".".join(str(p) for p in key_path)
            if not any(r.fullmatch(dotted) for r in self._fm_res):
                continue
            if node.tag != "tag:yaml.org,2002:str" or not isinstance(node.value, str):
                continue
            value = node.value
            if not value.strip():
                continue
            s = yaml_off + node.start_mark.index
            e = yaml_off + node.end_mark.index
            label = _label(key_path, value)
            mapping = _align(value, norm, s, e, label)
            units.append(clean_inline_markdown(label + value, mapping, dotted, self.folder))
        return units

    def _front_matter_directives(
        self, norm: str, starts: list[int], body_line: int
    ) -> list[Directive]:
        out: list[Directive] = []
        lines = norm.split("\n")[: max(body_line - 2, 0)]
        for i, line in enumerate(lines):
            hash_at = line.find("#")
            if hash_at < 0 or "claims-lint" not in line[hash_at:]:
                continue
            d = parse_directive(
                line[hash_at + 1 :], i + 1, hash_at + 1, i + 1, self._known_codes, self.today
            )
            if d is None:
                continue
            if line[:hash_at].strip():
                d.scope = (i + 1, i + 1)
            else:
                j = i + 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                indent = len(lines[j]) - len(lines[j].lstrip()) if j < len(lines) else 0
                k = j + 1
                while k < len(lines) and (
                    not lines[k].strip() or len(lines[k]) - len(lines[k].lstrip()) > indent
                ):
                    k += 1
                d.scope = (j + 1, k)
            out.append(d)
        return out

    def _body_directives(self, units: list[Unit], norm: str, starts: list[int]) -> list[Directive]:
        out: list[Directive] = []
        nlines = len(starts)
        for unit in units:
            for s, e, body in unit.directives:
                line, col = to_line_col(starts, s)
                end_line, _ = to_line_col(starts, max(e - 1, s))
                d = parse_directive(body, line, col, end_line, self._known_codes, self.today)
                if d is None:
                    continue
                line_start = starts[line - 1]
                end_line_end = starts[end_line] - 1 if end_line < nlines else len(norm)
                same_line = norm[line_start:s].strip() or norm[e:end_line_end].strip()
                if d.verb == "disable-file":
                    d.scope = (1, nlines)
                elif same_line or d.verb == "disable-line":
                    d.scope = (line, end_line)
                else:
                    j = end_line  # 0-based index of the line after the comment
                    while j < nlines and not _line(norm, starts, j).strip():
                        j += 1
                    k = j
                    while k + 1 < nlines and _line(norm, starts, k + 1).strip():
                        k += 1
                    d.scope = (j + 1, k + 1) if d.verb == "disable" else (j + 1, j + 1)
                out.append(d)
        return out

    # --- matching ------------------------------------------------------------------------------

    def _lint_unit(
        self,
        unit: Unit,
        path: str,
        starts: list[int],
        refs_all: list[tuple[str, int, int, bool]],
        previous: str = "",
    ) -> list[tuple[Finding, Rule, tuple[str, ...]]]:
        """Run the pipeline over one unit; attach the citations of each claim's sentence."""
        doc, cands = self.pipeline.run(unit.text, unit.lower, previous)
        out: list[tuple[Finding, Rule, tuple[str, ...]]] = []
        attached: set[int] = set()
        if cands:
            ends = doc.sentence_ends
            ref_offsets = [r[0] for r in unit.fnrefs]
            for c in cands:
                s0, s1 = doc.sentence(c.sentence)
                # refs cited in this sentence (zero-width markers, possibly just after the stop)
                nxt = ends[c.sentence + 1] if c.sentence + 1 < len(ends) else len(unit.text) + 1
                lo = bisect_left(ref_offsets, s0)
                hi = bisect_right(ref_offsets, max(s1, nxt - 1))
                cited = tuple(unit.fnrefs[k][1] for k in range(lo, hi))
                attached.update(range(lo, hi))
                excerpt = _excerpt(unit.text[s0:s1])
                finding = self._finding(unit, path, starts, c, excerpt, cited)
                out.append((finding, c.rule, cited))
        for k, (_, rid, s, e) in enumerate(unit.fnrefs):
            refs_all.append((rid, s, e, k in attached))
        return out

    def _finding(
        self,
        unit: Unit,
        path: str,
        starts: list[int],
        cand: Candidate,
        excerpt: str,
        cited: tuple[str, ...],
    ) -> Finding:
        rule = cand.rule
        a, b = cand.start, cand.end
        s, e = unit.mapping.start(a), unit.mapping.end(b)
        line, col = to_line_col(starts, s)
        end_line, end_col = to_line_col(starts, max(e - 1, s))
        matched = " ".join(unit.text[a:b].split())
        said = f'"{matched}"'
        if cand.reading:
            note = self.pipeline.pack.reading_note
            said += "; " + note.replace("{reading}", " ".join(cand.reading.split()))
        return Finding(
            path=path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col + 1,
            rule=rule.code,
            category=rule.category,
            severity=rule.severity,
            message=f"{rule.message} ({said})",
            excerpt=excerpt,
            suggestion=rule.suggestion,
            why=rule.why,
            matched=matched,
            field=unit.field,
            evidence=cited,
            detector=cand.detector,
            confidence=cand.confidence,
            contradicts=rule.contradicts,
        )

    # --- evidence ------------------------------------------------------------------------------

    def _apply_evidence(
        self,
        raw: list[tuple[Finding, Rule, tuple[str, ...]]],
        refs_all: list[tuple[str, int, int, bool]],
        fn_defs: set[str],
        treatment: str,
        path: str,
        starts: list[int],
        result: LintResult,
    ) -> list[Finding]:
        out: list[Finding] = []
        reg = self.evidence
        for finding, rule, cited in raw:
            if not cited:
                out.append(finding)
                continue
            if not rule.clearable:
                out.append(
                    _replace(
                        finding,
                        message=finding.message
                        + f" — evidence cannot clear {rule.category} claims, whatever is cited",
                    )
                )
                continue
            problems: list[tuple[str, str]] = []
            cleared_by = None
            for rid in cited:
                entry = reg.get(rid)
                if entry is None:
                    problems.append(("EVD001", f"[^{rid}] is not in the evidence register"))
                elif entry.expired(self.today):
                    problems.append(
                        ("EVD002", f"[^{rid}] was due for review on {entry.review_by.isoformat()}")
                    )
                elif not set(rule.cleared_by) & set(entry.categories):
                    problems.append(
                        (
                            "EVD003",
                            f"[^{rid}] supports {', '.join(entry.categories)}, not "
                            f"{' or '.join(rule.cleared_by)}",
                        )
                    )
                elif treatment and entry.treatments and treatment not in entry.treatments:
                    problems.append(
                        (
                            "EVD004",
                            f"[^{rid}] covers {', '.join(entry.treatments)}, not this page's "
                            f"treatment '{treatment}'",
                        )
                    )
                else:
                    cleared_by = entry
                    break
            if cleared_by is not None:
                result.cleared.append(
                    Cleared(
                        finding=finding,
                        evidence_id=cleared_by.id,
                        citation=cleared_by.citation,
                        review_by=cleared_by.review_by.isoformat(),
                        approved_by=cleared_by.approved_by,
                    )
                )
                continue
            code, why_not = problems[0]
            out.append(
                _replace(
                    finding,
                    rule=code,
                    severity="error",
                    message=f"{finding.message} cites evidence that does not clear it: {why_not}",
                    suggestion=f"cite a current register entry that supports {rule.category} "
                    f"claims, or reword: {finding.suggestion}",
                )
            )
        for rid, s, e, attached in refs_all:
            if attached:
                continue
            entry = reg.get(rid)
            code = msg = ""
            if entry is None and rid not in fn_defs:
                code, msg = (
                    "EVD001",
                    f"[^{rid}] is neither in the evidence register nor defined on this page",
                )
            elif entry is not None and entry.expired(self.today):
                code, msg = (
                    "EVD002",
                    f"[^{rid}] was due for review on {entry.review_by.isoformat()}",
                )
            if code:
                line, col = to_line_col(starts, s)
                end_line, end_col = to_line_col(starts, max(e - 1, s))
                out.append(
                    Finding(
                        path=path,
                        line=line,
                        column=col,
                        end_line=end_line,
                        end_column=end_col + 1,
                        rule=code,
                        category="evidence",
                        severity="error",
                        message=f"{EVIDENCE_CODES[code]}: {msg}",
                        excerpt=f"[^{rid}]",
                        suggestion="add the study to content/data/evidence.yaml (approved, with a "
                        "review_by date), renew it, or remove the citation",
                        why="Claims must rest on evidence a reviewer approved and keeps current "
                        "(CAP Code 3.7).",
                        matched=f"[^{rid}]",
                        evidence=(rid,),
                    )
                )
        return out

    def _covers(self, d: Directive, f: Finding) -> bool:
        """Does directive ``d`` cover ``f``, also under a code the rule retired?"""
        if d.covers(f.line, f.rule, f.category):
            return True
        return any(
            self._aliases.get(code) == f.rule and d.covers(f.line, code, f.category)
            for code in d.codes
        )

    # --- suppressions --------------------------------------------------------------------------

    def _apply_suppressions(
        self, findings: list[Finding], directives: list[Directive], path: str, result: LintResult
    ) -> list[Finding]:
        if not directives:
            return findings
        out: list[Finding] = []
        for f in findings:
            hit = None
            if not f.rule.startswith(("EVD", "SUP")):
                hit = next((d for d in directives if self._covers(d, f)), None)
            if hit is None:
                out.append(f)
                continue
            hit.used = True
            result.suppressed.append(
                Suppressed(
                    finding=f,
                    reason=hit.reason,
                    until=hit.until.isoformat() if hit.until else "",
                    by=hit.by,
                    directive_line=hit.line,
                )
            )
        for d in directives:
            code, msg = d.problem if d.problem else ("", "")
            if not code and not d.used:
                code, msg = "SUP005", f"nothing here matches {', '.join(d.codes)}: remove it"
            if not code:
                continue
            out.append(
                Finding(
                    path=path,
                    line=d.line,
                    column=d.column,
                    end_line=d.end_line,
                    end_column=d.column + 1,
                    rule=code,
                    category="suppression",
                    severity="warning" if code == "SUP005" else "error",
                    message=f"{SUPPRESSION_CODES[code]}: {msg}",
                    excerpt=d.raw[:200],
                    suggestion=_SUPPRESSION_HELP,
                    why="Every exception to the claims rules needs a recorded, reviewable reason.",
                    matched=d.raw[:200],
                )
            )
        return out


# --- helpers -----------------------------------------------------------------------------------


def _line(norm: str, starts: list[int], idx: int) -> str:
    s = starts[idx]
    e = starts[idx + 1] - 1 if idx + 1 < len(starts) else len(norm)
    return norm[s:e]


def _one_per_place(findings: list[Finding]) -> list[Finding]:
    """One finding per rule on the same source text (sorted by _pos_key): a hashtag is read
    both as its words and whole (text.py), and both readings may match the same rule."""
    out: list[Finding] = []
    for f in findings:
        if out and _place(out[-1]) == _place(f):
            continue
        out.append(f)
    return out


def _place(f: Finding) -> tuple[int, int, str, str, int, int]:
    return (f.line, f.column, f.rule, f.field, f.end_line, f.end_column)


def _pos_key(f: Finding) -> tuple[int, int, str, str, int, int, str, str]:
    # Findings are collected in a set: two at one place under one rule ("improved" and
    # "improved significantly") must be ordered by what they are, not by the set's order,
    # which follows the hash seed (a report or banner would change from run to run).
    return (f.line, f.column, f.rule, f.field, f.end_line, f.end_column, f.matched, f.message)


def _whole_last_letter(f: Finding, norm: str, starts: list[int]) -> Finding:
    """End a finding after the marks its last letter carries ("p̲a̲i̲n̲l̲e̲s̲s̲": the underline
    of the last s is read away, but shown): the span must never cut a letter from its marks."""
    end = starts[f.end_line - 1] + f.end_column - 1
    k = end
    while k < len(norm) and unicodedata.category(norm[k]) in ("Mn", "Me", "Cf"):
        k += 1
    if k == end:
        return f
    line, col = to_line_col(starts, k - 1)
    return _replace(f, end_line=line, end_column=col + 1)


def _as_written(f: Finding, norm: str, starts: list[int]) -> Finding:
    """Quote the words as the page writes them too, when a disguise was read through: a
    marketer who wrote "z3r0 d0wntime" must recognise their own words in the message, not
    only our reading of them ("zero downtime"). Markup and accents alone are no disguise."""
    if not f.matched:  # evidence and suppression findings quote no words of the page
        return f
    s = starts[f.line - 1] + f.column - 1
    e = starts[f.end_line - 1] + f.end_column - 1
    written = " ".join(norm[s:e].split())
    if not written or _letters(written) == _letters(f.matched):
        return f
    if len(written) > _MAX_WRITTEN:
        written = written[: _MAX_WRITTEN - 3] + "..."
    quoted = f'("{f.matched}")'
    if not f.message.endswith(quoted):
        return f
    message = f.message[: -len(quoted)] + f'("{f.matched}", written "{written}")'
    return _replace(f, message=message)


_MAX_WRITTEN = 80


def _letters(text: str) -> str:
    """The letters and digits of ``text``, without accents or case: what a reader reads."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain.casefold() if c.isalnum())


def _replace(f: Finding, **changes: Any) -> Finding:
    import dataclasses

    return dataclasses.replace(f, **changes)


def _excerpt(sentence: str) -> str:
    text = " ".join(sentence.replace(BOUNDARY, " ").split())
    return text if len(text) <= 240 else text[:237] + "..."


def _label(key_path: tuple[Any, ...], value: str) -> str:
    """What a short value of a named fact reads as on the page: the theme shows it under its
    name ("Recovery" over "None at all"), so ``facts: {recovery: None at all}`` reads
    "recovery: None at all". Only a value of a few words, in a mapping inside a mapping: a
    long value says what it means itself, and a list item's keys (``faq.0.q``) are structure."""
    if len(key_path) < 2 or not all(isinstance(k, str) for k in key_path[-2:]):
        return ""
    if len(value.split()) > _SHORT_VALUE_WORDS:
        return ""
    return re.sub(r"[_-]+", " ", key_path[-1]).strip() + ": "


_SHORT_VALUE_WORDS = 6


def _align(value: str, norm: str, s: int, e: int, label: str = "") -> Mapping:
    """Map a YAML string value's offsets to the source, word by word (handles quoting/folding).
    A ``label`` read in front of the value points at the value's first character."""
    m = Mapping()
    m.add(len(label), s, s, False)
    cursor = s
    pos = 0
    for w in re.finditer(r"\S+", value):
        at = norm.find(w.group(0), cursor, e if e > cursor else len(norm))
        if at < 0:
            # escapes or folding changed the word: point at where we are
            if w.start() > pos:
                m.add(w.start() - pos, cursor, cursor, False)
            m.add(w.end() - w.start(), cursor, min(cursor + 1, len(norm)), False)
        else:
            if w.start() > pos:
                m.add(w.start() - pos, cursor, at, False)
            m.add(w.end() - w.start(), at, at + w.end() - w.start(), True)
            cursor = at + w.end() - w.start()
        pos = w.end()
    if len(value) > pos:
        m.add(len(value) - pos, cursor, cursor, False)
    if not m.cstart:
        m.add(max(len(value), 1), s, s, False)
    return m


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("title", "treatment", "reviewed_by", "last_reviewed", "next_review", "author"):
        if key in data and data[key] is not None:
            v = data[key]
            out[key] = v.isoformat() if isinstance(v, dt.date) else str(v)
    return out


def read_text(path: str | Path, max_bytes: int) -> str:
    """Read a file as UTF-8 text, or raise :class:`InputError` saying plainly why not."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                str(path),
                1,
                f"file is {size / 1048576:.1f} MB; claims-lint reads files up to "
                f"{max_bytes / 1048576:.0f} MB",
                "split the page, or raise max_file_bytes in the config",
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), 0, f"cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, str(path), max_bytes)


def decode_bytes(data: bytes, path: str, max_bytes: int) -> str:
    """Bytes to text, refusing binary, non-UTF-8 and oversized input with a plain message."""
    if len(data) > max_bytes:
        raise InputError(
            path,
            1,
            f"file is {len(data) / 1048576:.1f} MB; claims-lint reads files up to "
            f"{max_bytes / 1048576:.0f} MB",
            "split the page, or raise max_file_bytes in the config",
        )
    if b"\x00" in data[:8192]:
        raise InputError(path, 1, "binary file, not text", "lint only .md, .html and .txt pages")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            path,
            line,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at column {col})",
            "save the file as UTF-8",
            col,
        ) from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a page is linted, back on after (if it was on).

    Linting a page makes hundreds of thousands of small objects but leaves three in garbage
    cycles (measured on the benchmark's pages and a treatment page), so the collector's passes,
    which also walk every object of the compiled rules, find next to nothing and cost 5 % of
    the time on the benchmark's 4 MB page (docs/performance.md). Everything else a page leaves
    behind is freed by reference counting as ever; the collector runs again after the page."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
