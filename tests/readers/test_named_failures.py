"""Issue 18 defect 3: hostile or broken inputs to the reader commands are named problems: exit 2
for an input the command cannot go on without, a `skipped: FILE:PLACE: why` line otherwise, never
a traceback, and the good inputs given beside the bad one are kept."""

from __future__ import annotations

import csv
import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ccpa_readiness.cli import app
from tests.readers.hostile import corrupt_gzip, deep_json, deep_yaml, yaml_recursive_alias
from tests.review.conftest import findings_doc, roadmap_doc
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()
GOOD_JSONL = '{"id": "good-1", "text": "AGENT: This call is recorded. CUSTOMER: my email is a@b.co"}\n'
GOOD_FLOW = {
    "Version": "2019-10-30",
    "StartAction": "bye",
    "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}],
}


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


# --- flows -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("deep.json", deep_json(), "nested more than"),
        ("deep.yaml", "inboundCall:\n  name: x\n  startUpTaskActions:\n  " + deep_yaml(), "nested"),
        ("loop.yaml", yaml_recursive_alias(key="inboundCall"), "alias"),
        ("empty.json", "", "empty file"),
    ],
)
def test_flows_check_names_a_hostile_flow_and_reads_the_good_one(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(GOOD_FLOW), encoding="utf-8")
    result = invoke("flows", "check", str(tmp_path), "--format", "json")
    assert result.exit_code == 1  # FLOW-INVALID is an error-level result, not bad usage
    document = json.loads(result.output)
    text = json.dumps(document)
    assert name in text and reason in text
    assert "good.json" in text


# --- transcripts -------------------------------------------------------------------------------


def transcribe(items: object, speaker_labels: object = None) -> str:
    results: dict[str, object] = {"items": items, "transcripts": [{"transcript": "x"}]}
    if speaker_labels is not None:
        results["speaker_labels"] = speaker_labels
    return json.dumps({"jobName": "job", "results": results})


def big_field_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(["r1", "x" * 200_000])
        writer.writerow(["r2", "AGENT: hello, this call is recorded"])


