"""Browser tests: build the production site once, serve it on loopback, drive Debian's Chromium.

The site is built with ``publishconf.py`` (the real production settings, hashed assets and
all) and ``SITEURL`` pointing at the local server, so canonical URLs, the sitemap and every
absolute link resolve to it. The server answers like a static host: ``index.html`` for a
directory, ``404.html`` with status 404 for anything missing, and the security headers from
the ``_headers`` file the build writes (less HSTS and ``upgrade-insecure-requests``, which do
not apply to plain-HTTP loopback), so a page that breaks the Content-Security-Policy fails here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
REPORTS = ROOT / "test-reports"
DOCS = ROOT / "docs"


def _missing(what: str) -> None:
    """Without the tools the browser tests cannot run: fail in CI, skip on a developer's box."""
    message = f"{what} (run scripts/install-test-deps.sh)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# --- the local static host ---------------------------------------------------------------


def _security_headers(site: Path) -> dict[str, str]:
    """The site-wide headers from the build's ``_headers`` file, adapted to plain HTTP."""
    headers: dict[str, str] = {}
    path = site / "_headers"
    if not path.exists():
        return headers
    block = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            block = raw.strip()
            continue
        if block == "/*" and ":" in raw:
            name, value = (part.strip() for part in raw.split(":", 1))
            headers[name] = value
    headers.pop("Strict-Transport-Security", None)
    if "Content-Security-Policy" in headers:
        parts = [p.strip() for p in headers["Content-Security-Policy"].split(";")]
        headers["Content-Security-Policy"] = "; ".join(
            p for p in parts if p and p != "upgrade-insecure-requests"
        )
    return headers


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser hung up: fine
            super().handle_error(request, client_address)


@dataclass
class Site:
    root: Path
    base: str  # http://127.0.0.1:PORT
    pages: list[str] = field(default_factory=list)  # absolute URLs of every HTML page

    def url(self, path: str = "/") -> str:
        return urljoin(self.base + "/", path.lstrip("/"))

    def is_local(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.base).netloc


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class _Links(HTMLParser):
    """Every URL a page refers to: links, stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []  # <a href>
        self.assets: list[str] = []  # everything the browser fetches
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and "href" in a:
            self.assets.append(a["href"])
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.assets.append(a["src"])


def parse_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def discover_pages(site: Site) -> list[str]:
    """Pages in the sitemap plus every page reachable by links from the home page."""
    sitemap = ET.fromstring(urlopen(site.url("/sitemap.xml")).read())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    queue = [site.url("/")] + [loc.text or "" for loc in sitemap.findall("s:url/s:loc", ns)]
    visited: set[str] = set()
    seen: list[str] = []
    while queue:
        url = urldefrag(queue.pop(0)).url
        if url in visited or not site.is_local(url):
            continue
        visited.add(url)
        try:
            with urlopen(url) as response:
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                html = response.read().decode("utf-8")
        except HTTPError:
            continue  # a broken link: test_every_internal_link_and_asset_resolves names it
        seen.append(url)
        for href in parse_links(html).links:
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(("http://", "https://")) and site.is_local(target):
                queue.append(target)
    seen.append(site.url("/404.html"))
    return seen


@contextlib.contextmanager
def serve_build(project: Path, out: Path) -> Iterator[Site]:
    """Build ``project`` for production into ``out`` with SITEURL pointing at a free loopback
    port, and serve it there like a static host until the block ends."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SITEURL": base}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        sock.close()
        pytest.fail(f"production build failed:\n{result.stdout}\n{result.stderr}")

    handler = type("Handler", (StaticHandler,), {"extra_headers": _security_headers(out)})
    server = QuietServer(
        ("127.0.0.1", port),
        functools.partial(handler, directory=str(out)),
        bind_and_activate=False,
    )
    server.socket.close()
    server.socket = sock
    server.server_activate()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(out, base)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The production build, served on a free loopback port for the whole session."""
    with serve_build(ROOT, tmp_path_factory.mktemp("site")) as built:
        built.pages = discover_pages(built)
        yield built


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Python Playwright is not installed")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        _missing("axe-core is not installed in tests/browser/node_modules")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        _missing("Lighthouse is not installed in tests/browser/node_modules")
    if shutil.which("node") is None:
        _missing("Node.js is not installed")
    return LIGHTHOUSE


@pytest.fixture(scope="session")
def reports() -> Path:
    REPORTS.mkdir(exist_ok=True)
    return REPORTS
