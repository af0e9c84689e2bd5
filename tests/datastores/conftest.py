"""Stores with known contents: the CRM schema in SQLite (and PostgreSQL), and file exports."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from ccpa_readiness.evidence.datastores import DeclaredElement, DeclaredStore
from tests.datastores import crm

POSTGRES_ENV = "CCPA_TEST_POSTGRES_URL"
EXPORT_ROWS = 3000
EXPORT_HEADER = ("customer_email", "mobile", "created_on", "comments")


def crm_declared(**changes: object) -> DeclaredStore:
    """The CRM as an inventory would declare it: identifiers only, encrypted, one year."""
    declared = DeclaredStore(
        system_id="crm",
        system_name="Customer CRM",
        encrypted=True,
        retention_days=crm.RETENTION_DAYS,
        hosted_by="cloudco",
        elements=[
            DeclaredElement(
                category="identifiers",
                purposes=["customer service"],
                vendors=["bpo"],
                collection_points=["agents-inbound"],
            )
        ],
    )
    return declared.model_copy(update=changes)


@pytest.fixture(scope="session")
def crm_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crm") / "crm.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    crm.seed(engine)
    engine.dispose()
    return path


def export_rows() -> Iterator[tuple[str, str, str, str]]:
    """A contact export: emails, US mobiles, dates from 2020 (one row a day), free-text comments."""
    start = dt.date(2020, 1, 1)
    for i in range(EXPORT_ROWS):
        comment = (
            f"prefers email, SSN on file 521-38-{1000 + i:04d}" if i % 10 == 0 else "no preference given"
        )
        yield (
            f"person{i}@example.org",
            f"(650) 253-{i:04d}",
            (start + dt.timedelta(days=i)).isoformat(),
            comment,
        )


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    rows = list(export_rows())
    csv_path = folder / "contacts.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_HEADER)
        writer.writerows(rows)
    parquet_path = folder / "contacts.parquet"
    columns = list(zip(*rows, strict=True))
    table = pa.table(
        {
            "customer_email": pa.array(columns[0]),
            "mobile": pa.array(columns[1]),
            "created_on": pa.array([dt.date.fromisoformat(d) for d in columns[2]], pa.date32()),
            "comments": pa.array(columns[3]),
        }
    )
    pq.write_table(table, parquet_path, row_group_size=700)
    xlsx_path = folder / "contacts.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "contacts"
    sheet.append(EXPORT_HEADER)
    for row in rows[:500]:
        sheet.append(row)
    workbook.create_sheet("empty")
    workbook.save(xlsx_path)
    return {"csv": csv_path, "parquet": parquet_path, "xlsx": xlsx_path}


@pytest.fixture(scope="module")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A fresh database on the test server, seeded with the CRM schema, plus `restricted_notes`
    the test role may not read. Skips when `CCPA_TEST_POSTGRES_URL` is unset."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (start the server with scripts/postgres.sh start)")
    name = f"crm_{worker_id}_{os.getpid()}".lower()
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    url = sa.make_url(base).set(database=name)
    engine = sa.create_engine(url)
    crm.seed(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE restricted_notes (id integer, ssn text)"))
        connection.execute(sa.text("INSERT INTO restricted_notes VALUES (1, '219-09-9999')"))
        connection.execute(sa.text(f"REVOKE ALL ON restricted_notes FROM {url.username}"))
        connection.execute(sa.text("ANALYZE customers"))  # the planner's row estimate, for big tables
    engine.dispose()
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()
