"""Cells that a spreadsheet never runs: CSV and XLSX exports neutralise formula prefixes.

A leaf module every writer may import. A text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return is read as a formula by Excel, LibreOffice and Google Sheets when a CSV is opened
(`=HYPERLINK(...)`, DDE): such text is written with a leading `'`, which they show as text.
Workbooks are written with XlsxWriter's `strings_to_formulas` off, so every string is a text cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WORKBOOK_OPTIONS: dict[str, Any] = {"strings_to_formulas": False}

Cell = TypeVar("Cell")


def safe_cell(value: Cell) -> Cell:
    """`value`, with a `'` in front when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value  # type: ignore[return-value]
    return value


def safe_row(values: Iterable[Cell]) -> list[Cell]:
    return [safe_cell(value) for value in values]
