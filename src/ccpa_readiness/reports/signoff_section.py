"""The sign-off record's section of `report.html`: who approved or asked for changes, on which
version, when. The rows come from the review app's store; this module only renders them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from markupsafe import Markup

from ccpa_readiness.reports.html_report import render_fragment


class SignOffRow(Protocol):
    """One decision of the record (the review app's `RecordRow`)."""

    @property
    def version(self) -> int: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def reviewer(self) -> str: ...
    @property
    def decision(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def current(self) -> bool: ...


def render_signoff_section(rows: Sequence[SignOffRow]) -> Markup:
    return render_fragment("signoff_section.html.j2", rows=rows)
