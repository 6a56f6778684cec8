"""The staging folder's sync: only what changed is written; stale files go only when asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clinic.stage import OutputError, Staging, sync_tree


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_unchanged_files_keep_their_time_changed_ones_are_replaced(tmp_path: Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    _tree(out, {"a.html": "same", "b/c.html": "old", "stale.html": "x", ".git/HEAD": "ref"})
    old = 1_000_000_000
    for path in out.rglob("*"):
        os.utime(path, (old, old))
    _tree(staging, {"a.html": "same", "b/c.html": "new", "d.html": "added"})
    report = sync_tree(staging, out, delete=True, keep=(".git",))
    assert sorted(report.written) == ["b/c.html", "d.html"] and report.unchanged == 1
    assert (out / "a.html").stat().st_mtime == old
    assert (out / "b/c.html").read_text() == "new"
    assert report.removed == ["stale.html"] and not (out / "stale.html").exists()
    assert (out / ".git/HEAD").read_text() == "ref"  # OUTPUT_RETENTION


def test_without_delete_nothing_is_removed(tmp_path: Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    _tree(out, {"old.html": "x"})
    _tree(staging, {"new.html": "y"})
    assert sync_tree(staging, out, delete=False).removed == []
    assert (out / "old.html").exists() and (out / "new.html").exists()


def test_a_staging_folder_sits_beside_the_output_and_is_gone_after(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "output")
    assert staging.path.parent == tmp_path and staging.path.name.startswith(".output.staging-")
    (staging.path / "index.html").write_text("hi", encoding="utf-8")
    staging.commit(delete=True)
    assert (tmp_path / "output/index.html").read_text() == "hi"
    assert not staging.path.exists()


def test_an_output_folder_that_cannot_be_written_is_an_environment_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    staging = Staging(tmp_path / "out")
    (staging.path / "index.html").write_text("hi", encoding="utf-8")
    staging.output = blocker / "out"  # its parent is a file
    with pytest.raises(OutputError, match="cannot write the site here"):
        staging.commit(delete=True)
    assert not staging.path.exists()


def test_a_folder_the_output_lacks_moves_in_whole_and_every_file_is_reported(
    tmp_path: Path,
) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    _tree(out, {"old/a.html": "same", "stale/x.html": "x"})
    files = {"old/a.html": "same", "old/new/b.html": "b", "t/p/index.html": "p", "t/q/c.css": "q"}
    _tree(staging, files)
    report = sync_tree(staging, out, delete=True)
    assert sorted(report.written) == ["old/new/b.html", "t/p/index.html", "t/q/c.css"]
    assert report.unchanged == 1 and report.removed == ["stale/x.html", "stale"]
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == set(files)
    assert all((out / name).read_text() == text for name, text in files.items())
    assert not (staging / "t").exists()  # moved, not copied
