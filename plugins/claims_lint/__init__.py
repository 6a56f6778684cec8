"""claims_lint: find unsupported marketing claims in clinic pages (no Pelican import).

Public API::

    from claims_lint import Config, Finding, Linter, LintResult, load_config, load_evidence
    linter = Linter(load_config("."))
    result = linter.lint_source(text, "content/treatments/x.md", kind="markdown")
"""

from .config import Config, load_config
from .engine import Linter, detect_kind
from .evidence import EvidenceEntry, EvidenceRegister, load_evidence, parse_evidence
from .model import Cleared, ConfigError, Finding, InputError, LintResult, Suppressed
from .rules import CATEGORY_IDS, load_rules

__all__ = [
    "CATEGORY_IDS",
    "Cleared",
    "Config",
    "ConfigError",
    "EvidenceEntry",
    "EvidenceRegister",
    "Finding",
    "InputError",
    "LintResult",
    "Linter",
    "Suppressed",
    "detect_kind",
    "load_config",
    "load_evidence",
    "load_rules",
    "parse_evidence",
]
