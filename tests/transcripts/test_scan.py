"""`scan_transcripts` (the assessment's entry) and the command share one path and one contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.evidence.transcripts import ScanOptions, scan, scan_transcripts
from ccpa_readiness.evidence.transcripts.outputs import SpansOutput
from tests.transcripts.samples import write_samples


def test_observations_are_aggregated(tmp_path: Path) -> None:
    result = scan_transcripts([write_samples(tmp_path)])
    kinds = [o.kind for o in result.observations]
    assert kinds[0] == "TRANSCRIPT-SCANNED"
    scanned = result.observations[0].attributes
    assert (scanned["documents"], scanned["conversations"]) == (9, 7)
    pii = {o.subject: o for o in result.observations if o.kind == "TRANSCRIPT-PII"}
    assert {"US_SSN", "CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON"} <= set(pii)
    ssn = pii["US_SSN"]
    assert ssn.attributes["count"] == 3
    assert (ssn.attributes["category"], ssn.attributes["sensitive_kind"]) == ("identifiers", "government_id")
    assert ssn.snippet == "***-**-1123"
    disclosures = {o.subject: o.attributes for o in result.observations if o.kind == "TRANSCRIPT-DISCLOSURE"}
    assert set(disclosures) == {"recording_disclosure", "notice_at_collection"}
    recording = disclosures["recording_disclosure"]
    assert [recording[v] for v in ("given", "late", "missing", "conversations")] == [6, 0, 1, 7]
    assert recording["examples"] == ["contact-9"]
    assert len(result.problems) == 3


def test_json_and_spans_formats(tmp_path: Path) -> None:
    inputs = write_samples(tmp_path / "in")
    runner = CliRunner()
    out = tmp_path / "scan.json"
    args = ["scan", "transcripts", str(inputs / "chats.jsonl"), "--format", "json", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["documents"] == 2
    assert report["detections"] == {"PERSON": 1, "EMAIL_ADDRESS": 1, "US_SSN": 1}
    assert report["conversations"][0] == {
        "id": "conv-1",
        "recording_disclosure": "given",
        "notice_at_collection": "late",
        "first_collection_turn": 1,
        "collected_before_notice": ["PERSON", "US_SSN"],
    }
    spans = tmp_path / "spans.jsonl"
    args = ["scan", "transcripts", str(inputs / "call.srt"), "--format", "spans", "--out", str(spans)]
    assert runner.invoke(app, [*args, "--mode", "patterns"]).exit_code == 0
    (line,) = [json.loads(x) for x in spans.read_text(encoding="utf-8").splitlines()]
    assert line["id"].endswith("call.srt")
    (pred,) = line["preds"]
    assert pred["label"] == "US_SSN"


def test_sarif_and_bad_input(tmp_path: Path) -> None:
    inputs = write_samples(tmp_path / "in")
    out = tmp_path / "scan.sarif"
    runner = CliRunner()
    result = runner.invoke(app, ["scan", "transcripts", str(inputs), "--format", "sarif", "--out", str(out)])
    assert result.exit_code == 0
    sarif = json.loads(out.read_text(encoding="utf-8"))
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert {"US_SSN", "recording_disclosure"} <= rules
    assert runner.invoke(app, ["scan", "transcripts", str(tmp_path / "none.jsonl")]).exit_code == 2
    both = runner.invoke(
        app, ["scan", "transcripts", str(inputs), "--workers", "2", "--scheduler", "tcp://x:1"]
    )
    assert both.exit_code == 2


class _AssessingSpansOutput(SpansOutput):
    """The spans output of a scan that assesses every conversation (as before it spared them)."""

    verdicts = True


def test_the_spans_output_assesses_no_conversation(tmp_path: Path) -> None:
    """The spans output shows no verdict, so its scan assesses none (the aggregate counts no
    conversation) and writes the spans that the scan assessing every conversation finds."""
    inputs = write_samples(tmp_path / "in")
    written = {}
    for name, output_class in (("spans", SpansOutput), ("assessed", _AssessingSpansOutput)):
        with (tmp_path / name).open("w", encoding="utf-8") as handle:
            output = output_class(handle)
            aggregate, _ = scan([inputs], ScanOptions(mode="patterns"), output)
        written[name] = (tmp_path / name).read_text(encoding="utf-8")
        assert (aggregate.documents, aggregate.conversations) == (9, 7 if output.verdicts else 0)
    assert written["spans"] == written["assessed"] and written["spans"].count("\n") == 9
