"""How page bodies are turned into HTML: one configuration for the build and the page check."""

from __future__ import annotations

from typing import Any

import markdown
from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

__all__ = ["MARKDOWN_CONFIG", "MARKDOWN_EXTENSIONS", "make_markdown"]

MARKDOWN_EXTENSIONS = ["extra", "toc", "sane_lists", "smarty"]
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {
    "footnotes": {"BACKLINK_TEXT": "↩", "SEPARATOR": "-"},
    "toc": {"permalink": False},
}


def make_markdown() -> markdown.Markdown:
    """A Markdown converter as the build uses it (call ``reset()`` between pages)."""
    md = markdown.Markdown(
        extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html"
    )
    for processor in md.treeprocessors:
        if isinstance(processor, InlineProcessor):
            _quicken(processor)
    return md


def _quicken(processor: InlineProcessor) -> None:
    """The same inline processing with less Python per pattern tried.

    Python-Markdown tries every inline pattern (about 30 with smarty) on every piece of text,
    each through a method that sorts the registry, looks the pattern up by name and starts a
    regex scan: most of a page's conversion, and almost always for nothing. Here the patterns
    are a tuple in the registry's order (the extensions used register theirs when the
    converter is made, never while it converts), and a pattern whose regex finds nothing from
    the scan's start is passed over at once. Python-Markdown's own step does exactly that then
    (no match: the text unchanged, the next pattern from the start), so the output is the same
    (tests/unit/test_markdown_config.py converts pages both ways). Were the private methods
    ever renamed, the converter would keep its own loop (with the tuple).
    """
    registry = processor.inlinePatterns
    patterns = tuple(registry[i] for i in range(len(registry)))
    processor.inlinePatterns = patterns  # type: ignore[assignment]
    apply = getattr(processor, "_InlineProcessor__applyPattern", None)
    if apply is None or not hasattr(processor, "_InlineProcessor__handleInline"):
        return
    # Only the regex-driven patterns: an old-style one matches from the scan's start instead.
    regexes = tuple(
        p.getCompiledRegExp() if isinstance(p, inlinepatterns.InlineProcessor) else None
        for p in patterns
    )
    count = len(patterns)

    def handle_inline(data: str, pattern_index: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        start = 0
        while pattern_index < count:
            regex = regexes[pattern_index]
            if regex is not None and regex.search(data, start) is None:
                pattern_index += 1
                start = 0
                continue
            data, matched, start = apply(patterns[pattern_index], data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data

    processor._InlineProcessor__handleInline = handle_inline  # type: ignore[attr-defined]
