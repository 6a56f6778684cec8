"""`invoke livereload`: build, serve ``output/`` and reload the browser on every change.

Pelican keeps state between runs in one process, and our plugin, the data files and the theme
must all take effect when they change, so every rebuild runs ``pelican`` afresh in a process of
its own with the development settings — forked from a warm process that has imported
everything already (warm.py), which a change to the code or the settings restarts. Changes are
seen through the operating system's file events (watchfiles, which Pelican uses too), within
about 50 ms of the save; the build takes unchanged pages from the build cache and leaves
unchanged files alone, so a one-page edit of a 1,000-page site is rebuilt and the browser told
to reload within about a second (docs/performance.md). The build prints its findings to the
terminal, and each page shows them in its development-only banner.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import sys
import time
from pathlib import Path

from .warm import WarmBuilder, needs_restart

__all__ = [
    "WATCHED",
    "build_command",
    "failure_page",
    "ignored",
    "rebuild",
    "serve_with_livereload",
    "write_failure_pages",
]

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


def rebuild(root: Path, settings: str, reason: str = "", builder: WarmBuilder | None = None) -> int:
    """One development build in a fresh process; its findings go to this terminal.

    When the build fails, every page of the preview is replaced by a page saying so and why,
    so the browser never shows a stale page as if it were current.
    """
    started = time.monotonic()
    print(f"\n--- building{f' ({reason} changed)' if reason else ''} ---", flush=True)
    builder = builder or WarmBuilder(root, build_command(root, settings)[3:], _echo)
    returncode, log = builder.build()
    took = time.monotonic() - started
    if returncode:
        pages = write_failure_pages(output_dir(root), log, reason, root)
        print(
            f"--- the build failed (exit {returncode}); the {pages} page(s) of the preview now "
            "say so, until the next build succeeds ---",
            flush=True,
        )
    else:
        then = "; reloading the browser" if reason else ""
        print(f"--- built in {took:.1f} s{then} ---", flush=True)
    return returncode


def _echo(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


_EXCEPTION = re.compile(r"^\s*(?:[\w.]+\.)?(\w*(?:Error|Exception|Exit)\w*): (.+)$")
_FRAME = re.compile(r'File "([^"]+)", line (\d+)')


def failure_reason(log: list[str], root: Path | None = None) -> list[str]:
    """What a person needs from a failed build's log: the problems our plugin reported
    (``file:line: error: …``), else where the error happened in the project's own files and
    what it says; the last lines of the log when neither is there."""
    ours = [line.strip() for line in log if ": error:" in line]
    if ours:
        return list(dict.fromkeys(ours))[:40]
    where = ""
    for line in log:
        frame = _FRAME.search(line)
        if frame and root is not None and Path(frame.group(1)).resolve().is_relative_to(root):
            shown = Path(frame.group(1)).resolve().relative_to(root)
            if "site-packages" not in str(shown):
                where = f"{shown}, line {frame.group(2)}"
    errors = [m.group(1) + ": " + m.group(2) for m in map(_EXCEPTION.match, log) if m]
    if errors:
        return [f"{where}: {errors[-1]}" if where else errors[-1]]
    return [line.strip() for line in log if line.strip()][-12:]


def failure_page(log: list[str], reason: str = "", root: Path | None = None) -> str:
    """A self-contained page (inline style: development only) naming why the build failed."""
    reasons = failure_reason(log, root)
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in reasons)
    tail = html.escape("\n".join(log[-60:]))
    changed = f" after <code>{html.escape(reason)}</code> changed" if reason else ""
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This page did not build</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #fff4d6; color: #3d2a00; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; }}
h1 {{ font-size: 1.5rem; color: #8a2f1c; margin: 0 0 0.5rem; overflow-wrap: anywhere; }}
pre {{ font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }}
ul {{ padding-left: 1.2rem; }} code {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main id="build-failed">
<h1>This page did not build: the last build failed{changed}</h1>
<p>What you see here is not the page: the site could not be built, so nothing on it is
current. Fix the problem below and save; this page reloads by itself when the build works.</p>
<ul>
{items}
</ul>
<details><summary>The end of the build's log</summary><pre>{tail}</pre></details>
</main>
</body>
</html>
"""


def write_failure_pages(
    out: Path, log: list[str], reason: str = "", root: Path | None = None
) -> int:
    """Replace every HTML page of the preview with the failure page; return how many."""
    page = failure_page(log, reason, root)
    pages = sorted(out.rglob("*.html")) if out.is_dir() else []
    if not pages:
        out.mkdir(parents=True, exist_ok=True)
        pages = [out / "index.html"]
    for target in pages:
        target.write_text(page, encoding="utf-8")
    return len(pages)


def _watched(root: Path, settings: str) -> list[Path]:
    paths = [root / name for name in WATCHED if (root / name).is_dir()]
    return paths + [p for p in (root / settings,) if p.is_file()]


def _shown(root: Path, changed: list[str]) -> str:
    names = []
    for path in changed:
        try:
            names.append(str(Path(path).resolve().relative_to(root)))
        except ValueError:
            names.append(path)
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


def serve_with_livereload(root: Path, settings: str, host: str, port: int) -> None:
    """Build, then serve the output at http://host:port/ until Ctrl+C, rebuilding on changes."""
    import threading

    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    root = Path(root).resolve()
    builder = WarmBuilder(root, build_command(root, settings)[3:], _echo)
    rebuild(root, settings, builder=builder)
    server = Server()
    # livereload polls what it watches every 0.8 s; give it one path that never changes (it
    # would watch the whole working folder otherwise) and watch with file events instead.
    server.watch(str(root / ".cache" / "livereload-nothing"))
    loop = IOLoop.current()
    stop = threading.Event()

    def on_changes(changed: list[str]) -> None:
        if any(needs_restart(path, root) for path in changed):
            builder.restart()  # the warm process imported the old code or settings
        rebuild(root, settings, _shown(root, changed), builder)
        # Straight to the browsers: livereload's own poller would skip a reload within 3 s
        # of the last one, and each change here is one finished build.
        loop.add_callback(LiveReloadHandler.reload_waiters)

    def watch() -> None:
        import watchfiles

        paths = _watched(root, settings)
        for changes in watchfiles.watch(
            *paths,
            watch_filter=lambda _change, path: not ignored(path),
            debounce=1600,
            step=50,
            stop_event=stop,
            raise_interrupt=False,
        ):
            changed = sorted({path for _, path in changes})
            if changed:
                on_changes(changed)

    out = output_dir(root)
    out.mkdir(parents=True, exist_ok=True)
    watcher = threading.Thread(target=watch, name="clinic-watch", daemon=True)
    watcher.start()
    print(f"Serving {out} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve(port=port, host=host, root=str(out), open_url_delay=None)
    finally:
        stop.set()
        builder.stop()


def main(argv: list[str] | None = None) -> None:
    """``python -m clinic.preview``: what ``invoke livereload`` runs (``invoke edit`` too)."""
    p = argparse.ArgumentParser(prog="python -m clinic.preview", description=__doc__)
    p.add_argument("--root", default=".", help="the project folder")
    p.add_argument("--settings", default="pelicanconf.py")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    args = p.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        serve_with_livereload(Path(args.root), args.settings, args.host, args.port)


if __name__ == "__main__":
    main()
