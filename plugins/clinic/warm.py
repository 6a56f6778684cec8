"""Builds for the live preview, each in a fresh process that starts warm.

A development build of a 1,000-page site whose pages are all in the build cache takes about a
second; starting Python and importing Pelican, Markdown, Jinja, the plugins and compiling the
claims rules takes about as long again. So ``invoke livereload`` keeps one *warm* process
(``python -m clinic.warm``) that has imported all of that and compiled the rules, and for each
build it forks: the child runs ``pelican`` exactly as the command line would, in a process of
its own (no state carried from one build to the next), and exits.

Content, data files and the theme are read afresh by every build, so the warm process serves
any number of them. A change to the code it has imported — anything under ``plugins/`` or a
settings file — starts a new warm process (:func:`needs_restart`). Where ``fork`` is not
available (macOS, Windows), each build is a plain ``python -m pelican`` subprocess, as before.

The protocol on the warm process's standard input and output is one line each way: ``build``
in; the build's own output, then ``\\0clinic-build-done <exit status>`` out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["WarmBuilder", "needs_restart"]

DONE = "\0clinic-build-done "
READY = "\0clinic-warm-ready"
# The project's own plugins first, as its settings import them (a copy of the project, such as
# the benchmark's, must not get the installed package's).
_BOOT = "import sys; sys.path.insert(0, 'plugins'); from clinic.warm import main; main()"


def needs_restart(path: str | os.PathLike[str], root: Path) -> bool:
    """A change the warm process cannot pick up: code it has imported, or the settings."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return rel.parts[:1] == ("plugins",) or (len(rel.parts) == 1 and p.suffix == ".py")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class WarmBuilder:
    """Runs development builds of the project in ``root`` through a warm process."""

    def __init__(self, root: Path, command: list[str], echo: Callable[[str], None]) -> None:
        self.root = Path(root)
        self.command = command  # pelican's arguments, e.g. ["content", "-s", "pelicanconf.py"]
        self.echo = echo  # where each line of the build's output goes as it comes
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, *self.command],
            cwd=self.root,
            env={**os.environ, "COLUMNS": "250"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            bufsize=1,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.rstrip("\n") == READY:
                return proc
            self.echo(line.rstrip("\n"))
        proc.wait()
        raise OSError(f"the warm build process stopped while starting (exit {proc.returncode})")

    def restart(self) -> None:
        self.stop()

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def build(self) -> tuple[int, list[str]]:
        """One build: its exit status and its output, line by line."""
        if not can_fork():
            return self._plain_build()
        for attempt in (1, 2):
            try:
                if self._proc is None or self._proc.poll() is not None:
                    self._proc = self._start()
                return self._ask(self._proc)
            except (OSError, BrokenPipeError):
                self.stop()
                if attempt == 2:
                    return self._plain_build()
        return self._plain_build()

    def _ask(self, proc: subprocess.Popen[str]) -> tuple[int, list[str]]:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("build\n")
        proc.stdin.flush()
        log: list[str] = []
        for line in proc.stdout:
            text = line.rstrip("\n")
            if text.startswith(DONE):
                return int(text[len(DONE) :]), log
            self.echo(text)
            log.append(text)
        raise OSError("the warm build process stopped during a build")

    def _plain_build(self) -> tuple[int, list[str]]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pelican", *self.command],
            cwd=self.root,
            env={**os.environ, "COLUMNS": "250"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        assert proc.stdout is not None
        log = []
        for line in proc.stdout:
            self.echo(line.rstrip("\n"))
            log.append(line.rstrip("\n"))
        return proc.wait(), log


# --- the warm process ----------------------------------------------------------------------


def warm_up(argv: list[str]) -> None:
    """Import and compile what every build needs, once (nothing here keeps build state)."""
    import markdown  # noqa: F401
    import pelican.generators  # noqa: F401
    import pelican.readers  # noqa: F401
    import pelican.writers  # noqa: F401
    from pelican.settings import read_settings

    settings_file = argv[argv.index("-s") + 1] if "-s" in argv else "pelicanconf.py"
    settings = read_settings(settings_file)  # imports the plugins the settings name
    from claims_lint import Config, Linter
    from clinic_schema.markdown import make_markdown
    from clinic_schema.schema import _source

    from .claims import compile_rules

    profile = settings.get("CLAIMS_PROFILE", "uk")
    # The engine compiles a rule's patterns when a page first needs them; compile them all
    # here, once, so no build pays for it (they are kept with the rules it loaded).
    compile_rules(Linter(Config(profile=profile, cache_dir=None)))
    make_markdown()
    _source()
    for name in ("clinic_publish.optimise", "clinic.verify", "clinic.render_cache"):
        __import__(name)


def _child(argv: list[str]) -> None:
    """The forked build: exactly ``pelican ARGV``; never returns."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    code = 0
    try:
        from pelican import main

        sys.argv = ["pelican", *argv]
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported like Python would, then the status
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def serve(argv: list[str]) -> None:
    warm_up(argv)
    print(READY, flush=True)
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(argv)
        _, status = os.waitpid(pid, 0)
        print(f"{DONE}{os.waitstatus_to_exitcode(status)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m clinic.warm", description=__doc__)
    parser.add_argument("pelican_args", nargs=argparse.REMAINDER)
    serve(parser.parse_args().pelican_args)


if __name__ == "__main__":
    main()
