"""`ccpa notices check PATH... [--workspace DIR] [--format text|json] [--out FILE]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.cli.notices_commands import declared_practices_from_workspace
from tests.conftest import REPO
from tests.documents.conftest import FIXTURES

ACME = REPO / "examples" / "acme-contact-center"
runner = CliRunner()


def test_json_report_has_the_documented_shape() -> None:
    result = runner.invoke(app, ["notices", "check", str(FIXTURES / "stale_policy.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (document,) = report["documents"]
    assert document["path"] == str(FIXTURES / "stale_policy.txt")
    assert document["kind"] == "privacy_policy"
    assert {"path", "kind", "elements", "mismatches", "reading_ease"} <= set(document)
    updated = next(e for e in document["elements"] if e["id"] == "PP-LAST-UPDATED")
    assert updated["status"] == "absent"
    assert updated["citation"] == "Civ. §1798.130(a)(5); CCR §7011(e)"
    assert updated["evidence"]["section"] == "ACME PRIVACY POLICY"
    assert updated["evidence"]["excerpt"] == "Last updated: March 3, 2023"
    assert next(e for e in document["elements"] if e["id"] == "PP-SOURCES")["evidence"] is None
    assert report["problems"] == []


def test_text_report_and_out_file(tmp_path: Path) -> None:
    out = tmp_path / "notices.txt"
    result = runner.invoke(app, ["notices", "check", str(FIXTURES / "script_inbound.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"{FIXTURES / 'script_inbound.txt'}: script (language en")
    assert "present  SCRIPT-RECORDING-DISCLOSURE" in text


def test_bad_files_are_named_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 nothing else")
    good = tmp_path / "notice.md"
    good.write_text((FIXTURES / "notice_at_collection.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["notices", "check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert f"{tmp_path / 'scan.pdf'}: broken PDF" in " ".join(result.stderr.split())
    report = json.loads(result.stdout)
    assert [d["kind"] for d in report["documents"]] == ["notice_at_collection"]
    assert [p["source"] for p in report["problems"]] == [str(tmp_path / "scan.pdf")]


@pytest.mark.parametrize(
    "arguments",
    [
        ["notices", "check", "/nonexistent/policy.html"],
        ["notices", "check", str(FIXTURES / "stale_policy.txt"), "--format", "xml"],
        ["notices", "check", str(FIXTURES / "stale_policy.txt"), "--workspace", "/nonexistent/workspace"],
    ],
)
def test_bad_usage_exits_2(arguments: list[str]) -> None:
    assert runner.invoke(app, arguments).exit_code == 2


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["notices", "check", str(tmp_path / "empty.txt")])
    assert result.exit_code == 2
    assert "empty file" in result.stderr


def test_help_shows_an_example() -> None:
    result = runner.invoke(app, ["notices", "check", "--help"])
    assert result.exit_code == 0
    assert "Example: ccpa notices check" in result.stdout


def test_declared_practices_come_from_the_workspace_inventory() -> None:
    data = yaml.safe_load((ACME / "inventory" / "data.yaml").read_text(encoding="utf-8"))["data_elements"]
    channels = yaml.safe_load((ACME / "inventory" / "channels.yaml").read_text(encoding="utf-8"))["channels"]
    declared = declared_practices_from_workspace(ACME)
    expected = {e["category"] for e in data} | (
        {"sensitive_personal_information"} if any(e.get("sensitive_kind") for e in data) else set()
    )
    assert declared.categories_collected == sorted(expected)
    assert declared.records_calls == any(c.get("recorded") for c in channels)
    assert declared.languages == sorted({lang for c in channels for lang in c.get("languages", ["en"])})
    assert declared.over_10m_consumers is False  # 1.4 million consumers a year


def test_workspace_option_adds_mismatches() -> None:
    policy = str(FIXTURES / "policy_inconsistent.md")
    plain = json.loads(runner.invoke(app, ["notices", "check", policy, "--format", "json"]).stdout)
    compared = runner.invoke(app, ["notices", "check", policy, "--workspace", str(ACME), "--format", "json"])
    assert compared.exit_code == 0, compared.output
    assert plain["documents"][0]["mismatches"] == []
    subjects = {m["subject"] for m in json.loads(compared.stdout)["documents"][0]["mismatches"]}
    assert {"recording", "sensory_data"} <= subjects
