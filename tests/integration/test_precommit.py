"""The pre-commit hooks, run for real by pre-commit in a real git repository.

`.pre-commit-config.yaml` is this site's own configuration (local hooks, `language: system`,
so nothing is downloaded): committing a page with ``last_reviewed: 30/11/2026`` fails at that
file and line, as the production build would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.integration

PAGE = "content/treatments/derma-roller.md"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    site = copy_project(tmp_path / "site")
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy2(ROOT / name, site / name)
    _git(site, "init", "-q")
    _git(site, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    _git(site, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x")
    return site


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        # the hooks run `claims-lint` from the environment the tests run in
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_COLOR": "never",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_bad_date_fails_the_commit_at_its_file_and_line(repo: Path) -> None:
    page = repo / PAGE
    page.write_text(
        page.read_text("utf-8").replace("last_reviewed: 2026-10-12", "last_reviewed: 30/11/2026"),
        "utf-8",
    )
    _git(repo, "add", PAGE)
    result = pre_commit(repo, PAGE)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert f"{PAGE}:8:1: PAG002" in out, out
    assert "write 2026-11-30 for 30 November 2026" in out
    assert "Traceback" not in out


def test_a_good_page_passes(repo: Path) -> None:
    result = pre_commit(repo, PAGE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_published_hooks_run_the_same_command() -> None:
    """`.pre-commit-hooks.yaml` (for other clinics' repositories) runs the command tested above."""
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    ours = {h["id"]: h for h in local}
    assert hooks["claims-lint"]["entry"] == ours["claims-lint"]["entry"] == "claims-lint"
    assert hooks["claims-lint-site"]["entry"] == ours["claims-lint-data"]["entry"]
