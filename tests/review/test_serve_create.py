"""`ccpa serve DIR --create`: a workspace and its first admin made from nothing, then served; the
refusals that leave nothing behind; the hint on a folder without a workspace."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.workspace.loader import load_workspace
from tests.ports import free_port

PASSWORD = "a long enough password"
runner = CliRunner()


def _serve(folder: Path, port: int, *extra: str, stdin: str = "") -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "ccpa_readiness", "serve", str(folder), "--port", str(port), *extra]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdin is not None
    process.stdin.write(stdin)
    process.stdin.close()
    return process


def _wait_until_up(process: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, process.stderr.read() if process.stderr else "server exited"
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)


@pytest.fixture
def stopped() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_serve_creates_a_workspace_and_its_admin_can_log_in(
    tmp_path: Path, stopped: list[subprocess.Popen[str]]
) -> None:
    folder, port = tmp_path / "new-center", free_port()
    options = ["--create", "--organization", 'Ñandú "Calls", Inc.', "--admin-email", "Lead@Example.com"]
    process = _serve(folder, port, *options, "--password-stdin", stdin=PASSWORD + "\n")
    stopped.append(process)
    _wait_until_up(process, port)
    assert load_workspace(folder).organization.organization.name == 'Ñandú "Calls", Inc.'
    assert "# ccpa.yaml: facts about the organization" in (folder / "ccpa.yaml").read_text(encoding="utf-8")
    assert all(
        (folder / "evidence" / kind).is_dir() for kind in ("flows", "transcripts", "notices", "scripts")
    )
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        form = {"email": "lead@example.com", "password": PASSWORD, "csrf_token": token.group(1)}
        assert client.post("/login", data=form).status_code == 303
        users = client.get("/admin/users")
        assert users.status_code == 200 and "lead@example.com" in users.text
        assert client.get("/intake/evidence").status_code == 200


@pytest.mark.slow
def test_serve_on_a_folder_without_a_workspace_says_how_to_create_one(
    tmp_path: Path, stopped: list[subprocess.Popen[str]]
) -> None:
    port = free_port()
    process = _serve(tmp_path, port)
    stopped.append(process)
    _wait_until_up(process, port)
    process.terminate()
    process.wait(timeout=10)
    assert process.stderr is not None
    errors = process.stderr.read()
    assert "no workspace in" in errors and "--create --organization NAME --admin-email EMAIL" in errors
    assert not (tmp_path / "ccpa.yaml").exists()


@pytest.mark.parametrize(
    ("extra", "password", "message"),
    [
        (["--admin-department", "Finance"], PASSWORD, "unknown department"),
        ([], "short", "at least 12"),
        (["--organization", "  "], PASSWORD, "needs a name"),
        (["--admin-email", "not an address"], PASSWORD, "not an email address"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(
    tmp_path: Path, extra: list[str], password: str, message: str
) -> None:
    args = ["serve", str(tmp_path), "--create", "--organization", "Acme", "--admin-email", "a@example.com"]
    result = runner.invoke(app, [*args, *extra, "--password-stdin"], input=password + "\n")
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "ccpa.yaml").exists() and not (tmp_path / "inventory").exists()


def test_create_on_an_existing_workspace_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ccpa.yaml").write_text("organization: {name: Mine}\n", encoding="utf-8")
    args = ["serve", str(tmp_path), "--create", "--organization", "Acme", "--admin-email", "a@example.com"]
    result = runner.invoke(app, [*args, "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 2 and "already holds a workspace" in result.output
    assert (tmp_path / "ccpa.yaml").read_text(encoding="utf-8") == "organization: {name: Mine}\n"
