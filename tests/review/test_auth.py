"""Login, logout, lockout, the login rate limit, cookie flags and redirects."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ccpa_readiness.review import users
from ccpa_readiness.review.access import SESSION_COOKIE
from ccpa_readiness.review.app import create_app
from ccpa_readiness.review.routes.auth import FAILED, safe_next
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.tables import LoginFailure, User
from tests.review.conftest import PASSWORD, Browser, World, csrf_of, login


def test_login_opens_a_session_with_safe_cookie_flags(world: World) -> None:
    client = TestClient(world.app)
    response = login(client, "legal@example.com")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie
    assert client.get("/").status_code == 200


def test_behind_tls_the_cookie_is_secure_and_hsts_is_sent(world: World) -> None:
    client = TestClient(world.app, base_url="https://review.example")
    response = login(client, "legal@example.com")
    assert "Secure" in response.headers["set-cookie"]
    assert "max-age=" in client.get("/").headers["Strict-Transport-Security"]


def test_email_is_case_insensitive_and_next_is_followed(world: World) -> None:
    client = TestClient(world.app)
    page = client.get("/login?next=/roadmap")
    response = client.post(
        "/login",
        data={
            "email": "LEGAL@example.com",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/roadmap",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/roadmap"


def test_next_never_leaves_the_site() -> None:
    assert safe_next("/tasks/T1") == "/tasks/T1"
    for target in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]:
        assert safe_next(target) == "/"


def test_wrong_password_and_unknown_email_get_the_same_answer(world: World) -> None:
    client = TestClient(world.app)
    wrong = login(client, "legal@example.com", "wrong password!")
    unknown = login(client, "nobody@example.com")
    assert wrong.status_code == unknown.status_code == 401
    assert SESSION_COOKIE not in client.cookies
    assert FAILED in wrong.text and FAILED in unknown.text


def test_login_needs_the_form_token(world: World) -> None:
    client = TestClient(world.app)
    client.get("/login")
    response = client.post(
        "/login", data={"email": "legal@example.com", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 400
    assert SESSION_COOKIE not in client.cookies


def test_account_locks_after_repeated_failures(world: World) -> None:
    client = TestClient(world.app)
    for _ in range(users.MAX_FAILED_LOGINS):
        assert login(client, "it@example.com", "wrong password!").status_code == 401
    assert login(client, "it@example.com").status_code == 401  # right password, locked
    assert login(client, "legal@example.com").status_code == 303  # others unaffected
    with world.db.read() as session:
        locked = session.execute(select(User.email).where(User.locked_until.is_not(None))).scalars().all()
    assert locked == ["it@example.com"]


def test_admin_unlocks_by_saving_the_user_active(world: World, browsers: dict[str, Browser]) -> None:
    client = TestClient(world.app)
    for _ in range(users.MAX_FAILED_LOGINS):
        login(client, "it@example.com", "wrong password!")
    saved = browsers["admin"].post(
        "/admin/users/3", {"department": "IT", "role": "reviewer", "active": "true"}
    )
    assert saved.status_code == 303
    assert login(client, "it@example.com").status_code == 303


def test_login_attempts_are_rate_limited(world: World) -> None:
    app = create_app(Settings(db_url=world.url, login_attempts_per_minute=3, migrate=False))
    client = TestClient(app)
    codes = [login(client, "legal@example.com", "wrong password!").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    assert login(client, "legal@example.com").status_code == 429


def test_logout_ends_the_session_on_the_server(world: World) -> None:
    client = TestClient(world.app)
    login(client, "legal@example.com")
    token = client.cookies[SESSION_COOKIE]
    csrf = csrf_of(client.get("/signoff").text)
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    replay = TestClient(world.app)
    replay.cookies.set(SESSION_COOKIE, token)
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_deactivated_user_loses_access_at_once(world: World, browsers: dict[str, Browser]) -> None:
    assert browsers["viewer"].client.get("/").status_code == 200
    browsers["admin"].post("/admin/users/4", {"department": "Operations", "role": "viewer"})
    assert browsers["viewer"].client.get("/", follow_redirects=False).status_code == 303
    assert login(TestClient(world.app), "viewer@example.com").status_code == 401


def test_changing_the_password_ends_other_sessions(world: World, browsers: dict[str, Browser]) -> None:
    other = TestClient(world.app)
    assert login(other, "legal@example.com").status_code == 303
    legal = browsers["legal"]
    assert (
        legal.post(
            "/account/password", {"current": "wrong password!", "new": "a brand new password"}
        ).status_code
        == 400
    )
    assert legal.post("/account/password", {"current": PASSWORD, "new": "short"}).status_code == 400
    done = legal.post("/account/password", {"current": PASSWORD, "new": "a brand new password"})
    assert done.status_code == 303 and done.headers["location"] == "/account?changed=true"
    assert legal.client.get("/account").status_code == 200  # this session goes on
    assert other.get("/", follow_redirects=False).status_code == 303  # the other one ended
    assert login(TestClient(world.app), "legal@example.com").status_code == 401
    assert login(TestClient(world.app), "legal@example.com", "a brand new password").status_code == 303


def test_a_strangers_failed_logins_do_not_lock_the_admin_out(world: World) -> None:
    """Five (and fifty) anonymous failures from one address lock the account there only."""
    stranger = TestClient(world.app, client=("203.0.113.9", 40000))
    for _ in range(users.MAX_FAILED_LOGINS * 3):
        assert login(stranger, "admin@example.com", "wrong password!").status_code == 401
    assert login(stranger, "admin@example.com").status_code == 401  # locked for that address
    admin = TestClient(world.app, client=("198.51.100.7", 40000))
    assert login(admin, "admin@example.com").status_code == 303


def test_lockouts_back_off_exponentially_up_to_a_bound(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)]
    monkeypatch.setattr(users, "utcnow", lambda: clock[0])
    lengths = []
    for _ in range(6):
        with world.db.write() as session:
            for _ in range(users.MAX_FAILED_LOGINS):
                assert users.authenticate(session, "it@example.com", "wrong password!", "203.0.113.9") is None
            failure = session.execute(select(LoginFailure)).scalar_one()
            assert failure.locked_until is not None
            lengths.append(failure.locked_until - clock[0])
            assert users.authenticate(session, "it@example.com", PASSWORD, "203.0.113.9") is None
        clock[0] = failure.locked_until + dt.timedelta(seconds=1)
    assert [int(length.total_seconds() // 60) for length in lengths] == [1, 2, 4, 8, 15, 15]
    with world.db.write() as session:  # once the lock runs out the owner gets in, and the count resets
        assert users.authenticate(session, "it@example.com", PASSWORD, "203.0.113.9") is not None
        assert session.execute(select(LoginFailure)).first() is None


def test_client_addresses_are_stored_hashed(world: World) -> None:
    stranger = TestClient(world.app, client=("203.0.113.9", 40000))
    login(stranger, "legal@example.com", "wrong password!")
    with world.db.read() as session:
        [source] = session.execute(select(LoginFailure.source)).scalars().all()
    assert "203.0.113.9" not in source and source == users.source_id("203.0.113.9")
