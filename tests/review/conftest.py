"""Review-app fixtures: a workspace with small `out/` files, a store on SQLite (and PostgreSQL when
`CCPA_TEST_POSTGRES_URL` is set), users of every role, and logged-in clients."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, create_engine, select, text

from ccpa_readiness.review import users
from ccpa_readiness.review.access import SESSION_COOKIE
from ccpa_readiness.review.app import create_app
from ccpa_readiness.review.audit_key import KEY_FILE_ENV
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.sessions import open_session
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.tables import User
from ccpa_readiness.review.users import add_user
from ccpa_readiness.review.versions import import_version

PASSWORD = "correct horse battery"
PROPOSAL_TEXT = "# Spoken notice\n\nThis call is recorded <for quality>.\n"
POSTGRES_URL = os.environ.get("CCPA_TEST_POSTGRES_URL", "")


def findings_doc(extra_note: str = "") -> dict[str, Any]:
    def finding(
        rid: str, outcome: str, severity: str, area: str, basis: str, priority: int | None
    ) -> dict[str, Any]:
        return {
            "requirement_id": rid,
            "title": f"Requirement {rid}",
            "area": area,
            "citations": [f"Cal. Civ. Code §1798.{rid[-3:]}"],
            "outcome": outcome,
            "severity": severity,
            "risk_score": 80 if severity == "high" else 40,
            "basis": basis,
            "reason": f"reason for {rid}{extra_note}",
            "evidence": [
                {
                    "basis": "observed",
                    "source": "transcripts/call1.txt",
                    "location": "3",
                    "snippet": "***-**-6789",
                }
            ],
            "priority": priority,
            "risk": {"severity": 3, "likelihood": 2, "exposure": 2, "level": "high"},
        }

    return {
        "organization": "Acme Contact Center",
        "as_of": "2026-11-01",
        "catalog": {"version": "2026.1", "law_as_of": "2026-01-01"},
        "applicability": {"applies": True, "determined": True, "reasons": []},
        "findings": [
            finding("NOT-100", "gap", "high", "notices", "observed", 1),
            finding("REQ-110", "partial", "medium", "requests", "declared", 2),
            finding("SEC-150", "met", "low", "security", "mixed", None),
        ],
        "scores": {
            "overall": 55.5,
            "by_area": {
                "notices": {"score": 0, "counts": {"gap": 1}},
                "requests": {"score": 50, "counts": {"partial": 1}},
                "security": {"score": 100, "counts": {"met": 1}},
            },
        },
    }


def roadmap_doc() -> dict[str, Any]:
    def task(tid: str, dept: str, start: str, end: str, reqs: list[str], deps: list[str]) -> dict[str, Any]:
        return {
            "id": tid,
            "title": f"Task {tid}",
            "department": dept,
            "effort_days": 5,
            "crew": 1,
            "start": start,
            "end": end,
            "depends_on": deps,
            "cost": {"low": 3000, "expected": 4000, "high": 5000},
            "requirement_ids": reqs,
            "phase": "fix",
            "critical": tid == "T-NOTICE",
            "proposal": "notice_ivr" if tid == "T-NOTICE" else None,
        }

    return {
        "start": "2026-12-01",
        "deadline": "2027-03-31",
        "feasible": True,
        "finish": "2027-02-15",
        "solver": {"status": "OPTIMAL", "objective": 10, "bound": 10},
        "capacity": {"Legal": 2, "IT": 3},
        "working_days": ["2026-12-01"],
        "tasks": [
            task("T-NOTICE", "Legal", "2026-12-01", "2027-01-10", ["NOT-100"], []),
            task("T-PORTAL", "IT", "2027-01-11", "2027-02-15", ["REQ-110", "NOT-100"], ["T-NOTICE"]),
        ],
        "proposals": [
            {"key": "notice_ivr", "title": "Spoken notice at collection", "task_ids": ["T-NOTICE"]}
        ],
        "budget": {
            "currency": "USD",
            "total": {"low": 6000, "expected": 8000, "high": 10000},
            "by_department": {"Legal": {"low": 3000, "expected": 4000, "high": 5000}, "IT": 4000},
        },
    }


def write_out(workspace: Path, note: str = "") -> None:
    out = workspace / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "findings.json").write_text(json.dumps(findings_doc(note)), encoding="utf-8")
    (out / "roadmap.json").write_text(json.dumps(roadmap_doc()), encoding="utf-8")
    (out / "proposals").mkdir(exist_ok=True)
    (out / "proposals" / "notice_ivr.md").write_text(PROPOSAL_TEXT, encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def shared_audit_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One audit key for every store of the session: the prepared stores are copied, keys too."""
    path = tmp_path_factory.mktemp("audit-key") / "audit.key"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_FILE_ENV, str(path))
        yield path


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes() -> Iterator[None]:
    """Argon2 with minimal cost: the tests check logic, not hashing strength."""
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "HASHER", quick)
        patch.setattr(users, "DUMMY_HASH", quick.hash("nobody"))
        yield


