"""Images in pages: found at their source line, checked, planned, and shown as ``<picture>``.

A page shows images three ways: in its Markdown body (``![alt](src "caption")``, reference
images, or a raw ``<img>``), as its ``hero`` (front matter), and in its ``photos`` block
(before-and-after pairs, see photos.py). Each goes through :class:`ImagePlanner`, which resolves
the file under ``content/``, reads its size and plans its variants (images.py); the rules that
apply to every image are in :func:`check_use`: alt text is required and must describe the
picture, an image may not say "before"/"after" outside a ``photos`` block, and its file name is
linted for claims like any other text.
"""

from __future__ import annotations

import contextlib
import difflib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from claims_lint.text import line_starts, to_line_col

from .images import (
    ImageCache,
    ImageProblem,
    ImageSettings,
    Job,
    Picture,
    Source,
    check_decodes,
    inspect,
)
from .problems import Problem

# --- finding images in Markdown, with their lines ---------------------------------------------

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)
_ALT = r"(?P<alt>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)"
_INLINE = re.compile(
    r"!\[" + _ALT + r"\]\(\s*(?P<src><[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"!\[" + _ALT + r"\](?:\s?\[(?P<ref>[^\]]*)\])?(?![\[(])")
_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?P<ref>[^\]]+)\]:[ \t]*(?P<src><[^>\n]*>|\S+)"
    r"(?:[ \t]+(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$",
    re.MULTILINE,
)
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE | re.DOTALL)
_RAW_FIGURE = re.compile(r"<figure\b.*?</figure>", re.IGNORECASE | re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)


@dataclass
class SourceImage:
    """One image as written in a page's source."""

    line: int
    column: int
    src: str
    alt: str | None  # None: no alt attribute at all (raw <img>)
    caption: str = ""  # the Markdown title, or a raw <figure>'s <figcaption>
    raw: bool = False


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            self.attrs = dict(attrs)

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str | None]:
    """The attributes of one start tag, unescaped as a browser reads them."""
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def _blank_code(body: str) -> str:
    """The body with fenced code blocks and code spans blanked out, lines and columns kept."""
    out: list[str] = []
    fence = ""
    for line in body.split("\n"):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            out.append(" " * len(line))
            continue
        if match:
            fence = match.group(1)
            out.append(" " * len(line))
            continue
        out.append(line)
    text = "\n".join(out)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _unquote_title(title: str | None) -> str:
    return html.unescape(title[1:-1]) if title else ""


def _unescape_md(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def find_images(body: str, body_line: int) -> list[SourceImage]:
    """Every image in a Markdown body, in source order, with its 1-based line and column."""
    text = _blank_code(body)
    starts = line_starts(text)  # (a loop over every character cost 0.2 ms a page)

    def position(offset: int) -> tuple[int, int]:
        line, col = to_line_col(starts, offset)
        return body_line + line - 1, col

    found: list[tuple[int, SourceImage]] = []
    taken: list[tuple[int, int]] = []
    for m in _INLINE.finditer(text):
        line, col = position(m.start())
        src = m.group("src").strip("<>")
        alt = _unescape_md(m.group("alt"))
        found.append(
            (m.start(), SourceImage(line, col, src, alt, _unquote_title(m.group("title"))))
        )
        taken.append(m.span())
    definitions = {
        d.group("ref").strip().casefold(): (d.group("src").strip("<>"), d.group("title"))
        for d in _DEFINITION.finditer(text)
    }
    for m in _REFERENCE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        ref = (m.group("ref") or m.group("alt")).strip().casefold()
        if ref not in definitions:
            continue
        src, title = definitions[ref]
        line, col = position(m.start())
        alt = _unescape_md(m.group("alt"))
        found.append((m.start(), SourceImage(line, col, src, alt, _unquote_title(title))))
    captions: dict[int, str] = {}
    for fig in _RAW_FIGURE.finditer(text):
        cap = _FIGCAPTION.search(fig.group(0))
        if cap:
            caption = html.unescape(re.sub(r"<[^>]+>", " ", cap.group(1)))
            for img in _RAW_IMG.finditer(fig.group(0)):
                captions[fig.start() + img.start()] = " ".join(caption.split())
    for m in _RAW_IMG.finditer(text):
        attrs = tag_attributes(m.group(0))
        line, col = position(m.start())
        found.append(
            (
                m.start(),
                SourceImage(
                    line,
                    col,
                    (attrs.get("src") or "").strip(),
                    attrs.get("alt"),
                    captions.get(m.start(), attrs.get("title") or ""),
                    raw=True,
                ),
            )
        )
    return [image for _, image in sorted(found, key=lambda pair: pair[0])]


# --- what an image may not say ------------------------------------------------------------------

_SESSION_WORDS = (
    r"treatments?|sessions?|courses?|procedures?|injections?|appointments?|therapy|"
    r"mesotherapy|microneedling|needling|roller|rolling|peel|results?|week|weeks|months?|days?"
)
_BEFORE_AFTER_TEXT = [
    re.compile(r"\bbefore\b.{0,80}\bafter\b|\bafter\b.{0,80}\bbefore\b", re.I | re.S),
    re.compile(r"\b(?:pre|post)[- ]?(?:treatment|procedure|op)\b", re.I),
    re.compile(
        r"\b(?:before|after)\s+(?:(?:the|a|an|my|her|his|their|your|one|two|three|four|five|six|"
        r"first|second|third|last|final|\d+)\s+){0,3}(?:" + _SESSION_WORDS + r")\b",
        re.I,
    ),
    re.compile(r"\b(?:results?|skin|face|hair|scalp|legs?|thighs?)\s+(?:before|after)\b", re.I),
]
_NAME_TOKEN = re.compile(r"[a-z]+|\d+")


def says_before_after(text: str) -> str | None:
    """The words in alt text or a caption that present a before-and-after result, or None."""
    for pattern in _BEFORE_AFTER_TEXT:
        match = pattern.search(text)
        if match:
            return " ".join(match.group(0).split())
    return None


def name_says_before_after(path: str) -> str | None:
    """'before' or 'after' as a word of a file name (``face_after-3.jpg``, ``beforeAfter``)."""
    stem = PurePosixPath(path).stem
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem).lower()
    tokens = _NAME_TOKEN.findall(spaced)
    for token in tokens:
        if token in ("before", "after", "beforeafter", "b4", "pre", "post"):
            return token
    joined = "".join(tokens)
    return "before…after" if "before" in joined and "after" in joined else None


