"""The claims-lint command end to end: exit codes, formats, baseline, config, cache, parallel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from claims_lint.cli import main

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
SCHEMA = Path(__file__).resolve().parents[2] / "plugins" / "claims_lint" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIX / "site", tmp_path / "site")
    root = tmp_path / "site"
    (root / ".git").mkdir()  # stop config discovery at the test site
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "claims_lint.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_clean_page_exits_0(site: Path) -> None:
    code, out, err = run("content/treatments/facial.md", "--today", "2026-06-01")
    assert code == 0, out + err
    assert "0 error(s)" in out


def test_findings_exit_1_with_text_format(site: Path) -> None:
    code, out, _ = run("--today", "2026-06-01")
    assert code == 1
    assert "content/treatments/bad.md:2:8: PAI001 [pain-absolute] " in out
    assert " — " in out  # message — suggestion


def test_fail_on_warning(site: Path) -> None:
    page = site / "content" / "w.md"
    page.write_text("For younger-looking skin.\n")
    assert run(str(page), "--today", "2026-06-01")[0] == 0
    assert run(str(page), "--fail-on", "warning", "--today", "2026-06-01")[0] == 1


def test_json_format(site: Path) -> None:
    code, out, _ = run("-f", "json", "--today", "2026-06-01")
    data = json.loads(out)
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity"}
    keys |= {"message", "excerpt", "suggestion"}
    assert data["findings"] and keys <= set(data["findings"][0])
    assert data["summary"]["errors"] == len(data["findings"])
    # the cited sentence is an inflated outcome and an outcome stated as fact: two findings,
    # both cleared by the one evidence record
    assert data["summary"]["cleared"] == 2 and data["summary"]["suppressed"] == 1
    assert {f["category"] for f in data["cleared"]} == {
        "efficacy-overclaim",
        "guaranteed-permanent",
    }


def test_sarif_validates_against_the_official_schema(site: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = run("-f", "sarif", "--today", "2026-06-01")
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == "PAI001" for r in results)
    assert any(r.get("suppressions") for r in results)


def test_github_format(site: Path) -> None:
    _, out, _ = run("-f", "github", "--today", "2026-06-01")
    first = out.splitlines()[0]
    assert first.startswith("::error file=content/treatments/bad.md,line=2,col=8,")
    assert "title=PAI001 [pain-absolute]::" in first


def test_junit_format(site: Path) -> None:
    _, out, _ = run("-f", "junit", "--today", "2026-06-01")
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("failures") == "1"
    assert root.find(".//failure") is not None


def test_html_claims_register(site: Path) -> None:
    page = site / "content" / "x.md"
    page.write_text(
        '---\ntitle: "<script>alert(1)</script> Painless"\nreviewed_by: Dr <b>R</b>\n'
        "next_review: 2026-01-01\n---\nHello\n"
    )
    code, _, _ = run("-f", "html", "-o", "report.html", "--today", "2026-06-01")
    assert code == 1
    doc = (site / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in doc and "&lt;script&gt;" in doc
    assert "Dr &lt;b&gt;R&lt;/b&gt;" in doc and "(overdue)" in doc
    assert "hydration-2019" in doc and "controlled study" in doc  # cleared claim + citation
    assert "award listed at example.org/awards" in doc  # suppression reason
    assert "Sign-off" in doc


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.md", b"---\ntitle: [oops\n---\nText\n", "broken YAML"),
        ("latin1.md", b"Caf\xe9 au lait\n", "not UTF-8"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_bad_input_exits_2_naming_the_file(site: Path, name: str, data: bytes, words: str) -> None:
    p = site / "content" / name
    p.write_bytes(data)
    code, out, err = run(str(p.relative_to(site)))
    assert code == 2
    assert f"content/{name}:" in err and words in err
    assert "Traceback" not in out + err


def test_enormous_file_exits_2(site: Path) -> None:
    (site / ".claims-lint.yaml").write_text("max_file_bytes: 100\n")
    (site / "content" / "big.md").write_text("word " * 100)
    code, _, err = run("content/big.md")
    assert code == 2 and "content/big.md:1:" in err and "MB" in err


def test_usage_and_config_errors_exit_2(site: Path) -> None:
    assert run("--profile", "mars")[0] == 2
    assert run("no/such/dir")[0] == 2
    (site / ".claims-lint.yaml").write_text("profile: [\n")
    code, _, err = run()
    assert code == 2 and ".claims-lint.yaml" in err


def test_broken_evidence_register_exits_2(site: Path) -> None:
    (site / "content/data/evidence.yaml").write_text("entries:\n  a:\n    citation: x\n")
    code, _, err = run()
    assert code == 2 and "evidence.yaml:3" in err


def test_config_discovery_pyproject_and_profile(site: Path) -> None:
    page = site / "content" / "pom.md"
    page.write_text("Ask about Botox.\n")
    assert run("content/pom.md")[0] == 1
    (site / "pyproject.toml").write_text('[tool.claims-lint]\nprofile = "us"\n')
    code, out, _ = run("content/pom.md")
    assert code == 0 and "warning" in out


def test_data_folder_is_skipped(site: Path) -> None:
    _, out, _ = run("-f", "json", "--today", "2026-06-01")
    assert not any("data/" in f["path"] for f in json.loads(out)["findings"])


def test_baseline_survives_moved_lines(site: Path) -> None:
    assert run("--write-baseline", "baseline.json", "--today", "2026-06-01")[0] == 0
    assert run("--baseline", "baseline.json", "--today", "2026-06-01")[0] == 0
    bad = site / "content/treatments/bad.md"
    text = bad.read_text()
    bad.write_text(text.replace("# Derma roller\n", "# Derma roller\n\nA new intro.\n\n"))
    assert run("--baseline", "baseline.json", "--today", "2026-06-01")[0] == 0
    bad.write_text(bad.read_text() + "\nZero downtime, too.\n")
    code, out, _ = run("--baseline", "baseline.json", "--today", "2026-06-01")
    assert code == 1 and out.count("DOW001") == 1 and "in the baseline" in out


def test_main_in_process_returns_codes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content/treatments/facial.md", "--today", "2026-06-01", "--no-cache"]) == 0
    assert main(["--list-rules"]) == 0
    assert "PAI001" in capsys.readouterr().out
