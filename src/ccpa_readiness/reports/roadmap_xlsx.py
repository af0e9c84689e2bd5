"""`roadmap.xlsx`: Summary, Tasks, Schedule (a week-by-week grid) and Budget sheets, formatted.

Totals are formulas over the Tasks sheet (SUM, SUMIFS by kind, department and phase), each with its
computed value cached, so an edited cost updates every total. Labels enter a formula only as cell
references, never as formula text; every string is written as text (`WORKBOOK_OPTIONS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ccpa_readiness.roadmap.models import Money, PlannedTask, Roadmap
from ccpa_readiness.spreadsheet import WORKBOOK_OPTIONS

TASK_COLUMNS = [
    ("Id", 34),
    ("Title", 60),
    ("Department", 18),
    ("Phase", 12),
    ("Start", 12),
    ("End", 12),
    ("Working days", 8),
    ("Effort (person-days)", 10),
    ("Crew", 6),
    ("Rate (person-days a day)", 10),
    ("Kind", 13),
    ("Due date", 12),
    ("Depends on", 40),
    ("Requirements", 40),
    ("Risk weight", 8),
    ("Critical", 8),
    ("Cost low", 12),
    ("Cost expected", 12),
    ("Cost high", 12),
]
MONEY_COLUMNS = {"Cost low", "Cost expected", "Cost high"}
COST_COLUMNS = ("Cost low", "Cost expected", "Cost high")
CRITICAL_RED = "#c5221f"


def write_roadmap_xlsx(roadmap: Roadmap, path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({"bold": True, "bg_color": "#e8eaed", "border": 1, "text_wrap": True}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "money": workbook.add_format({"num_format": "$#,##0"}),
        "bold": workbook.add_format({"bold": True}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "bar": workbook.add_format({"bg_color": "#8ab4f8"}),
        "critical": workbook.add_format({"bg_color": CRITICAL_RED}),
        "week": workbook.add_format({"rotation": 90, "num_format": "mm-dd", "font_size": 8}),
        "deadline week": workbook.add_format(
            {"rotation": 90, "num_format": "mm-dd", "font_size": 8, "bold": True, "font_color": CRITICAL_RED}
        ),
    }
    summary, tasks = workbook.add_worksheet("Summary"), workbook.add_worksheet("Tasks")
    schedule, budget = workbook.add_worksheet("Schedule"), workbook.add_worksheet("Budget")
    _tasks(tasks, roadmap, formats)
    totals = _budget(budget, roadmap, formats)
    _summary(summary, roadmap, formats, totals)
    _schedule(schedule, roadmap, formats)
    workbook.close()
    return path


def _tasks_column(title: str, count: int) -> str:
    """`Tasks!$R$2:$R$80`: the task rows of the Tasks sheet's column `title`."""
    column = xl_col_to_name(next(i for i, (name, _) in enumerate(TASK_COLUMNS) if name == title), True)
    return f"Tasks!{column}$2:{column}${count + 1}"


def _summary(sheet: Any, roadmap: Roadmap, f: dict[str, Any], totals: dict[str, str]) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 90)
    sheet.write(0, 0, f"CCPA roadmap: {roadmap.organization}", f["title"])
    rows: list[tuple[str, Any]] = [
        ("Start", roadmap.start),
        ("Deadline", roadmap.deadline or "none"),
        ("Finish", roadmap.finish or "none"),
        ("Deadline met", "yes" if roadmap.feasible else "NO"),
        ("Verdict", roadmap.verdict),
        ("Tasks", Formula(f"=COUNTA({_tasks_column('Id', len(roadmap.tasks))})", len(roadmap.tasks))),
        ("Solver status", roadmap.solver.status),
        ("Objective (risk x end)", roadmap.solver.objective),
        ("Bound", roadmap.solver.bound),
        ("Budget expected (USD)", Formula(f"={totals['Total']}", roadmap.budget.total.expected)),
        ("Budget range (USD)", f"{roadmap.budget.total.low:,.0f} - {roadmap.budget.total.high:,.0f}"),
        (
            "Remediation expected (USD)",
            Formula(f"={totals['Remediation']}", roadmap.budget.remediation.expected),
        ),
        (
            "Confirmation expected (USD)",
            Formula(f"={totals['Confirmation']}", roadmap.budget.confirmation.expected),
        ),
        ("If every unknown is a gap (USD)", _range_text(roadmap.budget.if_unknowns_are_gaps)),
        ("Recurring per year (USD)", roadmap.budget.recurring_per_year.expected),
    ]
    rows += [(f"Capacity: {d.value} (person-days a day)", c) for d, c in roadmap.capacity.items()]
    rows += [("Note", message) for message in roadmap.messages]
    for index, (label, value) in enumerate(rows, start=2):
        sheet.write(index, 0, label, f["bold"])
        if isinstance(value, dt.date):
            sheet.write_datetime(index, 1, dt.datetime.combine(value, dt.time()), f["date"])
        elif isinstance(value, Formula):
            sheet.write_formula(index, 1, value.text, f["money"] if "USD" in label else None, value.value)
        else:
            sheet.write(index, 1, "" if value is None else value, f["wrap"])


