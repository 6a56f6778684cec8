"""Publishing to real servers on loopback: rsync over SSH to a throwaway sshd, and the sample
nginx configuration serving a deployed release (headers, 404, precompressed responses, and the
live site unchanged byte for byte after a deploy that the gate stopped).

Both servers are Debian's (scripts/install-test-deps.sh installs them), started by the tests on
free loopback ports with files in a temp directory, and stopped afterwards.
"""

from __future__ import annotations

import getpass
import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from clinic_publish import deploy
from clinic_publish.headers import IMMUTABLE_CACHE, SECURITY_HEADERS

from tests.conftest import ROOT
from tests.integration.test_publish import (
    BAD_SENTENCE,
    commit_all,
    edit_home,
    make_project,
    site_files,
    snapshot,
    treatment_source,
)

pytestmark = pytest.mark.integration

SSHD = "/usr/sbin/sshd"
NGINX = "/usr/sbin/nginx"
HOST = "www.hartwell-clinic.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen[bytes], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            pytest.fail(f"{what} exited with status {proc.returncode}: {err}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port} within {timeout} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def require(path: str, package: str) -> None:
    if not os.path.exists(path):
        pytest.fail(
            f"{path} is missing: install Debian's {package} (bash scripts/install-test-deps.sh)"
        )


# -------------------------------------------------------------------------------- sshd


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """sshd -D on a free loopback port, with throwaway host and client keys."""
    require(SSHD, "openssh-server")
    require("/usr/bin/rsync", "rsync")
    tmp = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "client_key"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name)], check=True
        )
    (tmp / "authorized_keys").write_text((tmp / "client_key.pub").read_text())
    port = free_port()
    (tmp / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp / 'host_key'}\n"
        f"PidFile {tmp / 'sshd.pid'}\nAuthorizedKeysFile {tmp / 'authorized_keys'}\n"
        "StrictModes no\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\n"
        "LogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation directory
    host_key = (tmp / "host_key.pub").read_text().split()
    (tmp / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    proc = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(tmp / "sshd_config")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, proc, "sshd")
        ssh = (
            f"ssh -i {tmp / 'client_key'} -o IdentitiesOnly=yes -o BatchMode=yes "
            f"-o UserKnownHostsFile={tmp / 'known_hosts'} -o StrictHostKeyChecking=yes "
            "-o ConnectTimeout=10"
        )
        yield {"port": str(port), "ssh": ssh, "user": getpass.getuser()}
    finally:
        stop(proc)


def test_rsync_over_ssh_stages_then_swaps_and_rolls_back(
    sshd: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLINIC_DEPLOY_SSH", sshd["ssh"])
    project = make_project(tmp_path / "site")
    remote = tmp_path / "server" / "clinic-site"
    target = f"ssh://{sshd['user']}@127.0.0.1:{sshd['port']}{remote}"

    deploy.publish(project, target)
    out = capsys.readouterr().out
    assert "over SSH" in out and "first release" in out
    first = os.readlink(remote / "current")
    reference = tmp_path / "reference"
    staged = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(reference)],
        cwd=project,
        capture_output=True,
    )
    assert staged.returncode == 0
    assert site_files(remote / "current") == site_files(reference)
    assert oct((remote / "current" / "index.html").stat().st_mode & 0o777) == "0o644"

    edit_home(project, "Remote release marker.")
    commit_all(project, "remote")
    deploy.publish(project, target)
    second = os.readlink(remote / "current")
    assert second != first and f"was {first}" in capsys.readouterr().out
    assert b"Remote release marker." in (remote / "current" / "index.html").read_bytes()
    assert not [p for p in (remote / "releases").iterdir() if p.name.startswith(".")]

    deploy.rollback(target)
    assert os.readlink(remote / "current") == first
    assert "rolled back" in capsys.readouterr().out
    assert (remote / "deploy.log").read_text().count(" publish ") == 2


