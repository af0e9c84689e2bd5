"""`ccpa assess` twice with an inventory change between, then `ccpa diff`, `history`, `tasks`,
`audit verify`: on SQLite (`DIR/.ccpa/`) and, when `CCPA_TEST_POSTGRES_URL` is set, PostgreSQL."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from tests.review.conftest import POSTGRES_URL, database_url, postgres_admin
from tests.transcripts.samples import RAW_VALUES, write_samples
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()
VENDOR_GAPS = ["VENDOR-CLASSIFY-01", "VENDOR-SP-CONTRACT-01", "VENDOR-SUBPROCESSOR-01"]
ENCRYPTION = ["SEC-ENCRYPT-REDACT-01", "SEC-PRA-EXPOSURE-01", "SEC-REASONABLE-01"]


def first_inventory() -> dict[str, Any]:
    """The compliant baseline, but the service provider's contract lacks most clauses."""
    files = compliant()
    vendor = files["inventory/vendors.yaml"]["vendors"][0]
    vendor["contract_clauses"] = vendor["contract_clauses"][:3]
    return files


def second_inventory() -> dict[str, Any]:
    """Clauses signed; the CRM's encryption at rest off; selling begins without honoring GPC."""
    files = compliant()
    files["inventory/systems.yaml"]["systems"][0]["encryption_at_rest"] = False
    files["inventory/practices.yaml"]["sells_personal_information"] = True
    files["inventory/practices.yaml"]["honors_opt_out_preference_signals"] = False
    return files


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """`--db` options: none (SQLite in DIR/.ccpa/), or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield []
        return
    if not POSTGRES_URL:
        pytest.skip("CCPA_TEST_POSTGRES_URL not set (scripts/postgres.sh start)")
    name = f"history_{uuid.uuid4().hex[:12]}"
    with postgres_admin() as admin:
        admin.execute(text(f'CREATE DATABASE "{name}"'))
    yield ["--db", database_url(name)]
    with postgres_admin() as admin:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def ccpa(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def assess(root: Path, as_of: str, db: list[str]) -> str:
    code, output = ccpa("assess", str(root), "--as-of", as_of, *db)
    assert code == 0, output
    return output


@pytest.mark.slow
def test_assess_change_assess_then_diff_history_tasks_and_audit(tmp_path: Path, store: list[str]) -> None:
    root = write_workspace(tmp_path / "ws", first_inventory())
    assert "History: run 1 recorded" in assess(root, "2026-11-29", store)
    code, output = ccpa("diff", str(root), *store)
    assert code == 2 and "a diff needs two" in output

    tasks = json.loads(ccpa("tasks", str(root), "--format", "json", *store)[1])["tasks"]
    by_id = {t["id"]: t for t in tasks}
    assert all(t["status"] == "todo" for t in tasks) and by_id["conduct-risk-assessments"]["due_date"]
    changes = [
        ("confirm-gov-annual-cycle-01", "done", "calendar in place"),  # its finding stays unknown
        ("conduct-risk-assessments", "in_progress", "drafting"),  # still needed next time
        ("draft-ccpa-vendor-addendum", "in_progress", ""),  # its gaps close before it is done
    ]
    for task_id, status, note in changes:
        code, output = ccpa(
            "tasks",
            "set",
            str(root),
            task_id,
            "--status",
            status,
            "--note",
            note,
            "--as",
            "pm@x.example",
            *store,
        )
        assert code == 0, output

    write_workspace(root, second_inventory())
    output = assess(root, "2026-12-15", store)
    assert "Since run 1 (2026-11-29): 1 new, 3 closed, 3 regressed, 0 improved" in output
    assert "1 task(s) done, but the gap remains" in output

    code, output = ccpa("diff", str(root), "--format", "json", *store)
    assert code == 0, output
    diff = json.loads(output)
    assert list(diff) == ["from", "to", "new", "closed", "regressed", "improved", "unchanged_open", "scores"]
    assert diff["from"] == {"run": 1, "as_of": "2026-11-29"} and diff["to"] == {
        "run": 2,
        "as_of": "2026-12-15",
    }
    assert [i["requirement_id"] for i in diff["new"]] == ["DSR-OPTOUT-02"]
    assert [i["requirement_id"] for i in diff["closed"]] == VENDOR_GAPS
    assert [i["requirement_id"] for i in diff["regressed"]] == ENCRYPTION
    assert diff["improved"] == []
    for item in diff["regressed"]:
        assert item["from"]["outcome"] == "met" and item["to"]["outcome"] == "partial"
        assert "not encrypted at rest" in item["reason"]
        assert item["sources_changed"] == ["inventory/systems.yaml"]
    assert diff["new"][0]["from"] == {"outcome": "not_applicable", "risk_score": 0}
    assert diff["new"][0]["sources_changed"] == ["inventory/practices.yaml"]
    assert all(item["to"]["outcome"] == "met" for item in diff["closed"])
    contract = next(i for i in diff["closed"] if i["requirement_id"] == "VENDOR-SP-CONTRACT-01")
    assert contract["note"].startswith("closed without its task done: draft-ccpa-vendor-addendum")
    assert diff["scores"]["to"]["readiness"] > diff["scores"]["from"]["readiness"]
    assert diff["unchanged_open"] == diff["scores"]["to"]["open_findings"] - 1 - 3

    assert ccpa("diff", str(root), "--fail-on", "regressed", *store)[0] == 1
    assert ccpa("diff", str(root), "--from", "2", "--to", "2", "--fail-on", "regressed", *store)[0] == 0
    code, output = ccpa("diff", str(root), "--from", "7", *store)
    assert code == 2 and "no run 7" in output
    code, output = ccpa("diff", str(root), "--format", "html", *store)
    assert code == 0 and "<script" not in output and "DSR-OPTOUT-02" in output

    runs = json.loads(ccpa("history", str(root), "--format", "json", *store)[1])["runs"]
    assert [r["run"] for r in runs] == [2, 1] and [r["as_of"] for r in runs] == ["2026-12-15", "2026-11-29"]
    assert runs[0]["inputs_hash"] != runs[1]["inputs_hash"] and runs[0]["catalog_version"]
    assert "2026-12-15" in ccpa("history", str(root), *store)[1]

    tasks = json.loads(ccpa("tasks", str(root), "--format", "json", *store)[1])["tasks"]
    by_id = {t["id"]: t for t in tasks}
    assert by_id["confirm-gov-annual-cycle-01"]["status"] == "done"
    assert by_id["confirm-gov-annual-cycle-01"]["flag"] == "done, but the gap remains: GOV-ANNUAL-CYCLE-01"
    assert by_id["conduct-risk-assessments"]["status"] == "in_progress", "a status survives the re-assessment"
    assert [n["body"] for n in by_id["conduct-risk-assessments"]["notes"]] == ["drafting"]
    addendum = by_id["draft-ccpa-vendor-addendum"]
    assert addendum["status"] == "not_needed" and "VENDOR-SP-CONTRACT-01 met" in addendum["status_reason"]
    assert by_id["configure-gpc"]["status"] == "todo", "a task of the new gap"
    code, output = ccpa(
        "tasks", str(root), "--department", "Legal", "--status", "not_needed", "--format", "csv", *store
    )
    assert code == 0 and output.splitlines()[0].startswith("id,title,department,status")
    assert {line.split(",")[0] for line in output.splitlines()[1:]} == {
        "draft-ccpa-vendor-addendum",
        "review-vendor-contract-gaps",
    }

    code, output = ccpa("audit", "verify", str(root), *store)
    assert code == 0 and "audit chain intact" in output

    html = (root / "out/report.html").read_text()
    section = html[html.index("Since last assessment") :]
    assert "DSR-OPTOUT-02" in section and "Trend over 2 runs" in section
    assert len(re.findall(r'-point-readiness-\d"', section)) == 2
    assert "Done, but the gap remains" in section and "<script" not in html


def test_tasks_set_follows_the_review_apps_rules(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", first_inventory())
    assess(root, "2026-11-29", [])
    for email, department in (("it@x.example", "IT"), ("legal@x.example", "Legal")):
        add = ["users", "add", email, "--department", department, "--dir", str(root), "--password-stdin"]
        assert runner.invoke(app, add, input="a long enough password\n").exit_code == 0
    legal_task = ["tasks", "set", str(root), "draft-ccpa-vendor-addendum"]
    code, output = ccpa(*legal_task, "--status", "done", "--as", "it@x.example")
    assert code == 2 and "only Legal reviewers and admins" in output
    code, output = ccpa(*legal_task, "--status", "done", "--as", "someone@x.example")
    assert code == 2 and "no user of this store" in output
    code, output = ccpa(*legal_task, "--status", "finished", "--as", "legal@x.example")
    assert code == 2 and "unknown status 'finished'" in output
    code, output = ccpa(
        "tasks", "set", str(root), "no-such-task", "--status", "done", "--as", "legal@x.example"
    )
    assert code == 2 and "no task 'no-such-task'" in output
    code, output = ccpa(*legal_task, "--status", "done", "--owner", "Dana", "--as", "LEGAL@x.example")
    assert code == 0 and "draft-ccpa-vendor-addendum: done, owner Dana" in output
    assert "Traceback" not in output


def test_milestones_carry_reminders(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", first_inventory())
    assess(root, "2026-11-29", [])
    ics = (root / "out/milestones.ics").read_text()
    events = ics.count("BEGIN:VEVENT")
    assert events >= 3
    assert ics.count("BEGIN:VALARM") == 2 * events
    assert "TRIGGER:-P14D" in ics and "TRIGGER:-P1D" in ics and "ACTION:DISPLAY" in ics


def test_the_store_holds_no_raw_personal_value(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", first_inventory())
    write_samples(root / "evidence" / "transcripts")
    assess(root, "2026-11-29", [])
    assess(root, "2026-11-30", [])
    assert ccpa("diff", str(root))[0] == 0
    findings = json.loads((root / "out/findings.json").read_text())
    assert any(
        e["source"].startswith("evidence/transcripts") for f in findings["findings"] for e in f["evidence"]
    )
    stored = b"".join(path.read_bytes() for path in (root / ".ccpa").iterdir() if path.is_file())
    for value in RAW_VALUES:
        assert value.encode() not in stored, value


def test_a_store_that_is_no_database_is_a_clear_error_and_the_results_are_kept(tmp_path: Path) -> None:
    files = first_inventory()
    del files["ccpa.yaml"]["plan"]  # no roadmap: quick
    root = write_workspace(tmp_path / "ws", files)
    (root / ".ccpa").mkdir()
    (root / ".ccpa/review.db").write_bytes(bytes(range(256)) * 20)
    code, output = ccpa("assess", str(root), "--as-of", "2026-11-29")
    assert code == 2 and "history not recorded: cannot open the review store" in output
    assert "file is not a database" in output
    assert (root / "out/findings.json").is_file() and (root / "out/report.html").is_file()
    for command in (["history"], ["diff"], ["tasks"]):
        code, output = ccpa(*command, str(root))
        assert code == 2 and "cannot be read" in output and "Traceback" not in output, command
