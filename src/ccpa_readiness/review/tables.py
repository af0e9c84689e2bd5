"""The review store's tables (SQLAlchemy 2). The schema itself is built by the Alembic migrations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Role(StrEnum):
    admin = "admin"
    reviewer = "reviewer"
    viewer = "viewer"


class Decision(StrEnum):
    approve = "approve"
    request_changes = "request_changes"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no zone: store naive UTC, read back aware)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    department: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its sha256."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class Version(Base):
    """One imported assessment + roadmap, bound to the sha256 of their content."""

    __tablename__ = "versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # the documents are large: loaded only when asked for (see `versions.inputs_of`)
    findings_json: Mapped[str] = mapped_column(Text, deferred=True)
    roadmap_json: Mapped[str] = mapped_column(Text, deferred=True)
    proposals_json: Mapped[str] = mapped_column(Text, deferred=True, default="{}")
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(254))


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(128), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
    version: Mapped[Version] = relationship(lazy="joined")


class SignOff(Base):
    """A department's decision on one version: approve, or request changes with a reason."""

    __tablename__ = "signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    department: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
    version: Mapped[Version] = relationship(lazy="joined")


class AuditEntry(Base):
    """One action; `hash` covers its fields and `prev_hash`, so any edit breaks the chain."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(254))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's single head row: appenders lock it, so entries never fork."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)  # the key that signed it


class LoginFailure(Base):
    """Failed logins in a row on one account from one client address, and its back-off."""

    __tablename__ = "login_failures"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    source: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_failed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class TaskStatus(StrEnum):
    todo = "todo"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"
    not_needed = "not_needed"  # set by a re-assessment whose roadmap no longer has the task


class Run(Base):
    """One `ccpa assess`: its dates, the hash of its inputs, its scores and its roadmap (no raw PII)."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    as_of: Mapped[str] = mapped_column(String(10))
    organization: Mapped[str] = mapped_column(String(254))
    catalog_version: Mapped[str] = mapped_column(String(32))
    law_as_of: Mapped[str] = mapped_column(String(10))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    readiness: Mapped[float | None] = mapped_column(Float, nullable=True)
    coverage: Mapped[float | None] = mapped_column(Float, nullable=True)
    open_risk: Mapped[int] = mapped_column(Integer)
    exposure_low_usd: Mapped[float] = mapped_column(Float)
    exposure_high_usd: Mapped[float] = mapped_column(Float)
    # tasks as the roadmap scheduled them (id, title, department, dates, requirements); null: no roadmap
    roadmap_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # sha256 of each input file the findings' evidence cites, to name the declarations that changed
    sources_json: Mapped[str | None] = mapped_column(Text, nullable=True)

    findings: Mapped[list[RunFinding]] = relationship(
        back_populates="run", order_by="RunFinding.requirement_id", lazy="selectin"
    )


class RunFinding(Base):
    """One finding of a run: outcome, risk, reason, and where its evidence lies (never the snippet)."""

    __tablename__ = "run_findings"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    requirement_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(String(512))
    outcome: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    risk_score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    # [{"basis", "source", "location", "digest"}]: digest = sha256 of the masked snippet, 16 hex
    evidence_json: Mapped[str] = mapped_column(Text)

    run: Mapped[Run] = relationship(back_populates="findings")


class TrackedTask(Base):
    """A roadmap task's progress, kept across re-assessments (the task id is the catalog's)."""

    __tablename__ = "tracked_tasks"

    task_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(String(512))
    department: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default=TaskStatus.todo.value)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(254), default="")
    start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    requirement_ids_json: Mapped[str] = mapped_column(Text, default="[]")
    last_run: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(254), default="")


class TaskNote(Base):
    __tablename__ = "task_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tracked_tasks.task_id"), index=True)
    author: Mapped[str] = mapped_column(String(254))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntakeOwner(Base):
    """An admin's assignment of an intake section to departments (sections.yaml holds the default)."""

    __tablename__ = "intake_owners"

    section: Mapped[str] = mapped_column(String(64), primary_key=True)
    departments_json: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(254))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
