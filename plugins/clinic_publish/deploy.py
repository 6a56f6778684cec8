"""Build with the full gate, then deploy atomically: a directory, rsync over SSH, or a git branch.

``publish(root, target)`` runs the production build (``pelican content -s publishconf.py``) as a
subprocess into a fresh staging directory, so the clinic gate and its exit status apply in
full. Only a build that exits 0 is deployed; a failed build deploys nothing and leaves the live
site exactly as it was.

Targets (``--target`` or ``$CLINIC_DEPLOY_TARGET``):

* ``/srv/clinic-site`` (any local path, or ``file:///srv/clinic-site``): each deploy is copied
  to ``releases/<release>/`` and the ``current`` symlink is switched to it in one rename. The
  web server serves ``current/``. The newest ``$CLINIC_DEPLOY_KEEP`` releases (default 5) are
  kept; ``rollback`` points ``current`` at the release before it.
* ``user@host:/srv/clinic-site`` or ``ssh://user@host:port/srv/clinic-site``: the same layout on
  a server reached by SSH. The release is uploaded by rsync to a hidden directory, renamed, and
  ``current`` is switched with ``mv -T`` (GNU coreutils on the server). ``$CLINIC_DEPLOY_SSH``
  sets the ssh command (``ssh -i key -o UserKnownHostsFile=…``).
* ``git:<path-or-url>#<branch>`` (branch defaults to ``gh-pages``): one commit per deploy whose
  tree is exactly the site (plus ``.nojekyll``), pushed to the branch in one ref update.

Errors are printed as one plain line (no traceback) and end the command with status 1 (failed
build or deploy) or 2 (a bad target or setting).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_KEEP = 5
DEFAULT_BRANCH = "gh-pages"
RELEASES = "releases"
CURRENT = "current"
LOG_NAME = "deploy.log"
TARGET_HELP = (
    "a local directory (/srv/clinic-site), user@host:/path or ssh://user@host:port/path "
    "(rsync over SSH), or git:<repository path or URL>#<branch>"
)


class DeployError(Exception):
    """A problem to tell the user in one line; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class TargetError(DeployError):
    def __init__(self, message: str) -> None:
        super().__init__(message, status=2)


def say(message: str) -> None:
    print(f"publish: {message}", flush=True)


# --------------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class DirTarget:
    path: Path

    def __str__(self) -> str:
        return f"directory {self.path}"


@dataclass(frozen=True)
class SshTarget:
    host: str
    path: str
    user: str | None = None
    port: int | None = None

    @property
    def destination(self) -> str:
        return f"{self.user}@{self.host}" if self.user else self.host

    def __str__(self) -> str:
        port = f" (port {self.port})" if self.port else ""
        return f"{self.destination}:{self.path} over SSH{port}"


@dataclass(frozen=True)
class GitTarget:
    repo: str
    branch: str

    def __str__(self) -> str:
        return f"branch {self.branch} of git repository {self.repo}"


Target = DirTarget | SshTarget | GitTarget

_SCP_LIKE = re.compile(r"^(?:(?P<user>[^@/:\s]+)@)?(?P<host>[^@/:\s]+):(?P<path>.*)$")
_SAFE_REMOTE_PATH = re.compile(r"^[A-Za-z0-9._/~+@=,-]+$")
_HOST = re.compile(r"^[A-Za-z0-9._-]+$|^\[[0-9A-Fa-f:.]+\]$")


def _remote_path(path: str, original: str) -> str:
    if not path or path == "~":
        raise TargetError(
            f"target {original!r} names no directory after the host: "
            "write user@host:/srv/clinic-site"
        )
    if not _SAFE_REMOTE_PATH.match(path):
        raise TargetError(
            f"target {original!r}: the remote path may only contain letters, "
            "digits and . _ / ~ + @ = , - (no spaces or quotes)"
        )
    if path.startswith("~/"):
        path = path[2:]  # ssh and rsync start in the home directory
    if "~" in path:
        raise TargetError(f"target {original!r}: use ~ only at the start of the remote path")
    return path.rstrip("/") or "/"


