"""Data inventory: the data map, purposes, retention, sensitive PI and biometrics."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine,
    combine_over,
    gap,
    listed_ok,
    met,
    unknown,
    with_observed_problems,
)
from ccpa_readiness.assess.known import completeness, is_complete, not_listed
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts

DATA_FILE = "inventory/data.yaml"
SYSTEMS_FILE = "inventory/systems.yaml"
TECHNOLOGY_FILE = "inventory/technology.yaml"


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
        answers = {
            name: listed_ok(element, name, getattr(element, name))
            for name in ("systems", "purposes", "sources", "channels")
        }
        lacking = [name for name, ok in answers.items() if ok is False]
        judgements.append(
            Judgement(
                element.id,
                False if lacking else (None if None in answers.values() else True),
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
            e.id,
            listed_ok(e, "purposes", e.purposes),
            facts.item(DATA_FILE, "data_elements", e.id, "purposes"),
            "no purpose",
        )
        for e in elements
    ]
    return combine(
        judgements, "data elements with a stated purpose", f"{DATA_FILE}: purposes of each element"
    )


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
        if system.kept_indefinitely:
            indefinitely = facts.item(SYSTEMS_FILE, "systems", system.id, "kept_indefinitely")
            judgements.append(Judgement(system.id, False, indefinitely, "kept indefinitely"))
        elif system.retention_days is None or system.deletion is None:
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
    judgements += [
        Judgement(
            element.id,
            False,
            facts.item(DATA_FILE, "data_elements", element.id, "kept_indefinitely"),
            "kept indefinitely",
        )
        for element in facts.data_elements
        if element.kept_indefinitely
    ]
    result = combine_over(
        facts,
        "systems",
        judgements,
        "systems holding PI with a retention period and automated deletion",
        f"{SYSTEMS_FILE}: retention_days and deletion of each system holding PI",
    )
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
    judgements = []
    for e in sensitive:
        answers = (listed_ok(e, "purposes", e.purposes), listed_ok(e, "systems", e.systems))
        judgements.append(
            Judgement(
                e.id,
                False if False in answers else (None if None in answers else True),
                facts.item(DATA_FILE, "data_elements", e.id, "sensitive_kind", snippet=str(e.sensitive_kind)),
                "sensitive PI without a stated purpose or system",
            )
        )
    if judgements:
        result = combine(judgements, "sensitive PI in the register", f"{DATA_FILE}: purposes and systems")
    elif is_complete(facts, "data_elements"):
        result = met("no sensitive PI in the complete data map", completeness(facts, "data_elements"))
    else:
        result = not_listed(facts, "data_elements", "sensitive PI element (sensitive_kind)")
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
        result = not_listed(
            facts, "data_elements", "voiceprint data element (sensitive_kind: biometric_identification)"
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


@check("ai_training_governed")
def ai_training_governed(ctx: CheckContext) -> CheckResult:
    """Recordings used to train models: a vendor training its own models on them is a declared gap."""
    facts = ctx.facts
    technology = known(facts.technology, "technology not declared", f"{TECHNOLOGY_FILE}: analytics")
    vendor_training = [
        (index, tool)
        for index, tool in enumerate(technology.analytics)
        if tool.vendor and tool.trains_vendor_models
    ]
    if vendor_training:
        return gap(
            "vendors train their own models on the business's recordings or transcripts: "
            + ", ".join(f"{tool.name} ({tool.vendor})" for _, tool in vendor_training)
            + "; a service provider may use them only to improve the service it gives this business "
            "(CCR §7050(a)(3), (b)), and the notice must name the purpose",
            *(
                facts.declared(TECHNOLOGY_FILE, "analytics", index, "trains_vendor_models")
                for index, _ in vendor_training
            ),
        )
    if technology.ai_training_on_recordings:
        return unknown(
            "recordings are used to train AI models: whether the purpose is compatible (or consented to) "
            "and the notices say so is not declared",
            "inventory/attestations.yaml: DATA-AI-TRAINING-01 (purpose assessment, notice, consent)",
        )
    unstated = [tool.name for tool in technology.analytics if tool.trains_vendor_models is None]
    if unstated or not technology.analytics:
        return unknown(
            "whether vendors train their models on recordings is not declared: " + ", ".join(unstated),
            f"{TECHNOLOGY_FILE}: trains_vendor_models of each analytics tool",
        )
    return met(
        "no analytics tool trains its vendor's models and recordings are not used for training",
        facts.declared(TECHNOLOGY_FILE, "ai_training_on_recordings"),
        facts.declared(TECHNOLOGY_FILE, "analytics"),
    )
