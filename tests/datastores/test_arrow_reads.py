"""Whole tables read as Arrow batches through ADBC give the findings the Python drivers give; a
column ADBC would not give as they do sends its table (or the rest of it) back to them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.sources import arrow
from ccpa_readiness.evidence.datastores.sources.base import BATCH_ROWS, MAX_TEXT_CHARS
from ccpa_readiness.evidence.datastores.sources.sql import PostgresSource, libpq_uri

AS_OF = dt.date(2026, 12, 1)
ROWS = BATCH_ROWS + 1500  # more than one batch: the driver infers types from the first


def _scan(url: str, monkeypatch: pytest.MonkeyPatch, adbc: bool) -> tuple[dict[str, Any], list[str]]:
    """The scan's output, and the tables whose rows came (at least in part) through ADBC."""
    through: list[str] = []
    original = arrow.record_batches

    def recording(reader: Any, converts: list[arrow.Convert]) -> Iterator[Any]:
        for batch in original(reader, converts):
            through.append(str(reader.schema.names))
            yield batch

    with monkeypatch.context() as patched:
        patched.setattr(arrow, "record_batches", recording)
        if not adbc:
            patched.setattr(arrow, "connect_sqlite", lambda path: None)
            patched.setattr(arrow, "connect_postgres", lambda uri: None)
        result = scan_datastores([StoreTarget(url=url)], sample=None, as_of=AS_OF)
    return result.model_dump(), sorted(set(through))


def _sqlite(path: Path, create: str, rows: list[tuple[object, ...]]) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute(create)
        marks = ",".join("?" * len(rows[0]))
        connection.executemany(f"INSERT INTO t VALUES ({marks})", rows)
    return path


def _contacts(i: int) -> tuple[object, ...]:
    return (
        i,
        f"client{i}@example.com" if i % 9 else None,
        f"(415) 555-{i % 50:04d}",
        "Paid with card 4111 1111 1111 1111" if i % 40 == 0 else "Résumé sent, no action",
        f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10} 08:30:00",
        i * 0.5,
        b"\x00\x01" if i % 3 == 0 else None,
    )


CONTACTS = (
    "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT, phone VARCHAR(20), notes TEXT, "
    "created_at TIMESTAMP, score REAL, photo BLOB)"
)


def test_sqlite_whole_table_through_adbc_as_through_sqlite3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _sqlite(tmp_path / "contacts.sqlite", CONTACTS, [_contacts(i) for i in range(ROWS)])
    fast, through = _scan(str(path), monkeypatch, adbc=True)
    slow, none = _scan(str(path), monkeypatch, adbc=False)
    assert through and not none
    assert not any("substr" in names for names in through)  # short texts are read as stored
    assert fast == slow
    columns = {
        o["location"]: o["attributes"] for o in fast["observations"] if o["kind"] == "DATASTORE-COLUMN"
    }
    assert columns["t.email"]["rows"] == ROWS - len(range(0, ROWS, 9))
    assert columns["t.notes"]["label"] == "CREDIT_CARD" and columns["t.notes"]["rows"] == len(
        range(0, ROWS, 40)
    )


@pytest.mark.parametrize(
    ("create", "row"),
    [
        # integers and reals in one column: Python reads an integer as text, skips a real; ADBC
        # would give them all as reals
        ("CREATE TABLE t (id INTEGER PRIMARY KEY, amount NUMERIC)", lambda i: (i, i if i % 2 else i + 0.5)),
        # a blob after the first batch of texts: ADBC would give its bytes as text
        (
            "CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)",
            lambda i: (i, b"\x01blob" if i == ROWS - 3 else f"n{i}"),
        ),
        # a number among the texts of a column read whole (no `substr`): ADBC would write it as text
        (
            "CREATE TABLE t (id INTEGER PRIMARY KEY, created_at TIMESTAMP)",
            lambda i: (i, 1700000000 if i == 5 else "2024-01-02"),
        ),
    ],
    ids=["numbers", "blob-in-text", "number-in-dates"],
)
def test_sqlite_table_mixing_storage_classes_is_read_by_sqlite3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create: str, row: Any
) -> None:
    path = _sqlite(tmp_path / "mixed.sqlite", create, [row(i) for i in range(ROWS)])
    fast, through = _scan(str(path), monkeypatch, adbc=True)
    slow, _ = _scan(str(path), monkeypatch, adbc=False)
    assert through == [] and fast == slow