def _check_host(host: str, user: str | None, original: str) -> None:
    if not _HOST.match(host) or host.startswith("-") or (user or "").startswith("-"):
        raise TargetError(f"target {original!r}: {host!r} is not a host name")


def parse_target(text: str) -> Target:
    """Read a target string; raises TargetError with what to write instead."""
    original = text
    text = (text or "").strip()
    if not text:
        raise TargetError(
            f"no deploy target: pass --target or set CLINIC_DEPLOY_TARGET to {TARGET_HELP}"
        )
    if text.startswith("git:"):
        rest = text[4:]
        repo, _, branch = rest.rpartition("#") if "#" in rest else (rest, "", DEFAULT_BRANCH)
        if not repo:
            raise TargetError(
                f"target {original!r} names no git repository: write "
                "git:/path/to/repo.git#gh-pages or git:git@host:org/site.git#pages"
            )
        branch = branch or DEFAULT_BRANCH
        ok = (
            subprocess.run(
                ["git", "check-ref-format", f"refs/heads/{branch}"], capture_output=True
            ).returncode
            == 0
        )
        if not ok or branch.startswith("-"):
            raise TargetError(f"target {original!r}: {branch!r} is not a valid branch name")
        return GitTarget(repo=repo, branch=branch)
    if text.startswith("file://"):
        path = urlsplit(text).path
        if not path:
            raise TargetError(f"target {original!r} names no directory")
        return DirTarget(Path(path))
    if text.startswith("ssh://"):
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            raise TargetError(f"target {original!r}: the port is not a number") from None
        if not parts.hostname:
            raise TargetError(
                f"target {original!r} names no host: write ssh://user@host:22/srv/clinic-site"
            )
        _check_host(parts.hostname, parts.username, original)
        path = parts.path
        if path.startswith("/~/"):
            path = path[1:]
        return SshTarget(
            host=parts.hostname, path=_remote_path(path, original), user=parts.username, port=port
        )
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        scheme = text.split("://", 1)[0]
        raise TargetError(
            f"target {original!r}: {scheme}:// targets are not supported; use {TARGET_HELP}"
        )
    match = _SCP_LIKE.match(text)
    if match and not text.startswith(("/", ".", "~")):
        _check_host(match["host"], match["user"], original)
        return SshTarget(
            host=match["host"], path=_remote_path(match["path"], original), user=match["user"]
        )
    return DirTarget(Path(text).expanduser())


def _keep() -> int:
    raw = os.environ.get("CLINIC_DEPLOY_KEEP", str(DEFAULT_KEEP))
    try:
        keep = int(raw)
    except ValueError:
        keep = 0
    if keep < 2:
        raise TargetError(
            f"CLINIC_DEPLOY_KEEP={raw!r}: keep at least 2 releases (a number), "
            "so there is always one to roll back to"
        )
    return keep


# ---------------------------------------------------------------------------------- build


@dataclass(frozen=True)
class Source:
    commit: str  # short hash, or "unknown"
    dirty: bool
    epoch: int | None  # the commit time: SOURCE_DATE_EPOCH

    def release_name(self, now: float) -> str:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
        return f"{stamp}-{self.commit}" + ("-dirty" if self.dirty else "")


def source_info(root: Path) -> Source:
    def git(*args: str) -> str | None:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "--short=12", "HEAD")
    if commit is None:
        return Source("unknown", False, None)
    status = git("status", "--porcelain", "--untracked-files=no")
    epoch = git("log", "-1", "--format=%ct")
    return Source(commit, bool(status), int(epoch) if epoch else None)