def _range_text(money: Money) -> str:
    return f"{money.low:,.0f} - {money.high:,.0f} (expected {money.expected:,.0f})"


def _tasks(sheet: Any, roadmap: Roadmap, f: dict[str, Any]) -> None:
    for column, (title, width) in enumerate(TASK_COLUMNS):
        sheet.set_column(column, column, width)
        sheet.write(0, column, title, f["header"])
    sheet.freeze_panes(1, 2)
    for row, task in enumerate(sorted(roadmap.tasks, key=lambda t: (t.start, t.id)), start=1):
        values: list[Any] = [
            task.id,
            task.title,
            task.department.value,
            task.phase.value,
            task.start,
            task.end,
            task.duration_days,
            task.effort_days,
            task.crew,
            task.rate,
            task.kind,
            task.due_date or "",
            ", ".join(task.depends_on),
            ", ".join(task.requirement_ids),
            task.risk_weight,
            "yes" if task.critical else "",
            task.cost.low,
            task.cost.expected,
            task.cost.high,
        ]
        for column, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), f["date"])
            elif TASK_COLUMNS[column][0] in MONEY_COLUMNS:
                sheet.write_number(row, column, value, f["money"])
            else:
                sheet.write(row, column, value)
    sheet.autofilter(0, 0, len(roadmap.tasks), len(TASK_COLUMNS) - 1)
    total_row = len(roadmap.tasks) + 1
    sheet.write(total_row, 0, "Total", f["bold"])
    for title in ("Effort (person-days)", *COST_COLUMNS):
        column = next(i for i, (name, _) in enumerate(TASK_COLUMNS) if name == title)
        cached = sum(_task_figure(task, title) for task in roadmap.tasks)
        formula = f"=SUM({_tasks_column(title, len(roadmap.tasks))})".replace("Tasks!", "")
        sheet.write_formula(
            total_row, column, formula, f["money"] if title in MONEY_COLUMNS else None, cached
        )


def _task_figure(task: PlannedTask, title: str) -> float:
    costs = {"Cost low": task.cost.low, "Cost expected": task.cost.expected, "Cost high": task.cost.high}
    return task.effort_days if title == "Effort (person-days)" else costs[title]


