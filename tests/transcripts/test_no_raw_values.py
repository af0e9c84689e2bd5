"""No raw value leaves the scanner: not in any output format, not in the redacted copies."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.evidence.transcripts import scan_transcripts
from tests.transcripts.samples import RAW_VALUES, SSN, write_samples


def read_any(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


def assert_clean(text: str, where: str) -> None:
    for value in RAW_VALUES:
        assert value not in text, f"{value!r} in {where}"


@pytest.mark.parametrize("output_format", ["summary", "json", "spans", "sarif"])
def test_outputs_and_redacted_copies_hold_no_raw_value(tmp_path: Path, output_format: str) -> None:
    inputs = write_samples(tmp_path / "in")
    out, redacted = tmp_path / "out" / f"report.{output_format}", tmp_path / "redacted"
    runner = CliRunner()
    args = ["scan", "transcripts", str(inputs), "--format", output_format, "--out", str(out)]
    result = runner.invoke(app, [*args, "--redact", str(redacted)])
    assert result.exit_code == 0, result.output
    assert_clean(out.read_text(encoding="utf-8"), str(out))
    assert_clean(result.output, "the console")
    copies = sorted(p for p in redacted.rglob("*") if p.is_file())
    assert len(copies) == 8
    for copy in copies:
        assert_clean(read_any(copy), str(copy))
    assert "***-**-1123" in read_any(next(p for p in copies if p.name == "chats.jsonl"))


def test_redacted_copies_keep_their_format(tmp_path: Path) -> None:
    inputs = write_samples(tmp_path / "in")
    redacted = tmp_path / "redacted"
    CliRunner().invoke(app, ["scan", "transcripts", str(inputs), "--redact", str(redacted)])
    copies = {p.name: p for p in redacted.rglob("*") if p.is_file()}
    records = [json.loads(line) for line in read_any(copies["chats.jsonl"]).splitlines()]
    assert [r["id"] for r in records] == ["conv-1", "text-1"]
    transcribe = json.loads(read_any(copies["transcribe.json"]))
    assert transcribe["results"]["transcripts"][0]["transcript"].endswith("my social is ***-**-1123")
    assert read_any(copies["call.vtt"]).startswith("WEBVTT")
    assert read_any(copies["notes.csv"]).startswith("id,agent,text")
    assert json.loads(read_any(copies["more.jsonl.gz"]))["text"] == "my phone is (***) ***-0132"


def test_observation_snippets_are_masked(tmp_path: Path) -> None:
    result = scan_transcripts([write_samples(tmp_path)])
    dumped = json.dumps([o.model_dump() for o in result.observations])
    assert_clean(dumped, "observations")
    assert SSN not in dumped
