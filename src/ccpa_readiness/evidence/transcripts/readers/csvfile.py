"""CSV: one document a row, its text in `--text-column` (default `text`), its id in `id` if any."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers.speakers import text_document


def read(lines: Iterable[str], source: str, text_column: str = "text") -> Iterator[Document | Problem]:
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        yield Problem(source=source, location="line 1", message=f"no column {text_column!r}: file skipped")
        return
    for row in reader:
        number = reader.line_num
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
