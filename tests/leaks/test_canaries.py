"""No raw identifier in any output: canaries of every PII label planted in every evidence kind
(transcripts, flows, policies, scripts, data stores, workspace text fields) of the example
workspace; then `ccpa assess`, the scan commands, the review import and the app's pages, and every
output (JSON, HTML, CSV, SVG, YAML, XLSX and DOCX unzipped, the review store dumped, stdout and
stderr) is searched for them."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.review.app import create_app
from ccpa_readiness.review.audit_key import KEY_FILE_ENV
from ccpa_readiness.review.database import Database, default_url
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.users import add_user
from tests.conftest import REPO
from tests.leaks.canaries import ALL, canaries, digits_runs

EXAMPLE = REPO / "examples" / "acme-contact-center"
PASSWORD = "a long enough password"
pytestmark = pytest.mark.slow
runner = CliRunner()


def _plant(root: Path, database: Path) -> None:
    evidence = root / "evidence"
    said = canaries("transcript")
    with (evidence / "transcripts" / "calls-2026-10.jsonl").open("a", encoding="utf-8") as handle:
        turns = [
            {"speaker": "CUSTOMER", "text": s, "start": float(i)} for i, s in enumerate(said.sentences())
        ]
        handle.write(json.dumps({"id": "call-canary", "channel": "voice", "turns": turns}) + "\n")
    flow_path = evidence / "flows" / "acme-main-ivr.json"
    flow = flow_path.read_text(encoding="utf-8")
    first = "Thank you for calling Acme Home Services."
    assert first in flow
    flow_path.write_text(flow.replace(first, f"{first} {canaries('flow').text()}", 1), encoding="utf-8")
    policy = evidence / "notices" / "acme-privacy-policy.html"
    html = policy.read_text(encoding="utf-8")
    paragraph = f"<h2>Contact</h2><p>{canaries('policy').text()}</p>"
    policy.write_text(html.replace("</body>", paragraph + "</body>"), encoding="utf-8")
    with (evidence / "scripts" / "agent-opening-script.md").open("a", encoding="utf-8") as handle:
        handle.write(f'\n## Example caller\n"{canaries("script").text()}"\n')
    stored = canaries("datastore").values
    with sqlite3.connect(database) as connection:
        connection.execute(
            "CREATE TABLE customers (id INTEGER, first_name TEXT, last_name TEXT, ssn TEXT, email TEXT,"
            " phone TEXT, card_number TEXT, date_of_birth TEXT, ip_address TEXT, notes TEXT)"
        )
        columns = (
            "PERSON",
            "US_SSN",
            "EMAIL_ADDRESS",
            "PHONE_NUMBER",
            "CREDIT_CARD",
            "DATE_OF_BIRTH",
            "IP_ADDRESS",
        )
        row = ("Margarethe", *(stored[label] for label in columns), canaries("datastore").text())
        connection.executemany(
            "INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?)", [(i, *row) for i in range(40)]
        )
    systems_path = root / "inventory" / "systems.yaml"
    systems = yaml.safe_load(systems_path.read_text(encoding="utf-8"))
    systems["systems"][0]["connection_env"] = "CANARY_CRM_URL"
    systems_path.write_text(yaml.safe_dump(systems, sort_keys=False), encoding="utf-8")
    procedures_path = root / "inventory" / "procedures.yaml"
    procedures = yaml.safe_load(procedures_path.read_text(encoding="utf-8"))
    written = canaries("workspace").text()
    procedures["procedures"][0]["title"] += f" (escalations: {written})"
    procedures_path.write_text(yaml.safe_dump(procedures, sort_keys=False), encoding="utf-8")


def _text_of(path: Path) -> str:
    """A file's text; archives (XLSX, DOCX, gzip'd copies) opened and every member read."""
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if path.suffix == ".gz":
        import gzip

        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    if path.suffix in (".db", ".sqlite"):
        with sqlite3.connect(path) as connection:
            return "\n".join(connection.iterdump())
    return path.read_text(encoding="utf-8", errors="replace")


def _run(outputs: dict[str, str], name: str, *args: str) -> None:
    result = runner.invoke(app, list(args))
    outputs[name] = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code in (0, 1), f"{name}: exit {result.exit_code}\n{result.output}"


def _pages(root: Path, db_url: str) -> dict[str, str]:
    """Every page of the review app an admin sees, findings and tasks one by one."""
    application = create_app(Settings(db_url=db_url, workspace=root))
    with application.state.db.write() as session:
        add_user(session, "cli", "admin@example.com", "Privacy", "admin", PASSWORD)
    client = TestClient(application)
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"email": "admin@example.com", "password": PASSWORD, "csrf_token": token})
    findings = json.loads((root / "out" / "findings.json").read_text())["findings"]
    roadmap = json.loads((root / "out" / "roadmap.json").read_text())["tasks"]
    paths = [
        "/",
        "/findings",
        "/roadmap",
        "/signoff",
        "/admin/users",
        "/admin/audit",
        "/signoff/export?format=csv",
    ]
    paths += [f"/findings/{f['requirement_id']}" for f in findings]
    paths += [f"/tasks/{t['id']}" for t in roadmap]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        pages[f"page {path}"] = response.text
    application.state.db.engine.dispose()
    return pages


def test_no_canary_reaches_any_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out", ".ccpa"))
    database = tmp_path / "crm.db"
    monkeypatch.setenv("CANARY_CRM_URL", str(database))
    _plant(root, database)
    evidence = root / "evidence"
    scans = tmp_path / "scans"
    scans.mkdir()
    outputs: dict[str, str] = {}
    _run(outputs, "assess", "assess", str(root), "--as-of", "2026-11-29")
    transcripts = str(evidence / "transcripts")
    for fmt in ("summary", "json", "spans", "sarif"):
        _run(outputs, f"scan transcripts {fmt}", "scan", "transcripts", transcripts, "--format", fmt)
    _run(
        outputs,
        "scan transcripts redact",
        "scan",
        "transcripts",
        transcripts,
        "--redact",
        str(scans / "redacted"),
    )
    notices = [
        str(p) for p in sorted((evidence / "notices").iterdir()) + sorted((evidence / "scripts").iterdir())
    ]
    for fmt in ("text", "json"):
        _run(outputs, f"notices check {fmt}", "notices", "check", *notices, "--format", fmt)
    for fmt in ("text", "json", "sarif"):
        _run(outputs, f"flows check {fmt}", "flows", "check", str(evidence / "flows"), "--format", fmt)
    for fmt in ("summary", "json"):
        _run(outputs, f"scan datastore {fmt}", "scan", "datastore", str(database), "--format", fmt)
    _run(outputs, "review import", "review", "import", str(root))
    outputs.update(_pages(root, default_url(root)))
    Database(default_url(root), workspace=root).engine.dispose()
    written = [
        p for folder in (root / "out", root / ".ccpa", scans) for p in folder.rglob("*") if p.is_file()
    ]
    assert any(p.suffix == ".xlsx" for p in written) and any(p.name == "review.db" for p in written)
    outputs.update(
        {
            str(p.relative_to(tmp_path)): _text_of(p)
            for p in written
            if not p.name.endswith(("-wal", "-shm", ".key"))
        }
    )
    # the planted values were seen: the run found the sensitive data it must not show
    assert "US_SSN" in outputs["scan transcripts json"] and "US_SSN" in outputs["scan datastore json"]
    leaks: set[str] = set()
    for name, text in outputs.items():
        runs = digits_runs(text)  # once per output, for every canary
        leaks |= {f"{name}: {c.kind} {leak}" for c in ALL for leak in c.leaks(text, runs)}
    assert not leaks, "\n".join(sorted(leaks))
