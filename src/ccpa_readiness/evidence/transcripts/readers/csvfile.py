"""CSV: one document a row, its text in `--text-column` (default `text`), its id in `id` if any."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import Limits, Lines, csv_field_limit, too_many_documents
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers.speakers import text_document


def read(lines: Lines, source: str, text_column: str, bounds: Limits) -> Iterator[Document | Problem]:
    """Each row a document; a row over the record limit or that the csv module rejects is skipped."""
    csv_field_limit(bounds)
    reader = csv.DictReader(lines)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        fieldnames = None
        yield Problem(source=source, location="line 1", message=f"broken header: {error}")
    if fieldnames is None or text_column not in fieldnames:
        yield Problem(source=source, location="line 1", message=f"no column {text_column!r}: file skipped")
        return
    rows = 0
    while True:
        try:
            row: dict[str | Any, str | Any] | None = next(reader)
            failure = ""
        except StopIteration:
            break
        except csv.Error as error:
            row, failure = None, str(error)
        yield from lines.problems(source)
        number = reader.line_num
        if row is None:
            yield Problem(source=source, location=f"line {number}", message=f"row skipped: {failure}")
            continue
        rows += 1
        if ended := too_many_documents(rows, bounds, source, number, "rows"):
            yield ended
            return
        text = row.get(text_column)
        if not isinstance(text, str) or None in row:
            problem = "broken row skipped: wrong field count"
            yield Problem(source=source, location=f"line {number}", message=problem)
            continue
        doc_id = row.get("id") or f"{source}:{number}"
        yield text_document(doc_id, source, number, "csv", text, (text_column,), row)


def write(handle: IO[str], row: Any, first: bool) -> None:
    writer = csv.DictWriter(handle, fieldnames=list(row))
    if first:
        writer.writeheader()
    writer.writerow(row)
