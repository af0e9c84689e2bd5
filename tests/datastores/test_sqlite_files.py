"""SQLite files read without SQLAlchemy: the tables and column kinds its reflection would give,
names that need quoting, and the files and tables that cannot be read."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite as sa_sqlite

from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.models import ColumnInfo
from ccpa_readiness.evidence.datastores.sources import SourceError
from ccpa_readiness.evidence.datastores.sources import sql as postgres
from ccpa_readiness.evidence.datastores.sources.sqlite import SqliteSource, column_kind
from tests.datastores.test_sqlite import of_kind

AS_OF = dt.date(2026, 12, 1)
DECLARED_TYPES = [
    *("INTEGER", "int", "BIGINT", "UNSIGNED BIG INT", "tinyint", "integer(5)", "SMALLINT"),
    *("VARCHAR(20)", "VARCHAR (20)", "nvarchar(10)", "CHARACTER VARYING(255)", "CHAR(5)", "NCHAR"),
    *("TEXT", "text(100)", "clob", "STRING", "BLOB", "BLOB SUB_TYPE 1", "", "REAL", "DOUBLE"),
    *("DOUBLE PRECISION", "FLOAT", "NUMERIC", "DECIMAL(10,2)", "MONEY", "BOOLEAN", "BOOL", "DATE"),
    *("DATE_CHAR", "DATETIME", "datetime2", "TIMESTAMP", "timestamp(6)", "TIME", "JSON", "JSONB"),
    *("UUID", '"quoted type"', "VARCHAR(INT)", "INT GENERATED ALWAYS"),
]


@pytest.mark.filterwarnings("ignore:Could not instantiate type")  # `INTEGER(5)`: SQLAlchemy warns
@pytest.mark.parametrize("declared", DECLARED_TYPES)
def test_column_kinds_are_those_of_sqlalchemy_reflection(declared: str) -> None:
    reflected = sa_sqlite.dialect()._resolve_type_affinity(declared.upper())  # type: ignore[no-untyped-call]
    assert column_kind(declared) == postgres.column_kind(reflected)


def _database(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute('CREATE TABLE "Order ""Items""" ("e-mail" TEXT, "select" TEXT, "Mixed Case" INT)')
        connection.executemany(
            'INSERT INTO "Order ""Items""" VALUES (?, ?, ?)',
            [(f"o{i}@example.com", f"212-555-{i:04d}", i) for i in range(3000)],
        )
        connection.execute("CREATE TABLE keyed (email TEXT PRIMARY KEY, phone TEXT) WITHOUT ROWID")
        connection.executemany(
            "INSERT INTO keyed VALUES (?, ?)",
            [(f"w{i}@example.com", f"650-253-{i:04d}") for i in range(3000)],
        )
        connection.execute(
            "CREATE TABLE generated (a INTEGER, mail TEXT GENERATED ALWAYS AS ('u' || a || '@example.com'))"
        )
        connection.executemany("INSERT INTO generated (a) VALUES (?)", [(i,) for i in range(3000)])
        connection.execute("CREATE VIEW emails AS SELECT email FROM keyed")
        connection.execute("CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT)")
        connection.execute("INSERT INTO counted (email) VALUES ('a@example.com')")
        connection.execute("ANALYZE")
    return path


@pytest.mark.parametrize("sample", [None, 500])
def test_tables_named_as_sqlalchemy_lists_them_and_read_whole_or_sampled(
    tmp_path: Path, sample: int | None
) -> None:
    """Views and SQLite's own tables (`sqlite_sequence`, `sqlite_stat1`) are not tables; names
    that need quoting, a `WITHOUT ROWID` table and generated columns are read."""
    path = _database(tmp_path / "shop.db")
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        listed = sorted(sa.inspect(connection).get_table_names())
    engine.dispose()
    result = scan_datastores([StoreTarget(url=str(path))], sample=sample, as_of=AS_OF)
    assert result.problems == []
    tables = {o.location: o.attributes for o in of_kind(result, "DATASTORE-TABLE")}
    assert sorted(tables) == listed == ['Order "Items"', "counted", "generated", "keyed"]
    assert tables["generated"]["columns"] == ["a", "mail"]
    assert {t: a["sampled"] for t, a in tables.items()} == {
        'Order "Items"': sample or 3000,
        "counted": 1,
        "generated": sample or 3000,
        "keyed": sample or 3000,
    }
    found = {o.location: o.subject for o in of_kind(result, "DATASTORE-COLUMN")}
    assert found == {
        'Order "Items".e-mail': "EMAIL_ADDRESS",
        'Order "Items".select': "PHONE_NUMBER",
        "counted.email": "EMAIL_ADDRESS",
        "generated.mail": "EMAIL_ADDRESS",
        "keyed.email": "EMAIL_ADDRESS",
        "keyed.phone": "PHONE_NUMBER",
    }


