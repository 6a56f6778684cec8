"""Images, before-and-after photos and the brand in real production builds.

Each refusal is a real `pelican content -s publishconf.py` run on a copy of the example site,
broken on purpose: the build must fail at the source line, say what is wrong and what to write,
and write nothing.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from clinic.brand import nearest_passing
from clinic.images import RASTER_SUFFIXES, metadata_in
from PIL import Image

from tests.conftest import ROOT, Build, run_pelican
from tests.unit.test_images import photo_with_everything

sys.path.insert(0, str(ROOT / "scripts"))
from make_example_images import synthetic_skin  # noqa: E402

pytestmark = pytest.mark.integration

FIXTURES = ROOT / "tests" / "fixtures" / "photos"
PAGE = "content/treatments/facial-mesotherapy.md"


def append_body(project: Path, text: str, page: str = PAGE) -> int:
    """Add ``text`` to the end of a page; return the 1-based line it starts on."""
    path = project / page
    old = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(old + text + "\n", encoding="utf-8")
    return old.count("\n") + 1


def refused(build: Build) -> None:
    assert build.returncode == 1, build.log
    assert "Production build stopped" in build.log
    assert not build.output.exists() or not list(build.output.rglob("*.html")), "wrote output"


def published_images(build: Build) -> list[Path]:
    return [p for p in build.output.rglob("*") if p.suffix.lower() in RASTER_SUFFIXES]


# --- the three refusals the issue names ---------------------------------------------------------


def test_image_without_alt_text_fails_at_its_line(project: Path) -> None:
    line = append_body(project, "![](/images/hero/home.jpg)")
    raw = append_body(project, '<img src="/images/hero/home.jpg">')
    build = run_pelican(project)
    refused(build)
    for at in (f"{PAGE}:{line}:1:", f"{PAGE}:{raw}:1:"):
        message = next(m for m in build.log.splitlines() if at in m)
        assert "this image has no alt text" in message
        assert "describe what it shows" in message and "![" in message


def test_before_after_image_outside_the_photos_block_fails_at_its_line(project: Path) -> None:
    source = project / "content" / "images" / "results" / "jane-after.jpg"
    source.parent.mkdir(parents=True)
    synthetic_skin(1, 0.9).save(source)
    by_name = append_body(project, "![A close-up of skin](/images/results/jane-after.jpg)")
    by_alt = append_body(project, "![Skin before and after three sessions](/images/hero/home.jpg)")
    by_caption = append_body(
        project, '![A close-up of skin](/images/hero/home.jpg "Results after the course")'
    )
    build = run_pelican(project)
    refused(build)
    for line, said in ((by_name, "file name"), (by_alt, "alt text"), (by_caption, "caption")):
        message = next(m for m in build.log.splitlines() if f"{PAGE}:{line}:1:" in m)
        assert "[testimonial-before-after]" in message and f"its {said} says" in message
        assert "'photos' front matter" in message


def test_brand_colour_below_aa_fails_at_its_line_in_clinic_yaml(project: Path) -> None:
    clinic = project / "content" / "data" / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text.replace('primary: "#14524c"', 'primary: "#7fc8c0"'), encoding="utf-8")
    line = next(i for i, row in enumerate(clinic.read_text().splitlines(), 1) if "#7fc8c0" in row)
    build = run_pelican(project)
    refused(build)
    message = next(m for m in build.log.splitlines() if f"clinic.yaml:{line}:" in m)
    fix = nearest_passing(
        {"primary": "#7fc8c0", "accent": "#9a4a2c", "background": "#f7f5f0"}, "primary"
    )
    assert "brand colour 'primary' #7fc8c0" in message and "WCAG 2.2 AA" in message
    assert re.search(r"#[0-9a-f]{6} on #[0-9a-f]{6} has contrast \d\.\d\d:1", message)
    assert f"use {fix} instead of #7fc8c0" in message


# --- what is published ---------------------------------------------------------------------------


def test_no_published_image_carries_exif_gps_xmp_or_icc(project: Path) -> None:
    """A phone photo with GPS, camera, time, XMP naming a person and an ICC profile goes in;
    no published file carries any of it, and the original is not published at all."""
    source = photo_with_everything(project / "content" / "images" / "clinic-room.jpg")
    assert "a GPS position" in metadata_in(source.read_bytes())  # the test can fail
    append_body(project, "![The clinic's treatment room](/images/clinic-room.jpg)")
    build = run_pelican(project)
    assert build.returncode == 0, build.log
    images = published_images(build)
    assert any("clinic-room" in p.name for p in images)
    originals = {p.read_bytes() for p in (project / "content" / "images").rglob("*.jpg")}
    for path in images:
        data = path.read_bytes()
        assert metadata_in(data) == [], path
        assert data not in originals, f"{path} is a source file published as it is"
        with Image.open(path) as im:
            assert not im.getexif() and not im.info.get("icc_profile"), path


def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup((build.output / page).read_text(encoding="utf-8"), "html.parser")


def test_pictures_are_responsive_sized_lazy_and_the_hero_preloaded(production_build: Build) -> None:
    home = soup(production_build, "index.html")
    hero = home.select_one(".hero__media picture")
    assert [s["type"] for s in hero.find_all("source")] == ["image/avif", "image/webp"]
    img = hero.find("img")
    # The minifier drops loading="eager": it is the default.
    assert img.get("loading", "eager") == "eager" and img["fetchpriority"] == "high"
    assert int(img["width"]) > 0 and int(img["height"]) > 0 and img["alt"]
    preload = home.find("link", rel="preload", attrs={"as": "image"})
    avif = hero.find("source", type="image/avif")
    assert preload["imagesrcset"] == avif["srcset"] and preload["imagesizes"] == avif["sizes"]
    cards = home.select(".card__media img")
    assert len(cards) == 4 and all(c["loading"] == "lazy" for c in cards)
    for page in ("treatments/facial-mesotherapy/index.html", "treatments/derma-roller/index.html"):
        head = soup(production_build, page).select_one(".page-head__media img")
        assert head["fetchpriority"] == "high" and head["width"] and head["height"]
    for url in re.findall(r"(?:src|srcset)=\"?([^\" >]+\.(?:avif|webp|jpg))", str(home)):
        path = url.split("example", 1)[-1].lstrip("/")
        assert (production_build.output / path).is_file(), url


def test_rebuild_costs_nothing_and_is_byte_identical(project: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "image-cache")
    first = run_pelican(project, CLINIC_IMAGE_CACHE=cache)
    assert first.returncode == 0, first.log
    assert re.search(r"Images: 6 images .* 0 from the cache, 6 encoded", first.log), first.log
    snapshot = {p: p.read_bytes() for p in published_images(first)}
    second = run_pelican(project, CLINIC_IMAGE_CACHE=cache)
    assert re.search(r"6 from the cache, 0 encoded", second.log), second.log
    cold = run_pelican(project, CLINIC_IMAGE_CACHE=str(tmp_path / "another-cache"))
    assert re.search(r"0 from the cache, 6 encoded", cold.log), cold.log
    for build in (second, cold):
        assert {p: p.read_bytes() for p in published_images(build)} == snapshot


# --- before-and-after photos ---------------------------------------------------------------


def add_pair_fixture(project: Path, page: str) -> Path:
    results = project / "content" / "images" / "results"
    results.mkdir(parents=True, exist_ok=True)
    synthetic_skin(3, 0.1).save(results / "patient-0412-before.jpg", quality=85)
    synthetic_skin(3, 0.8).save(results / "patient-0412-after.jpg", quality=85)
    target = project / "content" / "treatments" / page
    shutil.copy(FIXTURES / page, target)
    return target


def test_a_before_and_after_pair_renders_with_its_conditions(project: Path) -> None:
    add_pair_fixture(project, "facial-results.md")
    build = run_pelican(project)
    assert build.returncode == 0, build.log
    page = soup(build, "treatments/facial-results/index.html")
    figure = page.select_one("#results-photos figure.pair")
    assert len(figure.find_all("picture")) == 2
    caption = " ".join(figure.find("figcaption").get_text(" ").split())
    for words in (
        "Results vary.",
        "Facial mesotherapy, 4 sessions",
        "6 weeks after the last session",
        "Tom Okafor, Nurse Prescriber",
        "Unedited, published with the patient's consent",
        "same light",
    ):
        assert words in caption, words
    labels = [p.get_text() for p in figure.select(".pair__label")]
    assert labels == ["Before the first session", "6 weeks after the last session"]
    names = [img["src"].rsplit("/", 1)[-1] for img in figure.find_all("img")]
    assert all("patient-0412" not in n for n in names), "the source file names are published"
    assert page.select_one('.toc a[href="#results-photos"]') is not None


def test_a_pair_for_another_treatment_is_refused(project: Path) -> None:
    page = add_pair_fixture(project, "wrong-treatment.md")
    line = next(
        i
        for i, row in enumerate(page.read_text().splitlines(), 1)
        if row.strip() == "treatment: mesotherapy-cellulite"
    )
    build = run_pelican(project)
    refused(build)
    message = next(m for m in build.log.splitlines() if f"wrong-treatment.md:{line}:" in m)
    assert "[testimonial-before-after]" in message
    assert "'mesotherapy-cellulite', but this page is about 'mesotherapy-facial'" in message


def test_a_pair_without_its_conditions_is_refused_field_by_field(project: Path) -> None:
    page = add_pair_fixture(project, "facial-results.md")
    text = page.read_text(encoding="utf-8")
    for old, new in (
        ("unedited: true", "unedited: false"),
        ("consent: true", "consent: false"),
        ("practitioner: tom-okafor", "practitioner: tom"),
        ("time_since_last_session: 6 weeks", "time_since_last_session: recently"),
        ("    sessions: 4\n", ""),
    ):
        text = text.replace(old, new)
    page.write_text(text, encoding="utf-8")
    build = run_pelican(project)
    refused(build)
    log = build.log
    assert "only unedited photos may be published" in log
    assert "has not consented" in log
    assert "'tom' is not in the team" in log and "tom-okafor" in log
    assert "“recently”" in log and "'6 weeks'" in log
    assert "missing required field 'sessions' under photos item 1" in log


def test_photos_on_a_page_that_is_not_a_treatment_page_are_refused(project: Path) -> None:
    page = project / "content" / "pages" / "team.md"
    text = page.read_text(encoding="utf-8")
    block = (FIXTURES / "facial-results.md").read_text(encoding="utf-8")
    photos = block[block.index("photos:") : block.index("---", block.index("photos:"))]
    first, rest = text.split("---\n", 2)[1:]
    page.write_text("---\n" + first + photos + "---\n" + rest, encoding="utf-8")
    build = run_pelican(project)
    refused(build)
    assert "before-and-after photos on a page that is not about one treatment" in build.log
