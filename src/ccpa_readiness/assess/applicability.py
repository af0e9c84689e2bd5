"""Is the organization a CCPA business, which enhanced obligations apply, which data is exempt.

Every figure comes from the catalog's `law.yaml` (with its citation); nothing is hard-coded here.
"""

from __future__ import annotations

from collections import defaultdict

from ccpa_readiness.assess import conditions as _conditions  # noqa: F401  (registers the conditions)
from ccpa_readiness.assess.models import Applicability, Verdict
from ccpa_readiness.assess.registry import CONDITIONS
from ccpa_readiness.catalog.models import Catalog, LawFigure
from ccpa_readiness.facts.models import Facts

EXEMPTION_CITATIONS = {
    "hipaa": ("HIPAA protected health information", "Civ. §1798.145(c)"),
    "cmia": ("CMIA medical information", "Civ. §1798.145(c)"),
    "fcra": ("FCRA consumer-report activity", "Civ. §1798.145(d)"),
    "glba": ("GLBA/CalFIPA financial information", "Civ. §1798.145(e)"),
    "dppa": ("DPPA motor-vehicle records", "Civ. §1798.145(f)"),
}
BREACH_RIGHT_SURVIVES = {"fcra", "glba", "dppa"}
# applies-when conditions answered here (they need figures of law), beside the registered ones
ENHANCED_CONDITIONS = ("large_volume_10m", "cyberaudit_threshold", "risk_assessment_trigger")


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _at_least(value: float | None, figure: LawFigure) -> bool | None:
    return None if value is None else value >= figure.value


def _above(value: float | None, figure: LawFigure) -> bool | None:
    return None if value is None else value > figure.value


def _business_verdicts(facts: Facts, catalog: Catalog) -> tuple[list[Verdict], list[Verdict]]:
    """(the gate: for-profit and California; the three thresholds)."""
    org = facts.organization.organization
    revenue = catalog.figure("revenue_threshold_usd")
    consumers = catalog.figure("consumers_households_threshold")
    share = catalog.figure("revenue_share_selling_sharing")
    gate = [
        Verdict(
            question="For-profit entity",
            answer=org.for_profit,
            reason="declared for-profit"
            if org.for_profit
            else "declared not for profit: not a CCPA business",
            citation="Civ. §1798.140(d)(1)",
        ),
        Verdict(
            question="Does business in California",
            answer=org.does_business_in_california,
            reason="declared" if org.does_business_in_california else "declared no business in California",
            citation="Civ. §1798.140(d)(1)",
        ),
    ]
    revenue_value = org.annual_gross_revenue_usd
    consumers_value = org.consumers_households_bought_sold_shared_per_year
    share_value = org.revenue_share_from_selling_sharing
    thresholds = [
        Verdict(
            question=f"Annual gross revenue above {_money(revenue.value)}",
            answer=_above(revenue_value, revenue),
            reason="revenue not declared"
            if revenue_value is None
            else f"{_money(revenue_value)} declared (threshold: above {_money(revenue.value)}, "
            f"effective {revenue.effective})",
            citation=revenue.citation,
        ),
        Verdict(
            question=f"Buys, sells or shares PI of {consumers.value:,.0f} or more consumers or households",
            answer=_at_least(consumers_value, consumers),
            reason="count not declared"
            if consumers_value is None
            else f"{consumers_value:,} declared (threshold: {consumers.value:,.0f} or more)",
            citation=consumers.citation,
        ),
        Verdict(
            question=f"{share.value:.0%} or more of revenue from selling or sharing PI",
            answer=_at_least(share_value, share),
            reason="share not declared"
            if share_value is None
            else f"{share_value:.1%} declared (threshold: {share.value:.0%} or more)",
            citation=share.citation,
        ),
    ]
    return gate, thresholds


