"""The claims engine: clean text → sentences → rule matches → context → evidence → suppressions."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from .config import Config
from .evidence import EvidenceRegister, load_evidence
from .frontmatter import FrontMatter, FrontMatterError, normalise_newlines, parse_front_matter
from .model import Cleared, Finding, InputError, LintResult, Suppressed
from .rules import Rule, RuleSet, load_rules
from .suppress import SUPPRESSION_CODES, Directive, parse_directive
from .text import (
    BOUNDARY,
    Mapping,
    Unit,
    clean_html,
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


# --- context: questions, negation, hedging -----------------------------------------------------

_NO_SPLIT = (
    # "Side effects? None." and '"It changed my life!" says Sam' read as one sentence
    r"(?![ \t]+(?:[Nn]one|[Zz]ero|[Nn]il|[Nn]othing|[Nn]ot\b|[Nn]o\b|[Nn]ever|[Ww]hat\b|"
    r"[Tt]here (?:isn't|is no|are no|aren't)|says|said|writes|wrote|adds|-|—|–))"
)
_SENT_END = re.compile(
    # the dot comes first so the regex engine can skip quickly to candidate positions
    r"\.+(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\b[Dd]r\.)(?<!\b[Mm]rs\.)(?<!\b[Mm][rs]\.)(?<!\b[Nn]o\.)"
    r"(?<!\bvs\.)(?<!\betc\.)(?<!\bapprox\.)(?<!\b[Ss]t\.)(?<!\b[Pp]rof\.)(?<!\b[Ff]ig\.)"
    r"[\"')\]]*+(?=[ \t\n]*(?:[^a-z0-9 \t\n]|$))"
    + _NO_SPLIT
    + r"|[!?…]+[\"')\]]*+(?=[\s\x1f]|$)"
    + _NO_SPLIT
    + r"|\x1f+|\n[ \t]*\n"
)
_QUESTION_START = re.compile(
    r"^[\W_]*(?:is|are|was|were|does|do|did|can|could|will|would|should|shall|may|might|has|have|"
    r"how|what|when|where|which|who|whom|whose|am|isn't|aren't|doesn't|don't|won't|can't)\b"
)
_RHETORICAL = re.compile(
    r"^[\W_]*(?:(?:do|would|don't|wouldn't|did) you "
    r"(?:want|like|wish|dream|love|need|deserve|fancy)|"
    r"who (?:wouldn't|doesn't|does not|would not|else)|wouldn't it|isn't it time|why|want|ready|"
    r"tired|fed up|sick of|looking for|dreaming|imagine|need)\b"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"\x1f&+]|—|–|\s-\s|\b(?:but|because|so|and|or|while|whereas|although|though|however|"
    r"yet|since|which|unless|if|when|then|instead|until|after|before|plus|just|also|as well as)\b"
)
_NEGATOR = re.compile(
    r"(?<!why )(?<!if )\b(?:not|no|never|cannot|can ?not|can't|cant|isn't|aren't|wasn't|weren't|"
    r"doesn't|don't|didn't|won't|wouldn't|shouldn't|couldn't|mustn't|hasn't|haven't|hardly|"
    r"nothing|none|nobody|no one|neither|nor|unlikely|myth|wary|beware|false|untrue|"
    r"misleading|rather than|instead of|refuse to|avoid claiming|no such thing as)\b"
    # idioms that negate nothing: "not only", "you won't believe", "nothing beats", "don't miss"
    r"(?! (?:only|just|merely|simply|longer|matter|other|better|more|finer|greater|wonder|doubt|"
    r"believe|regret|settle|again|beats?|compares?|comes? close|it time|wait|miss|look back|"
    r"hesitate|delay|forget|go wrong|worry|need to worry|have to worry)\b)"
    # "no-downtime", "no-needle": a compound modifier, not a negation of the clause
    r"(?!-)"
)
_POST_NEGATOR = re.compile(
    r"[^,;:.!?\x1f]{0,40}?\b(?:(?:is|are|was|were|will be|can be)\s+not|isn't|aren't|cannot|"
    r"can't|won't|will not|must not|mustn't|may not|should not|shouldn't|do not|don't|never|"
    r"not (?:treated|eligible|suitable|permitted|allowed))\b"
)
_HEDGE = re.compile(
    r"\b(?:no|little|limited|insufficient|weak|poor|scant|scarce|not enough|lack of|lacking|"
    r"conflicting|mixed|inconclusive|low[\s-]quality|not (?:much|any|good|strong|reliable|"
    r"convincing|enough))\s+(?:\w+\s+){0,3}?(?:evidence|proof|research|studies|data|trials?)\b"
    r"|\b(?:evidence|research|data|proof|studies)\b[^.]{0,120}?\b(?:is|are|remains?|was|were|"
    r"seems?|appears?)\s+(?:\w+\s+){0,2}?(?:limited|weak|poor|lacking|inconclusive|mixed|unclear|"
    r"insufficient|scarce|thin|sparse|low|uncertain|contradictory|conflicting|scant|"
    r"not (?:strong|clear|conclusive|convincing|good))"
    r"|\b(?:has|have)\s+not\s+been\s+(?:\w+\s+)?(?:proven|shown|demonstrated|established|confirmed)"
    r"|\bunproven\b|\bnot\s+(?:been\s+)?(?:scientifically\s+|clinically\s+)?proven\b"
    r"|\b(?:studies|research|trials)\s+(?:have\s+)?(?:not|failed\s+to)\s+(?:shown?|prove[nd]?|"
    r"found|demonstrated?)"
    r"|\b(?:evidence|research|studies|data|science|trials)\s+(?:does|do|did)\s*(?:not|n't)\s+"
    r"(?:support|back|show|prove|confirm)"
    r"|\bnot\s+(?:supported|backed)\s+by\s+(?:the\s+|any\s+|good\s+)?(?:evidence|research|science)"
)


# "Claims that injections melt fat are misleading": the claim is reported, then judged false.
_REPORTED = re.compile(
    r"\b(?:claims?|promises?|suggestions?|the idea|the notion|the belief|adverts?|ads|advertising|"
    r"marketing|websites?|clinics|people|anyone|those|statements?) (?:that|who|which)\b"
    r"(?P<body>[^.;!?\x1f]{1,160}?)\b(?:is|are|was|were|seems?|sounds?|remains?) "
    r"(?:\w+ ){0,2}?(?:misleading|false|untrue|wrong|a myth|myths|not true|unfounded|unproven|"
    r"banned|not allowed|exaggerated|nonsense|incorrect|inaccurate|overstated|a red flag|"
    r"a warning sign|illegal|not supported)\b"
)


def _reported_spans(low: str, s0: int, s1: int) -> list[tuple[int, int]]:
    if "that" not in low[s0:s1] and "who" not in low[s0:s1] and "which" not in low[s0:s1]:
        return []
    return [m.span("body") for m in _REPORTED.finditer(low, s0, s1)]


def _is_exempt_question(sentence: str) -> bool:
    s = sentence.strip().strip(BOUNDARY).strip().lower()
    if not s.endswith("?"):
        return False
    return bool(_QUESTION_START.match(s)) and not _RHETORICAL.match(s)


def _trie_regex(words: list[str]) -> str:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        if not node:
            return ""
        alts = []
        optional = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie)


def _code_version() -> str:
    """A digest of this package's code: cached results of an older linter are never reused."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