def build_site(root: Path, out: Path, source: Source) -> float:
    """The production build into ``out``; returns seconds taken. Raises DeployError."""
    cmd = [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)]
    env = dict(os.environ)
    if source.epoch is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(source.epoch))
    origin = (
        f"commit {source.commit}"
        if source.commit != "unknown"
        else "a directory that is not a git checkout"
    )
    say(
        f"building the production site from {origin}"
        + (" (with uncommitted changes)" if source.dirty else "")
        + f": {shlex.join(['pelican', *cmd[3:]])}"
    )
    started = time.monotonic()
    try:
        status = subprocess.run(cmd, cwd=root, env=env).returncode
    except OSError as exc:
        raise DeployError(f"could not run Pelican: {exc}") from None
    seconds = time.monotonic() - started
    if status != 0:
        raise DeployError(
            f"the production build failed (exit status {status}; the problems are "
            "listed above). Nothing was deployed"
        )
    if not (out / "index.html").is_file():
        raise DeployError("the production build wrote no index.html. Nothing was deployed")
    return seconds


def normalise_permissions(site: Path) -> None:
    """World-readable files and directories (a web server runs as another user)."""
    site.chmod(0o755)
    for path in site.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() else 0o644)


def describe_site(site: Path) -> str:
    files = [p for p in site.rglob("*") if p.is_file()]
    plain = [p for p in files if p.suffix not in (".gz", ".br")]
    size = sum(p.stat().st_size for p in plain)
    gz = sum(p.stat().st_size for p in files if p.suffix == ".gz")
    br = sum(p.stat().st_size for p in files if p.suffix == ".br")
    pages = sum(1 for p in plain if p.suffix == ".html")
    return (
        f"{pages} pages, {len(plain)} files, {size / 1024:.1f} KiB "
        f"(+ {gz / 1024:.1f} KiB .gz, {br / 1024:.1f} KiB .br)"
    )


# ------------------------------------------------------------------------ release layouts


def _release_names(names: Sequence[str]) -> list[str]:
    return sorted(n for n in names if n and not n.startswith("."))


def _to_remove(releases: list[str], current: str | None, keep: int) -> list[str]:
    keep_set = set(releases[-keep:]) | ({current} if current else set())
    return [r for r in releases if r not in keep_set]


def _current_name(link: str | None) -> str | None:
    if not link:
        return None
    link = link.strip().rstrip("/")
    prefix = f"{RELEASES}/"
    return link[len(prefix) :] if link.startswith(prefix) else Path(link).name


