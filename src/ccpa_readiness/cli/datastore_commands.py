"""`ccpa scan datastore`: classify what databases and exports hold, check it against the inventory.

Also the bridge from the workspace's systems and data elements to the scanner's `StoreTarget`s,
which `ccpa assess` uses too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from ccpa_readiness.cli.app import console, err_console, scan_app
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, exit_on_input_error, print_problems
from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.datastores import (
    DEFAULT_SAMPLE,
    DeclaredElement,
    DeclaredStore,
    StoreTarget,
    redact,
    scan_datastores,
    write_datamap,
)
from ccpa_readiness.workspace.loader import Workspace, load_workspace
from ccpa_readiness.workspace.models import DataElement, DataInventory, System, Systems

EXAMPLE = (
    "Example: ccpa scan datastore postgresql://auditor@db.internal/crm exports/customers.csv "
    "--sample 5000 --format json --out out/datastores.json"
)
SYSTEMS_FILE = "inventory/systems.yaml"
CHECK_KINDS = (
    "DATASTORE-CLEARTEXT-SENSITIVE",
    "DATASTORE-UNDECLARED-CATEGORY",
    "DATASTORE-RETENTION-EXCEEDED",
    "DATASTORE-CARD-OUTSIDE-CDE",
)


def declared_store(system: System, elements: list[DataElement]) -> DeclaredStore:
    """What the inventory says about `system`; retention is the system's, else the shortest of
    the data elements it stores."""
    held = [e for e in elements if system.id in e.systems]
    element_retention = [e.retention_days for e in held if e.retention_days is not None]
    retention = system.retention_days
    if retention is None and element_retention:
        retention = min(element_retention)
    return DeclaredStore(
        system_id=system.id,
        system_name=system.name,
        encrypted=system.encryption_at_rest,
        retention_days=retention,
        cardholder_data=system.cardholder_data,
        hosted_by=system.hosted_by,
        elements=[
            DeclaredElement(
                category=e.category,
                sensitive_kind=e.sensitive_kind,
                purposes=e.purposes,
                vendors=e.disclosed_to,
                collection_points=e.channels,
            )
            for e in held
        ],
    )


def workspace_targets(
    workspace: Workspace, environ: Mapping[str, str] | None = None
) -> tuple[list[StoreTarget], list[Problem]]:
    """A target for each system whose `connection_env` variable is set; a problem for each unset."""
    env = os.environ if environ is None else environ
    systems = workspace.part("systems.yaml", Systems)
    inventory = workspace.part("data.yaml", DataInventory)
    elements = [] if inventory is None else inventory.data_elements
    targets: list[StoreTarget] = []
    problems: list[Problem] = []
    for index, system in enumerate([] if systems is None else systems.systems):
        if system.connection_env is None:
            continue
        url = env.get(system.connection_env, "")
        if not url:
            problems.append(
                workspace.problem_at(
                    SYSTEMS_FILE,
                    ("systems", index, "connection_env"),
                    f"environment variable {system.connection_env} is not set: "
                    f"store of {system.id} not scanned",
                )
            )
            continue
        targets.append(StoreTarget(url=url, declared=declared_store(system, elements)))
    return targets, problems


class OutputFormat(StrEnum):
    summary = "summary"
    json = "json"


class TableProgress:
    """A Rich progress bar per table, on stderr."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.read = 0

    def table_started(self, store: str, table: str, rows: int | None) -> None:
        self.task = self.progress.add_task(f"{store} {table}", total=rows)
        self.read = 0

    def rows_read(self, rows: int) -> None:
        self.read += rows
        if self.task is not None:
            self.progress.advance(self.task, rows)

    def table_finished(self) -> None:
        """A sample may come out a little short of its estimate: the bar ends full all the same."""
        if self.task is not None:
            self.progress.update(self.task, total=self.read, completed=self.read)
        self.task = None


