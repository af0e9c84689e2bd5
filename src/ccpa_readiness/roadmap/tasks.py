"""From open findings to roadmap tasks: each playbook task once, with every requirement it closes.

Rules:
- A gap, partial or upcoming finding pulls in its requirement's remediation tasks. A task that
  closes an upcoming finding is due by that finding's compliance date (`due_date`, the earliest
  when it closes several).
- An unknown finding costs a confirmation, not a remediation: one small "confirm" task
  (`confirm-<requirement id>`) owned and sized by the requirement's `confirm` in the catalog
  (default half a person-day, by the owner of its first remediation task). What its playbook would
  add if it turned out to be a gap is the contingent cost (`contingent_tasks`), not scheduled.
- A task's dependencies are pulled in transitively. A dependency is left out when a requirement
  that lists it was assessed *met*: the work it produces already exists. Otherwise it is kept
  (with `needed_by`), since nothing shows that its output exists.
- The risk weight of a task is the sum of the risk scores of the findings it closes, at least 1.
- Effort is the middle of the catalog's range. A task whose description starts "Per vendor." (or
  "Per party.") is done once per such vendor in the inventory: service providers and contractors
  for "vendor", third parties for "party". Other units ("Per client.", "Per agent", "Per
  assessment.") have no count in the inventory and are taken once; the task says so (`unit`).
"""

from __future__ import annotations

import re

from ccpa_readiness.assess.models import Assessment, Finding, Outcome
from ccpa_readiness.catalog.models import Catalog, Phase, RemediationTask
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.models import Effort, RoadmapTask
from ccpa_readiness.vocabulary import Department

REMEDIATION_OUTCOMES = (Outcome.gap, Outcome.partial, Outcome.upcoming)
CONFIRMATION_OUTCOMES = (Outcome.unknown,)
PER_UNIT = re.compile(r"^Per (?P<unit>[a-z]+)\b")
VENDOR_ROLES_PER_UNIT = {"vendor": ("service_provider", "contractor"), "party": ("third_party",)}
CONFIRM_PREFIX = "confirm-"


def findings_with(assessment: Assessment, outcomes: tuple[Outcome, ...]) -> list[Finding]:
    return [f for f in assessment.findings if f.outcome in outcomes]


def build_tasks(assessment: Assessment, catalog: Catalog, facts: Facts) -> list[RoadmapTask]:
    """The roadmap's tasks, sorted by id: the remediation of gaps, partials and upcoming duties, a
    confirmation per unknown; dependencies refer only to tasks in the list."""
    remediation = remediation_tasks(assessment, catalog, facts, REMEDIATION_OUTCOMES)
    confirmations = [
        confirmation_task(finding, catalog) for finding in findings_with(assessment, CONFIRMATION_OUTCOMES)
    ]
    return sorted(remediation + confirmations, key=lambda t: t.id)


def contingent_tasks(assessment: Assessment, catalog: Catalog, facts: Facts) -> list[RoadmapTask]:
    """The remediation tasks the unknown findings would add if every one of them were a gap."""
    planned = {t.id for t in remediation_tasks(assessment, catalog, facts, REMEDIATION_OUTCOMES)}
    every_open = remediation_tasks(assessment, catalog, facts, REMEDIATION_OUTCOMES + CONFIRMATION_OUTCOMES)
    return [t for t in every_open if t.id not in planned]


def confirmation_task(finding: Finding, catalog: Catalog) -> RoadmapTask:
    """One small task that finds out and records what the unknown finding lacks."""
    requirement = catalog.requirement(finding.requirement_id)
    owners = [catalog.tasks[task_id].department for task_id in requirement.remediation]
    department = requirement.confirm.department or (owners[0] if owners else Department.privacy)
    days = requirement.confirm.effort_days
    lacking = "; ".join(finding.missing_information) or finding.reason
    return RoadmapTask(
        id=f"{CONFIRM_PREFIX}{finding.requirement_id.lower()}",
        title=f"Confirm: {requirement.title}",
        department=department,
        phase=Phase.quick_win,
        description=f"Find out and record what decides {finding.requirement_id}: {lacking}",
        effort_days=days,
        effort=Effort(low=days, expected=days, high=days),
        crew=1,
        requirement_ids=[finding.requirement_id],
        risk_weight=max(1, finding.risk_score),
        kind="confirmation",
    )


def remediation_tasks(
    assessment: Assessment, catalog: Catalog, facts: Facts, outcomes: tuple[Outcome, ...]
) -> list[RoadmapTask]:
    """The playbook tasks that close the findings with these outcomes, sorted by id, with the
    dependencies they need."""
    closes: dict[str, list[Finding]] = {}
    for finding in findings_with(assessment, outcomes):
        for task_id in catalog.requirement(finding.requirement_id).remediation:
            closes.setdefault(task_id, []).append(finding)
    already_done = {
        task_id
        for finding in assessment.findings
        if finding.outcome == Outcome.met
        for task_id in catalog.requirement(finding.requirement_id).remediation
    } - closes.keys()
    needed_by: dict[str, set[str]] = {}
    pending = sorted(closes)
    selected: set[str] = set(pending)
    while pending:
        task_id = pending.pop()
        for dependency in catalog.tasks[task_id].depends_on:
            if dependency in already_done:
                continue
            if dependency not in closes:
                needed_by.setdefault(dependency, set()).add(task_id)
            if dependency not in selected:
                selected.add(dependency)
                pending.append(dependency)
    return [
        _roadmap_task(
            catalog.tasks[task_id],
            closes.get(task_id, []),
            sorted(needed_by.get(task_id, set())),
            selected,
            facts,
        )
        for task_id in sorted(selected)
    ]


def _roadmap_task(
    task: RemediationTask, findings: list[Finding], needed_by: list[str], selected: set[str], facts: Facts
) -> RoadmapTask:
    unit, units = _units(task, facts)
    effort = Effort(
        low=task.effort_days.low * units,
        expected=task.effort_days.expected * units,
        high=task.effort_days.high * units,
    )
    return RoadmapTask(
        id=task.id,
        title=task.title,
        department=task.department,
        phase=task.phase,
        description=task.description,
        effort_days=effort.expected,
        effort=effort,
        units=units,
        unit=unit,
        crew=task.crew,
        depends_on=sorted(d for d in task.depends_on if d in selected),
        requirement_ids=sorted({f.requirement_id for f in findings}),
        needed_by=needed_by,
        risk_weight=max(1, sum(f.risk_score for f in findings)),
        one_off_cost_usd=task.one_off_cost_usd,
        recurring_cost_usd_per_year=task.recurring_cost_usd_per_year,
        proposal=task.proposal,
        due_date=min((f.due_date for f in findings if f.due_date is not None), default=None),
    )


def _units(task: RemediationTask, facts: Facts) -> tuple[str | None, int]:
    """What the per-unit effort is done for, and how many times (1 when the inventory cannot say)."""
    match = PER_UNIT.match(task.description)
    if match is None:
        return None, 1
    unit = match["unit"]
    roles = VENDOR_ROLES_PER_UNIT.get(unit)
    if roles is None or facts.vendors is None:
        return unit, 1
    return unit, max(1, sum(1 for vendor in facts.vendors if vendor.role in roles))
