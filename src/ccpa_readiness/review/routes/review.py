"""Reviewing: comments (reviewers and admins), sign-offs (reviewers, own department), the record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ccpa_readiness.review import discussion, export, signoff
from ccpa_readiness.review.access import Actor, Caller, Reader, database, require
from ccpa_readiness.review.inputs import ReviewInputs
from ccpa_readiness.review.render import render
from ccpa_readiness.review.routes.pages import department_statuses, render_finding, render_task
from ccpa_readiness.review.tables import Role
from ccpa_readiness.review.versions import current_version, inputs_of

router = APIRouter()


class StaleVersion(signoff.SignOffError):
    """The decision was made on a version that is no longer current."""


def _render_error(
    request: Request, caller: Caller, target: discussion.Target, target_id: str, error: str
) -> HTMLResponse:
    """The task or finding page again, with why the comment was refused."""
    page = render_task if target is discussion.Target.task else render_finding
    return page(request, caller, target_id, error=error, status=400)


def _targets(inputs: ReviewInputs, target: discussion.Target) -> set[str]:
    if target is discussion.Target.task:
        return {t.id for t in inputs.roadmap.tasks}
    return {f.requirement_id for f in inputs.assessment.findings}


@router.post("/comments", response_model=None)
def add_comment(
    request: Request,
    caller: Actor,
    target: Annotated[discussion.Target, Form()],
    target_id: Annotated[str, Form(max_length=128)],
    body: Annotated[str, Form(max_length=discussion.MAX_COMMENT)] = "",
) -> Response:
    require(caller, Role.reviewer, Role.admin)
    try:
        with database(request).write() as session:
            version = current_version(session)
            if version is None or target_id not in _targets(inputs_of(session, version), target):
                return Response("no such task or finding in the current version", status_code=404)
            comment = discussion.add_comment(session, caller.user, version, target, target_id, body)
    except discussion.CommentError as error:
        return _render_error(request, caller, target, target_id, str(error))
    path = "tasks" if target is discussion.Target.task else "findings"
    return RedirectResponse(f"/{path}/{target_id}#comment-{comment.id}", status_code=303)


def render_signoff(request: Request, caller: Caller, error: str = "", status: int = 200) -> HTMLResponse:
    with database(request).read() as session:
        version = current_version(session)
        if version is None:
            return render(request, "empty.html", caller)
        statuses = department_statuses(session, version, inputs_of(session, version))
        record = signoff.record(session)
    return render(
        request,
        "signoff.html",
        caller,
        status=status,
        version=version,
        statuses=statuses,
        consensus=signoff.consensus(statuses),
        record=list(reversed(record)),
        error=error,
    )


@router.get("/signoff", response_class=HTMLResponse)
def signoff_page(request: Request, caller: Reader) -> HTMLResponse:
    return render_signoff(request, caller)


@router.post("/signoff", response_model=None)
def decide(
    request: Request,
    caller: Actor,
    decision: Annotated[str, Form(max_length=32)],
    content_hash: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(max_length=signoff.MAX_REASON)] = "",
) -> Response:
    """Approve or request changes for the version the reviewer saw (`content_hash`), never another."""
    require(caller, Role.reviewer)
    try:
        with database(request).write() as session:
            version = current_version(session)
            if version is None or version.content_hash != content_hash:
                raise StaleVersion("a new version was imported meanwhile: review it first")
            signoff.decide(session, caller.user, version, decision, reason)
    except StaleVersion as error:
        return render_signoff(request, caller, str(error), 409)
    except signoff.SignOffError as error:
        return render_signoff(request, caller, str(error), 400)
    return RedirectResponse("/signoff", status_code=303)


@router.get("/signoff/record.{fmt}")
def record(request: Request, caller: Reader, fmt: export.Format) -> Response:
    with database(request).read() as session:
        rows = signoff.record(session)
    media = "application/json" if fmt is export.Format.json else "text/csv; charset=utf-8"
    return Response(
        export.render(rows, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="signoff-record.{fmt.value}"'},
    )
