"""Hostile input: every way issue 11 crashed, hung or fooled the gate, run for real.

Each case breaks a fresh copy of the example site the way a hostile tester or a new marketer
did, then runs the real production build (`pelican content -s publishconf.py`) or the real
`claims-lint`, and asserts:

* the exit status: 1 for content, 2 for a file that cannot be read or a usage problem;
* a message naming the file and its line, and saying what to do;
* no traceback;
* nothing written: the output folder holds exactly what it held before (a stand-in "live
  site"), and no staging folder is left behind;
* it finished: every run has a generous timeout (a hang fails the test; a slow, shared
  machine does not).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from clinic.scaffold import new_treatment

from tests.conftest import copy_project

pytestmark = pytest.mark.integration

TIMEOUT = 120  # seconds; a run takes 1 to 3
BOMB_LEVELS = "bcdefghi"  # 9 ** 9 = 387 million values from 350 bytes


@dataclass
class Run:
    returncode: int
    log: str
    before: dict[str, bytes]
    after: dict[str, bytes]
    leftovers: list[str]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(project: Path, command: list[str], output: Path | None) -> Run:
    if output is not None:
        output.mkdir(exist_ok=True)
        (output / "index.html").write_text("<p>the live site</p>\n", encoding="utf-8")
    before = _snapshot(output) if output else {}
    env = {
        **os.environ,
        "COLUMNS": "200",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    proc = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    after = _snapshot(output) if output else {}
    leftovers = [p.name for p in project.iterdir() if ".staging-" in p.name]
    return Run(proc.returncode, proc.stdout + proc.stderr, before, after, leftovers)


def build(project: Path, settings: str = "publishconf.py") -> Run:
    output = project / "output"
    command = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(output)]
    return _run(project, command, output)


def claims_lint(project: Path, *args: str) -> Run:
    command = [sys.executable, "-m", "claims_lint.cli", "--no-cache", *(args or ("content",))]
    return _run(project, command, None)


def assert_refused(run: Run, status: int, where: str, words: str) -> None:
    assert "Traceback" not in run.log, run.log
    assert run.returncode == status, run.log
    assert where in run.log, f"no {where!r} in:\n{run.log}"
    assert words in run.log, f"no {words!r} in:\n{run.log}"
    assert run.after == run.before, "the output folder changed"
    assert not run.leftovers, run.leftovers


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def edit(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def alias_bomb(prefix: str = "") -> str:
    """Nested YAML aliases: a few hundred bytes that stand for hundreds of millions of values."""
    text = f'{prefix}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in BOMB_LEVELS:
        text += f"{prefix}{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    site = copy_project(tmp_path / "site")
    (site / ".git").mkdir()  # the repository's root, for links that leave it
    return site


ROLLER = "treatments/derma-roller.md"


# --- the production build ---------------------------------------------------------------------


def _date(written: str) -> Callable[[Path], tuple[int, str, str]]:
    def case(project: Path) -> tuple[int, str, str]:
        path = edit(project, ROLLER, "last_reviewed: 2026-10-12", f"last_reviewed: {written}")
        line = line_of(path, "last_reviewed:")
        return 1, f"content/{ROLLER}:{line}:", "write 2026-11-30 for 30 November 2026"

    return case


def _duplicate_slug(project: Path) -> tuple[int, str, str]:
    path = project / "content/pages/privacy-notice.md"
    path.write_text(
        "---\ntitle: Privacy notice\nsummary: How we use your data.\nslug: privacy\n---\nText.\n",
        encoding="utf-8",
    )
    return 1, "content/pages/privacy-notice.md:4:", "written to privacy/index.html"


def _unreadable_evidence(project: Path) -> tuple[int, str, str]:
    # Tests run as root, who may read any file: a folder in the file's place is unreadable
    # for everyone (test_unreadable_file_as_a_user covers the permission itself).
    evidence = project / "content/data/evidence.yaml"
    evidence.unlink()
    evidence.mkdir()
    return 2, "content/data/evidence.yaml:1:", "is a folder, not a file"


def _bomb_in_front_matter(project: Path) -> tuple[int, str, str]:
    edit(project, "treatments/facial-mesotherapy.md", "---\n", "---\n" + alias_bomb("x"))
    return 1, "content/treatments/facial-mesotherapy.md:3:", "alias '*a' is not allowed"


def _bomb_in_registry(project: Path) -> tuple[int, str, str]:
    path = edit(
        project,
        "data/treatments.yaml",
        "\ntreatments:\n",
        "\n" + alias_bomb("_") + "\ntreatments:\n",
    )
    line = line_of(path, "_e: &e")  # 9 ** 5 values: past the limit
    return 1, f"content/data/treatments.yaml:{line}:", "more than 20,000 values"


def _fifo(project: Path) -> tuple[int, str, str]:
    os.mkfifo(project / "content/pages/pipe.md")
    return 2, "content/pages/pipe.md:1:", "is a named pipe (FIFO), not a file"


def _fifo_static(project: Path) -> tuple[int, str, str]:
    (project / "content/extra").mkdir()  # a static folder (STATIC_PATHS): copied as it is
    os.mkfifo(project / "content/extra/price-list.pdf")
    return 2, "content/extra/price-list.pdf:1:", "named pipe"


def _dev_zero(project: Path) -> tuple[int, str, str]:
    os.symlink("/dev/zero", project / "content/pages/zero.md")
    return 2, "content/pages/zero.md:1:", "is a link to /dev/zero, outside the repository"


def _outside_link(project: Path) -> tuple[int, str, str]:
    outside = project.parent / "elsewhere.md"
    outside.write_text("---\ntitle: Elsewhere\nsummary: Not ours.\n---\nHello.\n", "utf-8")
    os.symlink(outside, project / "content/pages/elsewhere.md")
    return 2, "content/pages/elsewhere.md:1:", "outside the repository"


def _body(html: str, needle: str, words: str) -> Callable[[Path], tuple[int, str, str]]:
    """Raw HTML typed into a treatment page's body, before the "Who it may suit" section."""

    def case(project: Path) -> tuple[int, str, str]:
        path = edit(project, ROLLER, "## Who it may suit", f"{html}\n\n## Who it may suit")
        return 1, f"content/{ROLLER}:{line_of(path, needle)}:", words

    return case


