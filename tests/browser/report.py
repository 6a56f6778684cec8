"""Where the browser suite writes what it measured: test-reports/ and a block in docs/theme.md."""

from __future__ import annotations

import re
from pathlib import Path

DOCS_THEME = Path(__file__).resolve().parents[2] / "docs" / "theme.md"


def write_docs_block(name: str, text: str, doc: Path = DOCS_THEME) -> None:
    """Replace the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` in the doc.

    The doc keeps its prose; only the measured figures change from run to run. Nothing is
    written when the doc or its markers are missing.
    """
    if not doc.exists():
        return
    current = doc.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(current):
        return
    updated = pattern.sub(lambda m: m.group(1) + text.rstrip() + "\n" + m.group(2), current)
    if updated != current:
        doc.write_text(updated, encoding="utf-8")
