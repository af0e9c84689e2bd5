"""Whole-table and sampled scans on a real PostgreSQL server read column batches through a
server-side cursor: the sample is a TABLESAMPLE in the engine, counts beyond the exact budget are
said, and PostgreSQL's typed values classify as SQLite's texts do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from ccpa_readiness.evidence.datastores import StoreTarget, profile, scan_datastores
from ccpa_readiness.evidence.datastores.sources.sql import PostgresSource
from tests.datastores.test_sqlite import of_kind

pytestmark = pytest.mark.postgres
AS_OF = dt.date(2026, 12, 1)
ROWS = 3000


@pytest.fixture(scope="module")
def calls_url(postgres_url: str) -> str:
    """A `calls` table (the CRM tables of the fixture beside it): phones, timestamps, births."""
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE calls (id integer PRIMARY KEY, caller_phone text, "
                "started_at timestamptz, c4 date, amount numeric(8, 2))"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO calls SELECT i, '(212) 555-' || lpad((i % 10000)::text, 4, '0'), "
                "timestamptz '2024-01-01 09:30+00' + i * interval '1 hour', "
                "date '1950-01-01' + (i * 7) % 18000, i * 1.5 FROM generate_series(1, :rows) AS i"
            ),
            {"rows": ROWS},
        )
        connection.execute(sa.text("ANALYZE calls"))
    engine.dispose()
    return postgres_url


def _columns(url: str, sample: int | None) -> dict[str, dict[str, Any]]:
    result = scan_datastores([StoreTarget(url=url)], sample=sample, as_of=AS_OF)
    return {
        o.location: o.attributes
        for o in of_kind(result, "DATASTORE-COLUMN")
        if o.location.startswith("calls.")
    }


def test_whole_table_counts_beyond_the_budget_by_shape(calls_url: str, monkeypatch: Any) -> None:
    monkeypatch.setattr(profile, "EXACT_VALUES", 500)
    found = _columns(calls_url, None)
    phone = found["calls.caller_phone"]
    assert phone["label"] == "PHONE_NUMBER" and phone["rows"] == ROWS
    assert phone["rows_by_shape"] == ROWS - 100 - 500  # after the probe and the exact budget
    assert found["calls.c4"]["label"] == "DATE_OF_BIRTH"  # typed dates spread like births
    assert "calls.started_at" not in found and "calls.amount" not in found


def test_sample_is_a_tablesample_in_the_engine(calls_url: str, monkeypatch: Any) -> None:
    sent: list[str] = []
    original = PostgresSource._stream

    def recording(self: PostgresSource, statement: Any) -> Any:
        sent.append(str(statement.compile(dialect=self.engine.dialect)))
        return original(self, statement)

    monkeypatch.setattr(PostgresSource, "_stream", recording)
    found = _columns(calls_url, 300)
    [calls] = [s for s in sent if "calls" in s]
    assert "TABLESAMPLE bernoulli" in calls and "REPEATABLE" in calls and "LIMIT" in calls
    assert found["calls.caller_phone"]["rows"] == 300 and found["calls.caller_phone"]["rows_by_shape"] == 0
