"""`report.docx`: the executive summary in words, the task table and the open findings, in Word,
for a reader who edits before sending on. The same sentences as report.html and report.pdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.reports.board_summary import board_summary

if TYPE_CHECKING:  # the roadmap package loads the solver
    from ccpa_readiness.roadmap.models import Roadmap


def _table(document: object, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def write_summary_docx(assessment: Assessment, roadmap: Roadmap | None, path: Path) -> Path:
    summary = board_summary(assessment, roadmap)
    document = Document()
    properties = document.core_properties
    properties.title = f"CCPA readiness: {assessment.organization}"
    properties.subject = "Executive summary, roadmap tasks and open findings"
    properties.author = "ccpa-readiness"
    properties.comments = f"Assessed {assessment.as_of} against catalog {assessment.catalog.version}"
    properties.created = dt.datetime.combine(assessment.as_of, dt.time(), tzinfo=dt.UTC)
    properties.modified = properties.created
    document.add_heading(properties.title, level=0)
    document.add_heading("Executive summary", level=1)
    document.add_paragraph(f"{summary.applicability} {summary.applicability_why}".strip())
    document.add_paragraph(f"{summary.readiness.striptags()} {summary.open_count}")
    document.add_heading(f"The {len(summary.risks)} risks to fix first", level=2)
    for risk in summary.risks:
        exposure = f"expected {risk.expected}" + (f", range {risk.range}" if risk.range else "")
        document.add_paragraph(
            f"{risk.title} ({risk.requirement_id}): {risk.state}. Exposure: {exposure}. {risk.assumptions}.",
            style="List Number",
        )
    document.add_heading("The plan", level=2)
    document.add_paragraph(summary.plan)
    if summary.decisions:
        document.add_heading("What the departments must decide", level=2)
        for line in summary.decisions:
            document.add_paragraph(line, style="List Bullet")
    if roadmap is not None:
        document.add_heading("Tasks with dates", level=1)
        tasks = sorted(roadmap.tasks, key=lambda t: (t.start, t.end, t.id))
        _table(
            document,
            ["Task", "Department", "Start", "End", "Cost (expected)"],
            [
                [t.title, t.department.value, str(t.start), str(t.end), f"${t.cost.expected:,.0f}"]
                for t in tasks
            ],
        )
    document.add_heading("Open findings", level=1)
    open_findings = sorted((f for f in assessment.findings if f.priority), key=lambda f: f.priority or 0)
    _table(
        document,
        ["#", "Requirement", "Outcome", "Basis", "Citations"],
        [
            [
                str(f.priority),
                f"{f.requirement_id} {f.title}",
                f.outcome.value,
                f.basis.value,
                "; ".join(f.citations),
            ]
            for f in open_findings
        ],
    )
    document.save(str(path))
    return path
