"""Applicability requirements: the business status and triggers are determined and recorded."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import met, unknown
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check

ORGANIZATION_FILE = "ccpa.yaml"
TRIGGER_FIELDS = ("consumers_per_year", "consumers_with_spi_per_year", "revenue_share_from_selling_sharing")


@check("business_status_determined")
def business_status_determined(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    org = facts.organization.organization
    missing = [
        name
        for name, value in (
            ("annual_gross_revenue_usd", org.annual_gross_revenue_usd),
            (
                "consumers_households_bought_sold_shared_per_year",
                org.consumers_households_bought_sold_shared_per_year,
            ),
            ("revenue_share_from_selling_sharing", org.revenue_share_from_selling_sharing),
        )
        if value is None
    ]
    if missing:
        return unknown(
            "the three thresholds are not all declared", *(f"ccpa.yaml: organization.{m}" for m in missing)
        )
    return met(
        "revenue, consumer count and share of revenue from selling/sharing declared",
        facts.declared(ORGANIZATION_FILE, "organization"),
    )


@check("enhanced_triggers_determined")
def enhanced_triggers_determined(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    org = facts.organization.organization
    missing = [name for name in TRIGGER_FIELDS if getattr(org, name) is None]
    if missing:
        return unknown(
            "consumer counts for the enhanced triggers not declared",
            *(f"ccpa.yaml: organization.{m}" for m in missing),
        )
    return met(
        "consumer and SPI counts declared for the trigger worksheet",
        facts.declared(ORGANIZATION_FILE, "organization"),
    )
