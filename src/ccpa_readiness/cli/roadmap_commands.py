"""`ccpa roadmap DIR`: the assessment, then the roadmap (tasks, schedule, budget, proposals) in DIR/out/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ccpa_readiness.cli.app import app, console, err_console
from ccpa_readiness.cli.input_errors import exit_on_input_error
from ccpa_readiness.cli.output import FormatOption, OutputFormat, print_json
from ccpa_readiness.pipeline import AssessmentRun, run_assessment

if TYPE_CHECKING:  # the solver and the writers load heavy libraries: imported when a roadmap is built
    from ccpa_readiness.roadmap import Roadmap
    from ccpa_readiness.roadmap.models import Money

STEPS = {
    "tasks": "Building tasks from the findings",
    "schedule": "Scheduling with CP-SAT (deadline, capacity)",
    "earliest finish": "Deadline missed: finding the earliest finish",
    "extra people": "Finding the people that would meet the deadline",
    "budget": "Costing the roadmap",
    "proposals": "Drafting the proposals",
}


def roadmap_with_progress(run: AssessmentRun, time_limit_s: float | None = None) -> Roadmap:
    """`build_roadmap` under a Rich progress display naming the step the solver is on.

    `time_limit_s` caps each CP-SAT solve (default: the roadmap's own, `DEFAULT_TIME_LIMIT_S`).
    """
    from ccpa_readiness.roadmap import build_roadmap
    from ccpa_readiness.roadmap.schedule import DEFAULT_TIME_LIMIT_S

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    quiet = not err_console.is_terminal  # piped: no bar, and no blank line where it stood
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as progress:
        bar = progress.add_task(STEPS["tasks"], total=None)
        return build_roadmap(
            run.assessment,
            run.catalog,
            run.facts,
            time_limit_s=DEFAULT_TIME_LIMIT_S if time_limit_s is None else time_limit_s,
            on_step=lambda step: progress.update(bar, description=STEPS[step]),
        )


def roadmap_or_error(run: AssessmentRun, time_limit_s: float | None = None) -> Roadmap | str:
    """The roadmap, or the error (printed) when the clock cut a solve short: never a different plan."""
    from ccpa_readiness.roadmap.schedule import SolveCutShort

    try:
        return roadmap_with_progress(run, time_limit_s)
    except SolveCutShort as error:
        err_console.print(f"[bold red]Roadmap error[/]: {error}", highlight=False)
        return str(error)


def print_roadmap_summary(roadmap: Roadmap, written: list[Path]) -> None:
    colour = "green" if roadmap.feasible else ("bold red" if "NOT met" in roadmap.verdict else "yellow")
    confirmations = sum(1 for task in roadmap.tasks if task.kind == "confirmation")
    console.print(
        f"[bold]Roadmap[/]: {len(roadmap.tasks)} tasks ({confirmations} to confirm an unknown), "
        f"{roadmap.start} to {roadmap.finish}; [{colour}]{roadmap.verdict}[/]",
        highlight=False,
    )
    solver = roadmap.solver
    gap = "" if solver.gap is None else f", gap {solver.gap:.1%}"
    console.print(
        f"  CP-SAT {solver.status}: objective {solver.objective}, bound {solver.bound}{gap} "
        f"({solver.wall_time_s:.1f} s)",
        highlight=False,
    )
    for message in roadmap.messages:
        console.print(f"  [yellow]![/] {message}", highlight=False)
    table = Table(title="Budget (USD)", title_justify="left")
    for column in ("Department", "Tasks", "Capacity", "Low", "Expected", "High"):
        table.add_column(column, justify="left" if column == "Department" else "right")
    for department, money in roadmap.budget.by_department.items():
        count = sum(1 for task in roadmap.tasks if task.department == department)
        capacity = f"{roadmap.capacity.get(department, 0):g}"
        table.add_row(department.value, str(count), capacity, *(f"{v:,.0f}" for v in _range(money)))
    budget = roadmap.budget
    remediation = sum(1 for task in roadmap.tasks if task.kind == "remediation")
    table.add_section()
    table.add_row("Remediation", str(remediation), "", *(f"{v:,.0f}" for v in _range(budget.remediation)))
    table.add_row(
        "Confirmation",
        str(len(roadmap.tasks) - remediation),
        "",
        *(f"{v:,.0f}" for v in _range(budget.confirmation)),
    )
    table.add_row("Total", str(len(roadmap.tasks)), "", *(f"{v:,.0f}" for v in _range(budget.total)))
    table.add_row(
        "If every unknown is a gap",
        f"+{len(budget.contingent_task_ids)}",
        "",
        *(f"+{v:,.0f}" for v in _range(budget.if_unknowns_are_gaps)),
    )
    console.print(table)
    console.print("  Capacity: person-days per working day (people x availability).", highlight=False)
    for path in written:
        console.print(f"wrote {path}", highlight=False)


def _range(money: Money) -> tuple[float, float, float]:
    return money.low, money.expected, money.high


@app.command("roadmap")
def roadmap_command(
    directory: Path = typer.Argument(..., help="the workspace folder (ccpa.yaml with plan and resources)"),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        min=1,
        help="safety limit in seconds for each CP-SAT solve; hitting it is an error (default: 300)",
    ),
    as_of: dt.datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d"], help="assessment date (default: today)"
    ),
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Plan the remediation: tasks, a schedule within the team and deadline, a budget, draft documents.

    Writes DIR/out/roadmap.json, roadmap.csv (Jira/Asana import), roadmap.xlsx, milestones.ics and
    proposals/ (Markdown and DOCX drafts for counsel). With --format json, stdout holds
    {"roadmap": roadmap.json, "written": [paths]}.

    Example: ccpa roadmap examples/acme-contact-center --time-limit 10
    """
    with exit_on_input_error():
        run = run_assessment(directory, as_of.date() if as_of else None)
    from ccpa_readiness.reports.roadmap_files import write_roadmap_outputs

    roadmap = roadmap_or_error(run, time_limit)
    if isinstance(roadmap, str):
        raise typer.Exit(1)
    written = write_roadmap_outputs(roadmap, run.workspace.out_dir)
    if output_format is OutputFormat.json:
        from ccpa_readiness.reports.roadmap_files import roadmap_json

        print_json({"roadmap": json.loads(roadmap_json(roadmap)), "written": [str(p) for p in written]})
        return
    print_roadmap_summary(roadmap, written)
