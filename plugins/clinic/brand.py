"""The clinic's own look, from ``brand:`` in content/data/clinic.yaml, checked for contrast.

A clinic gives two or three colours (``primary``, and optionally ``accent`` and
``background``), optionally a heading font from the theme's self-hosted set and a logo. The
theme's whole palette is derived from them (a darker shade for headings, a tint for boxes, the
text colour on buttons), and every text/background pair the theme's style sheet uses is checked
against WCAG 2.2 AA (4.5:1 for text, 3:1 for focus outlines). A brand that fails is refused at
its line in clinic.yaml, naming both colours, the ratio, and the nearest shade of the same hue
that passes everywhere that colour is used. Nothing here knows about Pelican.
"""

from __future__ import annotations

import colorsys
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data import DataError, _Reader
from .problems import Problem

DEFAULTS = {"primary": "#14524c", "accent": "", "background": "#f7f5f0"}
BRAND_KEYS = ("logo", "colours", "heading_font")
COLOUR_KEYS = ("primary", "accent", "background")
LOGO_KEYS = ("src", "alt")
TEXT_AA = 4.5
NON_TEXT_AA = 3.0

SERIF = '"Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, serif'
SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LATIN = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
    "U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"
)


@dataclass(frozen=True)
class Font:
    family: str
    file: str  # in theme/static/fonts/
    fallback: str


# The theme's self-hosted heading fonts (SIL Open Font License; theme/static/fonts/), Latin
# subset, weight 600 only: one small file, loaded only by sites that choose it.
FONTS = {
    "fraunces": Font("Fraunces", "fraunces-latin-600-normal.woff2", SERIF),
    "source-serif-4": Font("Source Serif 4", "source-serif-4-latin-600-normal.woff2", SERIF),
    "figtree": Font("Figtree", "figtree-latin-600-normal.woff2", SANS),
}

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
RGB = tuple[float, float, float]


def parse_hex(value: str) -> RGB:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """WCAG 2.2 relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_hex(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    ca, cb = parse_hex(a), parse_hex(b)
    return to_hex(tuple(x + (y - x) * amount for x, y in zip(ca, cb, strict=True)))  # type: ignore[arg-type]


def with_lightness(hex_colour: str, lightness: float) -> str:
    h, _, s = colorsys.rgb_to_hls(*parse_hex(hex_colour))
    return to_hex(colorsys.hls_to_rgb(h, lightness, s))


def tint(hex_colour: str, lightness: float, max_saturation: float) -> str:
    """A light tint of the same hue (for boxes and lines), not a greyed mix with white."""
    h, _, s = colorsys.rgb_to_hls(*parse_hex(hex_colour))
    return to_hex(colorsys.hls_to_rgb(h, lightness, min(s, max_saturation)))


@dataclass
class Palette:
    """Every colour the theme's style sheet uses, derived from the clinic's two or three."""

    primary: str
    accent: str
    background: str
    colours: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        primary, bg = self.primary.lower(), self.background.lower()
        ink, white = "#1c2826", "#ffffff"
        dark = mix(primary, "#000000", 0.3)
        on_brand = white if contrast(white, primary) >= contrast(ink, primary) else ink
        self.colours = {
            "bg": bg,
            "surface": white,
            "ink": ink,
            "ink-soft": "#34443f",
            "muted": "#4b5956",
            "line": "#d8d2c5",
            "brand": primary,
            "brand-dark": dark,
            "brand-soft": tint(primary, 0.92, 0.3),
            "brand-line": tint(primary, 0.78, 0.22),
            "on-brand": on_brand,
            "on-dark": white,
            "on-dark-muted": mix(white, dark, 0.1),
            "accent": (self.accent or primary).lower(),
            "focus": "#0b57d0",
        }

    def css(self) -> str:
        return "".join(f"--{name}:{value};" for name, value in self.colours.items())


# Every text/background pair the theme's style sheet (theme/static/css/site.css) uses with a
# colour that depends on the brand: (text, background, where, minimum ratio).
PAIRS: tuple[tuple[str, str, str, float], ...] = (
    ("ink", "bg", "body text on the page background", TEXT_AA),
    ("ink", "brand-soft", "text in tinted boxes (the facts box, the home page's hero)", TEXT_AA),
    ("ink-soft", "brand-soft", "the home page's lead paragraph", TEXT_AA),
    ("muted", "bg", "secondary text (breadcrumbs, dates) on the page background", TEXT_AA),
    ("muted", "brand-soft", "notes in the facts box", TEXT_AA),
    ("brand", "bg", "links on the page background", TEXT_AA),
    ("brand", "surface", "links in cards and panels", TEXT_AA),
    ("brand", "brand-soft", "links in tinted boxes", TEXT_AA),
    ("brand-dark", "bg", "headings on the page background", TEXT_AA),
    ("brand-dark", "brand-soft", "headings and the current menu item in tinted boxes", TEXT_AA),
    ("on-brand", "brand", "button text", TEXT_AA),
    ("on-brand", "brand-dark", "button text under the pointer", TEXT_AA),
    ("on-dark", "brand-dark", "the footer and the consultation box", TEXT_AA),
    ("on-dark-muted", "brand-dark", "footer text", TEXT_AA),
    ("brand-dark", "on-dark", "the buttons in the consultation box", TEXT_AA),
    ("accent", "bg", "the small heading above the home page's title", TEXT_AA),
    ("accent", "brand-soft", "the small heading in the home page's hero", TEXT_AA),
    ("focus", "bg", "the focus outline on the page background", NON_TEXT_AA),
    ("focus", "brand-soft", "the focus outline in tinted boxes", NON_TEXT_AA),
)

# Which of the clinic's colours each theme colour comes from.
_DEPENDS = {
    "bg": "background",
    "brand": "primary",
    "brand-dark": "primary",
    "brand-soft": "primary",
    "on-brand": "primary",
    "on-dark-muted": "primary",
}


def _owner(fg: str, bg: str, given: dict[str, str]) -> str:
    """The clinic colour to change when the pair ``fg``/``bg`` fails."""
    if "accent" in (fg, bg):
        return "accent" if given.get("accent") else "primary"
    for name in (fg, bg):
        if _DEPENDS.get(name) == "primary":
            return "primary"
    return "background"


@dataclass
class Failure:
    owner: str  # primary, accent or background
    fg: str
    bg: str
    where: str
    ratio: float
    minimum: float
    fg_hex: str
    bg_hex: str


def failures(given: dict[str, str]) -> list[Failure]:
    """Every pair below its minimum for the clinic's colours ``given`` (primary, accent, bg)."""
    palette = _palette(given)
    out = []
    for fg, bg, where, minimum in PAIRS:
        a, b = palette.colours[fg], palette.colours[bg]
        ratio = contrast(a, b)
        if ratio < minimum:
            out.append(Failure(_owner(fg, bg, given), fg, bg, where, ratio, minimum, a, b))
    return out


