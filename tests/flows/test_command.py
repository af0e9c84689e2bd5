"""`ccpa flows check`: formats, exit codes, SARIF shape, diagrams; and the `scan_flows` contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.evidence.flows import ANALYSED, scan_flows
from ccpa_readiness.evidence.flows.tables import rules

RUNNER = CliRunner()
FEEDBACK = "connect-legacy/amazon-connect-collect-feedback-via-phone-ivr__ivr-feedback-flow.json"
CLEAN = "connect/amazon-connect-gitlab-cicd-terraform__disconnectParticipant.json"


def test_sarif_report(flows_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "flows.sarif"
    result = RUNNER.invoke(
        app, ["flows", "check", str(flows_dir / FEEDBACK), "--format", "sarif", "--out", str(out)]
    )

    assert result.exit_code == 1
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "FLOW-RECORDING-NOTICE-MISSING" in rule_ids
    missing = next(r for r in run["results"] if r["ruleId"] == "FLOW-RECORDING-NOTICE-MISSING")
    assert missing["level"] == "error"
    assert missing["message"]["text"]
    (location,) = missing["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == (flows_dir / FEEDBACK).as_uri()
    assert location["logicalLocations"][0]["name"] == "3b6c7ba4-c43e-4190-9818-629ffc694055"
    assert location["physicalLocation"]["region"] == {"startLine": 331}  # where the module is declared
    assert missing["properties"]["path"][0] == "ebf69093-14e5-4fe0-9365-5d041e3782f4"
    assert missing["properties"]["path"][-1] == "3b6c7ba4-c43e-4190-9818-629ffc694055"
    assert all(r["ruleId"] == rule_ids[r["ruleIndex"]] for r in run["results"])


def test_exit_codes(flows_dir: Path, tmp_path: Path) -> None:
    feedback = str(flows_dir / FEEDBACK)
    clean = str(flows_dir / CLEAN)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")

    assert RUNNER.invoke(app, ["flows", "check", clean]).exit_code == 0
    assert RUNNER.invoke(app, ["flows", "check", clean, "--fail-on", "note"]).exit_code == 0
    assert RUNNER.invoke(app, ["flows", "check", feedback]).exit_code == 1
    assert RUNNER.invoke(app, ["flows", "check", str(broken)]).exit_code == 1
    assert RUNNER.invoke(app, ["flows", "check", str(tmp_path / "missing.json")]).exit_code == 2
    assert RUNNER.invoke(app, ["flows", "check", feedback, "--format", "xml"]).exit_code == 2
    assert RUNNER.invoke(app, ["flows", "check"]).exit_code == 2


def test_fail_on_levels(tmp_path: Path, flows_dir: Path) -> None:
    twilio = str(flows_dir / "twilio" / "level-up-with-twilio-studio__daily-sit-down.json")
    levels = {o.attributes["severity"] for o in scan_flows([Path(twilio)]).observations if o.kind != ANALYSED}
    assert levels == {"note"}
    assert RUNNER.invoke(app, ["flows", "check", twilio]).exit_code == 0
    assert RUNNER.invoke(app, ["flows", "check", twilio, "--fail-on", "warning"]).exit_code == 0
    assert RUNNER.invoke(app, ["flows", "check", twilio, "--fail-on", "note"]).exit_code == 1


def test_text_and_json_reports(flows_dir: Path) -> None:
    text = RUNNER.invoke(app, ["flows", "check", str(flows_dir / FEEDBACK)]).output
    assert "FLOW-RECORDING-NOTICE-MISSING" in text
    assert "1 flow analysed, 0 files invalid; 2 errors" in text

    output = RUNNER.invoke(app, ["flows", "check", str(flows_dir / FEEDBACK), "--format", "json"]).output
    report = json.loads(output)
    assert report["counts"]["FLOW-ANALYSED"] == 1
    assert report["observations"] == [o.model_dump() for o in scan_flows([flows_dir / FEEDBACK]).observations]


def test_help_has_an_example() -> None:
    result = RUNNER.invoke(app, ["flows", "check", "--help"])
    assert result.exit_code == 0
    assert "Example: ccpa flows check" in result.output


def test_diagrams(flows_dir: Path, tmp_path: Path) -> None:
    result = RUNNER.invoke(
        app, ["flows", "check", str(flows_dir / FEEDBACK), "--diagram", str(tmp_path / "d")]
    )

    assert result.exit_code == 1
    written = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert written == [
        "README.md",
        "amazon-connect-collect-feedback-via-phone-ivr__ivr-feedback-flow__ivr-feedback-flow.mmd",
        "amazon-connect-collect-feedback-via-phone-ivr__ivr-feedback-flow__ivr-feedback-flow.svg",
    ]
    mermaid = (tmp_path / "d" / written[1]).read_text(encoding="utf-8")
    assert mermaid.startswith("flowchart TD")
    assert "classDef error" in mermaid
    assert " error\n" in mermaid
    svg = (tmp_path / "d" / written[2]).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "#c62828" in svg
    readme = (tmp_path / "d" / "README.md").read_text(encoding="utf-8")
    assert "```mermaid" in readme and written[2] in readme


def test_scan_flows_contract(flows_dir: Path) -> None:
    scan = scan_flows([flows_dir / FEEDBACK])

    (analysed,) = [o for o in scan.observations if o.kind == ANALYSED]
    assert analysed.subject == "ivr-feedback-flow"
    assert analysed.attributes == {
        "format": "amazon-connect-legacy",
        "nodes": 13,
        "notice_given": False,
        "recording_disclosed": False,
        "records": True,
        "collects": True,
    }
    missing = next(o for o in scan.observations if o.kind == "FLOW-NOTICE-MISSING")
    assert missing.source == str(flows_dir / FEEDBACK)
    assert missing.location == "1a61c6ff-44dc-40bd-9e68-8be5e706b9e0"
    assert set(missing.attributes) == {"severity", "path", "format", "message"}
    assert missing.snippet.startswith("Your feedback is extremely important")


def test_snippets_mask_numbers(flows_dir: Path) -> None:
    scan = scan_flows([flows_dir / "twilio"])
    snippets = " ".join(o.snippet for o in scan.observations)
    assert "12265059038" not in snippets


def test_every_rule_of_the_contract_has_metadata() -> None:
    assert sorted(rules()) == sorted(
        [
            "FLOW-INVALID",
            "FLOW-NOTICE-MISSING",
            "FLOW-RECORDING-NOTICE-MISSING",
            "FLOW-PAYMENT-RECORDED",
            "FLOW-SENSITIVE-INPUT-UNENCRYPTED",
            "FLOW-ANALYTICS-UNREDACTED",
            "FLOW-VOICE-BIOMETRICS",
            "FLOW-EXTERNAL-SHARE",
            "FLOW-UNREACHABLE",
            "FLOW-DEAD-END",
            "FLOW-UNHANDLED-ERROR",
            "FLOW-UNDETERMINED",
            "FLOW-PAYMENT-RECORDING-UNKNOWN",
            "FLOW-ERROR-TO-SUCCESS",
        ]
    )
    assert {r.severity for r in rules().values()} == {"error", "warning", "note"}


def test_folders_skip_hidden_folders_and_other_files(flows_dir: Path, tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# flows\n", encoding="utf-8")
    (tmp_path / "flow.json").write_bytes((flows_dir / FEEDBACK).read_bytes())

    scan = scan_flows([tmp_path])

    assert {o.source for o in scan.observations} == {str(tmp_path / "flow.json")}