def test_rsync_sends_only_what_changed_since_the_live_release(
    sshd: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged files are hard-linked from the live release on the server (rsync
    --link-dest): same inode and modification time; the changed page is a new file."""
    monkeypatch.setenv("CLINIC_DEPLOY_SSH", sshd["ssh"])
    project = make_project(tmp_path / "site")
    remote = tmp_path / "server" / "clinic-site"
    target = f"ssh://{sshd['user']}@127.0.0.1:{sshd['port']}{remote}"
    deploy.publish(project, target)
    first = remote / os.readlink(remote / "current")
    edit_home(project, "Remote release marker.")
    commit_all(project, "remote")
    deploy.publish(project, target)
    second = remote / os.readlink(remote / "current")
    page = "treatments/derma-roller/index.html"
    assert (second / page).stat().st_ino == (first / page).stat().st_ino
    assert (second / "index.html").stat().st_ino != (first / "index.html").stat().st_ino
    assert b"Remote release marker." in (second / "index.html").read_bytes()


def test_unreachable_ssh_host_fails_before_building(
    sshd: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLINIC_DEPLOY_SSH", sshd["ssh"])
    with pytest.raises(SystemExit) as exit_info:
        deploy.publish(ROOT, f"ssh://{sshd['user']}@127.0.0.1:{free_port()}{tmp_path}/x")
    assert exit_info.value.code == 1
    out = capsys.readouterr()
    assert "connecting" in out.err and "building" not in out.out
    assert "Traceback" not in out.err


# ------------------------------------------------------------------------------- nginx


def nginx_config(tmp: Path, web_root: Path, http_port: int, https_port: int) -> str:
    """deploy/nginx.conf with this machine's paths and ports substituted, nothing else."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    swaps = [
        ("user www-data;", "user root;" if os.geteuid() == 0 else ""),
        ("pid /run/nginx.pid;", f"pid {tmp}/nginx.pid;"),
        ("/var/log/nginx/", f"{tmp}/"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(tmp / "cert.pem")),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(tmp / "key.pem")),
        ("root /srv/clinic-site/current;", f"root {web_root};"),
        (
            "http {",
            "http {\n"
            + "".join(
                f"    {kind}_temp_path {tmp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
        ),
    ]
    # Debian's modules-enabled/*.conf load modules relative to the prefix.
    (tmp / "modules").symlink_to("/usr/lib/nginx/modules")
    for old, new in swaps:
        assert old in conf, f"deploy/nginx.conf no longer contains {old!r}"
        conf = conf.replace(old, new)
    return conf


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A directory target with one release, served by nginx with the sample configuration."""
    require(NGINX, "nginx")
    if not list(Path("/etc/nginx/modules-enabled").glob("*brotli-static*")):
        pytest.fail(
            "nginx has no brotli_static module: install Debian's "
            "libnginx-mod-http-brotli-static (bash scripts/install-test-deps.sh)"
        )
    tmp = tmp_path_factory.mktemp("nginx")
    project = make_project(tmp / "site")
    target = tmp / "www"
    deploy.publish(project, str(target))
    http_port, https_port = free_port(), free_port()
    (tmp / "nginx.conf").write_text(nginx_config(tmp, target / "current", http_port, https_port))
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, proc, "nginx")
        yield {"project": project, "target": target, "port": https_port, "http_port": http_port}
    finally:
        stop(proc)
        shutil.rmtree(tmp / "client_body", ignore_errors=True)


def get(
    port: int, path: str, encoding: str | None = None, tls: bool = True
) -> tuple[int, dict[str, str], bytes]:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", port, context=context, timeout=10
        )
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": HOST}
    if encoding:
        headers["Accept-Encoding"] = encoding
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def assert_security_headers(headers: dict[str, str], what: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, f"{what}: {name} is {headers.get(name)!r}"
    assert "server" not in headers or "/" not in headers["server"], "nginx shows its version"


def test_nginx_serves_pages_with_the_security_headers(live: dict[str, object]) -> None:
    port = int(live["port"])  # type: ignore[arg-type]
    current = Path(live["target"]) / "current"  # type: ignore[arg-type]
    for path, file in [
        ("/", "index.html"),
        ("/treatments/", "treatments/index.html"),
        ("/contact/", "contact/index.html"),
    ]:
        status, headers, body = get(port, path)
        assert status == 200, path
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["cache-control"] == "no-cache"
        assert_security_headers(headers, path)
        assert body == (current / file).read_bytes()
    status, headers, _ = get(port, "/treatments")
    assert status == 301 and headers["location"] == "/treatments/"
    status, headers, _ = get(int(live["http_port"]), "/contact/", tls=False)  # type: ignore
    assert status == 301 and headers["location"] == f"https://{HOST}/contact/"


def test_nginx_answers_unknown_paths_with_the_404_page(live: dict[str, object]) -> None:
    port = int(live["port"])  # type: ignore[arg-type]
    current = Path(live["target"]) / "current"  # type: ignore[arg-type]
    for path in ("/no-such-page/", "/_headers", "/theme/css/site.css"):
        status, headers, body = get(port, path)
        assert status == 404, path
        assert body == (current / "404.html").read_bytes()
        assert_security_headers(headers, f"404 for {path}")


def test_nginx_sends_the_precompressed_files(live: dict[str, object]) -> None:
    port = int(live["port"])  # type: ignore[arg-type]
    current = Path(live["target"]) / "current"  # type: ignore[arg-type]
    css = sorted(current.glob("theme/css/site.*.css"))[0]
    css_path = "/" + css.relative_to(current).as_posix()
    for path, file in [("/", current / "index.html"), (css_path, css)]:
        status, headers, body = get(port, path, "gzip")
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert body == file.with_name(file.name + ".gz").read_bytes()
        assert gzip.decompress(body) == file.read_bytes()
        assert "Accept-Encoding" in headers.get("vary", "")
        status, headers, body = get(port, path, "gzip, deflate, br")
        assert status == 200 and headers.get("content-encoding") == "br", path
        assert brotli.decompress(body) == file.read_bytes()
        status, headers, body = get(port, path)
        assert status == 200 and "content-encoding" not in headers
        assert body == file.read_bytes()
    status, headers, _ = get(port, css_path, "br")
    assert headers["cache-control"] == IMMUTABLE_CACHE
    assert headers["content-type"].startswith("text/css")
    assert_security_headers(headers, css_path)


def test_a_deploy_stopped_by_the_gate_leaves_the_served_site_byte_for_byte(
    live: dict[str, object], capfd: pytest.CaptureFixture[str]
) -> None:
    port = int(live["port"])  # type: ignore[arg-type]
    project = Path(live["project"])  # type: ignore[arg-type]
    target = Path(live["target"])  # type: ignore[arg-type]
    current = target / "current"
    paths = [
        "/" + p.relative_to(current).as_posix().removesuffix("index.html")
        for p in sorted(current.rglob("*.html"))
    ]
    served_before = {p: get(port, p, "br") for p in paths}
    files_before = snapshot(target)

    page = treatment_source(project)
    page.write_text(page.read_text(encoding="utf-8") + BAD_SENTENCE, encoding="utf-8")
    commit_all(project, "an unsupported statement")
    capfd.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        deploy.publish(project, str(target))
    assert exit_info.value.code == 1
    out = capfd.readouterr()  # the gate's own lines come from the Pelican subprocess
    assert re.search(r"derma-roller\.md:\d+:.*side effects", out.err), out.err
    assert "Nothing was deployed" in out.err and "unchanged" in out.err

    assert snapshot(target) == files_before
    for path, (status, _headers, body) in served_before.items():
        again = get(port, path, "br")
        assert again[0] == status and again[2] == body, f"{path} changed"
