"""One row of the sign-off record, apart from the store so that its exports load no database code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordRow:
    version: int
    content_hash: str
    department: str
    reviewer: str
    decision: str
    reason: str
    at: dt.datetime
    current: bool
