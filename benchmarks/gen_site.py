"""Generate a realistic clinic site with N treatment pages, for the benchmarks.

    python benchmarks/gen_site.py 1000 /tmp/site-1000 [--seed 7]

The site is a self-contained copy of this project's site: ``content/data/*.yaml``,
``content/pages/``, ``content/images/``, ``theme/``, ``plugins/``, ``pelicanconf.py`` and
``publishconf.py``, plus
``baselineconf.py`` (the same content built by Pelican alone) and ``clinicconf.py`` (the
production settings with the clinic plugin only); see ``bench_build.py``.

Its ``content/treatments/`` holds N generated treatment pages. Each is what a clinic group with
many locations would publish: one of the four registry treatments at one of many towns, with
valid front matter (``clinic_schema`` page schema, ``schemas.yaml``), some pages adding
their own safety items, and a body of about 400-600 words assembled from the honest,
hedged paragraphs of the example site's own treatment pages plus a few practical ones. Some
derma-roller pages cite the evidence register with ``[^aust-2008]``. The output is
deterministic for a given N and seed, so every run of a benchmark reads the same bytes.

The front matter is written so that both our reader (YAML) and Pelican's own Markdown reader
(the ``meta`` extension, used by the baseline build) read the whole block: continuation lines
and list items are indented by four spaces.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TOWNS = [
    "Bath",
    "Bristol",
    "Cheltenham",
    "Chester",
    "Exeter",
    "Harrogate",
    "Leeds",
    "Leicester",
    "Lincoln",
    "Norwich",
    "Oxford",
    "Reading",
    "Salisbury",
    "Sheffield",
    "Truro",
    "Winchester",
    "Worcester",
    "York",
    "Cambridge",
    "Brighton",
    "Canterbury",
    "Durham",
    "Guildford",
    "Ipswich",
    "Kendal",
    "Ludlow",
    "Newcastle",
    "Nottingham",
    "Plymouth",
    "Stamford",
]
STREETS = [
    "Milsom Street",
    "High Street",
    "Church Lane",
    "Market Place",
    "Station Road",
    "Bridge Street",
    "King Street",
    "Queen Square",
    "Castle Street",
    "Mill Lane",
    "Park Row",
    "Abbey Green",
]

# Titles and summaries per registry key (hedged, no outcome promise).
TITLES = {
    "derma-roller": ["Derma roller (microneedling)", "Microneedling with a derma roller"],
    "mesotherapy-facial": ["Facial mesotherapy", "Mesotherapy for the face and neck"],
    "mesotherapy-cellulite": ["Mesotherapy for the body", "Body mesotherapy"],
    "mesotherapy-hair": ["Mesotherapy for hair loss", "Scalp mesotherapy for thinning hair"],
}
SUMMARIES = {
    "derma-roller": [
        "A handheld roller with fine needles makes tiny channels in the skin, which then heals. "
        "Results vary.",
        "Microneedling with a handheld roller, after a consultation. Some people see little "
        "change.",
    ],
    "mesotherapy-facial": [
        "Small, shallow injections into the skin of the face, neck or upper chest. Results vary "
        "and fade over time.",
        "A course of very small injections into facial skin, after a consultation. Results vary.",
    ],
    "mesotherapy-cellulite": [
        "A course of small injections into small areas of the body, after a consultation. "
        "Results vary.",
        "Small injections a short way under the skin of the body. Some people see little change.",
    ],
    "mesotherapy-hair": [
        "A course of small injections into the scalp, after a consultation. Results vary and "
        "are not permanent.",
        "Small injections into the skin of the scalp. Some people see little change.",
    ],
}
FACTS = {
    "derma-roller": {
        "session_length": [
            "About 45 to 60 minutes",
            "Depends on the area; we tell you at your consultation",
        ],
        "course": [
            "Usually 4 to 8 sessions, about a month apart",
            "Often 4 to 6 sessions, 4 to 6 weeks apart",
        ],
        "results_timeline": [
            "Varies from person to person, and some people see little change",
            "Any change is gradual; some people see little change",
        ],
        "recovery": [
            "Redness and swelling; the skin usually settles within about 3 days",
            "Red skin for a day or two; small spots of bleeding may happen",
        ],
    },
    "mesotherapy-facial": {
        "session_length": ["About 30 to 45 minutes", "About 30 minutes"],
        "course": [
            "Several sessions, usually 1 to 2 weeks apart",
            "Usually 3 to 5 sessions, 2 weeks apart",
        ],
        "results_timeline": [
            "Some people notice a change after 2 or 3 sessions; others see little",
            "Varies; some people see little change",
        ],
        "recovery": [
            "Redness, swelling or bruising are common; most settle within a few days",
            "Small bumps and redness for a day or two",
        ],
    },
    "mesotherapy-cellulite": {
        "session_length": ["About 30 to 45 minutes", "About 45 minutes"],
        "course": [
            "Usually 6 to 8 sessions, 1 to 2 weeks apart",
            "Several sessions, 1 to 2 weeks apart",
        ],
        "results_timeline": [
            "Varies; some people see little change",
            "Results vary and some people see no change",
        ],
        "recovery": [
            "Bruising, swelling and tenderness for a few days",
            "Bruising is common and settles over a week or so",
        ],
    },
    "mesotherapy-hair": {
        "session_length": ["About 30 minutes", "About 30 to 45 minutes"],
        "course": [
            "Several sessions, usually 1 to 4 weeks apart",
            "Usually 6 sessions, 2 to 4 weeks apart",
        ],
        "results_timeline": [
            "Varies; some people see little change after several months",
            "If there is a change, it is usually after a few months",
        ],
        "recovery": [
            "A sore or tender scalp for a day or two",
            "Some redness and small bruises on the scalp for a few days",
        ],
    },
}
PRICES = {
    "derma-roller": (120, 190),
    "mesotherapy-facial": (150, 240),
    "mesotherapy-cellulite": (130, 220),
    "mesotherapy-hair": (140, 230),
}

# Page additions to the registry's safety lists (ids that are not in the registry).
EXTRA_CONTRA = [
    "Recent sunburn on the area to be treated",
    "A tattoo or permanent make-up in the area",
    "Laser or chemical peel treatment on the area in the last month",
]
EXTRA_AFTERCARE = [
    "Avoid swimming pools for 48 hours.",
    "Sleep on a clean pillowcase the night after treatment.",
    "Wait a day before using a sauna or steam room.",
]

# Practical paragraphs any page may carry ({town}, {street}, {price} filled in).
PRACTICAL = [
    "Our {town} clinic is on {street}. Appointments are on weekdays and some Saturday "
    "mornings; [ask us](/contact/) about times that suit you.",
    "The price shown is where a single session starts in {town}. Your practitioner gives you "
    "the full cost of a course in writing at your consultation, before you decide. A course "
    "of sessions costs more than one session.",
    "Bring a list of the medicines you take, including ones you buy without a prescription "
    "and herbal remedies, to your consultation. Some of them affect whether the treatment is "
    "suitable for you.",
    "Please tell us about any change in your health between sessions. It may mean the next "
    "session should wait, and your practitioner will talk this through with you.",
    "If you have a question after a session, call the clinic. Outside opening hours, contact "
    "your GP or NHS 111 if you are worried.",
    "You can decide not to go ahead at any point, including after your consultation or part "
    "of the way through a course.",
    "Some people prefer to book a session at the end of the day, because the skin can look "
    "red for a while afterwards.",
    "We keep notes of each session, so that your practitioner can see what was done before "
    "and how your skin responded.",
    "Your consultation in {town} takes about 30 minutes. You will have time to ask questions, "
    "and you do not have to decide on the day.",
    "- Bring a list of your medicines.\n- Tell us about any allergies.\n- Allow time for a "
    "numbing cream to work, if you have one.",
]

EVIDENCE = (
    "## Evidence\n\n"
    "A published study followed a series of patients who had microneedling for scars, "
    "wrinkles or loose skin. Most of them said afterwards that their skin had improved."
    "[^aust-2008]\n\n"
    "The study had no comparison group, so it cannot show how much of any change was due to "
    "the treatment. It did not look at stretch marks, and it cannot tell you how your own skin "
    "will respond."
)


@dataclass
class Source:
    key: str
    sections: list[tuple[str, list[str]]]  # (heading, paragraphs), Evidence left out


def _sources() -> dict[str, Source]:
    """The example site's treatment pages, cut into sections and paragraphs."""
    out: dict[str, Source] = {}
    for path in sorted((ROOT / "content" / "treatments").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        key = re.search(r"^treatment:\s*(\S+)", front, re.MULTILINE).group(1)
        sections: list[tuple[str, list[str]]] = []
        for block in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
            heading, _, rest = block.partition("\n")
            if heading.strip() == "Evidence":
                continue
            paragraphs = [p.strip() for p in rest.strip().split("\n\n") if p.strip()]
            sections.append((heading.strip(), paragraphs))
        out[key] = Source(key, sections)
    return out


def _words(text: str) -> int:
    return len(text.split())


def _body(
    rng: random.Random, src: Source, town: str, street: str, price: int, evidence: bool
) -> str:
    target = rng.randint(400, 600)
    practical = [p.format(town=town, street=street, price=price) for p in PRACTICAL]
    rng.shuffle(practical)
    # Start from every paragraph, then drop optional ones (never a section's first paragraph,
    # which carries the heading's point, nor any paragraph about age or contraindications).
    chosen = [(h, list(ps)) for h, ps in src.sections]
    optional = [
        (si, pi)
        for si, (_, ps) in enumerate(chosen)
        for pi in range(1, len(ps))
        if "18" not in ps[pi] and "contraindications" not in ps[pi]
    ]
    rng.shuffle(optional)
    drop = set(optional[: rng.randint(0, max(0, len(optional) // 3))])
    chosen = [
        (h, [p for pi, p in enumerate(ps) if (si, pi) not in drop])
        for si, (h, ps) in enumerate(chosen)
    ]

    def assemble() -> str:
        parts = []
        for heading, paragraphs in chosen:
            parts.append(f"## {heading}")
            parts.extend(paragraphs)
        if evidence:
            parts.append(EVIDENCE)
        return "\n\n".join(parts) + "\n"

    extra: list[str] = []
    while _words(assemble()) + sum(map(_words, extra)) < target and len(extra) < 5:
        extra.append(practical.pop())
    if extra:
        # A "Practical details" section before "What it can and cannot do" (or at the end).
        where = next(
            (i for i, (h, _) in enumerate(chosen) if h.startswith("What it can")), len(chosen)
        )
        chosen.insert(where, ("Practical details", extra))
    return assemble()


def _front_matter(rng: random.Random, key: str, town: str, today: dt.date, price: int) -> str:
    title = f"{rng.choice(TITLES[key])} in {town}"
    summary = rng.choice(SUMMARIES[key])
    last = today - dt.timedelta(days=rng.randint(5, 150))
    nxt = today + dt.timedelta(days=rng.randint(60, 300))
    lines = ["---", f"title: {title}", f"treatment: {key}"]
    if rng.random() < 0.5:
        # Folded style, continuation indented by 4 (Markdown's meta extension needs 4).
        words = summary.split()
        half = len(words) // 2
        lines += ["summary: >-", "    " + " ".join(words[:half]), "    " + " ".join(words[half:])]
    else:
        lines.append(f"summary: {summary}")
    lines += [
        f"reviewed_by: {rng.choice(['helen-ashby', 'tom-okafor'])}",
        f"last_reviewed: {last.isoformat()}",
        f"next_review: {nxt.isoformat()}",
        "facts:",
    ]
    for field, choices in FACTS[key].items():
        lines.append(f"    {field}: {rng.choice(choices)}")
    lines.append(f"    price_from: {price}")
    if rng.random() < 0.2:
        lines.append("contraindications:")
        lines += [f"    - {t}" for t in rng.sample(EXTRA_CONTRA, rng.randint(1, 2))]
    if rng.random() < 0.2:
        lines.append("aftercare:")
        lines += [f"    - {t}" for t in rng.sample(EXTRA_AFTERCARE, rng.randint(1, 2))]
    lines.append("---")
    return "\n".join(lines) + "\n"


BASELINE_SETTINGS = '''\
"""Baseline: the same content built by Pelican alone, without any of our plugins.

Pelican's own Markdown reader (its ``meta`` extension reads the ``---`` front matter) with the
same Markdown extensions as our reader, and Pelican's built-in ``simple`` theme (our theme
needs the plugin's context). Treatment pages are written to /<slug>/ rather than
/treatments/<slug>/ (the plugin sets that URL). No validation, registry merge, safety
sections, JSON-LD, lint, output check, sitemap or production post-processing.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelican.readers import MarkdownReader  # noqa: E402
from publishconf import *  # noqa: E402,F403

PLUGINS = []
# pelicanconf imports the clinic package, and Pelican picks up every BaseReader subclass it
# has imported: name Pelican's own Markdown reader explicitly.
READERS = {"md": MarkdownReader, "markdown": MarkdownReader}
THEME = "simple"
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
TEMPLATE_PAGES = {}
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.footnotes": {"BACKLINK_TEXT": "\\u21a9", "SEPARATOR": "-"},
    },
    "output_format": "html5",
}
SLUGIFY_SOURCE = "basename"
'''

CLINIC_ONLY_SETTINGS = '''\
"""The production settings with only the clinic plugin (no production post-processing).

What the clinic plugin adds to Pelican's build is this build's time over baselineconf.py's.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publishconf import *  # noqa: E402,F403

PLUGINS = ["clinic"]
'''


def generate(n: int, dest: Path, seed: int = 0, today: dt.date | None = None) -> Path:
    """Write a site with ``n`` generated treatment pages into ``dest``; return ``dest``."""
    dest = Path(dest)
    today = today or dt.date.today()
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "data").mkdir(parents=True)
    for path in (ROOT / "content" / "data").glob("*.yaml"):
        shutil.copy2(path, dest / "content" / "data" / path.name)
    shutil.copytree(ROOT / "content" / "pages", dest / "content" / "pages")
    if (ROOT / "content" / "images").is_dir():  # the pictures pages and the brand use
        shutil.copytree(ROOT / "content" / "images", dest / "content" / "images")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "theme", dest / "theme", ignore=ignore)
    shutil.copytree(ROOT / "plugins", dest / "plugins", ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, dest / name)
    (dest / "baselineconf.py").write_text(BASELINE_SETTINGS, encoding="utf-8")
    (dest / "clinicconf.py").write_text(CLINIC_ONLY_SETTINGS, encoding="utf-8")

    sources = _sources()
    keys = sorted(sources)
    rng = random.Random(seed)
    out = dest / "content" / "treatments"
    out.mkdir()
    for i in range(n):
        key = keys[i % len(keys)]
        town = TOWNS[(i // len(keys)) % len(TOWNS)]
        street = rng.choice(STREETS)
        price = rng.randrange(*PRICES[key], 5)
        evidence = key == "derma-roller" and rng.random() < 0.3
        text = (
            _front_matter(rng, key, town, today, price)
            + "\n"
            + _body(rng, sources[key], town, street, price, evidence)
        )
        slug = f"{key}-{town.lower()}-{i:05d}"
        (out / f"{slug}.md").write_text(text, encoding="utf-8")
    return dest


def content_bytes(site: Path) -> int:
    """Bytes of Markdown under the site's content/ (what claims-lint reads)."""
    return sum(p.stat().st_size for p in (Path(site) / "content").rglob("*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, help="number of treatment pages (e.g. 1000)")
    parser.add_argument("dest", type=Path, help="directory to write the site into (replaced)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    site = generate(args.pages, args.dest, args.seed)
    pages = list((site / "content" / "treatments").glob("*.md"))
    words = [len(p.read_text(encoding="utf-8").split("---\n", 2)[2].split()) for p in pages]
    print(
        f"{site}: {len(pages)} treatment pages, {content_bytes(site):,} bytes of Markdown, "
        f"body words {min(words, default=0)}-{max(words, default=0)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
