"""YAML front matter with source positions.

A page is ``---`` / YAML / ``---`` / Markdown. We parse the YAML once with ``yaml.SafeLoader``
(``yaml.safe_load`` semantics: no tags execute anything) but keep the composed node tree, so every
later problem can be reported at the file's own line and column, also for files with a BOM or
CRLF line endings. Both the Pelican reader and the claims linter use this module.
"""

from __future__ import annotations

from bisect import bisect_right
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

# libyaml's safe loader when PyYAML has it (about ten times faster); same positions, same
# safe_load semantics.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = "---"
_CLOSERS = ("---", "...")

# YAML aliases (``*name``) repeat an anchored value without copying it in the text, so a few
# KB can stand for billions of values ("alias bomb") that any walk of the data never finishes.
# Data files share lists with anchors, so they may expand to this many values in all; front
# matter has no use for aliases and may not use them at all. Checked on the event stream,
# before anything is composed.
MAX_EXPANDED_VALUES = 20_000


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


# YAML also breaks lines at these; a file (and its editor) does not. Marks are mapped by index.
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


class _Lines:
    """Source positions of YAML marks when the YAML text holds a YAML-only line break."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, mark: yaml.Mark) -> tuple[int, int]:
        i = bisect_right(self.starts, mark.index) - 1
        return self.first_line + i, mark.index - self.starts[i] + 1

    @staticmethod
    def needed(text: str) -> bool:
        return any(c in text for c in _YAML_ONLY_BREAKS)


def _at(mark: yaml.Mark, first_line: int, lines: _Lines | None) -> tuple[int, int]:
    """1-based (line, column) in the source file of a YAML mark."""
    if lines is not None:
        return lines.at(mark)
    return first_line + mark.line, mark.column + 1


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
    _lines: _Lines | None = field(default=None, repr=False)

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
            return max(1, self.first_line - 1)  # line 1 when the file has no front matter
        return _at(node.start_mark, self.first_line, self._lines)[0]

    def key_line(self, key: str) -> int:
        """Source line of a top-level key (not its value), or the fence if absent."""
        if self.node is not None:
            for k, _ in self.node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return _at(k.start_mark, self.first_line, self._lines)[0]
        return max(1, self.first_line - 1)

    def node_at(self, *path: str | int) -> yaml.Node | None:
        node: yaml.Node | None = self.node
        found: yaml.Node | None = self.node
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = next(
                    (
                        v
                        for k, v in node.value
                        if isinstance(k, yaml.ScalarNode) and k.value == part
                    ),
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
        return _at(node.start_mark, self.first_line, self._lines)

    def end_position(self, node: yaml.Node) -> tuple[int, int]:
        return _at(node.end_mark, self.first_line, self._lines)

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
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != _FENCE:
        return FrontMatter(path=path, data={}, node=None, body=text, body_line=1, first_line=1)

    closer = _closing_line(text, first_end)
    if closer is None:
        raise FrontMatterError(
            path,
            1,
            1,
            "the front matter opened with '---' is never closed",
            "add a line containing only '---' after the last front matter field",
        )
    close, close_start, close_end = closer
    yaml_text = (text[first_end + 1 : close_start - 1] if close > 1 else "") + "\n"
    body = "" if close_end < 0 else text[close_end + 1 :]
    node, data = _load(yaml_text, path, first_line=2, max_values=0)
    marks = _Lines(yaml_text, 2) if _Lines.needed(yaml_text) else None
    if node is None:
        data = {}
    elif not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise FrontMatterError(
            path,
            *_at(node.start_mark, 2, marks),
            "the front matter must be a list of 'key: value' fields",
            "write one field per line, for example 'title: Facial mesotherapy'",
        )
    else:
        _check_keys(node, path, marks)
    return FrontMatter(
        path=path, data=data, node=node, body=body, body_line=close + 2, _lines=marks
    )


def _closing_line(text: str, at: int) -> tuple[int, int, int] | None:
    """The line that closes the front matter, after the line that ends at ``at`` (the first):
    its number from 0, where it starts and where its newline is (-1: the last line). Found
    line by line from the top: a long page's body is never split into lines here."""
    number = 0
    while at >= 0:
        start = at + 1
        at = text.find("\n", start)
        number += 1
        if (text[start:] if at < 0 else text[start:at]).rstrip() in _CLOSERS:
            return number, start, at
    return None


def load_yaml(
    text: str, path: str, max_values: int = MAX_EXPANDED_VALUES
) -> tuple[yaml.Node | None, Any]:
    """Load a whole YAML data file safely, keeping its node tree for line numbers.

    Node marks are 0-based from the top of the file; errors are :class:`FrontMatterError`.
    Aliases may expand the data to at most ``max_values`` values (0: no aliases at all).
    """
    return _load(normalise_newlines(text), path, first_line=1, max_values=max_values)


