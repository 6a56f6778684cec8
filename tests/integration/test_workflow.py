"""The everyday workflow, end to end, as a newcomer does it (issue 5, "Done when").

Create a treatment page with one command; preview it live; see a finding in the development
banner and fix it; produce the claims register. Each step runs the real commands in a
throwaway copy of the project.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_pelican

pytestmark = pytest.mark.integration

TITLE = "Mesotherapy for the neck"
SLUG = "mesotherapy-for-the-neck"


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def claims_lint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("claims-lint")
    command = (
        [exe]
        if exe
        else [
            sys.executable,
            "-c",
            "import sys; from claims_lint.cli import main; sys.exit(main())",
        ]
    )
    return subprocess.run(
        [*command, *args], cwd=project, capture_output=True, text=True, timeout=120
    )


def banner(html_path: Path) -> str | None:
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    found = soup.find(id="build-findings")
    return " ".join(found.get_text(" ").split()) if found else None


# 1. A newcomer creates a treatment page with one command ------------------------------------


def _sign_off(source: Path) -> None:
    """What the writer and the reviewer do before a new page may be published."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("To be written: ", "").replace("To be confirmed: ", "")
    text = re.sub(r"(?m)^reviewed_by: .*$", "reviewed_by: helen-ashby", text)
    today = dt.date.today()
    text = re.sub(r"(?m)^last_reviewed: .*$", f"last_reviewed: {today}", text)
    text = re.sub(r"(?m)^next_review: .*$", f"next_review: {today + dt.timedelta(180)}", text)
    text = re.sub(r"(?m)^  price_from: 0 .*$", "  price_from: 150", text)
    source.write_text(text, encoding="utf-8")


def test_one_command_creates_a_treatment_page_that_builds(project: Path) -> None:
    made = invoke(project, "new-treatment", "--title", TITLE, "--treatment", "mesotherapy-facial")
    assert made.returncode == 0, made.stdout + made.stderr
    source = project / "content/treatments" / f"{SLUG}.md"
    assert source.is_file()
    assert f"content/treatments/{SLUG}.md" in made.stdout

    # A draft previews; its banner is the to-do list (placeholders, sign-off, price).
    dev = run_pelican(project, "pelicanconf.py")
    assert dev.returncode == 0, dev.log
    page = dev.output / "drafts" / SLUG / "index.html"
    assert page.is_file()
    todo = banner(page) or ""
    assert "not signed off yet" in todo
    assert "placeholder text" in todo
    text = page.read_text(encoding="utf-8")
    assert "What it can and cannot do" in text and 'id="contraindications"' in text
    assert "Medically reviewed by" not in text  # nobody has reviewed it

    # Production publishes the rest of the site and reports the draft.
    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode == 0, prod.log
    assert f"1 draft not published: content/treatments/{SLUG}.md" in prod.log
    assert SLUG not in " ".join(str(p) for p in prod.html_files()), "drafts are never published"

    # Issue 11: deleting `status: draft` is not enough; nobody has signed it off.
    source.write_text(
        source.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8"
    )
    before = sorted(prod.output.rglob("*"))
    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode == 1, prod.log
    assert f"content/treatments/{SLUG}.md:9: error: 'reviewed_by' is empty" in prod.log
    assert "more than 0" in prod.log and "placeholder text" in prod.log
    assert sorted(prod.output.rglob("*")) == before, "a failed build writes nothing"

    # Written, reviewed and signed off: published at /treatments/<slug>/.
    _sign_off(source)
    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode == 0, prod.log
    assert (prod.output / "treatments" / SLUG / "index.html").is_file()


def test_one_command_creates_a_page_that_builds(project: Path) -> None:
    made = invoke(project, "new-page", "--title", "Gift vouchers")
    assert made.returncode == 0, made.stdout + made.stderr
    dev = run_pelican(project, "pelicanconf.py")
    assert dev.returncode == 0, dev.log
    assert (dev.output / "drafts/gift-vouchers/index.html").is_file()
    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode == 0, prod.log
    assert "1 draft not published: content/pages/gift-vouchers.md" in prod.log
    assert not (prod.output / "gift-vouchers").exists()


def test_new_treatment_page_lints_clean(project: Path) -> None:
    made = invoke(project, "new-treatment", "--title", TITLE, "--treatment", "mesotherapy-facial")
    assert made.returncode == 0, made.stderr
    result = claims_lint(project, f"content/treatments/{SLUG}.md")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("--title", "Roller", "--treatment", "derma-rollr"), "Did you mean 'derma-roller'?"),
        (("--title", "Facial mesotherapy", "--treatment", "mesotherapy-facial"), "already exists"),
    ],
)
def test_mistakes_are_clear_errors_without_a_traceback(
    project: Path, args: tuple[str, ...], expected: str
) -> None:
    before = sorted(p.name for p in (project / "content/treatments").iterdir())
    result = invoke(project, "new-treatment", *args)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.name for p in (project / "content/treatments").iterdir()) == before


# 2. Preview it live --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show the change within {timeout} s:\n{last[:2000]}")


