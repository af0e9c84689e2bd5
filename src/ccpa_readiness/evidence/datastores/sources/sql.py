"""PostgreSQL through SQLAlchemy, read-only: sessions with `default_transaction_read_only`
(SQLite files are read without SQLAlchemy: `sqlite`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

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
    cursor_batches,
    first_line,
)

SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "pg_toast"})
CONNECT_TIMEOUT_SECONDS = 5
# a query that runs this long, or waits this long behind a lock (a migration), gives up: the
# table is reported and the scan goes on
STATEMENT_TIMEOUT_MS = 300_000
LOCK_TIMEOUT_MS = 10_000
# synchronized scans off: a scan of a big table would start where the last one stopped, so a
# sample's first rows (and the examples) would change from run to run
READ_ONLY_OPTIONS = (
    f"-c default_transaction_read_only=on -c statement_timeout={STATEMENT_TIMEOUT_MS} "
    f"-c lock_timeout={LOCK_TIMEOUT_MS} -c synchronize_seqscans=off"
)
# from this many rows (the planner's estimate) a PostgreSQL table is not counted
ESTIMATE_FROM = 1_000_000

_KINDS: tuple[tuple[type[Any], ColumnKind], ...] = (
    (sa.Boolean, "boolean"),
    (sa.Integer, "integer"),
    (sa.Numeric, "number"),
    (sa.Float, "number"),
    (sa.Date, "date"),
    (sa.DateTime, "date"),
    (sa.LargeBinary, "binary"),
    (sa.types._Binary, "binary"),
    (sa.String, "text"),
)


def column_kind(type_: object) -> ColumnKind:
    for sa_type, kind in _KINDS:
        if isinstance(type_, sa_type):
            return kind
    return "other"


def engine_url(url: str) -> str:
    """A SQLAlchemy URL with psycopg 3 as the driver."""
    scheme, rest = url.split("://", 1)
    return f"postgresql+psycopg://{rest}" if "+" not in scheme else url


def libpq_uri(url: sa.URL, query: Mapping[str, str | tuple[str, ...]]) -> str:
    """A libpq connection URI (what ADBC takes) of a SQLAlchemy URL, with `query` as its
    parameters."""
    user = quote(url.username or "", safe="")
    password = f":{quote(url.password, safe='')}" if url.password is not None else ""
    at = f"{user}{password}@" if user or password else ""
    host = url.host or ""
    port = f":{url.port}" if url.port else ""
    params = urlencode({k: v if isinstance(v, str) else v[-1] for k, v in query.items()}, quote_via=quote)
    return f"postgresql://{at}{host}{port}/{quote(url.database or '', safe='')}?{params}"


class PostgresSource:
    read_only_mode = "read-only transactions (default_transaction_read_only=on)"

    def __init__(self, url: str) -> None:
        self.display = redact(url)
        connect_args = {"options": READ_ONLY_OPTIONS, "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self.engine = sa.create_engine(engine_url(url), connect_args=connect_args)
        try:
            self.connection: Connection = self.engine.connect()
            self.inspector = sa.inspect(self.connection)
            self._tables = self._list_tables()
        except exc.SQLAlchemyError as error:
            self.engine.dispose()
            raise SourceError(f"cannot connect: {first_line(error)}") from None
        self._counts: dict[str, RowCount] = {}
        self._arrow: arrow.ArrowConnection | None = None  # ADBC, opened for the first whole table
        self._arrow_tried = False

    def _list_tables(self) -> dict[str, tuple[str | None, str]]:
        schemas = [s for s in self.inspector.get_schema_names() if s not in SYSTEM_SCHEMAS]
        tables: dict[str, tuple[str | None, str]] = {}
        default = self.inspector.default_schema_name
        for schema in schemas:
            for name in self.inspector.get_table_names(schema=schema):
                shown = name if schema in (None, default) else f"{schema}.{name}"
                tables[shown] = (schema, name)
        return dict(sorted(tables.items()))

    def tables(self) -> list[str]:
        return list(self._tables)

    def _table(self, table: str, *columns: str) -> sa.TableClause:
        schema, name = self._tables[table]
        return sa.table(name, *(sa.column(c) for c in columns), schema=schema)

    def columns(self, table: str) -> list[ColumnInfo]:
        schema, name = self._tables[table]
        with self._reading():
            found = self.inspector.get_columns(name, schema=schema)
        return [
            ColumnInfo(name=c["name"], type_name=str(c["type"]), kind=column_kind(c["type"])) for c in found
        ]

    def row_count(self, table: str) -> RowCount:
        """Counted once per table (the scan and the sampler both ask); a table the planner puts
        at `ESTIMATE_FROM` rows or more is not counted (that reads it all)."""
        if table not in self._counts:
            estimate = self._estimate(table)
            if estimate is not None and estimate >= ESTIMATE_FROM:
                self._counts[table] = RowCount(estimate, estimated=True)
            else:
                with self._reading():
                    count = self.connection.execute(
                        sa.select(sa.func.count()).select_from(self._table(table))
                    ).scalar()
                self._counts[table] = RowCount(int(count or 0))
        return self._counts[table]

    def _estimate(self, table: str) -> int | None:
        """`pg_class.reltuples`: None for tables never analyzed (-1)."""
        schema, name = self._tables[table]
        quote = self.connection.dialect.identifier_preparer.quote
        qualified = quote(name) if schema is None else f"{quote(schema)}.{quote(name)}"
        statement = sa.text("SELECT reltuples FROM pg_class WHERE oid = CAST(:name AS regclass)")
        with self._reading():
            found = self.connection.execute(statement, {"name": qualified}).scalar()
        return int(found) if found is not None and found >= 0 else None

    def sample(self, table: str, columns: list[ColumnInfo], size: int | None) -> Iterator[Batch]:
        """Every row, or about `size` random rows: a seeded Bernoulli TABLESAMPLE."""
        source = self._table(table, *(c.name for c in columns))
        total = None if size is None else self.row_count(table).rows
        sampling = size is not None and total is not None and total > size
        from_: sa.FromClause = source
        if sampling:
            percent = min(100.0, 150.0 * (size or 0) / (total or 1))
            from_ = sa.tablesample(source, sa.func.bernoulli(percent), seed=sa.literal(SAMPLE_SEED))
        statement: sa.Select[Any] = sa.select(*(self._read_column(from_, c) for c in columns)).select_from(
            from_
        )
        if sampling:
            yield from self._stream(statement.limit(size))
        else:
            yield from self._stream_whole(statement)

    def _sql(self, statement: sa.Select[Any]) -> str:
        return str(statement.compile(dialect=self.engine.dialect, compile_kwargs={"literal_binds": True}))

    def _stream_whole(self, statement: sa.Select[Any]) -> Iterator[Batch]:
        """Every row: as Arrow batches through ADBC where each column reads faithfully that way
        (`arrow`), else, or for the rows the driver could not give, by psycopg."""
        rest = partial(self._stream, statement)
        yield from arrow.read_whole(self._arrow_driver(), [(self._sql(statement), self._plan)], rest)

    def _arrow_driver(self) -> arrow.ArrowConnection | None:
        if not self._arrow_tried:
            self._arrow_tried = True
            url = self.engine.url
            query = {
                **url.query,
                "options": READ_ONLY_OPTIONS,
                "connect_timeout": str(CONNECT_TIMEOUT_SECONDS),
            }
            self._arrow = arrow.connect_postgres(libpq_uri(url, query))
        return self._arrow

    def _plan(self, schema: Any) -> list[arrow.Convert] | None:
        driver: Any = self.connection.connection.driver_connection
        timezone = getattr(driver.info.timezone, "key", None)
        converts = [arrow.postgres_convert(field, timezone) for field in schema]
        return None if None in converts else [c for c in converts if c is not None]

    def _stream(self, statement: sa.Select[Any], skip: int = 0) -> Iterator[Batch]:
        """The statement's rows as column batches, fetched by the driver's own cursor (no
        SQLAlchemy row objects): a server-side cursor, so memory stays flat. The
        first `skip` rows are passed over (read already through ADBC)."""
        sql = self._sql(statement)
        with self._reading():
            driver: Any = self.connection.connection.driver_connection
            cursor = driver.cursor(name="ccpa_scan")
            cursor.itersize = BATCH_ROWS  # rows the server-side cursor fetches per round trip
            yield from cursor_batches(cursor, sql, skip)

    @staticmethod
    def _read_column(from_: sa.FromClause, info: ColumnInfo) -> ColumnElement[Any]:
        """Binary values are never read; text is cut one character past `MAX_TEXT_CHARS`."""
        if info.kind == "binary":
            return sa.null()
        if info.kind == "text":
            return sa.func.substr(from_.c[info.name], 1, MAX_TEXT_CHARS + 1)
        return from_.c[info.name]

    def older_than(self, table: str, column: str, cutoff: dt.date) -> tuple[int, dt.date | None]:
        col: sa.ColumnClause[Any] = sa.column(column)
        statement = (
            sa.select(sa.func.count(), sa.func.min(col))
            .select_from(self._table(table, column))
            .where(col < sa.literal(cutoff, type_=sa.Date))
        )
        with self._reading():
            count, oldest = self.connection.execute(statement).one()
        return int(count), as_date(oldest)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn a database error on one table into a `SourceError` and end the failed
        transaction, so the next table can be read."""
        try:
            yield
        except (exc.SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error) as error:
            self.connection.rollback()
            raise SourceError(first_line(error)) from None

    def close(self) -> None:
        if self._arrow is not None:
            arrow.close(self._arrow)
        self.connection.close()
        self.engine.dispose()
