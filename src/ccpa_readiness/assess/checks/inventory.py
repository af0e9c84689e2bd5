"""Data inventory: the data map, purposes, retention, sensitive PI and biometrics."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine,
    gap,
    met,
    unknown,
    with_observed_problems,
)
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts

DATA_FILE = "inventory/data.yaml"
SYSTEMS_FILE = "inventory/systems.yaml"


def undeclared_observed(facts: Facts, attribute: str, declared: set[str]) -> list[Observation]:
    """Observations of PI whose category (or sensitive kind) the inventory does not declare."""
    found = facts.observed("TRANSCRIPT-PII") + facts.observed("DATASTORE-COLUMN")
    return [o for o in found if o.attributes.get(attribute) and str(o.attributes[attribute]) not in declared]


@check("data_map_complete")
def data_map_complete(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    elements = facts.data_elements
    if not elements:
        return unknown("no data elements declared", f"{DATA_FILE}: data_elements")
    judgements = []
    for element in elements:
        lacking = [
            name
            for name, present in (
                ("systems", bool(element.systems)),
                ("purposes", bool(element.purposes)),
                ("sources", bool(element.sources)),
                ("channels", bool(element.channels)),
            )
            if not present
        ]
        judgements.append(
            Judgement(
                element.id,
                not lacking,
                facts.item(DATA_FILE, "data_elements", element.id),
                "no " + ", ".join(lacking),
            )
        )
    result = combine(judgements, "data elements mapped (systems, purposes, sources, channels)")
    declared = {e.category for e in elements}
    undeclared = undeclared_observed(facts, "category", declared) + facts.observed(
        "DATASTORE-UNDECLARED-CATEGORY"
    )
    return with_observed_problems(result, undeclared, "categories of PI found but not in the data map")


@check("purpose_for_every_element")
def purpose_for_every_element(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    elements = facts.data_elements
    if not elements:
        return unknown("no data elements declared", f"{DATA_FILE}: data_elements with purposes")
    judgements = [
        Judgement(
            e.id, bool(e.purposes), facts.item(DATA_FILE, "data_elements", e.id, "purposes"), "no purpose"
        )
        for e in elements
    ]
    return combine(judgements, "data elements with a stated purpose")


@check("retention_defined_and_enforced")
def retention_defined_and_enforced(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.systems is None or facts.data_elements is None:
        return unknown(
            "systems or data elements not declared", f"{SYSTEMS_FILE}: retention_days and deletion"
        )
    holding = {system_id for e in facts.data_elements for system_id in e.systems}
    judgements = []
    for system in facts.systems:
        if system.id not in holding:
            continue
        provenance = facts.item(
            SYSTEMS_FILE, "systems", system.id, "retention_days", snippet=f"{system.retention_days} days"
        )
        if system.retention_days is None or system.deletion is None:
            judgements.append(Judgement(system.id, None, provenance))
        else:
            judgements.append(
                Judgement(
                    system.id,
                    system.deletion == "automated",
                    provenance,
                    f"retention {system.retention_days} days, deletion {system.deletion} (not automated)",
                )
            )
    result = combine(judgements, "systems holding PI with a retention period and automated deletion")
    return with_observed_problems(
        result,
        facts.observed("DATASTORE-RETENTION-EXCEEDED"),
        "stores holding rows past their retention period",
    )


@check("spi_register")
def spi_register(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    elements = known(
        facts.data_elements, "no data elements declared", f"{DATA_FILE}: sensitive_kind of each element"
    )
    sensitive = [e for e in elements if e.sensitive_kind]
    judgements = [
        Judgement(
            e.id,
            bool(e.purposes) and bool(e.systems),
            facts.item(DATA_FILE, "data_elements", e.id, "sensitive_kind", snippet=str(e.sensitive_kind)),
            "sensitive PI without a stated purpose or system",
        )
        for e in sensitive
    ]
    result = (
        combine(judgements, "sensitive PI in the register")
        if judgements
        else met("no sensitive PI declared", facts.declared(DATA_FILE, "data_elements"))
    )
    declared = {str(e.sensitive_kind) for e in sensitive}
    return with_observed_problems(
        result,
        undeclared_observed(facts, "sensitive_kind", declared),
        "kinds of sensitive PI found but not declared",
    )


@check("voice_biometrics_governed")
def voice_biometrics_governed(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    elements = known(facts.data_elements, "no data elements declared", f"{DATA_FILE}: the voiceprint element")
    voiceprints = [e for e in elements if e.sensitive_kind == "biometric_identification"]
    observed = facts.observed("FLOW-VOICE-BIOMETRICS")
    if not voiceprints:
        result = gap(
            "voice biometrics in use but no voiceprint data element (sensitive PI) declared",
            facts.declared(DATA_FILE, "data_elements"),
        )
        return with_observed_problems(result, observed, "flows using voice biometrics")
    judgements = [
        Judgement(
            e.id,
            e.retention_days is not None and bool(e.purposes),
            facts.item(DATA_FILE, "data_elements", e.id),
            "voiceprint without a retention period or purpose",
        )
        for e in voiceprints
    ]
    return combine(judgements, "voiceprints declared with purpose and retention")
