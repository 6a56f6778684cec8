"""Property-based tests of the reading path: hostile front matter and Markdown never crash it.

For any text, ``parse_front_matter`` returns front matter or raises ``FrontMatterError``; the
page checks (schema, registry merge, review dates) return problems; and a real
``ClinicReader.read`` of the file never raises. Every position reported points into the file:
1 <= line <= its number of lines, and the column (when given, 0 means "not known") lies within
that line or just after its end.

Example counts are modest so the suite stays fast; ``benchmarks/fuzz_reader.py`` runs the same
properties for longer campaigns (``FUZZ_EXAMPLES`` raises the count here too).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from claims_lint.frontmatter import (
    FrontMatter,
    FrontMatterError,
    normalise_newlines,
    parse_front_matter,
)
from clinic import state
from clinic.problems import Problem, ProblemLog
from clinic.safety import merge
from clinic_schema import check_page, load_site, page_schema
from clinic_schema.markdown import make_markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TODAY = dt.date(2026, 11, 22)


# --- positions --------------------------------------------------------------------------------


def source_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them (a BOM is not a character of line 1)."""
    return normalise_newlines(text).split("\n")


def assert_inside(text: str, line: int, column: int, what: str) -> None:
    lines = source_lines(text)
    assert 1 <= line <= len(lines), f"{what}: line {line} outside 1..{len(lines)}"
    width = len(lines[line - 1])
    assert column == 0 or 1 <= column <= width + 1, (
        f"{what}: column {column} outside line {line} (1..{width + 1}): {lines[line - 1]!r}"
    )


def check_front_matter(text: str, fm: FrontMatter) -> None:
    lines = source_lines(text)
    assert 1 <= fm.body_line <= len(lines) + 1
    body_lines = fm.body.split("\n")
    if fm.body:  # an empty body after a final fence with no newline starts just past the end
        assert fm.body_line + len(body_lines) - 1 <= len(lines), "the body runs past the file"
    for key in fm.data:
        if isinstance(key, str):
            assert_inside(text, fm.line_of(key), 0, f"line_of({key!r})")
    for _path, node in fm.iter_scalars():
        assert_inside(text, *fm.position(node), "scalar start")


def check_problems(text: str, problems: list[Problem], what: str) -> None:
    for p in problems:
        assert isinstance(p, Problem), p
        assert p.message, p
        assert p.severity in ("error", "warning"), p
        assert_inside(text, p.line, p.column, f"{what}: {p.render()}")


# --- strategies -------------------------------------------------------------------------------

KEYS = [
    *page_schema("treatment")["properties"],
    *page_schema("page")["properties"],
    *page_schema("treatment")["properties"]["facts"]["properties"],
    "side_effects",
    "common",
    "rare",
    "text",
    "id",
    "Title",
    "titel",
    "",
    "? x",
    "- a",
    "<<",
]
# Fragments that stress YAML and Markdown: indicators, tags, anchors, quotes, tabs, Unicode.
NASTY = [
    ":",
    ": ",
    " #",
    "#",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!tag",
    "|",
    ">-",
    "- ",
    "? ",
    "---",
    "...",
    "\t",
    "\\",
    "%YAML 1.1",
    "@",
    "`",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\r",
    "\r\n",
    "é",
    "ё",
    "𝔘",
    "\x00",
    "\x85",
    "\u2028",
    "2026-02-30",
    "2026-10-12",
    "1e400",
    "0x1F",
    "~",
    "null",
    "yes",
    "<script>",
    "[^aust-2008]",
    "**",
    "```",
    "~~~",
    "no side effects",
    "suitable for everyone",
]
WORDS = [
    "title",
    "skin",
    "results vary",
    "about 30 minutes",
    "Bath",
    "150",
    "helen-ashby",
    "derma-roller",
    "mesotherapy-facial",
    "treatment",
]

fragment = st.one_of(st.sampled_from(NASTY), st.sampled_from(WORDS), st.text(max_size=8))
scalar_text = st.lists(fragment, max_size=6).map("".join)


