"""`ccpa scan datastore`: classify what databases and exports hold, check it against the inventory."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ccpa_readiness.cli.app import progress_shown, scan_app, stderr_console, stdout_console
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, exit_on_input_error, print_problems
from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.datastores import (
    DEFAULT_SAMPLE,
    NoProgress,
    StoreTarget,
    build_datamap,
    redact,
    scan_datastores,
    write_datamap,
)

if TYPE_CHECKING:  # Rich is imported when the command prints or draws its bar
    from rich.console import Console
    from rich.progress import Progress, TaskID

EXAMPLE = (
    "Example: ccpa scan datastore postgresql://auditor@db.internal/crm exports/customers.csv "
    "--sample 5000 --format json --out out/datastores.json"
)
CHECK_KINDS = (
    "DATASTORE-CLEARTEXT-SENSITIVE",
    "DATASTORE-UNDECLARED-CATEGORY",
    "DATASTORE-RETENTION-EXCEEDED",
    "DATASTORE-CARD-OUTSIDE-CDE",
)


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


@contextmanager
def _progress() -> Iterator[TableProgress | NoProgress]:
    """A bar per table on stderr where Rich draws one; elsewhere none (a piped stderr gets no blank
    line where a bar stood, and the command imports no Rich for it)."""
    if not progress_shown():
        yield NoProgress()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bars = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=stderr_console(), transient=True,
    )  # fmt: skip
    with bars:
        yield TableProgress(bars)


def _rows(attributes: Mapping[str, object]) -> str:
    """A column's rows; a free-text count with rows left unscanned is shown as the lower bound it is."""
    rows, unscanned = attributes["rows"], attributes.get("rows_unscanned")
    if not isinstance(rows, int):
        return ""
    if isinstance(unscanned, int) and unscanned:
        return f">= {rows:,} ({unscanned:,} rows not scanned)"
    return f"{rows:,}"


def _summary(result: ScanResult, out: Console) -> None:
    from rich.table import Table

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
                    f"{a['confidence']}", _rows(a), o.snippet,
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
            # the workspace and catalog models load only for --workspace (0.1 s of a start-up)
            from ccpa_readiness.evidence_inputs import workspace_targets
            from ccpa_readiness.workspace.loader import load_workspace

            workspace = load_workspace(workspace_dir)
            declared, problems = workspace_targets(workspace)
            given = {t.url for t in declared}
            targets = declared + [t for t in targets if t.url not in given]
    if not targets:
        print_problems(problems, heading="skipped")
        stderr_console().print("[bold red]error[/]: no store to scan: give URLs or paths, or --workspace DIR")
        raise typer.Exit(BAD_INPUT_EXIT)
    with _progress() as progress:
        result = scan_datastores(targets, sample=sample or None, progress=progress)
    result.problems[:0] = problems
    _write(result, output_format, out)
    if workspace is not None:
        for path in write_datamap(build_datamap(result, targets), workspace.out_dir):
            stderr_console().print(f"wrote {path}", highlight=False)
    print_problems(result.problems, heading="skipped")
    if not any(o.kind == "DATASTORE-TABLE" for o in result.observations):
        stderr_console().print(
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
        _summary(result, stdout_console())
        return
    from rich.console import Console

    with out.open("w", encoding="utf-8") as handle:
        _summary(result, Console(file=handle, width=160))