def _summary(result: ScanResult, out: Console) -> None:
    for observation in result.observations:
        if observation.kind == "DATASTORE-TABLE":
            attrs = observation.attributes
            total = "?" if attrs["rows"] is None else format(attrs["rows"], ",")
            if attrs.get("rows_estimated"):
                total = f"about {total}"
            out.print(
                f"[bold]{observation.source}[/] {observation.location}: {attrs['sampled']:,} of "
                f"{total} rows sampled ({attrs['read_only']})",
                highlight=False,
            )
    found = [o for o in result.observations if o.kind == "DATASTORE-COLUMN"]
    for source in sorted({o.source for o in found}):
        table = Table(title=f"Personal information in {source}", title_justify="left")
        for header in ("column", "label", "category", "sensitive kind", "confidence", "rows", "example"):
            table.add_column(header, overflow="fold")
        for o in found:
            if o.source == source:
                a = o.attributes
                table.add_row(
                    o.location, o.subject, str(a["category"]), str(a["sensitive_kind"] or ""),
                    f"{a['confidence']}", f"{a['rows']:,}" if isinstance(a["rows"], int) else "", o.snippet,
                )  # fmt: skip
        out.print(table)
    checks = [o for o in result.observations if o.kind in CHECK_KINDS]
    out.print(f"[bold]Checks against the inventory[/]: {len(checks)} finding(s)")
    for o in checks:
        details = ", ".join(f"{k}={v}" for k, v in sorted(o.attributes.items()) if v not in (None, ""))
        out.print(f"  {o.kind} {o.source} {o.location}: {details}", highlight=False, soft_wrap=True)


@scan_app.command("datastore", epilog=EXAMPLE)
def datastore(
    urls: list[str] | None = typer.Argument(
        None,
        metavar="URL_OR_PATH...",
        help="postgresql:// or sqlite:// URLs, or .sqlite/.db, .csv/.tsv, .parquet, .xlsx files.",
    ),
    sample: int = typer.Option(
        DEFAULT_SAMPLE, "--sample", min=0, metavar="N", help="Rows sampled per table; 0 reads every row."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.summary, "--format", help="Output format."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write the output to FILE, not stdout."
    ),
    workspace_dir: Path | None = typer.Option(
        None,
        "--workspace",
        metavar="DIR",
        help="Also scan the stores its systems.yaml names (URL from connection_env), check them against "
        "the inventory and write the data map to DIR/out/.",
    ),
) -> None:
    """Classify the personal information in databases and exports, read-only, from sampled rows.

    Values shown are masked; URLs are printed without their password.
    """
    targets = [StoreTarget(url=url) for url in urls or []]
    problems: list[Problem] = []
    workspace = None
    with exit_on_input_error():
        if workspace_dir is not None:
            workspace = load_workspace(workspace_dir)
            declared, problems = workspace_targets(workspace)
            given = {t.url for t in declared}
            targets = declared + [t for t in targets if t.url not in given]
    if not targets:
        print_problems(problems, heading="skipped")
        err_console.print("[bold red]error[/]: no store to scan: give URLs or paths, or --workspace DIR")
        raise typer.Exit(BAD_INPUT_EXIT)
    bars = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    )  # fmt: skip
    with bars:
        result = scan_datastores(targets, sample=sample or None, progress=TableProgress(bars))
    result.problems[:0] = problems
    _write(result, output_format, out)
    if workspace is not None:
        for path in write_datamap(result, targets, workspace.out_dir):
            err_console.print(f"wrote {path}", highlight=False)
    print_problems(result.problems, heading="skipped")
    if not any(o.kind == "DATASTORE-TABLE" for o in result.observations):
        err_console.print(
            "[bold red]error[/]: no table could be read in " + ", ".join(redact(t.url) for t in targets)
        )
        raise typer.Exit(BAD_INPUT_EXIT)


def _write(result: ScanResult, output_format: OutputFormat, out: Path | None) -> None:
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
    if output_format is OutputFormat.json:
        text = result.model_dump_json(indent=2) + "\n"
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
        return
    if out is None:
        _summary(result, console)
        return
    with out.open("w", encoding="utf-8") as handle:
        _summary(result, Console(file=handle, width=160))
