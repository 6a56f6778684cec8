"""Production post-processing of a written site: a pure function of the output directory.

In order: minify CSS; give theme assets content-hashed names (``site.<hash>.css``) and rewrite
every reference to them; check the HTML against the Content-Security-Policy; minify HTML;
write ``_headers``; write ``.gz`` and ``.br`` beside every text file. Nothing here reads the
clock, the environment or the file order of the disk, so the same input gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import minify_html
import rcssmin
from bs4 import BeautifulSoup
from clinic import jsonld

from .headers import render_headers_file

HASH_LENGTH = 12
HASHED_EXTENSIONS = frozenset(
    {
        ".css",
        ".js",
        ".mjs",
        ".svg",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".ico",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
    }
)
TEXT_EXTENSIONS = frozenset(
    {
        ".html",
        ".htm",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".xml",
        ".txt",
        ".svg",
        ".webmanifest",
        ".map",
        ".atom",
        ".rss",
    }
)
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json", "importmap"})
HEADERS_FILE = "_headers"
_HASHED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.[A-Za-z0-9]+$")

_ATTR_RE = re.compile(
    r"""(?P<lead>\s(?:href|src|srcset|poster|data-src|content)\s*=\s*)"""
    r"""(?P<q>["'])(?P<value>[^"'<>]*?)(?P=q)""",
    re.IGNORECASE,
)
_CSS_URL_RE = re.compile(r"""url\(\s*(?P<q>["']?)(?P<value>[^"')\s]+)(?P=q)\s*\)""")
_CSS_IMPORT_RE = re.compile(r"""@import\s+(?P<q>["'])(?P<value>[^"']+)(?P=q)""")


@dataclass
class Report:
    """What the post-processing did, for the build log and the tests."""

    html_files: int = 0
    html_bytes_before: int = 0
    html_bytes_after: int = 0
    css_files: int = 0
    css_bytes_before: int = 0
    css_bytes_after: int = 0
    hashed: dict[str, str] = field(default_factory=dict)  # old path -> new path
    compressed_files: int = 0
    text_bytes: int = 0
    gzip_bytes: int = 0
    brotli_bytes: int = 0
    csp_problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def kb(n: int) -> str:
            return f"{n / 1024:.1f} KiB"

        return (
            f"{self.html_files} HTML files minified ({kb(self.html_bytes_before)} → "
            f"{kb(self.html_bytes_after)}), {self.css_files} CSS files minified "
            f"({kb(self.css_bytes_before)} → {kb(self.css_bytes_after)}), "
            f"{len(self.hashed)} assets renamed with a content hash, "
            f"{self.compressed_files} text files precompressed ({kb(self.text_bytes)} → "
            f"gzip {kb(self.gzip_bytes)}, brotli {kb(self.brotli_bytes)})"
        )


def _files(root: Path, suffixes: Iterable[str] | None = None) -> list[Path]:
    wanted = frozenset(suffixes) if suffixes is not None else None
    return sorted(
        p for p in root.rglob("*") if p.is_file() and (wanted is None or p.suffix.lower() in wanted)
    )


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


class UrlResolver:
    """Maps a URL as written in a page or stylesheet to an output-relative path, or None."""

    def __init__(self, siteurl: str) -> None:
        self.siteurl = siteurl.rstrip("/")
        parts = urlsplit(self.siteurl)
        self.site_origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        self.base_path = parts.path.rstrip("/")  # a site served from a sub-path

    def resolve(self, url: str, from_dir: str) -> str | None:
        path = url.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return None
        if self.siteurl and path.startswith(self.siteurl + "/"):
            path = path[len(self.siteurl) :]
        elif path.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
            return None
        if path.startswith("/"):
            if self.base_path:
                if not path.startswith(self.base_path + "/"):
                    return None
                path = path[len(self.base_path) :]
            joined = path.lstrip("/")
        else:
            joined = posixpath.join(from_dir, path)
        normal = posixpath.normpath(joined)
        return None if normal.startswith("..") else normal


def _rewrite_url(url: str, target: str | None, mapping: dict[str, str]) -> str:
    """Replace the file name in ``url`` when its target was renamed."""
    if target is None or target not in mapping:
        return url
    old_name = posixpath.basename(target)
    new_name = posixpath.basename(mapping[target])
    cut = len(url)
    for sep in "?#":
        if sep in url:
            cut = min(cut, url.index(sep))
    head, tail = url[:cut], url[cut:]
    if not head.endswith(old_name):
        return url
    return head[: -len(old_name)] + new_name + tail


def rewrite_html_refs(
    html: str, from_dir: str, resolver: UrlResolver, mapping: dict[str, str]
) -> str:
    def attr(match: re.Match[str]) -> str:
        value = match.group("value")
        if "srcset" in match.group("lead").lower():
            pieces = []
            for candidate in value.split(","):
                bits = candidate.strip().split(None, 1)
                if bits:
                    bits[0] = _rewrite_url(bits[0], resolver.resolve(bits[0], from_dir), mapping)
                pieces.append(" ".join(bits))
            new = ", ".join(pieces)
        else:
            new = _rewrite_url(value, resolver.resolve(value, from_dir), mapping)
        return f"{match.group('lead')}{match.group('q')}{new}{match.group('q')}"

    return _ATTR_RE.sub(attr, html)


def _css_refs(css: str) -> list[str]:
    return [m.group("value") for m in _CSS_URL_RE.finditer(css)] + [
        m.group("value") for m in _CSS_IMPORT_RE.finditer(css)
    ]


def rewrite_css_refs(
    css: str, from_dir: str, resolver: UrlResolver, mapping: dict[str, str]
) -> str:
    def sub(match: re.Match[str]) -> str:
        value = match.group("value")
        new = _rewrite_url(value, resolver.resolve(value, from_dir), mapping)
        return match.group(0).replace(value, new, 1)

    return _CSS_IMPORT_RE.sub(sub, _CSS_URL_RE.sub(sub, css))


def hashed_name(path: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    stem, ext = posixpath.splitext(path)
    return f"{stem}.{digest}{ext}"


def hash_assets(root: Path, dirs: Iterable[str], resolver: UrlResolver) -> dict[str, str]:
    """Rename every asset under ``dirs`` to ``name.<hash>.ext``; returns old → new paths.

    Stylesheets are renamed after the files they reference (their ``url()`` and ``@import``
    are rewritten first, so a change to an image changes the stylesheet's hash too).
    """
    assets: list[Path] = []
    for d in sorted(dirs):
        if (root / d).is_dir():
            assets += _files(root / d, HASHED_EXTENSIONS)
    mapping: dict[str, str] = {}
    leaves = [p for p in assets if p.suffix.lower() != ".css"]
    for p in leaves:
        old = _rel(root, p)
        new = hashed_name(old, p.read_bytes())
        p.rename(root / new)
        mapping[old] = new
    pending = {_rel(root, p): p for p in assets if p.suffix.lower() == ".css"}
    while pending:
        ready = []
        for old, p in sorted(pending.items()):
            text = p.read_text(encoding="utf-8")
            here = posixpath.dirname(old)
            deps = {resolver.resolve(u, here) for u in _css_refs(text)}
            if not (deps & (set(pending) - {old})):
                ready.append(old)
        if not ready:  # an @import cycle: rename the rest as they are
            ready = sorted(pending)
        for old in ready:
            p = pending.pop(old)
            text = rewrite_css_refs(
                p.read_text(encoding="utf-8"), posixpath.dirname(old), resolver, mapping
            )
            data = text.encode("utf-8")
            new = hashed_name(old, data)
            (root / new).write_bytes(data)
            p.unlink()
            mapping[old] = new
    return mapping


def minify_css(css: str) -> str:
    return rcssmin.cssmin(css).strip() + ("\n" if css.strip() else "")


def _compact_json_ld(html: str) -> str:
    """Re-serialise JSON-LD blocks without indentation (same data, fewer bytes)."""

    def sub(match: re.Match[str]) -> str:
        try:
            data = json.loads(match.group("body"))
        except json.JSONDecodeError:
            return match.group(0)
        return f"{match.group('open')}{jsonld.dumps(data, compact=True)}</script>"

    return re.sub(
        r"(?P<open><script[^>]*type=[\"']application/ld\+json[\"'][^>]*>)(?P<body>.*?)</script>",
        sub,
        html,
        flags=re.DOTALL | re.IGNORECASE,
    )


def minify_page(html: str) -> str:
    html = _compact_json_ld(html)
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=False,
    )


def csp_problems(html: str, shown: str, resolver: UrlResolver) -> list[str]:
    """What in this page the site's Content-Security-Policy would block."""
    problems: list[str] = []
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind in DATA_SCRIPT_TYPES:
            continue
        src = script.get("src")
        if not src:
            problems.append(f"{shown}: inline <script>: move it to a file under theme/static/js/")
        elif resolver.resolve(src, "") is None and not src.startswith(resolver.site_origin or "\0"):
            problems.append(f'{shown}: <script src="{src}"> from another origin')
    if soup.find("style") is not None:
        problems.append(f"{shown}: inline <style>: move it to theme/static/css/")
    for tag in soup.find_all(True):
        for name in tag.attrs:
            if name == "style":
                problems.append(f'{shown}: style="…" on <{tag.name}>: use a CSS class')
            elif name.lower().startswith("on"):
                problems.append(f'{shown}: {name}="…" on <{tag.name}>: inline event handler')
        href = tag.get("href") if tag.name in ("a", "area") else None
        if isinstance(href, str) and href.strip().lower().startswith("javascript:"):
            problems.append(f"{shown}: javascript: link on <{tag.name}>")
    for link in soup.find_all("link", rel="stylesheet"):
        href = link.get("href") or ""
        if resolver.resolve(href, "") is None:
            problems.append(f"{shown}: stylesheet {href} from another origin")
    return problems


def precompress(root: Path, report: Report) -> None:
    """``x.gz`` (gzip -9, no name, mtime 0) and ``x.br`` (quality 11) beside every text file."""
    for p in _files(root, TEXT_EXTENSIONS):
        data = p.read_bytes()
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        br = brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)
        p.with_name(p.name + ".gz").write_bytes(gz)
        p.with_name(p.name + ".br").write_bytes(br)
        report.compressed_files += 1
        report.text_bytes += len(data)
        report.gzip_bytes += len(gz)
        report.brotli_bytes += len(br)


