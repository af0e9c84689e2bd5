"""The interface every store offers the scanner, and what the sources share."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import pyarrow as pa

from ccpa_readiness.evidence.datastores.models import ColumnInfo

Row = tuple[object, ...]
# one column of a batch: an Arrow array (Parquet, CSV) or the driver's Python values (SQL, XLSX)
Column = Any  # pa.Array | Sequence[object] (pyarrow has no type hints)
Batch = list[Column]
# rows per batch: large enough that a vectorised check's fixed cost per call is small beside its
# work per value (4,000 rows cost a 1,000,000-row scan 20 to 45% more CPU), small enough that a
# batch stays in the CPU's caches and a batch of text columns cut at `MAX_TEXT_CHARS` in memory;
# findings do not depend on it (the profile's budgets are counted per column)
BATCH_ROWS = 16384
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


def batch_rows(batch: Batch) -> int:
    return len(batch[0]) if batch else 0


def rows_of(batch: Batch) -> list[Row]:
    return list(zip(*(c.to_pylist() if isinstance(c, pa.Array) else c for c in batch), strict=True))


def batches_of(rows: list[Row], width: int) -> Iterator[Batch]:
    """Rows as column batches of `BATCH_ROWS`."""
    for start in range(0, len(rows), BATCH_ROWS):
        yield list(zip(*rows[start : start + BATCH_ROWS], strict=True)) or [() for _ in range(width)]


def cursor_batches(cursor: Any, sql: str, skip: int = 0) -> Iterator[Batch]:
    """The rows of `sql` on a DB-API cursor as column batches, the first `skip` rows passed over
    (read already through ADBC); the cursor is closed at the end."""
    try:
        cursor.execute(sql)
        while skip > 0 and (passed := cursor.fetchmany(min(skip, BATCH_ROWS))):
            skip -= len(passed)
        while rows := cursor.fetchmany(BATCH_ROWS):
            yield list(zip(*rows, strict=True))
    finally:
        cursor.close()


def reservoir(batches: Iterator[list[Row]], size: int) -> list[Row]:
    """A uniform sample of `size` rows (Algorithm R, seeded: the same file gives the same rows)."""
    rng = random.Random(SAMPLE_SEED)
    kept: list[Row] = []
    seen = 0
    for batch in batches:
        for row in batch:
            if len(kept) < size:
                kept.append(row)
            else:
                slot = rng.randrange(seen + 1)
                if slot < size:
                    kept[slot] = row
            seen += 1
    return kept


def first_line(error: BaseException) -> str:
    """The first line of a driver's error (SQLAlchemy's wrapped one, where it is wrapped)."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


class Source(Protocol):
    """A store opened read-only. `sample` yields column batches (one column per column asked,
    in that order), of at most `size` rows in all (every row when `size` is None)."""

    read_only_mode: str

    def tables(self) -> list[str]: ...

    def columns(self, table: str) -> list[ColumnInfo]: ...

    def row_count(self, table: str) -> RowCount: ...

    def sample(self, table: str, columns: list[ColumnInfo], size: int | None) -> Iterator[Batch]: ...

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
