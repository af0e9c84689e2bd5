"""Service providers, contractors and third parties: contracts, roles, diligence, requests."""

from __future__ import annotations

from collections.abc import Callable

from ccpa_readiness.assess.checks.common import (
    Judgement,
    assumptions,
    combine_over,
    months_between,
    with_observed_problems,
)
from ccpa_readiness.assess.known import written
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Vendor

VENDORS_FILE = "inventory/vendors.yaml"


def _declared_vendors(facts: Facts, what: str) -> list[Vendor]:
    return known(facts.vendors, "vendors not declared", f"{VENDORS_FILE}: {what}")


def _service_providers(vendors: list[Vendor]) -> list[Vendor]:
    return [v for v in vendors if v.role in ("service_provider", "contractor")]


def _judge_vendors(
    facts: Facts, vendors: list[Vendor], field: str, ok: Callable[[Vendor], bool | None], problem: str
) -> list[Judgement]:
    """Each vendor judged on one declared field, cited at that field's line."""
    return [
        Judgement(vendor.id, ok(vendor), facts.item(VENDORS_FILE, "vendors", vendor.id, field), problem)
        for vendor in vendors
    ]


def _missing_terms(vendor: Vendor, required: list[str]) -> list[str] | None:
    """The §7051 terms the vendor's contract lacks; None when its clauses are not stated."""
    if not written(vendor, "contract_clauses"):
        return None
    missing = [key for key in required if key not in vendor.contract_clauses]
    if vendor.role == "contractor" and vendor.certification_signed is False:
        missing.append("contractor certification")
    return missing


@check("vendor_contract_clauses")
def vendor_contract_clauses(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    vendors = _service_providers(_declared_vendors(facts, "each vendor's contract clauses"))
    required = [c.key for c in ctx.catalog.contract_clauses]
    judgements = [
        Judgement(
            vendor.id,
            None if missing is None else not missing,
            facts.item(VENDORS_FILE, "vendors", vendor.id, "contract_clauses"),
            "missing " + ", ".join(missing or []),
        )
        for vendor in vendors
        for missing in [_missing_terms(vendor, required)]
    ]
    return combine_over(
        facts,
        "vendors",
        judgements,
        "service-provider and contractor contracts (CCR §7051)",
        f"{VENDORS_FILE}: contract_clauses of each service provider",
    )


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
    vendors = _service_providers(_declared_vendors(facts, "vendors and their roles"))
    required = {c.key for c in ctx.catalog.contract_clauses}
    judgements = _judge_vendors(
        facts,
        vendors,
        "role",
        lambda vendor: (
            required <= set(vendor.contract_clauses) if written(vendor, "contract_clauses") else None
        ),
        "contract lacks §7051 terms: the disclosure may be a sale or share (CCR §7050(e))",
    )
    result = combine_over(facts, "vendors", judgements, "vendors whose service-provider status holds")
    return with_observed_problems(
        result,
        _external_shares_uncovered(facts),
        "flow hand-offs to external systems no declared vendor covers",
    )


@check("third_party_contracts")
def third_party_contracts(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    vendors = _declared_vendors(facts, "third parties and their contracts")
    judgements = _judge_vendors(
        facts,
        [v for v in vendors if v.role == "third_party"],
        "contract_signed",
        lambda vendor: True if vendor.contract_signed is not None else vendor.contract_in_place,
        "no contract with the third party receiving sold or shared PI",
    )
    return combine_over(
        facts,
        "vendors",
        judgements,
        "third-party contracts (CCR §7053)",
        f"{VENDORS_FILE}: contract_signed of each third party",
    )


@check("subprocessors_flow_down")
def subprocessors_flow_down(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    vendors = _service_providers(_declared_vendors(facts, "subprocessor disclosure"))
    stated = [v for v in vendors if written(v, "contract_clauses")]
    without_flowdown = [v for v in stated if "subcontractor_flowdown" not in v.contract_clauses]
    with_flowdown = [v for v in stated if v not in without_flowdown]
    judgements = (
        _judge_vendors(
            facts, [v for v in vendors if v not in stated], "contract_clauses", lambda vendor: None, ""
        )
        + _judge_vendors(
            facts, without_flowdown, "contract_clauses", lambda vendor: False, "no flow-down clause"
        )
        + _judge_vendors(
            facts,
            with_flowdown,
            "subprocessors_disclosed",
            lambda vendor: vendor.subprocessors_disclosed,
            "subprocessors not disclosed",
        )
    )
    return combine_over(facts, "vendors", judgements, "vendors' subcontractors")


@check("vendor_diligence_current")
def vendor_diligence_current(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    vendors = _declared_vendors(facts, "last due diligence of each vendor")
    max_age = int(assumptions()["checks"]["vendor_diligence_max_age_months"])
    judgements = []
    for vendor in vendors:
        provenance = facts.item(VENDORS_FILE, "vendors", vendor.id, "last_diligence")
        if vendor.last_diligence is None:
            judgements.append(Judgement(vendor.id, None, provenance))
            continue
        age = months_between(vendor.last_diligence, facts.as_of)
        judgements.append(
            Judgement(vendor.id, age <= max_age, provenance, f"last diligence {age} months ago")
        )
    return combine_over(
        facts,
        "vendors",
        judgements,
        f"vendor due diligence within {max_age} months (practice benchmark)",
        f"{VENDORS_FILE}: last_diligence of each vendor",
    )


@check("vendors_support_requests")
def vendors_support_requests(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    vendors = _service_providers(_declared_vendors(facts, "vendors' support for consumer requests"))
    judgements = _judge_vendors(
        facts,
        vendors,
        "supports_consumer_requests",
        lambda vendor: vendor.supports_consumer_requests,
        "cannot help with requests to know, delete, correct or limit",
    )
    return combine_over(facts, "vendors", judgements, "vendors supporting consumer requests")
