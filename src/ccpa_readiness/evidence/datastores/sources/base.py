"""The interface every store offers the scanner, and what the sources share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ccpa_readiness.evidence.datastores.models import ColumnInfo

Row = tuple[object, ...]
BATCH_ROWS = 1000
# text values are read up to this many characters (one more, to tell that a value was cut)
MAX_TEXT_CHARS = 10_000
SAMPLE_SEED = 20240101


@dataclass(frozen=True)
class RowCount:
    """A table's rows: None when unknown until read (CSV, XLSX); `estimated` when it is the
    planner's figure (PostgreSQL tables too big to count)."""

    rows: int | None
    estimated: bool = False


class SourceError(Exception):
    """A store or table that cannot be read; the message says why, without any password."""


class Source(Protocol):
    """A store opened read-only. `sample` yields batches of rows, of at most `size` rows in all
    (every row when `size` is None), with the columns in the order given."""

    read_only_mode: str

    def tables(self) -> list[str]: ...

    def columns(self, table: str) -> list[ColumnInfo]: ...

    def row_count(self, table: str) -> RowCount: ...

    def sample(self, table: str, columns: list[ColumnInfo], size: int | None) -> Iterator[list[Row]]: ...

    def older_than(self, table: str, column: str, cutoff: dt.date) -> tuple[int, dt.date | None]: ...

    def close(self) -> None: ...


def as_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO-8601 string; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
