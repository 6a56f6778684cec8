"""Property-based tests: hostile Markdown, HTML and front matter never crash the linter.

Every run ends in a result whose positions all lie inside the file, or an InputError that names
the file and a line. (benchmarks/fuzz_claims.py runs the same properties for longer.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claims_lint import Config, InputError, Linter, LintResult
from claims_lint.frontmatter import normalise_newlines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
LINTER = Linter(Config(today=dt.date(2026, 6, 1), evidence_path=FIX / "evidence.yaml"))

FRAGMENTS = [
    "painless", "pain", "less", "safe", "zero downtime", "guaranteed", "melts fat", "Botox",
    "**", "*", "_", "~~", "`", "``", "```\n", "~~~\n", "\n", "\n\n", "\r\n", "\r", "# ", "## ",
    "- ", "1. ", "> ", "    ", "\t", "|", "|---|---|\n", "[", "]", "](", "(", ")", "![", '"',
    "'", "<b>", "</b>", "<p>", "<img alt='painless' src=x>", "<!--", "-->", "<script>",
    "</script>", "<pre>", "&shy;", "&#8203;", "&amp;", "&", "\u200b", "\u00ad", "\u00a0",
    "\ufeff", "р", "α", "ﬁ", "𝐩", "😀", "é", "\u0301", "[^x]", "[^aust-2008]", "[^old-study]",
    "[^x]: note\n", '<!-- claims-lint: disable PAI001 reason="ok" -->',
    "<!-- claims-lint: disable -->",
    "<!-- claims-lint: disable-file SAF001 reason=x until=2000-01-01 -->",
    " ", ".", "?", "!", ":", "---", "---\n", "===\n", "http://x.org/painless", "\\*", "\\",
    "not ", "no ", "Is it safe?", "\x1f", "\x0b", "\u2028",
]  # fmt: skip

markdown = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(
    "".join
)

yaml_scalar = st.one_of(
    st.sampled_from(
        [
            "painless",
            "'quoted: painless'",
            '"esc \\u0070ainless"',
            "|\n  block painless",
            ">\n  folded\n  pain-free",
            "[a, painless]",
            "{a: b}",
            "!!python/object:os.system",
            "&a x",
            "*a",
            "- item",
            "2026-01-01",
            "null",
            "'unclosed",
            '"bad \\q"',
            "",
        ]
    ),
    st.text(max_size=12),
)
front_matter = st.lists(
    st.tuples(
        st.sampled_from(["title", "summary", "faq", "facts", "x", "title", "a b", "-"]), yaml_scalar
    ),
    max_size=6,
).map(lambda kv: "---\n" + "".join(f"{k}: {v}\n" for k, v in kv) + "---\n")


def _check_positions(text: str, res: LintResult) -> None:
    norm = normalise_newlines(text)
    lines = norm.split("\n")
    for f in res.findings + [c.finding for c in res.cleared] + [s.finding for s in res.suppressed]:
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert f.line <= f.end_line <= len(lines), f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f
        assert f.rule and f.severity in ("error", "warning")


def _lint(text: str, kind: str) -> None:
    try:
        res = LINTER.lint_source(text, "fuzz.md", kind)
    except InputError as exc:
        assert exc.path == "fuzz.md" and exc.line >= 1 and exc.message
        return
    _check_positions(text, res)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(markdown)
def test_markdown_never_crashes(text: str) -> None:
    _lint(text, "markdown")


@FUZZ
@given(front_matter, markdown)
def test_front_matter_never_crashes(fm: str, body: str) -> None:
    _lint(fm + body, "markdown")


@FUZZ
@given(markdown)
def test_html_and_text_never_crash(text: str) -> None:
    _lint(text, "html")
    _lint(text, "text")


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_give_a_result_or_a_file_line_error(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "page.md"
    path.write_bytes(data)
    try:
        res = LINTER.lint_path(path)
    except InputError as exc:
        assert exc.path == str(path) and exc.line >= 1
        return
    _check_positions(data.decode("utf-8-sig"), res)
