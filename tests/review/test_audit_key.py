"""The keyed audit chain: a rewrite re-hashed without the key fails, the key lives outside the
store, rotation re-signs, the head can be anchored, and stores from before the key keep loading."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.review import audit
from ccpa_readiness.review.audit_key import KEY_FILE_ENV, AuditKeyError
from ccpa_readiness.review.database import MIGRATIONS, Database
from ccpa_readiness.review.inputs import canonical_json
from ccpa_readiness.review.tables import AuditEntry, AuditHead
from tests.review.conftest import write_out

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with `out/`, its store at the default place and its key at DIR/.ccpa/audit.key."""
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    write_out(tmp_path)
    return tmp_path


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def _store_url(folder: Path) -> str:
    return f"sqlite:///{folder / '.ccpa' / 'review.db'}"


def _it_requests_changes(folder: Path) -> None:
    """A store with a version and IT's "request changes" in the audit log."""
    assert _run("review", "import", str(folder))[0] == 0
    store = Database(_store_url(folder), workspace=folder)
    with store.write() as session:
        detail = {"version": 1, "content_hash": "abc", "reason": "IT needs more time"}
        audit.append(session, "it@example.com", "signoff.request_changes", "IT", detail)
    store.engine.dispose()


def _rewrite_as_legal_approval_and_rehash(folder: Path, key: bytes | None = None) -> None:
    """What someone with write access to the database (not the key) would do: change the entry,
    then recompute every hash and the head so every link holds again."""
    engine = create_engine(_store_url(folder))
    with engine.begin() as connection:
        detail = canonical_json({"version": 1, "content_hash": "abc", "reason": "Legal approves"})
        connection.execute(
            text(
                "UPDATE audit_log SET actor='legal@example.com', action='signoff.approve', "
                "subject='Legal', detail=:detail WHERE action='signoff.request_changes'"
            ),
            {"detail": detail},
        )
        previous = audit.GENESIS
        rows = connection.execute(
            text("SELECT seq, at, actor, action, subject, detail FROM audit_log ORDER BY seq")
        )
        for seq, at, actor, action, subject, detail_json in rows.all():
            digest = audit.entry_hash(seq, at, actor, action, subject, detail_json, previous, key)
            connection.execute(
                text("UPDATE audit_log SET prev_hash=:p, hash=:h WHERE seq=:s"),
                {"p": previous, "h": digest, "s": seq},
            )
            previous = digest
        connection.execute(text("UPDATE audit_head SET last_hash=:h, key_id=NULL"), {"h": previous})
    engine.dispose()


def test_a_rehashed_rewrite_of_a_decision_fails_verify(folder: Path) -> None:
    _it_requests_changes(folder)
    assert _run("audit", "verify", str(folder))[0] == 0
    _rewrite_as_legal_approval_and_rehash(folder)
    code, output = _run("audit", "verify", str(folder))
    assert code == 1 and "broken at entry 1" in output


def test_the_key_is_a_private_file_outside_the_database(folder: Path) -> None:
    _it_requests_changes(folder)
    path = folder / ".ccpa" / "audit.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secret = json.loads(path.read_text())["key"]
    dump = "\n".join(create_engine(_store_url(folder)).raw_connection().iterdump())  # type: ignore[attr-defined]
    assert secret not in dump and secret.lower() not in dump.lower()


def test_a_missing_key_is_named_not_taken_for_tampering(folder: Path) -> None:
    _it_requests_changes(folder)
    (folder / ".ccpa" / "audit.key").unlink()
    code, output = _run("audit", "verify", str(folder))
    assert code == 1 and "give its audit key" in output


def test_rotation_re_signs_the_chain_and_retires_the_old_key(folder: Path) -> None:
    _it_requests_changes(folder)
    path = folder / ".ccpa" / "audit.key"
    old = bytes.fromhex(json.loads(path.read_text())["key"])
    code, output = _run("audit", "rotate-key", str(folder))
    assert code == 0 and "intact: 3 entries" in output, output
    assert bytes.fromhex(json.loads(path.read_text())["key"]) != old
    assert not (folder / ".ccpa" / "audit.key.next").exists()
    _rewrite_as_legal_approval_and_rehash(folder, key=old)  # the old key is worth nothing now
    assert _run("audit", "verify", str(folder))[0] == 1


