"""The image pipeline: one source image in, responsive, metadata-free variants out.

Nothing here knows about Pelican. The build plans every image while it reads the pages (cheap:
the size comes from the file's header) and renders them once the gate has passed:

- :func:`inspect` reads a source's size, orientation and digest, or says what is wrong with it;
- :class:`Job` is one source image and every variant it becomes (widths × formats), with each
  variant's output path known before anything is encoded, so pages can be rendered first;
- :func:`render` is the work for one image — a pure, picklable function of its job, so it can
  run in a process pool — returning the bytes of every variant;
- :class:`ImageCache` keeps rendered variants on disk, keyed by the source bytes, the settings
  and this module's own code, so a rebuild re-encodes nothing;
- :class:`Picture` is the markup: ``<picture>`` with AVIF and WebP sources, a JPEG or PNG
  fallback, ``srcset``/``sizes``, ``width``/``height``, and lazy or eager loading.

Every variant is re-encoded from pixels alone: no EXIF (so no GPS position, camera or time), no
XMP, no IPTC, no comments and no ICC profile (colours are converted to sRGB first). Encoding is
deterministic, so the same source gives the same bytes on every build.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import shutil
import tempfile
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from PIL import __version__ as PILLOW_VERSION
from PIL import features as pil_features

# Bump when the output of render() changes for reasons the code hash below cannot see.
PIPELINE_VERSION = 1
_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

RASTER_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"})
SVG_SUFFIX = ".svg"
MIME = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "svg": "image/svg+xml",
}
EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "svg": "svg"}
MAX_PIXELS = 50_000_000  # a 50-megapixel source is a camera's largest; beyond that, a mistake


class ImageProblem(Exception):
    """A source image that cannot be used: what is wrong and what to do instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def available_formats() -> tuple[str, ...]:
    """The modern formats this Pillow can encode, best first."""
    return tuple(f for f in ("avif", "webp") if pil_features.check(f))


