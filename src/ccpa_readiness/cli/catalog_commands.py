"""`ccpa catalog list|show|validate`: read and check the requirements catalog."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ccpa_readiness.assess import checks as _checks  # noqa: F401  (registers the checks)
from ccpa_readiness.assess.applicability import ENHANCED_CONDITIONS
from ccpa_readiness.assess.registry import CHECKS, CONDITIONS
from ccpa_readiness.catalog.law_keys import law_key_problems
from ccpa_readiness.catalog.loader import DATA_DIR, default_catalog, load_catalog
from ccpa_readiness.catalog.models import Area, Catalog
from ccpa_readiness.cli.app import catalog_app, console, err_console
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, print_problems
from ccpa_readiness.cli.output import FormatOption, OutputFormat, print_json
from ccpa_readiness.errors import InputError, Problem


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def unregistered_names(catalog: Catalog, data_dir: Path) -> list[Problem]:
    """Check ids and applies-when conditions that no code registers."""
    known_conditions = set(CONDITIONS) | set(ENHANCED_CONDITIONS)
    problems = []
    for requirement in catalog.requirements:
        source = str(data_dir / "requirements" / f"{requirement.area.value}.yaml")
        for check_id in requirement.checks:
            if check_id not in CHECKS:
                problems.append(Problem(source=source, message=f"{requirement.id}: no check '{check_id}'"))
        for name in requirement.applies_when.all + requirement.applies_when.any:
            if name not in known_conditions:
                problems.append(Problem(source=source, message=f"{requirement.id}: no condition '{name}'"))
    return problems


@catalog_app.command("list")
def list_command(
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", help="table or json"),
    area: Area | None = typer.Option(None, "--area", help="only this area"),
) -> None:
    """List the requirements.

    Example: ccpa catalog list --area notices --format json
    """
    catalog = default_catalog()
    requirements = [r for r in catalog.requirements if area is None or r.area == area]
    if output_format == ListFormat.json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "area": r.area.value,
                        "citations": r.citations,
                        "severity": r.severity.value,
                        "checks": r.checks,
                        "verification": r.verification.status,
                    }
                    for r in requirements
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(
        title=f"{len(requirements)} requirements, law as of {catalog.law.law_as_of}", title_justify="left"
    )
    for column in ("id", "severity", "area", "checks", "title"):
        table.add_column(column)
    for r in requirements:
        table.add_row(r.id, r.severity.value, r.area.value, ", ".join(r.checks) or "manual", r.title)
    console.print(table)


@catalog_app.command("show")
def show_command(
    requirement_id: str = typer.Argument(..., help="a requirement id, e.g. CIPA-CONSENT-01"),
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Show one requirement with its citations, checks and remediation tasks.

    Example: ccpa catalog show NOTICE-AT-COLLECTION-01 --format json
    """
    catalog = default_catalog()
    try:
        r = catalog.requirement(requirement_id.upper())
    except KeyError:
        err_console.print(
            f"[bold red]error[/]: no requirement '{requirement_id}' (see `ccpa catalog list`)",
            highlight=False,
        )
        raise typer.Exit(BAD_INPUT_EXIT) from None
    if output_format is OutputFormat.json:
        tasks = [catalog.tasks[task_id].model_dump(mode="json") for task_id in r.remediation]
        print_json({**r.model_dump(mode="json"), "remediation_tasks": tasks})
        return
    console.print(f"[bold]{r.id}[/]: {r.title}", highlight=False)
    for label, value in (
        ("area", r.area.value),
        ("severity", r.severity.value),
        ("citations", "; ".join(r.citations)),
        ("obligation", r.obligation),
        ("applies when", r.applies_when_text),
        ("evidence expected", r.evidence_expected),
        ("penalty basis", ", ".join(r.penalty_basis)),
        ("verification", f"{r.verification.status} {' '.join(r.verification.sources)}"),
        ("checks", ", ".join(r.checks) or "manual (declare in inventory/attestations.yaml)"),
        ("interpretation", r.interpretation),
    ):
        if value:
            console.print(f"[bold]{label}:[/] {value}", highlight=False)
    console.print("[bold]remediation:[/]")
    for task_id in r.remediation:
        task = catalog.tasks[task_id]
        console.print(
            f"  {task.id}: {task.title} ({task.department.value}, "
            f"{task.effort_days.low:g}-{task.effort_days.high:g} person-days, {task.phase.value})",
            highlight=False,
        )


@catalog_app.command("validate")
def validate_command(
    directory: Path = typer.Argument(DATA_DIR, help="a catalog data folder (default: the shipped catalog)"),
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Validate a catalog: schema, ids, task references, dependency cycles, registered checks, and
    that every compliance date and periodically adjusted figure is keyed in law.yaml.

    With --format json, stdout holds {"valid", "problems", and the counts}; exit 2 when not valid.

    Example: ccpa catalog validate src/ccpa_readiness/catalog/data
    """
    try:
        catalog = load_catalog(directory)
        problems = unregistered_names(catalog, directory) + law_key_problems(catalog, directory)
    except InputError as error:
        catalog, problems = None, error.problems
    if problems or catalog is None:
        if output_format is OutputFormat.json:
            print_json({"valid": False, "problems": [asdict(p) for p in problems]})
        print_problems(problems)
        raise typer.Exit(BAD_INPUT_EXIT)
    counts = {
        "version": catalog.law.version,
        "law_as_of": catalog.law.law_as_of.isoformat(),
        "requirements": len(catalog.requirements),
        "with_checks": sum(1 for r in catalog.requirements if r.checks),
        "remediation_tasks": len(catalog.tasks),
        "figures_of_law": len(catalog.law.figures),
        "compliance_dates": len(catalog.law.compliance_dates),
    }
    if output_format is OutputFormat.json:
        print_json({"valid": True, "problems": [], **counts})
        return
    console.print(
        f"catalog {counts['version']} (law as of {counts['law_as_of']}): "
        f"{counts['requirements']} requirements ({counts['with_checks']} with automated checks), "
        f"{counts['remediation_tasks']} remediation tasks, "
        f"{counts['figures_of_law']} figures of law, "
        f"{counts['compliance_dates']} compliance dates: valid",
        highlight=False,
    )
