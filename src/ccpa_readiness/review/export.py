"""The sign-off record as JSON or CSV: who decided what on which version, when."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from enum import StrEnum

from ccpa_readiness.review.record import RecordRow
from ccpa_readiness.spreadsheet import safe_cell

FIELDS = [field.name for field in dataclasses.fields(RecordRow)]


class Format(StrEnum):
    json = "json"
    csv = "csv"


def _plain(row: RecordRow) -> dict[str, str | int | bool]:
    values = dataclasses.asdict(row)
    values["at"] = row.at.isoformat()
    return values


def to_json(rows: list[RecordRow]) -> str:
    return json.dumps({"signoffs": [_plain(row) for row in rows]}, indent=2, ensure_ascii=False) + "\n"


def to_csv(rows: list[RecordRow]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in _plain(row).items()} for row in rows)
    return buffer.getvalue()


def render(rows: list[RecordRow], fmt: Format) -> str:
    return to_json(rows) if fmt is Format.json else to_csv(rows)
