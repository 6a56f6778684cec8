"""The build cache and the worker processes (issue 12), with real Pelican builds.

* The output is byte-identical with and without the cache, and with 1 or 2 workers: whole
  output trees are compared, for development and production builds, on the example site with
  40 generated treatment pages more (so every part of the pool has work to spread).
* A change to each input that could change a result shows in the next cached build exactly as
  in a build that ignores the cache.
* Only what changed is written: unchanged files keep their modification time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.integration

sys.path.insert(0, str(ROOT / "benchmarks"))


def build(project: Path, settings: str, out: str, *extra: str, **env: str) -> str:
    """A real ``pelican content -s SETTINGS -o OUT``; returns its log (fails on exit != 0)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", out, *extra],
        cwd=project,
        env={**os.environ, "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "Traceback" not in log, log
    return log


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right), set(left) ^ set(right)
    differ = [name for name in left if left[name] != right[name]]
    assert not differ, f"files differ: {differ[:10]}"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site's data and pages, plus 40 generated treatment pages."""
    from gen_site import generate

    site = generate(40, tmp_path_factory.mktemp("big") / "site")
    for folder in ("treatments", "pages"):  # the example's own pages too
        for page in (ROOT / "content" / folder).glob("*.md"):
            (site / "content" / folder / page.name).write_bytes(page.read_bytes())
    return site


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_output_is_identical_with_and_without_the_cache_and_with_one_or_two_workers(
    big_site: Path, settings: str
) -> None:
    kind = settings.removesuffix("conf.py")
    one = f"out-{kind}-1"
    log = build(big_site, settings, one, "--ignore-cache", CLINIC_WORKERS="1")
    assert "not read (--ignore-cache)" in log
    cold = f"out-{kind}-2"
    build(big_site, settings, cold, CLINIC_WORKERS="2")  # fills the cache (the run above did too)
    warm = f"out-{kind}-warm"
    log = build(big_site, settings, warm, CLINIC_WORKERS="2")
    assert "page 53/53" in log, "every page came from the cache"
    if settings == "pelicanconf.py":
        assert "render 55/55" in log, log
    else:
        assert "compressed files" in log, log
    assert_same_tree(big_site / one, big_site / cold)
    assert_same_tree(big_site / one, big_site / warm)
    # and with no cache at all, in one process
    none = f"out-{kind}-none"
    build(big_site, settings, none, CLINIC_CACHE="", CLINIC_WORKERS="1")
    assert_same_tree(big_site / one, big_site / none)


def _append(path: str, text: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _new_picture(project: Path) -> None:
    from PIL import Image

    path = project / "content/images/treatments/derma-roller.jpg"
    with Image.open(path) as im:
        im.convert("RGB").rotate(180).save(path, quality=80)


PAINLESS = "\nIt is completely painless.\n"
# Each input that can change a result, and how to change it.
CHANGES = {
    "the page's text": _append(
        "content/treatments/derma-roller.md", "\nAsk us about anything you are unsure of.\n"
    ),
    "the treatment registry": _replace(
        "content/data/treatments.yaml", "text: Pregnancy", "text: Pregnancy (registry edited)"
    ),
    "the evidence register": _replace(
        "content/data/evidence.yaml", "Plastic and", "Plastic (register edited) and"
    ),
    "clinic.yaml": _replace("content/data/clinic.yaml", '"01632 960 418"', '"01632 960 999"'),
    "the theme": _replace(
        "theme/templates/base.html", "<h2>Information</h2>", "<h2>Information (edited)</h2>"
    ),
    "the settings": _replace(
        "pelicanconf.py", 'SITENAME = "Hartwell Skin Clinic"', 'SITENAME = "Hartwell Clinic"'
    ),
    "a rule of the claims engine": _replace(
        "plugins/claims_lint/rules/en/pain-absolute.yaml",
        "message: Calls the treatment painless.",
        "message: Calls the treatment painless (rule edited).",
    ),
    "the plugin's code": _replace(
        "plugins/clinic/marks.py", 'f":{p.line}" if p.line', 'f": line {p.line}" if p.line'
    ),
    "a picture the page shows": _new_picture,
}


@pytest.mark.parametrize("what", list(CHANGES))
def test_a_change_to_each_input_shows_in_the_next_cached_build(tmp_path: Path, what: str) -> None:
    project = copy_project(tmp_path / "site")
    _append("content/treatments/derma-roller.md", PAINLESS)(project)  # a banner to change
    build(project, "pelicanconf.py", "before")
    CHANGES[what](project)
    log = build(project, "pelicanconf.py", "cached")
    build(project, "pelicanconf.py", "fresh", "--ignore-cache")
    assert_same_tree(project / "cached", project / "fresh")
    before, after = tree(project / "before"), tree(project / "cached")
    assert before != after, f"changing {what} changed nothing in the output:\n{log}"


def test_a_cached_production_build_still_refuses_a_bad_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    build(project, "publishconf.py", "output")
    _append("content/treatments/derma-roller.md", PAINLESS)(project)
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", "output"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[pain-absolute]" in proc.stdout + proc.stderr
    assert "painless" not in (project / "output/treatments/derma-roller/index.html").read_text(
        encoding="utf-8"
    ), "a failed build leaves the output as it was"


def _mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_only_what_changed_is_written(tmp_path: Path, settings: str) -> None:
    project = copy_project(tmp_path / "site")
    build(project, settings, "output")
    first = _mtimes(project / "output")
    log = build(project, settings, "output")
    assert f"Wrote 0 file(s) to output ({len(first)} unchanged)" in log, log
    assert _mtimes(project / "output") == first
    _append("content/treatments/derma-roller.md", "\nAsk us about anything.\n")(project)
    build(project, settings, "output")
    changed = {k for k, v in _mtimes(project / "output").items() if first.get(k) != v}
    page = "treatments/derma-roller/index.html"
    expected = {page} | ({f"{page}.gz", f"{page}.br"} if settings == "publishconf.py" else set())
    assert changed == expected


def test_a_command_line_build_uses_its_worker_processes(big_site: Path) -> None:
    """``pelican`` runs with a spinner thread (rich); the build still forks its workers."""
    log = build(big_site, "pelicanconf.py", "out-workers", "--ignore-cache", CLINIC_WORKERS="2")
    assert "Worker processes: 2." in log, log
    log = build(big_site, "pelicanconf.py", "out-one", "--ignore-cache", CLINIC_WORKERS="1")
    assert "Worker processes" not in log, log
    assert_same_tree(big_site / "out-workers", big_site / "out-one")
