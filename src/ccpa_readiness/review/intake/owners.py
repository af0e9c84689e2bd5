"""Who answers a section: its owning departments (sections.yaml, or an admin's assignment), and
who may edit it: an admin, or a reviewer of an owning department."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.intake.sections import Section, sections
from ccpa_readiness.review.tables import IntakeOwner, Role, User, utcnow
from ccpa_readiness.vocabulary import Department


class BadAssignment(ValueError):
    """An assignment that names no department or one that does not exist."""


def owners(session: Session) -> dict[str, tuple[str, ...]]:
    """Each section's owning departments."""
    assigned = {row.section: row for row in session.execute(select(IntakeOwner)).scalars()}
    return {
        s.key: tuple(json.loads(assigned[s.key].departments_json)) if s.key in assigned else s.owners
        for s in sections()
    }


def may_edit(user: User, departments: tuple[str, ...]) -> bool:
    if not user.active:
        return False
    return user.role == Role.admin.value or (
        user.role == Role.reviewer.value and user.department in departments
    )


def assign(session: Session, actor: str, section: Section, departments: list[str]) -> None:
    """Give `section` to `departments` (in a `Database.write` session: it is audited)."""
    known = [d.value for d in Department]
    chosen = [d for d in known if d in departments]
    if not chosen or len(chosen) != len(set(departments)):
        raise BadAssignment(f"choose one or more of: {', '.join(known)}")
    before = owners(session)[section.key]
    row = session.get(IntakeOwner, section.key)
    if row is None:
        row = IntakeOwner(section=section.key)
        session.add(row)
    row.departments_json, row.changed_by, row.changed_at = json.dumps(chosen), actor, utcnow()
    audit.append(session, actor, "intake.assign", section.key, {"from": list(before), "to": chosen})
