"""The front matter parser: safe_load semantics, with the file's own lines and columns."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_lint.frontmatter import FrontMatterError, load_yaml, parse_front_matter

PAGE = (
    "---\ntitle: Facial mesotherapy\nfacts:\n  price_from: 150\nlast_reviewed: 2026-10-12\n"
    "---\n# Body\n"
)


def test_values_are_typed_and_positions_kept() -> None:
    fm = parse_front_matter(PAGE, "p.md")
    assert fm.data["facts"]["price_from"] == 150
    assert fm.data["last_reviewed"] == dt.date(2026, 10, 12)
    assert fm.line_of("title") == 2
    assert fm.line_of("facts", "price_from") == 4
    assert fm.key_line("last_reviewed") == 5
    assert fm.body == "# Body\n" and fm.body_line == 7


@pytest.mark.parametrize("prefix, newline", [("", "\r\n"), ("\ufeff", "\n"), ("\ufeff", "\r\n")])
def test_bom_and_crlf_keep_line_numbers(prefix: str, newline: str) -> None:
    fm = parse_front_matter(prefix + PAGE.replace("\n", newline), "p.md")
    assert fm.line_of("facts", "price_from") == 4
    assert fm.body_line == 7 and fm.body == "# Body\n"


def test_a_page_without_front_matter_is_all_body() -> None:
    fm = parse_front_matter("Just text\n", "p.md")
    assert fm.data == {} and fm.body == "Just text\n" and fm.body_line == 1


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ("---\ntitle: a: b\n---\n", 2, 9, "mapping values are not allowed"),
        ("---\ntitle: x\nsummary: y\ntitle: z\n---\n", 4, 1, "appears twice (first on line 2)"),
        ("---\n- a\n- b\n---\n", 2, 1, "must be a list of 'key: value' fields"),
        ("---\ntitle: x\n", 1, 1, "never closed"),
        ("---\nx: !!python/object/apply:os.system [true]\n---\n", 2, 4, "constructor"),
        ("---\ntitle: [unclosed\nsummary: y\n---\n", 3, 8, "starts on line 2"),
    ],
)
def test_errors_name_the_line_and_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        parse_front_matter(text, "page.md")
    err = info.value
    assert (err.path, err.line, err.column) == ("page.md", line, column), err.render()
    assert words in err.message
    assert err.hint, "every error says what to do"
    assert err.render().startswith(f"page.md:{line}:{column}: ")


def test_yaml_tags_never_execute(tmp_path) -> None:
    marker = tmp_path / "owned"
    text = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    with pytest.raises(FrontMatterError):
        parse_front_matter(text, "p.md")
    assert not marker.exists()


def test_load_yaml_reports_file_lines() -> None:
    with pytest.raises(FrontMatterError) as info:
        load_yaml("a: 1\nb: [\n", "data.yaml")
    assert info.value.line == 3
    node, data = load_yaml("a: 1\nb: 2\n", "data.yaml")
    assert data == {"a": 1, "b": 2} and node.value[1][0].start_mark.line == 1


def _bomb(levels: int = 9) -> str:
    text = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
    for i in range(1, levels):
        text += f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 1 else f'l{i - 1}'}"] * 9) + "]\n"
    return text


def test_an_alias_bomb_is_refused_before_it_is_composed() -> None:
    with pytest.raises(FrontMatterError) as info:
        load_yaml(_bomb(), "d.yaml")
    assert "more than 20,000 values" in info.value.message
    assert info.value.line == 5  # 9 ** 5 values: the first level past the limit


def test_front_matter_may_not_use_aliases_and_data_files_may_share_lists() -> None:
    with pytest.raises(FrontMatterError, match="alias '\\*a' is not allowed"):
        parse_front_matter("---\na: &a x\nb: *a\n---\n", "p.md")
    node, data = load_yaml("a: &a [1, 2]\nb: [*a, 3]\n", "d.yaml")
    assert data["b"] == [[1, 2], 3]


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(FrontMatterError, match="refers to the value it is inside"):
        load_yaml("x: &x [1, *x]\n", "d.yaml")
