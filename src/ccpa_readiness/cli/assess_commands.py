"""`ccpa assess DIR`: every stage, then findings.json, report.html and a summary."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from markupsafe import Markup
from rich.table import Table

from ccpa_readiness.assess.models import Assessment, Outcome
from ccpa_readiness.catalog.models import Severity
from ccpa_readiness.cli.app import app, console, err_console
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, exit_on_input_error, print_problems
from ccpa_readiness.cli.output import FormatOption, OutputFormat, messages, print_json
from ccpa_readiness.cli.review_commands import CLI_ACTOR, open_store
from ccpa_readiness.pipeline import DATA_STORES, AssessmentRun, run_assessment
from ccpa_readiness.reports.findings_json import findings_document, write_findings_json
from ccpa_readiness.reports.html_report import render_report_with_roadmap

if TYPE_CHECKING:  # the store and the roadmap load heavy libraries: imported when used
    from ccpa_readiness.review.database import Database
    from ccpa_readiness.review.recording import Recorded
    from ccpa_readiness.roadmap import Roadmap

OUTCOME_STYLE = {
    Outcome.met: "green",
    Outcome.partial: "yellow",
    Outcome.gap: "red",
    Outcome.unknown: "grey50",
    Outcome.upcoming: "cyan",
    Outcome.not_applicable: "grey50",
}


class FailOn(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


def gaps_at_or_above(assessment: Assessment, threshold: FailOn) -> int:
    """Gaps and partial gaps whose severity is at least `threshold`."""
    minimum = Severity(threshold.value).weight
    return sum(
        1
        for f in assessment.findings
        if f.outcome in (Outcome.gap, Outcome.partial) and f.severity.weight >= minimum
    )


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def print_applicability(assessment: Assessment) -> None:
    """How the CCPA reaches the organization, in plain words; roles; what applies instead."""
    applicability = assessment.applicability
    if not applicability.determined:
        verdict = "CCPA applicability undetermined (see what is still to declare)"
    else:
        verdict = "the CCPA applies" if applicability.applies else "the CCPA does not apply"
    console.print(f"[bold]{assessment.organization}[/]: {verdict}", highlight=False)
    console.print(f"  {applicability.statement}", highlight=False)
    declared = [r for r in applicability.relationships if r.declared]
    if declared:
        roles = "; ".join(
            f"{r.id}: {r.role.replace('_', ' ')}" + (f" for {r.client}" if r.client else "") for r in declared
        )
        console.print(f"  Roles per relationship: {roles}", highlight=False)
    if applicability.applies_instead:
        console.print("  What applies instead:", highlight=False)
        for duty in applicability.applies_instead:
            console.print(f"    - {duty}", highlight=False)
    for warning in assessment.law_warnings:
        console.print(f"  [yellow]warning[/]: {warning.message} ({warning.citation})", highlight=False)


def print_summary(assessment: Assessment, written: list[Path]) -> None:
    print_applicability(assessment)
    if assessment.findings:
        scores = assessment.scores
        table = Table(
            title=f"Readiness {_figure(scores.overall)} / 100 over what is decided; "
            f"coverage {_figure(scores.coverage)}% decided",
            title_justify="left",
        )
        table.add_column("Area")
        table.add_column("Score", justify="right")
        table.add_column("Coverage", justify="right")
        for outcome in Outcome:
            table.add_column(outcome.value.replace("_", " "), justify="right", style=OUTCOME_STYLE[outcome])
        for area, area_score in scores.by_area.items():
            table.add_row(
                area.value,
                _figure(area_score.score),
                _figure(area_score.coverage),
                *(str(area_score.counts.get(o, 0)) for o in Outcome),
            )
        console.print(table)
        upcoming = sorted(
            (f for f in assessment.findings if f.outcome == Outcome.upcoming),
            key=lambda f: (f.due_date or assessment.as_of, f.requirement_id),
        )
        if upcoming:
            console.print("[bold]Upcoming[/] (not yet due; judged from the date on)")
            for finding in upcoming:
                console.print(
                    f"  due {finding.due_date} {finding.requirement_id}: {finding.title}", highlight=False
                )
        top = sorted((f for f in assessment.findings if f.priority), key=lambda f: f.priority or 0)[:5]
        console.print("[bold]Fix first[/]")
        for finding in top:
            style = OUTCOME_STYLE[finding.outcome]
            console.print(
                f"  {finding.priority}. [{style}]{finding.outcome.value}[/] {finding.requirement_id} "
                f"(risk {finding.risk_score}, {finding.basis.value}): {finding.title}",
                highlight=False,
            )
    if assessment.problems:
        print_problems(assessment.problems, heading="skipped")
    for path in written:
        console.print(f"wrote {path}", highlight=False)


def print_assessment_json(assessment: Assessment, roadmap: Roadmap | None, written: list[Path]) -> None:
    """`--format json`: the findings and roadmap documents as written to out/, and the files written;
    the skipped inputs on stderr."""
    roadmap_doc = None
    if roadmap is not None:
        from ccpa_readiness.reports.roadmap_files import roadmap_json

        roadmap_doc = json.loads(roadmap_json(roadmap))
    document = json.loads(findings_document(assessment))
    print_json({"assessment": document, "roadmap": roadmap_doc, "written": [str(p) for p in written]})
    print_problems(assessment.problems, heading="skipped")


def write_datamap_if_scanned(run: AssessmentRun) -> tuple[list[Path], list[Markup]]:
    """The data map's files and report section, when the workspace's data stores were scanned."""
    scanned = run.evidence.get(DATA_STORES)
    if scanned is None or not scanned.observations:
        return [], []
    from ccpa_readiness.evidence.datastores import build_datamap, write_datamap
    from ccpa_readiness.evidence_inputs import workspace_targets
    from ccpa_readiness.reports.datamap_section import render_datamap_section

    targets, _ = workspace_targets(run.workspace)
    datamap = build_datamap(scanned, targets)
    return write_datamap(datamap, run.workspace.out_dir), [render_datamap_section(datamap)]


def signoff_sections(store: Database) -> list[Markup]:
    """The sign-off record from the review app's store, once a version was imported for review."""
    from ccpa_readiness.reports.signoff_section import render_signoff_section
    from ccpa_readiness.review import signoff
    from ccpa_readiness.review.versions import current_version

    with store.read() as session:
        if current_version(session) is None:
            return []
        return [render_signoff_section(signoff.record(session))]


