"""The stages wired together: workspace -> evidence -> facts -> assess. Used by the commands."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.assess.run import assess
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence_inputs import (
    approved_disclosures,
    declared_practices,
    notice_prompts,
    workspace_targets,
)
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import Workspace, load_workspace
from ccpa_readiness.workspace.models import DataInventory, Vendors


@dataclass
class AssessmentRun:
    workspace: Workspace
    catalog: Catalog
    facts: Facts
    assessment: Assessment
    evidence: dict[str, ScanResult]  # each scanner's own result, by scanner name


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


def _files_in(folder: Path) -> bool:
    return folder.is_dir() and any(path.is_file() for path in folder.rglob("*"))


def _scan_flows(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> ScanResult | None:
    folder = workspace.evidence_dir("flows")
    if not _files_in(folder):
        return None
    from ccpa_readiness.evidence.flows import scan_flows

    return scan_flows([folder], notice_prompts(workspace))


def _scan_transcripts(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> ScanResult | None:
    folder = workspace.evidence_dir("transcripts")
    if not _files_in(folder):
        return None
    from ccpa_readiness.evidence.transcripts import scan_transcripts

    return scan_transcripts([folder], approved_disclosures(workspace))


def _scan_documents(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> ScanResult | None:
    folders = [workspace.evidence_dir(kind) for kind in ("notices", "scripts")]
    present = [folder for folder in folders if _files_in(folder)]
    if not present:
        return None
    from ccpa_readiness.evidence.documents import scan_documents

    return scan_documents(present, declared_practices(workspace, catalog, as_of))


def _scan_datastores(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> ScanResult | None:
    targets, problems = workspace_targets(workspace)
    if not targets:
        return ScanResult(problems=problems) if problems else None
    from ccpa_readiness.evidence.datastores import scan_datastores

    result = scan_datastores(targets, as_of=as_of)
    result.problems.extend(problems)
    return result


DATA_STORES = "data stores"
SCANNERS: list[tuple[str, Callable[[Workspace, Catalog, dt.date], ScanResult | None]]] = [
    ("call flows", _scan_flows),
    ("transcripts", _scan_transcripts),
    ("notices and scripts", _scan_documents),
    (DATA_STORES, _scan_datastores),
]


def collect_evidence(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> dict[str, ScanResult]:
    """Run each scanner that has evidence to read; a scanner that fails is a problem, the rest go on."""
    collected: dict[str, ScanResult] = {}
    for name, scanner in SCANNERS:
        try:
            result = scanner(workspace, catalog, as_of)
        except InputError as error:
            result = ScanResult(problems=error.problems)
        except Exception as error:  # one scanner's failure must not lose the others' results
            failure = Problem(
                source=str(workspace.root / "evidence"), message=f"{name} scanner failed: {error!r}"
            )
            result = ScanResult(problems=[failure])
        if result is None:
            continue
        collected[name] = _within_workspace(workspace.root, result)
    return collected


def _within_workspace(root: Path, result: ScanResult) -> ScanResult:
    """Every path inside the workspace written as `evidence/...`, in every field a scanner fills
    (a document id made of its file's path, an error message quoting one), so that outputs do not
    depend on where the workspace lies."""
    relative = _relativizer(root)
    for observation in result.observations:
        observation.source = relative(observation.source)
        observation.location = relative(observation.location)
        observation.subject = relative(observation.subject)
        observation.attributes = {
            key: [relative(item) for item in value]
            if isinstance(value, list)
            else relative(value)
            if isinstance(value, str)
            else value
            for key, value in observation.attributes.items()
        }
    for problem in result.problems:
        problem.source = relative(problem.source)
        problem.location = relative(problem.location)
        problem.message = relative(problem.message)
    return result


def _relativizer(root: Path) -> Callable[[str], str]:
    """Drops the workspace folder (as given, absolute or resolved) where a path starts in a text."""
    forms = {str(root), str(root.absolute()), str(root.resolve())} - {"", "."}
    alternatives = "|".join(re.escape(form.rstrip("/")) for form in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.~/-])(?:{alternatives})/")
    return lambda text: pattern.sub("", text) if text else text


def run_assessment(root: Path, as_of: dt.date | None = None) -> AssessmentRun:
    """Load, scan, assess. Raises `InputError` (exit 2) on a workspace that cannot be read."""
    catalog = default_catalog()
    workspace = load_workspace(root)
    problems = workspace_term_problems(workspace, catalog)
    if problems:
        raise InputError(problems)
    day = as_of or dt.date.today()
    evidence = collect_evidence(workspace, catalog, day)
    merged = ScanResult()
    for result in evidence.values():
        merged.extend(result)
    facts = Facts(workspace=workspace, observations=merged.observations, as_of=day)
    return AssessmentRun(
        workspace=workspace,
        catalog=catalog,
        facts=facts,
        assessment=assess(facts, catalog, merged.problems),
        evidence=evidence,
    )
