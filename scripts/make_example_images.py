"""Make the example site's images: abstract compositions drawn from code, never photographs.

    python scripts/make_example_images.py            # writes content/images/{hero,treatments}/

Deterministic (fixed seeds, no clock), so running it again gives the same pictures. The files it
writes are committed as the example site's *source* images; the build makes the published
sizes and formats from them. Also used by the tests for synthetic before-and-after photos.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1600, 1067)  # 3:2, the shape every example image has

SAND = (239, 230, 216)
CREAM = (250, 246, 239)
PEACH = (236, 204, 182)
CLAY = (201, 139, 107)
SAGE = (155, 181, 166)
TEAL = (20, 82, 76)
MIST = (214, 230, 225)


def gradient(size: tuple[int, int], top: tuple, bottom: tuple, angle: float = 0.0) -> np.ndarray:
    """A linear gradient (float RGB, 0–255) across ``size``, turned by ``angle`` degrees."""
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    a = math.radians(angle)
    t = (x / w) * math.sin(a) + (y / h) * math.cos(a)
    t = (t - t.min()) / max(1e-6, t.max() - t.min())
    top_a, bottom_a = np.array(top, np.float32), np.array(bottom, np.float32)
    return top_a * (1 - t[..., None]) + bottom_a * t[..., None]


def glow(canvas: np.ndarray, centre: tuple, radius: float, colour: tuple, strength: float) -> None:
    """A soft round light: colour blended in with a Gaussian falloff."""
    h, w, _ = canvas.shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = (x - centre[0]) ** 2 + (y - centre[1]) ** 2
    mask = np.exp(-d2 / (2 * radius**2))[..., None] * strength
    canvas[:] = canvas * (1 - mask) + np.array(colour, np.float32) * mask


def grain(canvas: np.ndarray, seed: int, amount: float = 2.0) -> np.ndarray:
    noise = np.random.RandomState(seed).normal(0, amount, canvas.shape[:2])[..., None]
    return np.clip(canvas + noise, 0, 255)


def to_image(canvas: np.ndarray) -> Image.Image:
    return Image.fromarray(canvas.astype(np.uint8), "RGB")


def layer(size: tuple[int, int], draw_fn, blur: float = 0.0, scale: int = 2) -> Image.Image:
    """Shapes drawn at ``scale``× and reduced (smooth edges), as an RGBA layer."""
    big = Image.new("RGBA", (size[0] * scale, size[1] * scale), (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(big), scale)
    small = big.resize(size, Image.Resampling.LANCZOS)
    return small.filter(ImageFilter.GaussianBlur(blur)) if blur else small


def home() -> Image.Image:
    """Morning light in a calm room: an arch, soft shadows, a sage shape, a round stone."""
    w, h = SIZE
    canvas = gradient(SIZE, CREAM, SAND, angle=30)
    glow(canvas, (w * 0.78, h * 0.18), 420, (255, 244, 228), 0.85)
    glow(canvas, (w * 0.15, h * 0.95), 380, PEACH, 0.35)
    base = to_image(grain(canvas, 1, 1.2)).convert("RGBA")

    def arch(d: ImageDraw.ImageDraw, s: int) -> None:
        x0, x1, top, bottom = 0.50 * w * s, 0.86 * w * s, 0.12 * h * s, 1.02 * h * s
        r = (x1 - x0) / 2
        d.rectangle([x0, top + r, x1, bottom], fill=(*MIST, 255))
        d.pieslice([x0, top, x1, top + 2 * r], 180, 360, fill=(*MIST, 255))

    shadow = layer(SIZE, arch, blur=38)
    shadow_arr = np.array(shadow)
    shadow_arr[..., :3] = (120, 110, 98)
    shadow_arr[..., 3] = (shadow_arr[..., 3] * 0.28).astype(np.uint8)
    base.alpha_composite(Image.fromarray(shadow_arr), (-26, 34))
    base.alpha_composite(layer(SIZE, arch))

    def inner_light(d: ImageDraw.ImageDraw, s: int) -> None:
        x0, x1, top = 0.55 * w * s, 0.81 * w * s, 0.22 * h * s
        r = (x1 - x0) / 2
        d.rectangle([x0, top + r, x1, 1.02 * h * s], fill=(255, 252, 246, 170))
        d.pieslice([x0, top, x1, top + 2 * r], 180, 360, fill=(255, 252, 246, 170))

    base.alpha_composite(layer(SIZE, inner_light, blur=6))

    def leaf(d: ImageDraw.ImageDraw, s: int) -> None:
        cx, cy = 0.26 * w * s, 0.58 * h * s
        for i, (rx, ry, colour) in enumerate(
            [(300, 420, (*SAGE, 235)), (230, 330, (126, 158, 142, 235))]
        ):
            off = i * 70 * s
            d.ellipse([cx - rx * s + off, cy - ry * s, cx + rx * s + off, cy + ry * s], fill=colour)

    leaf_layer = layer(SIZE, leaf).rotate(-18, resample=Image.Resampling.BICUBIC, center=(420, 620))
    base.alpha_composite(leaf_layer)

    def stone(d: ImageDraw.ImageDraw, s: int) -> None:
        d.ellipse([0.34 * w * s, 0.80 * h * s, 0.56 * w * s, 0.98 * h * s], fill=(*CLAY, 255))
        d.ellipse(
            [0.37 * w * s, 0.815 * h * s, 0.47 * w * s, 0.88 * h * s], fill=(222, 172, 142, 200)
        )

    stone_shadow = layer(SIZE, stone, blur=24)
    arr = np.array(stone_shadow)
    arr[..., :3] = (90, 70, 60)
    arr[..., 3] = (arr[..., 3] * 0.35).astype(np.uint8)
    base.alpha_composite(Image.fromarray(arr), (30, 24))
    base.alpha_composite(layer(SIZE, stone))

    def line(d: ImageDraw.ImageDraw, s: int) -> None:
        d.line([(0, 0.985 * h * s), (w * s, 0.985 * h * s)], fill=(*TEAL, 90), width=3 * s)

    base.alpha_composite(layer(SIZE, line))
    return base.convert("RGB")


def droplets() -> Image.Image:
    """Facial mesotherapy: small translucent droplets on a pale, cool ground."""
    w, h = SIZE
    canvas = gradient(SIZE, (236, 243, 240), (215, 232, 227), angle=60)
    glow(canvas, (w * 0.3, h * 0.2), 500, (250, 252, 250), 0.8)
    base = to_image(grain(canvas, 2, 1.0)).convert("RGBA")
    rng = np.random.RandomState(7)
    drops = [
        (rng.uniform(0.05, 0.95) * w, rng.uniform(0.05, 0.95) * h, rng.uniform(14, 70))
        for _ in range(34)
    ]
    drops.sort(key=lambda d: d[2])

    def draw(d: ImageDraw.ImageDraw, s: int) -> None:
        for x, y, r in drops:
            d.ellipse(
                [(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=(120, 170, 160, 70)
            )
            d.ellipse(
                [(x - r * 0.8) * s, (y - r * 0.8) * s, (x + r * 0.9) * s, (y + r * 0.9) * s],
                fill=(255, 255, 255, 60),
            )
            d.ellipse(
                [(x - r * 0.5) * s, (y - r * 0.6) * s, (x - r * 0.1) * s, (y - r * 0.25) * s],
                fill=(255, 255, 255, 190),
            )

    shadow = layer(SIZE, draw, blur=10)
    arr = np.array(shadow)
    arr[..., :3] = (60, 100, 95)
    arr[..., 3] = (arr[..., 3] * 0.25).astype(np.uint8)
    base.alpha_composite(Image.fromarray(arr), (10, 16))
    base.alpha_composite(layer(SIZE, draw))
    return base.convert("RGB")


def contours() -> Image.Image:
    """Mesotherapy for the body: smooth contour lines, like a relief map, in warm sand."""
    w, h = SIZE
    canvas = gradient(SIZE, (246, 236, 224), (234, 214, 196), angle=20)
    glow(canvas, (w * 0.7, h * 0.3), 520, (252, 244, 234), 0.7)
    base = to_image(grain(canvas, 3, 1.0)).convert("RGBA")

    def draw(d: ImageDraw.ImageDraw, s: int) -> None:
        for k in range(26):
            pts = []
            for i in range(0, w + 41, 20):
                x = i
                y = (
                    h * (k / 22 - 0.1)
                    + 70 * math.sin(i / 260 + k * 0.12)
                    + 12 * math.sin(i / 120 + k * 0.25)
                )
                pts.append((x * s, y * s))
            shade = (*CLAY, 80 + (k % 4) * 30)
            for a, b in zip(pts, pts[1:], strict=False):  # segment by segment: no joins drawn
                d.line([a, b], fill=shade, width=3 * s)

    base.alpha_composite(layer(SIZE, draw))
    return base.convert("RGB")


def strands() -> Image.Image:
    """Mesotherapy for the scalp: fine, gently curving strands on a warm neutral ground."""
    w, h = SIZE
    canvas = gradient(SIZE, (244, 238, 230), (226, 216, 204), angle=0)
    glow(canvas, (w * 0.5, h * 0.05), 600, (252, 248, 242), 0.75)
    base = to_image(grain(canvas, 4, 1.0)).convert("RGBA")
    rng = np.random.RandomState(11)
    lines = [
        (rng.uniform(-0.1, 1.1) * w, rng.uniform(0.6, 1.4), rng.uniform(0, math.tau))
        for _ in range(60)
    ]

    def draw(d: ImageDraw.ImageDraw, s: int) -> None:
        for x0, bend, phase in lines:
            pts = []
            for j in range(0, 41):
                t = j / 40
                y = h * (1.05 - 1.1 * t)
                x = x0 + 90 * bend * math.sin(t * 2.2 + phase) + 220 * t * (bend - 1)
                pts.append((x * s, y * s))
            tone = (120, 88, 70, 70 + int(70 * (bend - 0.6)))
            d.line(pts, fill=tone, width=3 * s)

    base.alpha_composite(layer(SIZE, draw, blur=0.6))
    return base.convert("RGB")


def dots() -> Image.Image:
    """Microneedling: a field of fine points in perspective, and a soft rolling cylinder."""
    w, h = SIZE
    canvas = gradient(SIZE, (233, 240, 238), (205, 222, 217), angle=10)
    glow(canvas, (w * 0.25, h * 0.25), 480, (248, 251, 250), 0.8)
    base = to_image(grain(canvas, 5, 1.0)).convert("RGBA")

    def grid(d: ImageDraw.ImageDraw, s: int) -> None:
        for row in range(26):
            depth = row / 25
            y = h * (0.42 + 0.58 * depth**1.4)
            gap = 14 + 30 * depth
            r = 1.2 + 3.2 * depth
            x = (w / 2) % gap
            while x < w:
                d.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=(*TEAL, 120))
                x += gap

    base.alpha_composite(layer(SIZE, grid))

    def roller(d: ImageDraw.ImageDraw, s: int) -> None:
        x0, y0, x1, y1 = 0.50 * w, 0.14 * h, 0.80 * w, 0.36 * h
        d.line(
            [(0.65 * w * s, 0.25 * h * s), (0.93 * w * s, -0.05 * h * s)],
            fill=(*SAGE, 255),
            width=26 * s,
        )
        for band in range(12):  # a rounded cylinder, lit from above
            t = band / 11
            tone = tuple(
                int(c1 + (c2 - c1) * t) for c1, c2 in zip((236, 244, 241), SAGE, strict=True)
            )
            inset = band * 0.9
            d.rounded_rectangle(
                [x0 * s, (y0 + inset * 9) * s, x1 * s, y1 * s],
                radius=int(80 * s),
                fill=(*tone, 255),
            )
        for row in range(5):
            y = y0 + (y1 - y0) * (row + 1) / 6
            for col in range(18):
                x = x0 + 30 + (x1 - x0 - 60) * col / 17
                r = 3.2
                d.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=(*TEAL, 150))

    shadow = layer(SIZE, roller, blur=30)
    arr = np.array(shadow)
    arr[..., :3] = (40, 80, 75)
    arr[..., 3] = (arr[..., 3] * 0.3).astype(np.uint8)
    base.alpha_composite(Image.fromarray(arr), (0, 40))
    base.alpha_composite(layer(SIZE, roller))
    return base.convert("RGB")


def synthetic_skin(seed: int, evenness: float, size: tuple[int, int] = (600, 600)) -> Image.Image:
    """An abstract square of skin-like texture for test photos (no person, no face).

    ``evenness`` 0–1: how even the tone is; a test pair uses two values of it.
    """
    rng = np.random.RandomState(seed)
    w, h = size
    canvas = gradient(size, (226, 184, 160), (212, 168, 144), angle=35)
    for _ in range(int(40 * (1 - evenness)) + 4):
        glow(
            canvas,
            (rng.uniform(0, w), rng.uniform(0, h)),
            rng.uniform(12, 40),
            (190, 130, 112),
            0.35 * (1 - evenness) + 0.05,
        )
    return to_image(grain(canvas, seed, 3.0))


PICTURES = {
    "hero/home.jpg": home,
    "treatments/facial-mesotherapy.jpg": droplets,
    "treatments/mesotherapy-cellulite.jpg": contours,
    "treatments/mesotherapy-hair-loss.jpg": strands,
    "treatments/derma-roller.jpg": dots,
}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "content" / "images"
    for name, make in PICTURES.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        make().save(target, "JPEG", quality=80, optimize=True, progressive=True)
        print(
            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
            f"{target.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