def _nul(project: Path) -> tuple[int, str, str]:
    nul = "A\x00B"
    path = edit(project, ROLLER, "## What it is\n", f"## What it is\n\n{nul}\n")
    return 1, f"content/{ROLLER}:{line_of(path, nul)}:2:", "U+0000 is not allowed"


def _clinic_name(project: Path) -> tuple[int, str, str]:
    path = edit(project, "data/clinic.yaml", "\nname: Hartwell Skin Clinic\n", "\nname: [1, 2]\n")
    return 1, f"content/data/clinic.yaml:{line_of(path, 'name: [1, 2]')}:", "'name' must be text"


def _booking_link(project: Path) -> tuple[int, str, str]:
    path = edit(
        project,
        "data/clinic.yaml",
        "booking_url: https://booking.hartwell-clinic.example/",
        "booking_url: javascript:alert(1)",
    )
    line = line_of(path, "booking_url:")
    return 1, f"content/data/clinic.yaml:{line}:", "starting https://"


def _registry_key(project: Path) -> tuple[int, str, str]:
    path = edit(
        project, "data/treatments.yaml", "    kind: microneedling\n", "    knid: microneedling\n"
    )
    line = line_of(path, "knid:")
    return 1, f"content/data/treatments.yaml:{line}:", "did you mean 'kind'?"


def _scaffold_published(project: Path) -> tuple[int, str, str]:
    path = new_treatment(project / "content", title="Skin booster", treatment="mesotherapy-facial")
    path.write_text(path.read_text("utf-8").replace("status: draft\n", ""), "utf-8")
    line = line_of(path, "reviewed_by:")
    return 1, f"content/treatments/skin-booster.md:{line}:", "'reviewed_by' is empty"


def _zero_price(project: Path) -> tuple[int, str, str]:
    path = edit(project, ROLLER, "  price_from: 140", "  price_from: 0")
    return 1, f"content/{ROLLER}:{line_of(path, 'price_from')}:", "more than 0"


