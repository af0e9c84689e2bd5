"""The data map as a workbook: a sheet of systems and a sheet of classified columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from ccpa_readiness.evidence.datastores.datamap.model import DataMap
from ccpa_readiness.spreadsheet import WORKBOOK_OPTIONS

SYSTEM_HEADER = (
    "System",
    "Name",
    "In inventory",
    "Hosted by",
    "Stores",
    "Categories",
    "Undeclared",
    "Vendors",
)
COLUMN_HEADER = (
    "System", "Store", "Table", "Rows", "Column", "Label", "Category", "Sensitive kind", "Confidence",
    "Free text", "Declared", "Sensitive kind declared", "Purposes", "Vendors", "Collection points",
)  # fmt: skip
# a fixed creation date, so the same map gives the same file
CREATED = dt.datetime(2000, 1, 1)

Cell = str | int | float | bool | None


def _join(values: list[str]) -> str:
    return ", ".join(values)


def _rows(datamap: DataMap) -> tuple[list[tuple[Cell, ...]], list[tuple[Cell, ...]]]:
    systems: list[tuple[Cell, ...]] = []
    columns: list[tuple[Cell, ...]] = []
    for system in datamap.systems:
        systems.append(
            (
                system.id,
                system.name,
                system.declared,
                system.hosted_by,
                _join([s.source for s in system.stores]),
                _join(system.categories),
                _join(system.undeclared_categories),
                _join(system.vendors),
            )
        )
        for store in system.stores:
            for table in store.tables:
                for c in table.columns:
                    columns.append(
                        (
                            system.id, store.source, table.name, table.rows, c.name, c.label, c.category,
                            c.sensitive_kind, c.confidence, c.free_text, c.declared, c.sensitive_declared,
                            _join(c.purposes), _join(c.vendors), _join(c.collection_points),
                        )
                    )  # fmt: skip
    return systems, columns


def write_xlsx(datamap: DataMap, path: Path) -> None:
    systems, columns = _rows(datamap)
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"title": "Data map", "created": CREATED})
    bold = workbook.add_format({"bold": True})
    for title, header, rows in (("Systems", SYSTEM_HEADER, systems), ("Columns", COLUMN_HEADER, columns)):
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        sheet.set_column(0, len(header) - 1, 18)
    workbook.close()
