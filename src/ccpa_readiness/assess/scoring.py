"""Risk = severity x likelihood x exposure; the exposure range in dollars; scores per area."""

from __future__ import annotations

import statistics
from collections import Counter

from ccpa_readiness.assess.checks.common import assumptions
from ccpa_readiness.assess.models import OPEN_OUTCOMES, AreaScore, Exposure, Finding, Outcome, Risk, Scores
from ccpa_readiness.catalog.models import Area, Catalog, Requirement, Severity
from ccpa_readiness.workspace.models import Volumes

# readiness counts what is decided: met, partial and gap; unknown is left to coverage
CREDIT = {Outcome.met: 1.0, Outcome.partial: 0.5, Outcome.gap: 0.0}
UNDECIDED = {Outcome.unknown}


def _stated(*values: int | None) -> int | None:
    """The sum of the volumes, or None when none is stated."""
    stated = [v for v in values if v is not None]
    return sum(stated) if stated else None


def population(volumes: Volumes, area: Area, consumers: int | None = None) -> tuple[int, str]:
    """How many possible violations a year, for the area's kind of population, and in words.

    A volume not stated is taken from the assumptions (`risk.volume_when_unknown`) and said so.
    Contacts are bounded by the California consumers declared (`consumers_per_year`): a consumer
    who calls three times is one consumer, so the bound never exceeds the center's own volumes.
    """
    kind = assumptions()["risk"]["population_by_area"][area.value]
    share = volumes.california_share
    counts = {
        "calls": volumes.calls_per_year,
        "contacts": _stated(
            volumes.calls_per_year, volumes.chats_per_year, volumes.emails_per_year, volumes.sms_per_year
        ),
        "requests": volumes.consumer_requests_per_year,
    }
    count = counts[kind]
    assumed = ""
    if count is None:
        count = int(assumptions()["risk"]["volume_when_unknown"][kind])
        assumed = f" (not stated in ccpa.yaml volumes: {count:,} assumed)"
    if kind == "requests":
        return count, f"consumer requests a year{assumed}"
    californian = round(count * share)
    if consumers is not None and consumers < californian:
        fewer = f"declared; fewer than the {californian:,} {kind}{assumed}"
        return consumers, f"California consumers a year ({fewer})"
    return californian, f"California {kind} a year ({share:.0%} of {count:,}){assumed}"


def expected_usd(outcome: Outcome, high_usd: float) -> tuple[float, str]:
    """The expected figure beside the range, and how it was reached (`risk.expected` assumptions)."""
    settings = assumptions()["risk"]["expected"]
    typical = float(statistics.median(settings["enforcement_amounts_usd"]))
    share = float(settings["unmet_share"][outcome.value])
    expected = min(high_usd, typical * share)
    capped = " (capped at the upper bound)" if typical * share > high_usd else ""
    return expected, (
        f"expected ${expected:,.0f}: the median CCPA enforcement amount 2025-2026 (${typical:,.0f}) "
        f"x {share:.0%} chance the duty is unmet ({outcome.value.replace('_', ' ')}){capped}"
    )


def exposure_for(
    requirement: Requirement,
    catalog: Catalog,
    volumes: Volumes,
    outcome: Outcome = Outcome.gap,
    consumers: int | None = None,
) -> Exposure | None:
    """The dollar range across the requirement's penalty bases (alternatives, not added up), and
    the expected figure for the outcome."""
    amounts = [
        catalog.law.penalties[code]
        for code in requirement.penalty_basis
        if code in catalog.law.penalties and catalog.law.penalties[code].per != "none"
    ]
    amounts = [p for p in amounts if p.low_usd is not None or p.high_usd is not None]
    if not amounts:
        return None
    count, words = population(volumes, requirement.area, consumers)
    per_unit = [value for p in amounts for value in (p.low_usd, p.high_usd) if value is not None]
    low = min(per_unit)
    high = max(per_unit) * max(count, 1)
    codes = [code for code in requirement.penalty_basis if code in catalog.law.penalties]
    expected, expected_reason = expected_usd(outcome, high)
    return Exposure(
        low_usd=low,
        high_usd=high,
        expected_usd=expected,
        counted=max(count, 1),
        in_one_line=(
            f"{expected_reason}; range: one violation at ${low:,.0f} to {count:,} {words} "
            f"at ${max(per_unit):,.0f}"
        ),
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
    open_findings = [f for f in findings if f.outcome in OPEN_OUTCOMES]
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


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def score(findings: list[Finding]) -> Scores:
    """Readiness: severity-weighted credit (met 1, partial 0.5, gap 0) over the decided requirements.
    Coverage: the severity-weighted share of applicable requirements that are decided."""
    by_area: dict[Area, AreaScore] = {}
    totals = Counter[str]()
    for area in Area:
        in_area = [f for f in findings if f.area == area]
        counts = Counter(f.outcome for f in in_area)
        decided = [f for f in in_area if f.outcome in CREDIT]
        weight = sum(f.risk.severity for f in decided)
        credit = sum(f.risk.severity * CREDIT[f.outcome] for f in decided)
        applicable = weight + sum(f.risk.severity for f in in_area if f.outcome in UNDECIDED)
        totals.update({"weight": weight, "credit": credit, "applicable": applicable})
        by_area[area] = AreaScore(
            score=_percent(credit, weight),
            coverage=_percent(weight, applicable),
            counts={outcome: counts.get(outcome, 0) for outcome in Outcome},
        )
    return Scores(
        overall=_percent(totals["credit"], totals["weight"]),
        coverage=_percent(totals["weight"], totals["applicable"]),
        by_area=by_area,
        outcome_counts={outcome: sum(1 for f in findings if f.outcome == outcome) for outcome in Outcome},
        open_by_risk_level={
            level: sum(1 for f in findings if f.priority is not None and f.risk.level == level)
            for level in assumptions()["risk"]["levels"]
        },
        open_findings=sum(1 for f in findings if f.outcome in OPEN_OUTCOMES),
        open_by_severity=open_by_severity(findings),
        open_by_severity_likelihood=open_by_severity_likelihood(findings),
    )


def _open_of(findings: list[Finding], severity: Severity) -> list[Finding]:
    return [f for f in findings if f.outcome in OPEN_OUTCOMES and f.severity == severity]


SEVERITIES_HIGH_FIRST = sorted(Severity, key=lambda s: -s.weight)


def open_by_severity(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Open findings (`OPEN_OUTCOMES`) per severity, high first, and outcome."""
    return {
        severity.value: {
            outcome.value: sum(1 for f in _open_of(findings, severity) if f.outcome == outcome)
            for outcome in OPEN_OUTCOMES
        }
        for severity in SEVERITIES_HIGH_FIRST
    }


def open_by_severity_likelihood(findings: list[Finding]) -> dict[str, dict[int, int]]:
    """The heat map's cells: open findings per severity (high first) and likelihood (3 first)."""
    likelihoods = sorted({int(v) for v in assumptions()["risk"]["likelihood"].values()}, reverse=True)
    return {
        severity.value: {
            likelihood: sum(1 for f in _open_of(findings, severity) if f.risk.likelihood == likelihood)
            for likelihood in likelihoods
        }
        for severity in SEVERITIES_HIGH_FIRST
    }
