"""`ccpa assess DIR`: every stage, then findings.json, report.html and a summary."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer
from markupsafe import Markup
from rich.table import Table

from ccpa_readiness.assess.models import Assessment, Outcome
from ccpa_readiness.catalog.models import Severity
from ccpa_readiness.cli.app import app, console
from ccpa_readiness.cli.input_errors import exit_on_input_error, print_problems
from ccpa_readiness.pipeline import DATA_STORES, AssessmentRun, run_assessment
from ccpa_readiness.reports.findings_json import write_findings_json
from ccpa_readiness.reports.html_report import write_report_html

OUTCOME_STYLE = {
    Outcome.met: "green",
    Outcome.partial: "yellow",
    Outcome.gap: "red",
    Outcome.unknown: "grey50",
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


def print_summary(assessment: Assessment, written: list[Path]) -> None:
    applicability = assessment.applicability
    verdict = "applies" if applicability.applies else "does not apply"
    console.print(f"[bold]{assessment.organization}[/]: the CCPA {verdict}", highlight=False)
    if not applicability.applies:
        for reason in applicability.reasons:
            if reason.answer is False:
                console.print(
                    f"  {reason.question}: no ({reason.reason}; {reason.citation})", highlight=False
                )
    else:
        scores = assessment.scores
        table = Table(title=f"Readiness {scores.overall} / 100", title_justify="left")
        table.add_column("Area")
        table.add_column("Score", justify="right")
        for outcome in Outcome:
            table.add_column(outcome.value.replace("_", " "), justify="right", style=OUTCOME_STYLE[outcome])
        for area, area_score in scores.by_area.items():
            shown = "n/a" if area_score.score is None else f"{area_score.score:.0f}"
            table.add_row(area.value, shown, *(str(area_score.counts[o]) for o in Outcome))
        console.print(table)
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


def signoff_sections(run: AssessmentRun, review_db: str | None) -> list[Markup]:
    """The sign-off record from the review app's store (`DIR/.ccpa/review.db` or `--review-db`)."""
    if review_db is None and not (run.workspace.root / ".ccpa" / "review.db").is_file():
        return []
    from ccpa_readiness.reports.signoff_section import render_signoff_section
    from ccpa_readiness.review import signoff
    from ccpa_readiness.review.database import Database, default_url

    store = Database(review_db or default_url(run.workspace.root), workspace=run.workspace.root)
    store.upgrade()
    with store.read() as session:
        return [render_signoff_section(signoff.record(session))]


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
        "--review-db",
        help="review store holding the sign-offs (default: DIR/.ccpa/review.db if present)",
    ),
    time_limit: float | None = typer.Option(
        None, "--time-limit", min=1, help="seconds for each CP-SAT solve of the roadmap (default: 15)"
    ),
) -> None:
    """Assess a contact center: applicability, every requirement, risk, then the roadmap; writes DIR/out/.

    Example: ccpa assess examples/acme-contact-center --fail-on high
    """
    with exit_on_input_error(), console.status("Reading the workspace, scanning its evidence, assessing"):
        run = run_assessment(directory, as_of.date() if as_of else None)
    out_dir = run.workspace.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    datamap_files, datamap_sections = write_datamap_if_scanned(run)
    roadmap = None
    roadmap_sections = []
    if run.assessment.applicability.applies and run.facts.organization.plan is not None:
        # the roadmap's solver and writers load heavy libraries: imported only when a roadmap is built
        from ccpa_readiness.cli.roadmap_commands import roadmap_with_progress
        from ccpa_readiness.reports.roadmap_html import render_roadmap_section

        roadmap = roadmap_with_progress(run, time_limit)
        roadmap_sections.append(Markup(render_roadmap_section(roadmap)))
    sections = roadmap_sections + datamap_sections + signoff_sections(run, review_db)
    report = write_report_html(run.assessment, out_dir, sections)
    print_summary(run.assessment, [write_findings_json(run.assessment, out_dir), report, *datamap_files])
    if roadmap is not None:
        from ccpa_readiness.cli.roadmap_commands import print_roadmap_summary
        from ccpa_readiness.reports.roadmap_files import write_roadmap_outputs

        print_roadmap_summary(roadmap, write_roadmap_outputs(roadmap, out_dir))
    elif run.assessment.applicability.applies:
        console.print("No roadmap: ccpa.yaml has no plan (start, deadline).", highlight=False)
    if fail_on is not None and gaps_at_or_above(run.assessment, fail_on):
        raise typer.Exit(1)
