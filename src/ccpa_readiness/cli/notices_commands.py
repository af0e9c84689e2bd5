"""`ccpa notices check`: required elements, consistency with the workspace, plain language."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.cli.app import notices_app
from ccpa_readiness.cli.input_errors import exit_on_input_error, print_problems
from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.documents import DeclaredPractices, analyse
from ccpa_readiness.evidence.documents.render import to_json, to_text
from ccpa_readiness.workspace.loader import load_workspace
from ccpa_readiness.workspace.models import Channels, DataInventory, OrganizationFile, Practices, Vendors


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _over_large_volume(organization: OrganizationFile) -> bool:
    threshold = default_catalog().figure("large_volume_consumers")
    return (organization.organization.consumers_per_year or 0) >= threshold.value


def declared_practices_from_workspace(root: Path) -> DeclaredPractices:
    """What the workspace declares: data categories, recording, selling or sharing, vendors, languages."""
    workspace = load_workspace(root)
    elements = data.data_elements if (data := workspace.part("data.yaml", DataInventory)) else []
    channels = channels_file.channels if (channels_file := workspace.part("channels.yaml", Channels)) else []
    vendors = vendors_file.vendors if (vendors_file := workspace.part("vendors.yaml", Vendors)) else []
    practices = workspace.part("practices.yaml", Practices)
    retention: dict[str, int] = {}
    for element in elements:
        if element.retention_days is not None:
            retention[element.category] = max(retention.get(element.category, 0), element.retention_days)
    categories = {e.category for e in elements} | (
        {"sensitive_personal_information"} if any(e.sensitive_kind for e in elements) else set()
    )
    declared_selling = practices is not None and bool(
        practices.sells_personal_information or practices.shares_personal_information
    )
    return DeclaredPractices(
        categories_collected=sorted(categories),
        records_calls=any(c.recorded for c in channels),
        sells_or_shares=declared_selling or any(e.sold_or_shared for e in elements),
        vendor_roles=sorted({v.role for v in vendors}),
        retention_days_by_category=retention,
        languages=sorted({language for c in channels for language in c.languages}),
        over_10m_consumers=_over_large_volume(workspace.organization),
        today=date.today(),
    )


@notices_app.command("check")
def check(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="PATH...",
        help="Privacy policies, notices and scripts (HTML, PDF, DOCX, Markdown, text) or folders.",
    ),
    workspace: Path | None = typer.Option(
        None,
        "--workspace",
        metavar="DIR",
        help="Compare with what this workspace declares (categories, recording, vendors, retention...).",
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="Report format."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE", help="Write the report to FILE instead of stdout."
    ),
) -> None:
    """Check each required element of privacy policies, notices and agent/IVR scripts.

    Example: ccpa notices check acme/evidence/notices/ --workspace acme --format json --out notices.json

    Each element is present, absent or unclear, with the passage that shows it.

    Files that cannot be read (binary, broken, empty) are reported by name and skipped.

    Exit codes: 0 when a document was read; 2 on bad usage (missing path or workspace, nothing readable).
    """
    with exit_on_input_error():
        missing = [Problem(source=str(p), message="no such file or folder") for p in paths if not p.exists()]
        if missing:
            raise InputError(missing)
        declared = declared_practices_from_workspace(workspace) if workspace is not None else None
        analysis = analyse(paths, declared)
        if not analysis.documents:
            raise InputError(
                analysis.problems or [Problem(source=" ".join(map(str, paths)), message="no documents")]
            )
    print_problems(analysis.problems, heading="skipped")
    if output_format is OutputFormat.json:
        rendered = json.dumps(to_json(analysis), indent=2, ensure_ascii=False) + "\n"
    else:
        rendered = to_text(analysis)
    if out is None:
        typer.echo(rendered, nl=False)
    else:
        out.write_text(rendered, encoding="utf-8")
