"""The editor's server, its preview and lint endpoints, `invoke edit`'s checks and sign-off.

Real HTTP on loopback, real Pelican builds of the page being edited, real git.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from bs4 import BeautifulSoup
from clinic_editor.preview import entry_to_markdown
from clinic_editor.server import EditorServer
from clinic_editor.signoff import SignOffError, sign_off

from tests.conftest import ROOT, copy_project, run_pelican

pytestmark = pytest.mark.integration

ENTRY = {
    "title": "Skin booster",
    "treatment": "mesotherapy-facial",
    "summary": "Small injections into the skin of the face. Results vary.",
    "facts": {
        "session_length": "About 30 minutes",
        "course": "Usually 3 sessions, 4 weeks apart",
        "results_timeline": "Some people notice a change after a few weeks",
        "recovery": "Redness and small bruises for a few days",
        "price_from": 200,
    },
    "status": "draft",
    "body": "## What it is\n\nSmall injections. It is completely painless, zero downtime.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorServer]:
    root = copy_project(tmp_path_factory.mktemp("editor") / "site")
    shutil.copytree(ROOT / "editor" / "admin", root / "editor" / "admin")
    app = EditorServer(root, "127.0.0.1", 0, 8081, 8000)
    app.start()
    try:
        yield app
    finally:
        app.close()


def _post(server: EditorServer, path: str, data: dict, origin: str | None = None) -> dict:
    base = server.url.removesuffix("/admin/")
    headers = {"Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    request = Request(base + path, json.dumps(data).encode(), headers, method="POST")
    with urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def test_the_preview_is_the_page_in_the_theme_with_its_claims_marked(server) -> None:
    result = _post(server, "/api/preview", {"collection": "treatments", "data": ENTRY})
    soup = BeautifulSoup(result["html"], "html.parser")
    marks = {m["data-rule"]: m.get_text() for m in soup.select("mark.claim")}
    assert marks == {"PAI001": "painless", "DOW001": "zero downtime"}
    assert soup.find(id="contraindications") is not None  # the registry's sections: real build
    banner = soup.find(id="build-findings").get_text(" ")
    assert "Describe the typical experience" in banner and "State the typical recovery" in banner
    rules = {p["rule"] for p in result["problems"] if p["code"] == "claims"}
    assert rules == {"PAI001", "DOW001"}
    assert all(p["fix"] for p in result["problems"])  # every problem says what to do
    sign = [p for p in result["problems"] if p["code"] == "sign-off"]
    assert len(sign) == 1 and sign[0]["severity"] == "warning"  # a draft, not broken
    assert result["path"] == "content/treatments/skin-booster.md"
    assert "content/treatments/skin-booster.md:" in banner
    assert str(server.preview.work) not in result["html"]


def test_the_preview_pictures_are_served_to_the_pane(server) -> None:
    entry = {**ENTRY, "hero": {"src": "/images/treatments/facial-mesotherapy.jpg", "alt": "A room"}}
    result = _post(server, "/api/preview", {"collection": "treatments", "data": entry})
    soup = BeautifulSoup(result["html"], "html.parser")
    sources = [s["srcset"].split()[0] for s in soup.select("picture source")]
    sources += [img["src"] for img in soup.find_all("img")]
    pictures = [s for s in sources if s.startswith("/images/")]
    assert pictures, "the hero is in the page"
    base = server.url.removesuffix("/admin/")
    for src in pictures + ["/theme/css/site.css"]:
        with urlopen(base + src) as response:
            assert response.status == 200 and response.read()
    with pytest.raises(HTTPError):
        urlopen(base + "/../../etc/passwd")


def test_schema_errors_show_as_the_marketer_types(server) -> None:
    entry = {**ENTRY, "summary": "", "facts": {**ENTRY["facts"], "price_from": "two hundred"}}
    entry["last_reviewed"] = "12/10/2026"
    result = _post(server, "/api/preview", {"collection": "treatments", "data": entry})
    # The page schema's messages since issue 11 (a wrong price or date is "signoff": the page
    # can be previewed without it, never published).
    messages = [p["message"] for p in result["problems"] if p["code"] in ("schema", "signoff")]
    assert "missing required field 'summary'" in messages
    assert "'facts.price_from' must be a number" in messages
    assert any(
        m.startswith("'last_reviewed' must be a date written as YYYY-MM-DD") for m in messages
    )
    banner = BeautifulSoup(result["html"], "html.parser").find(id="build-findings")
    assert "missing required field 'summary'" in banner.get_text(" ")  # in the page too


def test_the_lint_endpoint_reports_claims_and_schema_problems(server) -> None:
    text = entry_to_markdown({**ENTRY, "sumary": "typo"})
    result = _post(server, "/api/lint", {"path": "content/treatments/x.md", "text": text})
    assert {f["rule"] for f in result["findings"]} == {"PAI001", "DOW001"}
    typo = next(p for p in result["schema"] if "sumary" in p["message"])
    assert typo["fix"]["new_text"] == "summary"


def test_other_origins_cannot_use_the_endpoints(server) -> None:
    with pytest.raises(HTTPError) as err:
        _post(server, "/api/lint", {"text": "x"}, origin="https://evil.example")
    assert err.value.code == 403


def test_the_admin_page_has_its_own_policy_and_no_path_escapes(server) -> None:
    with urlopen(server.url) as response:
        csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "object-src 'none'" in csp
    with pytest.raises(HTTPError) as err:
        urlopen(server.url + "..%2F..%2Fpelicanconf.py")
    assert err.value.code == 404
    with urlopen(server.url + "config.yml") as response:
        assert b"publish_mode: editorial_workflow" in response.read()


def _invoke(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_invoke_edit_refuses_a_folder_that_is_not_a_clean_git_repository(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = _invoke(root, "edit")
    assert result.returncode == 1 and "not a git repository" in result.stderr
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "s"],
        cwd=root,
        check=True,
    )
    (root / "content" / "pages" / "home.md").write_text("unsaved work", encoding="utf-8")
    result = _invoke(root, "edit")
    assert result.returncode == 1
    assert "uncommitted changes" in result.stderr and "content/pages/home.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_sign_off_checks_the_page_and_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    page = root / "content" / "treatments" / "skin-booster.md"
    page.write_text(entry_to_markdown(ENTRY), encoding="utf-8")
    with pytest.raises(SignOffError, match="PAI001"):
        sign_off(root, page, "helen-ashby")
    with pytest.raises(SignOffError, match="not a clinical reviewer"):
        sign_off(root, page, "grace-lim")
    fixed = {**ENTRY, "body": "## What it is\n\nSmall injections into the skin. Results vary."}
    text = entry_to_markdown(fixed).replace("---\n", "---\n# kept\n", 1)  # a comment survives
    page.write_text(text, encoding="utf-8")
    message = sign_off(root, page, "tom-okafor", today=dt.date(2026, 8, 31))
    assert "next review 2027-02-28" in message
    after = page.read_text(encoding="utf-8")
    assert "# kept" in after and "status" not in after
    assert "reviewed_by: tom-okafor\nlast_reviewed: 2026-08-31\nnext_review: 2027-02-28" in after
    assert _invoke(root, "sign-off", "--help").returncode == 0


def test_every_task_answers_help(tmp_path: Path) -> None:
    names = json.loads(_invoke(Path.cwd(), "--list", "--list-format", "json").stdout)["tasks"]
    for task in names:
        result = _invoke(Path.cwd(), task["name"], "--help")
        assert result.returncode == 0, (task["name"], result.stderr)
        assert "Usage:" in result.stdout


def test_the_production_build_can_publish_the_editor_with_its_own_policy(tmp_path: Path) -> None:
    """Hosted editing: /admin/ from our own files, its own CSP; the public site keeps its own."""
    from clinic_publish.headers import ADMIN_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY

    modules = ROOT / "editor" / "node_modules"
    if not (modules / "decap-cms" / "dist" / "decap-cms.js").exists():
        pytest.skip("the web editor is not installed (scripts/install-test-deps.sh)")
    root = copy_project(tmp_path / "site")
    shutil.copytree(ROOT / "editor" / "admin", root / "editor" / "admin")
    (root / "editor" / "node_modules").symlink_to(modules)
    build = run_pelican(root, "publishconf.py")
    assert build.returncode == 0, build.log
    assert not (build.output / "admin").exists()  # off by default
    build = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", "out"]
        + ["-e", "CLINIC_EDITOR_ADMIN=true"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    admin = root / "out" / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="cms/decap-cms.js"></script>' in html and 'src="http' not in html
    assert (admin / "cms" / "decap-cms.js").is_file()
    assert not list((admin / "cms").glob("*.map"))
    config = (admin / "config.yml").read_text(encoding="utf-8")
    assert "name: github" in config and "publish_mode: editorial_workflow" in config
    headers = (root / "out" / "_headers").read_text(encoding="utf-8")
    site_block, admin_block = headers.split("/admin/*", 1)
    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in site_block
    assert "! Content-Security-Policy" in admin_block
    assert f"Content-Security-Policy: {ADMIN_CONTENT_SECURITY_POLICY}" in admin_block