@pytest.mark.parametrize(
    "long",
    ["x" * 12_000, "é" * 6_000],  # over the length read; over it in bytes only (not cut)
    ids=["cut", "bytes"],
)
def test_sqlite_long_text_after_the_first_batch_reads_texts_through_substr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, long: str
) -> None:
    rows = [(i, long if i == ROWS - 5 else f"Called back {i}, card 4111 1111 1111 1111") for i in range(ROWS)]
    path = _sqlite(tmp_path / "long.sqlite", "CREATE TABLE t (id INTEGER PRIMARY KEY, notes TEXT)", rows)
    fast, through = _scan(str(path), monkeypatch, adbc=True)
    slow, _ = _scan(str(path), monkeypatch, adbc=False)
    assert through and all("substr" in names for names in through)
    assert fast == slow
    cut = [p for p in fast["problems"] if "huge text" in p["message"]]
    assert len(cut) == (len(long) > MAX_TEXT_CHARS)


def test_sqlite_type_change_after_the_first_batch_reads_the_rest_by_sqlite3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Integers, then texts (phone numbers) after the first batch: the driver stops; sqlite3
    reads on from where it stopped, so every row is counted once."""
    rows = [(i, 4155550000 + i if i < BATCH_ROWS + 10 else f"(415) 555-{i:04d}") for i in range(ROWS)]
    path = _sqlite(tmp_path / "late.sqlite", "CREATE TABLE t (id INTEGER PRIMARY KEY, mobile INTEGER)", rows)
    fast, through = _scan(str(path), monkeypatch, adbc=True)
    slow, _ = _scan(str(path), monkeypatch, adbc=False)
    assert through and fast == slow
    [table] = [o for o in fast["observations"] if o["kind"] == "DATASTORE-TABLE"]
    assert table["attributes"]["sampled"] == ROWS


def test_sqlite_adbc_connection_is_read_only(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "ro.sqlite", "CREATE TABLE t (id INTEGER)", [(1,)])
    driver = arrow.connect_sqlite(path.resolve())
    assert driver is not None
    with pytest.raises(Exception, match="readonly"):
        driver.execute("INSERT INTO t VALUES (2)")
    arrow.close(driver)


def test_libpq_uri_keeps_awkward_passwords_and_parameters() -> None:
    url = sa.make_url("postgresql+psycopg://aud:p%40ss%3Aw%2Frd%20x@db.internal:6543/crm?sslmode=require")
    uri = libpq_uri(url, {**url.query, "options": "-c a=b -c c=d"})
    parsed = psycopg.conninfo.conninfo_to_dict(uri)
    assert parsed == {
        "user": "aud",
        "password": "p@ss:w/rd x",
        "host": "db.internal",
        "port": "6543",
        "dbname": "crm",
        "sslmode": "require",
        "options": "-c a=b -c c=d",
    }


@pytest.fixture(scope="module")
def typed_url(postgres_url: str) -> str:
    """Beside the CRM: time zones and bounded numerics (read through ADBC) and a table with
    `jsonb`, `uuid` and an unbounded numeric (read by psycopg)."""
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE payments (id integer, paid_at timestamptz, amount numeric(10, 2), "
                "holder_email varchar(80), born date)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO payments SELECT i, timestamptz '2024-03-01 23:30+00' + i * interval '7 hours', "
                "i * 0.25, 'holder' || i || '@example.org', date '1950-01-01' + (i * 11) % 20000 "
                "FROM generate_series(1, :rows) AS i"
            ),
            {"rows": ROWS},
        )
        connection.execute(sa.text("CREATE TABLE events (id integer, body jsonb, ref uuid, ratio numeric)"))
        connection.execute(
            sa.text(
                "INSERT INTO events SELECT i, jsonb_build_object('email', 'e' || i || '@example.org'), "
                "md5(i::text)::uuid, i / 3.0 FROM generate_series(1, 300) AS i"
            )
        )
    engine.dispose()
    return postgres_url


@pytest.mark.postgres
def test_postgres_whole_tables_through_adbc_as_through_psycopg(
    typed_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, through = _scan(typed_url, monkeypatch, adbc=True)
    slow, none = _scan(typed_url, monkeypatch, adbc=False)
    assert fast == slow and not none
    assert [t for t in through if "paid_at" in t and "amount" in t]  # timestamptz, numeric(10, 2)
    assert not [t for t in through if "'ratio'" in t]  # jsonb, uuid, unbounded numeric: psycopg
    columns = {
        o["location"]: o["attributes"] for o in fast["observations"] if o["kind"] == "DATASTORE-COLUMN"
    }
    assert columns["payments.holder_email"]["rows"] == ROWS


@pytest.mark.postgres
def test_postgres_adbc_sessions_are_read_only(typed_url: str) -> None:
    source = PostgresSource(typed_url)
    try:
        driver = source._arrow_driver()
        assert driver is not None
        with pytest.raises(Exception, match="read-only transaction"):
            driver.execute("CREATE TABLE intruder (id integer)")
    finally:
        source.close()
