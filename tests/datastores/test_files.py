"""CSV, Parquet and XLSX exports: streamed, sampled by a seeded reservoir, classified alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.datastores import DeclaredStore, StoreTarget, scan_datastores
from ccpa_readiness.evidence.datastores.sources import Row
from ccpa_readiness.evidence.datastores.sources.base import reservoir
from tests.datastores.conftest import EXPORT_ROWS
from tests.datastores.test_sqlite import of_kind

AS_OF = dt.date(2026, 1, 1)


def labels(result: ScanResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for o in of_kind(result, "DATASTORE-COLUMN"):
        found.setdefault(o.location, set()).add(o.subject)
    return found


@pytest.mark.parametrize(
    ("kind", "table"), [("csv", "contacts"), ("parquet", "contacts"), ("xlsx", "contacts")]
)
def test_each_export_is_classified(exports: dict[str, Path], kind: str, table: str) -> None:
    result = scan_datastores([StoreTarget(url=str(exports[kind]))], sample=1000)
    assert labels(result) == {
        f"{table}.customer_email": {"EMAIL_ADDRESS"},
        f"{table}.mobile": {"PHONE_NUMBER"},
        f"{table}.comments": {"US_SSN"},
    }
    [comments] = [o for o in of_kind(result, "DATASTORE-COLUMN") if o.location.endswith("comments")]
    assert comments.attributes["free_text"] is True
    assert (
        50 <= int(str(comments.attributes["rows"])) <= 150
    )  # one row in ten of a sample of 1000 (500 in xlsx)
    assert comments.snippet.startswith("***-**-")


def test_parquet_keeps_types_and_counts_rows(exports: dict[str, Path]) -> None:
    result = scan_datastores([StoreTarget(url=str(exports["parquet"]))], sample=1000)
    [table] = of_kind(result, "DATASTORE-TABLE")
    assert table.attributes["rows"] == EXPORT_ROWS and table.attributes["sampled"] == 1000


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_retention_over_the_whole_file(exports: dict[str, Path], kind: str) -> None:
    declared = DeclaredStore(system_id="exports", retention_days=365 * 4)
    result = scan_datastores(
        [StoreTarget(url=str(exports[kind]), declared=declared)], sample=100, as_of=AS_OF
    )
    [exceeded] = of_kind(result, "DATASTORE-RETENTION-EXCEEDED")
    # one row a day from 2020-01-01; the cutoff is 2022-01-02 (2026-01-01 less 1460 days)
    assert exceeded.location == "contacts.created_on"
    assert exceeded.attributes["rows"] == 732 and exceeded.attributes["oldest"] == "2020-01-01"


def test_empty_sheet_is_reported_and_other_sheets_scanned(exports: dict[str, Path]) -> None:
    result = scan_datastores([StoreTarget(url=str(exports["xlsx"]))])
    assert [p.location for p in result.problems] == ["empty"]
    assert {o.location for o in of_kind(result, "DATASTORE-TABLE")} == {"contacts", "empty"}


def test_reservoir_is_uniform_bounded_and_seeded() -> None:
    batches: list[list[Row]] = [[(i,) for i in range(start, start + 100)] for start in range(0, 10_000, 100)]
    first = reservoir(iter(batches), 500)
    assert len(first) == 500 and len(set(first)) == 500
    assert reservoir(iter(batches), 500) == first
    values = sorted(int(str(row[0])) for row in first)
    assert values[0] < 200 and values[-1] > 9_800  # drawn from the whole stream
    assert reservoir(iter(batches[:2]), 500) == [(i,) for i in range(200)]


def test_truncated_csv_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("email,notes\na@example.com,fine\nb@example.com,one,too many\n", encoding="utf-8")
    result = scan_datastores([StoreTarget(url=str(path))])
    [problem] = result.problems
    assert problem.location == "broken" and "Expected 2 columns, got 3" in problem.message


@pytest.mark.parametrize("name", ["export.xlsx", "export.parquet", "export.csv"])
def test_file_that_is_not_what_its_suffix_says(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01 not really a spreadsheet \xff\xfe" * 10)
    result = scan_datastores([StoreTarget(url=str(path))])
    [problem] = result.problems
    assert "cannot read the file" in problem.message
    assert of_kind(result, "DATASTORE-TABLE") == []


@pytest.mark.parametrize(
    ("name", "separator"), [("export.csv", ";"), ("export.tsv", "\t"), ("pipes.csv", "|")]
)
def test_csv_separator_is_taken_from_the_header(tmp_path: Path, name: str, separator: str) -> None:
    path = tmp_path / name
    lines = [separator.join(("email", "notes"))]
    lines += [separator.join((f"p{i}@example.org", "call back later, ok")) for i in range(50)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = scan_datastores([StoreTarget(url=str(path))])
    assert result.problems == []
    assert labels(result) == {f"{path.stem}.email": {"EMAIL_ADDRESS"}}


def test_sheet_columns_without_a_header_get_a_name(tmp_path: Path) -> None:
    path = tmp_path / "loose.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["email", None, None])
    for i in range(30):
        sheet.append([f"p{i}@example.org", f"(650) 253-{i:04d}", f"10.0.0.{i + 1}"])
    workbook.save(path)
    result = scan_datastores([StoreTarget(url=str(path))])
    assert labels(result) == {
        "Sheet.email": {"EMAIL_ADDRESS"},
        "Sheet.column_2": {"PHONE_NUMBER"},
        "Sheet.column_3": {"IP_ADDRESS"},
    }
