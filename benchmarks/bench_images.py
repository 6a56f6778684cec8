"""Image pipeline benchmark: what each picture costs to encode, and what a rebuild costs.

    python benchmarks/bench_images.py                # the example site's pictures
    python benchmarks/bench_images.py DIR            # every picture under DIR

For each source picture, in one run so the figures share the machine's load: the time to plan it
(header and digest, what every page build pays), to encode every variant cold (one process, one
thread), and to publish it from a warm cache; and the bytes of each format at 800 px, beside
the source's own size. Nothing here is a test: read the figures with the load average beside
them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from clinic.images import (  # noqa: E402
    RASTER_SUFFIXES,
    ImageCache,
    ImageSettings,
    Job,
    inspect,
    publish,
    render,
)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "content" / "images"
    sources = sorted(p for p in folder.rglob("*") if p.suffix.lower() in RASTER_SUFFIXES)
    settings = ImageSettings()
    print(f"Pillow formats: {', '.join(settings.formats)} + fallback; widths {settings.widths}")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    print(
        "| picture | source | plan | encode (cold) | publish (warm) "
        "| AVIF 800 | WebP 800 | JPEG 800 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    totals = [0.0, 0.0, 0.0]
    with tempfile.TemporaryDirectory() as tmp:
        cache = ImageCache(Path(tmp) / "cache")
        for path in sources:
            started = time.perf_counter()
            job = Job(inspect(path), settings, f"images/{path.stem}")
            plan = time.perf_counter() - started
            started = time.perf_counter()
            files = render(job)
            cold = time.perf_counter() - started
            cache.put(job, files)
            started = time.perf_counter()
            report = publish([job], Path(tmp) / "out", cache)
            warm = time.perf_counter() - started
            assert report.cached == 1
            at = {v.format: len(files[v.path]) for v in job.variants() if v.width == 800}
            totals = [totals[0] + plan, totals[1] + cold, totals[2] + warm]
            print(
                f"| {path.relative_to(folder)} | {path.stat().st_size / 1024:.0f} KB "
                f"| {plan * 1000:.1f} ms | {cold:.2f} s | {warm * 1000:.1f} ms "
                + " ".join(
                    f"| {at[f] / 1024:.1f} KB" if f in at else "| –"
                    for f in ("avif", "webp", "jpeg")
                )
                + " |"
            )
    print(
        f"| **all {len(sources)}** | | {totals[0] * 1000:.1f} ms | {totals[1]:.2f} s "
        f"| {totals[2] * 1000:.1f} ms | | | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
