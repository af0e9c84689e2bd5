"""The CRM schema on a real PostgreSQL server (scripts/postgres.sh): the same classifications as
SQLite, read-only sessions, sampled reads, and the errors a server gives."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.datastores import StoreTarget, redact, scan_datastores
from ccpa_readiness.evidence.datastores.sources import sql
from ccpa_readiness.evidence.datastores.sources.sql import PostgresSource
from tests.datastores import crm
from tests.datastores.conftest import crm_declared
from tests.datastores.test_sqlite import EXPECTED_LABELS, columns, of_kind

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_scan(postgres_url: str) -> ScanResult:
    return scan_datastores([StoreTarget(url=postgres_url, declared=crm_declared())], as_of=crm.AS_OF)


def test_columns_classified_as_in_sqlite(pg_scan: ScanResult) -> None:
    assert {location: o.subject for location, o in columns(pg_scan).items()} == EXPECTED_LABELS


def test_checks_as_in_sqlite(pg_scan: ScanResult) -> None:
    [retention] = of_kind(pg_scan, "DATASTORE-RETENTION-EXCEEDED")
    assert retention.location == "recordings.recorded_at"
    assert retention.attributes["rows"] == crm.expected_old_recordings()
    assert retention.attributes["oldest"] == "2019-01-01"
    [card] = of_kind(pg_scan, "DATASTORE-CARD-OUTSIDE-CDE")
    assert card.attributes["rows"] == crm.CALLS // 4
    undeclared = {o.subject for o in of_kind(pg_scan, "DATASTORE-UNDECLARED-CATEGORY")}
    assert undeclared == {"customer_records", "protected_characteristics", "sensitive_personal_information"}


def test_observations_name_the_server_without_password(pg_scan: ScanResult, postgres_url: str) -> None:
    password = sa.make_url(postgres_url).password
    assert password and all(password not in o.source for o in pg_scan.observations)
    assert {o.source for o in pg_scan.observations} == {redact(postgres_url)}


def test_table_without_select_permission_is_skipped(pg_scan: ScanResult) -> None:
    [problem] = [p for p in pg_scan.problems if p.location == "restricted_notes"]
    assert "permission denied" in problem.message and "restricted_notes skipped" in problem.message
    assert "customers" in {o.location for o in of_kind(pg_scan, "DATASTORE-TABLE")}


def test_sessions_are_read_only(postgres_url: str) -> None:
    source = PostgresSource(postgres_url)
    try:
        assert source.connection.execute(sa.text("SHOW transaction_read_only")).scalar() == "on"
        assert source.connection.execute(sa.text("SHOW lock_timeout")).scalar() == "10s"
        with pytest.raises(sa.exc.InternalError, match="read-only transaction"):
            source.connection.execute(sa.text("DELETE FROM customers"))
    finally:
        source.close()


@pytest.mark.filterwarnings("error")  # a cartesian product would only warn
def test_tablesample_reads_about_the_sample_repeatably(postgres_url: str) -> None:
    first = scan_datastores([StoreTarget(url=postgres_url)], sample=50)
    sampled = {o.location: int(str(o.attributes["sampled"])) for o in of_kind(first, "DATASTORE-TABLE")}
    assert 20 <= sampled["call_records"] <= 50 and sampled["customers"] <= 50
    assert scan_datastores([StoreTarget(url=postgres_url)], sample=50) == first


def test_wrong_password_is_a_problem(postgres_url: str) -> None:
    wrong = sa.make_url(postgres_url).set(password="not-the-password").render_as_string(hide_password=False)
    result = scan_datastores([StoreTarget(url=wrong)])
    [problem] = result.problems
    assert "password authentication failed" in problem.message
    assert "not-the-password" not in str(problem)
    assert result.observations == []


def test_big_tables_are_not_counted(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql, "ESTIMATE_FROM", 100)  # customers (analyzed, 120 rows) counts as big
    result = scan_datastores([StoreTarget(url=postgres_url)], sample=50)
    tables = {o.location: o.attributes for o in of_kind(result, "DATASTORE-TABLE")}
    assert tables["customers"]["rows"] == crm.CUSTOMERS and tables["customers"]["rows_estimated"] is True
    assert tables["call_records"]["rows"] == crm.CALLS and tables["call_records"]["rows_estimated"] is False
    assert 20 <= int(str(tables["customers"]["sampled"])) <= 50
