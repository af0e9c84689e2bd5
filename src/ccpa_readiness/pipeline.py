"""The stages wired together: workspace -> evidence -> facts -> assess. Used by the commands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.assess.run import assess
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import Workspace, load_workspace
from ccpa_readiness.workspace.models import DataInventory, Vendors


@dataclass
class AssessmentRun:
    workspace: Workspace
    catalog: Catalog
    facts: Facts
    assessment: Assessment


def workspace_term_problems(workspace: Workspace, catalog: Catalog) -> list[Problem]:
    """Categories, sensitive-PI kinds and contract clauses that the catalog does not know."""
    categories = {entry.key for entry in catalog.taxonomy.categories}
    sensitive_kinds = {entry.key for entry in catalog.taxonomy.sensitive_kinds}
    clauses = {clause.key for clause in catalog.contract_clauses}
    terms: list[tuple[str, tuple[str | int, ...], str, str, set[str]]] = []
    data = workspace.part("data.yaml", DataInventory)
    for index, element in enumerate(data.data_elements if data else []):
        where = ("data_elements", index)
        terms.append(("inventory/data.yaml", (*where, "category"), "category", element.category, categories))
        if element.sensitive_kind is not None:
            terms.append(
                (
                    "inventory/data.yaml",
                    (*where, "sensitive_kind"),
                    "sensitive-PI kind",
                    element.sensitive_kind,
                    sensitive_kinds,
                )
            )
    vendors = workspace.part("vendors.yaml", Vendors)
    for index, vendor in enumerate(vendors.vendors if vendors else []):
        for position, clause in enumerate(vendor.contract_clauses):
            clause_path = ("vendors", index, "contract_clauses", position)
            terms.append(("inventory/vendors.yaml", clause_path, "contract clause", clause, clauses))
    return [
        workspace.problem_at(
            relative, path, f"unknown {what} '{value}'; one of: {', '.join(sorted(allowed))}"
        )
        for relative, path, what, value, allowed in terms
        if value not in allowed
    ]


def collect_evidence(workspace: Workspace) -> ScanResult:
    """Run each scanner over the workspace's evidence folders; bad files become problems."""
    return ScanResult()


def run_assessment(root: Path, as_of: dt.date | None = None) -> AssessmentRun:
    """Load, scan, assess. Raises `InputError` (exit 2) on a workspace that cannot be read."""
    catalog = default_catalog()
    workspace = load_workspace(root)
    problems = workspace_term_problems(workspace, catalog)
    if problems:
        raise InputError(problems)
    evidence = collect_evidence(workspace)
    facts = Facts(workspace=workspace, observations=evidence.observations, as_of=as_of or dt.date.today())
    return AssessmentRun(
        workspace=workspace,
        catalog=catalog,
        facts=facts,
        assessment=assess(facts, catalog, evidence.problems),
    )
