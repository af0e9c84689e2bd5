"""Render a page with what every page needs: the caller, their CSRF token, the current version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ccpa_readiness.review.access import CSRF_FIELD, Caller
from ccpa_readiness.review.gantt import colour_of
from ccpa_readiness.review.tables import utcnow

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(csrf_field=CSRF_FIELD, colour_of=colour_of)
templates.env.filters["when"] = lambda value: value.strftime("%Y-%m-%d %H:%M UTC") if value else ""
templates.env.filters["short"] = lambda digest: digest[:12]


def render(
    request: Request, name: str, caller: Caller | None, status: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("today", dt.date.today())
    context.setdefault("now", utcnow())
    return templates.TemplateResponse(request, name, {"caller": caller, **context}, status_code=status)
