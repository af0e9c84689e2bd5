"""Review-app users: argon2 password hashes, roles, departments, and lockout after failed logins.

Failed logins are counted per account *and* client address: `MAX_FAILED_LOGINS` in a row from one
address lock that account for that address only, for `FIRST_LOCKOUT`, doubling with each further
lockout up to `LOCKOUT`. A stranger's guesses therefore never lock the owner out from elsewhere,
and from a shared address for at most `LOCKOUT` at a time. Addresses are stored as a hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.tables import LoginFailure, Role, User, utcnow
from ccpa_readiness.vocabulary import Department

MAX_FAILED_LOGINS = 5
FIRST_LOCKOUT = dt.timedelta(minutes=1)
LOCKOUT = dt.timedelta(minutes=15)  # the longest lockout: the back-off doubles up to it
FORGET_FAILURES = dt.timedelta(days=1)  # failures older than this (and their back-off) are forgotten
MIN_PASSWORD_LENGTH = 12

HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
DUMMY_HASH = HASHER.hash("not a password of anyone")


class UserError(ValueError):
    """A user change that cannot be made; the message says why."""


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise UserError(f"not an email address: {email!r}")
    return email


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def department_of(name: str) -> Department:
    try:
        return Department(name)
    except ValueError:
        known = ", ".join(d.value for d in Department)
        raise UserError(f"unknown department {name!r}; one of: {known}") from None


def role_of(name: str) -> Role:
    try:
        return Role(name)
    except ValueError:
        raise UserError(f"unknown role {name!r}; one of: admin, reviewer, viewer") from None


def add_user(session: Session, actor: str, email: str, department: str, role: str, password: str) -> User:
    email = normalize_email(email)
    check_password(password)
    dept, user_role = department_of(department), role_of(role)
    if session.execute(select(User.id).where(User.email == email)).first():
        raise UserError(f"{email} already exists")
    user = User(
        email=email,
        department=dept.value,
        role=user_role.value,
        password_hash=HASHER.hash(password),
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    audit.append(session, actor, "user.add", email, {"department": dept.value, "role": user_role.value})
    return user


def update_user(session: Session, actor: str, user: User, department: str, role: str, active: bool) -> None:
    """Change department, role or active; re-activating also lifts a lockout."""
    user.department, user.role, user.active = department_of(department).value, role_of(role).value, active
    if active:
        user.failed_logins, user.locked_until = 0, None
        session.execute(delete(LoginFailure).where(LoginFailure.email == user.email))
    audit.append(
        session,
        actor,
        "user.update",
        user.email,
        {"department": user.department, "role": user.role, "active": active},
    )


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one."""
    if not _verify(user.password_hash, current):
        raise UserError("the current password is wrong")
    check_password(new)
    user.password_hash = HASHER.hash(new)
    audit.append(session, user.email, "user.password", user.email)


def count_admins(session: Session) -> int:
    query = select(func.count()).select_from(User).where(User.role == Role.admin.value, User.active.is_(True))
    return session.execute(query).scalar_one()


def source_id(source: str) -> str:
    """How a client address is stored: a hash, not the address."""
    return hashlib.sha256(f"ccpa-readiness login source\0{source}".encode()).hexdigest()[:32]


def lockout_for(lockouts: int) -> dt.timedelta:
    """The `lockouts`-th lockout's length (0-based): `FIRST_LOCKOUT` doubling, at most `LOCKOUT`."""
    return min(FIRST_LOCKOUT * (1 << min(lockouts, 16)), LOCKOUT)


def authenticate(session: Session, email: str, password: str, source: str = "") -> User | None:
    """Check a password from client address `source`; after `MAX_FAILED_LOGINS` failures in a row
    from it, lock the account for that address (see the module's docstring)."""
    user = session.execute(select(User).where(User.email == email.strip().lower())).scalar_one_or_none()
    if user is None or not user.active:
        _verify(DUMMY_HASH, password)
        return None
    now = utcnow()
    failure = session.get(LoginFailure, (user.email, source_id(source)))
    if failure is not None and failure.last_failed_at < now - FORGET_FAILURES:
        session.delete(failure)
        session.flush()
        failure = None
    if failure is not None and failure.locked_until is not None and failure.locked_until > now:
        _verify(DUMMY_HASH, password)  # as long as any other refusal
        return None
    if not _verify(user.password_hash, password):
        locked = _count_failure(session, user, failure, source, now)
        audit.append(session, user.email, "login.failed", user.email, {"locked": locked})
        return None
    if failure is not None:
        session.delete(failure)
    user.failed_logins, user.locked_until = 0, None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    audit.append(session, user.email, "login", user.email)
    return user


def _count_failure(
    session: Session, user: User, failure: LoginFailure | None, source: str, now: dt.datetime
) -> bool:
    """One more failure from `source`; True when it locks the account for that source."""
    session.execute(delete(LoginFailure).where(LoginFailure.last_failed_at < now - FORGET_FAILURES))
    if failure is None:
        failure = LoginFailure(email=user.email, source=source_id(source), failures=0, lockouts=0)
        session.add(failure)
    failure.failures += 1
    failure.last_failed_at = now
    if failure.failures < MAX_FAILED_LOGINS:
        return False
    failure.locked_until = now + lockout_for(failure.lockouts)
    failure.failures, failure.lockouts = 0, failure.lockouts + 1
    user.locked_until = max(user.locked_until or now, failure.locked_until)  # shown to admins
    return True


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
