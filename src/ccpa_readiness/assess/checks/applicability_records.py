"""Applicability requirements: read from the one applicability computation, never recomputed.

APP-BUSINESS-01 is met when the business status is determined (one threshold can decide it);
the trigger requirements are met when their trigger is answered, unknown naming what would decide it.
"""

from __future__ import annotations

from ccpa_readiness.assess.applicability import decide_applicability
from ccpa_readiness.assess.checks.common import met, unknown
from ccpa_readiness.assess.models import Applicability, CheckResult, Verdict
from ccpa_readiness.assess.registry import CheckContext, check

ORGANIZATION_FILE = "ccpa.yaml"
BUSINESS_FIELDS = (
    "annual_gross_revenue_usd",
    "consumers_households_bought_sold_shared_per_year",
    "revenue_share_from_selling_sharing",
)
TRIGGER_FIELDS = {
    "large_volume_10m": ("consumers_per_year",),
    "cyberaudit_threshold": (
        "consumers_or_households_processed_prior_year",
        "consumers_with_spi_per_year",
        "revenue_share_from_selling_sharing",
    ),
}
RISK_TRIGGER_SOURCES = (
    "inventory/practices.yaml: sells/shares",
    "inventory/data.yaml: sensitive_kind, spi_for_employment_purposes_only",
    "inventory/technology.yaml: analytics (kind, scores_agents, makes_significant_decisions), "
    "workforce_productivity_monitoring, voice_biometrics, ai_training_on_recordings",
)


def _applicability(ctx: CheckContext) -> Applicability:
    """The assessment's applicability; computed the same way when a check runs on its own."""
    return ctx.applicability or decide_applicability(ctx.facts, ctx.catalog)


def _trigger(applicability: Applicability, question_start: str) -> Verdict:
    return next(v for v in applicability.enhanced_triggers if v.question.startswith(question_start))


@check("business_status_determined")
def business_status_determined(ctx: CheckContext) -> CheckResult:
    applicability = _applicability(ctx)
    org = ctx.facts.organization.organization
    evidence = ctx.facts.declared(ORGANIZATION_FILE, "organization")
    if applicability.determined:
        return met(applicability.statement, evidence)
    missing = [
        f"{ORGANIZATION_FILE}: organization.{name}" for name in BUSINESS_FIELDS if getattr(org, name) is None
    ]
    if org.annual_gross_revenue_usd is not None and org.revenue_year != ctx.facts.as_of.year - 1:
        missing.append(f"{ORGANIZATION_FILE}: organization.revenue_year = {ctx.facts.as_of.year - 1}")
    undeclared_forms = [
        v.citation for v in applicability.reasons if "(d)(" in v.citation and v.answer is None
    ]
    if undeclared_forms:
        missing.append(f"{ORGANIZATION_FILE}: the business forms of {', '.join(undeclared_forms)}")
    return unknown(applicability.statement + " Not determined from the facts declared.", *missing)


def _answered(ctx: CheckContext, verdicts: list[Verdict], fields: list[str]) -> CheckResult:
    open_ = [v for v in verdicts if v.answer is None]
    if open_:
        return unknown(
            "not answered: " + "; ".join(f"{v.question} ({v.reason})" for v in open_),
            *fields,
        )
    return met(
        "; ".join(f"{v.question}: {'yes' if v.answer else 'no'} ({v.reason})" for v in verdicts),
        ctx.facts.declared(ORGANIZATION_FILE, "organization"),
    )


@check("enhanced_triggers_determined")
def enhanced_triggers_determined(ctx: CheckContext) -> CheckResult:
    """Every enhanced trigger answered (APP-ENHANCED-TRIGGERS-01)."""
    applicability = _applicability(ctx)
    fields = [f"{ORGANIZATION_FILE}: organization.{f}" for names in TRIGGER_FIELDS.values() for f in names]
    return _answered(ctx, applicability.enhanced_triggers, [*dict.fromkeys(fields), *RISK_TRIGGER_SOURCES])


@check("cyberaudit_threshold_determined")
def cyberaudit_threshold_determined(ctx: CheckContext) -> CheckResult:
    """The audit trigger answered (CYBERAUDIT-APPLICABILITY-01)."""
    verdict = _trigger(_applicability(ctx), "Annual cybersecurity audit")
    fields = [f"{ORGANIZATION_FILE}: organization.{f}" for f in TRIGGER_FIELDS["cyberaudit_threshold"]]
    return _answered(ctx, [verdict], fields)


@check("risk_assessment_trigger_determined")
def risk_assessment_trigger_determined(ctx: CheckContext) -> CheckResult:
    """The risk-assessment screening answered (RA-APPLICABILITY-01)."""
    verdict = _trigger(_applicability(ctx), "Processing that needs a risk assessment")
    return _answered(ctx, [verdict], list(RISK_TRIGGER_SOURCES))


@check("role_matrix_declared")
def role_matrix_declared(ctx: CheckContext) -> CheckResult:
    """The role per relationship is recorded in ccpa.yaml (APP-ROLE-01)."""
    relationships = ctx.facts.organization.organization.relationships
    if not relationships:
        return unknown(
            "no relationship declared: the role per client program is not recorded",
            f"{ORGANIZATION_FILE}: organization.relationships (id, role, client, channels)",
        )
    roles = "; ".join(f"{r.id}: {r.role.value}" for r in relationships)
    return met(
        f"role per relationship recorded ({roles})",
        ctx.facts.declared(ORGANIZATION_FILE, "organization", "relationships"),
    )
