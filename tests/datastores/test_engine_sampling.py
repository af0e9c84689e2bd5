"""Column batches read at columnar cost: distinct values counted once, samples drawn by the
engine (SQLite rowids, Parquet row groups) and the same classifications as value by value."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.models import ColumnInfo
from ccpa_readiness.evidence.datastores.profile import ColumnProfile
from tests.datastores.test_sqlite import of_kind

AS_OF = dt.date(2026, 12, 1)


def _column(rng: random.Random, kind: str) -> list[object]:
    phones = [f"(415) 55{i}-01{i}7" for i in range(10)] + ["212-555-0188", "n/a", "555"]
    notes = ["Closed, no action.", "Customer gave SSN 078-05-1123 to verify", "Wants a callback"]
    choices: dict[str, list[Any]] = {
        "mobile": [*phones, None, ""],
        "notes": [*notes, None, 4.5, True, 1, 1.0],
        "born": [dt.date(1950 + i, 1 + i % 12, 3) for i in range(40)] + ["03/15/1985", "1990-02-30", None],
        "contact_email": [f"user{i}@example.com" for i in range(30)] + ["not an email", b"\x00blob"],
    }
    return [rng.choice(choices[kind]) for _ in range(2500)]


@pytest.mark.parametrize("name", ["mobile", "notes", "born", "contact_email"])
def test_counted_batches_classify_as_value_by_value(name: str) -> None:
    values = _column(random.Random(name), name)
    info = ColumnInfo(name=name, type_name="text", kind="text")
    grouped, one_by_one = ColumnProfile(info, AS_OF), ColumnProfile(info, AS_OF)
    for start in range(0, len(values), 1000):
        grouped.add_all(tuple(values[start : start + 1000]))
    for value in values:
        one_by_one.add_all((value,))
    assert grouped.classify() == one_by_one.classify() != []
    for field in ("rows_seen", "non_null", "dates", "binary", "checked", "valid", "found_in_text"):
        assert getattr(grouped, field) == getattr(one_by_one, field), field


def test_parquet_sample_reads_only_the_row_groups_it_needs(tmp_path: Path, monkeypatch: Any) -> None:
    path = tmp_path / "contacts.parquet"
    emails = [f"c{i}@example.org" for i in range(20_000)]
    pq.write_table(pa.table({"id": list(range(20_000)), "email": emails}), path, row_group_size=500)
    read: list[int] = []
    original = pq.ParquetFile.read_row_group

    def counting(self: pq.ParquetFile, group: int, *args: Any, **kwargs: Any) -> pa.Table:
        read.append(group)
        return original(self, group, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", counting)
    first = scan_datastores([StoreTarget(url=str(path))], sample=5, as_of=AS_OF)
    [table] = of_kind(first, "DATASTORE-TABLE")
    assert table.attributes["rows"] == 20_000 and table.attributes["sampled"] == 5
    assert 1 <= len(read) <= 5  # of 40 row groups
    assert scan_datastores([StoreTarget(url=str(path))], sample=5, as_of=AS_OF) == first
    [column] = of_kind(first, "DATASTORE-COLUMN")
    assert column.subject == "EMAIL_ADDRESS" and column.attributes["rows"] == 5


@pytest.mark.parametrize("layout", ["dense", "sparse", "without rowid"])
def test_sqlite_sample_has_its_size_whatever_the_rowids(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        key = "email TEXT PRIMARY KEY" if layout == "without rowid" else "id INTEGER PRIMARY KEY, email TEXT"
        suffix = " WITHOUT ROWID" if layout == "without rowid" else ""
        connection.execute(f"CREATE TABLE contacts ({key}){suffix}")
        connection.executemany(
            "INSERT INTO contacts (email) VALUES (?)", [(f"c{i}@example.net",) for i in range(6000)]
        )
        if layout == "sparse":
            connection.execute("DELETE FROM contacts WHERE id % 5 != 0")  # 1,200 rows over 6,000 ids
    first = scan_datastores([StoreTarget(url=str(path))], sample=300, as_of=AS_OF)
    [table] = of_kind(first, "DATASTORE-TABLE")
    assert table.attributes["sampled"] == 300
    [column] = of_kind(first, "DATASTORE-COLUMN")
    assert column.subject == "EMAIL_ADDRESS" and column.attributes["rows"] == 300
    assert scan_datastores([StoreTarget(url=str(path))], sample=300, as_of=AS_OF) == first
