"""The intake's evidence upload (`/intake/evidence`: admins and reviewers upload, everyone reads)
and the assessment started from the browser (`/intake/assess`: admins only)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from ccpa_readiness.review import audit
from ccpa_readiness.review.access import Caller, Reader, acting, database, require
from ccpa_readiness.review.assess_job import STAGES, AssessJobs, JobRunning
from ccpa_readiness.review.evidence_list import evidence_files
from ccpa_readiness.review.render import render
from ccpa_readiness.review.settings import Settings
from ccpa_readiness.review.tables import Role
from ccpa_readiness.review.uploads import KINDS, UploadRefused, store_upload

router = APIRouter(prefix="/intake")
UPLOADERS = (Role.admin, Role.reviewer)
MULTIPART_SLACK_BYTES = 64 * 1024  # the form's other fields and boundaries around the file


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _workspace(request: Request) -> Settings:
    settings = _settings(request)
    if settings.workspace is None:
        raise HTTPException(404, "this server has no workspace")
    return settings


def render_evidence(
    request: Request, caller: Caller, message: str = "", status: int = 200, failed: bool = False
) -> HTMLResponse:
    settings = _workspace(request)
    assert settings.workspace is not None
    return render(
        request,
        "intake_evidence.html",
        caller,
        status=status,
        kinds=KINDS,
        files=evidence_files(settings.workspace),
        may_upload=caller.role in UPLOADERS,
        upload_bytes=settings.upload_bytes,
        message=message,
        failed=failed,
    )


@router.get("/evidence", response_class=HTMLResponse)
def evidence_page(request: Request, caller: Reader) -> HTMLResponse:
    return render_evidence(request, caller)


@router.post("/evidence", response_model=None)
async def upload_evidence(request: Request, caller: Reader) -> Response:
    """One file into `evidence/<kind>/`; the role and the declared size are checked before the
    body is read, the CSRF token and the content after."""
    require(caller, *UPLOADERS)
    settings = _workspace(request)
    assert settings.workspace is not None
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        raise HTTPException(411, "an upload must declare its length")
    if int(declared) > settings.upload_bytes + MULTIPART_SLACK_BYTES:
        return render_evidence(request, caller, _too_large(settings), 413, failed=True)
    await acting(request, caller)
    form = await request.form(max_files=1, max_fields=4)
    upload, kind = form.get("file"), form.get("kind")
    if not isinstance(upload, UploadFile) or not upload.filename or not isinstance(kind, str):
        return render_evidence(request, caller, "choose a kind and a file to upload", 400, failed=True)
    data = await upload.read(settings.upload_bytes + 1)
    if len(data) > settings.upload_bytes:
        return render_evidence(request, caller, _too_large(settings), 413, failed=True)
    try:
        stored = store_upload(settings.workspace, kind, upload.filename, data, settings.virus_scan)
    except UploadRefused as error:
        return render_evidence(request, caller, f"not stored: {error}", 400, failed=True)
    if stored.created:
        with database(request).write() as session:
            details = {"sha256": stored.sha256, "bytes": stored.size}
            audit.append(session, caller.user.email, "evidence.upload", str(stored.path), details)
    state = "stored as" if stored.created else "already there, unchanged:"
    return render_evidence(request, caller, f"{state} {stored.path}")


def _too_large(settings: Settings) -> str:
    return f"not stored: the file is over the upload limit of {settings.upload_bytes:,} bytes"


def _jobs(request: Request) -> AssessJobs:
    jobs: AssessJobs | None = getattr(request.app.state, "assess_jobs", None)
    if jobs is None:
        raise HTTPException(404, "this server has no workspace to assess")
    return jobs


def render_assess(request: Request, caller: Caller, message: str = "", status: int = 200) -> HTMLResponse:
    job = _jobs(request).latest
    return render(
        request, "intake_assess.html", caller, status=status, job=job, stages=STAGES, message=message
    )


@router.get("/assess", response_class=HTMLResponse)
def assess_page(request: Request, caller: Reader) -> HTMLResponse:
    require(caller, Role.admin)
    return render_assess(request, caller)


@router.get("/assess/status", response_class=HTMLResponse)
def assess_status(request: Request, caller: Reader) -> HTMLResponse:
    """The progress fragment the page polls while a run is under way."""
    require(caller, Role.admin)
    return render(request, "_assess_status.html", caller, job=_jobs(request).latest, stages=STAGES)


@router.post("/assess", response_model=None)
async def start_assessment(request: Request, caller: Reader) -> Response:
    require(caller, Role.admin)
    await acting(request, caller)
    try:
        _jobs(request).start(caller.user.email)
    except JobRunning as error:
        return render_assess(request, caller, str(error), 409)
    return RedirectResponse("/intake/assess", status_code=303)
