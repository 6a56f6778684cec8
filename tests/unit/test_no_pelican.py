"""claims-lint and the page schema work without Pelican (`pip install -e .`, no extras).

A subprocess refuses any import of ``pelican`` (or ``invoke``, another extra) and then runs
the page check and claims-lint on the example site.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import sys

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("pelican", "invoke", "livereload", "minify_html"):
                raise ImportError(f"{name} must not be needed here")
            return None

    sys.meta_path.insert(0, Refuse())
    from clinic_schema import page_schemas
    assert set(page_schemas("content")) == {"treatment", "page"}
    from claims_lint.cli import main
    sys.exit(main(["content", "--no-cache"]))
    """
)


def test_claims_lint_and_the_schema_import_no_pelican() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
