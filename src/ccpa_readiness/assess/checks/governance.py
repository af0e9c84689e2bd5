"""Staffing, resources and governance: owner, RACI, capacity for requests."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import Judgement, combine, gap, met, unknown
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check
from ccpa_readiness.vocabulary import Department

ORGANIZATION_FILE = "ccpa.yaml"


@check("privacy_owner_named")
def privacy_owner_named(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    resources = facts.organization.resources
    judgements = [
        Judgement(
            what,
            None if value is None else bool(value),
            facts.declared(ORGANIZATION_FILE, "resources", key),
            "not named",
        )
        for what, key, value in (
            ("privacy owner", "privacy_owner", resources.privacy_owner),
            (
                "contact-center privacy lead",
                "contact_center_privacy_lead",
                resources.contact_center_privacy_lead,
            ),
            ("RACI", "raci_documented", resources.raci_documented),
        )
    ]
    return combine(judgements, "ownership")


@check("request_capacity")
def request_capacity(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    resources = facts.organization.resources
    requests = facts.organization.volumes.consumer_requests_per_year
    if requests is None or not resources.departments:
        return unknown(
            "request volume or team not declared",
            "ccpa.yaml: volumes.consumer_requests_per_year and resources.departments",
        )
    handling = [
        capacity
        for department, capacity in resources.departments.items()
        if department in (Department.privacy, Department.operations)
    ]
    if not handling:
        return unknown(
            "who handles consumer requests is not declared",
            "ccpa.yaml: resources.departments Privacy or Operations (people: 0 if there is no one)",
        )
    handlers = sum(capacity.people * capacity.availability for capacity in handling)
    provenance = facts.declared(ORGANIZATION_FILE, "resources", "departments")
    if handlers <= 0:
        return gap(f"{requests:,} requests a year and no Privacy or Operations capacity declared", provenance)
    return met(f"{requests:,} requests a year; {handlers:.1f} FTE in Privacy and Operations", provenance)
