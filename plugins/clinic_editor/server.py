"""The loopback server behind ``invoke edit``: the admin page, the CMS, and two endpoints.

* ``/admin/`` — the editor (``editor/admin/index.html``), with its own Content-Security-Policy;
  ``/admin/config.yml`` is generated afresh for every request; ``/admin/cms/`` serves Decap CMS
  from ``editor/node_modules`` (our own files, no CDN); ``/admin/theme/`` the site's CSS for the
  preview pane.
* ``POST /api/preview`` — ``{"collection", "slug", "data"}`` → the page built in the theme,
  with its problems (:class:`clinic_editor.preview.PagePreview`).
* ``POST /api/lint`` — ``{"path", "text"}`` → claims findings and page-schema problems of a
  whole file, for any other client (a plain HTTP version of what ``claims-lint lsp`` does).

It answers only requests addressed to a loopback name, and POSTs only from its own origin, so
a web page open in the same browser cannot use it (DNS rebinding, cross-site requests).
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import mimetypes
import posixpath
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from clinic_publish.headers import admin_content_security_policy

from .cms_config import render_config
from .preview import PagePreview

__all__ = ["EditorServer", "admin_csp", "lint_text"]

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
MAX_BODY = 2_000_000


def admin_csp(connect: list[str]) -> str:
    """The hosted editor's policy (plugins/clinic_publish/headers.py), with the local backend
    in place of the git host: one definition, tested here by the real CMS in a real browser."""
    return admin_content_security_policy(tuple(connect))


def lint_text(root: Path, path: str, text: str) -> dict[str, Any]:
    """Claims findings and page-schema problems for one file's text (not saved anywhere)."""
    from claims_lint import Linter, detect_kind, load_config

    from .pageschema import SchemaUnavailable, check_page

    linter = Linter(load_config(root))
    try:
        result = linter.lint_source(text, path, detect_kind(path))
        findings = [f.to_dict() for f in result.findings]
        error = None
    except Exception as exc:  # an InputError: broken YAML, say; reported, never raised
        findings, error = [], getattr(exc, "message", str(exc))
    try:
        schema = [p.to_dict() for p in check_page(text, path, root / "content", dt.date.today())]
    except SchemaUnavailable as exc:
        schema = [{"line": 0, "message": str(exc), "severity": "warning", "code": "setup"}]
    return {"path": path, "findings": findings, "schema": schema, "error": error}


class EditorServer:
    """Serves the editor on ``host:port`` in a background thread until :meth:`close`."""

    def __init__(
        self, root: Path, host: str, port: int, backend_port: int, preview_port: int
    ) -> None:
        self.root = Path(root).resolve()
        self.backend_port = backend_port
        self.preview = PagePreview(self.root)
        self.csp = admin_csp([f"http://{host}:{backend_port}", f"http://localhost:{backend_port}"])
        handler = type("Handler", (_Handler,), {"app": self})
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}/admin/"
        self.preview_url = f"http://{host}:{preview_port}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.preview.close()

    # --- what the routes serve ------------------------------------------------------------

    def static_file(self, path: str) -> Path | None:
        """The file for an /admin/ path, or None. Never outside the three folders."""
        rel = posixpath.normpath(path[len("/admin/") :]) if path != "/admin/" else "index.html"
        if rel.startswith(("..", "/")):
            return None
        if rel.startswith("cms/"):
            base, rel = self.root / "editor" / "node_modules" / "decap-cms" / "dist", rel[4:]
        elif rel.startswith("theme/"):
            base, rel = self.root / "theme" / "static", rel[6:]
        else:
            base = self.root / "editor" / "admin"
        target = (base / rel).resolve()
        if not target.is_file() or base.resolve() not in target.parents:
            return None
        return target

    def preview_asset(self, path: str) -> Path | None:
        """What the preview pane's page links to (``/theme/…``, ``/images/…``): the theme's
        files and the last preview build's output. Never outside those two folders."""
        rel = posixpath.normpath(path.lstrip("/"))
        if rel.startswith("..") or not rel or rel == ".":
            return None
        if rel.startswith("theme/"):
            base, rel = self.root / "theme" / "static", rel[len("theme/") :]
        else:
            base = self.preview.work / "output"
        target = (base / rel).resolve()
        if not target.is_file() or base.resolve() not in target.parents:
            return None
        return target

    def config(self) -> str:
        return render_config(self.root, self.backend_port)


class _Handler(http.server.BaseHTTPRequestHandler):
    app: EditorServer
    server_version = "clinic-editor"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal shows what matters: builds and problems

    def _loopback(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in LOOPBACK_NAMES

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json; charset=utf-8")

    def do_GET(self) -> None:  # noqa: N802
        if not self._loopback():
            return self._send(421, b"use http://127.0.0.1", "text/plain")
        path = unquote(urlsplit(self.path).path)
        if path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return None
        if path == "/admin/config.yml":
            body = self.app.config().encode("utf-8")
            return self._send(200, body, "text/yaml; charset=utf-8")
        if path == "/api/health":
            return self._json(200, {"ok": True})
        if path.startswith("/admin/"):
            target = self.app.static_file(path)
        elif path.endswith((".html", "/")):
            target = None  # pages are previewed through /api/preview, never browsed here
        else:
            target = self.app.preview_asset(path)
        if target is None:
            return self._send(404, b"not found", "text/plain; charset=utf-8")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "text/javascript"):
            ctype += "; charset=utf-8"
        extra = {"Content-Security-Policy": self.app.csp} if ctype.startswith("text/html") else {}
        extra["X-Frame-Options"] = "DENY"
        return self._send(200, target.read_bytes(), ctype, extra)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        origin = self.headers.get("Origin")
        own = f"http://{self.headers.get('Host', '')}"
        if not self._loopback() or (origin and origin != own):
            return self._json(403, {"error": "requests come from the editor page only"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._json(413, {"error": "the page is too large to preview"})
        try:
            payload = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self._json(400, {"error": "the request is not JSON"})
        path = urlsplit(self.path).path
        if path == "/api/preview":
            data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
            result = self.app.preview.render(
                str(payload.get("collection") or "pages"), str(payload.get("slug") or ""), data
            )
            return self._json(200, result)
        if path == "/api/lint":
            text = payload.get("text")
            if not isinstance(text, str):
                return self._json(400, {"error": "send {'path': ..., 'text': ...}"})
            name = str(payload.get("path") or "content/pages/untitled.md")
            return self._json(200, lint_text(self.app.root, name, text))
        return self._json(404, {"error": "no such endpoint"})
