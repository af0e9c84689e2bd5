"""The intake: `/intake` (sections, owners, progress) and `/intake/<section>` (its questionnaire).

Any signed-in role reads every section; a reviewer saves only the sections of their department,
an admin saves every section and assigns sections to departments. A save is validated by the
loader of `ccpa assess` and written into the workspace's YAML, each changed field audited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ccpa_readiness.evidence.pii.masking import mask_text
from ccpa_readiness.review import audit
from ccpa_readiness.review.access import Actor, Caller, Forbidden, Reader, database, require
from ccpa_readiness.review.intake import owners as ownership
from ccpa_readiness.review.intake.forms import NEW_KEY, Reading, attach, read
from ccpa_readiness.review.intake.pages import by_department, progress_of, questions_of, summaries
from ccpa_readiness.review.intake.saving import Outcome, check_save, read_current
from ccpa_readiness.review.intake.sections import Section, section
from ccpa_readiness.review.render import render
from ccpa_readiness.review.tables import Role
from ccpa_readiness.vocabulary import Department
from ccpa_readiness.workspace.models import Listing
from ccpa_readiness.workspace.writer import ABSENT, write_atomically

router = APIRouter()
ACTION = "_action"


def _root(request: Request) -> Path:
    root: Path | None = request.app.state.settings.workspace
    if root is None:
        raise HTTPException(404, "this server has no workspace folder: start it with `ccpa serve DIR`")
    return root


def _section(key: str) -> Section:
    found = section(key)
    if found is None:
        raise HTTPException(404, "no such intake section")
    return found


def _owners(request: Request) -> dict[str, tuple[str, ...]]:
    with database(request).read() as session:
        return ownership.owners(session)


@router.get("/intake", response_class=HTMLResponse)
def index(request: Request, caller: Reader) -> HTMLResponse:
    found = summaries(_root(request), _owners(request))
    return render(
        request,
        "intake.html",
        caller,
        summaries=found,
        departments=by_department(found),
        all_departments=[d.value for d in Department],
        is_admin=caller.role == Role.admin,
    )


def _render_section(
    request: Request,
    caller: Caller,
    target: Section,
    data: Any,
    digest: str,
    status: int = 200,
    field_errors: dict[str, list[str]] | None = None,
    other_errors: list[str] | None = None,
    notice: str = "",
) -> HTMLResponse:
    """The section's form answered from `data` (the file's, or the answers just submitted)."""
    questions = questions_of(target, data)
    rest = attach(questions, field_errors or {})
    departments = _owners(request)[target.key]
    return render(
        request,
        "intake_section.html",
        caller,
        status=status,
        section=target,
        questions=questions,
        owners=departments,
        may_edit=ownership.may_edit(caller.user, departments),
        digest=digest,
        progress=progress_of(questions),
        listing_absent=issubclass(target.model, Listing) and _get(data, "complete_lists") is ABSENT,
        other_errors=rest + (other_errors or []),
        not_saved=bool(field_errors or other_errors),
        notice=notice,
    )


def _get(data: Any, key: str) -> Any:
    return data.get(key, ABSENT) if isinstance(data, dict) else ABSENT


@router.get("/intake/{key}", response_class=HTMLResponse)
def section_page(request: Request, caller: Reader, key: str, saved: int = 0) -> HTMLResponse:
    target = _section(key)
    current = read_current(_root(request), target)
    problems = [f"{target.file} does not parse: {current.problem}"] if current.problem else []
    return _render_section(
        request,
        caller,
        target,
        current.part(target),
        current.digest,
        other_errors=problems,
        notice="Saved." if saved else "",
    )


def _edit_list(answers: dict[str, Any], target: Section, action: str) -> None:
    """`add:<list name>` appends an empty item, `remove:<item name>` drops one (nothing saved)."""
    verb, _, name = action.partition(":")
    parts: list[str] = name.split(".")[1:] if target.prefix else name.split(".")
    try:
        parent: Any = answers
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        last: Any = int(parts[-1]) if isinstance(parent, list) else parts[-1]
        if verb == "add":
            node = parent[last]
            if node is ABSENT:
                parent[last] = [{}]
            elif isinstance(node, list):
                node.append({})
            elif isinstance(node, dict):
                node[f"{NEW_KEY}{len(node)}"] = {}
            else:
                raise ValueError(name)
        elif verb == "remove" and isinstance(parent, list):
            del parent[last]
        elif verb == "remove" and isinstance(parent, dict):
            present = [key for key, value in parent.items() if value is not ABSENT]
            parent[present[int(last)]] = ABSENT
        else:
            raise ValueError(name)
    except (KeyError, IndexError, ValueError, TypeError):
        raise HTTPException(400, "unknown form action") from None


def _shown(value: Any) -> Any:
    """A value as the audit log keeps it: strings through the masker, absent said in words."""
    if value is ABSENT:
        return "(not stated)"
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@router.post("/intake/{key}", response_model=None)
async def save_section(request: Request, caller: Actor, key: str) -> Response:
    target = _section(key)
    root = _root(request)
    if not ownership.may_edit(caller.user, _owners(request)[target.key]):
        raise Forbidden
    form = await request.form()
    reading = Reading()
    answers = read(target.model, form, target.prefix, reading)
    action = str(form.get(ACTION, "save"))
    digest = str(form.get("_digest", ""))
    if action != "save":
        _edit_list(answers, target, action)
        return _render_section(request, caller, target, answers, digest)
    with database(request).write() as session:
        current = read_current(root, target)
        if digest != current.digest:
            stale = (
                f"{target.file} changed since this form was opened (saved by someone else or edited "
                "by hand); your answers are below, not saved: reload the page to see the file as it is now"
            )
            outcome = Outcome(other_errors=[stale])
            status = 409
        else:
            outcome, status = check_save(root, target, current, answers), 400
            for name, messages in reading.errors.items():
                outcome.field_errors.setdefault(name, []).extend(messages)
            if outcome.valid and outcome.changed:
                audit.append(
                    session, caller.user.email, "intake.save", target.key, _audit_detail(target, outcome)
                )
                session.flush()
                write_atomically(root / target.file, outcome.text)
    if not outcome.valid:
        return _render_section(
            request, caller, target, answers, digest, status, outcome.field_errors, outcome.other_errors
        )
    return RedirectResponse(f"/intake/{target.key}?saved=1", status_code=303)


def _audit_detail(target: Section, outcome: Outcome) -> dict[str, Any]:
    """Who changed which field from what to what (the actor is the entry's)."""
    return {
        "file": target.file,
        "changes": [
            {"field": name, "from": _shown(old), "to": _shown(new)} for name, old, new in outcome.changed
        ],
    }


@router.post("/intake/{key}/owners", response_model=None)
def assign_owners(
    request: Request, caller: Actor, key: str, departments: Annotated[list[str] | None, Form()] = None
) -> Response:
    require(caller, Role.admin)
    target = _section(key)
    try:
        with database(request).write() as session:
            ownership.assign(session, caller.user.email, target, departments or [])
    except ownership.BadAssignment as error:
        raise HTTPException(400, str(error)) from None
    return RedirectResponse("/intake#owners", status_code=303)
