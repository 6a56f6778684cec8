"""Images in pages (plugins/clinic/page_images.py): found at their line, checked, rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from clinic.images import ImageProblem, ImageSettings
from clinic.page_images import (
    ImagePlanner,
    ImageUse,
    alt_problem,
    check_use,
    find_images,
    name_says_before_after,
    rewrite_html,
    says_before_after,
)
from PIL import Image

BODY = """Intro line.

![The treatment room](/images/room.jpg "Our room, in the morning")

Some `![not an image](x.jpg)` code, and ![](/images/no-alt.jpg) inline.

```
![in a fence](fenced.jpg)
```

![Reference image][room]
<img src="/images/raw.jpg" alt="">

[room]: /images/room2.jpg "Second room"
"""


def test_find_images_reports_every_image_at_its_line_and_column() -> None:
    found = find_images(BODY, 10)
    got = [(i.line, i.column, i.src, i.alt, i.caption, i.raw) for i in found]
    assert got == [
        (12, 1, "/images/room.jpg", "The treatment room", "Our room, in the morning", False),
        (14, 41, "/images/no-alt.jpg", "", "", False),
        (20, 1, "/images/room2.jpg", "Reference image", "Second room", False),
        (21, 1, "/images/raw.jpg", "", "", True),
    ]


def test_a_raw_img_without_alt_has_no_alt_at_all() -> None:
    (image,) = find_images('<figure><img src="a.jpg"><figcaption>Week 6</figcaption></figure>', 1)
    assert image.alt is None and image.caption == "Week 6"


@pytest.mark.parametrize(
    "text",
    [
        "Before and after three sessions",
        "Skin after 4 sessions of mesotherapy",
        "Before treatment",
        "Results after the course",
        "Post-treatment photo",
        "Face, 6 weeks after the last session, compared with before",
    ],
)
def test_alt_or_caption_that_shows_a_result(text: str) -> None:
    assert says_before_after(text)


@pytest.mark.parametrize(
    "text",
    ["The treatment room", "A calm waiting area after renovation", "Dr Ashby at her desk", ""],
)
def test_alt_or_caption_that_does_not(text: str) -> None:
    assert says_before_after(text) is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("/images/face_after-3.jpg", True),
        ("images/before.png", True),
        ("beforeAfter.jpg", True),
        ("jane-before-and-after.webp", True),
        ("pre-op-2.jpg", True),
        ("treatment-room.jpg", False),
        ("aftercare-leaflet.jpg", False),
        ("afternoon-light.jpg", False),
    ],
)
def test_file_names_that_say_before_or_after(name: str, expected: bool) -> None:
    assert bool(name_says_before_after(name)) is expected


@pytest.mark.parametrize("alt", [None, "", "  ", "image", "Photo 3", "IMG_2041.jpg", "DSC_0001"])
def test_alt_text_that_says_nothing(alt: str | None) -> None:
    problem = alt_problem(alt)
    assert problem is not None and "![" in problem[1]


def test_alt_text_that_describes_the_picture() -> None:
    assert alt_problem("Our treatment room, with a couch and a window") is None


def test_before_after_image_outside_photos_is_testimonial_before_after() -> None:
    use = ImageUse("p.md", 7, 3, "/images/results.jpg", "Skin before and after 3 sessions")
    (problem,) = check_use(use)
    assert problem.code == "testimonial-before-after" and problem.line == 7
    assert "[testimonial-before-after]" in problem.message and "'photos'" in problem.hint
    assert check_use(ImageUse("p.md", 7, 3, "/images/x-before.jpg", "Skin", structured=True)) == []


@pytest.fixture
def planner(tmp_path: Path) -> ImagePlanner:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    Image.new("RGB", (900, 600), "white").save(content / "images" / "room.jpg")
    return ImagePlanner(content.resolve(), ImageSettings(), {"content": "100vw"})


def test_paths_resolve_from_the_content_folder_or_the_page(planner: ImagePlanner) -> None:
    page_dir = planner.content / "treatments"
    expected = planner.content / "images" / "room.jpg"
    for src in (
        "/images/room.jpg",
        "images/room.jpg",
        "{static}/images/room.jpg",
        "../images/room.jpg",
    ):
        assert planner.resolve(src, page_dir) == expected


@pytest.mark.parametrize(
    "src, words",
    [
        ("https://cdn.example/x.jpg", "other websites"),
        ("data:image/png;base64,AAAA", "not an image file"),
        ("/images/rom.jpg", "did you mean /images/room.jpg"),
        ("../../../etc/passwd", "outside the content folder"),
    ],
)
def test_unusable_references_say_what_to_do(planner: ImagePlanner, src: str, words: str) -> None:
    with pytest.raises(ImageProblem) as info:
        planner.resolve(src, planner.content / "pages")
    assert words in info.value.message + " " + info.value.hint


def test_markdown_images_become_pictures_and_captioned_figures(planner: ImagePlanner) -> None:
    picture = planner.picture(planner.content / "images" / "room.jpg", "The room", "content")
    html = (
        '<p><img alt="The room" src="/images/room.jpg" title="Morning" /></p>\n'
        '<p>a <img src="/images/room.jpg" alt="x"> b</p>'
    )
    out = rewrite_html(html, {"/images/room.jpg": [(picture, "Morning"), (picture, "")]})
    assert out.startswith('<figure class="figure"><picture>')
    assert "<figcaption>Morning</figcaption></figure>" in out
    assert out.count("<picture>") == 2 and "<p>a <picture>" in out
    assert 'src="/images/room.jpg"' not in out


def test_a_damaged_file_is_reported_while_reading(planner: ImagePlanner) -> None:
    whole = (planner.content / "images" / "room.jpg").read_bytes()
    (planner.content / "images" / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImageProblem, match="cannot be read to the end"):
        planner.picture(planner.content / "images" / "cut.jpg", "A room", "content")
