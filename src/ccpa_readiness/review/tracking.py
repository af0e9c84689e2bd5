"""Roadmap task tracking: status, owner, due date and notes, kept across re-assessments.

Each assessment's roadmap syncs the tracked tasks: a task it still has keeps its status (one
marked `not_needed` before is needed again: `todo`); one it no longer has becomes `not_needed`,
saying why. Who may change a task: a reviewer of the task's department, or an admin (the review
app's rules). Every change is appended to the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.history import is_open
from ccpa_readiness.review.tables import Role, Run, TaskNote, TaskStatus, TrackedTask, User, utcnow

MAX_NOTE = 4000
SETTABLE = (TaskStatus.todo, TaskStatus.in_progress, TaskStatus.blocked, TaskStatus.done)
FINISHED = frozenset({TaskStatus.done.value, TaskStatus.not_needed.value})
GAP_REMAINS = "done, but the gap remains"


class TaskError(ValueError):
    """A status change that cannot be made; the message says why."""


class NotAllowed(TaskError):
    """The caller's role or department does not allow changing this task."""


def may_update(user: User, department: str) -> bool:
    """Admins, and reviewers of the department that owns the task."""
    if not user.active:
        return False
    return user.role == Role.admin.value or (
        user.role == Role.reviewer.value and user.department == department
    )


@dataclass(frozen=True)
class Note:
    author: str
    body: str
    at: dt.datetime


@dataclass(frozen=True)
class TaskView:
    """A task as the tracker shows it: the plan's fields with the store's status."""

    task_id: str
    title: str
    department: str
    status: str
    owner: str
    start: str | None
    due_date: str | None
    requirement_ids: list[str]
    status_reason: str = ""
    flag: str = ""
    notes: tuple[Note, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.task_id,
            "title": self.title,
            "department": self.department,
            "status": self.status,
            "owner": self.owner,
            "start": self.start,
            "due_date": self.due_date,
            "requirement_ids": self.requirement_ids,
            "status_reason": self.status_reason,
            "flag": self.flag,
            "notes": [
                {"author": n.author, "body": n.body, "at": n.at.isoformat(timespec="seconds")}
                for n in self.notes
            ],
        }


def sync_tasks(session: Session, run: Run, tasks: list[dict[str, Any]], actor: str) -> None:
    """Bring the tracked tasks in line with `run`'s roadmap (`history.roadmap_tasks` items)."""
    outcomes = {f.requirement_id: f.outcome for f in run.findings}
    tracked = {row.task_id: row for row in session.execute(select(TrackedTask)).scalars()}
    planned = {task["id"]: task for task in tasks}
    for task_id, task in planned.items():
        row = tracked.get(task_id)
        if row is None:
            row = TrackedTask(task_id=task_id, status=TaskStatus.todo.value, status_reason="", owner="")
            row.changed_by = actor
            session.add(row)
        elif row.status == TaskStatus.not_needed.value:
            _change(session, row, TaskStatus.todo, f"needed again by run {run.number}'s roadmap", actor)
        row.title, row.department = task["title"], task["department"]
        row.start, row.due_date = task["start"], task["due_date"]
        row.requirement_ids_json = json.dumps(task["requirement_ids"])
        row.last_run = run.number
    for task_id, row in tracked.items():
        if task_id in planned or row.status in FINISHED:
            continue  # a task done stays done when its findings close
        closed = [f"{r} {outcomes[r]}" for r in json.loads(row.requirement_ids_json) if r in outcomes]
        why = f"run {run.number}'s roadmap no longer needs it" + (f" ({', '.join(closed)})" if closed else "")
        why += f"; it was {row.status}"
        _change(session, row, TaskStatus.not_needed, why, actor)
    session.flush()


def _change(session: Session, row: TrackedTask, status: TaskStatus, reason: str, actor: str) -> None:
    previous = row.status
    row.status, row.status_reason = status.value, reason
    row.changed_at, row.changed_by = utcnow(), actor
    audit.append(
        session, actor, "task.status", row.task_id, {"from": previous, "to": status.value, "reason": reason}
    )