def _palette(given: dict[str, str]) -> Palette:
    return Palette(
        given.get("primary") or DEFAULTS["primary"],
        given.get("accent") or "",
        given.get("background") or DEFAULTS["background"],
    )


def nearest_passing(given: dict[str, str], owner: str) -> str | None:
    """The shade of ``given[owner]`` closest in lightness (same hue and saturation) with which
    every pair that colour takes part in passes; None when no lightness works."""
    original = given.get(owner) or (DEFAULTS[owner] if owner != "accent" else given["primary"])
    h, start, s = colorsys.rgb_to_hls(*parse_hex(original))
    for step in range(1, 1001):
        for lightness in (start - step / 1000, start + step / 1000):
            if not 0.0 <= lightness <= 1.0:
                continue
            candidate = with_lightness(original, lightness)
            trial = {**given, owner: candidate}
            if not any(f.owner == owner for f in failures(trial)):
                return candidate
    return None


@dataclass
class Brand:
    """What the theme gets: the palette, the heading font and the logo (planned by the build)."""

    palette: Palette
    font: Font | None = None
    logo_src: str = ""
    logo_alt: str = ""
    logo_line: int = 0

    @property
    def primary(self) -> str:
        return self.palette.colours["brand"]

    def css(self, fonts_url: str = "../fonts") -> str:
        """The ``:root`` block and the heading font's ``@font-face``, for the style sheet."""
        root = self.palette.css()
        face = ""
        if self.font:
            root += f"--heading-font:'{self.font.family}',{self.font.fallback};"
            face = (
                f"@font-face{{font-family:'{self.font.family}';font-style:normal;"
                f"font-weight:600;font-display:optional;"
                f"src:url({fonts_url}/{self.font.file}) format('woff2');"
                f"unicode-range:{LATIN}}}\n"
            )
        return f"/* brand: content/data/clinic.yaml */\n{face}:root{{{root}}}\n"


