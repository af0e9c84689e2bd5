"""Administration in the app: inviting and changing users, importing, the audit page."""

from __future__ import annotations

import shutil

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from ccpa_readiness.review.tables import AuditEntry, User
from tests.review.conftest import Browser, World, login


def test_admin_invites_a_user_who_can_then_log_in(world: World, browsers: dict[str, Browser]) -> None:
    form = {
        "email": "Ops.Lead@example.com",
        "department": "Operations",
        "role": "reviewer",
        "password": "long enough pw",
    }
    assert browsers["admin"].post("/admin/users", form).status_code == 303
    assert "ops.lead@example.com" in browsers["admin"].client.get("/admin/users").text
    assert login(TestClient(world.app), "ops.lead@example.com", "long enough pw").status_code == 303
    with world.db.read() as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2)).scalars().all()
    assert [e.action for e in entries] == ["login", "user.add"]
    entry = entries[1]
    assert (entry.actor, entry.action, entry.subject) == (
        "admin@example.com",
        "user.add",
        "ops.lead@example.com",
    )
    assert "long enough pw" not in entry.detail


def test_invalid_invitations_are_refused_with_a_reason(browsers: dict[str, Browser]) -> None:
    admin = browsers["admin"]
    base = {"email": "x@example.com", "department": "IT", "role": "viewer", "password": "long enough pw"}
    for change, message in [
        ({"email": "legal@example.com"}, "already exists"),
        ({"department": "Finance"}, "unknown department"),
        ({"role": "owner"}, "unknown role"),
        ({"password": "short"}, "at least 12"),
        ({"email": "not-an-email"}, "not an email address"),
    ]:
        response = admin.post("/admin/users", {**base, **change})
        assert response.status_code == 400 and message in response.text, change


def test_admin_changes_role_and_department(world: World, browsers: dict[str, Browser]) -> None:
    response = browsers["admin"].post(
        "/admin/users/4", {"department": "IT", "role": "reviewer", "active": "true"}
    )
    assert response.status_code == 303
    with world.db.read() as session:
        viewer = session.get(User, 4)
        assert viewer is not None and (viewer.email, viewer.department, viewer.role) == (
            "viewer@example.com",
            "IT",
            "reviewer",
        )


def test_the_last_admin_cannot_be_removed(world: World, browsers: dict[str, Browser]) -> None:
    response = browsers["admin"].post(
        "/admin/users/1", {"department": "Privacy", "role": "viewer", "active": "true"}
    )
    assert response.status_code == 400 and "at least one active admin" in response.text
    with world.db.read() as session:
        admin = session.get(User, 1)
        assert admin is not None and admin.role == "admin"


def test_unknown_user_is_404(browsers: dict[str, Browser]) -> None:
    assert (
        browsers["admin"].post("/admin/users/999", {"department": "IT", "role": "viewer"}).status_code == 404
    )


def test_import_of_a_broken_out_folder_says_why(world: World, browsers: dict[str, Browser]) -> None:
    shutil.rmtree(world.workspace / "out")
    response = browsers["admin"].post("/admin/import")
    assert response.status_code == 400 and "findings.json" in response.text


def test_audit_page_shows_a_broken_chain(world: World, browsers: dict[str, Browser]) -> None:
    assert "is intact" in browsers["admin"].client.get("/admin/audit").text
    with world.db.write() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(action="forged"))
    assert "broken at entry 2" in browsers["admin"].client.get("/admin/audit").text
