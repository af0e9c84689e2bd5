"""roadmap.xlsx: the totals are formulas over the Tasks sheet, and computing them gives the plan's figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, range_boundaries

from ccpa_readiness.reports.roadmap_xlsx import write_roadmap_xlsx
from tests.reports.conftest import ExampleRun


class Evaluator:
    """Computes the formula shapes the writer uses (SUM, SUMIFS, COUNTA, references, +) from the cells'
    formulas, not from the values cached in the file."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook

    def cell(self, sheet: str, reference: str) -> Any:
        value = self.workbook[sheet][reference.replace("$", "")].value
        return self.formula(sheet, value[1:]) if isinstance(value, str) and value.startswith("=") else value

    def values(self, sheet: str, area: str) -> list[Any]:
        if "!" in area:
            sheet, area = area.split("!")
        low_col, low_row, high_col, high_row = range_boundaries(area.replace("$", ""))
        return [
            self.cell(sheet, f"{_letters(c)}{r}")
            for r in range(low_row, high_row + 1)
            for c in range(low_col, high_col + 1)
        ]

    def formula(self, sheet: str, text: str) -> Any:
        if match := re.fullmatch(r"SUM\((.+)\)", text):
            return sum(v or 0 for v in self.values(sheet, match.group(1)))
        if match := re.fullmatch(r"COUNTA\((.+)\)", text):
            return sum(v not in (None, "") for v in self.values(sheet, match.group(1)))
        if match := re.fullmatch(r"SUMIFS\(([^,]+), ([^,]+), (.+)\)", text):
            criterion = match.group(3)
            wanted = criterion.strip('"') if criterion.startswith('"') else self.term(sheet, criterion)
            pairs = zip(self.values(sheet, match.group(1)), self.values(sheet, match.group(2)), strict=True)
            return sum(amount for amount, key in pairs if key == wanted)
        return sum(self.term(sheet, term) for term in text.split("+"))

    def term(self, sheet: str, reference: str) -> Any:
        return self.cell(*reference.split("!")) if "!" in reference else self.cell(sheet, reference)


def _letters(index: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(index)


def _rows(sheet: Any) -> dict[str, list[Any]]:
    return {row[0].value: row[1:] for row in sheet.iter_rows(min_col=1, max_col=4) if row[0].value}


def test_totals_are_formulas_that_compute_to_the_plan(example: ExampleRun, tmp_path: Path) -> None:
    roadmap, budget = example.roadmap, example.roadmap.budget
    path = write_roadmap_xlsx(roadmap, tmp_path / "roadmap.xlsx")
    workbook, cached = load_workbook(path), load_workbook(path, data_only=True)
    evaluate = Evaluator(workbook)

    def check(sheet: str, reference: str, expected: float) -> None:
        formula = workbook[sheet][reference].value
        assert isinstance(formula, str) and formula.startswith("="), f"{sheet}!{reference} holds {formula!r}"
        assert abs(evaluate.cell(sheet, reference) - expected) < 0.01, f"{sheet}!{reference} = {formula}"
        assert abs(cached[sheet][reference].value - expected) < 0.01, "the cached value agrees"

    summary = {
        row[0].value: row[1].coordinate for row in workbook["Summary"].iter_rows(max_col=2) if row[0].value
    }
    check("Summary", summary["Budget expected (USD)"], budget.total.expected)
    check("Summary", summary["Remediation expected (USD)"], budget.remediation.expected)
    check("Summary", summary["Confirmation expected (USD)"], budget.confirmation.expected)
    check("Summary", summary["Tasks"], len(roadmap.tasks))

    rows = list(workbook["Budget"].iter_rows(max_col=4))
    rows = rows[: next(i for i, row in enumerate(rows) if row[0].value == "Day rates (USD)")]
    cells = {row[0].value: row for row in rows if row[0].value}  # "Total": the last table's
    first_total = next(row for row in rows if row[0].value == "Total")
    for label, money in (("Remediation", budget.remediation), ("Confirmation", budget.confirmation)):
        for cell, amount in zip(cells[label][1:], (money.low, money.expected, money.high), strict=True):
            check("Budget", cell.coordinate, amount)
    for cell, amount in zip(
        first_total[1:], (budget.total.low, budget.total.expected, budget.total.high), strict=True
    ):
        check("Budget", cell.coordinate, amount)
    for department, money in budget.by_department.items():
        check("Budget", cells[department.value][2].coordinate, money.expected)
    for phase, money in budget.by_phase.items():
        check("Budget", cells[phase.value][3].coordinate, money.high)
    tasks = workbook["Tasks"]
    last = tasks.max_row
    assert tasks.cell(last, 1).value == "Total"
    expected_column = column_index_from_string("R")
    assert tasks.cell(1, expected_column).value == "Cost expected"
    check("Tasks", f"R{last}", sum(t.cost.expected for t in roadmap.tasks))
    # the month breakdown is a static spread of labour over working days; its Total row is a SUM
    check("Budget", cells["Total"][2].coordinate, sum(m.expected for m in budget.by_month.values()))


def test_user_text_stays_text_beside_the_formulas(example: ExampleRun, tmp_path: Path) -> None:
    first = example.roadmap.tasks[0]
    hostile = first.model_copy(update={"title": '=HYPERLINK("http://evil.example","x")'})
    roadmap = example.roadmap.model_copy(update={"tasks": [hostile, *example.roadmap.tasks[1:]]})
    workbook = load_workbook(write_roadmap_xlsx(roadmap, tmp_path / "roadmap.xlsx"))
    titles = [row[1] for row in workbook["Tasks"].iter_rows(min_row=2) if row[1].value]
    (cell,) = [c for c in titles if "HYPERLINK" in str(c.value)]
    assert cell.data_type == "s", "a title is a text cell, never a formula"
