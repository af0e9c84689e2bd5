"""Review-app users: argon2 password hashes, roles, departments, and lockout after failed logins."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.tables import Role, User, utcnow
from ccpa_readiness.vocabulary import Department

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
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


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Check a password; count failures and lock the account after `MAX_FAILED_LOGINS` in a row."""
    user = session.execute(select(User).where(User.email == email.strip().lower())).scalar_one_or_none()
    if user is None or not user.active:
        _verify(DUMMY_HASH, password)
        return None
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        _verify(DUMMY_HASH, password)  # as long as any other refusal
        return None
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        locked = user.failed_logins >= MAX_FAILED_LOGINS
        if locked:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
        audit.append(session, user.email, "login.failed", user.email, {"locked": locked})
        return None
    user.failed_logins, user.locked_until = 0, None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    audit.append(session, user.email, "login", user.email)
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
