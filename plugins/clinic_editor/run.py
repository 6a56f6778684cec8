"""``invoke edit``: everything for local editing, on loopback, started and stopped together.

1. the editor server (:mod:`clinic_editor.server`): the CMS, its configuration, the preview
   and lint endpoints — http://127.0.0.1:8001/admin/;
2. decap-server, the CMS's own local backend, in git mode (the editorial workflow keeps each
   page being edited on a ``cms/...`` branch of this repository until it is published);
3. the live preview of the whole site (``invoke livereload``) — http://127.0.0.1:8000/.

Every child runs in its own process group and is stopped (TERM, then KILL) when this stops,
by Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cms_config import CONFIG_PATH, write_config

__all__ = ["EditError", "Ports", "edit", "ensure_cms_installed"]

EDITOR_DIR = "editor"
DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
DECAP_CMS = Path("node_modules") / "decap-cms" / "dist" / "decap-cms.js"


class EditError(Exception):
    """``invoke edit`` cannot start; the message says why and what to do."""


@dataclass(frozen=True)
class Ports:
    host: str = "127.0.0.1"
    editor: int = 8001
    backend: int = 8081
    preview: int = 8000


STAMP = Path("node_modules") / ".clinic-lock-sha256"


def lock_digest(editor: Path) -> str:
    return hashlib.sha256((editor / "package-lock.json").read_bytes()).hexdigest()


def ensure_cms_installed(root: Path) -> Path:
    """``npm ci`` in editor/ unless what is installed was installed from this lock file.

    The stamp holds the lock file's SHA-256 (scripts/install-test-deps.sh writes the same), so
    a changed lock file reinstalls and an unchanged one never does.
    """
    editor = root / EDITOR_DIR
    cms = editor / DECAP_CMS
    stamp = editor / STAMP
    current = stamp.is_file() and stamp.read_text().strip() == lock_digest(editor)
    if cms.exists() and (editor / DECAP_SERVER).exists() and current:
        return editor
    if shutil.which("npm") is None:
        raise EditError(
            "the web editor needs Node.js and npm: install them (Debian: apt-get install "
            "nodejs npm), or run scripts/install-test-deps.sh"
        )
    print("Installing the web editor (npm ci in editor/, once)…", flush=True)
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=editor, check=False
    )
    if result.returncode or not cms.exists():
        raise EditError("npm ci in editor/ failed (see above); check your network and try again")
    stamp.write_text(lock_digest(editor) + "\n")
    return editor


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def check_repository(root: Path) -> None:
    """The CMS's local backend commits to branches of this repository: it must be one, and
    clean, or it would commit someone's unfinished work along with the page."""
    if shutil.which("git") is None:
        raise EditError("the web editor needs git (Debian: apt-get install git)")
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode:
        raise EditError(
            f"{root} is not a git repository: the editor saves pages as git commits. "
            "Run `git init && git add -A && git commit -m 'Site'` first"
        )
    if _git(root, "rev-parse", "--verify", "HEAD").returncode:
        raise EditError("the repository has no commit yet: commit the site once first")
    dirty = [line for line in _git(root, "status", "--porcelain").stdout.splitlines() if line]
    if dirty:
        shown = "\n  ".join(dirty[:10]) + ("\n  …" if len(dirty) > 10 else "")
        raise EditError(
            "the working tree has uncommitted changes, which the editor would commit along "
            f"with your page:\n  {shown}\nCommit or stash them (git stash), then run "
            "`invoke edit` again"
        )


def _check_port(host: str, port: int, what: str, option: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            raise EditError(
                f"port {port} ({what}) is in use: is another `invoke edit` or "
                f"`invoke livereload` running? Stop it, or choose another port with {option}"
            ) from None


@dataclass
class Children:
    """Child processes, each in its own process group, stopped together."""

    procs: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def start(self, name: str, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, start_new_session=True, **kwargs)  # type: ignore[call-overload]
        self.procs.append((name, proc))
        return proc

    def check(self) -> None:
        for name, proc in self.procs:
            if proc.poll() is not None:
                raise EditError(f"{name} stopped (exit {proc.returncode}); see the lines above")

    def stop(self) -> None:
        for _, proc in reversed(self.procs):
            if proc.poll() is None:
                _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for _, proc in self.procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait()


def _signal_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def _wait_for_port(host: str, port: int, children: Children, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.check()
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.2)
    raise EditError(f"nothing answered on {host}:{port} after {timeout:.0f} s")


def _stop_on_sigterm() -> None:
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def edit(root: Path, ports: Ports, settings: str = "pelicanconf.py") -> None:
    """Start everything, print where to go, and run until Ctrl+C or SIGTERM."""
    from .server import EditorServer

    root = Path(root).resolve()
    if ports.host not in ("127.0.0.1", "localhost", "::1"):
        raise EditError("the editor runs on loopback only (127.0.0.1): it has no login")
    check_repository(root)
    editor = ensure_cms_installed(root)
    for port, what, option in (
        (ports.editor, "the editor", "--port"),
        (ports.backend, "the CMS backend", "--backend-port"),
        (ports.preview, "the live preview", "--preview-port"),
    ):
        _check_port(ports.host, port, what, option)
    if write_config(root):
        print(f"Updated {CONFIG_PATH} from the schema, the registry and clinic.yaml.", flush=True)
        _git(root, "add", str(CONFIG_PATH))
        _git(root, "commit", "-q", "-m", "Web editor configuration regenerated", "--no-verify")

    _stop_on_sigterm()
    children = Children()
    server = EditorServer(root, ports.host, ports.editor, ports.backend, ports.preview)
    try:
        env = {
            **os.environ,
            "PORT": str(ports.backend),
            "BIND_HOST": ports.host,
            "MODE": "git",
            "GIT_REPO_DIRECTORY": str(root),
            "ORIGIN": f"http://{ports.host}:{ports.editor}",
            "LOG_LEVEL": os.environ.get("CLINIC_EDITOR_LOG_LEVEL", "warn"),
        }
        children.start("decap-server", ["node", str(editor / DECAP_SERVER)], cwd=editor, env=env)
        preview_env = {**os.environ, "PYTHONPATH": str(root / "plugins")}
        children.start(
            "the live preview",
            [sys.executable, "-m", "clinic.preview", "--root", str(root), "--settings", settings]
            + ["--host", ports.host, "--port", str(ports.preview)],
            cwd=root,
            env=preview_env,
        )
        server.start()
        _wait_for_port(ports.host, ports.backend, children)
        _wait_for_port(ports.host, ports.preview, children)
        print(
            f"\nThe web editor is ready: {server.url}\n"
            f"Live preview of the whole site: {server.preview_url}\n"
            "Pages you save are kept on cms/… branches of this repository until you publish "
            "them from the editor's Workflow tab. Ctrl+C stops everything.\n",
            flush=True,
        )
        while True:
            children.check()
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping the editor…", flush=True)
    finally:
        server.close()
        children.stop()
