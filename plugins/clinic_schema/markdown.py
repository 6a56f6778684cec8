"""How page bodies are turned into HTML: one configuration for the build and the page check."""

from __future__ import annotations

from typing import Any

import markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry

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
            processor.inlinePatterns = _Patterns(processor.inlinePatterns)
    return md


class _Patterns(tuple):  # type: ignore[type-arg]
    """An inline processor's patterns, in its registry's order, as a tuple.

    Python-Markdown's inline processor reads its patterns by index (``len`` and ``[i]``,
    nothing else), about 1,200 times a page: every pattern on every piece of text, and a
    registry sorts itself and looks the entry up by name each time. The extensions used here
    register their patterns when the converter is made, never while it converts, so the tuple
    holds what the registry would return (tests/unit/test_markdown_config.py converts pages
    both ways).
    """

    def __new__(cls, registry: Registry) -> _Patterns:  # type: ignore[type-arg]
        return super().__new__(cls, (registry[i] for i in range(len(registry))))
