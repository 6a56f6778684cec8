"""Publishing for real: production output, directory and git targets, rollback, a failed gate,
reproducible builds. (rsync over SSH and nginx: test_publish_servers.py.)"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from clinic_publish import deploy
from clinic_publish.headers import ADMIN_HEADERS, IMMUTABLE_CACHE, SECURITY_HEADERS
from clinic_publish.optimise import UrlResolver, csp_problems, minify_page, rewrite_html_refs

from tests.conftest import ROOT, copy_project

HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg|png|woff2?)$")
SITEURL = "https://www.hartwell-clinic.example"
BAD_SENTENCE = "\n\nThere are no side effects.\n"


# ---------------------------------------------------------------------------- helpers


def make_project(dest: Path) -> Path:
    """A copy of the project in its own git repository (publish names releases by commit)."""
    project = copy_project(dest)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "site"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    return project


def commit_all(project: Path, message: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=project, env=env, check=True)


def treatment_source(project: Path) -> Path:
    return sorted((project / "content" / "treatments").glob("*roller*.md"))[0]


def edit_home(project: Path, text: str) -> None:
    home = project / "content" / "pages" / "home.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


def build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every symlink's target under ``root``."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def site_files(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root).items() if isinstance(v, bytes)}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("publish") / "site")


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "output"
    result = build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# ------------------------------------------------------------------------ target strings


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/srv/site", deploy.DirTarget(Path("/srv/site"))),
        ("file:///srv/site", deploy.DirTarget(Path("/srv/site"))),
        ("./out", deploy.DirTarget(Path("out"))),
        ("deploy@web1:/srv/site", deploy.SshTarget("web1", "/srv/site", "deploy")),
        ("web1:site", deploy.SshTarget("web1", "site")),
        ("web1:~/site/", deploy.SshTarget("web1", "site")),
        (
            "ssh://deploy@127.0.0.1:2222/srv/site",
            deploy.SshTarget("127.0.0.1", "/srv/site", "deploy", 2222),
        ),
        ("git:/tmp/pages.git#main", deploy.GitTarget("/tmp/pages.git", "main")),
        (
            "git:git@github.com:clinic/site.git",
            deploy.GitTarget("git@github.com:clinic/site.git", "gh-pages"),
        ),
    ],
)
def test_targets_are_read(text: str, expected: object) -> None:
    assert deploy.parse_target(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "no deploy target"),
        ("   ", "no deploy target"),
        ("s3://bucket/site", "s3:// targets are not supported"),
        ("git:#main", "names no git repository"),
        ("git:/tmp/x.git#bad..branch", "not a valid branch name"),
        ("web1:", "names no directory"),
        ("web1:/srv/my site", "may only contain"),
        ("-oProxyCommand=x:/srv", "is not a host name"),
        ("ssh://web1:port/srv", "port is not a number"),
    ],
)
def test_bad_targets_fail_with_one_clear_line(
    text: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        deploy.publish(ROOT, text)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_directory_that_is_not_a_target_is_refused_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "important.txt").write_text("keep me")
    with pytest.raises(SystemExit) as exit_info:
        deploy.publish(ROOT, str(tmp_path))
    assert exit_info.value.code == 2
    out = capsys.readouterr()
    assert "is not a deploy target" in out.err and "building" not in out.out
    assert [p.name for p in tmp_path.iterdir()] == ["important.txt"]


# ------------------------------------------------------------------ production output


def test_headers_file_and_nginx_sample_send_the_same_headers() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    blocks = re.findall(r"^ *location ([^{]*)\{(.*?)\n        \}", conf, re.DOTALL | re.M)
    with_headers = [(where.strip(), b) for where, b in blocks if "add_header" in b]
    admin = [b for where, b in with_headers if where == "^~ /admin/"]
    public = [b for where, b in with_headers if where != "^~ /admin/"]
    assert len(public) == 2 and len(admin) == 1
    for block, wanted in [(b, SECURITY_HEADERS) for b in public] + [(admin[0], ADMIN_HEADERS)]:
        sent = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', block))
        for name, value in wanted.items():
            assert sent.get(name) == value, f"nginx.conf sends a different {name}"
    assert IMMUTABLE_CACHE in public[0]
    assert "'unsafe-eval'" not in SECURITY_HEADERS["Content-Security-Policy"]


def test_html_references_to_hashed_assets_are_rewritten() -> None:
    mapping = {"theme/css/site.css": "theme/css/site.0123456789ab.css"}
    resolver = UrlResolver(SITEURL)
    html = (
        f'<link rel="stylesheet" href="{SITEURL}/theme/css/site.css?v=1">'
        '<link href="/theme/css/site.css"><link href="../theme/css/site.css">'
        '<a href="https://elsewhere.example/theme/css/site.css">x</a>'
    )
    out = rewrite_html_refs(html, "treatments", resolver, mapping)
    assert out.count("site.0123456789ab.css") == 3  # absolute, root-relative, relative
    assert f"{SITEURL}/theme/css/site.0123456789ab.css?v=1" in out
    assert "elsewhere.example/theme/css/site.css" in out  # another site: untouched
    out = rewrite_html_refs('<img src="../theme/css/site.css">', "treatments", resolver, mapping)
    assert "site.0123456789ab.css" in out


def test_csp_check_finds_what_the_policy_would_block() -> None:
    resolver = UrlResolver(SITEURL)
    page = (
        '<script type="application/ld+json">{"a":1}</script><script>alert(1)</script>'
        '<p style="color:red" onclick="x()">x</p><style>p{}</style>'
        '<script src="https://cdn.example/x.js"></script>'
    )
    problems = csp_problems(page, "p.html", resolver)
    assert len(problems) == 5, problems
    assert (
        csp_problems(
            '<script type="application/ld+json">{}</script>'
            f'<script src="{SITEURL}/theme/js/a.js"></script>',
            "p",
            resolver,
        )
        == []
    )


def test_minified_json_ld_stays_the_same_data() -> None:
    html = '<html><head><script type="application/ld+json">{\n "a": "<\\/script>"\n}</script>'
    out = minify_page(html)
    # < > & escaped as in the development build (issue 11: "<!--<script>" must not survive)
    assert '{"a":"\\u003c/script\\u003e"}' in out
    body = out.split("ld+json>", 1)[1].split("</script>", 1)[0]
    assert json.loads(body) == {"a": "</script>"}


@pytest.mark.integration
def test_production_output_is_minified_hashed_compressed_and_has_headers(built: Path) -> None:
    files = site_files(built)
    html = [k for k in files if k.endswith(".html")]
    assert "index.html" in html and "404.html" in html
    hashed = [k for k in files if HASHED.search(k)]
    assert any(k.startswith("theme/css/site.") and k.endswith(".css") for k in hashed)
    assert "theme/css/site.css" not in files
    for name in html:
        text = files[name].decode()
        assert "\n\n" not in text, f"{name} is not minified"
        for ref in re.findall(r"/theme/[^\"'\s>)]+", text):
            assert ref.lstrip("/") in files, f"{name} links to a missing asset {ref}"
    for name, data in files.items():
        if name.endswith((".html", ".css", ".xml", ".txt", ".svg", ".js")):
            assert gzip.decompress(files[name + ".gz"]) == data
            assert brotli.decompress(files[name + ".br"]) == data
            assert files[name + ".gz"][4:8] == b"\0\0\0\0", "gzip header carries a time"
    headers = files["_headers"].decode()
    for name, value in SECURITY_HEADERS.items():
        assert f"  {name}: {value}\n" in headers
    for name in hashed:
        if not name.endswith((".gz", ".br")):
            assert f"/{name}\n  Cache-Control: {IMMUTABLE_CACHE}" in headers


@pytest.mark.integration
def test_sitemap_and_robots_are_in_the_production_output(built: Path) -> None:
    missing = [n for n in ("sitemap.xml", "robots.txt") if not (built / n).is_file()]
    if missing:
        pytest.xfail(f"the theme does not write {', '.join(missing)} yet")
    assert (built / "robots.txt").read_text().count("Sitemap:") == 1


@pytest.mark.integration
def test_two_production_builds_are_byte_identical(
    project: Path, built: Path, tmp_path: Path
) -> None:
    again = tmp_path / "elsewhere" / "out"
    result = build(project, again)
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = site_files(built), site_files(again)
    assert sorted(first) == sorted(second)
    different = [k for k in first if first[k] != second[k]]
    assert different == []


@pytest.mark.integration
def test_inline_script_in_the_theme_fails_the_production_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    base = project / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<script>track()</script></body>"))
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "inline <script>" in result.stdout + result.stderr


# ---------------------------------------------------------------------- directory target


@pytest.mark.integration
def test_directory_target_releases_switch_keep_and_roll_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "site")
    built = tmp_path / "reference"
    assert build(project, built).returncode == 0
    target = tmp_path / "www"
    monkeypatch.setenv("CLINIC_DEPLOY_KEEP", "2")
    deploy.publish(project, str(target))
    out = capsys.readouterr().out
    assert "passed the gate" in out and "first release" in out and "rollback" in out
    first = os.readlink(target / "current")
    assert first.startswith("releases/") and (target / first).is_dir()
    assert site_files(target / "current") == site_files(built)  # the build, reproducibly
    assert not list((target / "releases").glob(".*"))

    edit_home(project, "Second release marker.")
    commit_all(project, "second")
    deploy.publish(project, str(target))
    second = os.readlink(target / "current")
    assert (
        second != first
        and b"Second release marker." in (target / "current" / "index.html").read_bytes()
    )
    assert f"was {first}" in capsys.readouterr().out

    deploy.rollback(str(target))
    assert os.readlink(target / "current") == first
    assert f"→ {first}" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        deploy.rollback(str(target))
    assert exit_info.value.code == 1
    assert "nothing earlier" in capsys.readouterr().err

    edit_home(project, "Third release marker.")
    commit_all(project, "third")
    deploy.publish(project, str(target))  # keeps 2: drops the oldest, never the live one
    releases = sorted(p.name for p in (target / "releases").iterdir())
    assert len(releases) == 2 and f"releases/{releases[-1]}" == os.readlink(target / "current")
    log = (target / "deploy.log").read_text()
    assert log.count(" publish ") == 3 and log.count(" rollback ") == 1


@pytest.mark.integration
def test_a_new_directory_release_shares_the_unchanged_files_of_the_last(tmp_path: Path) -> None:
    """Only real changes: a file with the same bytes is the previous release's own file (same
    inode, same modification time); a changed one is new."""
    project = make_project(tmp_path / "site")
    target = tmp_path / "www"
    deploy.publish(project, str(target))
    first = target / os.readlink(target / "current")
    edit_home(project, "Second release marker.")
    commit_all(project, "second")
    deploy.publish(project, str(target))
    second = target / os.readlink(target / "current")
    assert first != second
    page = "treatments/derma-roller/index.html"
    assert (second / page).stat().st_ino == (first / page).stat().st_ino
    assert (second / page).stat().st_mtime_ns == (first / page).stat().st_mtime_ns
    assert (second / "index.html").stat().st_ino != (first / "index.html").stat().st_ino
    assert b"Second release marker." in (second / "index.html").read_bytes()
    assert b"Second release marker." not in (first / "index.html").read_bytes()


@pytest.mark.integration
def test_a_failed_gate_deploys_nothing_and_leaves_the_live_site_as_it_was(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "site")
    target = tmp_path / "www"
    deploy.publish(project, str(target))
    before = snapshot(target)
    page = treatment_source(project)
    page.write_text(page.read_text(encoding="utf-8") + BAD_SENTENCE, encoding="utf-8")
    capfd.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        deploy.publish(project, str(target))
    assert exit_info.value.code == 1
    out = capfd.readouterr()
    assert "production build failed" in out.err and "unchanged" in out.err
    assert "Production build stopped" in out.err  # the gate's summary, from Pelican
    assert "Traceback" not in out.err
    assert snapshot(target) == before


# ----------------------------------------------------------------------------- git target


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.integration
def test_git_target_gets_exactly_the_site_in_one_commit_per_deploy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "site")
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    target = f"git:{repo}#gh-pages"
    deploy.publish(project, target)
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1"
    reference = tmp_path / "reference"
    assert build(project, reference).returncode == 0
    tracked = sorted(git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split("\n")[:-1])
    assert tracked == sorted([*site_files(reference), ".nojekyll"])
    for name in ("index.html", "_headers", "index.html.br"):
        blob = subprocess.run(
            ["git", "-C", str(repo), "show", f"gh-pages:{name}"], check=True, capture_output=True
        ).stdout
        assert blob == (reference / name).read_bytes()
    first_tree = git(repo, "rev-parse", "gh-pages^{tree}")

    deploy.publish(project, target)  # the same site again: no empty commit
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "1"
    assert "no new commit" in capsys.readouterr().out

    edit_home(project, "Git release marker.")
    commit_all(project, "git marker")
    deploy.publish(project, target)
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "2"
    assert "Git release marker." in git(repo, "show", "gh-pages:index.html")

    deploy.rollback(target)
    assert git(repo, "rev-list", "--count", "gh-pages").strip() == "3"
    assert git(repo, "rev-parse", "gh-pages^{tree}") == first_tree


def test_a_new_release_always_sorts_after_the_last_one() -> None:
    last = ["20261122T024758.100Z-bbb"]
    assert deploy._after("20261122T024759.000Z-aaa", last) == "20261122T024759.000Z-aaa"
    same_ms = deploy._after("20261122T024758.100Z-aaa", last)  # same millisecond
    clock_behind = deploy._after("20261122T024700.000Z-ccc", [*last, same_ms])
    assert sorted([*last, same_ms, clock_behind]) == [*last, same_ms, clock_behind]
