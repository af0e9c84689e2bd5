"""One's own account: change the password (every role). Other sessions of the user end."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import delete

from ccpa_readiness.review import users
from ccpa_readiness.review.access import Actor, Caller, NotSignedIn, Reader, database
from ccpa_readiness.review.render import render
from ccpa_readiness.review.sessions import digest
from ccpa_readiness.review.tables import LoginSession, User

router = APIRouter(prefix="/account")


def render_account(request: Request, caller: Caller, error: str = "", changed: bool = False) -> HTMLResponse:
    return render(request, "account.html", caller, status=400 if error else 200, error=error, changed=changed)


@router.get("", response_class=HTMLResponse)
def account(request: Request, caller: Reader, changed: bool = False) -> HTMLResponse:
    return render_account(request, caller, changed=changed)


@router.post("/password", response_model=None)
def change_password(
    request: Request,
    caller: Actor,
    current: Annotated[str, Form(max_length=1024)] = "",
    new: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        with database(request).write() as session:
            user = session.get(User, caller.user.id)
            if user is None:
                raise NotSignedIn
            users.change_password(session, user, current, new)
            others = (LoginSession.user_id == user.id) & (
                LoginSession.token_hash != digest(caller.session_token)
            )
            session.execute(delete(LoginSession).where(others))
    except users.UserError as error:
        return render_account(request, caller, str(error))
    return RedirectResponse("/account?changed=true", status_code=303)
