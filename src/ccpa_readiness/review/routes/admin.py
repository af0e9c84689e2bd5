"""Administration (admins only): users, importing the workspace's `out/`, the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from ccpa_readiness.errors import InputError
from ccpa_readiness.review import audit, users
from ccpa_readiness.review.access import Actor, Caller, Reader, database, require
from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.render import render
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.tables import AuditEntry, Role, User
from ccpa_readiness.review.versions import import_version
from ccpa_readiness.vocabulary import Department

router = APIRouter(prefix="/admin")
AUDIT_PAGE = 200


def render_users(request: Request, caller: Caller, message: str = "", status: int = 200) -> HTMLResponse:
    with database(request).read() as session:
        people = session.execute(select(User).order_by(User.email)).scalars().all()
    return render(
        request,
        "users.html",
        caller,
        status=status,
        people=people,
        departments=[d.value for d in Department],
        roles=[r.value for r in Role],
        message=message,
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, caller: Reader) -> HTMLResponse:
    require(caller, Role.admin)
    return render_users(request, caller)


@router.post("/users", response_model=None)
def add_user(
    request: Request,
    caller: Actor,
    email: Annotated[str, Form(max_length=254)] = "",
    department: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=16)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    require(caller, Role.admin)
    try:
        with database(request).write() as session:
            users.add_user(session, caller.user.email, email, department, role, password)
    except users.UserError as error:
        return render_users(request, caller, str(error), 400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}", response_model=None)
def update_user(
    request: Request,
    caller: Actor,
    user_id: int,
    department: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=16)] = "",
    active: Annotated[bool, Form()] = False,
) -> Response:
    require(caller, Role.admin)
    try:
        with database(request).write() as session:
            user = session.get(User, user_id)
            if user is None:
                raise HTTPException(404, "no such user")
            users.update_user(session, caller.user.email, user, department, role, active)
            session.flush()
            if users.count_admins(session) == 0:
                raise users.UserError("keep at least one active admin")
    except users.UserError as error:
        return render_users(request, caller, str(error), 400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/import", response_model=None)
def import_out(request: Request, caller: Actor) -> Response:
    """Import the workspace's current `out/` as a new version (nothing when unchanged)."""
    require(caller, Role.admin)
    settings: Settings = request.app.state.settings
    if settings.workspace is None:
        raise HTTPException(404, "this server has no workspace to import from")
    try:
        inputs = load_inputs(settings.workspace)
    except InputError as error:
        return render(request, "error.html", caller, status=400, message=str(error))
    with database(request).write() as session:
        import_version(session, inputs, caller.user.email)
    return RedirectResponse("/", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, caller: Reader) -> HTMLResponse:
    require(caller, Role.admin)
    with database(request).read() as session:
        verification = audit.verify(session)
        entries = (
            session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(AUDIT_PAGE))
            .scalars()
            .all()
        )
    return render(request, "audit.html", caller, verification=verification, entries=entries)
