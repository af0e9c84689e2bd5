"""`ccpa scan datastore`: summary and JSON, --out, --workspace (the data map), bad stores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.evidence_inputs import workspace_targets
from ccpa_readiness.workspace.loader import load_workspace
from tests.datastores import crm

runner = CliRunner()
UNREACHABLE = "postgresql://auditor:s3cret-pw@127.0.0.1:1/crm"


def write_workspace(root: Path) -> Path:
    files = {
        "ccpa.yaml": {"organization": {"name": "T", "for_profit": True, "does_business_in_california": True}},
        "inventory/systems.yaml": {
            "systems": [
                {
                    "id": "crm",
                    "name": "CRM",
                    "kind": "crm",
                    "encryption_at_rest": True,
                    "connection_env": "T_CRM_URL",
                },
                {"id": "archive", "name": "Archive", "kind": "file_share", "connection_env": "T_ARCHIVE_URL"},
                {"id": "phones", "name": "Phones", "kind": "telephony"},
            ]
        },
        "inventory/data.yaml": {
            "data_elements": [
                {
                    "id": "contact",
                    "name": "Contact details",
                    "category": "identifiers",
                    "systems": ["crm"],
                    "purposes": ["service"],
                    "retention_days": 365,
                }
            ]
        },
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(yaml.safe_dump(content), encoding="utf-8")
    return root


def test_summary_names_columns_checks_and_skipped_stores(crm_sqlite: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    result = runner.invoke(
        app, ["scan", "datastore", str(crm_sqlite), UNREACHABLE, "--sample", "500", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    summary = out.read_text(encoding="utf-8")
    assert "customers.ssn" in summary and "***-**-" in summary
    assert "customers: 120 of 120 rows sampled (read-only file (SQLite mode=ro))" in summary
    assert "DATASTORE-CARD-OUTSIDE-CDE" in summary
    assert "skipped: postgresql://auditor@127.0.0.1:1/crm: cannot connect" in result.stderr
    assert "s3cret-pw" not in result.output


def test_json_to_a_file(crm_sqlite: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "scan.json"
    result = runner.invoke(app, ["scan", "datastore", str(crm_sqlite), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    kinds = {o["kind"] for o in data["observations"]}
    assert {"DATASTORE-TABLE", "DATASTORE-COLUMN", "DATASTORE-CARD-OUTSIDE-CDE"} <= kinds
    assert {p["location"] for p in data["problems"]} == {"attachments", "audit_log", "long_notes"}


def test_workspace_stores_are_checked_and_mapped(
    crm_sqlite: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_workspace(tmp_path / "ws")
    monkeypatch.setenv("T_CRM_URL", f"sqlite:///{crm_sqlite}")
    monkeypatch.delenv("T_ARCHIVE_URL", raising=False)
    result = runner.invoke(app, ["scan", "datastore", "--workspace", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    kinds = {o["kind"] for o in data["observations"]}
    assert {"DATASTORE-UNDECLARED-CATEGORY", "DATASTORE-CLEARTEXT-SENSITIVE"} <= kinds
    retention = [o for o in data["observations"] if o["kind"] == "DATASTORE-RETENTION-EXCEEDED"]
    exceeded = {o["location"]: o["attributes"]["rows"] for o in retention}
    assert exceeded["recordings.recorded_at"] == crm.expected_old_recordings_at(dt.date.today())
    assert "T_ARCHIVE_URL is not set" in result.stderr
    for name in ("datamap.json", "datamap.xlsx", "datamap.svg", "fides_datasets.yaml"):
        assert (root / "out" / name).is_file()


def test_bridge_takes_element_retention_when_the_system_has_none(tmp_path: Path) -> None:
    workspace = load_workspace(write_workspace(tmp_path / "ws"))
    targets, problems = workspace_targets(workspace, {"T_CRM_URL": "crm.db"})
    [target] = targets
    assert target.url == "crm.db" and target.declared is not None
    assert target.declared.retention_days == 365 and target.declared.encrypted is True
    assert target.declared.declared_categories == {"identifiers"}
    [problem] = problems
    assert problem.source.endswith("inventory/systems.yaml") and "T_ARCHIVE_URL" in problem.message


def test_nothing_readable_exits_2() -> None:
    result = runner.invoke(app, ["scan", "datastore", UNREACHABLE])
    assert result.exit_code == 2
    assert "no table could be read in postgresql://auditor@127.0.0.1:1/crm" in result.stderr
    assert "s3cret-pw" not in result.output


def test_no_store_given_exits_2() -> None:
    result = runner.invoke(app, ["scan", "datastore"])
    assert result.exit_code == 2 and "no store to scan" in result.stderr


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["scan", "datastore", "--help"])
    assert result.exit_code == 0 and "Example: ccpa scan datastore" in result.stdout