@st.composite
def yaml_line(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4, 1, 3]))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"{indent}{draw(st.sampled_from(KEYS))}: {draw(scalar_text)}"
    if kind == 1:
        return f"{indent}{draw(st.sampled_from(KEYS))}:"
    if kind == 2:
        return f"{indent}- {draw(scalar_text)}"
    if kind == 3:
        return f"{indent}{draw(scalar_text)}"
    return ""


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few characters inserted, deleted or replaced."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(chars)))
        op = draw(st.integers(0, 2))
        if op == 0:
            chars.insert(pos, draw(st.sampled_from(NASTY + list(":-#'\"[]{}\n \t"))))
        elif chars and pos < len(chars):
            if op == 1:
                del chars[pos]
            else:
                chars[pos] = draw(st.sampled_from(list(":-#'\"[]{}\n \tx")))
    return "".join(chars)


markdown_line = st.one_of(
    scalar_text,
    st.sampled_from(
        [
            "## What it is",
            "- a list item",
            "1. first",
            "> a quote",
            "```",
            "~~~",
            "| a | b |",
            "|---|---|",
            '![alt](x.png "t")',
            "[link](/contact/ 'title')",
            "<div>raw</div>",
            "Results vary.[^aust-2008]",
            "[^aust-2008]: defined here",
            "[^unknown-1]",
            "***",
            "There are no side effects.",
            "**no** side-effects",
            "    code",
            "<!-- x -->",
            "\\",
            "It is suitable for everyone.",
            "*[HTML]: Hyper Text",
            "Term\n: definition",
        ]
    ),
)
markdown_body = st.lists(markdown_line, max_size=12).map("\n".join)


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
item = st.one_of(
    safe_text,
    st.fixed_dictionaries({"text": safe_text}),
    st.fixed_dictionaries({"id": safe_text, "text": safe_text}),
    st.integers(),
    st.none(),
)
value = st.one_of(
    safe_text,
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.none(),
    st.lists(item, max_size=3),
)


@st.composite
def treatment_data(draw: st.DrawFn) -> dict[str, Any]:
    """Front matter close to a real treatment page, with some fields dropped or wrong."""
    facts = {
        "session_length": "About 30 minutes",
        "course": "4 to 6 sessions",
        "results_timeline": "Varies",
        "recovery": "Redness for a day",
        "price_from": 150,
    }
    data: dict[str, Any] = {
        "title": "Facial mesotherapy",
        "treatment": draw(
            st.sampled_from(
                [
                    "mesotherapy-facial",
                    "derma-roller",
                    "mesotherapy-cellulite",
                    "mesotherapy-hair",
                    "botox",
                    "",
                ]
            )
        ),
        "summary": "Small injections into the skin; results vary.",
        "reviewed_by": draw(st.sampled_from(["helen-ashby", "tom-okafor", "grace-lim", "x"])),
        "last_reviewed": dt.date(2026, 10, 12),
        "next_review": dt.date(2027, 4, 12),
        "facts": facts,
    }
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=3, unique=True)):
        del data[key]
    for key in draw(st.lists(st.sampled_from(list(facts)), max_size=2, unique=True)):
        if isinstance(data.get("facts"), dict):
            data["facts"][key] = draw(value)
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3)):
        data[key] = draw(value)
    if draw(st.booleans()):
        data["contraindications"] = draw(st.lists(item, max_size=3))
    if draw(st.booleans()):
        data["side_effects"] = draw(
            st.dictionaries(
                st.sampled_from(["common", "rare", "other"]), st.lists(item, max_size=3), max_size=3
            )
        )
    if draw(st.booleans()):
        data["aftercare"] = draw(st.one_of(st.lists(item, max_size=3), value))
    return data


