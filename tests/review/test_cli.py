"""The commands: users add, review import and export, audit verify (on the default SQLite store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from tests.review.conftest import write_out

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_out(tmp_path)
    return tmp_path


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_users_add_reads_the_password_from_stdin(folder: Path) -> None:
    args = [
        "users",
        "add",
        "Lead@Example.com",
        "--department",
        "IT",
        "--role",
        "reviewer",
        "--dir",
        str(folder),
    ]
    code, output = _run(*args, "--password-stdin", stdin="a long enough password\n")
    assert code == 0 and "added lead@example.com (IT, reviewer)" in output
    assert (folder / ".ccpa" / "review.db").is_file()
    code, output = _run(*args, "--password-stdin", stdin="a long enough password\n")
    assert code == 2 and "already exists" in output


@pytest.mark.parametrize(
    ("department", "role", "password", "message"),
    [
        ("Finance", "reviewer", "a long enough password", "unknown department"),
        ("IT", "owner", "a long enough password", "unknown role"),
        ("IT", "viewer", "short", "at least 12"),
    ],
)
def test_users_add_refuses_bad_input(
    folder: Path, department: str, role: str, password: str, message: str
) -> None:
    code, output = _run(
        "users",
        "add",
        "x@example.com",
        "--department",
        department,
        "--role",
        role,
        "--dir",
        str(folder),
        "--password-stdin",
        stdin=password + "\n",
    )
    assert code == 2 and message in output


def test_import_then_unchanged_then_new_version(folder: Path) -> None:
    code, output = _run("review", "import", str(folder))
    assert code == 0 and "imported as version 1" in output
    code, output = _run("review", "import", str(folder))
    assert code == 0 and "unchanged: already version 1" in output
    write_out(folder, note=" again")
    code, output = _run("review", "import", str(folder))
    assert code == 0 and "imported as version 2" in output


def test_import_without_out_names_the_missing_file(tmp_path: Path) -> None:
    code, output = _run("review", "import", str(tmp_path))
    assert code == 2 and "findings.json" in output and "not found" in output


def test_export_writes_the_record(folder: Path) -> None:
    _run("review", "import", str(folder))
    target = folder / "record.json"
    code, _ = _run("review", "export", str(folder), "--format", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text()) == {"signoffs": []}
    code, output = _run("review", "export", str(folder), "--format", "csv")
    assert code == 0 and output.startswith(
        "version,content_hash,department,reviewer,decision,reason,at,current"
    )


def test_audit_verify_passes_then_names_the_tampered_entry(folder: Path) -> None:
    _run("review", "import", str(folder))
    _run(
        "users",
        "add",
        "a@example.com",
        "--department",
        "Legal",
        "--dir",
        str(folder),
        "--password-stdin",
        stdin="a long enough password\n",
    )
    code, output = _run("audit", "verify", str(folder))
    assert code == 0 and "intact: 2 entries" in output
    engine = create_engine(f"sqlite:///{folder / '.ccpa' / 'review.db'}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET subject = 'version 9' WHERE seq = 1"))
    engine.dispose()
    code, output = _run("audit", "verify", str(folder))
    assert code == 1 and "broken at entry 1" in output