def _html_page(project: Path) -> tuple[int, str, str]:
    (project / "content/pages/offer.html").write_text(
        "<html><head><title>Offer</title></head><body><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    return 1, "content/pages/offer.html:1:", "pages must be Markdown"


def _heading_id(project: Path) -> tuple[int, str, str]:
    path = edit(
        project,
        ROLLER,
        "## What it is\n",
        "## Side effects\n\nNone to speak of.\n\n## What it is\n",
    )
    return 1, f"content/{ROLLER}:{line_of(path, '## Side effects')}:", "belongs to a section"


BUILD_CASES: dict[str, Callable[[Path], tuple[int, str, str]]] = {
    "date 30/11/2026": _date("30/11/2026"),
    "date 11/30/2026": _date("11/30/2026"),
    "date 30 November 2026": _date("30 November 2026"),
    "two pages with one slug": _duplicate_slug,
    "unreadable evidence register": _unreadable_evidence,
    "alias bomb in front matter": _bomb_in_front_matter,
    "alias bomb in the registry": _bomb_in_registry,
    "a FIFO page": _fifo,
    "a FIFO static file": _fifo_static,
    "a link to /dev/zero": _dev_zero,
    "a link to a page outside the repository": _outside_link,
    "<div hidden> before a section": _body("<div hidden>", "<div hidden>", "hidden"),
    "meta refresh": _body(
        '<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">',
        "http-equiv",
        "a <meta> tag is not allowed",
    ),
    "external form": _body(
        '<form action="https://elsewhere.example/collect"><input name="email"></form>',
        "<form",
        "forms are not allowed",
    ),
    "body script": _body("<script>alert(1)</script>", "<script>", "scripts are not allowed"),
    "onclick": _body('<p onclick="go()">Tap</p>', "onclick", "the event handler onclick"),
    "javascript: link": _body("[Book](javascript:alert(1))", "javascript:", "javascript:"),
    "NUL byte in the body": _nul,
    "name: [1, 2] in clinic.yaml": _clinic_name,
    "javascript: booking link": _booking_link,
    "unknown key in the registry": _registry_key,
    "scaffold without status: draft": _scaffold_published,
    "price_from: 0": _zero_price,
    "an HTML page": _html_page,
    "a heading that takes a safety section's id": _heading_id,
}


@pytest.mark.parametrize("case", BUILD_CASES.values(), ids=BUILD_CASES.keys())
def test_the_production_build_refuses_it_at_its_line(project: Path, case) -> None:
    status, where, words = case(project)
    assert_refused(build(project), status, where, words)


def test_unreadable_file_as_a_user(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may read any file; covered by the folder case above")
    evidence = project / "content/data/evidence.yaml"
    evidence.chmod(0)
    assert_refused(build(project), 2, "content/data/evidence.yaml:1:", "Permission denied")


# --- the development build: it shows the problem instead of crashing or going stale -----------


def test_development_build_with_a_bad_date_builds_the_page_without_it(project: Path) -> None:
    edit(project, ROLLER, "last_reviewed: 2026-10-12", "last_reviewed: 30/11/2026")
    run = build(project, "pelicanconf.py")
    assert run.returncode == 0 and "Traceback" not in run.log, run.log
    assert f"content/{ROLLER}:8:" in run.log
    page = (project / "output/treatments/derma-roller/index.html").read_text("utf-8")
    assert 'id="contraindications"' in page and "30/11/2026" not in page.split("<main", 1)[1]


def test_development_build_with_a_misspelt_treatment_shows_why(project: Path) -> None:
    edit(project, ROLLER, "treatment: derma-roller", "treatment: derma-rollr")
    run = build(project, "pelicanconf.py")
    assert run.returncode == 0 and "Traceback" not in run.log, run.log
    assert "UndefinedError" not in run.log
    page = (project / "output/treatments/derma-roller/index.html").read_text("utf-8")
    assert "derma-roller.md cannot be shown" in page  # not the old page, not a 404
    assert "did you mean &#39;derma-roller&#39;?" in page or "did you mean 'derma-roller'?" in page


def test_a_title_with_comment_and_script_marks_is_shown_as_text(project: Path) -> None:
    """Issue 11: `<!--<script>` in a title put the whole production body inside the JSON-LD."""
    import html5lib

    edit(project, ROLLER, "title: Derma roller (microneedling)", "title: Derma <!--<script> roller")
    run = build(project)
    assert run.returncode == 0, run.log
    html = (project / "output/treatments/derma-roller/index.html").read_text("utf-8")
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    assert {"contraindications", "side-effects", "aftercare"} <= ids
    h1 = next(e for e in tree.iter("h1"))
    assert "".join(h1.itertext()) == "Derma <!--<script> roller"


# --- claims-lint: the same checks where people work -------------------------------------------


def _lint_date(project: Path) -> tuple[int, str, str]:
    edit(project, ROLLER, "last_reviewed: 2026-10-12", "last_reviewed: 30/11/2026")
    return 1, f"content/{ROLLER}:8:1: PAG002", "write 2026-11-30 for 30 November 2026"


def _lint_treatment(project: Path) -> tuple[int, str, str]:
    edit(project, ROLLER, "treatment: derma-roller", "treatment: derma-rollr")
    return 1, f"content/{ROLLER}:3:1: PAG001", "did you mean 'derma-roller'?"


def _lint_missing(project: Path) -> tuple[int, str, str]:
    edit(project, ROLLER, "  course: Usually 4 to 8 sessions, about a month apart\n", "")
    return 1, f"content/{ROLLER}:10:1: PAG001", "missing required field 'course' under facts"


def _lint_hidden(project: Path) -> tuple[int, str, str]:
    path = edit(project, ROLLER, "## Who it may suit", "<div hidden>\n\n## Who it may suit")
    return 1, f"content/{ROLLER}:{line_of(path, '<div hidden>')}:1: PAG003", "hides it"


def _lint_bomb(project: Path) -> tuple[int, str, str]:
    _bomb_in_front_matter(project)
    return 2, "content/treatments/facial-mesotherapy.md:3", "alias '*a' is not allowed"


def _lint_registry_bomb(project: Path) -> tuple[int, str, str]:
    status, where, words = _bomb_in_registry(project)
    return 1, where, words


def _lint_fifo(project: Path) -> tuple[int, str, str]:
    os.mkfifo(project / "content/pages/pipe.md")
    return 2, "content/pages/pipe.md:1", "named pipe"


def _lint_dev_zero(project: Path) -> tuple[int, str, str]:
    os.symlink("/dev/zero", project / "content/pages/zero.md")
    return 2, "content/pages/zero.md:1", "outside the repository"


def _lint_js_link(project: Path) -> tuple[int, str, str]:
    path = edit(
        project, ROLLER, "## Who it may suit", "[Book](JaVaScRiPt:go())\n\n## Who it may suit"
    )
    return 1, f"content/{ROLLER}:{line_of(path, '[Book]')}:8: PAG003", "javascript:"


def _lint_heading(project: Path) -> tuple[int, str, str]:
    path = edit(
        project, ROLLER, "## What it is\n", "## Side **effects**\n\nNone.\n\n## What it is\n"
    )
    return 1, f"content/{ROLLER}:{line_of(path, '## Side')}:4: PAG003", "belongs to a section"


LINT_CASES = {
    "date 30/11/2026": _lint_date,
    "javascript: link": _lint_js_link,
    "a heading that takes a safety section's id": _lint_heading,
    "unknown treatment": _lint_treatment,
    "missing field": _lint_missing,
    "<div hidden>": _lint_hidden,
    "alias bomb in front matter": _lint_bomb,
    "alias bomb in the registry": _lint_registry_bomb,
    "a FIFO page": _lint_fifo,
    "a link to /dev/zero": _lint_dev_zero,
}


@pytest.mark.parametrize("case", LINT_CASES.values(), ids=LINT_CASES.keys())
def test_claims_lint_refuses_it_at_its_line(project: Path, case) -> None:
    status, where, words = case(project)
    assert_refused(claims_lint(project), status, where, words)


@pytest.mark.parametrize(
    "target, words",
    [("missing/report.sarif", "the folder missing does not exist"), ("content", "names a folder")],
)
def test_claims_lint_output_it_cannot_write(project: Path, target: str, words: str) -> None:
    run = claims_lint(project, "content", "--format", "sarif", "-o", target)
    assert_refused(run, 2, f"{target}: -o", words)
    assert not (project / "missing").exists()


# --- publishing ---------------------------------------------------------------------------------


def test_publishing_to_a_target_that_cannot_be_written(project: Path) -> None:
    target = "/proc/self/clinic-site"  # cannot be created, whoever you are
    command = [sys.executable, "-m", "clinic_publish.deploy", "publish", "--target", target]
    run = _run(project, command, None)
    assert_refused(run, 2, "publish: error: cannot write to /proc/self", "choose a directory")
    assert "the build passed" not in run.log  # refused before building
