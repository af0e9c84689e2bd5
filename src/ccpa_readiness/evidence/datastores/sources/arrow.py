"""Whole-table reads as Arrow column batches straight from the engine, through the ADBC drivers
of the Apache Arrow project (no Python object per value), for the vectorised checks.

A column is read this way only where its Arrow values are what the Python driver would give
(`ArrowColumns`); a table with any other column (PostgreSQL `json`, `uuid`, unbounded `numeric`;
SQLite columns mixing storage classes, which the driver would convert) is read by the Python
driver, as is any table the driver fails on, so findings do not depend on the path.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from ccpa_readiness.evidence.datastores.sources.base import BATCH_ROWS, MAX_TEXT_CHARS, Batch

Convert = Callable[[pa.Array], pa.Array]
# a statement's conversions, from the schema of its result: None when it cannot be read faithfully
Plan = Callable[[pa.Schema], list[Convert] | None]
# a PostgreSQL numeric of at most this scale reads as the text of Python's Decimal (which writes
# `1E-7` from 7 decimals on)
DECIMAL_PLAIN_SCALE = 6


def _errors() -> tuple[type[BaseException], ...]:
    """What a driver raises on a query or a value it cannot read (SQLite's type mismatch is an
    OSError)."""
    import adbc_driver_manager

    return (adbc_driver_manager.Error, pa.ArrowException, OSError, ValueError)


class ArrowConnection:
    """An ADBC database and its connection, through the driver manager's own bindings: its DB-API
    module imports `pyarrow.dataset`, and with it pandas (half a CPU second a process)."""

    def __init__(self, database: Any) -> None:
        import adbc_driver_manager

        self.database = database
        try:
            self.connection = adbc_driver_manager.AdbcConnection(database)
        except BaseException:
            database.close()
            raise

    def execute(self, sql: str, options: dict[str, str] | None = None) -> tuple[Any, pa.RecordBatchReader]:
        """The statement (to close once read) and the reader of its record batches."""
        import adbc_driver_manager

        statement = adbc_driver_manager.AdbcStatement(self.connection)
        try:
            if options:
                statement.set_options(**options)
            statement.set_sql_query(sql)
            stream, _ = statement.execute_query()
            return statement, pa.RecordBatchReader._import_from_c(stream.address)
        except BaseException:
            statement.close()
            raise

    def close(self) -> None:
        self.connection.close()
        self.database.close()


def connect_postgres(uri: str) -> ArrowConnection | None:
    """An ADBC PostgreSQL connection (libpq URI); None when the driver is unavailable or cannot
    connect (the Python driver's path says why, if it cannot either)."""
    try:
        import adbc_driver_postgresql  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return ArrowConnection(adbc_driver_postgresql.connect(uri))
    except _errors():
        return None


def connect_sqlite(path: Path) -> ArrowConnection | None:
    """An ADBC SQLite connection to `path` opened read-only; None when the driver is unavailable."""
    try:
        import adbc_driver_sqlite
    except ImportError:
        return None
    try:
        return ArrowConnection(adbc_driver_sqlite.connect(f"{path.as_uri()}?mode=ro"))
    except _errors():
        return None


def close(driver: ArrowConnection) -> None:
    with suppress(*_errors()):
        driver.close()


def sqlite_affinity(declared: str) -> str:
    """SQLite's column affinity of a declared type (https://sqlite.org/datatype3.html, 3.1)."""
    upper = declared.upper()
    if "INT" in upper:
        return "INTEGER"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in upper or not upper:
        return "BLOB"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _as_is(array: pa.Array) -> pa.Array:
    return array


def _storage(array: pa.Array) -> pa.Array:
    return array.storage


def postgres_convert(field: pa.Field, timezone: str | None) -> Convert | None:
    """How a PostgreSQL column's Arrow values become what psycopg gives; None when they cannot:
    `timestamptz` in the session's time zone (psycopg's), `numeric` of a bounded small scale as
    its text (psycopg's Decimal, read as text by the profile)."""
    kind = field.type
    if isinstance(kind, pa.BaseExtensionType):
        typmod = int((field.metadata or {}).get(b"POSTGRESQL:typmod", b"-1"))
        scale = (typmod - 4) & 0xFFFF if typmod >= 4 else None
        if kind.extension_name == "arrow.opaque" and getattr(kind, "type_name", "") == "numeric":
            return _storage if scale is not None and scale <= DECIMAL_PLAIN_SCALE else None
        return None
    if pa.types.is_timestamp(kind) and kind.tz is not None:
        if timezone is None:
            return None
        local = pa.timestamp(kind.unit, tz=timezone)
        return lambda array: array.cast(local)
    plain = (
        pa.types.is_integer,
        pa.types.is_floating,
        pa.types.is_boolean,
        pa.types.is_string,
        pa.types.is_large_string,
        pa.types.is_date32,
        pa.types.is_timestamp,
        pa.types.is_null,
    )
    return _as_is if any(test(kind) for test in plain) else None


# how a SQLite column is read: as it is stored (not text), text through `substr`, or text as it
# is stored where every value is a text short enough that `substr` would not change it
SqliteRead = Literal["stored", "cut", "short texts"]


@dataclass(frozen=True)
class SqliteColumn:
    name: str
    declared: str
    read: SqliteRead


def sqlite_convert(field: pa.Field, column: SqliteColumn) -> tuple[Convert | None, str | None]:
    """Whether a SQLite column's Arrow values are what `sqlite3` gives, and the condition, if
    any, a row must not meet for that to hold (checked on the table before the rows are used).
    The driver infers a type from the first batch: later values of another storage class stop
    the read (integers and reals), or are converted (into text); an inferred real may hold
    converted integers, except in a column of REAL affinity, where SQLite stores none. Text
    through `substr` arrives as text whatever was stored, but a blob stays one; text read as
    stored is what `substr` gives only where each value is a text (a column of TEXT affinity holds
    no numbers) of at most `MAX_TEXT_CHARS` + 1 bytes."""
    kind = field.type
    quoted = '"' + column.name.replace('"', '""') + '"'
    blob = f"{quoted} >= x''"  # SQLite orders numbers < text < blobs
    number = f"{quoted} < ''"
    if column.read == "short texts":
        if not pa.types.is_string(kind):
            return None, None
        stored = [blob] if sqlite_affinity(column.declared) == "TEXT" else [number, blob]
        return _as_is, " OR ".join([*stored, f"octet_length({quoted}) > {MAX_TEXT_CHARS + 1}"])
    if pa.types.is_integer(kind):
        return _as_is, None
    if pa.types.is_floating(kind):
        return (_as_is, None) if sqlite_affinity(column.declared) == "REAL" else (None, None)
    if pa.types.is_string(kind):
        return _as_is, blob if column.read == "cut" else f"{number} OR {blob}"
    return None, None


def record_batches(reader: Any, converts: list[Convert]) -> Iterator[Batch]:
    """A reader's record batches, cut at `BATCH_ROWS`, as column batches."""
    for record in reader:
        for start in range(0, record.num_rows, BATCH_ROWS):
            part = record.slice(start, BATCH_ROWS)
            yield [convert(column) for convert, column in zip(converts, part.columns, strict=True)]


def arrow_read(
    driver: ArrowConnection,
    sql: str,
    plan: Plan,
    options: dict[str, str] | None = None,
) -> Generator[Batch, None, int | None]:
    """The statement's batches through ADBC. When `plan` finds a column it cannot read faithfully
    (None), or the driver fails, returns how many rows were given: the caller reads the rest
    with the Python driver (which says what is wrong, if anything is)."""
    try:
        statement, reader = driver.execute(sql, options)
    except _errors():
        return 0
    given = 0
    try:
        converts = plan(reader.schema)
        if converts is None:
            return 0
        batches = record_batches(reader, converts)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return None
            except _errors():
                return given
            given += len(batch[0]) if batch else 0
            yield batch
    finally:
        with suppress(*_errors()):
            reader.close()
        with suppress(*_errors()):
            statement.close()


def any_row(driver: ArrowConnection, table: str, conditions: list[str]) -> bool | None:
    """Whether a row of `table` (quoted) meets one of `conditions`; None when the driver cannot say."""
    try:
        statement, reader = driver.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {' OR '.join(conditions)})"
        )
        try:
            return bool(reader.read_all().column(0)[0].as_py())
        finally:
            reader.close()
            statement.close()
    except _errors():
        return None


def read_whole(
    driver: ArrowConnection | None,
    reads: list[tuple[str, Plan]],
    rest: Callable[[int], Iterator[Batch]],
    options: dict[str, str] | None = None,
) -> Iterator[Batch]:
    """Every row: through ADBC by the first of `reads` (a statement and its plan) that gives any
    (`arrow_read`), the rest (all of it when none does) by `rest`, told how many rows to pass over."""
    given: int | None = 0
    if driver is not None:
        for sql, plan in reads:
            given = yield from arrow_read(driver, sql, plan, options)
            if given != 0:
                break
    if given is not None:
        yield from rest(given)
