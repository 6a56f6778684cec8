"""The development banner and the live preview, as a marketer on a phone sees them.

The over-eager fixture paragraph (tests/fixtures/pages/over-eager.md) carries twenty claims of
sixteen kinds. The banner lists one line per kind, fix first, and must take less than one
phone screen (375 × 667); the words are marked where they are in the page.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import DOCS, ROOT
from tests.conftest import copy_project, run_pelican

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
FIXTURE = ROOT / "tests" / "fixtures" / "pages" / "over-eager.md"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The development build of the example site plus the over-eager page, served."""
    project = copy_project(tmp_path_factory.mktemp("banner") / "site")
    shutil.copy2(FIXTURE, project / "content" / "treatments" / FIXTURE.name)
    build = run_pelican(project, "pelicanconf.py")
    assert build.returncode == 0, build.log
    handler = functools.partial(_Quiet, directory=str(build.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_banner_takes_less_than_one_phone_screen(browser, dev_site: str) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(f"{dev_site}/drafts/over-eager/")
        banner = page.locator("#build-findings")
        height = banner.evaluate("e => e.getBoundingClientRect().height")
        lines = banner.locator("li.finding")
        claims = page.locator("main mark.claim")
        assert lines.count() >= 12, "the fixture should hold many kinds of claim"
        assert height < PHONE["height"], f"the banner is {height:.0f} px on a 667 px screen"
        for summary in banner.locator("summary").all():  # one line each, fix first
            box = summary.bounding_box()
            assert box is not None and box["height"] < 30, summary.inner_text()
        first = banner.locator("summary").first.inner_text()
        assert "PAI001" not in first and "CAP" not in first  # code and regulation folded away
        assert claims.count() >= 18  # the words, marked in place
        page.screenshot(path=str(DOCS / "screenshots" / "banner-375.png"))
        # Unfolding a line shows the rule, the regulation, and a link to the words.
        banner.locator("summary", has_text="Describe the typical experience").click()
        more = banner.locator(".finding__more", has_text="PAI001")
        assert "CAP" in more.inner_text() and "show in the page" in more.inner_text()
        more.get_by_role("link", name="show in the page").click()
        target = page.locator("mark.claim:target")
        assert target.inner_text().lower() == "painless"
    finally:
        page.close()


def test_each_marked_word_is_what_the_linter_found(browser, dev_site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{dev_site}/drafts/over-eager/")
        marked = {m.get_attribute("data-rule") for m in page.locator("mark.claim").all()}
        listed = page.locator("#build-findings").inner_text()
        assert {"PAI001", "DOW001", "SAF004", "FAT001", "DET001"} <= marked
        assert "Describe the typical experience" in listed
        shot = DOCS / "screenshots" / "banner-1280.png"
        page.locator("#build-findings").screenshot(path=str(shot))
    finally:
        page.close()


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_after_a_failed_build_the_preview_says_so_then_recovers(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    port = _port()
    log = (tmp_path / "livereload.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "clinic.preview", "--root", str(project), "--port", str(port)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "plugins")},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    page = browser.new_page(viewport=PHONE)
    template = project / "theme" / "templates" / "page.html"
    good = template.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/contact/")
                break
            except Exception:
                assert time.monotonic() < deadline and proc.poll() is None, "no live preview"
                time.sleep(0.5)
        page.wait_for_selector("h1")
        template.write_text(good.replace("{% block content %}", "{% block content %}{% if %}"))
        failed = page.locator("#build-failed")
        failed.wait_for(timeout=60_000)  # livereload reloaded the page by itself
        text = failed.inner_text()
        assert "This page did not build" in text and "page.html" in text
        page.screenshot(path=str(DOCS / "screenshots" / "build-failed-375.png"))
        template.write_text(good)
        page.locator("#build-failed").wait_for(state="detached", timeout=60_000)
        assert "Contact" in page.locator("h1").inner_text()
    finally:
        page.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