def load_brand(path: Path) -> tuple[Brand, list[Problem]]:
    """Read ``brand:`` from clinic.yaml; a brand with problems falls back to the default look."""
    try:
        r = _Reader(path)
    except DataError as exc:
        return Brand(_palette({})), exc.problems  # load_clinic reports the same problem
    data = r.data.get("brand") if isinstance(r.data, dict) else None
    node = r.child(r.node, "brand")
    if data is None:
        return Brand(_palette({})), []
    if not isinstance(data, dict):
        r.problem(node, "'brand' must be a group of fields", "see docs/guide-clinics.md")
        return Brand(_palette({})), r.problems
    _unknown(r, node, data, BRAND_KEYS, "brand")
    given = _colours(r, r.child(node, "colours"), data.get("colours"))
    brand = Brand(_palette(given))
    font = data.get("heading_font")
    if font is not None:
        if font in FONTS:
            brand.font = FONTS[font]
        else:
            r.problem(
                r.child(node, "heading_font"),
                f"'{font}' is not one of the theme's heading fonts",
                "write one of: " + ", ".join(FONTS) + " (or leave it out for the system serif)",
            )
    logo = data.get("logo")
    if logo is not None:
        logo_node = r.child(node, "logo")
        if isinstance(logo, dict) and isinstance(logo.get("src"), str):
            _unknown(r, logo_node, logo, LOGO_KEYS, "brand.logo")
            brand.logo_src, brand.logo_alt = logo["src"], str(logo.get("alt") or "")
            brand.logo_line = logo_node.start_mark.line + 1 if logo_node else 0
        else:
            r.problem(logo_node, "the logo needs a 'src'", "write 'src: /images/brand/logo.svg'")
    by_owner: dict[str, list[Failure]] = {}
    for failure in failures(given):
        by_owner.setdefault(failure.owner, []).append(failure)
    for found in by_owner.values():
        _report(r, node, given, found)
    return (brand if not r.problems else Brand(_palette({}), brand.font)), r.problems


def _unknown(r: _Reader, node: Any, data: dict[str, Any], keys: tuple[str, ...], where: str):
    for key in data:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
            r.problem(
                _key_node(node, str(key)) or node,
                f"unknown field '{key}' under {where}",
                f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(keys),
            )


def _key_node(node: Any, key: str) -> Any:
    """The node of a mapping's key (its line is the key's, where the value may start later)."""
    for k, _ in node.value if isinstance(node, yaml.MappingNode) else []:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k
    return None


def _colours(r: _Reader, node: Any, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.problem(node, "'colours' must list primary, accent and background", 'primary: "#14524c"')
        return {}
    _unknown(r, node, value, COLOUR_KEYS, "brand.colours")
    given: dict[str, str] = {}
    for key in COLOUR_KEYS:
        if key not in value:
            continue
        colour = value[key]
        if not isinstance(colour, str) or not _HEX.match(colour.strip()):
            shown = "nothing" if colour is None else f"“{colour}”"
            r.problem(
                r.child(node, key),
                f"brand colour '{key}' is {shown}, not a colour",
                f"write it as a hex colour in quotes (a bare # starts a YAML comment): "
                f'{key}: "{DEFAULTS[key] or "#8a4b2f"}"',
            )
            continue
        given[key] = colour.strip().lower()
    if "primary" not in given and given and not r.problems:
        r.problem(node, "the brand colours have no 'primary'", 'add primary: "#14524c"')
    return given


def _report(r: _Reader, node: Any, given: dict[str, str], found: list[Failure]) -> None:
    """One problem per clinic colour: its worst pair, how many fail, and the nearest fix."""
    f = min(found, key=lambda x: x.ratio / x.minimum)
    fix = nearest_passing(given, f.owner)
    source = r.child(r.child(node, "colours"), f.owner) or r.child(node, "colours") or node
    kind = "for text" if f.minimum == TEXT_AA else "for a focus outline"
    original = given.get(f.owner) or DEFAULTS.get(f.owner) or given.get("primary", "")
    more = f"; {len(found) - 1} more pair(s) with this colour fail too" if len(found) > 1 else ""
    hint = (
        f"use {fix} instead of {original}: the nearest shade of the same hue that passes "
        f"everywhere the theme uses it (or choose another colour)"
        if fix
        else "no shade of this hue passes; choose a darker or lighter colour"
    )
    r.problem(
        source,
        f"brand colour '{f.owner}' {original}: {f.fg_hex} on {f.bg_hex} has contrast "
        f"{f.ratio:.2f}:1, below the {f.minimum:g}:1 WCAG 2.2 AA needs {kind} "
        f"({f.where}){more}",
        hint,
    )


def check_fonts(theme_fonts: Path) -> list[str]:
    """Font files the set names but the theme does not ship (a packaging mistake)."""
    return [f.file for f in FONTS.values() if not (theme_fonts / f.file).is_file()]
