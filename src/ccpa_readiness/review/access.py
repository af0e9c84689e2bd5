"""Who is calling, and may they: the session behind the cookie, CSRF on changes, role checks.

Every route declares one of `Reader` (signed in), `Actor` (signed in and a valid CSRF token) and
checks roles with `require`; nothing is decided in the browser.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from ccpa_readiness.review.database import Database
from ccpa_readiness.review.sessions import find_session
from ccpa_readiness.review.tables import Role, User

SESSION_COOKIE = "ccpa_session"
LOGIN_CSRF_COOKIE = "ccpa_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class NotSignedIn(Exception):
    """No live session: pages redirect to the login form."""


class Forbidden(Exception):
    """Signed in, but the role or department does not allow this."""


class BadCsrf(Exception):
    """A state-changing request without the session's CSRF token."""


@dataclass(frozen=True)
class Caller:
    user: User
    csrf_token: str
    session_token: str

    @property
    def role(self) -> Role:
        return Role(self.user.role)


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def signed_in(request: Request) -> Caller:
    token = request.cookies.get(SESSION_COOKIE, "")
    if token:
        with database(request).read() as session:
            row = find_session(session, token)
            if row is not None:
                return Caller(row.user, row.csrf_token, token)
    raise NotSignedIn


async def submitted_csrf(request: Request) -> str:
    """The token a form field or the HTMX header carries."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


def tokens_match(expected: str, submitted: str) -> bool:
    return bool(expected) and secrets.compare_digest(expected.encode(), submitted.encode())


async def acting(request: Request, caller: Annotated[Caller, Depends(signed_in)]) -> Caller:
    if not tokens_match(caller.csrf_token, await submitted_csrf(request)):
        raise BadCsrf
    return caller


Reader = Annotated[Caller, Depends(signed_in)]
Actor = Annotated[Caller, Depends(acting)]


def require(caller: Caller, *roles: Role) -> None:
    if caller.role not in roles:
        raise Forbidden