@dataclass(frozen=True)
class StoreSections:
    """What the workspace's store gives the report: the recorded run, its history section, the sign-offs."""

    recorded: Recorded | None = None
    history: list[Markup] = field(default_factory=list)
    signoffs: list[Markup] = field(default_factory=list)
    failed: bool = False


def record_history(run: AssessmentRun, roadmap: Roadmap | None, db: str | None) -> StoreSections:
    """Record the run in the store; its report sections (since last assessment, trend, progress;
    the sign-off record). A store that cannot be opened is an error message, the rest goes on."""
    from sqlalchemy.exc import SQLAlchemyError

    from ccpa_readiness.reports.history_section import render_history_section
    from ccpa_readiness.review.audit_key import AuditKeyError
    from ccpa_readiness.review.database import StoreUnavailable
    from ccpa_readiness.review.history import input_digests
    from ccpa_readiness.review.recording import record_assessment

    findings = json.loads(findings_document(run.assessment))
    roadmap_doc = None
    if roadmap is not None:
        from ccpa_readiness.reports.roadmap_files import roadmap_json

        roadmap_doc = json.loads(roadmap_json(roadmap))
    try:
        store = open_store(run.workspace.root, db)
        digests = input_digests(run.workspace.root)
        recorded = record_assessment(store, findings, roadmap_doc, digests, CLI_ACTOR)
        signoffs = signoff_sections(store)
    except (SQLAlchemyError, StoreUnavailable, AuditKeyError) as error:
        message = f"[bold red]error[/]: history not recorded: {str(error).splitlines()[0]}"
        err_console.print(message, highlight=False, soft_wrap=True)
        return StoreSections(failed=True)
    history = [render_history_section(recorded.diff, recorded.trend, recorded.progress)]
    return StoreSections(recorded, history, signoffs)


