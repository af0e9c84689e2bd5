"""Dates of birth by abbreviated names and by the spread of the dates themselves (issue 13).

The name lists were written before `names.BIRTH_DATE` was: the first half guided it, the second
was checked after."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest

from ccpa_readiness.evidence.datastores import DeclaredStore, StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.birth_dates import DateSpread
from ccpa_readiness.evidence.datastores.names import label_from_name
from tests.datastores.test_sqlite import of_kind

AS_OF = dt.date(2026, 12, 1)
DEV_NAMES = ["dob", "bdate", "birth_dt", "cust_dob", "d_o_b", "dt_of_birth", "birthdt", "date_birth"]
DEV_NAMES += ["brth_dt", "mbr_dob"]
HELDOUT_NAMES = ["DOB_DT", "patientDOB", "dateOfBirth", "bday", "cust_birth_dt", "BirthDte", "dob_yyyymmdd"]
NOT_BIRTH = ["dob_verified", "birth_country", "birthplace", "adobe_id", "created_at", "bdt_flag"]


@pytest.mark.parametrize("name", DEV_NAMES + HELDOUT_NAMES)
def test_abbreviated_birth_date_names(name: str) -> None:
    assert label_from_name(name) == "DATE_OF_BIRTH"


@pytest.mark.parametrize("name", NOT_BIRTH)
def test_names_about_birth_that_are_no_date_of_birth(name: str) -> None:
    assert label_from_name(name) != "DATE_OF_BIRTH"


def births(count: int, seed: int = 7) -> list[dt.date]:
    """Customers aged 18 to 90."""
    rng = random.Random(seed)
    return [AS_OF - dt.timedelta(days=rng.randint(18 * 365, 90 * 365)) for _ in range(count)]


def spread(values: list[dt.date]) -> DateSpread:
    found = DateSpread(AS_OF)
    for value in values:
        found.add(value)
    return found


def test_spread_of_birth_dates_and_of_record_dates() -> None:
    assert spread(births(200)).looks_like_birth_dates()
    rng = random.Random(3)
    recent = [AS_OF - dt.timedelta(days=rng.randint(0, 6 * 365)) for _ in range(200)]
    hired = [AS_OF - dt.timedelta(days=rng.randint(0, 30 * 365)) for _ in range(200)]
    one_cohort = [dt.date(1980, 1, 1) + dt.timedelta(days=rng.randint(0, 700)) for _ in range(200)]
    stamped = [dt.datetime.combine(d, dt.time(14, 5)) for d in births(200)]
    for values in (recent, hired, one_cohort, stamped, births(10)):
        assert not spread(values).looks_like_birth_dates()
    assert not spread([*births(199), AS_OF + dt.timedelta(days=30)]).looks_like_birth_dates()


def write_store(path: Path) -> Path:
    """A table whose date columns are named for nothing: one holds births, one when rows came."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE members (id INTEGER, d1 DATE, d2 DATE, bdate TEXT)")
    rng = random.Random(11)
    rows = [
        (i, born.isoformat(), (AS_OF - dt.timedelta(days=rng.randint(0, 900))).isoformat(),
         born.strftime("%m/%d/%Y"))
        for i, born in enumerate(births(300))
    ]  # fmt: skip
    connection.executemany("INSERT INTO members VALUES (?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()
    return path


def test_birth_date_columns_by_values_and_by_abbreviated_name(tmp_path: Path) -> None:
    store = write_store(tmp_path / "members.sqlite")
    declared = DeclaredStore(system_id="members", retention_days=365)
    result = scan_datastores([StoreTarget(url=f"sqlite:///{store}", declared=declared)], as_of=AS_OF)
    found = {o.location: o for o in of_kind(result, "DATASTORE-COLUMN")}
    assert found["members.d1"].subject == "DATE_OF_BIRTH"
    assert found["members.d1"].attributes["confidence"] == 0.6  # from the values alone
    assert found["members.bdate"].subject == "DATE_OF_BIRTH"
    assert found["members.bdate"].attributes["confidence"] == 0.9  # the name and the values agree
    assert "members.d2" not in found
    [retention] = of_kind(result, "DATASTORE-RETENTION-EXCEEDED")
    assert retention.location == "members.d2"  # the first date column, d1, holds births


def test_us_written_births_in_a_csv_export(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "c7"])
        writer.writerows((f"R{i}", born.strftime("%m/%d/%Y")) for i, born in enumerate(births(120)))
    result = scan_datastores([StoreTarget(url=str(path))], as_of=AS_OF)
    assert [o.subject for o in of_kind(result, "DATASTORE-COLUMN")] == ["DATE_OF_BIRTH"]
