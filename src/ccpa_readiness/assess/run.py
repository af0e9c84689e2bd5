"""Decide every requirement of the catalog over the facts: applicability first, then its checks."""

from __future__ import annotations

from collections import Counter

from ccpa_readiness.assess import checks as _checks  # noqa: F401  (registers the checks)
from ccpa_readiness.assess.applicability import (
    ENHANCED_CONDITIONS,
    conditions_of,
    decide_applicability,
    figure_warnings,
    revenue_year_warning,
)
from ccpa_readiness.assess.dates import due_date
from ccpa_readiness.assess.models import (
    Applicability,
    Assessment,
    CatalogStamp,
    CheckResult,
    Finding,
    FindingBasis,
    Outcome,
)
from ccpa_readiness.assess.registry import CHECKS, CheckContext
from ccpa_readiness.assess.roles import ROLE_WORDS, governing_role, relationship_ids, scoped_facts
from ccpa_readiness.assess.scoring import exposure_for, prioritise, risk_of, score
from ccpa_readiness.catalog.models import Catalog, CatalogRole, Requirement
from ccpa_readiness.errors import Problem
from ccpa_readiness.facts.models import Facts, Provenance, quoted

ATTESTATIONS_FILE = "inventory/attestations.yaml"


def combine_results(results: list[CheckResult]) -> CheckResult:
    """One requirement's outcome from its checks' outcomes.

    All met: met. Gaps with nothing met: gap. Gaps or partials beside met or partial: partial.
    Unknown beside met: unknown. Checks that do not apply are left out.
    """
    applicable = [r for r in results if r.outcome != Outcome.not_applicable]
    if not applicable:
        return CheckResult(outcome=Outcome.not_applicable, reason="; ".join(r.reason for r in results))
    outcomes = {r.outcome for r in applicable}
    if outcomes == {Outcome.met}:
        outcome = Outcome.met
    elif Outcome.partial in outcomes or (Outcome.gap in outcomes and Outcome.met in outcomes):
        outcome = Outcome.partial
    elif Outcome.gap in outcomes:
        outcome = Outcome.gap
    else:
        outcome = Outcome.unknown
    evidence = list({_evidence_key(e): e for r in applicable for e in r.evidence}.values())
    return CheckResult(
        outcome=outcome,
        reason="; ".join(r.reason for r in applicable),
        evidence=evidence,
        missing=sorted({m for r in applicable for m in r.missing}),
    )


def _evidence_key(item: Provenance) -> tuple[str, str, str, str]:
    return (item.basis.value, item.source, item.location, item.snippet)


def _not_applying_condition(requirement: Requirement, conditions: dict[str, bool | None]) -> str | None:
    """Why the requirement does not apply to this organization, or None when it does (or may)."""
    when = requirement.applies_when
    false_all = [name for name in when.all if conditions.get(name) is False]
    if false_all:
        return "does not apply: " + ", ".join(f"{name} is false" for name in false_all)
    if when.any and all(conditions.get(name) is False for name in when.any):
        return "does not apply: none of " + ", ".join(when.any) + " holds"
    return None


def _attested(facts: Facts, requirement: Requirement) -> CheckResult | None:
    attestations = facts.attestations
    attestation = None if attestations is None else attestations.attestations.get(requirement.id)
    if attestation is None:
        return None
    by = f" by {attestation.attested_by}" if attestation.attested_by else ""
    return CheckResult(
        outcome=Outcome(attestation.status),
        reason=f"attested{by}: {attestation.evidence}",
        evidence=[
            facts.declared(ATTESTATIONS_FILE, "attestations", requirement.id, snippet=attestation.evidence)
        ],
    )


def decide(requirement: Requirement, context: CheckContext) -> CheckResult:
    """The requirement's outcome: conditions, then its compliance date, then checks, then a
    declared attestation if still unknown."""
    why_not = _not_applying_condition(requirement, context.conditions)
    if why_not is not None:
        return CheckResult(outcome=Outcome.not_applicable, reason=why_not)
    due = due_date(requirement, context.catalog, context.facts.organization.organization)
    if due is not None and context.facts.as_of < due[0]:
        return CheckResult(outcome=Outcome.upcoming, reason=due[1])
    result = (
        combine_results([CHECKS[check_id](context) for check_id in requirement.checks])
        if requirement.checks
        else None
    )
    if result is not None and result.outcome not in (Outcome.unknown, Outcome.not_applicable):
        return result
    attested = _attested(context.facts, requirement)
    if attested is not None:
        return attested
    if result is not None:
        return result
    return CheckResult(
        outcome=Outcome.unknown,
        reason="no automated check: declare its status and proof in inventory/attestations.yaml",
        missing=[f"{ATTESTATIONS_FILE}: {requirement.id} ({requirement.evidence_expected})"],
    )


