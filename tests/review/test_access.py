"""Every route with every role: who may read, who may change what, and CSRF on every change."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from ccpa_readiness.review.inputs import load_inputs
from tests.review.conftest import PASSWORD, Browser, World
from tests.review.intake_helpers import NO_FILE_DIGEST

PAGES = [
    "/",
    "/findings",
    "/findings?area=notices&severity=high",
    "/findings/NOT-100",
    "/roadmap",
    "/tasks/T-NOTICE",
    "/signoff",
    "/signoff/record.json",
    "/signoff/record.csv",
    "/account",
    "/intake",
    "/intake/channels",
    "/intake/organization",
    "/intake/evidence",
]
ADMIN_PAGES = ["/admin/users", "/admin/audit", "/intake/assess", "/intake/assess/status"]

COMMENT = {"target": "task", "target_id": "T-NOTICE", "body": "Looks right."}
APPROVE = {"decision": "approve", "reason": ""}
NEW_USER = {"email": "new@example.com", "department": "IT", "role": "viewer", "password": "a long enough pw"}
ACTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "comment": ("/comments", COMMENT),
    "signoff": ("/signoff", APPROVE),
    "add_user": ("/admin/users", NEW_USER),
    "update_user": ("/admin/users/4", {"department": "Operations", "role": "reviewer", "active": "true"}),
    "import": ("/admin/import", {}),
    "password": ("/account/password", {"current": PASSWORD, "new": "a brand new password"}),
    "logout": ("/logout", {}),
    # T-NOTICE is Legal's task, T-PORTAL IT's: each department sets its own, admins any
    "legal_task_status": ("/tasks/T-NOTICE/status", {"status": "done", "note": "shipped"}),
    "it_task_status": ("/tasks/T-PORTAL/status", {"status": "in_progress", "owner": "Sam"}),
    # intake sections: practices are Legal's (and Privacy's), systems IT's (and Security's); the
    # workspace has no inventory file yet, so a form as served carries the digest of no file
    "intake_practices": ("/intake/practices", {"_digest": NO_FILE_DIGEST, "_action": "save"}),
    "intake_systems": ("/intake/systems", {"_digest": NO_FILE_DIGEST, "_action": "add:systems"}),
    "intake_assign": ("/intake/channels/owners", {"departments": "IT"}),
    # no file: 400 once allowed (test_intake_evidence.py uploads real files); the run fails at once
    "upload": ("/intake/evidence", {"kind": "flows"}),
    "assess": ("/intake/assess", {}),
}
# 303: done (redirect after POST); 200: the form again (an item added, nothing saved);
# 400: allowed, but the request is incomplete; 403: refused for the role.
ALLOWED = {
    "admin": {
        "password": 303,
        "comment": 303,
        "signoff": 403,
        "add_user": 303,
        "update_user": 303,
        "import": 303,
        "logout": 303,
        "legal_task_status": 303,
        "it_task_status": 303,
        "intake_practices": 303,
        "intake_systems": 200,
        "intake_assign": 303,
        "upload": 400,
        "assess": 303,
    },
    "legal": {
        "password": 303,
        "comment": 303,
        "signoff": 303,
        "add_user": 403,
        "update_user": 403,
        "import": 403,
        "logout": 303,
        "legal_task_status": 303,
        "it_task_status": 403,
        "intake_practices": 303,
        "intake_systems": 403,
        "intake_assign": 403,
        "upload": 400,
        "assess": 403,
    },
    "it": {
        "password": 303,
        "comment": 303,
        "signoff": 303,
        "add_user": 403,
        "update_user": 403,
        "import": 403,
        "logout": 303,
        "legal_task_status": 403,
        "it_task_status": 303,
        "intake_practices": 403,
        "intake_systems": 200,
        "intake_assign": 403,
        "upload": 400,
        "assess": 403,
    },
    "viewer": {
        "password": 303,
        "comment": 403,
        "signoff": 403,
        "add_user": 403,
        "update_user": 403,
        "import": 403,
        "logout": 303,
        "legal_task_status": 403,
        "it_task_status": 403,
        "intake_practices": 403,
        "intake_systems": 403,
        "intake_assign": 403,
        "upload": 403,
        "assess": 403,
    },
}


def _with_hash(world: World, data: dict[str, str]) -> dict[str, str]:
    """A sign-off names the version it was made on."""
    return {**data, "content_hash": load_inputs(world.workspace).content_hash} if data is APPROVE else data


def test_anonymous_pages_redirect_to_login(world: World) -> None:
    client = TestClient(world.app)
    for path in PAGES + ADMIN_PAGES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=/")


def test_anonymous_htmx_request_is_told_to_log_in(world: World) -> None:
    client = TestClient(world.app)
    for response in [
        client.get("/findings", headers={"HX-Request": "true"}, follow_redirects=False),
        client.post("/comments", data=COMMENT, headers={"HX-Request": "true"}, follow_redirects=False),
    ]:
        assert response.status_code == 401
        assert response.headers["HX-Redirect"] == "/login"


def test_anonymous_changes_are_refused(world: World) -> None:
    client = TestClient(world.app)
    for path, data in ACTIONS.values():
        assert client.post(path, data=data, follow_redirects=False).status_code == 401, path


@pytest.mark.parametrize("who", ["admin", "legal", "viewer"])
def test_every_role_reads_the_pages(browsers: dict[str, Browser], who: str) -> None:
    for path in PAGES:
        response = browsers[who].client.get(path)
        assert response.status_code == 200, path


@pytest.mark.parametrize("who", ["admin", "legal", "it", "viewer"])
def test_admin_pages_only_for_admins(browsers: dict[str, Browser], who: str) -> None:
    for path in ADMIN_PAGES:
        response = browsers[who].client.get(path)
        assert response.status_code == (200 if who == "admin" else 403), path


@pytest.mark.parametrize("who", ["admin", "legal", "it", "viewer"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_changes_by_role(world: World, browsers: dict[str, Browser], who: str, action: str) -> None:
    path, data = ACTIONS[action]
    browser = browsers[who]
    response = browser.post(path, _with_hash(world, data))
    assert response.status_code == ALLOWED[who][action], response.text[:500]


@pytest.mark.parametrize("action", list(ACTIONS))
def test_changes_without_csrf_token_are_refused(browsers: dict[str, Browser], action: str) -> None:
    path, data = ACTIONS[action]
    client = browsers["admin"].client
    assert client.post(path, data=data, follow_redirects=False).status_code == 403
    wrong = {**data, "csrf_token": "not-the-token"}
    assert client.post(path, data=wrong, follow_redirects=False).status_code == 403


def test_csrf_token_in_htmx_header_is_accepted(browsers: dict[str, Browser]) -> None:
    browser = browsers["legal"]
    response = browser.client.post(
        "/comments", data=COMMENT, headers={"X-CSRF-Token": browser.csrf}, follow_redirects=False
    )
    assert response.status_code == 303


def test_a_session_token_of_another_session_is_no_csrf_token(browsers: dict[str, Browser]) -> None:
    legal, it = browsers["legal"], browsers["it"]
    response = legal.client.post("/comments", data={**COMMENT, "csrf_token": it.csrf}, follow_redirects=False)
    assert response.status_code == 403


def test_viewer_sees_no_forms_to_change(browsers: dict[str, Browser]) -> None:
    viewer = browsers["viewer"].client
    assert 'action="/comments"' not in viewer.get("/tasks/T-NOTICE").text
    assert 'action="/signoff"' not in viewer.get("/signoff").text
    assert "/admin/users" not in viewer.get("/").text


def test_unknown_task_and_finding_are_404(browsers: dict[str, Browser]) -> None:
    client = browsers["viewer"].client
    assert client.get("/tasks/NOPE").status_code == 404
    assert client.get("/findings/NOPE").status_code == 404
    missing = browsers["legal"].post("/comments", {**COMMENT, "target_id": "NOPE"})
    assert missing.status_code == 404


def test_security_headers_on_pages_and_static(browsers: dict[str, Browser]) -> None:
    client = browsers["viewer"].client
    for path in ["/", "/static/review.css", "/static/htmx.min.js"]:
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in client.get("/").headers


def _registered_routes(routes: Sequence[BaseRoute]) -> Iterator[tuple[str, str]]:
    """(method, path template) of every route the app serves, through included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _registered_routes(inner.routes)
        elif isinstance(route, APIRoute):
            yield from ((method, route.path) for method in route.methods)


def test_the_role_tables_cover_every_route(world: World) -> None:
    """A new route fails here until its access for every role is written into the tables above."""
    walked = {("GET", path.split("?")[0]) for path in PAGES + ADMIN_PAGES}
    walked |= {("POST", path) for path, _ in ACTIONS.values()}
    login_routes = {("GET", "/login"), ("POST", "/login")}  # test_auth.py: anonymous, CSRF, lockout
    for method, template in sorted(set(_registered_routes(world.app.routes)) - login_routes):
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
        assert any(m == method and pattern.match(p) for m, p in walked), (
            f"{method} {template} is walked by no role"
        )
