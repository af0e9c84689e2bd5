"""Read-only pages: dashboard, findings, a finding, the roadmap, a task. Any signed-in role."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from ccpa_readiness.reports.charts import gantt_svg
from ccpa_readiness.reports.trend_chart import render_trend
from ccpa_readiness.review import discussion, signoff, tracking, views
from ccpa_readiness.review.access import Caller, Reader, database
from ccpa_readiness.review.history import roadmap_tasks
from ccpa_readiness.review.inputs import ReviewInputs
from ccpa_readiness.review.progress import progress
from ccpa_readiness.review.recording import trend_points
from ccpa_readiness.review.render import render
from ccpa_readiness.review.tables import Version
from ccpa_readiness.review.versions import current_version, inputs_of

router = APIRouter()


def _current(session: Session) -> tuple[Version, ReviewInputs] | None:
    version = current_version(session)
    return None if version is None else (version, inputs_of(session, version))


def _no_version(request: Request, caller: Caller) -> HTMLResponse:
    return render(request, "empty.html", caller)


def department_statuses(
    session: Session, version: Version, inputs: ReviewInputs
) -> list[signoff.DepartmentStatus]:
    counts = {dept: len(tasks) for dept, tasks in views.tasks_by_department(inputs.roadmap).items()}
    return signoff.statuses(session, version, counts)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, caller: Reader) -> HTMLResponse:
    with database(request).read() as session:
        found = _current(session)
        if found is None:
            return _no_version(request, caller)
        version, inputs = found
        statuses = department_statuses(session, version, inputs)
        tasks = tracking.task_views(session, roadmap_tasks(inputs.roadmap_raw))
        trend = trend_points(session)
    return render(
        request,
        "dashboard.html",
        caller,
        version=version,
        inputs=inputs,
        progress=progress(tasks, dt.date.today()),
        trend=render_trend(trend) if trend else None,
        open_by_severity=views.open_by_severity(inputs),
        statuses=statuses,
        consensus=signoff.consensus(statuses),
    )


@router.get("/findings", response_class=HTMLResponse)
def findings(
    request: Request,
    caller: Reader,
    area: Annotated[str, Query(max_length=64)] = "",
    severity: Annotated[str, Query(max_length=16)] = "",
    department: Annotated[str, Query(max_length=64)] = "",
    basis: Annotated[str, Query(max_length=16)] = "",
    outcome: Annotated[str, Query(max_length=16)] = "",
) -> HTMLResponse:
    with database(request).read() as session:
        found = _current(session)
    if found is None:
        return _no_version(request, caller)
    version, inputs = found
    filters = views.FindingFilters(area, severity, department, basis, outcome)
    return render(
        request,
        "findings.html",
        caller,
        version=version,
        filters=filters,
        choices=views.filter_choices(inputs),
        findings=views.filter_findings(inputs, filters),
        owners=views.departments_by_requirement(inputs.roadmap),
    )


def render_finding(
    request: Request, caller: Caller, requirement_id: str, error: str = "", status: int = 200
) -> HTMLResponse:
    with database(request).read() as session:
        found = _current(session)
        if found is None:
            return _no_version(request, caller)
        version, inputs = found
        finding = next((f for f in inputs.assessment.findings if f.requirement_id == requirement_id), None)
        if finding is None:
            raise HTTPException(404, "no such finding in the current version")
        comments = discussion.comments_on(session, discussion.Target.finding, requirement_id)
    tasks = [t for t in inputs.roadmap.tasks if requirement_id in t.requirement_ids]
    return render(
        request,
        "finding.html",
        caller,
        status=status,
        version=version,
        finding=finding,
        tasks=tasks,
        comments=comments,
        target="finding",
        target_id=requirement_id,
        error=error,
    )


@router.get("/findings/{requirement_id}", response_class=HTMLResponse)
def finding(request: Request, caller: Reader, requirement_id: str) -> HTMLResponse:
    return render_finding(request, caller, requirement_id)


@router.get("/roadmap", response_class=HTMLResponse)
def roadmap(request: Request, caller: Reader) -> HTMLResponse:
    with database(request).read() as session:
        found = _current(session)
        status_of = tracking.statuses(session)
    if found is None:
        return _no_version(request, caller)
    version, inputs = found
    return render(
        request,
        "roadmap.html",
        caller,
        version=version,
        status_of=status_of,
        roadmap=inputs.roadmap,
        gantt=Markup(gantt_svg(inputs.roadmap, link=lambda task: f"/tasks/{quote(task.id, safe='')}")),
        by_department=views.tasks_by_department(inputs.roadmap),
        budget=views.budget_rows(inputs.roadmap.budget),
    )


def render_task(
    request: Request,
    caller: Caller,
    task_id: str,
    error: str = "",
    status: int = 200,
    tracking_error: str = "",
) -> HTMLResponse:
    with database(request).read() as session:
        found = _current(session)
        if found is None:
            return _no_version(request, caller)
        version, inputs = found
        task = next((t for t in inputs.roadmap.tasks if t.id == task_id), None)
        if task is None:
            raise HTTPException(404, "no such task in the current version")
        comments = discussion.comments_on(session, discussion.Target.task, task_id)
        status_of = {s.department: s for s in department_statuses(session, version, inputs)}
        plan = [t for t in roadmap_tasks(inputs.roadmap_raw) if t["id"] == task_id]
        tracked = tracking.task_views(session, plan)[0]
    findings_of = [f for f in inputs.assessment.findings if f.requirement_id in task.requirement_ids]
    proposal = next((p for p in inputs.roadmap.proposals if p.key == task.proposal), None)
    return render(
        request,
        "task.html",
        caller,
        status=status,
        version=version,
        task=task,
        findings=findings_of,
        department_status=status_of.get(task.department),
        proposal=proposal,
        proposal_text=inputs.proposal_texts.get(task.proposal or ""),
        tracked=tracked,
        tracking_error=tracking_error,
        may_track=tracking.may_update(caller.user, task.department),
        statuses=[s.value for s in tracking.SETTABLE],
        comments=comments,
        target="task",
        target_id=task_id,
        error=error,
    )


@router.get("/tasks/{task_id}", response_class=HTMLResponse)
def task(request: Request, caller: Reader, task_id: str) -> HTMLResponse:
    return render_task(request, caller, task_id)
