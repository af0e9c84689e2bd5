"""`ccpa report DIR --format ...`: render what `ccpa assess` wrote to DIR/out/ again, in one format,
without re-assessing."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import typer
from markupsafe import Markup

from ccpa_readiness.cli.app import app, console
from ccpa_readiness.cli.input_errors import exit_on_input_error
from ccpa_readiness.errors import InputError
from ccpa_readiness.reports.board_summary import board_summary
from ccpa_readiness.reports.outputs import Outputs, read_outputs
from ccpa_readiness.reports.pdf_report import Paper


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    json = "json"


DEFAULT_NAMES = {
    ReportFormat.html: "report.html",
    ReportFormat.pdf: "report.pdf",
    ReportFormat.docx: "report.docx",
    ReportFormat.xlsx: "roadmap.xlsx",
    ReportFormat.json: "report.json",
}


def report_html(outputs: Outputs) -> str:
    """report.html from the assessment and the roadmap (its charts and task table)."""
    from ccpa_readiness.reports.html_report import render_report_with_roadmap

    return render_report_with_roadmap(outputs.assessment, outputs.roadmap)


def report_json(outputs: Outputs) -> str:
    """The summary's sentences, the assessment and the roadmap in one document."""
    summary = asdict(board_summary(outputs.assessment, outputs.roadmap))
    summary["readiness"] = Markup(summary["readiness"]).striptags()
    document = {
        "summary": summary,
        "assessment": outputs.assessment.model_dump(mode="json"),
        "roadmap": None if outputs.roadmap is None else outputs.roadmap.model_dump(mode="json"),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_report(outputs: Outputs, form: ReportFormat, target: Path, paper: Paper) -> None:
    if form == ReportFormat.html:
        target.write_text(report_html(outputs), encoding="utf-8")
    elif form == ReportFormat.pdf:
        from ccpa_readiness.reports.pdf_report import write_pdf

        written = write_pdf(report_html(outputs), target, paper)
        if not isinstance(written, Path):
            raise InputError([written])
    elif form == ReportFormat.docx:
        from ccpa_readiness.reports.summary_docx import write_summary_docx

        write_summary_docx(outputs.assessment, outputs.roadmap, target)
    elif form == ReportFormat.xlsx:
        if outputs.roadmap is None:
            raise InputError.single(
                str(target.parent / "roadmap.json"), "not found: xlsx is the roadmap's workbook"
            )
        from ccpa_readiness.reports.roadmap_xlsx import write_roadmap_xlsx

        write_roadmap_xlsx(outputs.roadmap, target)
    else:
        target.write_text(report_json(outputs), encoding="utf-8")


@app.command("report")
def report_command(
    directory: Path = typer.Argument(..., help="the workspace folder that `ccpa assess` wrote out/ in"),
    form: ReportFormat = typer.Option(ReportFormat.html, "--format", help="the format to write"),
    out: Path | None = typer.Option(
        None, "--out", help="the file to write (default: DIR/out/report.<format>; xlsx: DIR/out/roadmap.xlsx)"
    ),
    paper: Paper = typer.Option(Paper.letter, "--paper", help="page size of the PDF"),
) -> None:
    """Render DIR/out/ as html, pdf, docx, xlsx or json, without re-assessing.

    It reads out/findings.json and out/roadmap.json, as `ccpa assess` wrote them.

    Example: ccpa report examples/acme-contact-center --format pdf --out board.pdf
    """
    out_dir = directory / "out"
    target = out or out_dir / DEFAULT_NAMES[form]
    with exit_on_input_error():
        outputs = read_outputs(out_dir)
        if not target.parent.is_dir():
            raise InputError.single(str(target.parent), "no such folder")
        try:
            write_report(outputs, form, target, paper)
        except OSError as error:
            raise InputError.single(str(target), f"cannot write: {error.strerror or error}") from None
    console.print(f"wrote {target}", highlight=False)
