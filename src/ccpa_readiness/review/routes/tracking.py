"""Task tracking in the review app: a reviewer sets their own department's tasks' status, owner
and notes; admins any task's (the same rules as `ccpa tasks set`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ccpa_readiness.review import tracking
from ccpa_readiness.review.access import Actor, Forbidden, database
from ccpa_readiness.review.history import roadmap_tasks
from ccpa_readiness.review.routes.pages import render_task
from ccpa_readiness.review.versions import current_version, inputs_of

router = APIRouter()


@router.post("/tasks/{task_id}/status", response_model=None)
def set_task_status(
    request: Request,
    caller: Actor,
    task_id: str,
    status: Annotated[str, Form(max_length=16)],
    note: Annotated[str, Form(max_length=tracking.MAX_NOTE)] = "",
    owner: Annotated[str, Form(max_length=254)] = "",
) -> Response | HTMLResponse:
    try:
        with database(request).write() as session:
            version = current_version(session)
            plan = [] if version is None else roadmap_tasks(inputs_of(session, version).roadmap_raw)
            if all(t["id"] != task_id for t in plan):
                raise HTTPException(404, "no such task in the current version")
            tracking.set_status(session, caller.user, caller.user.email, task_id, status, note, owner, plan)
    except tracking.NotAllowed:
        raise Forbidden from None
    except tracking.TaskError as error:
        return render_task(request, caller, task_id, status=400, tracking_error=str(error))
    return RedirectResponse(f"/tasks/{task_id}#tracking", status_code=303)
