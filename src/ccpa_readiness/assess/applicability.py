"""Is the organization a CCPA business, in which roles, which enhanced obligations apply, which data
is exempt. One computation: the applicability section and the APP-/CYBERAUDIT-/RA- findings read it.

Every figure comes from the catalog's `law.yaml` (with its citation); nothing is hard-coded here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ccpa_readiness.assess import conditions as _conditions  # noqa: F401  (registers the conditions)
from ccpa_readiness.assess.models import Applicability, LawWarning, Verdict
from ccpa_readiness.assess.registry import CONDITIONS
from ccpa_readiness.assess.roles import ROLE_WORDS, held_roles, relationships_of, scoped_facts
from ccpa_readiness.catalog.models import Catalog, CatalogRole, LawFigure
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Organization

PATIENT_INFORMATION = (
    " Under §1798.145(c)(1)(B) a covered entity or provider is exempt, beyond this data, to the extent "
    "it maintains patient information in the same manner as medical information or PHI."
)
EXEMPTION_CITATIONS = {
    "hipaa": ("HIPAA protected health information", "Civ. §1798.145(c)(1)(A)-(B)"),
    "cmia": ("CMIA medical information", "Civ. §1798.145(c)(1)(A)-(B)"),
    "clinical_trial": ("clinical-trial information", "Civ. §1798.145(c)(1)(C)"),
    "fcra": ("FCRA consumer-report activity", "Civ. §1798.145(d)"),
    "glba": ("GLBA/CalFIPA/Farm Credit Act financial information", "Civ. §1798.145(e)"),
    "dppa": ("DPPA motor-vehicle records", "Civ. §1798.145(f)"),
    "vehicle_warranty": ("vehicle and warranty information", "Civ. §1798.145(g)"),
    "insurance": (
        "insurance information (interpretation: the 2025 regulations' insurance article, "
        "content not verified)",
        "CCR Art. 12 (2025 package)",
    ),
}
BREACH_RIGHT_SURVIVES = {"fcra", "glba", "dppa"}
# applies-when conditions answered here (they need figures of law), beside the registered ones
ENHANCED_CONDITIONS = ("large_volume_10m", "cyberaudit_threshold", "risk_assessment_trigger")
RISK_TRIGGERS = {
    "sells_or_shares": "selling or sharing PI (§7150(b)(1))",
    "processes_spi_needing_assessment": "processing SPI outside the workforce exception (§7150(b)(2))",
    "uses_admt": "ADMT for a significant decision (§7150(b)(3))",
    "observes_workforce": "inference from systematic observation of employees (§7150(b)(4))",
    "uses_ai_training": "training AI on PI (§7150(b)(6); interpretation: read broadly, any training)",
    "uses_voice_biometrics": "voice biometrics (§7150(b)(2), (b)(6))",
}


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _at_least(value: float | None, figure: LawFigure) -> bool | None:
    return None if value is None else value >= figure.value


def _above(value: float | None, figure: LawFigure) -> bool | None:
    return None if value is None else value > figure.value


def _any_true(*answers: bool | None) -> bool | None:
    if any(a is True for a in answers):
        return True
    return None if any(a is None for a in answers) else False


def _all_true(*answers: bool | None) -> bool | None:
    if any(a is False for a in answers):
        return False
    return None if any(a is None for a in answers) else True


def revenue_year_warning(org: Organization, as_of: dt.date) -> LawWarning | None:
    """Revenue counts for the preceding calendar year: a declared `revenue_year` that is not it."""
    wanted = as_of.year - 1
    if org.annual_gross_revenue_usd is None or org.revenue_year in (None, wanted):
        return None
    return LawWarning(
        key="revenue_year",
        message=f"revenue is declared for {org.revenue_year}, but an assessment dated {as_of} compares "
        f"the revenue of the preceding calendar year ({wanted}): declare {wanted}'s revenue",
        citation="Civ. §1798.140(d)(1)(A)",
    )


def figure_warnings(catalog: Catalog, as_of: dt.date) -> list[LawWarning]:
    """Periodically adjusted figures whose known validity ends before the assessment date."""
    return [
        LawWarning(
            key=key,
            message=f"{key} ({figure.value:,.0f} {figure.unit}) is known to hold until {figure.valid_until}; "
            f"an assessment dated {as_of} may use a superseded figure (adjusted under {figure.adjusted_by})",
            citation=figure.citation,
        )
        for key, figure in sorted(catalog.law.figures.items())
        if figure.valid_until is not None and as_of > figure.valid_until
    ]


def _revenue_verdict(org: Organization, figure: LawFigure, as_of: dt.date) -> Verdict:
    value = org.annual_gross_revenue_usd
    wanted = as_of.year - 1
    if value is None:
        reason = "revenue not declared"
    else:
        year = (
            f"for {wanted} (the preceding calendar year)"
            if org.revenue_year == wanted
            else f"for {org.revenue_year}, not the preceding calendar year {wanted}"
            if org.revenue_year is not None
            else f"year not declared: taken as {wanted}, the preceding calendar year"
        )
        reason = (
            f"{_money(value)} declared {year} (threshold: above {_money(figure.value)}, "
            f"effective {figure.effective})"
        )
    return Verdict(
        question=f"Annual gross revenue above {_money(figure.value)}",
        answer=_above(value, figure),
        reason=reason,
        citation=figure.citation,
    )


def _business_verdicts(facts: Facts, catalog: Catalog) -> tuple[list[Verdict], list[Verdict], list[Verdict]]:
    """(the (d)(1) gate: for-profit and California; the three thresholds; the (d)(2)-(4) forms)."""
    org = facts.organization.organization
    consumers = catalog.figure("consumers_households_threshold")
    share = catalog.figure("revenue_share_selling_sharing")
    gate = [
        Verdict(
            question="For-profit entity",
            answer=org.for_profit,
            reason="declared for-profit" if org.for_profit else "declared not for profit",
            citation="Civ. §1798.140(d)(1)",
        ),
        Verdict(
            question="Does business in California",
            answer=org.does_business_in_california,
            reason="declared" if org.does_business_in_california else "declared no business in California",
            citation="Civ. §1798.140(d)(1)",
        ),
    ]
    consumers_value = org.consumers_households_bought_sold_shared_per_year
    share_value = org.revenue_share_from_selling_sharing
    thresholds = [
        _revenue_verdict(org, catalog.figure("revenue_threshold_usd"), facts.as_of),
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
    forms = [
        Verdict(
            question=question,
            answer=answer,
            reason="not declared (taken as no; declare it to decide)" if answer is None else "declared",
            citation=citation,
        )
        for question, answer, citation in (
            (
                "Controls or is controlled by a business, shares its branding and PI with it",
                org.controls_or_controlled_by_business_with_common_branding,
                "Civ. §1798.140(d)(2)",
            ),
            (
                "Joint venture or partnership of businesses each holding 40% or more",
                org.joint_venture_of_businesses,
                "Civ. §1798.140(d)(3)",
            ),
            ("Voluntarily certified to the CPPA", org.voluntarily_certified_to_cppa, "Civ. §1798.140(d)(4)"),
        )
    ]
    return gate, thresholds, forms


def _business_status(
    gate: list[Verdict], thresholds: list[Verdict], forms: list[Verdict], revenue_year_ok: bool
) -> tuple[bool, bool, Verdict | None]:
    """(applies, determined, the concluding verdict if one is needed)."""
    if any(v.answer is True for v in forms):
        return True, True, None
    forms_known = all(v.answer is not None for v in forms)
    if not all(v.answer for v in gate):
        return False, forms_known, None
    met = [v for v in thresholds if v.answer is True]
    if met:
        decided_by_revenue_only = met == thresholds[:1] and not revenue_year_ok
        return True, not decided_by_revenue_only, None
    if all(v.answer is False for v in thresholds):
        return (
            False,
            forms_known,
            Verdict(
                question="Any threshold met",
                answer=False,
                reason="none of the three thresholds is met",
                citation="Civ. §1798.140(d)(1)(A)-(C)",
            ),
        )
    return (
        True,
        False,
        Verdict(
            question="Any threshold met",
            answer=None,
            reason="no threshold is met by the facts declared, but some are missing; assessed as a "
            "business until they are declared (conservative assumption)",
            citation="Civ. §1798.140(d)(1)(A)-(C)",
        ),
    )


def _not_evaluated(question: str, citation: str) -> Verdict:
    return Verdict(
        question=question,
        answer=False,
        reason="not evaluated: the CCPA does not reach the organization as a business",
        citation=citation,
    )


def _enhanced_verdicts(
    facts: Facts, catalog: Catalog, conditions: dict[str, bool | None], is_business: bool
) -> dict[str, Verdict]:
    """The enhanced-obligation triggers, keyed by the applies-when condition each one answers."""
    org = facts.organization.organization
    large = catalog.figure("large_volume_consumers")
    audit_consumers = catalog.figure("cyberaudit_consumers_threshold")
    audit_spi = catalog.figure("cyberaudit_spi_consumers_threshold")
    revenue = catalog.figure("revenue_threshold_usd")
    share = catalog.figure("cyberaudit_revenue_share")
    questions = {
        "large_volume_10m": (
            f"{large.value:,.0f} or more consumers a year (training policy, published metrics)",
            large.citation,
        ),
        "cyberaudit_threshold": ("Annual cybersecurity audit required", audit_consumers.citation),
        "risk_assessment_trigger": (
            "Processing that needs a risk assessment",
            "Civ. §1798.185(a)(15)(B); CCR §7150(b)",
        ),
        "uses_admt": ("Automated decision-making technology for significant decisions", "CCR §7200"),
    }
    if not is_business:
        return {name: _not_evaluated(question, citation) for name, (question, citation) in questions.items()}

    processed = _processed_count(org, audit_consumers)
    by_volume = _any_true(processed, _at_least(org.consumers_with_spi_per_year, audit_spi))
    audit = _any_true(
        _at_least(org.revenue_share_from_selling_sharing, share),
        _all_true(_above(org.annual_gross_revenue_usd, revenue), by_volume),
    )
    triggers = {name: conditions.get(name) for name in RISK_TRIGGERS}
    fired = [RISK_TRIGGERS[name] for name, value in triggers.items() if value]
    open_ = [name for name, value in triggers.items() if value is None]
    risk = _any_true(*triggers.values())
    risk_reason = (
        "triggered by: " + "; ".join(fired)
        if fired
        else "not known for: " + ", ".join(open_)
        if open_
        else "no trigger declared"
    )
    answers: dict[str, tuple[bool | None, str]] = {
        "large_volume_10m": (
            _at_least(org.consumers_per_year, large),
            "consumer count not declared"
            if org.consumers_per_year is None
            else f"{org.consumers_per_year:,} consumers declared",
        ),
        "cyberaudit_threshold": (
            audit,
            f"{share.value:.0%}+ revenue from selling/sharing, or revenue above {_money(revenue.value)} "
            f"with PI of {audit_consumers.value:,.0f} or more consumers or households processed in the "
            f"preceding year, or SPI of {audit_spi.value:,.0f} or more consumers",
        ),
        "risk_assessment_trigger": (risk, risk_reason),
        "uses_admt": (
            conditions.get("uses_admt"),
            "declared by analytics tools (makes_significant_decisions)",
        ),
    }
    return {
        name: Verdict(question=questions[name][0], answer=answer, reason=reason, citation=questions[name][1])
        for name, (answer, reason) in answers.items()
    }


def _processed_count(org: Organization, figure: LawFigure) -> bool | None:
    """Consumers or households whose PI was processed (§7120(b)(2)(A)); counts of PI bought, sold,
    shared or received are a lower bound of it, so they can show the threshold is reached."""
    declared = org.consumers_or_households_processed_prior_year
    if declared is not None:
        return declared >= figure.value
    lower_bounds = [
        v
        for v in (org.consumers_per_year, org.consumers_households_bought_sold_shared_per_year)
        if v is not None
    ]
    return True if any(v >= figure.value for v in lower_bounds) else None


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
        entity = PATIENT_INFORMATION if exemption in ("hipaa", "cmia") else ""
        verdicts.append(
            Verdict(
                question=f"Data exempt as {label}",
                answer=True,
                reason=f"data elements {', '.join(sorted(element_ids))} (the exemption covers this data, "
                f"not the organization as a whole).{survives}{entity}",
                citation=citation,
            )
        )
    return verdicts


def conditions_of(facts: Facts) -> dict[str, bool | None]:
    """The registered applies-when conditions answered over these facts."""
    return {name: function(facts) for name, function in sorted(CONDITIONS.items())}


def _applies_instead(
    held: set[CatalogRole], conditions: dict[str, bool | None], clients: list[str]
) -> list[str]:
    """What reaches an organization the CCPA does not reach as a business, in plain words."""
    duties = []
    for role in (CatalogRole.service_provider, CatalogRole.contractor):
        if role in held:
            for_whom = f" for {', '.join(clients)}" if clients else ""
            duties.append(
                f"its duties as {ROLE_WORDS[role.value]}{for_whom}: contract terms, use limits, "
                "subcontractors and help with the client's consumer requests (CCR §7050, §7051; "
                "directly liable under Civ. §1798.155(a), §1798.199.90(a))"
            )
    if CatalogRole.third_party in held:
        duties.append("its duties as a third party that receives PI (Civ. §1798.100(d); CCR §7052-§7053)")
    activities = (
        ("records_calls", "CIPA, because it records or monitors calls (Pen. §§631, 632, 632.7, 637.2)"),
        ("takes_payments_by_phone", "PCI DSS v4.0.1, because it takes card payments (contractual)"),
        ("uses_bots", "the bot-disclosure law, because it uses bots (B&P §17941)"),
    )
    duties.extend(words for name, words in activities if conditions.get(name))
    duties.append("breach notification for computerized PI it owns, licenses or maintains (Civ. §1798.82)")
    return duties


def _statement(
    name: str, applies: bool, held: set[CatalogRole], reasons: list[Verdict], undecided: list[str]
) -> str:
    """In plain words; while `undecided` (what the workspace has yet to declare) is not empty the
    statement never says the CCPA applies or does not."""
    roles = [ROLE_WORDS[r.value] for r in sorted(held - {CatalogRole.anyone}, key=lambda r: r.value)]
    as_roles = " and ".join(roles) if roles else "a business"
    if undecided:
        assumed = f"as {as_roles}" if applies else "as not a business"
        return (
            f"Undetermined whether the CCPA reaches {name} as a business; still to declare: "
            f"{'; '.join(undecided)}. Assessed {assumed} until then."
        )
    if applies:
        return f"The CCPA applies to {name} as {as_roles}."
    failed = [
        f"{v.question}: no ({v.reason})" for v in reasons if v.answer is False and "(d)(1)" in v.citation
    ]
    forms = [v for v in reasons if "(d)(2)" in v.citation or "(d)(3)" in v.citation or "(d)(4)" in v.citation]
    unstated = [v.citation for v in forms if v.answer is None]
    forms_said = (
        f"; the business forms of {', '.join(unstated)} are not stated"
        if unstated
        else "; and it is none of the business forms of Civ. §1798.140(d)(2)-(4)"
    )
    other = f" It acts as {' and '.join(roles)}, and those duties still apply." if roles else ""
    return f"The CCPA does not apply to {name} as a business: {'; '.join(failed)}{forms_said}.{other}"


def _undecided(verdicts: list[Verdict], year_warning: LawWarning | None) -> list[str]:
    """What an undetermined status waits for: the open questions, or the revenue of the right year."""
    open_questions = [f"{v.question}: {v.reason}" for v in verdicts if v.answer is None]
    if not open_questions and year_warning is not None:
        return [year_warning.message]
    return open_questions


def decide_applicability(facts: Facts, catalog: Catalog) -> Applicability:
    org = facts.organization.organization
    gate, thresholds, forms = _business_verdicts(facts, catalog)
    year_warning = revenue_year_warning(org, facts.as_of)
    applies, determined, conclusion = _business_status(gate, thresholds, forms, year_warning is None)
    held = held_roles(org, applies)
    conditions = conditions_of(facts)
    business_conditions = conditions_of(scoped_facts(facts, CatalogRole.business))
    enhanced = _enhanced_verdicts(facts, catalog, business_conditions, CatalogRole.business in held)
    conditions.update({name: verdict.answer for name, verdict in enhanced.items()})
    reasons = gate + thresholds + forms + ([conclusion] if conclusion else [])
    undecided = [] if determined else _undecided(gate + thresholds + forms, year_warning)
    clients = sorted({r.client for r in org.relationships if r.client and r.role.value != "business"})
    return Applicability(
        applies=applies,
        determined=determined,
        reasons=reasons,
        enhanced_triggers=list(enhanced.values()),
        exemptions=_exemption_verdicts(facts),
        conditions=dict(sorted(conditions.items())),
        relationships=relationships_of(org),
        roles=sorted(r.value for r in held),
        statement=_statement(org.name, applies, held, reasons, undecided),
        applies_instead=[] if applies else _applies_instead(held, conditions, clients),
    )
