"""Per-task due dates: the latest finish allowed, a hard constraint, said plainly when it cannot hold."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ccpa_readiness.reports.roadmap_files import roadmap_json
from ccpa_readiness.roadmap import Roadmap, plan
from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem
from ccpa_readiness.roadmap.models import RoadmapTask
from ccpa_readiness.roadmap.schedule import schedule
from tests.roadmap.builders import START, facts, finding, requirement, roadmap_for, task
from tests.roadmap.model_check import model_violations

TASKS = [task("urgent-law", "Privacy", days=3), task("big-risk", "Privacy", days=5)]
REQUIREMENTS = [requirement("REQ-01", ["urgent-law"]), requirement("REQ-02", ["big-risk"])]
FINDINGS = [finding("REQ-01", risk_score=1), finding("REQ-02", risk_score=90)]


def test_the_solver_keeps_a_due_day_against_the_risk_order() -> None:
    jobs = [Job("low", "Privacy", 3, 1, 1, due=3), Job("high", "Privacy", 5, 1, 90)]
    free = schedule(ScheduleProblem([Job("low", "Privacy", 3, 1, 1), jobs[1]], {"Privacy": 1}))
    assert free.starts == {"high": 0, "low": 5}  # without a due day the risky job goes first
    due = schedule(ScheduleProblem(jobs, {"Privacy": 1}))
    assert due.starts == {"high": 3, "low": 0}


def _with_due_dates(monkeypatch: pytest.MonkeyPatch, due: dict[str, dt.date]) -> None:
    """Synthetic due dates on the built tasks (the law's compliance dates set them in real runs)."""
    build: Callable[..., list[RoadmapTask]] = plan.build_tasks

    def dated(*arguments: object) -> list[RoadmapTask]:
        return [t.model_copy(update={"due_date": due.get(t.id)}) for t in build(*arguments)]

    monkeypatch.setattr(plan, "build_tasks", dated)


def _roadmap(tmp_path: Path) -> Roadmap:
    return roadmap_for(TASKS, REQUIREMENTS, FINDINGS, facts(tmp_path, {"Privacy": {"people": 1}}))


def test_a_reachable_due_date_is_met(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    due = START + dt.timedelta(days=2)  # Wednesday: the third working day
    _with_due_dates(monkeypatch, {"urgent-law": due})
    roadmap = _roadmap(tmp_path)
    by_id = {t.id: t for t in roadmap.tasks}
    assert by_id["urgent-law"].due_date == due and by_id["urgent-law"].end == due
    assert roadmap.feasible and "missed" not in roadmap.verdict
    data = json.loads(roadmap_json(roadmap))
    assert data["tasks"][1]["due_date"] == due.isoformat()
    assert model_violations(data) == []


def test_a_due_date_no_staffing_can_meet_is_said_and_does_not_drop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreachable = START + dt.timedelta(days=1)  # two working days for a three-day task
    reachable = START + dt.timedelta(days=4)  # five working days for the five-day task
    _with_due_dates(monkeypatch, {"urgent-law": unreachable, "big-risk": reachable})
    roadmap = _roadmap(tmp_path)
    by_id = {t.id: t for t in roadmap.tasks}
    assert by_id["big-risk"].end == reachable, "the reachable due date still holds"
    assert by_id["urgent-law"].end > unreachable
    assert any(
        m.startswith(f"urgent-law is due {unreachable} but ends") and "no staffing can finish it" in m
        for m in roadmap.messages
    )
    assert roadmap.feasible, "the people declared are not what makes it late"
    assert roadmap.verdict.endswith("met but 1 due date missed (before the plan's start allows)")
    assert model_violations(json.loads(roadmap_json(roadmap))) == []


def test_due_dates_the_people_cannot_meet_make_the_roadmap_infeasible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each is reachable alone (three and five working days), not both with one person
    _with_due_dates(
        monkeypatch,
        {"urgent-law": START + dt.timedelta(days=2), "big-risk": START + dt.timedelta(days=4)},
    )
    roadmap = _roadmap(tmp_path)
    assert not roadmap.feasible
    assert {t.id for t in roadmap.tasks} == {"urgent-law", "big-risk"}
    assert any("cannot all be met with the people declared" in m for m in roadmap.messages)
    assert roadmap.verdict.endswith("met but 1 due date missed")
    assert "NOT met" not in roadmap.verdict
