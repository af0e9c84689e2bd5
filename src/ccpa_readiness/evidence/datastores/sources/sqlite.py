"""SQLite files, read-only (`mode=ro`), through the standard library's `sqlite3` and, for whole
tables, ADBC. No SQLAlchemy: its import alone costs a scan a third of a CPU second; columns are
read from `PRAGMA table_xinfo` and given the kinds SQLAlchemy's reflection would give them."""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ccpa_readiness.evidence.common.guard import ReadError, check_sqlite_file
from ccpa_readiness.evidence.datastores.locator import redact
from ccpa_readiness.evidence.datastores.models import ColumnInfo, ColumnKind
from ccpa_readiness.evidence.datastores.sources import arrow
from ccpa_readiness.evidence.datastores.sources.base import (
    BATCH_ROWS,
    MAX_TEXT_CHARS,
    SAMPLE_SEED,
    Batch,
    RowCount,
    SourceError,
    as_date,
    batches_of,
    cursor_batches,
    first_line,
    reservoir,
    rows_of,
)

# SQLite has no seeded random(): order by a multiplicative hash of the rowid instead (Knuth)
SHUFFLE = "({rowid} * 2654435761) % 4294967296"
# SQLite's names of a table's rowid; a column of that name hides it, and the next one serves
ROWID_NAMES = ("rowid", "_rowid_", "oid")
# rowids drawn at random when at most this many times as many rowids as rows could exist
SPARSE_ROWIDS = 2
# the kinds of the type names SQLAlchemy's SQLite dialect knows (`ischema_names`); other names
# take the kind of their affinity (`AFFINITY_KINDS`), as SQLAlchemy's reflection gives them
NAMED_KINDS: dict[str, ColumnKind] = {
    "BIGINT": "integer",
    "BLOB": "binary",
    "BOOL": "boolean",
    "BOOLEAN": "boolean",
    "CHAR": "text",
    "DATE": "date",
    "DATE_CHAR": "date",
    "DATETIME": "date",
    "DATETIME_CHAR": "date",
    "DOUBLE": "number",
    "DECIMAL": "number",
    "FLOAT": "number",
    "INT": "integer",
    "INTEGER": "integer",
    "JSON": "other",
    "JSONB": "other",
    "NUMERIC": "number",
    "REAL": "number",
    "SMALLINT": "integer",
    "TEXT": "text",
    "TIME": "other",
    "TIME_CHAR": "other",
    "TIMESTAMP": "date",
    "VARCHAR": "text",
    "NVARCHAR": "text",
    "NCHAR": "text",
}
# an undeclared type (or one with BLOB in its name) has no kind: SQLAlchemy's `NullType`
AFFINITY_KINDS: dict[str, ColumnKind] = {
    "INTEGER": "integer",
    "TEXT": "text",
    "BLOB": "other",
    "REAL": "number",
    "NUMERIC": "number",
}
_TYPE_NAME = re.compile(r"[\w ]+")
_GENERATED = re.compile("generated|always", re.IGNORECASE)


def column_kind(declared: str) -> ColumnKind:
    """The kind of a column declared with this type: by its name (the words before any
    parenthesis), else by SQLite's affinity of that name."""
    found = _TYPE_NAME.match(declared.upper())
    name = found.group(0) if found else ""
    return NAMED_KINDS.get(name) or AFFINITY_KINDS[arrow.sqlite_affinity(name)]


def sqlite_path(url: str) -> Path:
    """The SQLite file a `sqlite:///` URL or a path names, checked to be one."""
    path = url.split("://", 1)[1].lstrip("/") if url.startswith("sqlite:") else url
    if url.startswith("sqlite:////"):
        path = "/" + path
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise SourceError(f"{redact(url)}: SQLite file not found")
    try:
        check_sqlite_file(resolved)
    except ReadError as error:
        raise SourceError(f"{redact(url)}: {error.message}") from None
    return resolved


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Declared:
    """A column as `PRAGMA table_xinfo` gives it: its declared type, and whether it is generated
    (`PRAGMA table_info` does not list those)."""

    name: str
    type: str
    generated: bool


