"""Signed-in browsers. The cookie carries a random token; the table keeps only its sha256, so a
leaked database cannot be replayed as cookies. Logout deletes the row."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ccpa_readiness.review.tables import LoginSession, User, utcnow

SESSION_LIFETIME = dt.timedelta(hours=8)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


class Opened(NamedTuple):
    token: str  # for the cookie
    csrf_token: str  # for the forms


def open_session(session: Session, user: User) -> Opened:
    """A new session for `user`."""
    token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    session.add(
        LoginSession(
            token_hash=digest(token),
            user_id=user.id,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    return Opened(token, csrf_token)


def find_session(session: Session, token: str) -> LoginSession | None:
    """The live session of an active user behind `token`, if any."""
    row = session.execute(
        select(LoginSession).where(LoginSession.token_hash == digest(token))
    ).scalar_one_or_none()
    if row is None or row.expires_at < utcnow() or not row.user.active:
        return None
    return row


def close_session(session: Session, token: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == digest(token)))
