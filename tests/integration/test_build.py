"""Real Pelican builds of the example site, and of copies broken on purpose."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, run_pelican

pytestmark = pytest.mark.integration

TREATMENT_SLUGS = {"cellulite", "facial", "hair", "roller"}


def treatment_pages(build: Build) -> dict[str, Path]:
    pages = sorted((build.output / "treatments").glob("*/index.html"))
    return {p.parent.name: p for p in pages}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_production_build_writes_four_treatment_pages(production_build: Build) -> None:
    pages = treatment_pages(production_build)
    assert len(pages) == 4
    for word in TREATMENT_SLUGS:
        assert any(word in slug for slug in pages), f"no treatment slug contains {word!r}"


@pytest.mark.parametrize(
    "section, words",
    [
        (
            "contraindications",
            [
                "pregnan",
                "breastfeeding",
                "bleeding",
                "clotting",
                "anticoagulant",
                "blood-thinning",
                "cancer",
            ],
        ),
        ("side-effects", ["bruising", "swelling", "redness"]),
    ],
)
def test_every_treatment_page_names_the_required_safety_items(
    production_build: Build, section: str, words: list[str]
) -> None:
    for slug, path in treatment_pages(production_build).items():
        block = soup(path).find("section", id=section)
        assert block is not None, f"{slug}: no section id={section}"
        text = block.get_text(" ").lower()
        for word in words:
            assert word in text, f"{slug}: section {section} does not mention {word!r}"


def test_every_treatment_page_carries_medical_jsonld(production_build: Build) -> None:
    for slug, path in treatment_pages(production_build).items():
        blocks = [
            json.loads(s.string) for s in soup(path).find_all("script", type="application/ld+json")
        ]
        page = next(b for b in blocks if b.get("@type") == "MedicalWebPage")
        assert page["lastReviewed"] and page["reviewedBy"]["name"], slug
        about = page["about"]
        assert about["@type"] == "TherapeuticProcedure"
        names = " ".join(c["name"] for c in about["contraindication"]).lower()
        assert "pregnancy" in names and "cancer" in names
        outcomes = " ".join(o["name"] for o in about["adverseOutcome"]).lower()
        assert "bruising" in outcomes and "swelling" in outcomes


def test_registry_items_and_page_additions_are_merged(project: Path) -> None:
    page = project / "content/treatments/facial-mesotherapy.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("\nfacts:", "\ncontraindications:\n  - Recent sunburn on the face\nfacts:", 1),
        encoding="utf-8",
    )
    build = run_pelican(project, "publishconf.py")
    assert build.returncode == 0, build.log
    block = soup(build.output / "treatments/facial-mesotherapy/index.html").find(
        id="contraindications"
    )
    text = block.get_text(" ")
    assert "Recent sunburn on the face" in text
    assert "Pregnancy" in text and "Cancer" in text


def _break(project: Path, name: str, old: str, new: str) -> Path:
    page = project / "content" / name
    text = page.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return page


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def assert_gate_failed(build: Build) -> None:
    assert build.returncode != 0, build.log
    assert not build.html_files(), "a failed production build must write no HTML"
    assert "Traceback" not in build.log
    assert "Nothing was written" in build.log


def test_unknown_treatment_key_fails_the_production_build(project: Path) -> None:
    page = _break(
        project, "treatments/derma-roller.md", "treatment: derma-roller", "treatment: derma-rollr"
    )
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    line = _line_of(page, "treatment: derma-rollr")
    assert f"content/treatments/derma-roller.md:{line}:" in build.log
    assert "unknown treatment 'derma-rollr'" in build.log
    assert "did you mean 'derma-roller'" in build.log


def test_broken_yaml_fails_at_the_right_line(project: Path) -> None:
    page = _break(
        project,
        "treatments/facial-mesotherapy.md",
        "\nlast_reviewed:",
        "\nnote: results: vary\nlast_reviewed:",
    )
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    line = _line_of(page, "note: results: vary")
    assert f"content/treatments/facial-mesotherapy.md:{line}:" in build.log
    assert "broken YAML" in build.log


def test_every_problem_is_reported_before_failing_once(project: Path) -> None:
    _break(project, "treatments/derma-roller.md", "treatment: derma-roller", "treatment: nope")
    _break(
        project,
        "treatments/facial-mesotherapy.md",
        "\nlast_reviewed:",
        "\nnote: [unclosed\nlast_reviewed:",
    )
    _break(project, "treatments/mesotherapy-hair-loss.md", "\nsummary:", "\nsumary:")
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    for name in ("derma-roller.md", "facial-mesotherapy.md", "mesotherapy-hair-loss.md"):
        assert f"content/treatments/{name}:" in build.log
    assert "missing required field 'summary'" in build.log
    assert "did you mean 'summary'?" in build.log
    assert build.log.count("Production build stopped") == 1


def test_missing_required_front_matter_fails(project: Path) -> None:
    page = project / "content/treatments/mesotherapy-cellulite.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\nreviewed_by:[^\n]*", "", text, count=1), encoding="utf-8")
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    assert "missing required field 'reviewed_by'" in build.log
    assert "add 'reviewed_by: helen-ashby'" in build.log


@pytest.mark.parametrize(
    "sentence, block",
    [
        ("There are no side effects to worry about.", "side effects"),
        ("It is side-effect free.", "side effects"),
        ("Our treatment suits everyone.", "contraindications"),
    ],
)
def test_a_page_contradicting_its_safety_information_fails(
    project: Path, sentence: str, block: str
) -> None:
    page = project / "content/treatments/derma-roller.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert f"content/treatments/derma-roller.md:{line}:" in build.log
    assert f"contradicts the required {block} information" in build.log


def test_a_page_cannot_remove_a_registry_item(project: Path) -> None:
    _break(
        project,
        "treatments/derma-roller.md",
        "\nfacts:",
        "\ncontraindications:\n  - id: pregnancy\n    text: Not pregnancy\nfacts:",
    )
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    assert "'pregnancy' is already in contraindications from the registry" in build.log


def test_broken_registry_fails_with_its_line(project: Path) -> None:
    registry = project / "content/data/treatments.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace("  - id: cancer\n    text: Cancer\n", "  - id: cancer\n", 1), encoding="utf-8"
    )
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    assert "content/data/treatments.yaml:" in build.log
    assert "needs an 'id' and a 'text'" in build.log


def test_development_build_warns_and_still_builds(project: Path) -> None:
    _break(project, "treatments/derma-roller.md", "\nsummary:", "\nsumary:")
    build = run_pelican(project, "pelicanconf.py")
    assert build.returncode == 0, build.log
    assert "missing required field 'summary'" in build.log
    assert "a production build would stop" in build.log
    assert (build.output / "treatments/facial-mesotherapy/index.html").exists()


def test_verification_fails_when_the_template_drops_a_section(project: Path) -> None:
    template = project / "theme/templates/treatment.html"
    html = template.read_text(encoding="utf-8")
    html, count = re.subn(r'id="side-effects"', 'id="side-effects-hidden"', html)
    assert count
    template.write_text(html, encoding="utf-8")
    build = run_pelican(project, "publishconf.py")
    assert build.returncode != 0
    assert 'has no element id="side-effects"' in build.log
    assert "Traceback" not in build.log


def test_a_page_pelican_cannot_process_fails_the_build(project: Path) -> None:
    """Pelican drops such a page and exits 0 on its own; our gate must not."""
    (project / "content/pages/broken.md").write_bytes(b"---\ntitle: Caf\xe9\n---\nText\n")
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    assert "content/pages/broken.md:2: error: the file is not UTF-8 text" in build.log


def test_a_page_pelican_drops_on_its_own_fails_the_build(project: Path) -> None:
    """Pelican logs "Skipping …" for a page it cannot use and exits 0; the gate counts it."""
    (project / "content/pages/notes.rst").write_text("Just text, no title\n", encoding="utf-8")
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    assert "notes.rst" in build.log


def test_development_preview_shows_why_a_broken_page_cannot_be_built(project: Path) -> None:
    page = _break(
        project,
        "treatments/facial-mesotherapy.md",
        "\nlast_reviewed:",
        "\nnote: results: vary\nlast_reviewed:",
    )
    build = run_pelican(project, "pelicanconf.py")
    assert build.returncode == 0, build.log
    stand_in = soup(build.output / "treatments/facial-mesotherapy/index.html")
    banner = stand_in.find(id="build-findings").get_text(" ")
    line = _line_of(page, "note: results: vary")
    assert f"facial-mesotherapy.md:{line}:" in banner and "broken YAML" in banner


def test_an_unsupported_claim_fails_the_production_build(project: Path) -> None:
    page = project / "content/treatments/derma-roller.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nIt is completely **pain**less.\n", encoding="utf-8"
    )
    build = run_pelican(project, "publishconf.py")
    assert_gate_failed(build)
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert f"content/treatments/derma-roller.md:{line}:" in build.log
    assert "[pain-absolute]" in build.log and "instead:" in build.log


def test_a_claim_in_the_theme_is_caught_in_the_written_html(project: Path) -> None:
    template = project / "theme/templates/base.html"
    html = template.read_text(encoding="utf-8")
    template.write_text(
        html.replace("</footer>", "<p>Zero downtime, guaranteed.</p></footer>", 1), encoding="utf-8"
    )
    build = run_pelican(project, "publishconf.py")
    assert build.returncode != 0
    assert "output/index.html:" in build.log and "[downtime-absolute]" in build.log
    assert "Traceback" not in build.log


def test_a_claim_in_a_data_file_is_caught_on_every_page_at_its_place(project: Path) -> None:
    """The clinic's tagline (clinic.yaml) is on every page, in a block of the theme that the
    output lint tokenises once per build (claims_lint/blocks.py): every page still reports it,
    at the line and column the page linted whole gives, and production refuses the build."""
    from claims_lint import Config, Linter
    from claims_lint.text import clean_html
    from clinic.verify import _without_banner

    clinic = project / "content/data/clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    old = "tagline: Skin treatments, with the facts first"
    assert old in text
    clinic.write_text(text.replace(old, "tagline: Painless treatments, zero downtime"), "utf-8")
    production = run_pelican(project, "publishconf.py")
    assert production.returncode != 0, production.log
    for slug in (
        "derma-roller",
        "facial-mesotherapy",
        "mesotherapy-cellulite",
        "mesotherapy-hair-loss",
    ):
        assert re.search(
            rf"output/treatments/{slug}/index\.html:\d+:\d+: error: DOW001 \[downtime-absolute\]",
            production.log,
        ), production.log
    assert "Nothing was written" in production.log
    development = run_pelican(project, "pelicanconf.py")
    assert development.returncode == 0, development.log
    linter = Linter(Config(profile="uk", cache_dir=None))
    pages = [p for p in development.html_files() if "zero downtime" in p.read_text("utf-8")]
    assert len(pages) > 10
    for path in pages:
        html = _without_banner(path.read_text(encoding="utf-8"))
        linter.html_blocks.clean = lambda src: clean_html(src, folder=linter.folder)  # whole
        findings = linter.lint_source(html, "x.html", "html").findings
        shown = path.relative_to(project).as_posix()
        places = [
            f"{shown}:{f.line}:{f.column}: {f.severity}: {f.rule}"
            for f in findings
            if f.rule in ("DOW001", "PAI001")  # the tagline's (the page's own are known)
        ]
        assert places, shown
        for place in places:
            assert place in development.log, (place, development.log)


def test_a_claim_is_reported_once_at_its_source_not_again_from_the_output(project: Path) -> None:
    page = project / "content/treatments/derma-roller.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nIt is completely painless.\n", encoding="utf-8"
    )
    build = run_pelican(project, "pelicanconf.py")  # the banner quotes the finding and its rule
    assert build.returncode == 0, build.log
    assert "content/treatments/derma-roller.md:" in build.log
    assert "output/" not in build.log, "the banner's quotes were linted as claims"
