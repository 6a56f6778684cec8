"""The build's Markdown converter: Python-Markdown as configured, only faster to run."""

from __future__ import annotations

import os
import random
from pathlib import Path

import markdown
import pytest
from clinic_schema.markdown import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS, make_markdown

ROOT = Path(__file__).resolve().parents[2]
# Every inline construct the extensions handle, and text that trips their patterns.
TRICKY = """\
# Title {#custom .cls}

"Quotes" and 'single' -- dashes --- and ... ellipses << angle >> 'n' 90's.
*em* **strong** ***both*** _under_ __strong__ a*b*c snake_case_word \\*escaped\\*
`code with *stars*` and ``double `tick` code``; <span>inline html</span> &amp; &copy; &#169;
A [link](https://example.org "title"), ![image](a.png), [ref][r], [r], <https://example.org>,
<someone@example.org>, a footnote[^n] and a line break{BREAK}
here. Abbr: HTML.

*[HTML]: Hyper Text Markup Language
[r]: https://example.org/ref
[^n]: The note, with *emphasis* and "quotes".

Term
:   Definition with `code`.

| a | b |
|---|---|
| *x* | "y" |

```python
x = "not *processed*"
```
""".replace("{BREAK}", "  ")  # two spaces: a <br>


def _plain() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html"
    )


@pytest.mark.parametrize(
    "path",
    [None, *sorted((ROOT / "content").rglob("*.md"))],
    ids=lambda p: "tricky" if p is None else p.name,
)
def test_the_build_converter_writes_what_python_markdown_writes(path: Path | None) -> None:
    text = TRICKY if path is None else path.read_text(encoding="utf-8")
    fast, plain = make_markdown(), _plain()
    for _ in range(2):  # and again after reset(), as the reader uses it
        fast.reset()
        plain.reset()
        assert fast.convert(text) == plain.convert(text)


def test_its_inline_processors_see_every_registered_pattern_in_order() -> None:
    fast, plain = make_markdown(), _plain()
    for mine, theirs in zip(fast.treeprocessors, plain.treeprocessors, strict=True):
        if hasattr(theirs, "inlinePatterns"):
            names = [type(p).__name__ for p in theirs.inlinePatterns]
            assert [type(p).__name__ for p in mine.inlinePatterns] == names
            assert len(mine.inlinePatterns) == len(theirs.inlinePatterns) > 0


def _project_markdown() -> list[Path]:
    """The project's own Markdown (docs, content, fixtures), and any a test tool installed
    under tests/ — never a virtual environment's or the build output's."""
    skip = {".git", ".venv", "venv", "output", "site-packages", "node_modules", "__pycache__"}
    found = set((ROOT / "tests").rglob("*.md"))
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in skip]  # never walked into
        found.update(Path(folder, n) for n in names if n.endswith(".md"))
    return sorted(found)


def test_every_markdown_file_of_the_project_converts_the_same() -> None:
    fast, plain = make_markdown(), _plain()
    files = _project_markdown()
    assert len(files) > 20  # a fresh clone has its docs and content; CI adds node_modules
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        fast.reset()
        plain.reset()
        assert fast.convert(text) == plain.convert(text), path


# Pieces that start, end or break inline constructs, mixed at random (seeded).
PIECES = [
    *"*_`[]()!<>&\\\"'-.^:# \n",
    "**", "__", "``", "--", "---", "...", "<<", ">>", "  \n", "\n\n", "[^n]", "[^n]: note\n",
    "[r]: /x\n", "<b>", "</b>", "<!-- c -->", "&amp;", "&#1;", "http://a.b", "<http://a.b>",
    "a@b.c", "<a@b.c>", "word", "it's", "90's", " 'q' ", ' "q" ', "{: .c }", "*[A]: B\n", "A",
]  # fmt: skip


def test_random_inline_markup_converts_the_same() -> None:
    fast, plain = make_markdown(), _plain()
    rng = random.Random(12)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        fast.reset()
        plain.reset()
        assert fast.convert(text) == plain.convert(text), repr(text)
