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
from ccpa_readiness.evidence_inputs import declared_practices
from ccpa_readiness.workspace.loader import load_workspace


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def declared_practices_from_workspace(root: Path) -> DeclaredPractices:
    """What the workspace at `root` declares, as `ccpa assess` reads it, as of today."""
    return declared_practices(load_workspace(root), default_catalog(), date.today())


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

    Each element is present, partial, absent or unclear, with the passage that shows it.

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
                analysis.problems or [Problem(source=" ".join(map(str, paths)), message="no documents found")]
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
