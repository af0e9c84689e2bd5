"""Where the roadmap stands on a day: done against planned, late tasks, and what falls due soon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ccpa_readiness.review.tables import TaskStatus
from ccpa_readiness.review.tracking import FINISHED, TaskView

DUE_SOON_DAYS = 30


def _due(view: TaskView) -> dt.date | None:
    return None if view.due_date is None else dt.date.fromisoformat(view.due_date)


def progress(views: Sequence[TaskView], today: dt.date) -> dict[str, Any]:
    """Done / planned by `today`, late tasks (due before it, not done), due within 30 days per
    department, and tasks marked done whose gap remains. Tasks no longer needed are left out."""
    active = [v for v in views if v.status != TaskStatus.not_needed.value]
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    late: list[dict[str, Any]] = []
    due_soon: dict[str, list[dict[str, Any]]] = {}
    for view in active:
        due = _due(view)
        if due is None or view.status in FINISHED:
            continue
        if due < today:
            late.append({**_brief(view), "days_late": (today - due).days})
        elif due <= horizon:
            due_soon.setdefault(view.department, []).append(_brief(view))
    planned = [v for v in active if (d := _due(v)) is not None and d <= today]
    return {
        "today": today.isoformat(),
        "total": len(active),
        "done": sum(1 for v in active if v.status == TaskStatus.done.value),
        "planned_by_today": len(planned),
        "done_of_planned": sum(1 for v in planned if v.status == TaskStatus.done.value),
        "late": sorted(late, key=lambda t: (-t["days_late"], t["id"])),
        "due_soon": {
            dept: sorted(tasks, key=lambda t: (t["due_date"], t["id"]))
            for dept, tasks in sorted(due_soon.items())
        },
        "due_soon_days": DUE_SOON_DAYS,
        "flagged": [{**_brief(v), "flag": v.flag} for v in views if v.flag],
    }


def _brief(view: TaskView) -> dict[str, Any]:
    return {
        "id": view.task_id,
        "title": view.title,
        "department": view.department,
        "status": view.status,
        "owner": view.owner,
        "due_date": view.due_date,
    }
