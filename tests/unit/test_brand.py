"""The clinic's brand (plugins/clinic/brand.py): contrast, the nearest passing shade, errors."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest
from clinic.brand import (
    FONTS,
    PAIRS,
    Palette,
    check_fonts,
    contrast,
    failures,
    load_brand,
    nearest_passing,
    parse_hex,
)

ROOT = Path(__file__).resolve().parents[2]


def test_contrast_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)


def test_the_default_and_example_brands_pass() -> None:
    assert failures({}) == []
    assert failures({"primary": "#14524c", "accent": "#9a4a2c", "background": "#f7f5f0"}) == []


@pytest.mark.parametrize(
    "given, owner",
    [
        ({"primary": "#7fc8c0"}, "primary"),  # a pale teal: links unreadable
        ({"primary": "#808080"}, "primary"),  # mid grey: neither white nor dark text on buttons
        ({"primary": "#14524c", "accent": "#e0a030"}, "accent"),
        ({"primary": "#14524c", "background": "#b0b0b0"}, "background"),
    ],
)
def test_nearest_passing_shade_passes_keeps_the_hue_and_is_nearest(
    given: dict[str, str], owner: str
) -> None:
    assert any(f.owner == owner for f in failures(given))
    fix = nearest_passing(given, owner)
    assert fix is not None
    assert not [f for f in failures({**given, owner: fix}) if f.owner == owner]
    h1, l1, _ = colorsys.rgb_to_hls(*parse_hex(given[owner]))
    h2, l2, _ = colorsys.rgb_to_hls(*parse_hex(fix))
    assert h1 == pytest.approx(h2, abs=0.02)
    # One step (0.002 of lightness, more than a hex rounding) closer to the original fails.
    closer = l2 + (0.002 if l1 > l2 else -0.002)
    h, _, s = colorsys.rgb_to_hls(*parse_hex(fix))
    nearer = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h, closer, s))
    assert [f for f in failures({**given, owner: nearer}) if f.owner == owner]


def write_clinic(tmp_path: Path, brand: str) -> Path:
    path = tmp_path / "clinic.yaml"
    path.write_text("name: Test clinic\n" + brand, encoding="utf-8")
    return path


def test_a_failing_colour_is_refused_at_its_line_with_the_colours_and_the_fix(
    tmp_path: Path,
) -> None:
    path = write_clinic(
        tmp_path,
        'brand:\n  colours:\n    primary: "#7fc8c0"\n    accent: "#9a4a2c"\n',
    )
    brand, problems = load_brand(path)
    (problem,) = problems
    fix = nearest_passing({"primary": "#7fc8c0", "accent": "#9a4a2c"}, "primary")
    assert problem.line == 4
    assert "#7fc8c0" in problem.message and "WCAG 2.2 AA" in problem.message
    assert re.search(r"\d\.\d\d:1", problem.message)
    assert f"use {fix} instead of #7fc8c0" in problem.hint
    assert brand.primary == "#14524c"  # a refused brand falls back to the default look


@pytest.mark.parametrize(
    "brand, line, words",
    [
        ("brand:\n  colours:\n    primary: #14524c\n", 4, "in quotes"),
        ('brand:\n  colours:\n    primary: "teal"\n', 4, "hex colour"),
        ('brand:\n  colors:\n    primary: "#14524c"\n', 3, "did you mean 'colours'"),
        ("brand:\n  heading_font: comic-sans\n", 3, "write one of: fraunces"),
        ("brand:\n  logo: logo.svg\n", 3, "needs a 'src'"),
    ],
)
def test_brand_mistakes_say_what_to_write(
    tmp_path: Path, brand: str, line: int, words: str
) -> None:
    _, problems = load_brand(write_clinic(tmp_path, brand))
    assert problems, brand
    assert problems[0].line == line
    assert words in problems[0].message + " " + problems[0].hint


def test_every_colour_the_checks_use_is_a_variable_of_the_theme() -> None:
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    root = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    defined = set(re.findall(r"--([a-z-]+):", root))
    palette = Palette("#14524c", "", "#f7f5f0")
    assert set(palette.colours) <= defined
    for fg, bg, _, _ in PAIRS:
        assert fg in palette.colours and bg in palette.colours


def test_the_theme_ships_every_heading_font() -> None:
    assert check_fonts(ROOT / "theme" / "static" / "fonts") == []
    for font in FONTS.values():
        name = font.file.split("-latin")[0]
        assert (ROOT / "theme" / "static" / "fonts" / f"OFL-{name}.txt").is_file()


def test_brand_css_sets_the_palette_and_the_font() -> None:
    brand, problems = load_brand(ROOT / "content" / "data" / "clinic.yaml")
    assert problems == []
    css = brand.css()
    assert "--brand:#14524c;" in css and "--accent:#9a4a2c;" in css
    assert "font-display:optional" in css and "fraunces-latin-600-normal.woff2" in css