@st.composite
def page_text(draw: st.DrawFn) -> str:
    """A whole page: structured, mutated, or raw text, with LF, CRLF or CR and maybe a BOM."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        front = dump(draw(treatment_data()))
        text = f"---\n{front}---\n{draw(markdown_body)}\n"
    elif kind == 1:
        front = dump(draw(treatment_data()))
        text = draw(mutated(f"---\n{front}---\n{draw(markdown_body)}\n"))
    elif kind == 2:
        lines = draw(st.lists(yaml_line(), max_size=10))
        closer = draw(st.sampled_from(["---", "...", "--- ", "", "----"]))
        text = "\n".join(["---", *lines, closer, draw(markdown_body)])
    else:
        text = draw(st.text(max_size=200))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


# --- the data the checks use ------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def site_data() -> Any:
    return load_site(ROOT / "content")


def page_problems(fm: FrontMatter, kind: str) -> list[Problem]:
    """The page check as the build runs it (production), on ``fm``."""
    rendered = make_markdown().convert(fm.body)
    return check_page(fm, kind, site_data(), today=TODAY, rendered=rendered, strict=True).problems


def parse(text: str) -> FrontMatter | None:
    """The property of the parser itself: a result, or a FrontMatterError inside the file."""
    try:
        fm = parse_front_matter(text, "page.md")
    except FrontMatterError as exc:
        assert exc.path == "page.md"
        assert exc.message
        assert_inside(text, exc.line, exc.column, f"FrontMatterError {exc.render()}")
        return None
    assert isinstance(fm.data, dict)
    check_front_matter(text, fm)
    return fm


# --- the properties ---------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=300))
def test_any_text_parses_or_fails_inside_the_file(text: str) -> None:
    parse(text)


@FUZZ
@given(
    st.lists(yaml_line(), max_size=12),
    st.sampled_from(["---", "...", "--- ", "---\t", "", "----"]),
    markdown_body,
)
def test_yaml_shaped_front_matter_parses_or_fails_inside_the_file(
    lines: list[str], closer: str, body: str
) -> None:
    parse("\n".join(["---", *lines, closer, body]))


@FUZZ
@given(page_text(), st.sampled_from(["treatment", "page"]))
def test_page_checks_report_problems_inside_the_file(text: str, kind: str) -> None:
    fm = parse(text)
    if fm is None:
        return
    registry = site_data().registry
    problems = page_problems(fm, kind)
    key = fm.data.get("treatment")
    treatment = registry.treatments.get(key) if isinstance(key, str) else None
    if kind == "treatment" and treatment is not None:
        safety, merge_problems = merge(fm, treatment)
        problems += merge_problems
        required = safety.required()
        for base in (treatment.contraindications, treatment.side_effects_common):
            assert all(
                i in required["contraindications"] + required["side-effects"] for i in base
            ), "a page removed a registry item"
    check_problems(text, problems, "page checks")


# --- a real reader run ------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _leave_no_trace() -> Iterator[None]:
    """The reader tests start a plugin build state: restore the global, remove the temp dir."""
    saved = state._state
    yield
    if reader_site.cache_info().currsize:
        shutil.rmtree(reader_site()[1], ignore_errors=True)
        reader_site.cache_clear()
    state._state = saved


@functools.lru_cache(maxsize=1)
def reader_site() -> tuple[Any, Path]:
    """A throwaway content dir with the real data files, the build state and a ClinicReader."""
    from clinic.reader import ClinicReader
    from pelican.settings import read_settings

    root = Path(tempfile.mkdtemp(prefix="fuzz-reader-"))
    shutil.copytree(ROOT / "content" / "data", root / "content" / "data")
    (root / "content" / "treatments").mkdir()
    (root / "content" / "pages").mkdir()
    settings = read_settings(
        None,
        override={
            "PATH": str(root / "content"),
            "CLINIC_STRICT": True,
            "CLINIC_TODAY": TODAY.isoformat(),
            "CLINIC_DATA_DIR": "data",
        },
    )
    state.start(settings)
    return ClinicReader(settings), root


def fresh_state() -> state.BuildState:
    """The build state of ``reader_site`` with an empty problem log (cheaper than a restart)."""
    build = state.current()
    build.problems = ProblemLog()
    build.pages.clear()
    return build


def read_page(text: str, folder: str) -> list[Problem]:
    reader, root = reader_site()
    build = fresh_state()
    path = root / "content" / folder / "page.md"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    content, metadata = reader.read(str(path))
    assert isinstance(content, str)
    assert isinstance(metadata, dict) and isinstance(metadata.get("title"), str)
    shown = build.display_path(path)
    assert all(p.path == shown for p in build.problems.problems), build.problems.problems
    return build.problems.problems


@FUZZ
@given(page_text(), st.sampled_from(["treatments", "pages"]))
# a title YAML reads as a date passes the schema as text, and the page keeps it as text
@example(
    "---\ntitle: 2000-01-01\ntreatment: mesotherapy-facial\nsummary: Small injections into the"
    " skin; results vary.\nreviewed_by: helen-ashby\nlast_reviewed: 2026-10-12\n"
    "next_review: 2027-04-12\nfacts:\n  session_length: About 30 minutes\n  course: 4 to 6"
    " sessions\n  results_timeline: Varies\n  recovery: Redness for a day\n  price_from: 150\n"
    "---\n\n",
    "treatments",
)
def test_the_reader_never_raises_and_reports_inside_the_file(text: str, folder: str) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be saved
    problems = read_page(text, folder)
    check_problems(text, problems, "reader")


@FUZZ
@given(st.binary(max_size=120))
def test_the_reader_survives_bytes_that_are_not_utf8(data: bytes) -> None:
    reader, root = reader_site()
    build = fresh_state()
    path = root / "content" / "treatments" / "bytes.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + data)
    reader.read(str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problem = build.problems.problems[0]
        assert "UTF-8" in problem.message
        assert problem.line >= 1
        return
    check_problems("---\ntitle: x\n---\n" + text, build.problems.problems, "reader")


# --- known inputs, kept as regressions --------------------------------------------------------

REGRESSIONS = [
    "",  # empty file
    "---",  # opened, never closed
    "---\n---\n",  # empty front matter
    "---\n- a\n---\n",  # a list, not fields
    "---\ntitle: a\ntitle: b\n---\n",  # duplicate key
    "---\na: !!python/object/apply:os.system ['true']\n---\n",  # a tag must not run
    "---\ntitle: [\n---\n",  # unclosed bracket
    "\ufeff---\r\ntitle: x\r\nsummary: 'a\r\n---\r\n",  # BOM, CRLF, unclosed quote
    "---\ntitle: x\n\tsummary: y\n---\n",  # a tab
    "---\nfacts: 1\nside_effects: {common: 3, rare: [{}], x: []}\ncontraindications: [{text: 1}]"
    "\n---\nThere are no side effects.\n",
    "---\n? [a]\n: b\n---\n",  # a complex key
    "---\n*a\n---\n",  # an unknown alias
    "---\nlast_reviewed: 2026-02-30\n---\n",  # an impossible date
    "---\n" + "a: " * 50 + "\n---\n",
    "---\nx: " + "[" * 300 + "\n---\n",  # deep nesting
]


def test_regressions_parse_or_fail_inside_the_file() -> None:
    for text in REGRESSIONS:
        fm = parse(text)
        if fm is not None:
            problems = page_problems(fm, "treatment")
            check_problems(text, problems, repr(text))


def test_regressions_through_the_reader() -> None:
    for text in REGRESSIONS:
        check_problems(text, read_page(text, "treatments"), repr(text))


def test_missing_fields_without_front_matter_are_reported_on_line_1() -> None:
    # Found by the fuzz tests: a page with no front matter at all got its "missing required
    # field" problems at line 0 ("page.md: error: ...", no line).
    fm = parse_front_matter("Just a body.\n", "page.md")
    problems = [p for p in page_problems(fm, "treatment") if p.code in ("schema", "signoff")]
    assert problems
    assert all(p.line == 1 for p in problems), [p.render() for p in problems]


def test_the_reader_survives_a_list_as_reviewed_by() -> None:
    # Found by the fuzz tests (a crash): the reader looked the reviewer up with the value as a
    # dict key, "TypeError: unhashable type: 'list'" for a list (or a mapping), and Pelican
    # dropped the page instead of our schema error "'reviewed_by' must be text" at its line.
    for value in ("[helen-ashby]", "{a: 1}"):
        text = f"---\ntitle: x\nsummary: y\nreviewed_by: {value}\n---\nBody\n"
        problems = read_page(text, "pages")
        assert any(p.line == 4 and "reviewed_by" in p.message for p in problems), problems


def test_a_control_character_in_front_matter_is_a_front_matter_error() -> None:
    # Found by the fuzz tests: yaml.SafeLoader() itself raised ReaderError (a traceback, and
    # Pelican dropped the page) for a control character such as U+001F.
    # libyaml (CSafeLoader) reports the place as a byte offset: characters of more than one
    # byte before it must not move the reported line and column.
    for text, where in [
        ("---\ntitle: ok\nsummary: a\x1fb\n---\n", (3, 11)),
        ("---\ntitle: ééé€€\nsummary: a\x1fb\n---\n", (3, 11)),
        ("---\ntitle: ééé€€ \x1f\n---\n", (2, 14)),
    ]:
        try:
            parse_front_matter(text, "page.md")
        except FrontMatterError as exc:
            assert (exc.line, exc.column) == where, (text, exc.render())
            assert "U+001F" in exc.message
        else:
            raise AssertionError("no FrontMatterError")


def test_alphabet_sanity() -> None:
    # The strategies above must be able to produce the characters YAML cares about.
    assert set(":#'\"[]{}") <= set("".join(NASTY)) | set(string.punctuation)
