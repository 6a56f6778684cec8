"""How page bodies are turned into HTML: one configuration for the build and the page check."""

from __future__ import annotations

from typing import Any

import markdown

__all__ = ["MARKDOWN_CONFIG", "MARKDOWN_EXTENSIONS", "make_markdown"]

MARKDOWN_EXTENSIONS = ["extra", "toc", "sane_lists", "smarty"]
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {
    "footnotes": {"BACKLINK_TEXT": "↩", "SEPARATOR": "-"},
    "toc": {"permalink": False},
}


def make_markdown() -> markdown.Markdown:
    """A Markdown converter as the build uses it (call ``reset()`` between pages)."""
    return markdown.Markdown(
        extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html"
    )
