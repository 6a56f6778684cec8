"""What issue 11's checks cost per page, side by side with their alternatives, in one run.

    python benchmarks/bench_checks.py            # builds the example site once, then times
    python benchmarks/bench_checks.py --repeat 50

Prints, in milliseconds per page (median of ``--repeat`` rounds over all pages):

* the page check (``clinic_schema.check_page``: JSON Schema, review dates, sign-off, raw HTML
  policy), given the page's rendered HTML, beside the Markdown rendering the build does anyway;
* parsing a written production page with each HTML parser: lexbor (selectolax, what the build
  uses), lxml (libxml2, not HTML5-conformant) and html5lib (pure Python, what the tests use);
* the whole output check of one treatment page (``verify.check_treatment_html``: sections,
  items, visibility, container, JSON-LD) and the output policy of one page.

Nothing here is a test: timings on a shared machine are noisy; run it when the machine is
quiet and read the load average printed with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))


def per_page(fn: Callable[[object], object], items: list[object], repeat: int) -> float:
    """Median milliseconds per item over ``repeat`` rounds."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            fn(item)
        rounds.append((time.perf_counter() - start) * 1000 / len(items))
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import html5lib
    import lxml.html
    from claims_lint.frontmatter import parse_front_matter
    from clinic.verify import check_treatment_html, policy_problems
    from clinic_schema import check_page, load_site
    from clinic_schema.markdown import make_markdown
    from selectolax.lexbor import LexborHTMLParser

    site = load_site(ROOT / "content")
    sources = sorted((ROOT / "content").glob("*/*.md"))
    pages = [(parse_front_matter(p.read_text("utf-8"), str(p)), p.parent.name) for p in sources]
    md = make_markdown()

    def render(page: object) -> str:
        fm, _ = page  # type: ignore[misc]
        md.reset()
        return md.convert(fm.body)

    rendered = {id(page): render(page) for page in pages}

    def checked(page: object) -> object:
        """The check alone: the build renders every page anyway and hands it the HTML."""
        fm, folder = page  # type: ignore[misc]
        kind = "treatment" if folder == "treatments" else "page"
        return check_page(fm, kind, site, today=dt.date.today(), rendered=rendered[id(page)])

    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", out],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        written = [p.read_text("utf-8") for p in sorted(Path(out).rglob("*.html"))]
        treatments = [p.read_text("utf-8") for p in sorted(Path(out).glob("treatments/*/*.html"))]

    from clinic_schema.data import Item

    class Safety:  # the registry's items of one treatment, as the build passes them
        def required(self) -> dict[str, list[Item]]:
            entry = next(iter(site.registry.treatments.values()))
            return {
                "contraindications": entry.contraindications,
                "side-effects": entry.side_effects_common,
                "aftercare": entry.aftercare,
            }

    safety = Safety()
    rows = [
        ("Markdown rendering alone", per_page(render, pages, args.repeat), len(pages)),
        ("page check (given the HTML)", per_page(checked, pages, args.repeat), len(pages)),
        (
            "parse: lexbor (selectolax)",
            per_page(lambda h: LexborHTMLParser(h), written, args.repeat),
            len(written),
        ),
        (
            "parse: lxml",
            per_page(lambda h: lxml.html.document_fromstring(h), written, args.repeat),
            len(written),
        ),
        (
            "parse: html5lib",
            per_page(lambda h: html5lib.parse(h), written, max(3, args.repeat // 5)),
            len(written),
        ),
        (
            "output check, treatment page",
            per_page(lambda h: check_treatment_html(h, "x", safety), treatments, args.repeat),
            len(treatments),
        ),
        (
            "output policy, any page",
            per_page(lambda h: policy_problems(h, "x"), written, args.repeat),
            len(written),
        ),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, load average {load:.2f}, repeat {args.repeat}")
    print(f"{'what':<32} {'ms/page':>8}  pages")
    for name, ms, n in rows:
        print(f"{name:<32} {ms:8.3f}  {n}")


if __name__ == "__main__":
    main()
