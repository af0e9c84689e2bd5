"""Small roadmap inputs built in Python: a catalog of a few tasks, findings, a team and a plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ccpa_readiness.assess.models import (
    Applicability,
    Assessment,
    CatalogStamp,
    Finding,
    FindingBasis,
    Outcome,
    Risk,
)
from ccpa_readiness.assess.scoring import score
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.catalog.models import (
    Area,
    Catalog,
    EffortRange,
    Phase,
    RemediationTask,
    Requirement,
    Severity,
    Verification,
)
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap import Roadmap, build_roadmap
from ccpa_readiness.vocabulary import Department
from ccpa_readiness.workspace.loader import Workspace
from ccpa_readiness.workspace.models import OrganizationFile, Vendors

START = dt.date(2027, 3, 1)  # a Monday with no US federal holiday for weeks
TIME_LIMIT_S = 2.0


def task(
    task_id: str, department: str = "Privacy", days: float = 5, crew: int = 1, **extra: Any
) -> RemediationTask:
    return RemediationTask(
        id=task_id,
        title=f"Task {task_id}",
        department=Department(department),
        effort_days=EffortRange(low=days, high=days),
        crew=crew,
        phase=extra.pop("phase", Phase.foundation),
        **extra,
    )


def requirement(requirement_id: str, remediation: list[str]) -> Requirement:
    return Requirement(
        id=requirement_id,
        title=f"Requirement {requirement_id}",
        area=Area.governance,
        citations=["Civ. §1798.100"],
        obligation="test",
        applies_when_text="always",
        severity=Severity.high,
        penalty_basis=["admin_fine_usd"],
        verification=Verification(status="V-P"),
        remediation=remediation,
    )


def catalog(tasks: list[RemediationTask], requirements: list[Requirement]) -> Catalog:
    shipped = default_catalog()
    return Catalog(
        law=shipped.law,
        requirements=requirements,
        tasks={t.id: t for t in tasks},
        taxonomy=shipped.taxonomy,
        contract_clauses=shipped.contract_clauses,
    )


def finding(requirement_id: str, outcome: Outcome = Outcome.gap, risk_score: int = 50) -> Finding:
    return Finding(
        requirement_id=requirement_id,
        title=requirement_id,
        area=Area.governance,
        citations=["Civ. §1798.100"],
        outcome=outcome,
        severity=Severity.high,
        risk_score=risk_score,
        risk=Risk(severity=3, likelihood=2, exposure=2, level="high"),
        basis=FindingBasis.none,
        reason="test",
        evidence=[],
        missing_information=[],
        checks=[],
        exposure=None,
    )


def assessment(findings: list[Finding]) -> Assessment:
    return Assessment(
        organization="Test Co",
        as_of=START,
        catalog=CatalogStamp(version="test", law_as_of=START),
        applicability=Applicability(
            applies=True, determined=True, reasons=[], enhanced_triggers=[], exemptions=[], conditions={}
        ),
        findings=findings,
        scores=score(findings),
    )


def facts(
    tmp_path: Path,
    departments: Mapping[str, Mapping[str, float]],
    deadline: dt.date | None = None,
    holidays: list[dt.date] | None = None,
    vendors: list[dict[str, Any]] | None = None,
    budget_usd: float | None = None,
) -> Facts:
    plan: dict[str, Any] = {"start": START, "deadline": deadline or START + dt.timedelta(days=365)}
    if holidays:
        plan["holidays"] = holidays
    organization = OrganizationFile.model_validate(
        {
            "organization": {"name": "Test Co", "for_profit": True, "does_business_in_california": True},
            "resources": {
                "budget_usd": budget_usd,
                "departments": {d: {"day_rate_usd": 1000, **c} for d, c in departments.items()},
            },
            "plan": plan,
        }
    )
    inventory: dict[str, BaseModel] = {}
    if vendors is not None:
        inventory["vendors.yaml"] = Vendors.model_validate({"vendors": vendors})
    workspace = Workspace(root=tmp_path, organization=organization, inventory=inventory, documents={})
    return Facts(workspace=workspace, as_of=START)


def roadmap_for(
    tasks: list[RemediationTask],
    requirements: list[Requirement],
    findings: list[Finding],
    the_facts: Facts,
) -> Roadmap:
    return build_roadmap(
        assessment(findings), catalog(tasks, requirements), the_facts, time_limit_s=TIME_LIMIT_S
    )
