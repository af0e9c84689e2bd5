"""Render a page with what every page needs: the caller, their CSRF token, the current version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ccpa_readiness.reports.charts.palette import department_index
from ccpa_readiness.review.access import CSRF_FIELD, Caller
from ccpa_readiness.review.inputs import Money
from ccpa_readiness.review.tables import utcnow

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(csrf_field=CSRF_FIELD, colour_of=department_index)
templates.env.filters["when"] = lambda value: value.strftime("%Y-%m-%d %H:%M UTC") if value else ""
templates.env.filters["short"] = lambda digest: digest[:12]


def money(value: Money) -> str:
    """`12,345`, or `12,345 (10,000 to 15,000)` when the estimate is a range."""
    expected = f"{value.expected:,.0f}"
    return expected if value.low == value.high else f"{expected} ({value.low:,.0f} to {value.high:,.0f})"


templates.env.filters["money"] = money


def render(
    request: Request, name: str, caller: Caller | None, status: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("today", dt.date.today())
    context.setdefault("now", utcnow())
    return templates.TemplateResponse(request, name, {"caller": caller, **context}, status_code=status)
