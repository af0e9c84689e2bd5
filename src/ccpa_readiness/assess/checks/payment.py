"""Payment capture in calls (PCI DSS, adjacent good practice): card data kept out of recordings."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import gap, met, unknown, with_observed_problems
from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.assess.registry import CheckContext, check

TECHNOLOGY_FILE = "inventory/technology.yaml"
DESCOPED = {"dtmf_masking", "agent_free_ivr"}


@check("payment_capture_descoped")
def payment_capture_descoped(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    technology = facts.technology
    method = None if technology is None else technology.payment_capture
    if method is None:
        result = unknown("payment capture method not declared", f"{TECHNOLOGY_FILE}: payment_capture")
    else:
        provenance = facts.declared(TECHNOLOGY_FILE, "payment_capture", snippet=method)
        if method in DESCOPED or method == "no_payments":
            result = met(f"payment capture by {method.replace('_', ' ')}", provenance)
        elif method == "pause_and_resume":
            result = CheckResult(
                outcome=Outcome.partial,
                reason="pause-and-resume depends on agents pausing every time; "
                "card data still reaches the desktop",
                evidence=[provenance],
            )
        else:
            result = gap("agents key card numbers with recording and desktop in scope", provenance)
    card_evidence = facts.observed("FLOW-PAYMENT-RECORDED") + [
        o
        for o in facts.observed("TRANSCRIPT-PII") + facts.observed("DATASTORE-CARD-OUTSIDE-CDE")
        if o.kind == "DATASTORE-CARD-OUTSIDE-CDE" or o.attributes.get("label") == "CREDIT_CARD"
    ]
    return with_observed_problems(
        result, card_evidence, "card numbers captured where recording or storage reaches"
    )
