"""`ccpa catalog list|show|validate`: read and check the requirements catalog."""

from __future__ import annotations

import json
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
from ccpa_readiness.cli.app import catalog_app, console
from ccpa_readiness.cli.input_errors import exit_on_input_error
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
) -> None:
    """Show one requirement with its citations, checks and remediation tasks.

    Example: ccpa catalog show NOTICE-AT-COLLECTION-01
    """
    catalog = default_catalog()
    try:
        r = catalog.requirement(requirement_id.upper())
    except KeyError:
        console.print(
            f"no requirement '{requirement_id}' (see `ccpa catalog list`)", style="red", highlight=False
        )
        raise typer.Exit(2) from None
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
) -> None:
    """Validate a catalog: schema, ids, task references, dependency cycles, registered checks, and
    that every compliance date and periodically adjusted figure is keyed in law.yaml.

    Example: ccpa catalog validate src/ccpa_readiness/catalog/data
    """
    with exit_on_input_error():
        catalog = load_catalog(directory)
        problems = unregistered_names(catalog, directory) + law_key_problems(catalog, directory)
        if problems:
            raise InputError(problems)
    checked = sum(1 for r in catalog.requirements if r.checks)
    console.print(
        f"catalog {catalog.law.version} (law as of {catalog.law.law_as_of}): "
        f"{len(catalog.requirements)} requirements ({checked} with automated checks), "
        f"{len(catalog.tasks)} remediation tasks, "
        f"{len(catalog.law.figures)} figures of law, "
        f"{len(catalog.law.compliance_dates)} compliance dates: valid",
        highlight=False,
    )
