"""What `ccpa assess` does with the store: record the run, compare it with the one before, bring
the tracked tasks in line with its roadmap, and gather what the report shows about all of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccpa_readiness.reports.trend_chart import TrendPoint
from ccpa_readiness.review import history, tracking
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.progress import progress
from ccpa_readiness.review.run_diff import diff_runs
from ccpa_readiness.review.tables import Run


@dataclass(frozen=True)
class Recorded:
    run: int
    diff: dict[str, Any] | None  # `RunDiff.as_json()` against the run before; None for the first
    line: str  # the one line `ccpa assess` prints
    trend: list[TrendPoint]
    progress: dict[str, Any] | None  # None when this assessment built no roadmap


def trend_points(session: Session) -> list[TrendPoint]:
    """One point per run, oldest first."""
    runs = session.execute(select(Run).order_by(Run.number)).scalars()
    return [TrendPoint(r.number, r.as_of, r.readiness, r.coverage, r.open_risk) for r in runs]


def record_assessment(
    db: Database,
    findings: Mapping[str, Any],
    roadmap: Mapping[str, Any] | None,
    digests: Mapping[str, str],
    actor: str,
) -> Recorded:
    """Record one assessment; the tasks are synced only when it built a roadmap."""
    with db.write() as session:
        previous = tracking.latest_run(session)
        run = history.record_run(session, findings, roadmap, digests, actor)
        diff = None if previous is None else diff_runs(previous, run, tracking.statuses(session))
        tasks = history.tasks_of(run)
        if tasks is not None:
            tracking.sync_tasks(session, run, tasks, actor)
    with db.read() as session:
        trend = trend_points(session)
        today = dt.date.fromisoformat(run.as_of)
        tracked = None if tasks is None else progress(tracking.task_views(session, tasks), today)
    if diff is None:
        line = f"History: run {run.number} recorded, the first of this workspace (nothing to compare)"
    else:
        line = diff.one_line()
    if tracked is not None and tracked["flagged"]:
        line += f"; {len(tracked['flagged'])} task(s) done, but the gap remains"
    return Recorded(
        run=run.number,
        diff=None if diff is None else diff.as_json(),
        line=line,
        trend=trend,
        progress=tracked,
    )
