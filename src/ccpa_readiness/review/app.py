"""The FastAPI application factory."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ccpa_readiness.review.access import BadCsrf, Forbidden, NotSignedIn, signed_in
from ccpa_readiness.review.assess_job import AssessJobs
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.headers import SecurityHeaders
from ccpa_readiness.review.ratelimit import RateLimiter
from ccpa_readiness.review.render import render
from ccpa_readiness.review.routes import account, admin, auth, intake, intake_jobs, pages, review, tracking
from ccpa_readiness.review.settings import Settings

STATIC = Path(__file__).parent / "static"


def _not_signed_in(request: Request, _error: Exception) -> Response:
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": "/login"})
    if request.method != "GET":
        return Response("sign in first", status_code=401)
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        caller = signed_in(request)
    except NotSignedIn:
        caller = None
    return render(request, "error.html", caller, status=status, message=message)


def _forbidden(request: Request, _error: Exception) -> Response:
    return _error_page(request, 403, "Your role does not allow this.")


def _bad_csrf(request: Request, _error: Exception) -> Response:
    return _error_page(request, 403, "The form's security token is missing or wrong: reload the page.")


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    return _error_page(request, error.status_code, str(error.detail))


def create_app(settings: Settings) -> FastAPI:
    """An app on `settings.db_url`, migrated to the newest schema unless told otherwise."""
    db = Database(settings.db_url, workspace=settings.workspace)
    if settings.migrate:
        db.upgrade()
    app = FastAPI(title="ccpa-readiness review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db = db
    app.state.settings = settings
    app.state.login_limiter = RateLimiter(settings.login_attempts_per_minute, 60.0)
    if settings.workspace is not None:
        app.state.assess_jobs = AssessJobs(settings.workspace, db)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(BadCsrf, _bad_csrf)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # intake last: its /intake/{section} must not shadow the fixed /intake/... paths of intake_jobs
    for module in (auth, pages, review, account, admin, tracking, intake_jobs, intake):
        app.include_router(module.router)
    return app
