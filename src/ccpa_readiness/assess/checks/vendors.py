"""Service providers, contractors and third parties: contracts, roles, diligence, requests."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    assumptions,
    combine,
    months_between,
    unknown,
    with_observed_problems,
)
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Vendor

VENDORS_FILE = "inventory/vendors.yaml"


def _service_providers(facts: Facts) -> list[Vendor]:
    return [v for v in facts.vendors or [] if v.role in ("service_provider", "contractor")]


def _no_vendors(what: str) -> CheckResult:
    return unknown("vendors not declared", f"{VENDORS_FILE}: {what}")


@check("vendor_contract_clauses")
def vendor_contract_clauses(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("each vendor's contract clauses")
    required = [c.key for c in ctx.catalog.contract_clauses]
    judgements = []
    for vendor in _service_providers(facts):
        missing = [key for key in required if key not in vendor.contract_clauses]
        if vendor.role == "contractor" and vendor.certification_signed is not True:
            missing.append("contractor certification")
        judgements.append(
            Judgement(
                vendor.id,
                not missing,
                facts.item(VENDORS_FILE, "vendors", vendor.id, "contract_clauses"),
                "missing " + ", ".join(missing),
            )
        )
    return combine(judgements, "service-provider and contractor contracts (CCR §7051)")


def _external_shares_uncovered(facts: Facts) -> list[Observation]:
    """Flow hand-offs to external systems that no declared vendor's name or services mention."""
    names = [
        term.lower()
        for vendor in facts.vendors or []
        for term in (vendor.id, vendor.name, *vendor.services)
        if len(term) > 2
    ]
    uncovered = []
    for observation in facts.observed("FLOW-EXTERNAL-SHARE"):
        target = (
            " ".join(str(v) for v in observation.attributes.values()).lower() + observation.snippet.lower()
        )
        if not any(name in target for name in names):
            uncovered.append(observation)
    return uncovered


@check("vendors_classified")
def vendors_classified(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("vendors and their roles")
    required = {c.key for c in ctx.catalog.contract_clauses}
    judgements = [
        Judgement(
            vendor.id,
            required <= set(vendor.contract_clauses),
            facts.item(VENDORS_FILE, "vendors", vendor.id, "role", snippet=vendor.role),
            "contract lacks §7051 terms: the disclosure may be a sale or share (CCR §7050(e))",
        )
        for vendor in _service_providers(facts)
    ]
    result = combine(judgements, "vendors whose service-provider status holds")
    return with_observed_problems(
        result,
        _external_shares_uncovered(facts),
        "flow hand-offs to external systems no declared vendor covers",
    )


@check("third_party_contracts")
def third_party_contracts(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("third parties and their contracts")
    judgements = [
        Judgement(
            vendor.id,
            vendor.contract_signed is not None,
            facts.item(VENDORS_FILE, "vendors", vendor.id, "contract_signed"),
            "no contract with the third party receiving sold or shared PI",
        )
        for vendor in facts.vendors
        if vendor.role == "third_party"
    ]
    return combine(judgements, "third-party contracts (CCR §7053)")


@check("subprocessors_flow_down")
def subprocessors_flow_down(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("subprocessor disclosure")
    judgements = []
    for vendor in _service_providers(facts):
        flowdown = "subcontractor_flowdown" in vendor.contract_clauses
        judgements.append(
            Judgement(
                vendor.id,
                vendor.subprocessors_disclosed if flowdown else False,
                facts.item(VENDORS_FILE, "vendors", vendor.id, "subprocessors_disclosed"),
                "no flow-down clause" if not flowdown else "subprocessors not disclosed",
            )
        )
    return combine(judgements, "vendors' subcontractors")


@check("vendor_diligence_current")
def vendor_diligence_current(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("last due diligence of each vendor")
    max_age = int(assumptions()["checks"]["vendor_diligence_max_age_months"])
    judgements = []
    for vendor in facts.vendors:
        provenance = facts.item(VENDORS_FILE, "vendors", vendor.id, "last_diligence")
        if vendor.last_diligence is None:
            judgements.append(Judgement(vendor.id, False, provenance, "no due diligence recorded"))
            continue
        age = months_between(vendor.last_diligence, facts.as_of)
        judgements.append(
            Judgement(vendor.id, age <= max_age, provenance, f"last diligence {age} months ago")
        )
    return combine(judgements, f"vendor due diligence within {max_age} months (practice benchmark)")


@check("vendors_support_requests")
def vendors_support_requests(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.vendors is None:
        return _no_vendors("vendors' support for consumer requests")
    judgements = [
        Judgement(
            vendor.id,
            vendor.supports_consumer_requests,
            facts.item(VENDORS_FILE, "vendors", vendor.id, "supports_consumer_requests"),
            "cannot help with requests to know, delete, correct or limit",
        )
        for vendor in _service_providers(facts)
    ]
    return combine(judgements, "vendors supporting consumer requests")
