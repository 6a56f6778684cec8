"""Configuration: ``[tool.claims-lint]`` in pyproject.toml or a ``.claims-lint.yaml`` file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import ConfigError
from .rules import PROFILES

__all__ = ["Config", "DEFAULT_FRONT_MATTER_FIELDS", "load_config"]

# Front matter key paths whose text reaches the page. ``*`` is one key or list index, ``**`` any
# number of them; so ``faq.**`` is every string under ``faq``.
DEFAULT_FRONT_MATTER_FIELDS = (
    "title",
    "subtitle",
    "summary",
    "description",
    "meta_description",
    "headline",
    "lead",
    "intro",
    "excerpt",
    "tagline",
    "cta",
    "hero.**",
    "photos.*.caption",
    "photos.*.*.alt",
    "facts.**",
    "contraindications.**",
    "side_effects.**",
    "risks.**",
    "aftercare.**",
    "before.**",
    "will_not.**",
    "results.**",
    "faq.**",
    "sections.**",
    "benefits.**",
    "highlights.**",
)
DEFAULT_EXCLUDE = ("data", "_*", ".*")
MAX_FILE_BYTES = 16 * 1024 * 1024  # bigger files are refused (exit 2): no page is that large


@dataclass(frozen=True)
class Config:
    profile: str = "uk"
    fail_on: str = "error"
    evidence_path: Path | None = None
    baseline_path: Path | None = None
    front_matter_fields: tuple[str, ...] = DEFAULT_FRONT_MATTER_FIELDS
    disable: tuple[str, ...] = ()
    paths: tuple[str, ...] = ("content",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    max_file_bytes: int = MAX_FILE_BYTES
    cache_dir: Path | None = Path(".claims-lint-cache")
    jobs: int = 0  # 0 = one per CPU
    today: dt.date | None = None
    treatment_key: str = "treatment"
    root: Path = field(default_factory=Path.cwd)
    source: str = ""  # the file this came from, for messages

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ConfigError(self.source or "<config>", 0, f"unknown profile {self.profile!r}")
        if self.fail_on not in ("error", "warning"):
            raise ConfigError(self.source or "<config>", 0, "fail_on must be error or warning")

    def effective_today(self) -> dt.date:
        return self.today or dt.date.today()

    def fingerprint(self) -> str:
        """What in the config changes lint results (for the cache key)."""
        data = {
            "profile": self.profile,
            "fm": self.front_matter_fields,
            "disable": sorted(self.disable),
            "today": self.effective_today().isoformat(),
            "treatment_key": self.treatment_key,
            "max": self.max_file_bytes,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


_KEYS = {
    "profile": "profile",
    "fail_on": "fail_on",
    "fail-on": "fail_on",
    "evidence": "evidence_path",
    "evidence_path": "evidence_path",
    "baseline": "baseline_path",
    "baseline_path": "baseline_path",
    "front_matter_fields": "front_matter_fields",
    "front-matter-fields": "front_matter_fields",
    "disable": "disable",
    "paths": "paths",
    "exclude": "exclude",
    "max_file_bytes": "max_file_bytes",
    "max-file-bytes": "max_file_bytes",
    "cache_dir": "cache_dir",
    "cache-dir": "cache_dir",
    "jobs": "jobs",
    "treatment_key": "treatment_key",
}


def _coerce(raw: dict[str, Any], base: Path, source: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = _KEYS.get(key)
        if name is None:
            raise ConfigError(
                source, 0, f"unknown setting {key!r} (known: {', '.join(sorted(set(_KEYS)))})"
            )
        if name in ("evidence_path", "baseline_path", "cache_dir"):
            value = None if value in (None, "", False) else (base / str(value))
        elif name in ("front_matter_fields", "disable", "paths", "exclude"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise ConfigError(source, 0, f"{key} must be a list")
            value = tuple(str(v) for v in value)
        elif name in ("max_file_bytes", "jobs") and not isinstance(value, int):
            raise ConfigError(source, 0, f"{key} must be a whole number")
        out[name] = value
    return out


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``.claims-lint.yaml`` or pyproject.toml with a ``[tool.claims-lint]`` table."""
    start = start.resolve()
    for d in (start, *start.parents):
        y = d / ".claims-lint.yaml"
        if y.is_file():
            return y, _read_yaml(y)
        t = d / "pyproject.toml"
        if t.is_file():
            try:
                data = tomllib.loads(t.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(str(t), 0, f"cannot read pyproject.toml: {exc}") from None
            table = data.get("tool", {}).get("claims-lint")
            if table is not None:
                return t, dict(table)
        if (d / ".git").exists():
            break
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ConfigError(str(path), line, f"broken YAML: {exc.problem}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), 0, f"cannot read config: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), 1, "the config must be a mapping of settings")
    return data


def load_config(
    start_dir: str | Path = ".", config_file: str | Path | None = None, **overrides: Any
) -> Config:
    """Discover the config from ``start_dir`` upwards (or read ``config_file``); apply overrides.

    Relative paths in a config file are relative to that file's folder. Without a setting for
    the evidence register, ``content/data/evidence.yaml`` under the root is used if it exists.
    """
    start = Path(start_dir)
    settings: dict[str, Any] = {}
    root = start.resolve()
    source = ""
    if config_file is not None:
        cf = Path(config_file)
        if not cf.is_file():
            raise ConfigError(str(cf), 0, "config file not found")
        if cf.name == "pyproject.toml" or cf.suffix == ".toml":
            try:
                table = (
                    tomllib.loads(cf.read_text(encoding="utf-8"))
                    .get("tool", {})
                    .get("claims-lint", {})
                )
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(str(cf), 0, f"broken TOML: {exc}") from None
        else:
            table = _read_yaml(cf)
        root, source = cf.resolve().parent, str(cf)
        settings = _coerce(table, root, source)
    else:
        found = find_config_file(start)
        if found is not None:
            root, source = found[0].parent, str(found[0])
            settings = _coerce(found[1], root, source)
    if "evidence_path" not in settings:
        default = root / "content" / "data" / "evidence.yaml"
        settings["evidence_path"] = default if default.is_file() else None
    if "cache_dir" not in settings:
        settings["cache_dir"] = root / ".claims-lint-cache"
    settings.update({k: v for k, v in overrides.items() if v is not None})
    for key in ("evidence_path", "baseline_path", "cache_dir"):
        if isinstance(settings.get(key), str):
            settings[key] = Path(settings[key])
    try:
        return Config(root=root, source=source, **settings)
    except TypeError as exc:
        raise ConfigError(source or "<config>", 0, str(exc)) from None


def replace(cfg: Config, **changes: Any) -> Config:
    return dataclasses.replace(cfg, **changes)