@app.command("assess")
def assess_command(
    directory: Path = typer.Argument(..., help="the workspace folder (ccpa.yaml, inventory/, evidence/)"),
    fail_on: FailOn | None = typer.Option(
        None, "--fail-on", help="exit 1 when a gap or partial gap of this severity or higher exists"
    ),
    as_of: dt.datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d"], help="assessment date (default: today)"
    ),
    review_db: str | None = typer.Option(
        None,
        "--db",
        "--review-db",
        help="the workspace's store: run history, tasks, sign-offs (default: sqlite at DIR/.ccpa/review.db)",
    ),
    pdf: bool = typer.Option(
        True,
        "--pdf/--no-pdf",
        envvar="CCPA_PDF",
        help="also write out/report.pdf (WeasyPrint, several seconds; CCPA_PDF=0 turns it off)",
    ),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        min=1,
        help="safety limit in seconds for each CP-SAT solve of the roadmap (default: 300)",
    ),
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Assess a contact center: applicability, every requirement, risk, then the roadmap; writes DIR/out/.

    With --format json, stdout holds {"assessment": findings.json, "roadmap": roadmap.json or null,
    "written": [paths]}.

    Example: ccpa assess examples/acme-contact-center --fail-on high
    """
    status = "Reading the workspace, scanning its evidence, assessing"
    with exit_on_input_error(), err_console.status(status):
        run = run_assessment(directory, as_of.date() if as_of else None)
    out_dir = run.workspace.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    datamap_files, datamap_sections = write_datamap_if_scanned(run)
    roadmap = None
    roadmap_error = None
    if run.facts.organization.plan is not None:
        # the roadmap's solver and writers load heavy libraries: imported only when a roadmap is built
        from ccpa_readiness.cli.roadmap_commands import roadmap_or_error

        built = roadmap_or_error(run, time_limit)
        roadmap, roadmap_error = (None, built) if isinstance(built, str) else (built, None)
    roadmap_failed = roadmap_error is not None
    stored = record_history(run, roadmap, review_db)
    sections = stored.history + datamap_sections + stored.signoffs
    html = render_report_with_roadmap(run.assessment, roadmap, roadmap_error, sections)
    report = out_dir / "report.html"
    report.write_text(html, encoding="utf-8")
    written = [write_findings_json(run.assessment, out_dir), report]
    pdf_problem = None
    if pdf:
        from ccpa_readiness.reports.pdf_report import write_pdf

        with err_console.status("Laying out report.pdf"):
            laid_out = write_pdf(html, out_dir / "report.pdf")
        pdf_problem = None if isinstance(laid_out, Path) else laid_out
        written += [laid_out] if isinstance(laid_out, Path) else []
    written += datamap_files
    if pdf_problem is not None:
        print_problems([pdf_problem])
    roadmap_written: list[Path] = []
    if roadmap is not None:
        from ccpa_readiness.reports.roadmap_files import write_roadmap_outputs
        from ccpa_readiness.reports.roadmap_ics import dated_obligations

        obligations = dated_obligations(run.assessment.findings)
        roadmap_written = write_roadmap_outputs(roadmap, out_dir, obligations)
    if output_format is OutputFormat.json:
        print_assessment_json(run.assessment, roadmap, [*written, *roadmap_written])
    else:
        print_summary(run.assessment, written)
        if roadmap is not None:
            from ccpa_readiness.cli.roadmap_commands import print_roadmap_summary

            print_roadmap_summary(roadmap, roadmap_written)
        elif not roadmap_failed:
            console.print("No roadmap: ccpa.yaml has no plan (start, deadline).", highlight=False)
    if stored.recorded is not None:
        messages(output_format).print(stored.recorded.line, highlight=False, soft_wrap=True)
    if stored.failed or pdf_problem is not None:
        raise typer.Exit(BAD_INPUT_EXIT)
    if roadmap_failed or (fail_on is not None and gaps_at_or_above(run.assessment, fail_on)):
        raise typer.Exit(1)
