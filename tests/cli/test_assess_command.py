"""`ccpa assess` end to end on the example and on small workspaces."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.cli import app
from ccpa_readiness.review import signoff
from ccpa_readiness.review.database import Database, default_url
from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.users import add_user
from ccpa_readiness.review.versions import import_version
from tests.conftest import EXAMPLE, REPO, AssessedExample
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()
FINDING_FIELDS = {
    "requirement_id",
    "title",
    "area",
    "citations",
    "outcome",
    "severity",
    "risk_score",
    "basis",
    "reason",
    "evidence",
}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "acme"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("out", ".ccpa"))
    return copy


def assess(root: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["assess", str(root), "--as-of", "2026-11-29", *options])
    return result.exit_code, result.output


def test_example_writes_findings_and_report(assessed_example: AssessedExample) -> None:
    example, code, output = assessed_example.root, assessed_example.exit_code, assessed_example.output
    assert code == 0, output
    assert "the CCPA applies" in output and "Fix first" in output
    data = json.loads((example / "out/findings.json").read_text())
    assert data["catalog"] == {"version": "2026.11", "law_as_of": "2026-11-29"}
    assert data["applicability"]["applies"] is True and data["applicability"]["reasons"]
    assert len(data["findings"]) == len(default_catalog().requirements)
    for finding in data["findings"]:
        assert set(finding) >= FINDING_FIELDS
        assert finding["citations"] and finding["basis"] in {"declared", "observed", "mixed", "none"}
        for item in finding["evidence"]:
            assert {"source", "location", "snippet"} <= set(item)
    assert [f["requirement_id"] for f in data["findings"]] == sorted(
        f["requirement_id"] for f in data["findings"]
    )
    outcomes = {f["outcome"] for f in data["findings"]}
    assert {"met", "partial", "gap", "unknown", "not_applicable"} <= outcomes
    assert set(data["scores"]["by_area"]) >= {"notices", "recording_consent"}
    html = (example / "out/report.html").read_text()
    for heading in (
        "Executive summary",
        "Applicability",
        "Score per area",
        "Findings",
        "What information is missing",
    ):
        assert heading in html
    assert "<script" not in html
    assert "<svg" in html, "the roadmap's Gantt chart is embedded"
    roadmap = json.loads((example / "out/roadmap.json").read_text())
    remediation = {t["id"] for t in roadmap["tasks"] if t["kind"] == "remediation"}
    assert remediation and remediation <= set(default_catalog().tasks)
    confirmed = sorted(
        r for t in roadmap["tasks"] if t["kind"] == "confirmation" for r in t["requirement_ids"]
    )
    assert confirmed == sorted(f["requirement_id"] for f in data["findings"] if f["outcome"] == "unknown")


def test_example_verdicts_rest_on_the_inventory(assessed_example: AssessedExample) -> None:
    example = assessed_example.root
    findings = {
        f["requirement_id"]: f for f in json.loads((example / "out/findings.json").read_text())["findings"]
    }
    # declared: outbound calls recorded without a disclosure; observed: the IVR flow starts
    # recording before its disclosure, and transcripts show the disclosure late or missing
    consent = findings["CIPA-CONSENT-01"]
    assert consent["outcome"] == "gap" and consent["basis"] == "mixed"
    assert "agents-outbound" in consent["reason"]
    flow_evidence = [e for e in consent["evidence"] if e["source"].endswith("acme-main-ivr.json")]
    assert flow_evidence and flow_evidence[0]["location"] == "start-recording"
    # the privacy policy (evidence/notices) is stale and never mentions call recordings
    policy = findings["PRIVACY-POLICY-01"]
    assert policy["outcome"] == "gap" and policy["basis"] == "mixed"
    notice_match = findings["NOTICE-AT-COLLECTION-03"]
    assert notice_match["basis"] == "observed" and "recording" in json.dumps(notice_match["evidence"])
    # agents key card numbers
    assert findings["PCI-SAD-01"]["outcome"] == "gap"
    assert any(e["location"] == "card-number" for e in findings["PCI-SAD-01"]["evidence"])
    # the toll-free number and a web form
    assert findings["DSR-METHODS-01"]["outcome"] == "met"
    assert findings["DSR-METHODS-01"]["evidence"][0]["source"] == "inventory/practices.yaml"
    # attested by the privacy owner
    assert findings["APP-ROLE-01"]["outcome"] == "met" and "attested" in findings["APP-ROLE-01"]["reason"]
    # the organization does not sell or share
    assert findings["NOTICE-OPT-OUT-01"]["outcome"] == "not_applicable"


def test_no_raw_personal_information_in_outputs(assessed_example: AssessedExample) -> None:
    example = assessed_example.root
    written = (example / "out/findings.json").read_text() + (example / "out/report.html").read_text()
    for raw in ("jordan.lee@example.com", "415-555-0142", "four one one one, one one one one"):
        assert raw not in written
    assert "evidence_examined" in json.loads((example / "out/findings.json").read_text())


def test_same_input_same_output(assessed_example: AssessedExample, tmp_path: Path) -> None:
    first = (assessed_example.root / "out/findings.json").read_bytes()
    example = assessed_example.copy_to(tmp_path / "acme")  # assessed once, as the first run left it
    assess(example)
    assert (example / "out/findings.json").read_bytes() == first


@pytest.mark.parametrize(("threshold", "code"), [("high", 1), ("low", 1)])
def test_fail_on_gaps(example: Path, threshold: str, code: int) -> None:
    exit_code, output = assess(example, "--fail-on", threshold)
    assert exit_code == code, output


def test_fail_on_passes_on_a_compliant_workspace_and_fails_on_one_gap(tmp_path: Path) -> None:
    files = compliant()
    root = write_workspace(tmp_path / "ok", files)
    code, output = assess(root, "--fail-on", "low")
    assert code == 0, output
    data = json.loads((root / "out/findings.json").read_text())
    assert not [f for f in data["findings"] if f["outcome"] in ("gap", "partial")]
    files["inventory/technology.yaml"]["payment_capture"] = "agent_keyed"  # PCI-SAD-01, high severity
    broken = write_workspace(tmp_path / "broken", files)
    assert assess(broken, "--fail-on", "high")[0] == 1


def test_an_organization_the_ccpa_does_not_reach_as_a_business_gets_what_reaches_it(tmp_path: Path) -> None:
    files = compliant()
    files["ccpa.yaml"]["organization"]["for_profit"] = False
    root = write_workspace(tmp_path, files)
    code, output = assess(root, "--fail-on", "low")
    assert code == 0, output
    sentence = "The CCPA does not apply to Compliant Co as a business: For-profit entity: no"
    assert "does not apply" in output and sentence in output and "What applies instead" in output
    data = json.loads((root / "out/findings.json").read_text())
    assert data["applicability"]["applies"] is False
    decided = {f["requirement_id"] for f in data["findings"] if f["outcome"] != "not_applicable"}
    assert {"CIPA-CONSENT-01", "SP-CONTRACT-01", "PCI-SAD-01"} <= decided
    assert "NOTICE-AT-COLLECTION-01" not in decided
    assert sentence in (root / "out/report.html").read_text()
    assert (root / "out/roadmap.json").is_file()


def test_init_writes_a_template_that_assesses(tmp_path: Path) -> None:
    root = tmp_path / "new"
    result = runner.invoke(app, ["init", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "ccpa.yaml").is_file() and (root / "evidence/flows").is_dir()
    code, output = assess(root)
    assert code == 0, output
    again = runner.invoke(app, ["init", str(root)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_schema_lists_every_file_and_checks_unknown_keys(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    schemas = json.loads(result.output)
    assert "ccpa.yaml" in schemas and "inventory/channels.yaml" in schemas
    one = json.loads(runner.invoke(app, ["schema", "inventory/vendors.yaml"]).output)
    assert one["$defs"]["Vendor"]["additionalProperties"] is False
    assert runner.invoke(app, ["schema", "nope.yaml"]).exit_code == 2
    written = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert written.exit_code == 0 and (tmp_path / "inventory-data.yaml.schema.json").is_file()


def test_declared_store_is_scanned_and_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "crm.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE cases (id INTEGER, customer_email TEXT, notes TEXT)")
        connection.executemany(
            "INSERT INTO cases VALUES (?, ?, ?)",
            [
                (i, f"user{i}@example.com", f"caller paid with card 4111 1111 1111 1111 on call {i}")
                for i in range(40)
            ],
        )
    files = compliant()
    files["inventory/systems.yaml"]["systems"][0]["connection_env"] = "TEST_CRM_URL"
    monkeypatch.setenv("TEST_CRM_URL", str(database))
    root = write_workspace(tmp_path / "ws", files)
    code, output = assess(root)
    assert code == 0, output
    assert (root / "out/datamap.json").is_file() and (root / "out/fides_datasets.yaml").is_file()
    assert "Data map" in (root / "out/report.html").read_text()
    findings = {
        f["requirement_id"]: f for f in json.loads((root / "out/findings.json").read_text())["findings"]
    }
    payment = findings["PCI-SAD-01"]
    assert payment["outcome"] == "gap" and payment["basis"] in ("observed", "mixed")
    assert any("cases" in e["location"] for e in payment["evidence"])
    written = "".join(p.read_text(errors="ignore") for p in (root / "out").glob("*.*") if p.suffix != ".xlsx")
    assert "4111 1111 1111 1111" not in written and "user3@example.com" not in written


def test_report_carries_the_sign_off_record(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, compliant())
    assert assess(root)[0] == 0
    assert "Sign-off record" not in (root / "out/report.html").read_text(), "no store, no section"
    store = Database(default_url(root))
    store.upgrade()
    with store.write() as session:
        version = import_version(session, load_inputs(root), "test").version
        reviewer = add_user(
            session, "test", "dana@privacy.example", "Privacy", "reviewer", "a long passphrase 42"
        )
        signoff.decide(session, reviewer, version, "approve", "")
        digest = version.content_hash
    assert assess(root)[0] == 0
    html = (root / "out/report.html").read_text()
    section = html[html.index("Sign-off record") :]
    assert "dana@privacy.example" in section and digest[:12] in section and "approve" in section


def test_coverage_stands_beside_readiness_in_the_console_findings_and_report(tmp_path: Path) -> None:
    root = tmp_path / "center"
    shutil.copytree(REPO / "tests" / "assess" / "workspaces" / "bare", root)
    code, output = assess(root)
    assert code == 0, output
    scores = json.loads((root / "out/findings.json").read_text())["scores"]
    assert 0 <= scores["coverage"] < 20, "a center that said little shows low coverage"
    assert f"coverage {scores['coverage']:.0f}% decided" in " ".join(output.split())
    assert all("coverage" in area for area in scores["by_area"].values())
    html = (root / "out/report.html").read_text()
    assert "Coverage" in html and f"<b>{scores['coverage']}</b>" in html