_GENERIC_ALT = re.compile(
    r"^(?:an? |the )?(?:image|img|photo|photograph|picture|pic|graphic|banner|hero|logo|"
    r"screenshot|untitled|dsc|dscn|pxl|img_?\d*|\d+)(?:\s*\d+)?$",
    re.I,
)
_FILE_LIKE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|heic)$|^[\w-]+_\d{3,}$", re.I)

IMAGE_ALT_EXAMPLE = "![The treatment room at the clinic](/images/treatment-room.jpg)"


def alt_problem(alt: str | None) -> tuple[str, str] | None:
    """(message, hint) when the alt text is missing or says nothing about the picture."""
    if alt is None or not alt.strip():
        return (
            "this image has no alt text",
            "describe what it shows for someone who cannot see it, e.g. " + IMAGE_ALT_EXAMPLE,
        )
    text = " ".join(alt.split())
    if _GENERIC_ALT.match(text) or _FILE_LIKE.search(text):
        return (
            f"the alt text “{text}” does not describe the picture",
            "say what the picture shows, in a short sentence, e.g. " + IMAGE_ALT_EXAMPLE,
        )
    return None


# --- planning -----------------------------------------------------------------------------------


@dataclass
class Planned:
    """What one page's images needed: jobs by output name, and the source files read."""

    jobs: dict[str, Job] = field(default_factory=dict)
    files: set[Path] = field(default_factory=set)


@dataclass
class ImagePlanner:
    """Resolves image paths under ``content/`` and plans their variants, once per file."""

    content: Path
    settings: ImageSettings
    sizes: dict[str, str]  # role -> the ``sizes`` attribute (hero, card, content, photo, logo)
    base_url: str = ""
    cache: ImageCache = field(default_factory=lambda: ImageCache(None))
    jobs: dict[str, Job] = field(default_factory=dict)  # output stem -> job
    _sources: dict[Path, Source | ImageProblem] = field(default_factory=dict)
    _recording: list[Planned] = field(default_factory=list)

    @contextlib.contextmanager
    def recording(self) -> Iterator[Planned]:
        """Collect what one page used: its jobs, and the image files that decided them (the
        build cache keeps a page's record only while those files are unchanged)."""
        planned = Planned()
        self._recording.append(planned)
        try:
            yield planned
        finally:
            self._recording.remove(planned)

    def resolve(self, src: str, page_dir: Path | None) -> Path:
        """The file an image reference names; raise :class:`ImageProblem` if it cannot be used."""
        parts = urlsplit(src.strip())
        if parts.scheme in ("http", "https") or src.strip().startswith("//"):
            raise ImageProblem(
                "images from other websites are not published (the site's security policy "
                "blocks them, and they would tell that website who reads this page)",
                "save the image into content/images/ and write its path, e.g. /images/room.jpg",
            )
        if parts.scheme:
            raise ImageProblem(
                f"'{src[:40]}' is not an image file",
                "save the image into content/images/ and write its path, e.g. /images/room.jpg",
            )
        path = unquote(parts.path)
        for prefix in ("{static}", "{attach}", "{filename}", "|static|", "|filename|"):
            path = path.removeprefix(prefix)
        candidates = []
        if path.startswith("/") or page_dir is None:
            candidates.append(self.content / path.lstrip("/"))
        else:
            candidates += [page_dir / path, self.content / path]
        root = self.content.resolve()
        for candidate in candidates:
            full = candidate.resolve()
            if full.is_relative_to(root) and full.is_file():
                return full
        full = candidates[0].resolve()
        if not full.is_relative_to(root):
            raise ImageProblem(
                f"'{src}' is outside the content folder",
                "keep images in content/images/ and write /images/<name>",
            )
        known = sorted(
            "/" + p.relative_to(root).as_posix()
            for p in (root / "images").rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )
        close = difflib.get_close_matches("/" + path.lstrip("/"), known, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}?" if close else "put the file in content/images/"
        raise ImageProblem(f"image file '{src}' not found", hint)

    def source(self, path: Path) -> Source:
        for planned in self._recording:
            planned.files.add(path)
        if path not in self._sources:
            try:
                self._sources[path] = inspect(path)
            except ImageProblem as exc:
                self._sources[path] = exc
        found = self._sources[path]
        if isinstance(found, ImageProblem):
            raise found
        return found

    def picture(self, path: Path, alt: str, role: str, stem: str | None = None) -> Picture:
        """Plan ``path``'s variants (once) and return its picture for ``role``."""
        source = self.source(path)
        if stem is None:
            rel = path.relative_to(self.content.resolve()).with_suffix("").as_posix()
            stem = rel if rel.startswith("images/") else f"images/{rel}"
        stem = re.sub(r"[^A-Za-z0-9/._-]+", "-", stem)
        job = Job(source, self.settings, stem)
        if f"{stem}.{job.key}" not in self.jobs:
            if not self.cache.has(job):
                check_decodes(source)
            self.jobs[f"{stem}.{job.key}"] = job
        for planned in self._recording:
            planned.jobs[f"{stem}.{job.key}"] = job
        return Picture(job, " ".join(alt.split()), self.sizes.get(role, "100vw"), self.base_url)


