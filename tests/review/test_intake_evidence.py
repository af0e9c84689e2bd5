"""`/intake/evidence`: uploads by role, their checks (name, size, content, executables, virus scan)
and the list of what the scanners made of each file, never showing raw personal information."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ccpa_readiness.review.app import create_app
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.tables import AuditEntry
from tests.review.conftest import Browser, World, browser_for

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "acme-contact-center" / "evidence"


def upload(browser: Browser, kind: str, name: str, data: bytes, csrf: bool = True) -> httpx.Response:
    fields = {"kind": kind, **({"csrf_token": browser.csrf} if csrf else {})}
    response: httpx.Response = browser.client.post(
        "/intake/evidence", data=fields, files={"file": (name, data)}, follow_redirects=False
    )
    return response


def evidence_in(world: World) -> list[str]:
    folder = world.workspace / "evidence"
    return (
        sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        if folder.exists()
        else []
    )


def test_an_uploaded_flow_export_is_stored_scanned_listed_and_audited(
    world: World, browsers: dict[str, Browser]
) -> None:
    data = (EXAMPLE / "flows" / "acme-main-ivr.json").read_bytes()
    response = upload(browsers["admin"], "flows", "acme-main-ivr.json", data)
    assert response.status_code == 200 and "stored as evidence/flows/acme-main-ivr.json" in response.text
    stored = world.workspace / "evidence" / "flows" / "acme-main-ivr.json"
    assert stored.read_bytes() == data
    assert not stored.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    page = browsers["viewer"].client.get("/intake/evidence").text
    assert "flow acme-main-ivr parsed (amazon-connect, 11 steps)" in page
    assert "FLOW-RECORDING-NOTICE-MISSING: 1" in page
    with world.db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "evidence.upload")).scalar_one()
    assert entry.actor == "admin@example.com" and entry.subject == "evidence/flows/acme-main-ivr.json"
    again = upload(browsers["admin"], "flows", "acme-main-ivr.json", data)
    assert "already there, unchanged" in again.text and evidence_in(world) == ["flows/acme-main-ivr.json"]


def test_a_transcript_is_summed_up_by_counts_without_its_personal_information(
    world: World, browsers: dict[str, Browser]
) -> None:
    data = (EXAMPLE / "transcripts" / "calls-2026-10.jsonl").read_bytes()
    page = upload(browsers["legal"], "transcripts", "calls-2026-10.jsonl", data).text
    assert "3 conversations read" in page and "PHONE_NUMBER 1" in page and "EMAIL_ADDRESS 1" in page
    for raw in ("415-555-0142", "jordan.lee@example.com", "jordan", "Priya"):
        assert raw in data.decode() and raw not in page


def test_a_real_privacy_policy_lists_its_elements(
    world: World, browsers: dict[str, Browser], shared_dir: Path
) -> None:
    policy = sorted((shared_dir / "data" / "notices" / "docs").glob("*.html"))[0]
    page = upload(browsers["it"], "notices", policy.name, policy.read_bytes()).text
    assert "read as privacy policy" in page and "elements present:" in page


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [
        ("../../ccpa.json", "flows/ccpa.json"),
        ("..\\..\\inventory\\x.json", "flows/x.json"),
        ("/etc/passwd.json", "flows/passwd.json"),
        ("Flow export (v2) — final.json", "flows/Flow-export-v2-final.json"),
        ("....json", None),
    ],
)
def test_file_names_are_made_safe_and_stay_in_their_folder(
    world: World, browsers: dict[str, Browser], name: str, stored_as: str | None
) -> None:
    before = {p for p in world.workspace.rglob("*") if p.is_file() and ".ccpa" not in p.parts}
    response = upload(browsers["admin"], "flows", name, b'{"Version": "2019-10-30", "Actions": []}')
    after = {p for p in world.workspace.rglob("*") if p.is_file() and ".ccpa" not in p.parts}
    if stored_as is None:
        assert response.status_code == 400 and after == before
    else:
        assert response.status_code == 200, response.text
        assert [str(p.relative_to(world.workspace / "evidence")) for p in after - before] == [stored_as]


def _docx(extra: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for member, content in extra.items():
            archive.writestr(member, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "name", "data", "reason"),
    [
        ("flows", "flow.json", b"%PDF-1.7\n1 0 obj\n", "the content is pdf"),
        ("flows", "flow.json", b'{"Actions": [', "invalid JSON"),
        ("flows", "flow.exe", b"{}", "are .json, .yaml, .yml files"),
        ("transcripts", "calls.txt", b"\x00\x01\x02\xff" * 200, "the content is binary"),
        ("transcripts", "calls.txt.gz", b"\x1f\x8b\x08\x00garbage", "broken gzip"),
        ("scripts", "opening.md", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "executable content"),
        ("scripts", "opening.md", b"#!/bin/sh\nrm -rf /\n", "executable content"),
        (
            "notices",
            "policy.pdf",
            b"%PDF-1.7\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            "scripts",
        ),
        ("notices", "policy.docx", _docx({"word/vbaProject.bin": b"macro"}), "macros"),
        ("notices", "policy.docx", b"PK\x05\x06" + b"\x00" * 18, "not a Word document"),
        ("notices", "policy.html", b"Privacy notice. " * 100 + b"\xff", "not UTF-8"),
        ("exports", "data.csv", b"a,b\n", "unknown evidence kind"),
    ],
)
def test_content_is_sniffed_and_refused_with_a_reason(
    world: World, browsers: dict[str, Browser], kind: str, name: str, data: bytes, reason: str
) -> None:
    response = upload(browsers["admin"], kind, name, data)
    assert response.status_code == 400 and reason in response.text, response.text[-600:]
    assert evidence_in(world) == []


def test_a_real_word_document_is_accepted(world: World, browsers: dict[str, Browser]) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph(
        "We record calls for quality and training. You may opt out of the sale of your data."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    assert upload(browsers["admin"], "scripts", "opening.docx", buffer.getvalue()).status_code == 200
    assert evidence_in(world) == ["scripts/opening.docx"]


@pytest.fixture
def small_limit_world(world: World) -> Iterator[World]:
    app = create_app(Settings(db_url=world.url, workspace=world.workspace, upload_bytes=1000))
    yield World(app.state.db, world.workspace, world.url, app)
    app.state.db.engine.dispose()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(small_limit_world: World) -> None:
    admin = browser_for(small_limit_world, "admin@example.com")
    response = upload(admin, "transcripts", "calls.txt", b"Agent: hello.\n" * 200)
    assert response.status_code == 413 and "over the upload limit of 1,000 bytes" in response.text
    assert upload(admin, "transcripts", "calls.txt", b"Agent: hello.\n" * 10).status_code == 200
    body = b"x" * 100_000
    refused = admin.client.post(
        "/intake/evidence", content=body, headers={"content-type": "multipart/form-data"}
    )
    assert refused.status_code == 413
    assert evidence_in(small_limit_world) == ["transcripts/calls.txt"]


@pytest.fixture
def scanned_world(world: World, tmp_path: Path) -> Iterator[World]:
    """A virus scanner as a configured command: exit 1 when the file holds the EICAR test string."""
    scanner = tmp_path / "fake-clamdscan"
    scanner.write_text(
        '#!/bin/sh\nif grep -q "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" "$1"; then exit 1; fi\nexit 0\n'
    )
    scanner.chmod(0o755)
    app = create_app(Settings(db_url=world.url, workspace=world.workspace, virus_scan=(str(scanner),)))
    yield World(app.state.db, world.workspace, world.url, app)
    app.state.db.engine.dispose()


def test_the_virus_scan_hook_refuses_what_it_flags(scanned_world: World) -> None:
    admin = browser_for(scanned_world, "admin@example.com")
    eicar = b"Agent: X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n"
    response = upload(admin, "transcripts", "calls.txt", eicar)
    assert response.status_code == 400 and "found malware" in response.text
    assert evidence_in(scanned_world) == []
    assert not any((scanned_world.workspace / ".ccpa" / "incoming").iterdir())
    assert upload(admin, "transcripts", "calls.txt", b"Agent: this call is recorded.\n").status_code == 200


def test_uploads_by_role(world: World, browsers: dict[str, Browser]) -> None:
    data = b"Agent: thank you for calling.\n"
    assert upload(browsers["viewer"], "transcripts", "a.txt", data).status_code == 403
    assert upload(browsers["legal"], "transcripts", "b.txt", data).status_code == 200
    assert upload(browsers["admin"], "transcripts", "c.txt", data, csrf=False).status_code == 403
    anonymous = TestClient(world.app).post(
        "/intake/evidence", data={"kind": "transcripts"}, files={"file": ("d.txt", data)}
    )
    assert anonymous.status_code == 401
    assert evidence_in(world) == ["transcripts/b.txt"]
    assert 'action="/intake/evidence"' not in browsers["viewer"].client.get("/intake/evidence").text
    assert 'action="/intake/evidence"' in browsers["it"].client.get("/intake/evidence").text