def set_status(
    session: Session,
    user: User | None,
    actor: str,
    task_id: str,
    status: str,
    note: str = "",
    owner: str | None = None,
    plan: Iterable[dict[str, Any]] = (),
) -> TrackedTask:
    """Set a task's status (and owner, and add a note) as `user` (None: a store without users).

    A task not tracked yet (its roadmap was imported but not assessed here) is taken from `plan`."""
    try:
        new = TaskStatus(status)
    except ValueError:
        raise TaskError(
            f"unknown status {status!r}; one of: {', '.join(s.value for s in SETTABLE)}"
        ) from None
    if new not in SETTABLE:
        raise TaskError("`not_needed` is set by a re-assessment whose roadmap no longer has the task")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise TaskError(f"a note has at most {MAX_NOTE} characters")
    row = session.get(TrackedTask, task_id) or _from_plan(session, task_id, plan, actor)
    if user is not None and not may_update(user, row.department):
        raise NotAllowed(f"only {row.department} reviewers and admins change {task_id}")
    detail: dict[str, Any] = {"from": row.status, "to": new.value}
    row.status, row.status_reason = new.value, ""
    row.changed_at, row.changed_by = utcnow(), actor
    if owner is not None and owner.strip() != row.owner:
        row.owner = owner.strip()[:254]
        detail["owner"] = row.owner
    if note:
        session.add(TaskNote(task_id=task_id, author=actor, body=note))
        detail["note"] = note
    session.flush()
    audit.append(session, actor, "task.status", task_id, detail)
    return row


def _from_plan(session: Session, task_id: str, plan: Iterable[dict[str, Any]], actor: str) -> TrackedTask:
    task = next((t for t in plan if t["id"] == task_id), None)
    if task is None:
        raise TaskError(f"no task {task_id!r} in the roadmap")
    row = TrackedTask(
        task_id=task_id,
        title=task["title"],
        department=task["department"],
        status=TaskStatus.todo.value,
        status_reason="",
        owner="",
        start=task["start"],
        due_date=task["due_date"],
        requirement_ids_json=json.dumps(task["requirement_ids"]),
        changed_by=actor,
    )
    session.add(row)
    session.flush()
    return row


def latest_run(session: Session) -> Run | None:
    return session.execute(select(Run).order_by(Run.number.desc()).limit(1)).scalar_one_or_none()


def _flag(row: TrackedTask | None, open_requirements: set[str], last: Run | None) -> str:
    """`done, but the gap remains`: marked done before the latest run, which still has its findings open."""
    if (
        row is None
        or last is None
        or row.status != TaskStatus.done.value
        or row.changed_at >= last.recorded_at
    ):
        return ""
    still_open = [r for r in json.loads(row.requirement_ids_json) if r in open_requirements]
    return f"{GAP_REMAINS}: {', '.join(still_open)}" if still_open else ""


def task_views(session: Session, plan: list[dict[str, Any]] | None = None) -> list[TaskView]:
    """The tracked tasks (or, given `plan`, that roadmap's tasks with their stored status)."""
    rows = {row.task_id: row for row in session.execute(select(TrackedTask)).scalars()}
    notes: dict[str, list[Note]] = {}
    for note in session.execute(select(TaskNote).order_by(TaskNote.id)).scalars():
        notes.setdefault(note.task_id, []).append(Note(note.author, note.body, note.at))
    last = latest_run(session)
    open_requirements = (
        set() if last is None else {f.requirement_id for f in last.findings if is_open(f.outcome)}
    )
    items = plan if plan is not None else [_as_plan(row) for row in rows.values()]
    views = []
    for task in items:
        row = rows.get(task["id"])
        views.append(
            TaskView(
                task_id=task["id"],
                title=task["title"],
                department=task["department"],
                status=row.status if row else TaskStatus.todo.value,
                owner=row.owner if row else "",
                start=task["start"],
                due_date=task["due_date"],
                requirement_ids=list(task["requirement_ids"]),
                status_reason=row.status_reason if row else "",
                flag=_flag(row, open_requirements, last),
                notes=tuple(notes.get(task["id"], [])),
            )
        )
    return sorted(views, key=lambda v: (v.department, v.due_date or "", v.task_id))


def _as_plan(row: TrackedTask) -> dict[str, Any]:
    return {
        "id": row.task_id,
        "title": row.title,
        "department": row.department,
        "start": row.start,
        "due_date": row.due_date,
        "requirement_ids": json.loads(row.requirement_ids_json),
    }


def statuses(session: Session) -> dict[str, str]:
    return {row.task_id: row.status for row in session.execute(select(TrackedTask)).scalars()}


def has_users(session: Session) -> bool:
    return bool(session.execute(select(func.count()).select_from(User)).scalar_one())