# --- the checks every image gets ----------------------------------------------------------------


@dataclass
class ImageUse:
    """One image on one page, wherever it came from, with where to report its problems."""

    path: str  # the page's source file, as shown
    line: int
    column: int
    src: str
    alt: str | None
    caption: str = ""
    structured: bool = False  # inside a 'photos' block: before/after is expected there


def check_use(use: ImageUse, lint_words: Any = None) -> list[Problem]:
    """Alt text, before/after outside the structure, and claims in the file name."""
    problems: list[Problem] = []

    def add(message: str, hint: str, code: str = "image") -> None:
        problems.append(Problem(use.path, use.line, use.column, message, hint, code=code))

    bad_alt = alt_problem(use.alt)
    if bad_alt:
        add(*bad_alt)
    if not use.structured:
        said = [
            (what, found)
            for what, found in (
                ("file name", name_says_before_after(use.src)),
                ("alt text", says_before_after(use.alt or "")),
                ("caption", says_before_after(use.caption)),
            )
            if found
        ]
        if said:
            where = ", ".join(f"its {what} says “{found}”" for what, found in said)
            add(
                f"[testimonial-before-after] a before-and-after image outside a 'photos' "
                f"block ({where})",
                "move the pair into the page's 'photos' front matter, which states the "
                "treatment, the number of sessions, the time since the last one, the "
                "practitioner, that the photos are unedited and that the patient consented "
                "(docs/guide-marketing.md, 'Before-and-after photos')",
                "testimonial-before-after",
            )
    if lint_words is not None:
        words = " ".join(_NAME_TOKEN.findall(PurePosixPath(use.src).stem.lower()))
        for finding in lint_words(words):
            add(
                f"the image's file name says “{finding.matched}”: {finding.rule} "
                f"[{finding.category}] {finding.message}",
                "rename the file; file names are published in the page's address for the image",
                "claims",
            )
    return problems


# --- rewriting the converted Markdown -------------------------------------------------------

_STANDALONE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.IGNORECASE)
_ANY_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def rewrite_html(content: str, pictures: dict[str, list[tuple[Picture, str]]]) -> str:
    """Replace each ``<img>`` the page's Markdown produced with its planned ``<picture>``.

    ``pictures`` maps an image's ``src`` as written to its planned pictures (with caption), in
    source order. An image alone in a paragraph becomes a ``<figure>``, captioned by its title.
    Images that could not be planned are left as they are: the build has reported them.
    """
    taken: dict[str, int] = {}

    def take(tag: str) -> tuple[Picture, str] | None:
        src = tag_attributes(tag).get("src") or ""
        queue = pictures.get(src)
        if not queue:
            return None
        index = taken.get(src, 0)
        taken[src] = index + 1
        return queue[min(index, len(queue) - 1)]

    def figure(match: re.Match[str]) -> str:
        planned = take(match.group(1))
        if planned is None:
            return match.group(0)
        picture, caption = planned
        cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
        return f'<figure class="figure">{picture.html()}{cap}</figure>'

    def inline(match: re.Match[str]) -> str:
        planned = take(match.group(0))
        return match.group(0) if planned is None else str(planned[0].html())

    content = _STANDALONE.sub(figure, content)
    parts = re.split(r"(<picture>.*?</picture>)", content, flags=re.DOTALL)
    return "".join(p if p.startswith("<picture>") else _ANY_IMG.sub(inline, p) for p in parts)