def select_list(columns: list[ColumnInfo], texts: arrow.SqliteRead = "cut") -> str:
    """Binary values are never read; text is cut one character past `MAX_TEXT_CHARS` (or read as
    stored, where it is known to be no longer)."""

    def read(info: ColumnInfo) -> str:
        if info.kind == "binary":
            return "NULL"
        if info.kind == "text" and texts == "cut":
            return f"substr({quote(info.name)}, 1, {MAX_TEXT_CHARS + 1})"
        return quote(info.name)

    return ", ".join(map(read, columns))


class SqliteSource:
    read_only_mode = "read-only file (SQLite mode=ro)"

    def __init__(self, url: str) -> None:
        self.display = redact(url)
        self.path = sqlite_path(url)
        try:
            self.connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise SourceError(f"cannot connect: {first_line(error)}") from None
        try:
            found = self.connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
            ).fetchall()
        except sqlite3.Error as error:
            self.connection.close()
            raise SourceError(f"cannot connect: {first_line(error)}") from None
        self._tables = sorted(str(name) for (name,) in found)
        self._declared: dict[str, list[Declared]] = {}
        self._counts: dict[str, RowCount] = {}
        self._arrow: arrow.ArrowConnection | None = None  # ADBC, opened for the first whole table
        self._arrow_tried = False

    def tables(self) -> list[str]:
        return list(self._tables)

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[Any]:
        with self._reading():
            return self.connection.execute(sql, parameters).fetchall()

    def _columns_declared(self, table: str) -> list[Declared]:
        """The table's columns as declared (a virtual table's hidden columns left out)."""
        if table not in self._declared:
            extended = sqlite3.sqlite_version_info >= (3, 31)  # generated columns are in table_xinfo
            found = self._query(f"PRAGMA main.{'table_xinfo' if extended else 'table_info'}({quote(table)})")
            hidden = [row[6] if extended else 0 for row in found]
            self._declared[table] = [
                Declared(str(row[1]), str(row[2]), bool(flag))
                for row, flag in zip(found, hidden, strict=True)
                if flag != 1
            ]
        return self._declared[table]

    def columns(self, table: str) -> list[ColumnInfo]:
        found = self._columns_declared(table)
        if not found:
            raise SourceError(table)
        infos = []
        for column in found:
            # a generated column's type reads `INTEGER GENERATED ALWAYS`
            declared = _GENERATED.sub("", column.type).strip() if column.generated else column.type
            infos.append(ColumnInfo(name=column.name, type_name=declared, kind=column_kind(declared)))
        return infos

    def row_count(self, table: str) -> RowCount:
        """Counted once per table (the scan and the sampler both ask)."""
        if table not in self._counts:
            [(count,)] = self._query(f"SELECT count(*) FROM {quote(table)}")
            self._counts[table] = RowCount(int(count or 0))
        return self._counts[table]

    def sample(self, table: str, columns: list[ColumnInfo], size: int | None) -> Iterator[Batch]:
        """Every row, or the rows of `size` seeded random rowids, else (sparse rowids) a
        deterministic shuffle of the rowids, else (a `WITHOUT ROWID` table) a seeded reservoir
        over every row."""
        sql = f"SELECT {select_list(columns)} FROM {quote(table)}"
        total = None if size is None else self.row_count(table).rows
        if size is None or total is None or total <= size:
            yield from self._stream_whole(sql, table, columns)
            return
        rowid = self._rowid_name(table)
        span = None if rowid is None else self._rowid_span(table, rowid)
        if rowid is None or span is None:
            yield from batches_of(reservoir(map(rows_of, self._stream(sql)), size), len(columns))
            return
        rowids = self._rowids(table, rowid, span, size, total)
        if rowids is not None:
            sql += f" WHERE {rowid} IN ({', '.join(map(str, rowids))})"
        else:
            sql += f" ORDER BY {SHUFFLE.format(rowid=rowid)}"
        yield from self._stream(f"{sql} LIMIT {size}")

    def _stream_whole(self, sql: str, table: str, columns: list[ColumnInfo]) -> Iterator[Batch]:
        """Every row: as Arrow batches through ADBC where each column reads faithfully that way
        (`arrow`), else, or for the rows the driver could not give, by `sqlite3` (`sql`). Texts
        are read as stored where all of them are short texts (`substr` costs the read a third
        more), else through `substr`."""
        ways: list[arrow.SqliteRead] = ["cut"]
        if any(c.kind == "text" for c in columns):
            ways.insert(0, "short texts")
        reads: list[tuple[str, arrow.Plan]] = [
            (
                f"SELECT {select_list(columns, way)} FROM {quote(table)}",
                partial(self._plan, table, columns, way),
            )
            for way in ways
        ]
        options = {"adbc.sqlite.query.batch_rows": str(BATCH_ROWS)}
        yield from arrow.read_whole(self._arrow_driver(), reads, partial(self._stream, sql), options)

    def _arrow_driver(self) -> arrow.ArrowConnection | None:
        if not self._arrow_tried:
            self._arrow_tried = True
            self._arrow = arrow.connect_sqlite(self.path)
        return self._arrow

    def _plan(
        self, table: str, columns: list[ColumnInfo], texts: arrow.SqliteRead, schema: Any
    ) -> list[arrow.Convert] | None:
        """The columns' conversions; None when one has no faithful one, or when a row holds a
        value the driver would not give as `sqlite3` does (`arrow.sqlite_convert`)."""
        declared = {c.name: c.type for c in self._columns_declared(table) if not c.generated}
        planned = [
            arrow.sqlite_convert(
                field,
                arrow.SqliteColumn(c.name, declared.get(c.name, ""), texts if c.kind == "text" else "stored"),
            )
            for field, c in zip(schema, columns, strict=True)
        ]
        converts = [convert for convert, _ in planned if convert is not None]
        if len(converts) < len(planned) or self._arrow is None:
            return None
        suspects = [condition for _, condition in planned if condition is not None]
        if suspects and arrow.any_row(self._arrow, quote(table), suspects) is not False:
            return None
        return converts

    def _stream(self, sql: str, skip: int = 0) -> Iterator[Batch]:
        """The statement's rows as column batches; the first `skip` rows are passed over (read
        already through ADBC)."""
        with self._reading():
            yield from cursor_batches(self.connection.cursor(), sql, skip)

    def _rowid_name(self, table: str) -> str | None:
        """The first of SQLite's names of the rowid that no column of the table takes; None where
        columns take all three."""
        taken = {column.name.lower() for column in self._columns_declared(table)}
        return next((name for name in ROWID_NAMES if name not in taken), None)

    def _rowid_span(self, table: str, rowid: str) -> tuple[int, int] | None:
        """The lowest and highest rowid (two index look-ups: SQLite reads a lone `min(rowid)` or
        `max(rowid)` from the b-tree's ends, but both in one SELECT from every row); None for a
        `WITHOUT ROWID` table."""
        ends = ", ".join(f"(SELECT {end}({rowid}) FROM {quote(table)})" for end in ("min", "max"))
        try:
            [(low, high)] = self._query(f"SELECT {ends}")
        except SourceError:
            return None
        return (0, -1) if low is None or high is None else (int(low), int(high))

    def _rowids(
        self, table: str, rowid: str, span: tuple[int, int], size: int, total: int
    ) -> list[int] | None:
        """`size` rowids of existing rows, drawn with a seeded generator within `span`, so only
        those rows are read; None when rowids are too sparse for that (many deleted rows)."""
        low, high = span
        if high < low or high - low + 1 > SPARSE_ROWIDS * total:
            return None
        rng = random.Random(SAMPLE_SEED)
        drawn = rng.sample(range(low, high + 1), min(high - low + 1, SPARSE_ROWIDS * size))
        existing: set[int] = set()
        for start in range(0, len(drawn), BATCH_ROWS):
            chunk = ", ".join(map(str, drawn[start : start + BATCH_ROWS]))
            query = f"SELECT {rowid} FROM {quote(table)} WHERE {rowid} IN ({chunk})"
            for (found,) in self._stream(query):
                existing.update(int(value) for value in found)
            if len(existing) >= size:
                break
        kept = [value for value in drawn if value in existing][:size]
        return sorted(kept) if len(kept) == size else None

    def older_than(self, table: str, column: str, cutoff: dt.date) -> tuple[int, dt.date | None]:
        [(count, oldest)] = self._query(
            f"SELECT count(*), min({quote(column)}) FROM {quote(table)} WHERE {quote(column)} < ?",
            (cutoff.isoformat(),),
        )
        return int(count), as_date(oldest)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A database error on one table is a `SourceError`: that table is reported, the others read."""
        try:
            yield
        except sqlite3.Error as error:
            raise SourceError(first_line(error)) from None

    def close(self) -> None:
        if self._arrow is not None:
            arrow.close(self._arrow)
        self.connection.close()