_CODE_VERSION = _code_version()


class Linter:
    """Compiles the rules once; lint any number of files with it."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        rules: RuleSet | None = None,
        evidence: EvidenceRegister | None = None,
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
        self._known_codes = {r.code for r in self.rules} | set(self.ruleset.categories)
        anchors: dict[str, set[int]] = {}
        for i, r in enumerate(self.rules):
            for a in r.anchors:
                anchors.setdefault(a, set()).add(i)
        self._anchors = anchors
        words = [a for a in anchors if a[0].isalnum()]
        symbols = [a for a in anchors if not a[0].isalnum()]
        # Two scans: one alternation of both would stop the regex engine from skipping ahead
        # on the first character, which costs 4x on big files.
        self._anchor_res = [
            re.compile(r"(?<![a-z0-9])" + _trie_regex(words) + r"[a-z0-9%']*" if words else r"(?!)")
        ]
        if symbols:
            self._anchor_res.append(re.compile(_trie_regex(symbols)))
        self._by_first: dict[str, list[str]] = {}
        for a in anchors:
            self._by_first.setdefault(a[0], []).append(a)
        self._word_rules: dict[str, frozenset[int]] = {}
        self._fm_res = [self._glob(g) for g in cfg.front_matter_fields]

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
            body_unit, fn_defs = clean_markdown(norm[body_off:], body_off)
            units.append(body_unit)
        elif kind == "html":
            units.append(clean_html(norm))
        else:
            units.append(clean_plain(norm))
        raw: list[tuple[Finding, Rule, tuple[str, ...]]] = []
        refs_all: list[tuple[str, int, int, bool]] = []  # (id, src s, src e, attached)
        for unit in units:
            raw.extend(self._lint_unit(unit, path, starts, norm, refs_all))
        findings = self._apply_evidence(raw, refs_all, fn_defs, treatment, path, starts, result)
        if refs_all:  # every study the page cites, for the claims register
            result.meta["cites"] = list(dict.fromkeys(ref[0] for ref in refs_all))
        directives = fm_directives + self._body_directives(units, norm, starts)
        findings = self._apply_suppressions(findings, directives, path, result)
        result.findings = sorted(set(findings), key=_pos_key)
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
            units.append(clean_inline_markdown(value, _align(value, norm, s, e), dotted))
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

    def _rules_for_word(self, word: str) -> frozenset[int]:
        hit = self._word_rules.get(word)
        if hit is None:
            found: set[int] = set()
            for a in self._by_first.get(word[0], ()):
                if word.startswith(a):
                    found |= self._anchors[a]
            hit = frozenset(found)
            if len(self._word_rules) < 50000:
                self._word_rules[word] = hit
        return hit

    def _lint_unit(
        self,
        unit: Unit,
        path: str,
        starts: list[int],
        norm: str,
        refs_all: list[tuple[str, int, int, bool]],
    ) -> list[tuple[Finding, Rule, tuple[str, ...]]]:
        low = unit.lower
        cands: dict[int, set[int]] = {}
        sent_starts: list[int] | None = None
        sent_ends: list[int] = []
        rules_for_word = self._rules_for_word
        for anchor_re in self._anchor_res:
            for m in anchor_re.finditer(low):
                rs = rules_for_word(m.group(0))
                if not rs:
                    continue
                if sent_starts is None:
                    sent_starts, sent_ends = _sentences(unit.text)
                si = bisect_right(sent_ends, m.start())
                if si >= len(sent_ends):
                    si = len(sent_ends) - 1
                got = cands.get(si)
                if got is None:
                    cands[si] = set(rs)
                else:
                    got |= rs
        ref_offsets = [r[0] for r in unit.fnrefs]
        attached: set[int] = set()
        out: list[tuple[Finding, Rule, tuple[str, ...]]] = []
        if sent_starts is not None:
            doc_req: dict[int, bool] = {}
            for si in sorted(cands):
                s0, s1 = sent_starts[si], sent_ends[si]
                sentence = low[s0:s1]
                question = None
                hedged = None
                matches: list[tuple[int, int, Rule]] = []
                for ri in sorted(cands[si]):
                    rule = self.rules[ri]
                    for m in rule.regex.finditer(low, s0, s1):
                        a, b = m.span()
                        if a == b:
                            continue
                        if rule.questions == "exempt":
                            if question is None:
                                question = _is_exempt_question(unit.text[s0:s1])
                            if question:
                                break
                        if rule.unless_re is not None and rule.unless_re.search(sentence):
                            break
                        if rule.requires_doc_re is not None:
                            if ri not in doc_req:
                                doc_req[ri] = bool(rule.requires_doc_re.search(low))
                            if not doc_req[ri]:
                                break
                        if rule.hedgeable:
                            if hedged is None:
                                hedged = bool(_HEDGE.search(sentence))
                            if hedged:
                                break
                        matches.append((a, b, rule))
                if not matches:
                    continue
                # Negation is decided once every claim of the sentence is known: a negator that
                # is part of another claim ("no-downtime", "no pain") negates nothing else.
                spans = [(a, b) for a, b, _ in matches]
                reported = _reported_spans(low, s0, s1)
                matches = [
                    (a, b, rule)
                    for a, b, rule in matches
                    if not (
                        rule.negatable
                        and (
                            _negated(low, s0, a, spans) or any(ra <= a < rb for ra, rb in reported)
                        )
                    )
                    and not (rule.post_negation and _post_negated(low, b, s1))
                ]
                if not matches:
                    continue
                # refs cited in this sentence (zero-width markers, possibly just after the stop)
                nxt = sent_starts[si + 1] if si + 1 < len(sent_starts) else len(low) + 1
                lo = bisect_left(ref_offsets, s0)
                hi = bisect_right(ref_offsets, max(s1, nxt - 1))
                cited = tuple(unit.fnrefs[k][1] for k in range(lo, hi))
                attached.update(range(lo, hi))
                excerpt = _excerpt(unit.text[s0:s1])
                for a, b, rule in _dedupe(matches):
                    out.append(
                        (self._finding(unit, path, starts, a, b, rule, excerpt, cited), rule, cited)
                    )
        for k, (_, rid, s, e) in enumerate(unit.fnrefs):
            refs_all.append((rid, s, e, k in attached))
        return out

    def _finding(
        self,
        unit: Unit,
        path: str,
        starts: list[int],
        a: int,
        b: int,
        rule: Rule,
        excerpt: str,
        cited: tuple[str, ...],
    ) -> Finding:
        s, e = unit.mapping.start(a), unit.mapping.end(b)
        line, col = to_line_col(starts, s)
        end_line, end_col = to_line_col(starts, max(e - 1, s))
        matched = " ".join(unit.text[a:b].split())
        return Finding(
            path=path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col + 1,
            rule=rule.code,
            category=rule.category,
            severity=rule.severity,
            message=f'{rule.message} ("{matched}")',
            excerpt=excerpt,
            suggestion=rule.suggestion,
            why=rule.why,
            matched=matched,
            field=unit.field,
            evidence=cited,
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
                elif rule.category not in entry.categories:
                    problems.append(
                        (
                            "EVD003",
                            f"[^{rid}] supports {', '.join(entry.categories)}, not {rule.category}",
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
                hit = next((d for d in directives if d.covers(f.line, f.rule, f.category)), None)
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


def _pos_key(f: Finding) -> tuple[int, int, str, str]:
    return (f.line, f.column, f.rule, f.field)


def _replace(f: Finding, **changes: Any) -> Finding:
    import dataclasses

    return dataclasses.replace(f, **changes)


def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of ``text`` (ends exclusive, sorted).

    One regex pass: a full stop ends a sentence only before a capital, a quote, a block edge or
    the end, and not after a common abbreviation ("e.g.", "Dr.", "No. 1").
    """
    ends = [m.end() for m in _SENT_END.finditer(text)]
    n = len(text)
    if not ends or ends[-1] < n:
        ends.append(n)
    starts = [0, *ends[:-1]]
    return starts, ends


