"""`ccpa history`, `ccpa diff`, `ccpa tasks`: the runs recorded in the workspace's store, what
changed between two of them, and the roadmap's tasks tracked to done."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table
from typer.core import TyperGroup

from ccpa_readiness.cli.app import app, command_group, console, err_console
from ccpa_readiness.cli.review_commands import DbUrl, Workspace, open_store
from ccpa_readiness.spreadsheet import safe_cell

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ccpa_readiness.review.tables import Run

STORE_ERROR_EXIT = 2
TEXT_COLUMNS = ("As of", "Catalog", "Inputs")


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class TasksFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class FailOnChange(StrEnum):
    regressed = "regressed"
    new = "new"  # new or regressed


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error[/]: {message}", highlight=False, soft_wrap=True)
    return typer.Exit(STORE_ERROR_EXIT)


@contextmanager
def _store(workspace: Path, db: str | None, write: bool = False) -> Iterator[Session]:
    """A session on the workspace's store; a store that cannot be opened or read is a clear error."""
    from sqlalchemy.exc import SQLAlchemyError

    from ccpa_readiness.review.audit_key import AuditKeyError
    from ccpa_readiness.review.database import StoreUnavailable

    try:
        store = open_store(workspace, db)
        with store.write() if write else store.read() as session:
            yield session
    except (StoreUnavailable, AuditKeyError) as error:
        raise _fail(f"the store of {workspace} cannot be read: {error}") from None
    except SQLAlchemyError as error:
        first_line = str(error).splitlines()[0]
        raise _fail(f"the store of {workspace} cannot be read: {first_line}") from None


@app.command("history")
def history_command(
    workspace: Workspace,
    db: DbUrl = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json")] = ListFormat.table,
) -> None:
    """List the assessments recorded for the workspace, newest first.

    Example: ccpa history examples/acme-contact-center --format json
    """
    from ccpa_readiness.review.history import run_summary, runs_newest_first

    with _store(workspace, db) as session:
        rows = [run_summary(run) for run in runs_newest_first(session)]
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps({"runs": rows}, indent=2) + "\n")
        return
    if not rows:
        console.print("No assessment recorded yet: run `ccpa assess` first.", highlight=False)
        return
    table = Table(title="Assessments, newest first", title_justify="left", box=box.SIMPLE)
    for column in ("Run", "As of", "Catalog", "Ready", "Covered", "Open", "Risk", "Inputs"):
        table.add_column(column, no_wrap=True, justify="left" if column in TEXT_COLUMNS else "right")
    for row in rows:
        table.add_row(
            str(row["run"]),
            row["as_of"],
            row["catalog_version"],
            _shown(row["readiness"]),
            _shown(row["coverage"]),
            str(row["open_findings"]),
            str(row["open_risk"]),
            row["inputs_hash"][:8],
        )
    console.print(table)


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _runs_to_compare(session: Session, older: int | None, newer: int | None) -> tuple[Run, Run]:
    from ccpa_readiness.review.history import run_numbered, runs_newest_first

    runs = runs_newest_first(session)
    if len(runs) < 2 and (older is None or newer is None):
        raise _fail(f"{len(runs)} run(s) recorded: a diff needs two (run `ccpa assess` again)")
    newest = runs[0].number if runs else 0
    to_number = newer if newer is not None else newest
    from_number = (
        older if older is not None else max((r.number for r in runs if r.number < to_number), default=0)
    )
    found = {n: run_numbered(session, n) for n in (from_number, to_number)}
    missing = [str(n) for n, run in found.items() if run is None]
    if missing:
        raise _fail(f"no run {', '.join(missing)}; `ccpa history` lists the runs")
    older_run, newer_run = found[from_number], found[to_number]
    assert older_run is not None and newer_run is not None
    return older_run, newer_run


@app.command("diff")
def diff_command(
    workspace: Workspace,
    db: DbUrl = None,
    older: Annotated[
        int | None, typer.Option("--from", help="run number (default: the one before --to)")
    ] = None,
    newer: Annotated[int | None, typer.Option("--to", help="run number (default: the newest)")] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", help="text, json or html")] = DiffFormat.text,
    fail_on: Annotated[
        FailOnChange | None,
        typer.Option("--fail-on", help="exit 1 when a finding regressed (`new`: or is new)"),
    ] = None,
) -> None:
    """What changed between two assessments: findings new, closed, regressed, improved; the scores.

    Example: ccpa diff examples/acme-contact-center --fail-on regressed
    """
    from ccpa_readiness.review import tracking
    from ccpa_readiness.review.run_diff import diff_runs

    with _store(workspace, db) as session:
        older_run, newer_run = _runs_to_compare(session, older, newer)
        result = diff_runs(older_run, newer_run, tracking.statuses(session))
    document = result.as_json()
    if fmt is DiffFormat.json:
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif fmt is DiffFormat.html:
        sys.stdout.write(_diff_page(document))
    else:
        _print_diff(document, result.one_line())
    changed = len(document["regressed"]) + (len(document["new"]) if fail_on is FailOnChange.new else 0)
    if fail_on is not None and changed:
        raise typer.Exit(1)


def _diff_page(document: dict[str, Any]) -> str:
    from ccpa_readiness.reports.history_section import render_diff_page

    return render_diff_page(document)