class LocalReleases:
    """releases/<name>/ and a ``current`` symlink in a local directory."""

    def __init__(self, base: Path) -> None:
        self.base = base.resolve() if base.exists() else base.absolute()

    def where(self) -> str:
        return str(self.base)

    def close(self) -> None:
        pass

    def check(self, create: bool = True) -> None:
        """Before building: is this a directory we may deploy to?"""
        if self.base.exists() and not self.base.is_dir():
            raise TargetError(f"{self.base} is a file, not a directory")
        if not self.base.exists():
            if not create:
                raise TargetError(f"{self.base} does not exist: nothing has been deployed there")
            if not self.base.parent.is_dir():
                raise TargetError(
                    f"cannot deploy to {self.base}: {self.base.parent} does not exist"
                )
        if self.base.is_dir() and not (self.base / RELEASES).is_dir():
            stray = [
                p.name
                for p in self.base.iterdir()
                if p.name not in (RELEASES, CURRENT, LOG_NAME, ".deploy.lock")
            ]
            if stray:
                raise TargetError(
                    f"{self.base} already holds files ({', '.join(sorted(stray)[:3])}…) and "
                    "is not a deploy target: choose a new or empty directory; the web server "
                    f"serves its {CURRENT}/ link"
                )
        current = self.base / CURRENT
        if current.exists() and not current.is_symlink():
            raise TargetError(f"{current} exists and is not a symlink: move it away first")
        writable = self.base if self.base.exists() else self.base.parent
        if create and not os.access(writable, os.W_OK):
            raise TargetError(
                f"cannot write to {writable}: choose a directory you may write to, or fix its "
                "permissions"
            )

    @contextlib.contextmanager
    def locked(self, create: bool) -> Iterator[None]:
        self.check(create)
        try:
            if create:
                (self.base / RELEASES).mkdir(parents=True, exist_ok=True)
            lock = open(self.base / ".deploy.lock", "a")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise TargetError(
                f"cannot write to {self.base} ({exc.strerror or exc}): choose a directory you "
                "may write to, or fix its permissions"
            ) from None
        with lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DeployError(f"another deploy to {self.base} is running") from None
            yield

    def releases(self) -> list[str]:
        folder = self.base / RELEASES
        return _release_names(os.listdir(folder)) if folder.is_dir() else []

    def current(self) -> str | None:
        link = self.base / CURRENT
        return _current_name(os.readlink(link)) if link.is_symlink() else None

    def upload(self, site: Path, name: str) -> None:
        partial = self.base / RELEASES / f".{name}.partial"
        for stale in (self.base / RELEASES).glob(".*.partial"):
            shutil.rmtree(stale, ignore_errors=True)
        current = self.current()
        previous = self.base / RELEASES / current if current else None
        try:
            shutil.copytree(
                site, partial, symlinks=True, copy_function=_link_if_unchanged(site, previous)
            )
            partial.rename(self.base / RELEASES / name)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise DeployError(
                f"could not copy the release into {self.base}: {exc}; the live site is unchanged"
            ) from None

    def switch(self, name: str) -> None:
        tmp = self.base / f".{CURRENT}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(f"{RELEASES}/{name}", tmp)
        os.replace(tmp, self.base / CURRENT)  # rename(2): atomic

    def remove(self, names: list[str]) -> None:
        for name in names:
            shutil.rmtree(self.base / RELEASES / name, ignore_errors=True)

    def log(self, line: str) -> None:
        try:
            with open(self.base / LOG_NAME, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        except OSError as exc:  # the release is live; only the log line is lost
            say(f"warning: could not add to {self.base / LOG_NAME}: {exc.strerror or exc}")


def _link_if_unchanged(site: Path, previous: Path | None) -> Callable[[str, str], str]:
    """A ``copytree`` copy function: a file the previous release has with the same bytes and
    mode is hard-linked from it (it keeps its modification time, and takes no space)."""

    def copy(src: str, dst: str) -> str:
        if previous is not None:
            old = previous / Path(src).relative_to(site)
            try:
                same = (
                    old.is_file()
                    and not old.is_symlink()
                    and os.stat(src).st_mode == old.stat().st_mode
                    and filecmp.cmp(src, old, shallow=False)
                )
                if same:
                    os.link(old, dst)
                    return dst
            except OSError:
                pass  # another file system, or no hard links: copy it
        return shutil.copy2(src, dst)

    return copy


class SshReleases:
    """The same layout on a server reached over SSH; rsync uploads, ``mv -T`` switches."""

    def __init__(self, target: SshTarget) -> None:
        self.target = target
        ssh = shlex.split(os.environ.get("CLINIC_DEPLOY_SSH", "ssh"))
        if target.port:
            ssh += ["-p", str(target.port)]
        # One SSH connection for the whole deploy (ssh, rsync and the switch share it).
        self.control = tempfile.mkdtemp(prefix="clinic-ssh-")
        ssh += [
            "-o",
            "ControlMaster=auto",
            "-o",
            f"ControlPath={self.control}/%C",
            "-o",
            "ControlPersist=60",
        ]
        self.ssh = ssh
        self.base = shlex.quote(target.path)

    def close(self) -> None:
        subprocess.run(
            [*self.ssh, "-O", "exit", self.target.destination], capture_output=True, timeout=30
        )
        shutil.rmtree(self.control, ignore_errors=True)

    def where(self) -> str:
        return f"{self.target.destination}:{self.target.path}"

    def run(self, script: str, what: str) -> str:
        cmd = [*self.ssh, self.target.destination, "sh -s"]
        try:
            proc = subprocess.run(
                cmd, input="set -eu\n" + script, capture_output=True, text=True, timeout=300
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeployError(f"{what} on {self.where()} failed: {exc}") from None
        if proc.returncode != 0:
            detail = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
            raise DeployError(
                f"{what} on {self.where()} failed (exit status "
                f"{proc.returncode}): {' / '.join(detail[-3:]) or 'no message'}"
            )
        return proc.stdout

    def check(self, create: bool = True) -> None:
        """Before building: can we reach the server?"""
        self.run("true\n", "connecting")

    @contextlib.contextmanager
    def locked(self, create: bool) -> Iterator[None]:
        b = self.base
        self.state = self.run(
            (
                "mkdir -p -- " + b + "\n"
                if create
                else f"test -d {b} || {{ echo 'nothing has been deployed there' >&2; exit 3; }}\n"
            )
            + f"cd -- {b}\n"
            f"if [ -e {CURRENT} ] && [ ! -L {CURRENT} ]; then "
            f"echo '{CURRENT} exists and is not a symlink' >&2; exit 3; fi\n"
            f'if [ ! -d {RELEASES} ] && [ -n "$(ls -A)" ]; then '
            "echo 'the directory already holds files and is not a deploy target' >&2; exit 3; fi\n"
            + (f"mkdir -p {RELEASES}\n" if create else "")
            + (
                f'for d in {RELEASES}/.*.partial; do [ -d "$d" ] && rm -rf -- "$d"; done; true\n'
                if create
                else ""
            )
            + f'echo "current=$(readlink {CURRENT} || true)"\n'
            f"ls -1A {RELEASES} 2>/dev/null | sed 's/^/release=/' || true\n",
            "checking the target",
        )
        yield

    def releases(self) -> list[str]:
        return _release_names(
            [line[8:] for line in self.state.splitlines() if line.startswith("release=")]
        )

    def current(self) -> str | None:
        for line in self.state.splitlines():
            if line.startswith("current="):
                return _current_name(line[8:])
        return None

    def upload(self, site: Path, name: str) -> None:
        partial = f"{self.target.path}/{RELEASES}/.{name}.partial"
        current = self.current()
        # A file whose bytes the live release already has is hard-linked from it, not sent:
        # only real changes cross the network, and an unchanged file keeps its modification
        # time (so browsers revalidating it get "not modified"). The build's own times are
        # not kept (--no-times): rsync links only files whose kept attributes all match.
        linked = ["--checksum", "--no-times", f"--link-dest=../{current}"] if current else []
        cmd = [
            "rsync",
            "-a",
            "--delete",
            *linked,
            "-e",
            shlex.join(self.ssh),
            f"{site}/",
            f"{self.target.destination}:{partial}/",
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeployError(
                f"rsync to {self.where()} failed: {exc}; the live site is unchanged"
            ) from None
        if proc.returncode != 0:
            raise DeployError(
                f"rsync to {self.where()} failed (exit status {proc.returncode}): "
                f"{proc.stderr.strip().splitlines()[-1:] or ''}; the live site is "
                "unchanged"
            )
        q = shlex.quote
        self.run(
            f"cd -- {self.base}/{RELEASES}\nmv -- {q('.' + name + '.partial')} {q(name)}\n",
            "finishing the upload",
        )

    def switch(self, name: str) -> None:
        q = shlex.quote
        tmp = f".{CURRENT}.$$.tmp"
        self.run(
            f"cd -- {self.base}\nrm -f {tmp}\nln -s -- {q(RELEASES + '/' + name)} {tmp}\n"
            f"mv -T -- {tmp} {CURRENT}\n",
            "switching the current link",
        )

    def remove(self, names: list[str]) -> None:
        if names:
            paths = " ".join(shlex.quote(f"{RELEASES}/{n}") for n in names)
            self.run(f"cd -- {self.base}\nrm -rf -- {paths}\n", "removing old releases")

    def log(self, line: str) -> None:
        self.run(
            f"cd -- {self.base}\nprintf '%s\\n' {shlex.quote(line)} >> {LOG_NAME}\n",
            "writing the deploy log",
        )


Releases = LocalReleases | SshReleases


def _releases_for(target: Target) -> Releases:
    if isinstance(target, DirTarget):
        return LocalReleases(target.path)
    if isinstance(target, SshTarget):
        return SshReleases(target)
    raise TargetError(f"{target} has no releases")


def _stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _after(name: str, existing: list[str]) -> str:
    """A name that sorts after every existing release (releases are ordered by name)."""
    if not existing or name > existing[-1]:
        return name
    # The clock is behind the last release (or two deploys in one millisecond): keep the order.
    last_stamp = existing[-1].split("-", 1)[0]
    return f"{last_stamp}~-{name.split('-', 1)[1]}"


def deploy_release(releases: Releases, site: Path, name: str, keep: int) -> None:
    with releases.locked(create=True):
        existing = releases.releases()
        name = _after(name, existing)
        before = releases.current()
        releases.upload(site, name)
        say(f"uploaded release {name} to {releases.where()}/{RELEASES}/{name}")
        releases.switch(name)
        say(
            f"switched {releases.where()}/{CURRENT} → {RELEASES}/{name}"
            + (f" (was {RELEASES}/{before})" if before else " (first release)")
        )
        old = _to_remove(_release_names([*existing, name]), name, keep)
        try:  # the new release is live: what follows is housekeeping
            releases.remove(old)
            if old:
                say(f"removed {len(old)} old release(s): {', '.join(old)}")
            releases.log(f"{_stamp()} publish {name}" + (f" (was {before})" if before else ""))
        except (DeployError, OSError) as exc:
            say(f"warning: the new release is live, but tidying up failed: {exc}")


def rollback_release(releases: Releases) -> None:
    with releases.locked(create=False):
        names = releases.releases()
        current = releases.current()
        if current is None or current not in names:
            raise DeployError(f"{releases.where()} has no current release to roll back from")
        index = names.index(current)
        if index == 0:
            raise DeployError(
                f"{current} is the oldest release kept at {releases.where()}: "
                "there is nothing earlier to roll back to"
            )
        previous = names[index - 1]
        releases.switch(previous)
        releases.log(f"{_stamp()} rollback {current} -> {previous}")
        say(
            f"rolled back {releases.where()}/{CURRENT}: {RELEASES}/{current} → "
            f"{RELEASES}/{previous}"
        )


# ------------------------------------------------------------------------------------ git


def _git(args: Sequence[str], *, git_dir: Path, work_tree: Path | None = None, what: str) -> str:
    env = dict(os.environ, GIT_DIR=str(git_dir))
    if work_tree is not None:
        env["GIT_WORK_TREE"] = str(work_tree)
    env.setdefault("GIT_AUTHOR_NAME", os.environ.get("GIT_COMMITTER_NAME", "") or "Clinic site")
    env.setdefault(
        "GIT_AUTHOR_EMAIL", os.environ.get("GIT_COMMITTER_EMAIL", "") or "publish@localhost"
    )
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    proc = subprocess.run(["git", *args], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = [
            re.sub(r"^(fatal|error): ", "", line.strip())
            for line in proc.stderr.splitlines()
            if line.strip()
        ]
        raise DeployError(
            f"{what} failed: {' / '.join(detail[:2]) or f'git exit status {proc.returncode}'}"
        )
    return proc.stdout.strip()


def _branch_head(target: GitTarget, git_dir: Path) -> str | None:
    """Fetch the branch's newest commit (shallow); None when the branch does not exist yet."""
    out = _git(
        ["ls-remote", "--heads", target.repo, f"refs/heads/{target.branch}"],
        git_dir=git_dir,
        what=f"reading {target.repo}",
    )
    if not out:
        return None
    _git(
        [
            "fetch",
            "-q",
            "--depth=2",
            target.repo,
            f"+refs/heads/{target.branch}:refs/remotes/target/{target.branch}",
        ],
        git_dir=git_dir,
        what=f"fetching {target.branch} from {target.repo}",
    )
    return _git(
        ["rev-parse", f"refs/remotes/target/{target.branch}"],
        git_dir=git_dir,
        what="reading the fetched branch",
    )


def check_git(target: GitTarget) -> None:
    """Before building: is the repository there and readable?"""
    with tempfile.TemporaryDirectory(prefix="clinic-publish-git-") as tmp:
        git_dir = Path(tmp) / "git"
        _git(["init", "-q", "--bare", str(git_dir)], git_dir=git_dir, what="git init")
        _git(["ls-remote", "--heads", target.repo], git_dir=git_dir, what=f"reading {target.repo}")


def deploy_git(target: GitTarget, site: Path, name: str, source: Source) -> None:
    (site / ".nojekyll").write_bytes(b"")  # GitHub Pages: serve files as they are
    with tempfile.TemporaryDirectory(prefix="clinic-publish-git-") as tmp:
        git_dir = Path(tmp) / "git"
        _git(["init", "-q", "--bare", str(git_dir)], git_dir=git_dir, what="git init")
        _git(
            ["add", "-A", "--force", "."],
            git_dir=git_dir,
            work_tree=site,
            what="adding the site to git",
        )
        tree = _git(["write-tree"], git_dir=git_dir, what="git write-tree")
        parent = _branch_head(target, git_dir)
        if (
            parent
            and _git(
                ["rev-parse", f"{parent}^{{tree}}"], git_dir=git_dir, what="reading the branch"
            )
            == tree
        ):
            say(f"{target} already holds exactly this site: no new commit")
            return
        message = (
            f"Publish {name}\n\nBuilt from commit {source.commit}"
            + (" with uncommitted changes" if source.dirty else "")
            + " by clinic_publish.\n"
        )
        commit = _commit_and_push(target, git_dir, tree, [parent] if parent else [], message)
        say(
            f"pushed commit {commit[:12]} to {target}"
            + (f" (parent {parent[:12]})" if parent else " (new branch)")
        )


def _commit_and_push(
    target: GitTarget, git_dir: Path, tree: str, parents: list[str], message: str
) -> str:
    """One commit of ``tree`` on ``parents``, pushed as the target branch's new head."""
    parent_args = [arg for parent in parents for arg in ("-p", parent)]
    commit = _git(
        ["commit-tree", tree, *parent_args, "-m", message],
        git_dir=git_dir,
        what="git commit-tree",
    )
    _git(
        ["push", "-q", target.repo, f"{commit}:refs/heads/{target.branch}"],
        git_dir=git_dir,
        what=f"pushing to {target.branch} of {target.repo}",
    )
    return commit


def rollback_git(target: GitTarget) -> None:
    with tempfile.TemporaryDirectory(prefix="clinic-publish-git-") as tmp:
        git_dir = Path(tmp) / "git"
        _git(["init", "-q", "--bare", str(git_dir)], git_dir=git_dir, what="git init")
        head = _branch_head(target, git_dir)
        if head is None:
            raise DeployError(f"{target} does not exist: nothing to roll back")
        parents = _git(
            ["rev-list", "--parents", "-n", "1", head], git_dir=git_dir, what="reading the branch"
        ).split()[1:]
        if not parents:
            raise DeployError(f"{target} has only one deploy: nothing earlier to roll back to")
        tree = _git(
            ["rev-parse", f"{parents[0]}^{{tree}}"],
            git_dir=git_dir,
            what="reading the previous deploy",
        )
        message = f"Roll back to {parents[0][:12]}\n"
        commit = _commit_and_push(target, git_dir, tree, [head], message)
        say(
            f"rolled back {target}: new commit {commit[:12]} restores the site of {parents[0][:12]}"
        )


# ------------------------------------------------------------------------------ public API


def _fail(exc: DeployError, live: str | None, command: str = "publish") -> SystemExit:
    message = str(exc)
    if live and exc.status == 1 and "unchanged" not in message:
        message += f"; the live site at {live} is unchanged"
    print(f"{command}: error: {message}.", file=sys.stderr, flush=True)
    return SystemExit(exc.status)


def _live(target: Target | None) -> str | None:
    if isinstance(target, DirTarget):
        return str(target.path)
    if isinstance(target, SshTarget):
        return f"{target.destination}:{target.path}"
    if isinstance(target, GitTarget):
        return f"{target.repo}#{target.branch}"
    return None


def publish(root: Path, target: str) -> None:
    """Production build of the project at ``root``, then an atomic deploy to ``target``.

    Exits (SystemExit) with status 1 when the build, its gate or the deploy fails, and 2 for
    a bad target; nothing is deployed then, and the live site is unchanged.
    """
    root = Path(root).resolve()
    parsed: Target | None = None
    releases: Releases | None = None
    try:
        parsed = parse_target(target)
        keep = _keep()
        say(f"target: {parsed}")
        if isinstance(parsed, GitTarget):
            check_git(parsed)
        else:
            releases = _releases_for(parsed)
            releases.check()
        source = source_info(root)
        if source.dirty:
            say(
                "warning: the work tree has uncommitted changes; this release cannot be "
                "rebuilt from a commit"
            )
        with tempfile.TemporaryDirectory(prefix="clinic-publish-") as staging:
            site = Path(staging) / "site"
            seconds = build_site(root, site, source)
            normalise_permissions(site)
            say(f"the build passed the gate in {seconds:.1f} s: {describe_site(site)}")
            name = source.release_name(time.time())
            if isinstance(parsed, GitTarget):
                deploy_git(parsed, site, name, source)
            else:
                deploy_release(releases, site, name, keep)
        say(
            f"done: {parsed} now serves {name}. To undo: invoke rollback --target "
            f"{shlex.quote(target.strip())}"
        )
    except DeployError as exc:
        raise _fail(exc, _live(parsed)) from None
    except KeyboardInterrupt:
        print(
            "publish: interrupted; the live site is unchanged unless 'switched' was shown.",
            file=sys.stderr,
        )
        raise SystemExit(130) from None
    finally:
        if releases is not None:
            releases.close()


def rollback(target: str) -> None:
    """Point ``target`` back at its previous release (git: a new commit with the old tree)."""
    parsed: Target | None = None
    try:
        parsed = parse_target(target)
        if isinstance(parsed, GitTarget):
            rollback_git(parsed)
        else:
            releases = _releases_for(parsed)
            try:
                rollback_release(releases)
            finally:
                releases.close()
    except DeployError as exc:
        raise _fail(exc, _live(parsed), "rollback") from None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m clinic_publish.deploy",
        description="Build the site with the full gate and deploy it atomically, or roll back.",
    )
    parser.add_argument("command", choices=["publish", "rollback"])
    parser.add_argument(
        "--target",
        default=os.environ.get("CLINIC_DEPLOY_TARGET", ""),
        help=f"{TARGET_HELP}; default: $CLINIC_DEPLOY_TARGET",
    )
    parser.add_argument("--root", default=".", help="the project directory (default: .)")
    args = parser.parse_args(argv)
    if args.command == "publish":
        publish(Path(args.root), args.target)
    else:
        rollback(args.target)


if __name__ == "__main__":
    main()
