"""`ccpa scan transcripts`: personal information and disclosures in call and chat transcripts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from ccpa_readiness.cli.app import progress_shown, scan_app, stderr_console, stdout_console
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, exit_on_input_error, print_problems
from ccpa_readiness.errors import InputError
from ccpa_readiness.evidence.transcripts import ScanOptions, scan
from ccpa_readiness.evidence.transcripts.disclosure import ApprovedText, UnusableText, approved_texts
from ccpa_readiness.evidence.transcripts.outputs import JsonOutput, SarifOutput, SpansOutput, render_summary
from ccpa_readiness.evidence.transcripts.scanner import Output

if TYPE_CHECKING:
    from rich.console import Console

EXAMPLE = (
    "Example: ccpa scan transcripts evidence/transcripts/ --disclosure approved.txt "
    "--format json --out out/transcripts.json --redact out/redacted --workers 2"
)


class Mode(StrEnum):
    full = "full"
    patterns = "patterns"


class OutputFormat(StrEnum):
    summary = "summary"
    json = "json"
    spans = "spans"
    sarif = "sarif"


OUTPUTS: dict[OutputFormat, Callable[[IO[str]], Output]] = {
    OutputFormat.spans: SpansOutput,
    OutputFormat.json: JsonOutput,
    OutputFormat.sarif: SarifOutput,
}


def _progress(paths: list[str]) -> AbstractContextManager[Callable[[int, int], None] | None]:
    """The progress bar where stderr shows one; elsewhere none (Rich would draw nothing)."""
    if not progress_shown():
        return nullcontext()
    from ccpa_readiness.cli.transcripts_progress import progress_bar

    return progress_bar(paths)


@contextmanager
def _output(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        yield handle


def _file_console(handle: IO[str]) -> Console:
    from rich.console import Console

    return Console(file=handle, width=120)


def _disclosure_texts(path: Path | None) -> list[ApprovedText]:
    """The approved texts of `--disclosure FILE`; a line that cannot be used is an error naming it."""
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError.single(str(path), f"cannot read the disclosure texts: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError.single(str(path), "the disclosure texts are not UTF-8 text") from None
    try:
        return approved_texts(lines)
    except UnusableText as error:
        raise InputError.single(
            str(path), f"cannot use this disclosure text: {error}", str(error.line)
        ) from None


@scan_app.command("transcripts", epilog=EXAMPLE)
def transcripts(
    paths: list[str] = typer.Argument(
        ..., help="Transcript files, folders or globs (.jsonl .txt .json .vtt .srt .csv, .gz)."
    ),
    mode: Mode = typer.Option(
        Mode.full, "--mode", help="full: every label; patterns: structured identifiers only."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.summary, "--format", help="Output format."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write the output to FILE, not stdout."
    ),
    redact: Path | None = typer.Option(
        None, "--redact", metavar="DIR", help="Write redacted copies of the inputs into DIR."
    ),
    disclosure: Path | None = typer.Option(
        None, "--disclosure", metavar="FILE", help="Approved disclosure texts, one a line."
    ),
    workers: int = typer.Option(
        0, "--workers", min=0, metavar="N", help="Run on a local Dask cluster of N workers."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="tcp://HOST:PORT", help="Run on an existing Dask cluster."
    ),
    text_column: str = typer.Option(
        "text", "--text-column", metavar="NAME", help="CSV column holding the text."
    ),
    partition_bytes: int | None = typer.Option(
        None,
        "--partition-bytes",
        min=1,
        metavar="N",
        help=(
            "Bytes of input in a partition; a larger JSONL file is split at line breaks "
            "(default: 8 MB in process; on a cluster a quarter of each worker's share, 1 to 8 MB)."
        ),
    ),
) -> None:
    """Find personal information and check recording and collection disclosures in transcripts.

    No raw value leaves the scanner: examples are masked (***-**-6789), --redact writes masked copies.
    """
    if workers and scheduler:
        stderr_console().print("[bold red]error[/]: give --workers or --scheduler, not both")
        raise typer.Exit(BAD_INPUT_EXIT)
    with exit_on_input_error(), _output(out) as handle:
        texts = _disclosure_texts(disclosure)
        options = ScanOptions(mode.value, texts, text_column, workers, scheduler, redact, partition_bytes)
        output = OUTPUTS[output_format](handle) if output_format in OUTPUTS else None
        with _progress(paths) as on_progress:
            aggregate, problems = scan(paths, options, output, on_progress)
        if output_format is OutputFormat.summary and aggregate.documents:
            render_summary(aggregate, stdout_console() if out is None else _file_console(handle))
    print_problems(problems, heading="skipped")
    if not aggregate.documents:
        stderr_console().print("[bold red]error[/]: no transcript could be read")
        raise typer.Exit(BAD_INPUT_EXIT)
