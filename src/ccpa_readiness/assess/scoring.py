"""Risk = severity x likelihood x exposure; the exposure range in dollars; scores per area."""

from __future__ import annotations

from collections import Counter

from ccpa_readiness.assess.checks.common import assumptions
from ccpa_readiness.assess.models import AreaScore, Exposure, Finding, Outcome, Risk, Scores
from ccpa_readiness.catalog.models import Area, Catalog, Requirement
from ccpa_readiness.workspace.models import Volumes

CREDIT = {Outcome.met: 1.0, Outcome.partial: 0.5, Outcome.gap: 0.0, Outcome.unknown: 0.0}
# not scored: a duty that does not apply, and one not yet due (`upcoming`: judged from its date on)
UNSCORED = (Outcome.not_applicable, Outcome.upcoming)


def population(volumes: Volumes, area: Area) -> tuple[int, str]:
    """How many possible violations a year, for the area's kind of population, and in words."""
    kind = assumptions()["risk"]["population_by_area"][area.value]
    share = volumes.california_share
    counts = {
        "calls": volumes.calls_per_year,
        "contacts": volumes.calls_per_year
        + volumes.chats_per_year
        + volumes.emails_per_year
        + volumes.sms_per_year,
        "requests": volumes.consumer_requests_per_year or 0,
    }
    if kind == "requests":
        return counts["requests"], "consumer requests a year"
    return round(counts[kind] * share), f"California {kind} a year ({share:.0%} of {counts[kind]:,})"


def exposure_for(requirement: Requirement, catalog: Catalog, volumes: Volumes) -> Exposure | None:
    """The dollar range across the requirement's penalty bases (alternatives, not added up)."""
    amounts = [
        catalog.law.penalties[code]
        for code in requirement.penalty_basis
        if code in catalog.law.penalties and catalog.law.penalties[code].per != "none"
    ]
    amounts = [p for p in amounts if p.low_usd is not None or p.high_usd is not None]
    if not amounts:
        return None
    count, words = population(volumes, requirement.area)
    per_unit = [value for p in amounts for value in (p.low_usd, p.high_usd) if value is not None]
    low = min(per_unit)
    high = max(per_unit) * max(count, 1)
    codes = [code for code in requirement.penalty_basis if code in catalog.law.penalties]
    return Exposure(
        low_usd=low,
        high_usd=high,
        penalty_basis=codes,
        assumptions=(
            f"low: one violation at the smallest amount (${low:,.0f}); high: every one of {count:,} {words} "
            f"counted as a violation at ${max(per_unit):,.0f}. Penalty bases are alternatives, not added. "
            "An upper bound for ranking, not a prediction."
        ),
    )


def risk_of(requirement: Requirement, outcome: Outcome, exposure: Exposure | None) -> tuple[Risk, int]:
    settings = assumptions()["risk"]
    likelihood = int(settings["likelihood"][outcome.value])
    levels_usd = settings["exposure_levels_usd"]
    high_usd = 0.0 if exposure is None else exposure.high_usd
    exposure_level = 3 if high_usd >= levels_usd["high"] else 2 if high_usd >= levels_usd["medium"] else 1
    severity = requirement.severity.weight
    score = round(100 * severity * likelihood * exposure_level / 27)
    level = next((name for name, bound in settings["levels"].items() if score >= bound), "none")
    return Risk(severity=severity, likelihood=likelihood, exposure=exposure_level, level=level), score


def prioritise(findings: list[Finding]) -> list[Finding]:
    """Number the open findings in fix order: risk score, then exposure, then severity, then id."""
    open_findings = [f for f in findings if f.outcome in (Outcome.gap, Outcome.partial, Outcome.unknown)]
    order = sorted(
        open_findings,
        key=lambda f: (
            -f.risk_score,
            -(f.exposure.high_usd if f.exposure else 0),
            -f.risk.severity,
            f.requirement_id,
        ),
    )
    rank = {f.requirement_id: index + 1 for index, f in enumerate(order)}
    return [f.model_copy(update={"priority": rank.get(f.requirement_id)}) for f in findings]


def score(findings: list[Finding]) -> Scores:
    """Per area: severity-weighted share of credit (met 1, partial 0.5); not applicable and
    upcoming left out."""
    by_area: dict[Area, AreaScore] = {}
    total_weight = total_credit = 0.0
    for area in Area:
        in_area = [f for f in findings if f.area == area]
        counts = Counter(f.outcome for f in in_area)
        scored = [f for f in in_area if f.outcome not in UNSCORED]
        weight = sum(f.risk.severity for f in scored)
        credit = sum(f.risk.severity * CREDIT[f.outcome] for f in scored)
        total_weight += weight
        total_credit += credit
        by_area[area] = AreaScore(
            score=round(100 * credit / weight, 1) if weight else None,
            counts={outcome: counts.get(outcome, 0) for outcome in Outcome},
        )
    return Scores(
        overall=round(100 * total_credit / total_weight, 1) if total_weight else None,
        by_area=by_area,
        outcome_counts={outcome: sum(1 for f in findings if f.outcome == outcome) for outcome in Outcome},
        open_by_risk_level={
            level: sum(1 for f in findings if f.priority is not None and f.risk.level == level)
            for level in assumptions()["risk"]["levels"]
        },
    )
