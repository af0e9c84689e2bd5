"""`roadmap.xlsx`: Summary, Tasks, Schedule (a week-by-week grid) and Budget sheets, formatted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

from ccpa_readiness.roadmap.models import Money, Roadmap
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
    _summary(workbook.add_worksheet("Summary"), roadmap, formats)
    _tasks(workbook.add_worksheet("Tasks"), roadmap, formats)
    _schedule(workbook.add_worksheet("Schedule"), roadmap, formats)
    _budget(workbook.add_worksheet("Budget"), roadmap, formats)
    workbook.close()
    return path


def _summary(sheet: Any, roadmap: Roadmap, f: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 90)
    sheet.write(0, 0, f"CCPA roadmap: {roadmap.organization}", f["title"])
    rows: list[tuple[str, Any]] = [
        ("Start", roadmap.start),
        ("Deadline", roadmap.deadline or "none"),
        ("Finish", roadmap.finish or "none"),
        ("Deadline met", "yes" if roadmap.feasible else "NO"),
        ("Verdict", roadmap.verdict),
        ("Tasks", len(roadmap.tasks)),
        ("Solver status", roadmap.solver.status),
        ("Objective (risk x end)", roadmap.solver.objective),
        ("Bound", roadmap.solver.bound),
        ("Budget expected (USD)", roadmap.budget.total.expected),
        ("Budget range (USD)", f"{roadmap.budget.total.low:,.0f} - {roadmap.budget.total.high:,.0f}"),
        ("Remediation expected (USD)", roadmap.budget.remediation.expected),
        ("Confirmation expected (USD)", roadmap.budget.confirmation.expected),
        ("If every unknown is a gap (USD)", _range_text(roadmap.budget.if_unknowns_are_gaps)),
        ("Recurring per year (USD)", roadmap.budget.recurring_per_year.expected),
    ]
    rows += [(f"Capacity: {d.value} (person-days a day)", c) for d, c in roadmap.capacity.items()]
    rows += [("Note", message) for message in roadmap.messages]
    for index, (label, value) in enumerate(rows, start=2):
        sheet.write(index, 0, label, f["bold"])
        if isinstance(value, dt.date):
            sheet.write_datetime(index, 1, dt.datetime.combine(value, dt.time()), f["date"])
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


def _budget(sheet: Any, roadmap: Roadmap, f: dict[str, Any]) -> None:
    budget = roadmap.budget
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 3, 14)
    row = 0
    tables: list[tuple[str, list[tuple[str, Money]]]] = [
        (
            "Totals",
            [
                ("Remediation", budget.remediation),
                ("Confirmation", budget.confirmation),
                ("If every unknown is a gap (not in total)", budget.if_unknowns_are_gaps),
                ("Labour", budget.labour),
                ("Tools and vendors (one-off)", budget.one_off),
                ("Total", budget.total),
                ("Recurring per year", budget.recurring_per_year),
            ],
        ),
        ("By department", [(d.value, m) for d, m in budget.by_department.items()]),
        ("By phase", [(p.value, m) for p, m in budget.by_phase.items()]),
        ("By month", list(budget.by_month.items())),
    ]
    for title, lines in tables:
        sheet.write(row, 0, title, f["title"])
        for column, heading in enumerate(("", "Low", "Expected", "High")):
            sheet.write(row + 1, column, heading, f["header"])
        for offset, (label, money) in enumerate(lines, start=row + 2):
            sheet.write(offset, 0, label)
            for column, amount in enumerate((money.low, money.expected, money.high), start=1):
                sheet.write_number(offset, column, amount, f["money"])
        row += len(lines) + 3
    sheet.write(row, 0, "Day rates (USD)", f["title"])
    for offset, (department, rate) in enumerate(budget.day_rates_usd.items(), start=row + 1):
        sheet.write(offset, 0, department.value)
        sheet.write_number(offset, 1, rate, f["money"])