def test_rotation_refuses_a_broken_chain(folder: Path) -> None:
    _it_requests_changes(folder)
    before = (folder / ".ccpa" / "audit.key").read_text()
    _rewrite_as_legal_approval_and_rehash(folder)
    code, output = _run("audit", "rotate-key", str(folder))
    assert code == 1 and "broken at entry 1" in output
    assert (folder / ".ccpa" / "audit.key").read_text() == before


def test_an_anchored_head_catches_a_rewrite_by_the_key_holder(folder: Path) -> None:
    _it_requests_changes(folder)
    code, output = _run("audit", "head", str(folder))
    anchor = output.strip()
    assert code == 0 and anchor.startswith("2:") and len(anchor) == 66
    assert _run("audit", "verify", str(folder), "--anchor", anchor)[0] == 0
    key = bytes.fromhex(json.loads((folder / ".ccpa" / "audit.key").read_text())["key"])
    _rewrite_as_legal_approval_and_rehash(folder, key=key)  # whoever holds the key can re-sign...
    assert _run("audit", "verify", str(folder))[0] == 0
    code, output = _run("audit", "verify", str(folder), "--anchor", anchor)  # ...but not the anchor
    assert code == 1 and "anchored" in output
    assert _run("audit", "verify", str(folder), "--anchor", "2:nothex")[0] == 2


def test_a_store_from_before_the_key_keeps_loading_and_rotation_seals_it(folder: Path) -> None:
    """A v0002 store whose entries carry plain sha256 (as written before the key existed)."""
    url = _store_url(folder)
    (folder / ".ccpa").mkdir()
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "v0002")
        previous = audit.GENESIS
        for seq in (1, 2):
            fields = (seq, f"2026-11-0{seq}T09:00:00.000000+00:00", "cli", "import", f"version {seq}", "{}")
            digest = audit.entry_hash(*fields, previous)
            connection.execute(
                text("INSERT INTO audit_log VALUES (:s, :a, :ac, :act, :sub, :d, :p, :h)"),
                dict(zip(("s", "a", "ac", "act", "sub", "d"), fields, strict=True), p=previous, h=digest),
            )
            previous = digest
        connection.execute(text("UPDATE audit_head SET seq=2, last_hash=:h"), {"h": previous})
    engine.dispose()
    _it_requests_changes(folder)  # migrates to v0003, makes the key: it signs from entry 3 on
    code, output = _run("audit", "verify", str(folder))
    assert code == 0 and "intact: 4 entries" in output and "2 entries predate the audit key" in output
    store = Database(url, workspace=folder)
    with store.read() as session:
        keyed_from = audit.session_key(session)
        assert keyed_from is not None and keyed_from.keyed_from == 3
        assert session.execute(select(AuditHead.key_id)).scalar_one() == keyed_from.id
        assert len(session.execute(select(AuditEntry)).all()) == 4
    store.engine.dispose()
    assert _run("audit", "rotate-key", str(folder))[0] == 0
    code, output = _run("audit", "verify", str(folder))
    assert code == 0 and "intact: 5 entries" in output and "predate" not in output


def test_a_running_server_follows_a_rotation_made_by_the_command(folder: Path) -> None:
    _it_requests_changes(folder)
    server = Database(_store_url(folder), workspace=folder)
    with server.write() as session:
        audit.append(session, "it@example.com", "comment", "T-1")  # holds the first key now
    assert _run("audit", "rotate-key", str(folder))[0] == 0
    with server.write() as session:
        audit.append(session, "it@example.com", "comment", "T-2")
    server.engine.dispose()
    code, output = _run("audit", "verify", str(folder))
    assert code == 0 and "intact: 5 entries" in output


def test_a_lost_key_stops_writes_instead_of_starting_a_new_chain(folder: Path) -> None:
    _it_requests_changes(folder)
    (folder / ".ccpa" / "audit.key").unlink()
    store = Database(_store_url(folder), workspace=folder)
    with pytest.raises(AuditKeyError, match="restore that file"), store.write() as session:
        audit.append(session, "cli", "import", "version 2")
    store.engine.dispose()
    assert not (folder / ".ccpa" / "audit.key").exists()
    code, output = _run("review", "import", str(folder))
    assert code == 2 and "restore that file" in output
