"""Compliance dates: a duty that starts later is `upcoming` before its date and judged from it."""

from __future__ import annotations

import datetime as dt

from ccpa_readiness.catalog.models import Catalog, ComplianceDate, DateTier, Requirement
from ccpa_readiness.workspace.models import Organization


def _tier_holds(tier: DateTier, catalog: Catalog, revenue: float) -> bool:
    if tier.revenue_above is not None:
        return revenue > catalog.figure(tier.revenue_above).value
    if tier.revenue_at_least is not None:
        return revenue >= catalog.figure(tier.revenue_at_least).value
    return True


def _tiered_date(date: ComplianceDate, catalog: Catalog, org: Organization) -> tuple[dt.date, str]:
    """The tier's date for the declared revenue; unknown revenue takes the earliest (conservative).

    Interpretation: each tier looks at the revenue of its own year (e.g. 2026 for the first); the
    declared revenue stands in for it until that year's figure is declared.
    """
    revenue = org.annual_gross_revenue_usd
    if revenue is None:
        return date.tiers[0].date, "revenue not declared: the earliest tier's date is taken"
    for tier in date.tiers:
        if _tier_holds(tier, catalog, revenue):
            declared_year = org.revenue_year or "undated"
            year = (
                ""
                if org.revenue_year == tier.revenue_year
                else f"; the tier looks at {tier.revenue_year} revenue, {declared_year} revenue declared"
            )
            return tier.date, f"revenue tier of ${revenue:,.0f}{year}"
    return date.date, "lowest revenue tier"


def due_date(requirement: Requirement, catalog: Catalog, org: Organization) -> tuple[dt.date, str] | None:
    """(the date the requirement is judged from, why), or None when it is judged now."""
    if requirement.compliance_date is None:
        return None
    date = catalog.compliance_date(requirement.compliance_date)
    if date.tiers:
        day, why = _tiered_date(date, catalog, org)
    else:
        day, why = date.date, ""
    detail = f" ({why})" if why else ""
    return day, f"not due until {day}{detail}: {date.citation} [{requirement.compliance_date}]"
