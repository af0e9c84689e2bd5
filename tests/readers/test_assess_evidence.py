"""Issue 18 defects 4 and 8 (last part), items 2 and 5: `ccpa assess` keeps every good evidence
file, names each bad or empty one (console, `findings.json` `problems`, report.html), refuses a
binary renamed `.html`, and writes the same `findings.json` wherever the workspace lies."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ccpa_readiness.evidence.documents import analyse
from ccpa_readiness.pipeline import run_assessment
from ccpa_readiness.reports.findings_json import findings_document
from tests.readers.hostile import corrupt_gzip, deep_json
from tests.readers.test_named_failures import GOOD_FLOW, GOOD_JSONL
from tests.workspace_builder import compliant, write_workspace

AS_OF = dt.date(2026, 12, 1)
POLICY = """<html><body><h1>Privacy Policy</h1>
<p>Last updated: November 1, 2026.</p>
<h2>Personal information we collect</h2>
<p>We collect identifiers such as your name, phone number and email address when you call us.</p>
<h2>Your rights</h2><p>You may request to know, delete or correct your personal information by
calling 1-800-555-0100.</p></body></html>
"""
VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Agent>Thank you for calling, this call may be recorded.

00:00:05.000 --> 00:00:09.000
<v Caller>My email is jane.doe@example.com and my phone is 415-555-0134.

00:00:10.000 --> 00:00:14.000
<v Caller>The card is 4111 1111 1111 1111 and my social is 123-45-6789.
"""
CSV_NO_ID = 'text\n"AGENT: hello. CUSTOMER: reach me at 415-555-0199"\n'
BAD_FILES = {
    "evidence/flows/deep.json": "nested more than",
    "evidence/flows/empty.json": "empty file",
    "evidence/transcripts/broken.jsonl.gz": "gzip",
    "evidence/transcripts/empty.jsonl": "empty file",
    "evidence/notices/renamed.html": "binary",
    "evidence/notices/empty.txt": "empty file",
}


def workspace(root: Path) -> Path:
    files = compliant()
    del files["ccpa.yaml"]["plan"]  # no roadmap: the evidence is what is under test
    files.update(
        {
            "evidence/flows/good.json": json.dumps(GOOD_FLOW),
            "evidence/flows/deep.json": deep_json(),
            "evidence/flows/empty.json": "",
            "evidence/transcripts/good.jsonl": GOOD_JSONL,
            "evidence/transcripts/call.vtt": VTT,
            "evidence/transcripts/rows.csv": CSV_NO_ID,
            "evidence/transcripts/empty.jsonl": "",
            "evidence/notices/policy.html": POLICY,
            "evidence/notices/empty.txt": "",
        }
    )
    write_workspace(root, files)
    corrupt_gzip(root / "evidence/transcripts/broken.jsonl.gz", GOOD_JSONL.encode())
    (root / "evidence/notices/renamed.html").write_bytes(bytes(range(256)) * 64)
    return root


def test_assess_keeps_the_good_evidence_files_and_names_each_bad_one(tmp_path: Path) -> None:
    run = run_assessment(workspace(tmp_path / "ws"), AS_OF)
    flows = run.evidence["call flows"].observations
    assert [o.source for o in flows if o.kind == "FLOW-ANALYSED"] == ["evidence/flows/good.json"]
    scanned = next(o for o in run.evidence["transcripts"].observations if o.kind == "TRANSCRIPT-SCANNED")
    assert scanned.attributes["documents"] == 3  # good.jsonl, call.vtt, rows.csv
    documents = [o.source for o in run.evidence["notices and scripts"].observations]
    assert "evidence/notices/policy.html" in documents
    assert "evidence/notices/renamed.html" not in documents
    problems = [str(p) for p in run.assessment.problems]
    for file, reason in BAD_FILES.items():
        assert any(p.startswith(file) and reason in p for p in problems), (file, problems)


def test_assess_lists_the_skipped_files_in_console_findings_json_and_report(tmp_path: Path) -> None:
    from ccpa_readiness.cli import app

    root = workspace(tmp_path / "ws")
    result = CliRunner().invoke(app, ["assess", str(root), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    findings = json.loads((root / "out/findings.json").read_text(encoding="utf-8"))
    report = (root / "out/report.html").read_text(encoding="utf-8")
    for file in BAD_FILES:
        assert f"skipped: {file}" in result.output, file
        assert any(p["source"] == file for p in findings["problems"]), file
        assert file in report


def test_binary_renamed_html_is_not_read_as_a_privacy_policy(tmp_path: Path) -> None:
    fake = tmp_path / "privacy-policy.html"
    fake.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 32)
    analysis = analyse([fake])
    assert analysis.documents == []
    (problem,) = analysis.problems
    assert "binary" in problem.message


def test_findings_json_is_byte_identical_wherever_the_workspace_lies(tmp_path: Path) -> None:
    first = workspace(tmp_path / "a")
    second = shutil.copytree(first, tmp_path / "somewhere" / "much" / "deeper" / "b")
    texts = [findings_document(run_assessment(root, AS_OF).assessment) for root in (first, second)]
    assert texts[0] == texts[1]
    assert str(tmp_path) not in texts[0]
