"""The live preview's speed: save one page, time until the browser is told to reload.

Run inside a generated site (``bench_build.py`` does, after its development builds filled the
cache), this measures, for ``--edits`` one-page edits (a paragraph appended to one treatment
page, a different page each time):

* **warm** — the rebuild alone, as ``invoke livereload`` runs it: forked from the warm process
  (``clinic.warm.WarmBuilder``), from "build" sent to "done" received;
* **live** — the whole way, as a person sees it: ``invoke livereload``'s server runs in a
  subprocess, a WebSocket client speaks the livereload protocol like the browser's script, and
  the time is from the file being written to the ``reload`` message arriving.

Prints one JSON object: {"warm": [seconds…], "live": [seconds…]}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SENTENCE = "\n\nPlease ask us if anything on this page is unclear (edit {n}).\n"


def _pages(site: Path, count: int) -> list[Path]:
    pages = sorted((site / "content" / "treatments").glob("*.md"))
    step = max(1, len(pages) // max(1, count))
    return pages[::step][:count]


def _edit(page: Path, n: int) -> str:
    before = page.read_text(encoding="utf-8")
    page.write_text(before + SENTENCE.format(n=n), encoding="utf-8")
    return before


def measure_warm(site: Path, edits: int, settings: str) -> list[float]:
    sys.path.insert(0, str(site / "plugins"))
    from clinic.warm import WarmBuilder

    out = site / "output"
    builder = WarmBuilder(site, ["content", "-s", settings, "-o", str(out)], lambda _line: None)
    times = []
    try:
        code, log = builder.build()  # start the warm process; fill the cache for this output
        if code:
            raise RuntimeError("\n".join(log[-20:]))
        for n, page in enumerate(_pages(site, edits)):
            before = _edit(page, n)
            started = time.perf_counter()
            code, log = builder.build()
            times.append(time.perf_counter() - started)
            page.write_text(before, encoding="utf-8")
            if code:
                raise RuntimeError("\n".join(log[-20:]))
        builder.build()  # back to the unedited site
    finally:
        builder.stop()
    return times


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _live(site: Path, port: int, edits: int) -> list[float]:
    from tornado.websocket import websocket_connect

    url = f"ws://127.0.0.1:{port}/livereload"
    deadline = time.monotonic() + 600
    while True:
        try:
            ws = await websocket_connect(url)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
    await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
    await ws.read_message()
    await ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    # livereload sends one reload of its own a few seconds after the first browser connects
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 5:
        try:
            await asyncio.wait_for(ws.read_message(), 1)
            quiet_since = time.monotonic()
        except TimeoutError:
            pass
    times = []
    for n, page in enumerate(_pages(site, edits)):
        before = _edit(page, 100 + n)
        started = time.perf_counter()
        while True:
            message = json.loads(await asyncio.wait_for(ws.read_message(), 120))
            if message.get("command") == "reload":
                break
        times.append(time.perf_counter() - started)
        page.write_text(before, encoding="utf-8")
        while True:  # the rebuild of the restored page
            message = json.loads(await asyncio.wait_for(ws.read_message(), 120))
            if message.get("command") == "reload":
                break
        await asyncio.sleep(0.5)
    ws.close()
    return times


def measure_live(site: Path, edits: int, settings: str) -> list[float]:
    port = _free_port()
    script = (
        "import sys; sys.path.insert(0, 'plugins'); from pathlib import Path; "
        "from clinic.preview import serve_with_livereload; "
        f"serve_with_livereload(Path('.'), {settings!r}, '127.0.0.1', {port})"
    )
    log = (site / "livereload.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=site,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        return asyncio.run(_live(site, port, edits))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    os.chdir(site)
    result = {
        "warm": measure_warm(site, args.edits, args.settings),
        "live": measure_live(site, args.edits, args.settings),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