def _print_diff(document: dict[str, Any], line: str) -> None:
    console.print(line, highlight=False, soft_wrap=True)
    for kind in ("new", "regressed", "closed", "improved"):
        items = document[kind]
        if not items:
            continue
        console.print(f"[bold]{kind}[/] ({len(items)})", highlight=False)
        for item in items:
            before = _state(item["from"])
            after = _state(item["to"])
            console.print(
                f"  {item['requirement_id']}: {before} -> {after}: {item['reason']}",
                highlight=False,
                soft_wrap=True,
            )
            for ref in item["evidence_added"]:
                console.print(f"      + {ref}", highlight=False, soft_wrap=True)
            for ref in item["evidence_removed"]:
                console.print(f"      - {ref}", highlight=False, soft_wrap=True)
            if item["sources_changed"]:
                changed = ", ".join(item["sources_changed"])
                console.print(f"      changed: {changed}", highlight=False, soft_wrap=True)
            if item.get("note"):
                console.print(f"      note: {item['note']}", highlight=False, soft_wrap=True)


def _state(state: dict[str, Any] | None) -> str:
    return "not assessed" if state is None else f"{state['outcome']} (risk {state['risk_score']})"


class _ListByDefault(TyperGroup):
    """`ccpa tasks DIR ...` lists; `ccpa tasks set DIR ...` sets: a first word that is no
    subcommand is the `list` command's."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click.Context
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["list", *args]
        return super().parse_args(ctx, args)


tasks_app = command_group(
    "The roadmap's tasks tracked to done: `ccpa tasks DIR` lists, `ccpa tasks set DIR TASK_ID` changes.",
    cls=_ListByDefault,
)
app.add_typer(tasks_app, name="tasks")


@tasks_app.command("list")
def tasks_list(
    workspace: Workspace,
    db: DbUrl = None,
    department: Annotated[
        str | None, typer.Option("--department", help="only this department's tasks")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="todo, in_progress, blocked, done, not_needed")
    ] = None,
    fmt: Annotated[TasksFormat, typer.Option("--format", help="table, json or csv")] = TasksFormat.table,
) -> None:
    """List the tracked tasks: status, owner, due date, notes, and tasks done whose gap remains.

    Example: ccpa tasks examples/acme-contact-center --department IT --status todo
    """
    from ccpa_readiness.review.tracking import task_views

    with _store(workspace, db) as session:
        views = [
            view
            for view in task_views(session)
            if (department is None or view.department == department)
            and (status is None or view.status == status)
        ]
    rows = [view.as_dict() for view in views]
    if fmt is TasksFormat.json:
        sys.stdout.write(json.dumps({"tasks": rows}, indent=2, ensure_ascii=False) + "\n")
    elif fmt is TasksFormat.csv:
        sys.stdout.write(_tasks_csv(rows))
    else:
        _print_tasks(rows)


CSV_FIELDS = (
    "id",
    "title",
    "department",
    "status",
    "owner",
    "start",
    "due_date",
    "requirement_ids",
    "status_reason",
    "flag",
    "notes",
)


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with an apostrophe."""
    if isinstance(value, list):
        value = " ".join(v if isinstance(v, str) else f"{v['at']} {v['author']}: {v['body']}" for v in value)
    return safe_cell("" if value is None else str(value))


def _tasks_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in CSV_FIELDS])
    return buffer.getvalue()


def _print_tasks(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("No tracked task: run `ccpa assess` (with a plan in ccpa.yaml) first.", highlight=False)
        return
    width = max(len(row["id"]) for row in rows)
    department = None
    for row in rows:
        if row["department"] != department:
            department = row["department"]
            console.print(f"[bold]{department}[/]", highlight=False)
        owner = f"  owner {row['owner']}" if row["owner"] else ""
        console.print(
            f"  {row['id']:<{width}}  {row['status']:<11}  due {row['due_date'] or 'n/a'}{owner}",
            highlight=False,
            soft_wrap=True,
        )
        if row["flag"]:
            console.print(f"      [bold red]{row['flag']}[/]", highlight=False, soft_wrap=True)
        for remark in (row["status_reason"], row["notes"][-1]["body"] if row["notes"] else ""):
            if remark:
                console.print(f"      {remark}", highlight=False, soft_wrap=True)


@tasks_app.command("set")
def tasks_set(
    workspace: Workspace,
    task_id: Annotated[str, typer.Argument(help="the task id (`ccpa tasks DIR` lists them)")],
    status: Annotated[str, typer.Option("--status", help="todo, in_progress, blocked or done")],
    actor: Annotated[
        str, typer.Option("--as", help="your email: a reviewer of the task's department, or an admin")
    ],
    note: Annotated[str, typer.Option("--note", help="a note kept with the task")] = "",
    owner: Annotated[str | None, typer.Option("--owner", help="who does the task")] = None,
    db: DbUrl = None,
) -> None:
    """Set a task's status (and owner, and add a note); the change goes into the audit log.

    When the store has review-app users, --as must be one allowed to change the task (a reviewer
    of its department or an admin); a store without users (one person on a laptop) takes --as as given.

    Example: ccpa tasks set DIR draft-spoken-notice --status done --as it.lead@acme.example
    """
    from sqlalchemy import select

    from ccpa_readiness.review.tables import User
    from ccpa_readiness.review.tracking import TaskError, has_users, set_status
    from ccpa_readiness.review.users import UserError, normalize_email

    try:
        email = normalize_email(actor)
    except UserError as error:
        raise _fail(str(error)) from None
    try:
        with _store(workspace, db, write=True) as session:
            user = session.execute(select(User).where(User.email == email)).scalar_one_or_none()
            if user is None and has_users(session):
                raise TaskError(f"{email} is no user of this store (`ccpa users add`)")
            row = set_status(session, user, email, task_id, status, note, owner)
            shown = f"{row.task_id}: {row.status}" + (f", owner {row.owner}" if row.owner else "")
    except TaskError as error:
        raise _fail(str(error)) from None
    console.print(shown, highlight=False)