def _negated(low: str, s0: int, a: int, spans: list[tuple[int, int]] = ()) -> bool:  # type: ignore[assignment]
    """Is the claim starting at ``a`` negated by a word before it in its own clause?

    Only the clause the claim is in counts (a comma, a conjunction or "just" ends the scope),
    and a negator inside another claim of the sentence ("no-downtime", "no pain") is that
    claim's own wording, not a negation of this one.
    """
    w0 = max(s0, a - 80)
    window = low[w0:a]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.end()
    for m in _NEGATOR.finditer(window, cut):
        at = w0 + m.start()
        if not any(sa <= at < sb for sa, sb in spans):
            return True
    return False


def _post_negated(low: str, b: int, s1: int) -> bool:
    return bool(_POST_NEGATOR.match(low, b, s1))


def _excerpt(sentence: str) -> str:
    text = " ".join(sentence.replace(BOUNDARY, " ").split())
    return text if len(text) <= 240 else text[:237] + "..."


def _dedupe(matches: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """One finding per category for overlapping text: the earliest, longest match wins."""
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2].code))
    kept: list[tuple[int, int, Rule]] = []
    for a, b, rule in matches:
        if any(k[2].category == rule.category and a < k[1] and k[0] < b for k in kept):
            continue
        kept.append((a, b, rule))
    return kept


def _align(value: str, norm: str, s: int, e: int) -> Mapping:
    """Map a YAML string value's offsets to the source, word by word (handles quoting/folding)."""
    m = Mapping()
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