def optimise_site(
    root: Path,
    siteurl: str,
    *,
    hash_dirs: Iterable[str] = ("theme",),
    minify: bool = True,
    compress: bool = True,
    headers: bool = True,
    admin: bool = False,
) -> Report:
    """Post-process the site written to ``root`` in place; returns what was done.

    ``admin``: the web editor will be published at /admin/ (after this, untouched by it), so
    ``_headers`` gives it its own Content-Security-Policy."""
    root = Path(root)
    resolver = UrlResolver(siteurl)
    report = Report()
    for p in _files(root, {".gz", ".br"}):  # stale output of an earlier run into the same dir
        if p.with_suffix("").exists():
            p.unlink()
    if minify:
        for p in _files(root, {".css"}):
            css = p.read_text(encoding="utf-8")
            small = minify_css(css)
            p.write_text(small, encoding="utf-8")
            report.css_files += 1
            report.css_bytes_before += len(css.encode())
            report.css_bytes_after += len(small.encode())
    report.hashed = hash_assets(root, hash_dirs, resolver)
    for p in _files(root, {".html", ".htm"}):
        shown = _rel(root, p)
        html = p.read_text(encoding="utf-8")
        report.html_bytes_before += len(html.encode())
        html = rewrite_html_refs(html, posixpath.dirname(shown), resolver, report.hashed)
        report.csp_problems += csp_problems(html, shown, resolver)
        if minify:
            html = minify_page(html)
        report.html_files += 1
        report.html_bytes_after += len(html.encode())
        p.write_text(html, encoding="utf-8")
    if headers:
        # Files named by their content elsewhere (the clinic plugin's images) are immutable too.
        named = {_rel(root, p) for p in _files(root, HASHED_EXTENSIONS) if _HASHED.search(p.name)}
        (root / HEADERS_FILE).write_text(
            render_headers_file(sorted(named | set(report.hashed.values())), admin=admin),
            encoding="utf-8",
        )
    if compress:
        precompress(root, report)
    return report