def test_live_preview_rebuilds_and_serves_the_change(project: Path) -> None:
    port = free_port()
    script = (
        "import sys; sys.path.insert(0, 'plugins'); from pathlib import Path; "
        "from clinic.preview import serve_with_livereload; "
        f"serve_with_livereload(Path('.'), 'pelicanconf.py', '127.0.0.1', {port})"
    )
    log = (project / "livereload.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/treatments/facial-mesotherapy/"
    try:
        first = wait_for(url, lambda html: "Facial mesotherapy" in html)
        assert "livereload.js" in first, "the served page reloads itself on a change"
        assert "skin of the face" in first

        source = project / "content/treatments/facial-mesotherapy.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(
            text.replace("skin of the face", "skin of the face (edited live)", 1), encoding="utf-8"
        )
        wait_for(url, lambda html: "(edited live)" in html)

        # A data file changes too: the clinic's phone number is in every page's footer.
        clinic = project / "content/data/clinic.yaml"
        clinic.write_text(
            clinic.read_text(encoding="utf-8").replace('"01632 960 418"', '"01632 960 999"', 1),
            encoding="utf-8",
        )
        wait_for(url, lambda html: "01632 960 999" in html)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()
    output = (project / "livereload.log").read_text(encoding="utf-8")
    assert "content/treatments/facial-mesotherapy.md changed" in output


# 3. See and fix a finding from the banner ----------------------------------------------------


CLAIM = "It is completely painless."
FIX = "Most people feel some stinging; a numbing cream can be applied first."


def test_finding_shows_in_the_development_banner_and_goes_away_when_fixed(
    project: Path,
) -> None:
    source = project / "content/treatments/facial-mesotherapy.md"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("## How it is done"))
    lines.insert(at + 2, CLAIM + "\n\n")
    source.write_text("".join(lines), encoding="utf-8")
    claim_line = at + 3  # 1-based line of the inserted sentence

    dev = run_pelican(project, "pelicanconf.py")
    assert dev.returncode == 0, dev.log
    assert f"facial-mesotherapy.md:{claim_line}" in dev.log, "the terminal prints the finding"
    shown = banner(dev.output / "treatments/facial-mesotherapy/index.html")
    assert shown is not None, "the development page shows the findings banner"
    assert f"facial-mesotherapy.md:{claim_line}" in shown  # file and line
    assert "painless" in shown.lower()  # quotes the text
    assert re.search(r"\b[A-Z]{2,}[A-Z-]*\d{2,}\b", shown), f"no rule code in: {shown}"
    fix = shown.index("Describe the typical experience")  # the fix comes first ...
    assert fix < shown.index("PAI001") and fix < shown.index("CAP")  # ... code, regulation after

    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode != 0, "a production build stops on the claim"
    assert f"facial-mesotherapy.md:{claim_line}" in prod.log

    source.write_text(source.read_text(encoding="utf-8").replace(CLAIM, FIX), encoding="utf-8")
    fixed = run_pelican(project, "pelicanconf.py")
    assert fixed.returncode == 0, fixed.log
    assert banner(fixed.output / "treatments/facial-mesotherapy/index.html") is None
    assert run_pelican(project, "publishconf.py").returncode == 0


def test_production_output_never_contains_the_banner(project: Path) -> None:
    # Pages with warnings only (reviews overdue but within the grace period) still build in
    # production; their findings must not reach the published pages.
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nCLINIC_TODAY = "2027-04-20"\n', encoding="utf-8"
    )
    dev = run_pelican(project, "pelicanconf.py")
    assert banner(dev.output / "treatments/facial-mesotherapy/index.html") is not None
    prod = run_pelican(project, "publishconf.py")
    assert prod.returncode == 0, prod.log
    assert "review overdue" in prod.log
    written = [
        p
        for p in prod.output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".htm", ".xml", ".txt", ".json", ".js")
    ]
    assert written
    for path in written:
        assert "build-findings" not in path.read_text(encoding="utf-8", errors="replace"), path


# 4. Produce the claims register --------------------------------------------------------------


def test_claims_register_is_a_self_contained_html_report(project: Path) -> None:
    result = claims_lint(project, "content", "--format", "html", "-o", "report.html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    report = (project / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(report, "html.parser")
    assert soup.find("html") is not None
    text = " ".join(soup.get_text(" ").split())
    for slug in (
        "derma-roller",
        "facial-mesotherapy",
        "mesotherapy-cellulite",
        "mesotherapy-hair-loss",
    ):
        assert slug in text, f"the register has no entry for {slug}"
    assert "baspeyras-2013" in text  # a claim cleared by evidence, with its citation
    assert "Dr Helen Ashby" in text or "helen-ashby" in text  # the reviewer
    assert "2027-04-12" in text  # the review dates
    # Self-contained: a reviewer can e-mail it or open it offline.
    assert not soup.find("script", src=True)
    assert not [
        link for link in soup.find_all("link", href=True) if "stylesheet" in (link.get("rel") or [])
    ]
