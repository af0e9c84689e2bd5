"""`ccpa flows check`: analyse contact-flow exports; exit 1 when a result reaches --fail-on."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from ccpa_readiness.cli.app import err_console, flows_app
from ccpa_readiness.cli.input_errors import exit_on_input_error
from ccpa_readiness.errors import InputError
from ccpa_readiness.evidence.flows.render.diagram import write_diagrams
from ccpa_readiness.evidence.flows.render.json_report import to_json
from ccpa_readiness.evidence.flows.render.sarif import to_sarif
from ccpa_readiness.evidence.flows.render.text import to_text
from ccpa_readiness.evidence.flows.scan import ANALYSED, analyse, observations
from ccpa_readiness.evidence.flows.tables import SEVERITY_RANK

FAILED_EXIT = 1


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    note = "note"


@flows_app.command("check")
def check(
    paths: list[Path] = typer.Argument(..., help="Flow export files or folders holding them."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="Report format."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write the report to FILE instead of stdout."
    ),
    notice_prompt: list[str] = typer.Option(
        [],
        "--notice-prompt",
        metavar="ID",
        help="A prompt id, ARN, audio name or node id that plays the notice (repeatable).",
    ),
    fail_on: Level = typer.Option(
        Level.error, "--fail-on", help="Exit 1 when a result is at this level or above."
    ),
    diagram: Path | None = typer.Option(
        None,
        "--diagram",
        metavar="DIR",
        help="Write each flow as Mermaid and SVG, findings marked, into DIR.",
    ),
) -> None:
    """Find missing notices and risky data handling in IVR exports (Amazon Connect, Twilio, Archy).

    Example: ccpa flows check exports/ --format sarif --out flows.sarif --notice-prompt welcome.wav

    Exit codes: 0 when nothing reaches --fail-on, 1 when something does, 2 on bad usage.

    A file that is not a valid flow is a FLOW-INVALID result, not bad usage.
    """
    with exit_on_input_error():
        report = analyse(paths, notice_prompt)
        if report.problems:
            raise InputError(report.problems)
    result = observations(report)
    if output_format is OutputFormat.text:
        rendered = to_text(result)
    else:
        document = to_json(result) if output_format is OutputFormat.json else to_sarif(result)
        rendered = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        typer.echo(rendered, nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(rendered, encoding="utf-8")
    if diagram is not None:
        written, diagram_problems = write_diagrams(report, diagram)
        err_console.print(f"wrote {len(written)} diagram files to {diagram} (README.md embeds them)")
        for problem in diagram_problems:
            err_console.print(f"problem: {problem}", markup=False, highlight=False)
    threshold = SEVERITY_RANK[fail_on.value]
    if any(
        SEVERITY_RANK[str(o.attributes["severity"])] >= threshold
        for o in result.observations
        if o.kind != ANALYSED
    ):
        raise typer.Exit(FAILED_EXIT)