def _schedule(sheet: Any, roadmap: Roadmap, f: dict[str, Any]) -> None:
    """One row a task, one column a week (from the Monday of the start week); critical tasks in red."""
    first_monday = roadmap.start - dt.timedelta(days=roadmap.start.weekday())
    last = max([roadmap.finish or roadmap.start, roadmap.deadline or roadmap.start])
    weeks = (last - first_monday).days // 7 + 1
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 1 + weeks, 2.6)
    sheet.set_row(0, 42)
    sheet.write(0, 0, "Task", f["header"])
    sheet.write(0, 1, "Department", f["header"])
    deadline_week = None if roadmap.deadline is None else (roadmap.deadline - first_monday).days // 7
    for week in range(weeks):
        monday = first_monday + dt.timedelta(weeks=week)
        header = f["deadline week"] if week == deadline_week else f["week"]
        sheet.write_datetime(0, 2 + week, dt.datetime.combine(monday, dt.time()), header)
    sheet.freeze_panes(1, 2)
    for row, task in enumerate(sorted(roadmap.tasks, key=lambda t: (t.start, t.id)), start=1):
        sheet.write(row, 0, task.title)
        sheet.write(row, 1, task.department.value)
        for week in range((task.start - first_monday).days // 7, (task.end - first_monday).days // 7 + 1):
            sheet.write_blank(row, 2 + week, None, f["critical"] if task.critical else f["bar"])
    if deadline_week is not None:
        sheet.write_comment(0, 2 + deadline_week, f"Deadline {roadmap.deadline}")


@dataclass(frozen=True)
class Formula:
    """A formula and the value it computes to (cached in the file for readers that do not compute)."""

    text: str
    value: float


Line = tuple[str, Money, list[str] | str | None]


def _budget(sheet: Any, roadmap: Roadmap, f: dict[str, Any]) -> dict[str, str]:
    """The Budget sheet; returns the cells of the totals by name (`Total`: `Budget!$C$8`, expected)."""
    budget, count = roadmap.budget, len(roadmap.tasks)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 3, 14)
    costs = [_tasks_column(title, count) for title in COST_COLUMNS]
    kinds, departments, phases = (_tasks_column(t, count) for t in ("Kind", "Department", "Phase"))

    def of_tasks(column: str, criterion: str) -> list[str]:
        return [f"=SUMIFS({cost}, {column}, {criterion})" for cost in costs]

    row, cells = 0, dict[str, str]()
    # a line's source: its formulas (low, expected, high), a Tasks column to SUMIFS by the line's
    # label, or None for a figure the Tasks sheet cannot give (labour, contingent, recurring, months)
    totals: list[Line] = [
        ("Remediation", budget.remediation, of_tasks(kinds, '"remediation"')),
        ("Confirmation", budget.confirmation, of_tasks(kinds, '"confirmation"')),
        ("If every unknown is a gap (not in total)", budget.if_unknowns_are_gaps, None),
        ("Labour", budget.labour, None),
        ("Tools and vendors (one-off)", budget.one_off, None),
        ("Total", budget.total, [f"={c}3+{c}4" for c in "BCD"]),  # rows 3 and 4: the two above
        ("Recurring per year", budget.recurring_per_year, None),
    ]
    breakdowns: list[tuple[str, list[tuple[str, Money]], str | None]] = [
        ("By department", [(d.value, m) for d, m in budget.by_department.items()], departments),
        ("By phase", [(p.value, m) for p, m in budget.by_phase.items()], phases),
        ("By month", list(budget.by_month.items()), None),
    ]
    tables: list[tuple[str, list[Line]]] = [("Totals", totals)]
    tables += [(title, [(label, m, source) for label, m in lines]) for title, lines, source in breakdowns]
    for title, lines in tables:
        sheet.write(row, 0, title, f["title"])
        for column, heading in enumerate(("", "Low", "Expected", "High")):
            sheet.write(row + 1, column, heading, f["header"])
        for offset, (label, money, formulas) in enumerate(lines, start=row + 2):
            sheet.write(offset, 0, label)
            if isinstance(formulas, str):
                formulas = of_tasks(formulas, xl_rowcol_to_cell(offset, 0, col_abs=True))
            for column, amount in enumerate((money.low, money.expected, money.high), start=1):
                if formulas is None:
                    sheet.write_number(offset, column, amount, f["money"])
                else:
                    sheet.write_formula(offset, column, formulas[column - 1], f["money"], amount)
            if title == "Totals":
                cells[label] = f"Budget!{xl_rowcol_to_cell(offset, 2, True, True)}"
        if title != "Totals":
            _sum_row(sheet, row + 2 + len(lines), row + 2, [m for _, m, _ in lines], f)
            row += 1
        row += len(lines) + 3
    sheet.write(row, 0, "Day rates (USD)", f["title"])
    for offset, (department, rate) in enumerate(budget.day_rates_usd.items(), start=row + 1):
        sheet.write(offset, 0, department.value)
        sheet.write_number(offset, 1, rate, f["money"])
    return cells


def _sum_row(sheet: Any, row: int, first: int, amounts: list[Money], f: dict[str, Any]) -> None:
    """A `Total` row under a breakdown: SUM of the rows above it."""
    sheet.write(row, 0, "Total", f["bold"])
    for column, attribute in enumerate(("low", "expected", "high"), start=1):
        name = xl_col_to_name(column)
        cached = round(sum(getattr(money, attribute) for money in amounts), 2)
        sheet.write_formula(row, column, f"=SUM({name}{first + 1}:{name}{row})", f["money"], cached)
