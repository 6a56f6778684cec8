"""`invoke livereload`: build, serve ``output/`` and reload the browser on every change.

Pelican keeps state between runs in one process, and our plugin, the data files and the theme
must all take effect when they change, so every rebuild runs ``pelican`` afresh in a
subprocess with the development settings. The build prints its findings to the terminal, and
each page shows them in its development-only banner.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["build_command", "ignored", "rebuild", "serve_with_livereload", "WATCHED"]

WATCHED = ("content", "theme", "plugins")  # content/ includes content/data/
_IGNORED_SUFFIXES = (".pyc", ".pyo", ".swp", ".swx", ".tmp", "~")
_IGNORED_PARTS = {
    "__pycache__",
    ".git",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    ".claims-lint-cache",
}


def ignored(path: str) -> bool:
    """Editor backups, lock files and caches are not changes worth a rebuild."""
    p = Path(path)
    name = p.name
    return (
        name.endswith(_IGNORED_SUFFIXES)
        or name.startswith((".#", "#"))
        or name in {"4913", ".DS_Store"}  # vim's write test file; macOS folder metadata
        or bool(_IGNORED_PARTS.intersection(p.parts))
        or ".egg-info" in path
    )


def output_dir(root: Path) -> Path:
    out = Path(os.environ.get("PELICAN_OUTPUT", "output"))
    return out if out.is_absolute() else root / out


def build_command(root: Path, settings: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(root / "content"),
        "-s",
        str(root / settings),
        "-o",
        str(output_dir(root)),
    ]


def rebuild(root: Path, settings: str, reason: str = "") -> int:
    """One development build in a fresh process; its findings go to this terminal."""
    started = time.monotonic()
    print(f"\n--- building{f' ({reason} changed)' if reason else ''} ---", flush=True)
    result = subprocess.run(build_command(root, settings), cwd=root, check=False)
    took = time.monotonic() - started
    if result.returncode:
        print(
            f"--- the build failed (exit {result.returncode}); the browser shows the last "
            "good build ---",
            flush=True,
        )
    else:
        then = "; reloading the browser" if reason else ""
        print(f"--- built in {took:.1f} s{then} ---", flush=True)
    return result.returncode


def serve_with_livereload(root: Path, settings: str, host: str, port: int) -> None:
    """Build, then serve the output at http://host:port/ until Ctrl+C, rebuilding on changes."""
    from livereload import Server

    root = Path(root).resolve()
    rebuild(root, settings)
    server = Server()

    def on_change() -> None:
        changed = server.watcher.filepath or ""
        try:
            shown = str(Path(changed).resolve().relative_to(root))
        except ValueError:
            shown = changed
        rebuild(root, settings, shown)

    for name in WATCHED:
        folder = root / name
        if folder.is_dir():
            server.watch(str(folder), on_change, ignore=ignored)
    settings_file = root / settings
    if settings_file.is_file():
        server.watch(str(settings_file), on_change)
    out = output_dir(root)
    out.mkdir(parents=True, exist_ok=True)
    print(f"Serving {out} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    server.serve(port=port, host=host, root=str(out), open_url_delay=None)