def _enhanced_verdicts(
    facts: Facts, catalog: Catalog, conditions: dict[str, bool | None]
) -> dict[str, Verdict]:
    """The enhanced-obligation triggers, keyed by the applies-when condition each one answers."""
    org = facts.organization.organization
    large = catalog.figure("large_volume_consumers")
    audit_consumers = catalog.figure("cyberaudit_consumers_threshold")
    audit_spi = catalog.figure("cyberaudit_spi_consumers_threshold")
    revenue = catalog.figure("revenue_threshold_usd")
    share = catalog.figure("revenue_share_selling_sharing")

    by_share = _at_least(org.revenue_share_from_selling_sharing, share)
    by_revenue = _above(org.annual_gross_revenue_usd, revenue)
    by_volume = _any_true(
        _at_least(org.consumers_per_year, audit_consumers),
        _at_least(org.consumers_with_spi_per_year, audit_spi),
    )
    audit = _any_true(by_share, _all_true(by_revenue, by_volume))
    risk_triggers = {
        name: conditions.get(name)
        for name in (
            "sells_or_shares",
            "collects_spi",
            "uses_admt",
            "uses_ai_training",
            "uses_voice_biometrics",
        )
    }
    risk = _any_true(*risk_triggers.values())
    fired = [name for name, value in risk_triggers.items() if value]
    return {
        "large_volume_10m": Verdict(
            question=f"{large.value:,.0f} or more consumers a year (training policy, published metrics)",
            answer=_at_least(org.consumers_per_year, large),
            reason="consumer count not declared"
            if org.consumers_per_year is None
            else f"{org.consumers_per_year:,} consumers declared",
            citation=large.citation,
        ),
        "cyberaudit_threshold": Verdict(
            question="Annual cybersecurity audit required",
            answer=audit,
            reason=(
                f"{share.value:.0%}+ revenue from selling/sharing, or revenue above "
                f"{_money(revenue.value)} with PI of {audit_consumers.value:,.0f}+ consumers "
                f"or SPI of {audit_spi.value:,.0f}+ consumers. "
                "Interpretation: 'or more' read as inclusive (sources differ)."
            ),
            citation=audit_consumers.citation,
        ),
        "risk_assessment_trigger": Verdict(
            question="Processing that needs a risk assessment",
            answer=risk,
            reason=("triggered by: " + ", ".join(fired)) if fired else "no trigger declared",
            citation="Civ. §1798.185(a)(15)(B); CCR §7150",
        ),
        "uses_admt": Verdict(
            question="Automated decision-making technology for significant decisions",
            answer=conditions.get("uses_admt"),
            reason="declared by analytics tools (makes_significant_decisions)",
            citation="CCR §7200",
        ),
    }


def _exemption_verdicts(facts: Facts) -> list[Verdict]:
    by_exemption: dict[str, list[str]] = defaultdict(list)
    for element in facts.data_elements or []:
        if element.exemption:
            by_exemption[element.exemption].append(element.id)
    verdicts = []
    for exemption, element_ids in sorted(by_exemption.items()):
        label, citation = EXEMPTION_CITATIONS[exemption]
        survives = (
            " The §1798.150 breach right of action still applies to this data."
            if exemption in BREACH_RIGHT_SURVIVES
            else ""
        )
        verdicts.append(
            Verdict(
                question=f"Data exempt as {label}",
                answer=True,
                reason=f"data elements {', '.join(sorted(element_ids))} (the exemption covers data, "
                f"not the organization).{survives}",
                citation=citation,
            )
        )
    return verdicts


def _any_true(*answers: bool | None) -> bool | None:
    if any(a is True for a in answers):
        return True
    return None if any(a is None for a in answers) else False


def _all_true(*answers: bool | None) -> bool | None:
    if any(a is False for a in answers):
        return False
    return None if any(a is None for a in answers) else True


def decide_applicability(facts: Facts, catalog: Catalog) -> Applicability:
    conditions: dict[str, bool | None] = {
        name: function(facts) for name, function in sorted(CONDITIONS.items())
    }
    gate, thresholds = _business_verdicts(facts, catalog)
    enhanced = _enhanced_verdicts(facts, catalog, conditions)
    conditions.update({name: verdict.answer for name, verdict in enhanced.items()})
    reasons = gate + thresholds
    met = [v for v in thresholds if v.answer is True]
    if not all(v.answer for v in gate):
        applies, determined = False, True
    elif met:
        applies, determined = True, True
    elif all(v.answer is False for v in thresholds):
        applies, determined = False, True
        reasons.append(
            Verdict(
                question="Any threshold met",
                answer=False,
                reason="none of the three thresholds is met: not a CCPA business",
                citation="Civ. §1798.140(d)(1)(A)-(C)",
            )
        )
    else:
        applies, determined = True, False
        reasons.append(
            Verdict(
                question="Any threshold met",
                answer=None,
                reason="no threshold is met by the facts declared, but some are missing; assessed as a "
                "business until they are declared (conservative assumption)",
                citation="Civ. §1798.140(d)(1)(A)-(C)",
            )
        )
    return Applicability(
        applies=applies,
        determined=determined,
        reasons=reasons,
        enhanced_triggers=list(enhanced.values()),
        exemptions=_exemption_verdicts(facts),
        conditions=dict(sorted(conditions.items())),
    )