USERS = {
    "admin@example.com": ("admin", "Privacy"),
    "legal@example.com": ("reviewer", "Legal"),
    "it@example.com": ("reviewer", "IT"),
    "viewer@example.com": ("viewer", "Operations"),
}


def populate(url: str, workspace: Path) -> None:
    """Migrate, add `USERS`, import `workspace/out` as version 1 (argon2 makes this the slow part)."""
    db = Database(url)
    db.upgrade()
    with db.write() as session:
        for email, (role, department) in USERS.items():
            add_user(session, "cli", email, department, role, PASSWORD)
        import_version(session, load_inputs(workspace), "cli")
    db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    write_out(folder)
    populate(f"sqlite:///{folder / 'review.db'}", folder)
    return folder / "review.db"


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("CCPA_TEST_POSTGRES_URL not set (scripts/postgres.sh start)")
    folder = tmp_path_factory.mktemp("pg-template")
    write_out(folder)
    name = f"review_tpl_{uuid.uuid4().hex[:12]}"
    with postgres_admin() as admin:
        admin.execute(text(f'CREATE DATABASE "{name}"'))
    populate(database_url(name), folder)
    yield name
    with postgres_admin() as admin:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def database_url(name: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def postgres_admin() -> Iterator[Connection]:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store with `USERS` and version 1: a copy of a prepared SQLite file, or a new PostgreSQL
    database made from a prepared template."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "review.db")
        yield f"sqlite:///{tmp_path / 'review.db'}"
        return
    template_name: str = request.getfixturevalue("postgres_template")
    name = f"review_{uuid.uuid4().hex[:12]}"
    with postgres_admin() as admin:
        admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    yield database_url(name)
    with postgres_admin() as admin:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    write_out(folder)
    return folder


@dataclass
class World:
    """The app on a prepared store, its database and its workspace."""

    db: Database
    workspace: Path
    url: str
    app: FastAPI


@pytest.fixture
def world(db_url: str, workspace: Path) -> Iterator[World]:
    app = create_app(Settings(db_url=db_url, workspace=workspace, login_attempts_per_minute=1000))
    db: Database = app.state.db
    yield World(db, workspace, db_url, app)
    db.engine.dispose()


CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/login")
    response: httpx.Response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    return response


@dataclass
class Browser:
    """A logged-in TestClient and the CSRF token of its session."""

    client: TestClient
    csrf: str

    def post(self, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        response: httpx.Response = self.client.post(
            path, data={"csrf_token": self.csrf, **(data or {})}, follow_redirects=False
        )
        return response


def browser_for(world: World, email: str) -> Browser:
    """A client with a session opened in the store (the login form is tested on its own)."""
    with world.db.write() as session:
        user = session.execute(select(User).where(User.email == email)).scalar_one()
        opened = open_session(session, user)
    client = TestClient(world.app)
    client.cookies.set(SESSION_COOKIE, opened.token)
    return Browser(client, opened.csrf_token)


@pytest.fixture
def browsers(world: World) -> dict[str, Browser]:
    """One logged-in client per role: admin, legal (reviewer), it (reviewer), viewer."""
    return {email.split("@")[0]: browser_for(world, email) for email in USERS}
