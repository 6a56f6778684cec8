"""Shared fixtures: a throwaway copy of the project, and real Pelican builds of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every build the tests run (copies of the project included, and the builds they start as
# subprocesses) shares the checkout's image cache: it is keyed by content, so sharing is safe,
# and it keeps each copy from re-encoding the example site's images. Tests of the cache itself
# set their own.
os.environ.setdefault("CLINIC_IMAGE_CACHE", str(ROOT / ".cache" / "images"))
PROJECT_PARTS = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py")


def copy_project(dest: Path) -> Path:
    """Copy what a build needs into ``dest`` (no output, caches or VCS)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".claims-lint-cache", ".cache")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@dataclass
class Build:
    returncode: int
    output: Path
    log: str  # stdout and stderr together, as a person sees them

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html")) if self.output.exists() else []


def run_pelican(project: Path, settings: str = "publishconf.py", **env: str) -> Build:
    """A real `pelican content -s SETTINGS` run in ``project``, as a subprocess."""
    output = project / "output"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(output)],
        cwd=project,
        env={**os.environ, "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(proc.returncode, output, proc.stdout + proc.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example site to break on purpose."""
    return copy_project(tmp_path / "site")


@pytest.fixture(scope="session")
def production_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One production build of the unmodified example site, shared by read-only tests."""
    site = copy_project(tmp_path_factory.mktemp("prod") / "site")
    build = run_pelican(site, "publishconf.py")
    assert build.returncode == 0, build.log
    return build
