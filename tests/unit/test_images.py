"""The image pipeline (plugins/clinic/images.py): variants, metadata, determinism, cache."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from clinic.images import (
    ImageCache,
    ImageProblem,
    ImageSettings,
    Job,
    Picture,
    clean_svg,
    inspect,
    metadata_in,
    publish,
    render,
)
from PIL import Image, ImageCms

GPS_IFD = 0x8825
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:RDF><rdf:Description>Jane Patient, Bath clinic</rdf:Description></rdf:RDF>"
    b'</x:xmpmeta><?xpacket end="w"?>'
)


def photo_with_everything(path: Path, size: tuple[int, int] = (1000, 750), **extra) -> Path:
    """A JPEG as a phone writes it: EXIF with a GPS position, time and camera, XMP naming a
    person, an embedded ICC profile, a comment, and the given EXIF orientation."""
    im = Image.new("RGB", size, (200, 150, 120))
    for x in range(0, size[0], 50):
        im.paste((90, 60, 50), (x, 0, x + 10, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    exif[0x0132] = "2026:09:01 10:42:00"
    exif[0x0112] = extra.get("orientation", 1)
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 22.0, 51.6), 3: "W", 4: (2.0, 21.0, 35.4)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    im.save(path, "JPEG", exif=exif, xmp=XMP, icc_profile=icc, comment=b"Jane Patient")
    return path


def test_the_synthetic_photo_really_carries_gps_and_xmp(tmp_path: Path) -> None:
    data = photo_with_everything(tmp_path / "p.jpg").read_bytes()
    found = metadata_in(data)
    assert {"EXIF", "a GPS position", "XMP", "an ICC profile"} <= set(found), found


def test_every_variant_is_free_of_metadata(tmp_path: Path) -> None:
    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    files = render(job)
    assert {v.format for v in job.variants()} == {"avif", "webp", "jpeg"}
    for path, data in files.items():
        assert metadata_in(data) == [], path
        assert b"Jane Patient" not in data and b"PhoneMaker" not in data, path
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif(), path
            assert not im.info.get("icc_profile"), path


def test_widths_stop_at_the_source_and_sizes_match(tmp_path: Path) -> None:
    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    assert job.widths() == [480, 800, 1000]
    for variant in job.variants():
        assert variant.height == round(variant.width * 750 / 1000)
        assert re.fullmatch(r"images/p-\d+\.[0-9a-f]{12}\.(avif|webp|jpg)", variant.path)
    for path, data in render(job).items():
        with Image.open(io.BytesIO(data)) as im:
            variant = next(v for v in job.variants() if v.path == path)
            assert im.size == (variant.width, variant.height)


def test_exif_orientation_is_applied_then_dropped(tmp_path: Path) -> None:
    source = inspect(photo_with_everything(tmp_path / "p.jpg", (1000, 750), orientation=6))
    assert (source.width, source.height) == (750, 1000)
    job = Job(source, ImageSettings(formats=()), "images/p")
    for data in render(job).values():
        with Image.open(io.BytesIO(data)) as im:
            assert im.height > im.width


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    assert render(job) == render(job)


def test_transparency_keeps_a_png_fallback(tmp_path: Path) -> None:
    Image.new("RGBA", (600, 300), (20, 80, 70, 128)).save(tmp_path / "logo.png")
    job = Job(inspect(tmp_path / "logo.png"), ImageSettings(), "images/logo")
    assert job.fallback == "png"
    assert all(v.path.endswith((".png", ".avif", ".webp")) for v in job.variants())


def test_cache_makes_a_rebuild_encode_nothing(tmp_path: Path) -> None:
    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    cache = ImageCache(tmp_path / "cache")
    first = publish([job], tmp_path / "out1", cache)
    second = publish([job], tmp_path / "out2", cache)
    assert (first.rendered, first.cached) == (1, 0)
    assert (second.rendered, second.cached) == (0, 1)
    for variant in job.variants():
        one = (tmp_path / "out1" / variant.path).read_bytes()
        assert one == (tmp_path / "out2" / variant.path).read_bytes()


def test_the_cache_key_follows_source_and_settings(tmp_path: Path) -> None:
    path = photo_with_everything(tmp_path / "p.jpg")
    a = Job(inspect(path), ImageSettings(), "images/p")
    b = Job(inspect(path), ImageSettings(widths=(400, 1000)), "images/p")
    assert a.key != b.key
    Image.open(path).save(path, "JPEG", quality=50)
    assert Job(inspect(path), ImageSettings(), "images/p").key != a.key


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("notes.txt", b"hello", "not an image format"),
        ("broken.jpg", b"\xff\xd8 not really", "not a readable image"),
        ("empty.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "has no size"),
    ],
)
def test_unusable_sources_say_why(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ImageProblem, match=words) as info:
        inspect(tmp_path / name)
    assert info.value.message


def test_svg_loses_metadata_scripts_and_editor_markup() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/'
        b'namespaces/inkscape" viewBox="0 0 10 10" onload="alert(1)" inkscape:version="1">'
        b"<metadata>Author: Jane</metadata><script>alert(1)</script><!-- C:/Users/jane -->"
        b'<inkscape:grid/><rect width="10" height="10"/></svg>'
    )
    cleaned = clean_svg(svg)
    for gone in (b"Jane", b"script", b"onload", b"inkscape", b"Users"):
        assert gone not in cleaned
    assert b"<rect" in cleaned


def test_picture_markup_is_responsive_sized_and_lazy_unless_hero(tmp_path: Path) -> None:
    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    picture = Picture(job, "A room", "(min-width: 60rem) 30rem, 100vw", "https://x.example")
    html = str(picture.html())
    assert html.startswith('<picture><source type="image/avif"')
    assert 'type="image/webp"' in html
    assert 'width="1000" height="750"' in html and 'alt="A room"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html
    assert "https://x.example/images/p-480." in html and " 480w" in html
    hero = str(picture.html(loading="hero"))
    assert 'loading="eager" fetchpriority="high"' in hero
    preload = str(picture.preload())
    avif = re.search(r'<source type="image/avif" srcset="([^"]+)" sizes="([^"]+)"', hero)
    assert avif is not None
    assert f'imagesrcset="{avif.group(1)}"' in preload
    assert f'imagesizes="{avif.group(2)}"' in preload
    assert picture.og_image().endswith(".jpg")


def test_render_runs_in_a_process_pool(tmp_path: Path) -> None:
    """One picklable job per image, one pure function: what a parallel build needs."""
    from concurrent.futures import ProcessPoolExecutor

    job = Job(inspect(photo_with_everything(tmp_path / "p.jpg")), ImageSettings(), "images/p")
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(render, job).result() == render(job)
