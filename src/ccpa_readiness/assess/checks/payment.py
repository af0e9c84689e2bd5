"""Payment capture in calls (PCI DSS, adjacent good practice): card data kept out of recordings."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import with_observed_problems
from ccpa_readiness.assess.conditions import payment_methods
from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.assess.registry import CheckContext, check
from ccpa_readiness.facts.models import Facts, Provenance

TECHNOLOGY_FILE = "inventory/technology.yaml"
SYSTEMS_FILE = "inventory/systems.yaml"
# each method's outcome and why; the worst method decides (its calls are exposed)
METHOD_OUTCOMES = {
    "agent_keyed": (Outcome.gap, "agents key card numbers with recording and desktop in scope"),
    "pause_and_resume": (
        Outcome.partial,
        "pause-and-resume depends on agents pausing every time; card data still reaches the desktop",
    ),
}
SEVERITY = [Outcome.met, Outcome.partial, Outcome.gap]


def _declared_card_systems(facts: Facts) -> list[Provenance]:
    """Systems other than payment systems declared to hold cardholder data."""
    return [
        facts.item(SYSTEMS_FILE, "systems", s.id, "cardholder_data", snippet=f"{s.id}: cardholder_data: true")
        for s in facts.systems or []
        if s.cardholder_data and s.kind != "payment"
    ]


@check("payment_capture_descoped")
def payment_capture_descoped(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    methods = payment_methods(facts.technology)
    if not methods:
        result = CheckResult(
            outcome=Outcome.unknown,
            reason="payment capture method not declared",
            missing=[f"{TECHNOLOGY_FILE}: payment_capture (and payment_capture_methods if several)"],
        )
    else:
        field = "payment_capture_methods" if len(methods) > 1 else "payment_capture"
        provenance = facts.declared(TECHNOLOGY_FILE, field, snippet=", ".join(methods))
        judged = [
            METHOD_OUTCOMES.get(m, (Outcome.met, f"payment capture by {m.replace('_', ' ')}"))
            for m in methods
        ]
        outcome = max((o for o, _ in judged), key=SEVERITY.index)
        reasons = (
            [why for o, why in judged if o == outcome]
            if outcome != Outcome.met
            else [why for _, why in judged]
        )
        result = CheckResult(outcome=outcome, reason="; ".join(dict.fromkeys(reasons)), evidence=[provenance])
    card_systems = _declared_card_systems(facts)
    if card_systems:
        result = CheckResult(
            outcome=Outcome.gap,
            reason=f"{result.reason}; cardholder data declared outside a payment system "
            f"in {len(card_systems)} system(s)",
            evidence=card_systems + result.evidence,
            missing=result.missing,
        )
    card_evidence = facts.observed("FLOW-PAYMENT-RECORDED") + [
        o
        for o in facts.observed("TRANSCRIPT-PII") + facts.observed("DATASTORE-CARD-OUTSIDE-CDE")
        if o.kind == "DATASTORE-CARD-OUTSIDE-CDE" or o.attributes.get("label") == "CREDIT_CARD"
    ]
    return with_observed_problems(
        result, card_evidence, "card numbers captured where recording or storage reaches"
    )