def test_a_table_that_does_not_exist_is_a_source_error(tmp_path: Path) -> None:
    source = SqliteSource(str(_database(tmp_path / "shop.db")))
    try:
        with pytest.raises(SourceError, match="missing"):
            source.columns("missing")
        with pytest.raises(SourceError, match="no such table: missing"):
            list(source.sample("missing", [ColumnInfo(name="email", type_name="TEXT", kind="text")], None))
    finally:
        source.close()


def test_a_damaged_table_is_skipped_and_the_others_are_read(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE a (email TEXT)")
        connection.execute("INSERT INTO a VALUES ('a@example.com')")
        connection.execute("CREATE TABLE b (email TEXT, notes TEXT)")
        connection.executemany(
            "INSERT INTO b VALUES (?, ?)", [(f"b{i}@example.com", "x" * 200) for i in range(5000)]
        )
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 20_000] = b"\xff" * 20_000  # pages of table b
    path.write_bytes(bytes(data))
    for sample in (None, 100):
        result = scan_datastores([StoreTarget(url=str(path))], sample=sample, as_of=AS_OF)
        assert [(p.location, p.message) for p in result.problems] == [
            ("b", "table b skipped: database disk image is malformed")
        ]
        assert [o.location for o in of_kind(result, "DATASTORE-TABLE")] == ["a"]


@pytest.mark.slow
def test_a_locked_file_is_a_problem_after_the_busy_timeout(tmp_path: Path) -> None:
    path = _database(tmp_path / "locked.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = scan_datastores([StoreTarget(url=str(path))], as_of=AS_OF)
    finally:
        holder.rollback()
        holder.close()
    assert [p.message for p in result.problems] == ["cannot connect: database is locked"]
    assert result.observations == []


@pytest.mark.parametrize("taken", [("rowid",), ("rowid", "_rowid_"), ("rowid", "_rowid_", "oid")])
def test_a_column_named_as_the_rowid_does_not_stop_a_sample(tmp_path: Path, taken: tuple[str, ...]) -> None:
    """A column named `rowid` hides SQLite's rowid under that name; the sample draws its rows by
    the next of its names (`_rowid_`, `oid`), or by a reservoir where columns take all three. The
    sample is 50 distinct rows of the table, each with its own value."""
    path = tmp_path / "ids.db"
    names = ", ".join(f"{name} TEXT" for name in taken)
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TABLE people ({names}, email TEXT)")
        values = [(*[f"id-{i}"] * len(taken), f"person{i}@example.com") for i in range(400)]
        connection.executemany(f"INSERT INTO people VALUES ({', '.join('?' * (len(taken) + 1))})", values)
    source = SqliteSource(str(path))
    try:
        columns = source.columns("people")
        rows = [row for batch in source.sample("people", columns, 50) for row in zip(*batch, strict=True)]
    finally:
        source.close()
    assert len(rows) == len(set(rows)) == 50
    assert all(row[-1] == f"person{row[0][3:]}@example.com" for row in rows)
    result = scan_datastores([StoreTarget(url=str(path))], sample=50, as_of=AS_OF)
    assert result.problems == []
    assert {o.location: o.subject for o in of_kind(result, "DATASTORE-COLUMN")} == {
        "people.email": "EMAIL_ADDRESS"
    }
