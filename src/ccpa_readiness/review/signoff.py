"""Sign-offs: per department, approve a version or request changes; consensus; the record.

A sign-off belongs to one version (and so to its content hash). When a new version is imported,
earlier approvals stay in the record but no longer count: the department is asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.record import RecordRow
from ccpa_readiness.review.tables import Decision, Role, SignOff, User, Version

MAX_REASON = 4000


class SignOffError(ValueError):
    """A decision that cannot be recorded; the message says why."""


class State(StrEnum):
    approved = "approved"
    changes_requested = "changes requested"
    stale = "stale"
    pending = "pending"


@dataclass(frozen=True)
class DepartmentStatus:
    department: str
    tasks: int
    state: State
    latest: SignOff | None


def decide(session: Session, user: User, version: Version, decision: str, reason: str) -> SignOff:
    """Record `user`'s decision for their own department on `version`."""
    if user.role != Role.reviewer.value:
        raise SignOffError("only reviewers sign off, each for their own department")
    try:
        choice = Decision(decision)
    except ValueError:
        raise SignOffError("decide approve or request_changes") from None
    reason = reason.strip()
    if choice is Decision.request_changes and not reason:
        raise SignOffError("say which changes you need")
    if len(reason) > MAX_REASON:
        raise SignOffError(f"a reason has at most {MAX_REASON} characters")
    signoff = SignOff(
        version_id=version.id,
        department=user.department,
        user_id=user.id,
        decision=choice.value,
        reason=reason,
    )
    session.add(signoff)
    session.flush()
    audit.append(
        session,
        user.email,
        f"signoff.{choice.value}",
        user.department,
        {"version": version.number, "content_hash": version.content_hash, "reason": reason},
    )
    return signoff


def _latest_by_department(session: Session, version_ids: list[int]) -> dict[tuple[int, str], SignOff]:
    rows = session.execute(
        select(SignOff).where(SignOff.version_id.in_(version_ids)).order_by(SignOff.id)
    ).scalars()
    return {(row.version_id, row.department): row for row in rows}


def statuses(
    session: Session, version: Version, tasks_per_department: dict[str, int]
) -> list[DepartmentStatus]:
    """Where each department with tasks stands on `version`."""
    earlier = session.execute(select(Version.id).where(Version.number < version.number)).scalars().all()
    latest = _latest_by_department(session, [version.id, *earlier])
    result = []
    for department, tasks in sorted(tasks_per_department.items()):
        mine = latest.get((version.id, department))
        if mine is not None:
            state = State.approved if mine.decision == Decision.approve.value else State.changes_requested
        elif any(
            (vid, department) in latest and latest[(vid, department)].decision == Decision.approve.value
            for vid in earlier
        ):
            state = State.stale
        else:
            state = State.pending
        result.append(DepartmentStatus(department, tasks, state, mine))
    return result


def consensus(department_statuses: list[DepartmentStatus]) -> bool:
    """Every department with tasks approved the current version."""
    return bool(department_statuses) and all(s.state is State.approved for s in department_statuses)


def record(session: Session) -> list[RecordRow]:
    """Who decided what on which version, when; `current` marks decisions on the newest version."""
    newest = session.execute(select(Version.number).order_by(Version.number.desc()).limit(1)).scalar()
    rows = session.execute(select(SignOff).order_by(SignOff.id)).scalars()
    return [
        RecordRow(
            version=row.version.number,
            content_hash=row.version.content_hash,
            department=row.department,
            reviewer=row.user.email,
            decision=row.decision,
            reason=row.reason,
            at=row.at,
            current=row.version.number == newest,
        )
        for row in rows
    ]