def _finding(
    requirement: Requirement, result: CheckResult, context: CheckContext, relationships: list[str]
) -> Finding:
    organization = context.facts.organization.organization
    exposure = exposure_for(
        requirement,
        context.catalog,
        context.facts.organization.volumes,
        result.outcome,
        organization.consumers_per_year,
    )
    risk, risk_score = risk_of(requirement, result.outcome, exposure)
    due = due_date(requirement, context.catalog, organization) if result.outcome == Outcome.upcoming else None
    return Finding(
        due_date=None if due is None else due[0],
        relationships=relationships,
        requirement_id=requirement.id,
        title=requirement.title,
        area=requirement.area,
        citations=requirement.citations,
        outcome=result.outcome,
        severity=requirement.severity,
        risk_score=risk_score,
        risk=risk,
        basis=FindingBasis.of(result.evidence),
        reason=quoted(result.reason),
        evidence=result.evidence,
        missing_information=result.missing,
        checks=requirement.checks,
        exposure=exposure,
        interpretation=requirement.interpretation,
    )


def _role_contexts(
    facts: Facts, catalog: Catalog, applicability: Applicability
) -> dict[CatalogRole, CheckContext]:
    """One check context per role: its relationships' facts and the conditions over them."""
    enhanced = {name: applicability.conditions[name] for name in (*ENHANCED_CONDITIONS, "uses_admt")}
    contexts = {}
    for role_name in applicability.roles:
        role = CatalogRole(role_name)
        scoped = scoped_facts(facts, role)
        conditions = applicability.conditions if scoped is facts else {**conditions_of(scoped), **enhanced}
        contexts[role] = CheckContext(
            facts=scoped, catalog=catalog, conditions=conditions, applicability=applicability
        )
    return contexts


def _not_binding(requirement: Requirement, applicability: Applicability) -> CheckResult:
    binds = ", ".join(ROLE_WORDS.get(r.value, "anyone") for r in requirement.roles)
    if CatalogRole.business in requirement.roles and not applicability.applies:
        why = "a duty of a CCPA business, and the CCPA does not reach the organization as one"
    else:
        held = ", ".join(ROLE_WORDS[r] for r in applicability.roles if r in ROLE_WORDS) or "no CCPA role"
        why = f"binds {binds}; the organization acts as {held}"
    return CheckResult(outcome=Outcome.not_applicable, reason=f"does not apply: {why}")


def assess(facts: Facts, catalog: Catalog, problems: list[Problem] | None = None) -> Assessment:
    """Every requirement decided under the role that brings it; a duty of no role held is not applicable."""
    applicability: Applicability = decide_applicability(facts, catalog)
    contexts = _role_contexts(facts, catalog, applicability)
    organization = facts.organization.organization
    findings: list[Finding] = []
    for requirement in catalog.requirements:
        role = governing_role(requirement, set(contexts))
        if role is None:
            context = CheckContext(facts, catalog, applicability.conditions, applicability)
            findings.append(_finding(requirement, _not_binding(requirement, applicability), context, []))
            continue
        context = contexts[role]
        findings.append(
            _finding(requirement, decide(requirement, context), context, relationship_ids(organization, role))
        )
    year_warning = revenue_year_warning(organization, facts.as_of)
    findings = prioritise(findings)
    return Assessment(
        organization=organization.name,
        as_of=facts.as_of,
        catalog=CatalogStamp(version=catalog.law.version, law_as_of=catalog.law.law_as_of),
        applicability=applicability,
        findings=findings,
        scores=score(findings),
        problems=problems or [],
        evidence_examined=dict(sorted(Counter(o.kind for o in facts.observations).items())),
        law_warnings=([year_warning] if year_warning else []) + figure_warnings(catalog, facts.as_of),
    )
