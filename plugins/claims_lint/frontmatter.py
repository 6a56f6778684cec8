"""YAML front matter with source positions.

A page is ``---`` / YAML / ``---`` / Markdown. We parse the YAML once with ``yaml.SafeLoader``
(``yaml.safe_load`` semantics: no tags execute anything) but keep the composed node tree, so every
later problem can be reported at the file's own line and column, also for files with a BOM or
CRLF line endings. Both the Pelican reader and the claims linter use this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = [
    "FrontMatter",
    "FrontMatterError",
    "normalise_newlines",
    "load_yaml",
    "parse_front_matter",
]

_FENCE = "---"
_CLOSERS = ("---", "...")


class FrontMatterError(ValueError):
    """A front matter problem at a 1-based ``line``/``column`` of ``path``."""

    def __init__(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


@dataclass
class FrontMatter:
    """Parsed front matter: plain data plus the node tree that remembers positions."""

    path: str
    data: dict[str, Any]
    node: yaml.MappingNode | None
    body: str  # the Markdown after the closing fence (newlines normalised to \n)
    body_line: int  # 1-based source line on which ``body`` starts
    first_line: int = 2  # 1-based source line of the first YAML line
    _keys: dict[str, yaml.Node] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.node is not None:
            self._keys = {k.value: v for k, v in self.node.value if isinstance(k, yaml.ScalarNode)}

    def line_of(self, *path: str | int) -> int:
        """Source line of the value at ``path`` (e.g. ``"facts", "price_from"``).

        Falls back to the nearest existing parent, and to the opening fence for an absent
        top-level key, so a "missing key" error still points into the front matter.
        """
        node = self.node_at(*path)
        if node is None:
            return self.first_line - 1
        return self.first_line + node.start_mark.line

    def key_line(self, key: str) -> int:
        """Source line of a top-level key (not its value), or the fence if absent."""
        if self.node is not None:
            for k, _ in self.node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return self.first_line + k.start_mark.line
        return self.first_line - 1

    def node_at(self, *path: str | int) -> yaml.Node | None:
        node: yaml.Node | None = self.node
        found: yaml.Node | None = self.node
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = next(
                    (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part),
                    None,
                )
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part] if 0 <= part < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            found = node
        return found if path else self.node

    def position(self, node: yaml.Node) -> tuple[int, int]:
        """1-based (line, column) in the source file of ``node``'s start."""
        return self.first_line + node.start_mark.line, node.start_mark.column + 1

    def end_position(self, node: yaml.Node) -> tuple[int, int]:
        return self.first_line + node.end_mark.line, node.end_mark.column + 1

    def iter_scalars(self) -> Iterator[tuple[tuple[str | int, ...], yaml.ScalarNode]]:
        """Every scalar value with its key path, in document order."""

        def walk(
            node: yaml.Node, path: tuple[str | int, ...]
        ) -> Iterator[tuple[tuple[str | int, ...], yaml.ScalarNode]]:
            if isinstance(node, yaml.ScalarNode):
                yield path, node
            elif isinstance(node, yaml.SequenceNode):
                for i, child in enumerate(node.value):
                    yield from walk(child, (*path, i))
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    yield from walk(v, (*path, k.value if isinstance(k, yaml.ScalarNode) else "?"))

        if self.node is not None:
            yield from walk(self.node, ())


def normalise_newlines(text: str) -> str:
    """Drop a BOM and turn CRLF/CR into LF; line numbers are unchanged by this."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_front_matter(text: str, path: str = "<string>") -> FrontMatter:
    """Split ``text`` into front matter and body; raise :class:`FrontMatterError` on bad YAML.

    A file without an opening ``---`` line has empty front matter and is all body.
    """
    text = normalise_newlines(text)
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return FrontMatter(path=path, data={}, node=None, body=text, body_line=1, first_line=1)

    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if close is None:
        raise FrontMatterError(
            path,
            1,
            1,
            "the front matter opened with '---' is never closed",
            "add a line containing only '---' after the last front matter field",
        )
    yaml_text = "\n".join(lines[1:close]) + "\n"
    body = "\n".join(lines[close + 1 :])
    node, data = _load(yaml_text, path, first_line=2)
    if node is None:
        data = {}
    elif not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise FrontMatterError(
            path,
            2 + node.start_mark.line,
            node.start_mark.column + 1,
            "the front matter must be a list of 'key: value' fields",
            "write one field per line, for example 'title: Facial mesotherapy'",
        )
    else:
        _check_keys(node, path)
    return FrontMatter(path=path, data=data, node=node, body=body, body_line=close + 2)


def load_yaml(text: str, path: str) -> tuple[yaml.Node | None, Any]:
    """Load a whole YAML data file safely, keeping its node tree for line numbers.

    Node marks are 0-based from the top of the file; errors are :class:`FrontMatterError`.
    """
    return _load(normalise_newlines(text), path, first_line=1)


def _load(yaml_text: str, path: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    loader = yaml.SafeLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        column = mark.column + 1 if mark else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        context = exc.context_mark
        if exc.problem and exc.context and context and mark and context.line != mark.line:
            # e.g. an unclosed '[' is only noticed lines later: say where it started
            problem += f" ({exc.context.strip()} that starts on line {first_line + context.line})"
        raise FrontMatterError(
            path, line, column, f"broken YAML: {problem}", _yaml_hint(problem)
        ) from None
    except yaml.YAMLError as exc:  # e.g. a value that cannot be constructed
        raise FrontMatterError(
            path, first_line, 1, f"broken YAML: {exc}", _yaml_hint(str(exc))
        ) from None
    finally:
        loader.dispose()


def _yaml_hint(problem: str) -> str:
    if "could not determine a constructor" in problem:
        return "remove the '!tag': front matter takes plain text, numbers, dates and lists only"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. summary: \"Results vary: ask us\""
    if "flow sequence" in problem or "flow mapping" in problem:
        return "a value starting with '[' or '{' must close it; put such text in quotes"
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line; quote text that contains ':' or '#'"


def _check_keys(node: yaml.MappingNode, path: str) -> None:
    """``safe_load`` silently keeps the last of two equal keys; we refuse them."""
    seen: dict[Any, int] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                raise FrontMatterError(
                    path,
                    2 + key.start_mark.line,
                    key.start_mark.column + 1,
                    f"the field '{key.value}' appears twice (first on line {seen[key.value]})",
                    "keep one of them",
                )
            seen[key.value] = 2 + key.start_mark.line
        if isinstance(value, yaml.MappingNode):
            _check_keys(value, path)
