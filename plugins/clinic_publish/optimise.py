"""Production post-processing of a written site: a pure function of the output directory.

In order: minify CSS; give theme assets content-hashed names (``site.<hash>.css``) and rewrite
every reference to them; check the HTML against the Content-Security-Policy; minify HTML;
write ``_headers``; write ``.gz`` and ``.br`` beside every text file. Nothing here reads the
clock, the environment or the file order of the disk, so the same input gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import inspect
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import minify_html
import rcssmin
from clinic import jsonld
from clinic.cache import BuildCache, canonical, digest
from selectolax.lexbor import LexborHTMLParser

from .headers import render_headers_file

HASH_LENGTH = 12
# Brotli at quality 11 takes about three times as long as at 10 for files about 2.5 % smaller
# (measured on our pages: docs/performance.md), and would make a cold production build of
# 1,000 pages spend more time compressing than Pelican spends building the whole site.
# CLINIC_PUBLISH_BROTLI_QUALITY = 11 chooses the smaller files; the build cache keeps them.
BROTLI_QUALITY = 10
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
    compressed_cached: int = 0  # of which from the build cache
    html_cached: int = 0
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
            + (
                f"; from the cache: {self.html_cached} pages, {self.compressed_cached} "
                "compressed files"
                if self.html_cached or self.compressed_cached
                else ""
            )
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
    """What in this page the site's Content-Security-Policy would block (parsed as a browser
    parses it: lexbor, an HTML5 parser)."""
    problems: list[str] = []
    tree = LexborHTMLParser(html)
    nodes = list(tree.root.traverse(include_text=False)) if tree.root is not None else []
    for script in (n for n in nodes if n.tag == "script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind in DATA_SCRIPT_TYPES:
            continue
        src = script.attributes.get("src")
        if not src:
            problems.append(f"{shown}: inline <script>: move it to a file under theme/static/js/")
        elif resolver.resolve(src, "") is None and not src.startswith(resolver.site_origin or "\0"):
            problems.append(f'{shown}: <script src="{src}"> from another origin')
    if any(n.tag == "style" for n in nodes):
        problems.append(f"{shown}: inline <style>: move it to theme/static/css/")
    for node in nodes:
        attrs = node.attributes  # a new dict at every access: read once per element
        for name in attrs:
            if name == "style":
                problems.append(f'{shown}: style="…" on <{node.tag}>: use a CSS class')
            elif name.lower().startswith("on"):
                problems.append(f'{shown}: {name}="…" on <{node.tag}>: inline event handler')
        href = attrs.get("href") if node.tag in ("a", "area") else None
        if isinstance(href, str) and href.strip().lower().startswith("javascript:"):
            problems.append(f"{shown}: javascript: link on <{node.tag}>")
    for link in (n for n in nodes if n.tag == "link"):
        rel = (link.attributes.get("rel") or "").lower().split()
        if "stylesheet" in rel:
            href = link.attributes.get("href") or ""
            if resolver.resolve(href, "") is None:
                problems.append(f"{shown}: stylesheet {href} from another origin")
    return problems


def compress(data: bytes, brotli_quality: int = BROTLI_QUALITY) -> tuple[bytes, bytes]:
    """gzip -9 (no name, mtime 0) and brotli: the same bytes in give the same bytes out."""
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, quality=brotli_quality, mode=brotli.MODE_TEXT)
    return gz, br


_COMPRESS_CODE = hashlib.sha256(inspect.getsource(compress).encode()).hexdigest()


@dataclass
class Store:
    """Where finished work is kept between builds (the clinic plugin's build cache), with the
    fingerprint of the inputs besides the file itself; picklable, so workers use it too."""

    cache: BuildCache | None = None
    publish_key: str = ""  # cache.Inputs.key("publish"): code, settings, libraries
    compress_key: str = ""  # cache.Inputs.key("compress"): libraries

    def get(self, kind: str, key: str) -> Any:
        return self.cache.get(kind, key) if self.cache is not None else None

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.cache is not None:
            self.cache.put(kind, key, value)


@dataclass
class PageResult:
    """One page post-processed: its sizes and what the Content-Security-Policy would block."""

    before: int
    after: int
    csp: list[str]
    cached: bool = False


def _page_key(
    data: bytes, shown: str, siteurl: str, mapping: dict[str, str], minify: bool, store: Store
) -> str:
    return digest(
        store.publish_key,
        hashlib.sha256(data).digest(),
        repr(canonical([shown, siteurl, sorted(mapping.items()), minify])),
    )


def cached_page(
    path: str, shown: str, siteurl: str, mapping: dict[str, str], minify: bool, store: Store
) -> PageResult | None:
    """:func:`process_page` when the store has its result (done here, without a worker's
    round trip), else None."""
    target = Path(path)
    data = target.read_bytes()
    found = store.get("publish", _page_key(data, shown, siteurl, mapping, minify, store))
    if found is None:
        return None
    out, result = found
    result.cached = True
    if out != data:
        target.write_bytes(out)
    return result


def process_page(
    path: str, shown: str, siteurl: str, mapping: dict[str, str], minify: bool, store: Store
) -> PageResult:
    """Rewrite asset references, check the CSP and minify one HTML file, in place."""
    target = Path(path)
    data = target.read_bytes()
    key = _page_key(data, shown, siteurl, mapping, minify, store)
    found = store.get("publish", key)
    if found is not None:
        out, result = found
        result.cached = True
    else:
        html = data.decode("utf-8")
        html = rewrite_html_refs(html, posixpath.dirname(shown), UrlResolver(siteurl), mapping)
        problems = csp_problems(html, shown, UrlResolver(siteurl))
        if minify:
            html = minify_page(html)
        out = html.encode("utf-8")
        result = PageResult(len(data), len(out), problems)
        store.put("publish", key, (out, result))
    if out != data:
        target.write_bytes(out)
    return result


def _compress_key(data: bytes, brotli_quality: int, store: Store) -> str:
    return digest(
        store.compress_key, _COMPRESS_CODE, str(brotli_quality), hashlib.sha256(data).digest()
    )


def cached_compressed(
    path: str, brotli_quality: int, store: Store
) -> tuple[int, int, int, bool] | None:
    """:func:`compress_file` when the store has the compressed files, else None."""
    target = Path(path)
    data = target.read_bytes()
    found = store.get("compress", _compress_key(data, brotli_quality, store))
    if found is None:
        return None
    return _write_compressed(target, data, *found, cached=True)


def _write_compressed(
    target: Path, data: bytes, gz: bytes, br: bytes, cached: bool
) -> tuple[int, int, int, bool]:
    target.with_name(target.name + ".gz").write_bytes(gz)
    target.with_name(target.name + ".br").write_bytes(br)
    return len(data), len(gz), len(br), cached


def compress_file(path: str, brotli_quality: int, store: Store) -> tuple[int, int, int, bool]:
    """Write ``path.gz`` and ``path.br``; returns the sizes (file, gzip, brotli), and whether
    they came from the cache."""
    target = Path(path)
    data = target.read_bytes()
    key = _compress_key(data, brotli_quality, store)
    found = store.get("compress", key)
    gz, br = found if found is not None else compress(data, brotli_quality)
    if found is None:
        store.put("compress", key, (gz, br))
    return _write_compressed(target, data, gz, br, found is not None)


def _map(
    pool: Any, fn: Callable[..., Any], cached: Callable[..., Any], tasks: list[tuple[Any, ...]]
) -> list[Any]:
    """``[fn(*task) for task in tasks]``: what the store has is done here, the rest in the
    pool's workers (a warm build then forks none, or sends them only the changed files)."""
    found = [cached(*task) for task in tasks]
    todo = [task for task, result in zip(tasks, found, strict=True) if result is None]
    fresh = iter(pool.map(fn, todo) if pool is not None else [fn(*task) for task in todo])
    return [result if result is not None else next(fresh) for result in found]


def precompress(
    root: Path,
    report: Report,
    *,
    brotli_quality: int = BROTLI_QUALITY,
    store: Store | None = None,
    pool: Any = None,
) -> None:
    """``x.gz`` (gzip -9, no name, mtime 0) and ``x.br`` beside every text file."""
    store = store or Store()
    tasks = [(str(p), brotli_quality, store) for p in _files(root, TEXT_EXTENSIONS)]
    results = _map(pool, compress_file, cached_compressed, tasks)
    for size, gz, br, cached in results:
        report.compressed_files += 1
        report.compressed_cached += int(cached)
        report.text_bytes += size
        report.gzip_bytes += gz
        report.brotli_bytes += br


def optimise_site(
    root: Path,
    siteurl: str,
    *,
    hash_dirs: Iterable[str] = ("theme",),
    minify: bool = True,
    compress: bool = True,
    headers: bool = True,
    admin: bool = False,
    brotli_quality: int = BROTLI_QUALITY,
    store: Store | None = None,
    pool: Any = None,
) -> Report:
    """Post-process the site written to ``root`` in place; returns what was done.

    ``admin``: the web editor will be published at /admin/ (after this, untouched by it), so
    ``_headers`` gives it its own Content-Security-Policy. ``store`` keeps each page's and each
    file's result between builds; ``pool`` (the clinic plugin's ``BuildPool``) spreads the
    pages and files over its workers. Neither changes a byte of the result."""
    store = store or Store()
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
    tasks = [
        (str(p), _rel(root, p), siteurl, report.hashed, minify, store)
        for p in _files(root, {".html", ".htm"})
    ]
    results = _map(pool, process_page, cached_page, tasks)
    for result in results:
        report.html_files += 1
        report.html_cached += int(result.cached)
        report.html_bytes_before += result.before
        report.html_bytes_after += result.after
        report.csp_problems += result.csp
    if headers:
        # Files named by their content elsewhere (the clinic plugin's images) are immutable too.
        named = {_rel(root, p) for p in _files(root, HASHED_EXTENSIONS) if _HASHED.search(p.name)}
        (root / HEADERS_FILE).write_text(
            render_headers_file(sorted(named | set(report.hashed.values())), admin=admin),
            encoding="utf-8",
        )
    if compress:
        precompress(root, report, brotli_quality=brotli_quality, store=store, pool=pool)
    return report