@dataclass(frozen=True)
class ImageSettings:
    """What every image becomes. Part of the cache key: change a setting, re-encode."""

    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    formats: tuple[str, ...] = ("avif", "webp")  # modern formats, best first, plus a fallback
    quality: tuple[tuple[str, int], ...] = (("avif", 52), ("webp", 76), ("jpeg", 80))

    def __post_init__(self) -> None:
        usable = set(available_formats())
        object.__setattr__(self, "formats", tuple(f for f in self.formats if f in usable))
        object.__setattr__(self, "widths", tuple(sorted(set(self.widths))))

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality).get(fmt, 80)

    def fingerprint(self) -> str:
        data = {
            "widths": self.widths,
            "formats": self.formats,
            "quality": self.quality,
            "pipeline": PIPELINE_VERSION,
            "code": _CODE_DIGEST,
            "pillow": PILLOW_VERSION,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Source:
    """What the build needs to know about a source image before it is encoded."""

    path: str
    digest: str  # sha256 of the file's bytes
    kind: str  # "raster" or "svg"
    width: int  # as displayed, after EXIF orientation
    height: int
    alpha: bool = False


def inspect(path: Path) -> Source:
    """Read a source image's header (not its pixels); raise :class:`ImageProblem`."""
    suffix = path.suffix.lower()
    if suffix != SVG_SUFFIX and suffix not in RASTER_SUFFIXES:
        raise ImageProblem(
            f"'{path.name}' is not an image format the site publishes",
            "use a JPEG or PNG photo (WebP, AVIF, GIF and TIFF are read too), or an SVG drawing",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageProblem(f"cannot read '{path.name}': {exc.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix == SVG_SUFFIX:
        width, height = _svg_size(data, path.name)
        return Source(str(path), digest, "svg", width, height, True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(
                        f"'{path.name}' is {width} × {height} pixels, too large to publish",
                        "export it at most 4,000 pixels wide; the site makes smaller sizes itself",
                    )
                orientation = im.getexif().get(0x0112, 1)
                alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(
            f"'{path.name}' is not a readable image ({exc.__class__.__name__})",
            "open it in an image editor and export it again as JPEG or PNG",
        ) from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageProblem(
            f"'{path.name}' claims a size too large to open safely",
            "export it again at most 4,000 pixels wide",
        ) from None
    if orientation in (5, 6, 7, 8):  # rotated a quarter turn: width and height swap
        width, height = height, width
    return Source(str(path), digest, "raster", width, height, alpha)


def _svg_size(data: bytes, name: str) -> tuple[int, int]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImageProblem(f"'{name}' is not valid SVG: {exc}") from None

    def number(value: str | None) -> float | None:
        if not value:
            return None
        value = value.strip().removesuffix("px")
        try:
            return float(value)
        except ValueError:
            return None

    width, height = number(root.get("width")), number(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        width, height = number(box[2]), number(box[3])
    if not width or not height:
        raise ImageProblem(
            f"'{name}' has no size",
            'give the <svg> element a viewBox, e.g. viewBox="0 0 240 64"',
        )
    return round(width), round(height)


@dataclass(frozen=True)
class Variant:
    """One output file: a format at a width."""

    path: str  # output-relative, e.g. "images/room-800.1a2b3c4d5e6f.avif"
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class Job:
    """One source image and everything it becomes. Picklable: see :func:`render`."""

    source: Source
    settings: ImageSettings
    out_stem: str  # output-relative path without extension, e.g. "images/room"

    @property
    def key(self) -> str:
        """The cache key: the source's bytes, the settings and the pipeline's code."""
        return hashlib.sha256(
            f"{self.source.digest}\0{self.settings.fingerprint()}".encode()
        ).hexdigest()

    @property
    def fallback(self) -> str:
        return "svg" if self.source.kind == "svg" else ("png" if self.source.alpha else "jpeg")

    def widths(self) -> list[int]:
        """The widths to make: the ladder's below the source, and the source's own (capped)."""
        full = self.source.width
        if self.source.kind == "svg":
            return [full]
        top = min(full, self.settings.widths[-1]) if self.settings.widths else full
        return [w for w in self.settings.widths if w < top] + [top]

    def variants(self) -> list[Variant]:
        tag = self.key[:12]
        formats = [] if self.source.kind == "svg" else list(self.settings.formats)
        out = []
        for fmt in [*formats, self.fallback]:
            for width in self.widths():
                height = max(1, round(width * self.source.height / self.source.width))
                size = "" if self.source.kind == "svg" else f"-{width}"
                out.append(
                    Variant(f"{self.out_stem}{size}.{tag}.{EXTENSION[fmt]}", fmt, width, height)
                )
        return out


def render(job: Job) -> dict[str, bytes]:
    """Encode every variant of one image: output path → bytes. Pure; safe in a process pool."""
    data = Path(job.source.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != job.source.digest:
        raise ImageProblem(f"'{Path(job.source.path).name}' changed while the site was building")
    if job.source.kind == "svg":
        return {job.variants()[0].path: clean_svg(data)}
    pixels = _clean_pixels(data, job.source.alpha)
    out: dict[str, bytes] = {}
    for variant in job.variants():
        size = (variant.width, variant.height)
        frame = pixels if size == pixels.size else pixels.resize(size, Image.Resampling.LANCZOS)
        out[variant.path] = _encode(frame, variant.format, job.settings.quality_of(variant.format))
    return out


def check_decodes(source: Source) -> None:
    """Decode the whole picture once (a truncated file passes :func:`inspect`, which reads only
    its header): so a broken file is reported while the pages are read, not after they were
    written. The build calls this only for pictures the cache does not have."""
    if source.kind == "svg":
        return
    name = Path(source.path).name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source.path) as im:
                im.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(
            f"'{name}' cannot be read to the end ({exc})",
            "the file is damaged or incomplete: open it in an image editor and export it again",
        ) from None


def _clean_pixels(data: bytes, alpha: bool) -> Image.Image:
    """The picture alone: upright, in sRGB, with nothing of the file's metadata."""
    with Image.open(io.BytesIO(data)) as im:
        im.seek(0)  # an animation is published as its first frame
        im = ImageOps.exif_transpose(im)
        icc = im.info.get("icc_profile")
        mode = "RGBA" if alpha else "RGB"
        if icc:
            try:
                profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                srgb = ImageCms.createProfile("sRGB")
                im = ImageCms.profileToProfile(
                    im.convert(mode), profile, srgb, outputMode=mode, renderingIntent=0
                )
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass  # a broken profile: publish the numbers as they are, without it
        im = im.convert(mode)
        # A new image from the raw pixels carries no info dict: no EXIF, XMP, ICC or comments.
        return Image.frombytes(mode, im.size, im.tobytes())


def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "avif":
        im.save(buf, "AVIF", quality=quality, speed=8, max_threads=1)
    elif fmt == "webp":
        im.save(buf, "WEBP", quality=quality, method=4)
    elif fmt == "jpeg":
        im.save(buf, "JPEG", quality=quality, optimize=True, progressive=True, subsampling=2)
    else:
        im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


_SVG_NS = "http://www.w3.org/2000/svg"
_SVG_DROP = {"metadata", "script", "foreignObject", "title", "desc"}
_KEPT_ATTR_NS = ("{http://www.w3.org/1999/xlink}", "{http://www.w3.org/XML/1998/namespace}")


def _namespace(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def clean_svg(data: bytes) -> bytes:
    """An SVG without its metadata (author, editor, file paths), scripts or event handlers.

    Elements and attributes of other namespaces (an editor's own, e.g. Inkscape's) go too.
    """
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(data)
    ns = _namespace(root.tag)
    for parent in list(root.iter()):
        for child in list(parent):
            local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if local in _SVG_DROP or _namespace(child.tag) != ns:
                parent.remove(child)
        for name in list(parent.attrib):
            foreign = name.startswith("{") and not name.startswith(_KEPT_ATTR_NS)
            if name.lower().startswith("on") or foreign:
                del parent.attrib[name]
    return ET.tostring(root, encoding="utf-8", xml_declaration=False)


_INFO_KEYS = {
    "exif": "EXIF",
    "xmp": "XMP",
    "XML:com.adobe.xmp": "XMP",
    "icc_profile": "an ICC profile",
    "comment": "a comment",
    "photoshop": "Photoshop data",
    "iptc": "IPTC data",
    "dpi": "",  # harmless: kept by some encoders' defaults
}
_MARKERS = {b"Exif\x00\x00": "EXIF", b"<x:xmpmeta": "XMP", b"<?xpacket": "XMP"}


def metadata_in(data: bytes) -> list[str]:
    """What an image file carries besides its pixels (EXIF, GPS, XMP, ICC, text), or []."""
    found: list[str] = []
    try:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            if exif:
                found.append("EXIF")
                if exif.get_ifd(0x8825) or 0x8825 in exif:
                    found.append("a GPS position")
            for key, what in _INFO_KEYS.items():
                if what and im.info.get(key):
                    found.append(what)
            if getattr(im, "text", None):
                found.append("text chunks")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        pass  # not a raster image Pillow reads: the byte markers below still apply
    found += [what for marker, what in _MARKERS.items() if marker in data]
    return list(dict.fromkeys(found))


class ImageCache:
    """Rendered variants on disk, one folder per job key; safe to share between builds."""

    def __init__(self, root: str | os.PathLike[str] | None) -> None:
        self.root = Path(root) if root else None

    def _dir(self, key: str) -> Path | None:
        return self.root / key[:2] / key if self.root else None

    def has(self, job: Job) -> bool:
        folder = self._dir(job.key)
        return folder is not None and folder.is_dir()

    def get(self, job: Job) -> dict[str, bytes] | None:
        folder = self._dir(job.key)
        if folder is None or not folder.is_dir():
            return None
        try:
            return {v.path: (folder / Path(v.path).name).read_bytes() for v in job.variants()}
        except OSError:
            return None  # incomplete: render again

    def put(self, job: Job, files: dict[str, bytes]) -> None:
        folder = self._dir(job.key)
        if folder is None:
            return
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
            for path, data in files.items():
                (tmp / Path(path).name).write_bytes(data)
            try:
                os.rename(tmp, folder)  # atomic: another build may be filling the same key
            except OSError:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass  # a cache that cannot be written only costs time


@dataclass
class PublishReport:
    images: int = 0
    files: int = 0
    bytes: int = 0
    cached: int = 0
    rendered: int = 0

    def summary(self) -> str:
        return (
            f"{self.images} images → {self.files} files ({self.bytes / 1024:.0f} KiB), "
            f"{self.cached} from the cache, {self.rendered} encoded"
        )


def _render_into_cache(job: Job, cache: ImageCache) -> ImageProblem | None:
    """:func:`render` one job into the cache (in a worker); a problem is returned, not raised,
    so it reaches the build with its hint."""
    try:
        cache.put(job, render(job))
    except ImageProblem as exc:
        return exc
    return None


def publish(
    jobs: list[Job],
    output: Path,
    cache: ImageCache,
    pool: Any = None,
    keep: Any = None,
) -> PublishReport:
    """Write every job's variants under ``output``, from the cache where it has them.

    Each image is independent (:func:`render`): with a ``pool`` (``pool.BuildPool``) and a
    cache, the missing ones are encoded in its workers, then taken from the cache. ``keep``
    (``Staging.keep``) says which files need not be written (the output folder has them).
    """
    report = PublishReport()
    unique = sorted({j.key: j for j in jobs}.values(), key=lambda j: j.out_stem)
    missing = [job for job in unique if not cache.has(job)]
    if pool is not None and cache.root is not None and len(missing) > 1:
        for problem in pool.map(_render_into_cache, [(job, cache) for job in missing], 2):
            if problem is not None:
                raise problem
    encoded = {job.key for job in missing}
    for job in unique:
        files = cache.get(job)
        if files is None:
            files = render(job)
            cache.put(job, files)
        if job.key in encoded:
            report.rendered += 1
        else:
            report.cached += 1
        for path, data in files.items():
            target = output / path
            if keep is None or not keep(target, data):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            report.files += 1
            report.bytes += len(data)
        report.images += 1
    return report


def _attr(name: str, value: object) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


@dataclass
class Picture:
    """A planned image as the page shows it: ``<picture>`` markup and its preload hint."""

    job: Job
    alt: str
    sizes: str
    base_url: str = ""  # SITEURL
    classes: str = ""
    variants: list[Variant] = field(init=False)

    def __post_init__(self) -> None:
        self.variants = self.job.variants()

    @property
    def width(self) -> int:
        return self.job.source.width if self.job.source.kind == "svg" else self.job.widths()[-1]

    @property
    def height(self) -> int:
        return max(1, round(self.width * self.job.source.height / self.job.source.width))

    def url(self, variant: Variant) -> str:
        return f"{self.base_url}/{variant.path}"

    def srcset(self, fmt: str) -> str:
        return ", ".join(f"{self.url(v)} {v.width}w" for v in self.variants if v.format == fmt)

    def fallback(self) -> Variant:
        """The fallback ``src``: the fallback format at about 800 px, or the largest below."""
        own = [v for v in self.variants if v.format == self.job.fallback]
        below = [v for v in own if v.width <= 1200]
        return below[-1] if below else own[0]

    def html(self, *, loading: str = "lazy", classes: str = "") -> Markup:
        """``<picture>`` markup. ``loading``: "lazy" (below the fold, the default), "eager"
        (above the fold, e.g. a logo) or "hero" (eager with high fetch priority: the page's
        largest picture, also preloaded from ``<head>`` by :meth:`preload`)."""
        fallback = self.fallback()
        attrs = {
            "lazy": ' loading="lazy" decoding="async"',
            "eager": ' loading="eager"',
            "hero": ' loading="eager" fetchpriority="high"',
        }[loading]
        cls = " ".join(c for c in (self.classes, classes) if c)
        responsive = self.job.source.kind != "svg"
        img = (
            f"<img{_attr('src', self.url(fallback))}"
            + (_attr("srcset", self.srcset(fallback.format)) if responsive else "")
            + (_attr("sizes", self.sizes) if responsive else "")
            + f"{_attr('width', self.width)}{_attr('height', self.height)}"
            + f"{_attr('alt', self.alt)}{attrs}"
            + (_attr("class", cls) if cls else "")
            + ">"
        )
        if not responsive:
            return Markup(img)
        sources = "".join(
            f"<source{_attr('type', MIME[fmt])}{_attr('srcset', self.srcset(fmt))}"
            f"{_attr('sizes', self.sizes)}>"
            for fmt in self.job.settings.formats
        )
        return Markup(f"<picture>{sources}{img}</picture>")

    def og_image(self) -> str:
        """The URL for ``og:image``: a JPEG or PNG (what every link preview can read)."""
        own = [v for v in self.variants if v.format == self.job.fallback]
        below = [v for v in own if v.width <= 1280]
        return self.url(below[-1] if below else own[0])

    def preload(self) -> Markup:
        """A ``<link rel=preload>`` for the hero, in the best format (a browser that cannot
        decode that type skips the hint and loads the ``<picture>`` as usual)."""
        fmt = (self.job.settings.formats or (self.job.fallback,))[0]
        if self.job.source.kind == "svg":
            return Markup(
                f'<link rel="preload" as="image"{_attr("href", self.url(self.variants[0]))}'
                ' fetchpriority="high">'
            )
        return Markup(
            f'<link rel="preload" as="image"{_attr("type", MIME[fmt])}'
            f"{_attr('imagesrcset', self.srcset(fmt))}{_attr('imagesizes', self.sizes)}"
            ' fetchpriority="high">'
        )
