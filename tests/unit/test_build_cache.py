"""The build cache's keys and store (plugins/clinic/cache.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from clinic.cache import KINDS, BuildCache, Inputs, canonical, digest

from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project with its own plugins/ (the fingerprint hashes the copy the build imports)."""
    for part in ("content", "theme"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copytree(
        ROOT / "plugins", tmp_path / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def keys(site: Path, monkeypatch: pytest.MonkeyPatch, **settings: object) -> dict[str, str]:
    import clinic.cache as cache

    monkeypatch.setattr(cache, "__file__", str(site / "plugins" / "clinic" / "cache.py"))
    monkeypatch.chdir(site)
    today = settings.pop("today", TODAY)
    base = {"PATH": str(site / "content"), "THEME": str(site / "theme"), "SITEURL": ""}
    inputs = Inputs.collect({**base, **settings}, today)  # type: ignore[arg-type]
    return {kind: inputs.key(kind) for kind in KINDS}


CHANGES = {
    # what changes -> the kinds of result it must invalidate
    "plugins/claims_lint/rules/en/concepts.yaml": {"page", "render", "verify", "publish"},
    "plugins/claims_lint/engine.py": {"page", "render", "verify", "publish"},
    "plugins/clinic/reader.py": {"page", "render", "verify", "publish"},
    "content/data/treatments.yaml": {"page", "render", "verify"},
    "content/data/evidence.yaml": {"page", "render", "verify"},
    "content/data/clinic.yaml": {"page", "render", "verify"},
    "theme/templates/base.html": {"render"},
    "theme/static/css/site.css": {"render"},
    "content/images/new-picture.jpg": {"page", "render"},
}


@pytest.mark.parametrize("path", list(CHANGES))
def test_a_change_to_an_input_changes_the_keys_of_what_depends_on_it(
    site: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    before = keys(site, monkeypatch)
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)  # a rule file in a new folder counts too
    with target.open("ab") as handle:
        handle.write(b"\n# changed\n")
    after = keys(site, monkeypatch)
    changed = {kind for kind in KINDS if before[kind] != after[kind]}
    assert changed == CHANGES[path]


def test_settings_and_the_day_change_the_keys_but_the_output_folder_does_not(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = keys(site, monkeypatch)
    assert keys(site, monkeypatch, SITEURL="https://x.example")["publish"] != base["publish"]
    later = keys(site, monkeypatch, today=TODAY + dt.timedelta(days=1))
    assert {k for k in KINDS if later[k] != base[k]} == {"page", "render", "verify"}
    moved = keys(site, monkeypatch, OUTPUT_PATH="/elsewhere", CLINIC_WORKERS=2)
    assert moved == base
    assert keys(site, monkeypatch)["compress"] == base["compress"]


def test_canonical_is_the_same_in_every_process() -> None:
    """A set's order changes with the hash seed; the description of settings must not."""
    code = (
        "import sys; sys.path.insert(0, 'plugins'); from clinic.cache import canonical, digest;"
        "print(digest(repr(canonical({'a': {'x', 'y', 'z', 'w'}, 'b': frozenset({1, 'q'})}))))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(seen) == 1
    assert canonical(dt.date(2026, 1, 2)) == "date:2026-01-02"
    assert " at 0x" not in repr(canonical(object()))


def test_the_store_misses_on_a_damaged_entry_and_never_reads_with_ignore_cache(
    tmp_path: Path,
) -> None:
    cache = BuildCache(tmp_path)
    key = digest("k")
    cache.put("page", key, {"a": 1})
    assert cache.get("page", key) == {"a": 1}
    (tmp_path / "page" / key[:2] / key).write_bytes(b"not a pickle")
    assert cache.get("page", key) is None
    cache.put("page", key, {"a": 2})
    assert BuildCache(tmp_path, read=False).get("page", key) is None
    assert cache.summary() == "page 1/2"


def test_entries_unused_for_a_fortnight_are_pruned_once_a_day(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    cache.put("verify", digest("old"), 1)
    cache.put("verify", digest("new"), 2)
    old = tmp_path / "verify" / digest("old")[:2] / digest("old")
    past = time.time() - 20 * 86400
    os.utime(old, (past, past))
    assert cache.prune(14) == 1
    assert not old.exists() and cache.get("verify", digest("new")) == 2
    os.utime(tmp_path / "verify" / digest("new")[:2] / digest("new"), (past, past))
    assert cache.prune(14) == 0, "pruned at most once a day"


def test_workers_are_not_forked_from_a_process_with_other_threads() -> None:
    import threading

    from clinic.pool import worker_count

    assert worker_count({"CLINIC_WORKERS": 2}) == (2 if sys.platform.startswith("linux") else 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert worker_count({"CLINIC_WORKERS": 2}) == 1
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_pelicans_spinner_does_not_keep_the_build_in_one_process() -> None:
    """``pelican`` builds inside ``console.status(...)``, whose display redraws from a thread
    of its own: the workers are forked while it is paused, and it goes on afterwards."""
    from clinic.pool import BuildPool, worker_count
    from rich.console import Console

    console = Console(force_terminal=False)
    with console.status("Generating...") as status:
        assert threading.active_count() > 1, "the spinner's thread runs"
        assert worker_count({"CLINIC_WORKERS": 2}) == 2
        pool = BuildPool(2)
        try:
            pids = set(pool.map(os.getpid, [()] * 16))
            assert pool.forked == 2 and os.getpid() not in pids
            assert status._live.is_started, "the spinner was started again"
        finally:
            pool.close()