def _check_aliases(
    yaml_text: str, path: str, first_line: int, marks: _Lines | None, max_values: int
) -> None:
    """Refuse aliases (or, with ``max_values``, too large an expansion) before composing.

    Walks the parser's events, keeping the expanded size of every anchored value, so the cost
    is linear in the text however the aliases nest.
    """
    if "*" not in yaml_text:
        return  # no alias can be written without a '*'
    anchors: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = [(None, 0)]  # (anchor, values so far) per open node
    for event in yaml.parse(yaml_text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line, column = _at(event.start_mark, first_line, marks)
            if max_values == 0:
                raise FrontMatterError(
                    path,
                    line,
                    column,
                    f"the YAML alias '*{event.anchor}' is not allowed in front matter",
                    "write the value out in full where it is needed",
                )
            if any(anchor == event.anchor for anchor, _ in stack):
                raise FrontMatterError(
                    path,
                    line,
                    column,
                    f"the YAML alias '*{event.anchor}' refers to the value it is inside",
                    "a value cannot contain itself: write the items out",
                )
            size = anchors.get(event.anchor or "", 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append((event.anchor, 1))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor:
                anchors[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                anchors[event.anchor] = 1
        else:
            continue
        anchor, total = stack[-1]
        stack[-1] = (anchor, total + size)
        if total + size > max_values > 0:
            line, column = _at(event.start_mark, first_line, marks)
            raise FrontMatterError(
                path,
                line,
                column,
                f"YAML aliases make this file stand for more than {max_values:,} values",
                "a file this size needs far fewer: write shared lists out, or nest aliases "
                "less deeply (an alias of an alias multiplies)",
            )


def _load(
    yaml_text: str, path: str, first_line: int, max_values: int = MAX_EXPANDED_VALUES
) -> tuple[yaml.Node | None, Any]:
    try:
        # The reader checks every character as it is made: a control character raises here.
        loader = SafeLoader(yaml_text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, yaml_text, path, first_line) from None
    node = None
    marks = _Lines(yaml_text, first_line) if _Lines.needed(yaml_text) else None
    try:
        _check_aliases(yaml_text, path, first_line, marks, max_values)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _at(mark, first_line, marks) if mark else (first_line, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        context = exc.context_mark
        if exc.problem and exc.context and context and mark and context.line != mark.line:
            # e.g. an unclosed '[' is only noticed lines later: say where it started
            started = _at(context, first_line, marks)[0]
            problem += f" ({exc.context.strip()} that starts on line {started})"
        raise FrontMatterError(
            path, line, column, f"broken YAML: {problem}", _yaml_hint(problem)
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, met later
        raise _reader_error(exc, yaml_text, path, first_line) from None
    except yaml.YAMLError as exc:  # e.g. a value that cannot be constructed
        raise FrontMatterError(
            path, first_line, 1, f"broken YAML: {exc}", _yaml_hint(str(exc))
        ) from None
    except (ValueError, OverflowError) as exc:  # e.g. a date that does not exist: 2026-02-30
        line, column, value = _bad_scalar(loader, node, first_line, marks)
        what = f"'{value}' cannot be read: {exc}" if value else str(exc)
        raise FrontMatterError(
            path,
            line,
            column,
            f"broken YAML: {what}",
            "write a real date as YYYY-MM-DD, or quote the value to keep it as text",
        ) from None
    finally:
        loader.dispose()


def _bad_scalar(
    loader: yaml.SafeLoader, root: yaml.Node | None, first_line: int, marks: _Lines | None
) -> tuple[int, int, str]:
    """Where the first scalar that cannot be constructed is (e.g. an impossible date)."""
    nodes: list[yaml.Node] = [root] if root is not None else []
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, OverflowError, yaml.YAMLError):
                line, column = _at(node.start_mark, first_line, marks)
                return line, column, node.value
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                nodes.extend((key, value))
    return first_line, 1, ""


def _reader_error(
    exc: yaml.reader.ReaderError, yaml_text: str, path: str, first_line: int
) -> FrontMatterError:
    """A character YAML refuses (a control character, say), at its line and column."""
    # libyaml reports a byte offset, PyYAML a character offset: find the character itself.
    found = yaml.reader.Reader.NON_PRINTABLE.search(yaml_text)
    position = found.start() if found else max(0, min(exc.position, len(yaml_text)))
    line_start = yaml_text.rfind("\n", 0, position) + 1
    line = first_line + yaml_text.count("\n", 0, position)
    char = found.group() if found else exc.character
    code = ord(char) if isinstance(char, str) else char
    shown = f"U+{code:04X}" if isinstance(code, int) else repr(code)
    return FrontMatterError(
        path,
        line,
        position - line_start + 1,
        f"broken YAML: the invisible character {shown} is not allowed",
        "delete it (it often comes from copying text out of another program)",
    )


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


def _check_keys(node: yaml.MappingNode, path: str, marks: _Lines | None = None) -> None:
    """``safe_load`` silently keeps the last of two equal keys; we refuse them."""
    found = repeated_key(node, in_lists=False)
    if found is not None:
        again, first = found
        line, column = _at(again.start_mark, 2, marks)
        raise FrontMatterError(
            path,
            line,
            column,
            f"the field '{again.value}' appears twice "
            f"(first on line {_at(first.start_mark, 2, marks)[0]})",
            "keep one of them",
        )


def repeated_key(
    node: yaml.Node, *, in_lists: bool = True
) -> tuple[yaml.ScalarNode, yaml.ScalarNode] | None:
    """The first key given twice in one mapping under ``node``, in document order, with the key
    it repeats: YAML keeps only the last of two equal keys, silently. ``in_lists`` False leaves
    the mappings inside lists unsearched (a page's front matter checks only its own fields)."""
    if isinstance(node, yaml.SequenceNode):
        items = node.value if in_lists else []
        return next((f for v in items if (f := repeated_key(v, in_lists=in_lists))), None)
    if not isinstance(node, yaml.MappingNode):
        return None
    seen: dict[Any, yaml.ScalarNode] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                return key, seen[key.value]
            seen[key.value] = key
        found = repeated_key(value, in_lists=in_lists)
        if found is not None:
            return found
    return None
