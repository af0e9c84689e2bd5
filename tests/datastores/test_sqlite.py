"""The CRM schema in SQLite: each column's classification, the checks, the bad tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ccpa_readiness.evidence.common.models import Observation, ScanResult
from ccpa_readiness.evidence.datastores import DeclaredElement, DeclaredStore, StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.sources.sqlite import SqliteSource
from tests.datastores import crm
from tests.datastores.conftest import crm_declared

EXPECTED_LABELS = {
    "customers.first_name": "PERSON",
    "customers.last_name": "PERSON",
    "customers.email": "EMAIL_ADDRESS",
    "customers.phone": "PHONE_NUMBER",
    "customers.ssn": "US_SSN",
    "customers.date_of_birth": "DATE_OF_BIRTH",
    "customers.street_address": "ADDRESS",
    "call_records.customer_id": "ACCOUNT_ID",
    "recordings.client_ip": "IP_ADDRESS",
    "audit_log.email": "EMAIL_ADDRESS",
}


def of_kind(result: ScanResult, kind: str) -> list[Observation]:
    return [o for o in result.observations if o.kind == kind]


def columns(result: ScanResult) -> dict[str, Observation]:
    return {o.location: o for o in of_kind(result, "DATASTORE-COLUMN") if not o.attributes["free_text"]}


@pytest.fixture(scope="module")
def declared_scan(crm_sqlite: Path) -> ScanResult:
    return scan_datastores([StoreTarget(url=str(crm_sqlite), declared=crm_declared())], as_of=crm.AS_OF)


def test_each_structured_column_gets_its_label(declared_scan: ScanResult) -> None:
    found = columns(declared_scan)
    assert {location: o.subject for location, o in found.items()} == EXPECTED_LABELS


def test_validated_columns_are_confident_and_name_only_ones_less(declared_scan: ScanResult) -> None:
    found = columns(declared_scan)
    ssn = found["customers.ssn"].attributes
    assert ssn["validated_share"] == 1.0 and ssn["confidence"] == 1.0
    assert ssn["category"] == "identifiers" and ssn["sensitive_kind"] == "government_id"
    assert found["customers.first_name"].attributes["validated_share"] is None
    assert found["customers.first_name"].attributes["confidence"] == 0.6
    assert found["customers.date_of_birth"].attributes["category"] == "protected_characteristics"
    # by name, in a date column, and the dates spread like births (1950-1999)
    assert found["customers.date_of_birth"].attributes["confidence"] == 0.9


def test_snippets_are_masked(declared_scan: ScanResult) -> None:
    found = columns(declared_scan)
    assert found["customers.ssn"].snippet.startswith("***-**-")
    email = found["customers.email"].snippet
    assert "@" in email and not any(ch.isalpha() for ch in email)  # an e-mail shows no letter
    assert found["customers.email"].attributes["system"] == "crm"
    for column in ("customers.first_name", "customers.last_name"):  # no letter of a name (it kept four)
        assert found[column].subject == "PERSON" and found[column].snippet
        assert not any(ch.isalpha() for ch in found[column].snippet), column


def test_notes_are_scanned_as_free_text_with_counts(declared_scan: ScanResult) -> None:
    notes = {
        o.subject: o.attributes["rows"]
        for o in of_kind(declared_scan, "DATASTORE-COLUMN")
        if o.location == "call_records.agent_notes"
    }
    assert notes == {"CREDIT_CARD": crm.CALLS // 4, "PHONE_NUMBER": crm.CALLS // 4}


def test_retention_counts_rows_older_than_declared_period(declared_scan: ScanResult) -> None:
    exceeded = {o.location: o.attributes for o in of_kind(declared_scan, "DATASTORE-RETENTION-EXCEEDED")}
    assert set(exceeded) == {"recordings.recorded_at"}  # customers and calls are all recent
    assert exceeded["recordings.recorded_at"] == {
        "rows": crm.expected_old_recordings(),
        "oldest": "2019-01-01",
        "retention_days": crm.RETENTION_DAYS,
        "system": "crm",
    }
    assert 0 < crm.expected_old_recordings() < crm.RECORDINGS


def test_categories_found_but_not_declared(declared_scan: ScanResult) -> None:
    undeclared = {
        (o.subject, o.attributes["sensitive_kind"]): o.attributes["columns"]
        for o in of_kind(declared_scan, "DATASTORE-UNDECLARED-CATEGORY")
    }
    assert undeclared == {
        ("customer_records", None): ["call_records.agent_notes"],
        ("protected_characteristics", None): ["customers.date_of_birth"],
        ("sensitive_personal_information", "account_credentials"): ["call_records.agent_notes"],
        ("sensitive_personal_information", "government_id"): ["customers.ssn"],
    }


def test_declared_sensitive_kinds_are_not_reported(crm_sqlite: Path) -> None:
    elements = [
        DeclaredElement(category="identifiers", sensitive_kind="government_id"),
        DeclaredElement(category="customer_records", sensitive_kind="account_credentials"),
        DeclaredElement(category="protected_characteristics"),
    ]
    result = scan_datastores([StoreTarget(url=str(crm_sqlite), declared=crm_declared(elements=elements))])
    assert of_kind(result, "DATASTORE-UNDECLARED-CATEGORY") == []


def test_sensitive_values_in_clear_where_declared_encrypted(declared_scan: ScanResult) -> None:
    cleartext = {(o.location, o.subject) for o in of_kind(declared_scan, "DATASTORE-CLEARTEXT-SENSITIVE")}
    assert cleartext == {("customers.ssn", "US_SSN"), ("call_records.agent_notes", "CREDIT_CARD")}


def test_no_cleartext_finding_when_the_inventory_admits_it(crm_sqlite: Path) -> None:
    result = scan_datastores(
        [StoreTarget(url=str(crm_sqlite), declared=crm_declared(encrypted=False))], as_of=crm.AS_OF
    )
    assert of_kind(result, "DATASTORE-CLEARTEXT-SENSITIVE") == []


def test_card_numbers_outside_the_cardholder_system(crm_sqlite: Path, declared_scan: ScanResult) -> None:
    [outside] = of_kind(declared_scan, "DATASTORE-CARD-OUTSIDE-CDE")
    assert outside.location == "call_records.agent_notes"
    assert outside.attributes == {"rows": crm.CALLS // 4, "system": "crm"}
    assert outside.snippet.startswith("**** **** **** ")
    cde = scan_datastores([StoreTarget(url=str(crm_sqlite), declared=crm_declared(cardholder_data=True))])
    assert of_kind(cde, "DATASTORE-CARD-OUTSIDE-CDE") == []


def test_bad_tables_are_reported_and_the_scan_goes_on(declared_scan: ScanResult) -> None:
    messages = {p.location: p.message for p in declared_scan.problems}
    assert "is empty" in messages["audit_log"]
    assert "attachments.content is binary" in messages["attachments"]
    assert "long_notes.body: huge text, 1 value(s) over 10,000 characters" in messages["long_notes"]
    tables = {o.location for o in of_kind(declared_scan, "DATASTORE-TABLE")}
    assert tables == {"attachments", "audit_log", "call_records", "customers", "long_notes", "recordings"}


def test_without_declaration_only_the_card_check_applies(crm_sqlite: Path) -> None:
    result = scan_datastores([StoreTarget(url=f"sqlite:///{crm_sqlite}")])
    kinds = {o.kind for o in result.observations}
    assert kinds == {"DATASTORE-TABLE", "DATASTORE-COLUMN", "DATASTORE-CARD-OUTSIDE-CDE"}
    assert {o.attributes["system"] for o in result.observations} == {""}


def test_encrypted_column_is_named_but_not_validated(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, ssn TEXT)")
        connection.executemany(
            "INSERT INTO people (ssn) VALUES (?)", [(f"gAAAAABl{i:06d}Zq9x0w2PaN1b",) for i in range(300)]
        )
    result = scan_datastores([StoreTarget(url=str(path), declared=crm_declared())])
    [column] = of_kind(result, "DATASTORE-COLUMN")
    assert column.subject == "US_SSN"
    assert column.attributes["validated_share"] == 0.0 and column.attributes["confidence"] == 0.4
    assert of_kind(result, "DATASTORE-CLEARTEXT-SENSITIVE") == []


@pytest.mark.filterwarnings("error")  # a cartesian product would only warn
def test_sample_is_bounded_random_and_repeatable(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)")
        connection.executemany(
            "INSERT INTO contacts (email) VALUES (?)", [(f"c{i}@example.net",) for i in range(5000)]
        )
    first = scan_datastores([StoreTarget(url=str(path))], sample=300)
    [table] = of_kind(first, "DATASTORE-TABLE")
    assert table.attributes["rows"] == 5000 and table.attributes["sampled"] == 300
    [column] = of_kind(first, "DATASTORE-COLUMN")
    assert column.snippet != "**@*******.net"  # not the first row: c0@example.net
    assert scan_datastores([StoreTarget(url=str(path))], sample=300) == first
    everything = scan_datastores([StoreTarget(url=str(path))], sample=None)
    assert of_kind(everything, "DATASTORE-TABLE")[0].attributes["sampled"] == 5000


def test_sqlite_is_opened_read_only(crm_sqlite: Path) -> None:
    source = SqliteSource(str(crm_sqlite))
    try:
        assert "mode=ro" in source.read_only_mode
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            source.connection.execute("DELETE FROM customers")
    finally:
        source.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("missing.sqlite", "SQLite file not found"),
        ("notes.txt", "not a store this scanner reads"),
        ("postgresql://auditor:hunter2@127.0.0.1:1/crm", "cannot connect"),
    ],
)
def test_unreadable_stores_are_problems_and_others_still_scanned(
    crm_sqlite: Path, url: str, message: str
) -> None:
    result = scan_datastores([StoreTarget(url=url), StoreTarget(url=str(crm_sqlite))])
    [problem] = [p for p in result.problems if p.source != str(crm_sqlite)]
    assert message in problem.message
    assert "hunter2" not in str(problem)
    assert of_kind(result, "DATASTORE-TABLE")


def test_a_misspelt_declaration_is_refused() -> None:
    with pytest.raises(ValueError, match="declared_categories"):
        DeclaredStore(system_id="crm", declared_categories=["identifiers"])  # type: ignore[call-arg]


def test_row_ids_are_not_phone_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ids.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, code INTEGER, callback TEXT)")
        connection.executemany(
            "INSERT INTO events VALUES (?, ?, ?)",
            [(700_000 + 37 * i, 100_000 + 7919 * i % 900_000, f"650-253-{i:04d}") for i in range(500)],
        )
    found = {
        o.location: o.subject
        for o in of_kind(scan_datastores([StoreTarget(url=str(path))]), "DATASTORE-COLUMN")
    }
    assert found == {"events.callback": "PHONE_NUMBER"}
