"""Duties of a service provider or contractor, judged per client relationship (ccpa.yaml)."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import Judgement, combine, not_applicable, unknown
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Relationship, Role

ORGANIZATION_FILE = "ccpa.yaml"
SERVING_ROLES = (Role.service_provider, Role.contractor)


def _serving(facts: Facts) -> list[tuple[int, Relationship]]:
    relationships = facts.organization.organization.relationships
    return [(index, r) for index, r in enumerate(relationships) if r.role in SERVING_ROLES]


def _judge(facts: Facts, field: str, problem: str, what: str) -> CheckResult:
    """Each service-provider or contractor relationship judged on one declared field."""
    serving = _serving(facts)
    if not serving:
        return unknown(
            f"{what}: no service-provider or contractor relationship declared",
            f"{ORGANIZATION_FILE}: organization.relationships (role, client, {field})",
        )
    judgements = [
        Judgement(
            relationship.id,
            getattr(relationship, field),
            facts.declared(ORGANIZATION_FILE, "organization", "relationships", index, field),
            problem,
        )
        for index, relationship in serving
    ]
    return combine(judgements, what, f"{ORGANIZATION_FILE}: organization.relationships[].{field}")


@check("sp_client_contract")
def sp_client_contract(ctx: CheckContext) -> CheckResult:
    return _judge(
        ctx.facts, "contract_meets_ccr_7051", "client contract lacks §7051(a) terms", "client contracts"
    )


@check("contractor_certification")
def contractor_certification(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    serving = _serving(facts)
    if not serving:
        return _judge(facts, "contractor_certification_signed", "", "contractor certifications")
    contractors = [(i, r) for i, r in serving if r.role == Role.contractor]
    if not contractors:
        return not_applicable("no contractor relationship")
    judgements = [
        Judgement(
            r.id,
            r.contractor_certification_signed,
            facts.declared(
                ORGANIZATION_FILE, "organization", "relationships", i, "contractor_certification_signed"
            ),
            "no certification signed",
        )
        for i, r in contractors
    ]
    return combine(judgements, "contractor certifications")


@check("sp_use_limits")
def sp_use_limits(ctx: CheckContext) -> CheckResult:
    return _judge(
        ctx.facts,
        "uses_pi_only_for_contracted_purposes",
        "uses client PI outside the contracted purposes",
        "use of client PI",
    )


@check("sp_client_data_segregated")
def sp_client_data_segregated(ctx: CheckContext) -> CheckResult:
    return _judge(ctx.facts, "client_data_segregated", "client PI not kept apart", "client data segregation")


@check("sp_subcontractors_bound")
def sp_subcontractors_bound(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    serving = _serving(facts)
    if serving and all(r.has_subcontractors is False for _, r in serving):
        return not_applicable("no relationship uses subcontractors (declared)")
    return _judge(
        facts,
        "subcontractors_bound_and_notified",
        "subcontractors not bound by §7051 terms or the client not told",
        "subcontractors",
    )


@check("sp_supports_client_requests")
def sp_supports_client_requests(ctx: CheckContext) -> CheckResult:
    return _judge(
        ctx.facts,
        "supports_client_consumer_requests",
        "does not act on the client's consumer requests",
        "help with the client's consumer requests",
    )


@check("sp_direct_requests")
def sp_direct_requests(ctx: CheckContext) -> CheckResult:
    return _judge(
        ctx.facts,
        "direct_requests_procedure",
        "no procedure for requests consumers make to it directly",
        "requests made directly to the organization",
    )
