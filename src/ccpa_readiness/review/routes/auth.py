"""Log in and out. The login form carries its own CSRF token (a double-submit cookie), attempts
are rate-limited per client address, and accounts lock after repeated failures."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ccpa_readiness.review import audit, users
from ccpa_readiness.review.access import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Actor, database, tokens_match
from ccpa_readiness.review.ratelimit import RateLimiter
from ccpa_readiness.review.render import render
from ccpa_readiness.review.sessions import SESSION_LIFETIME, close_session, open_session

router = APIRouter()
FAILED = "Wrong email or password, or the account is locked after repeated failures. Try again later."


def safe_next(target: str) -> str:
    """Only a path on this site: never `//host` or `https://...` (no open redirect)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def _set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int, samesite: str
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite=samesite,  # type: ignore[arg-type]
        path="/",
    )


def _login_form(request: Request, next_path: str, error: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render(
        request, "login.html", None, status=status, login_csrf=token, next_path=next_path, error=error
    )
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, 3600, "strict")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_form(request, safe_next(next))


@router.post("/login", response_model=None)
def login(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=128)] = "",
    next: Annotated[str, Form(max_length=512)] = "/",
) -> Response:
    limiter: RateLimiter = request.app.state.login_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allow(client):
        return _login_form(request, safe_next(next), "Too many login attempts: wait a minute.", 429)
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf_token):
        return _login_form(request, safe_next(next), "The form expired: please try again.", 400)
    with database(request).write() as session:
        user = users.authenticate(session, email, password, client)
        token = open_session(session, user).token if user else ""
    if not token:
        return _login_form(request, safe_next(next), FAILED, 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, token, int(SESSION_LIFETIME.total_seconds()), "lax")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, caller: Actor) -> RedirectResponse:
    with database(request).write() as session:
        close_session(session, caller.session_token)
        audit.append(session, caller.user.email, "logout", caller.user.email)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
