"""What the pages show, computed from one version's content: filters, groupings, counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ccpa_readiness.assess.models import OPEN_OUTCOMES as OPEN
from ccpa_readiness.review.inputs import Finding, Money, ReviewInputs, Roadmap, Task

SEVERITIES = ("high", "medium", "low")
OPEN_OUTCOMES = tuple(outcome.value for outcome in OPEN)  # the one meaning of open, as in the report


@dataclass(frozen=True)
class FindingFilters:
    area: str = ""
    severity: str = ""
    department: str = ""
    basis: str = ""
    outcome: str = ""


def departments_by_requirement(roadmap: Roadmap) -> dict[str, list[str]]:
    """Which departments' tasks address each requirement."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for task in roadmap.tasks:
        for requirement_id in task.requirement_ids:
            owners[requirement_id].add(task.department)
    return {requirement_id: sorted(depts) for requirement_id, depts in owners.items()}


def filter_findings(inputs: ReviewInputs, filters: FindingFilters) -> list[Finding]:
    """Findings matching every filter given, highest priority first, then highest risk."""
    owners = departments_by_requirement(inputs.roadmap)
    wanted = [
        finding
        for finding in inputs.assessment.findings
        if (not filters.area or finding.area == filters.area)
        and (not filters.severity or finding.severity == filters.severity)
        and (not filters.basis or finding.basis == filters.basis)
        and (not filters.outcome or finding.outcome == filters.outcome)
        and (not filters.department or filters.department in owners.get(finding.requirement_id, []))
    ]
    return sorted(
        wanted, key=lambda f: (f.priority is None, f.priority or 0, -f.risk_score, f.requirement_id)
    )


def filter_choices(inputs: ReviewInputs) -> dict[str, list[str]]:
    """The values each filter can take in this version."""
    findings = inputs.assessment.findings
    return {
        "area": sorted({f.area for f in findings}),
        "severity": [s for s in SEVERITIES if any(f.severity == s for f in findings)],
        "department": inputs.roadmap.departments(),
        "basis": sorted({f.basis for f in findings}),
        "outcome": sorted({f.outcome for f in findings}),
    }


def open_by_severity(inputs: ReviewInputs) -> dict[str, dict[str, int]]:
    """Open findings (gap, partial, unknown) per severity: the same count and breakdown as the report."""
    counts = Counter(
        (f.severity, f.outcome) for f in inputs.assessment.findings if f.outcome in OPEN_OUTCOMES
    )
    return {
        severity: {outcome: counts[(severity, outcome)] for outcome in OPEN_OUTCOMES}
        for severity in SEVERITIES
    }


def tasks_by_department(roadmap: Roadmap) -> dict[str, list[Task]]:
    grouped: defaultdict[str, list[Task]] = defaultdict(list)
    for task in sorted(roadmap.tasks, key=lambda t: (t.start, t.id)):
        grouped[task.department].append(task)
    return dict(sorted(grouped.items()))


def budget_rows(budget: dict[str, Any], prefix: str = "") -> list[tuple[str, Money]]:
    """The budget's figures as label/range rows, nested sections labelled `section: item`."""
    rows: list[tuple[str, Money]] = []
    for key, value in budget.items():
        label = f"{prefix}{key}"
        if _is_money(value):
            rows.append((label, Money.model_validate(value)))
        elif isinstance(value, dict) and not prefix:
            rows.extend(budget_rows(value, prefix=f"{label}: "))
    return rows


def _is_money(value: Any) -> bool:
    """A number, or a low/expected/high range."""
    if isinstance(value, dict):
        return {"low", "expected", "high"} <= value.keys()
    return isinstance(value, int | float) and not isinstance(value, bool)