@pytest.mark.parametrize(
    ("name", "write", "reason"),
    [
        ("deep.jsonl", lambda p: p.write_text(deep_json() + "\n" + GOOD_JSONL), "nested more than"),
        ("deep.json", lambda p: p.write_text(deep_json()), "nested more than"),
        ("broken.jsonl.gz", lambda p: corrupt_gzip(p, GOOD_JSONL.encode()), "gzip"),
        ("types.json", lambda p: p.write_text(transcribe(items="not a list")), "wrong type"),
        (
            "labels.json",
            lambda p: p.write_text(transcribe([{"alternatives": [{"content": "hi"}]}], speaker_labels=[1])),
            "wrong type",
        ),
        ("items.json", lambda p: p.write_text(transcribe([{"alternatives": 7}])), "wrong type"),
        ("empty.jsonl", lambda p: p.write_text(""), "empty file"),
        ("binary.txt", lambda p: p.write_bytes(b"\x00\x01\xff\xfe" * 100), "skipped"),
    ],
)
def test_scan_transcripts_names_a_broken_file_and_keeps_the_good_one(
    tmp_path: Path, name: str, write: object, reason: str
) -> None:
    (tmp_path / "a-good.jsonl").write_text(GOOD_JSONL, encoding="utf-8")
    write(tmp_path / name)  # type: ignore[operator]
    result = invoke("scan", "transcripts", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped:")]
    assert any(name in line and reason in line for line in skipped), result.output
    assert '"documents": 1' in result.output or '"documents": 2' in result.output


def test_csv_field_over_128_kb_is_one_skipped_row_and_the_next_row_is_read(tmp_path: Path) -> None:
    big_field_csv(tmp_path / "notes.csv")
    result = invoke("scan", "transcripts", str(tmp_path / "notes.csv"), "--format", "json")
    assert result.exit_code == 0, result.output
    # the 200 KB field is within the record limit: read, not a traceback; the next row too
    assert '"documents": 2' in result.output


def test_csv_row_over_the_record_limit_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCPA_LIMIT_RECORD_BYTES", "100000")
    big_field_csv(tmp_path / "notes.csv")
    result = invoke("scan", "transcripts", str(tmp_path / "notes.csv"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "notes.csv:line 2" in result.output and "CCPA_LIMIT_RECORD_BYTES" in result.output
    assert '"documents": 1' in result.output


def test_gzip_named_like_plain_text_is_read_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "calls.jsonl").write_bytes(gzip.compress(GOOD_JSONL.encode()))
    result = invoke("scan", "transcripts", str(tmp_path / "calls.jsonl"), "--format", "json")
    assert result.exit_code == 0 and '"documents": 1' in result.output, result.output


# --- workspace YAML ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [(deep_yaml(), "nested more than"), (yaml_recursive_alias(), "alias")],
)
def test_hostile_ccpa_yaml_is_exit_2_naming_the_file(tmp_path: Path, content: str, reason: str) -> None:
    write_workspace(tmp_path, {**compliant(), "ccpa.yaml": content})
    result = invoke("assess", str(tmp_path))
    assert result.exit_code == 2
    assert "ccpa.yaml" in result.output and reason in result.output, result.output


def test_limits_set_wrong_are_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCPA_LIMIT_DEPTH", "deep")
    write_workspace(tmp_path, compliant())
    result = invoke("assess", str(tmp_path))
    assert result.exit_code == 2 and "CCPA_LIMIT_DEPTH" in result.output


# --- data stores -------------------------------------------------------------------------------


def good_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (email TEXT)")
        connection.execute("INSERT INTO customers VALUES ('a@example.com')")
    return path


def test_scan_datastore_names_a_file_that_is_not_sqlite_and_scans_the_good_one(tmp_path: Path) -> None:
    (tmp_path / "fake.db").write_text("just some text, not a database\n", encoding="utf-8")
    good = good_sqlite(tmp_path / "good.db")
    result = invoke("scan", "datastore", str(tmp_path / "fake.db"), str(good))
    assert result.exit_code == 0, result.output
    assert "fake.db" in result.output and "not a SQLite database" in result.output


def test_scan_datastore_of_only_a_non_sqlite_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "fake.sqlite").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = invoke("scan", "datastore", str(tmp_path / "fake.sqlite"))
    assert result.exit_code == 2
    assert "fake.sqlite" in result.output and "not a SQLite database" in result.output


# --- review import -------------------------------------------------------------------------------


def review_workspace(root: Path, findings: bytes | None = None) -> Path:
    out = root / "out"
    out.mkdir(parents=True)
    out.joinpath("findings.json").write_bytes(findings or json.dumps(findings_doc()).encode())
    out.joinpath("roadmap.json").write_text(json.dumps(roadmap_doc()), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01\x02\x03" * 64, "binary"),
        ('{"organization": "caf\xe9"}'.encode("latin-1"), "UTF-8"),
        (deep_json().encode(), "nested more than"),
    ],
)
def test_review_import_of_a_broken_findings_json_is_exit_2(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    root = review_workspace(tmp_path, content)
    result = invoke("review", "import", str(root))
    assert result.exit_code == 2
    assert "findings.json" in result.output and reason in result.output, result.output


def test_review_import_of_a_looping_findings_json_is_exit_2(tmp_path: Path) -> None:
    root = review_workspace(tmp_path)
    findings = root / "out" / "findings.json"
    findings.unlink()
    findings.symlink_to(findings)
    result = invoke("review", "import", str(root))
    assert result.exit_code == 2
    assert "findings.json" in result.output, result.output


def test_review_import_into_a_file_that_is_not_sqlite_is_exit_2(tmp_path: Path) -> None:
    root = review_workspace(tmp_path)
    store = tmp_path / "store.db"
    store.write_text("not a database at all\n", encoding="utf-8")
    result = invoke("review", "import", str(root), "--db", f"sqlite:///{store}")
    assert result.exit_code == 2
    assert "store.db" in result.output and "not a SQLite database" in result.output, result.output
