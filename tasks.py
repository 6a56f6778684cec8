"""Everyday commands (invoke): `invoke --list` shows them all.

Like pelican-quickstart's tasks where they overlap (build, rebuild, serve, livereload,
publish, clean); plus lint, check, test and the editors' and reviewers' helpers. Each task is
a thin wrapper: the work lives in the plugins/ packages, where it is tested.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "content": "content",
    "output": os.environ.get("PELICAN_OUTPUT", "output"),
    "settings": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "host": "127.0.0.1",
    "port": 8000,
}


def _require(task_name: str, **options: str) -> None:
    """Stop with a one-line usage message when a needed option is missing.

    Options are optional in the signatures on purpose: invoke cannot print `--help` for a task
    with required positional arguments.
    """
    from invoke.exceptions import Exit

    missing = [name for name, value in options.items() if not str(value).strip()]
    if missing:
        given = " ".join(f'--{name} "..."' for name in options)
        raise Exit(
            f"{task_name}: missing {', '.join('--' + m for m in missing)}. "
            f"Usage: invoke {task_name} {given} (see invoke {task_name} --help)",
            code=1,
        )


def _pelican(c, settings: str, *extra: str) -> None:
    args = [CONFIG["content"], "-s", settings, "-o", CONFIG["output"], *extra]
    c.run("pelican " + " ".join(shlex.quote(a) for a in args), pty=False)


@task
def clean(c):
    """Remove the generated site (output/)."""
    if os.path.isdir(CONFIG["output"]):
        shutil.rmtree(CONFIG["output"])


@task(help={"no_cache": "read nothing from the build cache in .cache/ (it is filled afresh)"})
def build(c, no_cache=False):
    """Development build into output/: problems are warnings, pages show a findings banner."""
    _pelican(c, CONFIG["settings"], *(["--ignore-cache"] if no_cache else []))


@task
def rebuild(c):
    """`clean`, then `build` without reading the build cache."""
    clean(c)
    build(c, no_cache=True)


@task
def regenerate(c):
    """Rebuild on every change to content/ (Pelican's own autoreload, no browser reload)."""
    _pelican(c, CONFIG["settings"], "--autoreload")


@task
def serve(c):
    """Serve output/ at http://127.0.0.1:8000/ (run `invoke build` first)."""
    _pelican(
        c, CONFIG["settings"], "--listen", "--bind", CONFIG["host"], "--port", str(CONFIG["port"])
    )


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task(help={"no_cache": "read nothing from the build cache in .cache/ (it is filled afresh)"})
def preview(c, no_cache=False):
    """Production build into output/ (the full gate), without deploying it."""
    _pelican(c, CONFIG["settings_publish"], *(["--ignore-cache"] if no_cache else []))


@task
def livereload(c):
    """Build, serve and reload the browser on any change to content, data, theme or plugins."""
    from clinic.preview import serve_with_livereload

    with contextlib.suppress(KeyboardInterrupt):
        serve_with_livereload(ROOT, CONFIG["settings"], CONFIG["host"], CONFIG["port"])


@task
def lint(c, fmt="text", profile="uk"):
    """Run the claims linter over content/ (as reviewers and CI do), then ruff over the code."""
    c.run(f"claims-lint {CONFIG['content']} --format {fmt} --profile {profile}")
    c.run("ruff check plugins tests tasks.py pelicanconf.py publishconf.py benchmarks")


@task
def check(c):
    """Everything CI checks: lint, the production build with its gate, the whole test suite."""
    lint(c)
    c.run("ruff format --check plugins tests tasks.py benchmarks")
    c.run(f"pelican {CONFIG['content']} -s {CONFIG['settings_publish']} -o /tmp/clinic-check")
    test(c)


@task
def test_deps(c):
    """Install what the browser, publishing and server tests need (Chromium, nginx, sshd…)."""
    c.run(f"bash {ROOT / 'scripts' / 'install-test-deps.sh'}")


@task(help={"args": "extra arguments for pytest, e.g. -k treatment"})
def test(c, args=""):
    """Install the test dependencies, then run the whole test suite."""
    test_deps(c)
    if args:
        c.run(f"{sys.executable} -m pytest {args}", pty=False)
        return
    # Unit and integration tests in parallel; then the browser tests alone, so that Lighthouse's
    # performance score is not measured on a machine busy with other tests.
    c.run(f"{sys.executable} -m pytest -m 'not browser' -n auto", pty=False)
    c.run(f"{sys.executable} -m pytest -m browser tests/browser", pty=False)


@task(
    help={
        "target": "a directory, user@host:/path (rsync over SSH) or git:<repo>#<branch>; "
        "default: $CLINIC_DEPLOY_TARGET"
    }
)
def publish(c, target=""):
    """Production build (the full gate) then an atomic deploy to TARGET."""
    from clinic_publish.deploy import publish as do_publish

    do_publish(ROOT, target or os.environ.get("CLINIC_DEPLOY_TARGET", ""))


@task(help={"target": "the directory target to roll back"})
def rollback(c, target=""):
    """Point a directory target back at its previous release."""
    from clinic_publish.deploy import rollback as do_rollback

    do_rollback(target or os.environ.get("CLINIC_DEPLOY_TARGET", ""))


def _wrote(path: Path) -> None:
    print(
        f"Wrote {path.relative_to(ROOT)} (a draft). Preview it with `invoke livereload` at "
        f"http://{CONFIG['host']}:{CONFIG['port']}/drafts/{path.stem}/ . Its banner lists what "
        "is left to do; the reviewer fills in the sign-off (reviewed_by and the dates)."
    )


@task(help={"title": "the page title", "treatment": "a key from content/data/treatments.yaml"})
def new_treatment(c, title="", treatment=""):
    """Write content/treatments/<slug>.md with every required field and section prompts."""
    from clinic.scaffold import ScaffoldError
    from clinic.scaffold import new_treatment as make
    from invoke.exceptions import Exit

    _require("new-treatment", title=title, treatment=treatment)
    try:
        path = make(ROOT / CONFIG["content"], title=title, treatment=treatment)
    except ScaffoldError as exc:
        raise Exit(f"new-treatment: {exc}", code=1) from None
    _wrote(path)


@task(help={"title": "the page title"})
def new_page(c, title=""):
    """Write content/pages/<slug>.md with every required field."""
    from clinic.scaffold import ScaffoldError
    from clinic.scaffold import new_page as make
    from invoke.exceptions import Exit

    _require("new-page", title=title)
    try:
        path = make(ROOT / CONFIG["content"], title=title)
    except ScaffoldError as exc:
        raise Exit(f"new-page: {exc}", code=1) from None
    _wrote(path)


@task
def review_status(c):
    """Every page with its reviewer and review dates, overdue first."""
    from clinic.review import ReviewError
    from clinic.review import review_status as status
    from invoke.exceptions import Exit

    try:
        print(status(ROOT / CONFIG["content"]))
    except ReviewError as exc:
        raise Exit(f"review-status: {exc}", code=1) from None


@task(
    help={
        "port": "the editor's port (default 8001)",
        "backend_port": "decap-server's port, the CMS's local backend (default 8081)",
        "preview_port": "the live preview's port (default 8000)",
    }
)
def edit(c, port=8001, backend_port=8081, preview_port=8000):
    """The web editor on loopback: the CMS, its local git backend, the live preview, the checks."""
    from clinic_editor.run import EditError, Ports
    from clinic_editor.run import edit as run_edit
    from invoke.exceptions import Exit

    ports = Ports(CONFIG["host"], int(port), int(backend_port), int(preview_port))
    try:
        run_edit(ROOT, ports, CONFIG["settings"])
    except EditError as exc:
        raise Exit(f"edit: {exc}", code=1) from None


@task
def edit_config(c):
    """Regenerate editor/admin/config.yml from the page schema, the registry and clinic.yaml."""
    from clinic_editor.cms_config import CONFIG_PATH, write_config

    changed = write_config(ROOT)
    print(f"{CONFIG_PATH}: {'updated' if changed else 'already up to date'}")


@task(
    help={
        "page": "the page to sign off, e.g. content/treatments/skin-booster.md",
        "reviewer": "your key in content/data/clinic.yaml (a team member with reviewer: true)",
        "months": "months until the next review (default 6)",
    }
)
def sign_off(c, page="", reviewer="", months=6):
    """Reviewers: sign a page off (checks it first; sets reviewer and dates; publishes a draft)."""
    from clinic_editor.signoff import SignOffError
    from clinic_editor.signoff import sign_off as do_sign_off
    from invoke.exceptions import Exit

    _require("sign-off", page=page, reviewer=reviewer)
    try:
        print(do_sign_off(ROOT, Path(page), reviewer, months=int(months)))
    except SignOffError as exc:
        raise Exit(f"sign-off: {exc}", code=1) from None
