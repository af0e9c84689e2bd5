"""Security of contact-center systems: encryption, redaction, access control, remote agents, fraud."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine,
    combine_over,
    gap,
    met,
    not_applicable,
    unknown,
    with_observed_problems,
)
from ccpa_readiness.assess.known import absent_ok, completeness
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Vendor

SYSTEMS_FILE = "inventory/systems.yaml"
TECHNOLOGY_FILE = "inventory/technology.yaml"
VENDORS_FILE = "inventory/vendors.yaml"
HIGH_RISK_LABELS = {"CREDIT_CARD", "US_SSN", "BANK_ACCOUNT", "US_PASSPORT", "DRIVER_LICENSE", "US_ITIN"}


def stored_high_risk_pi(facts: Facts) -> list[Observation]:
    """Card, SSN, bank and ID numbers found in kept transcripts or data stores."""
    return [
        o
        for o in facts.observed("TRANSCRIPT-PII") + facts.observed("DATASTORE-COLUMN")
        if str(o.attributes.get("label", o.subject)) in HIGH_RISK_LABELS
    ]


def _pi_systems(facts: Facts) -> list[str]:
    return sorted({system_id for e in facts.data_elements or [] for system_id in e.systems})


@check("systems_encrypted")
def systems_encrypted(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.systems is None:
        return unknown(
            "systems not declared", f"{SYSTEMS_FILE}: encryption_at_rest and encryption_in_transit"
        )
    holding = set(_pi_systems(facts))
    judgements = []
    for system in facts.systems:
        if system.id not in holding:
            continue
        flags = (system.encryption_at_rest, system.encryption_in_transit)
        ok = False if False in flags else (None if None in flags else True)
        problem = ", ".join(
            name
            for name, flag in (
                ("at rest", system.encryption_at_rest),
                ("in transit", system.encryption_in_transit),
            )
            if flag is False
        )
        judgements.append(
            Judgement(
                system.id, ok, facts.item(SYSTEMS_FILE, "systems", system.id), f"not encrypted {problem}"
            )
        )
    result = combine_over(facts, "systems", judgements, "systems holding PI encrypted at rest and in transit")
    return with_observed_problems(
        result, facts.observed("DATASTORE-CLEARTEXT-SENSITIVE"), "sensitive columns stored in clear text"
    )


@check("recordings_redacted")
def recordings_redacted(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    technology = known(facts.technology, "technology not declared", f"{TECHNOLOGY_FILE}: redaction")
    judgements = [
        Judgement(
            f"{what} redaction",
            value,
            facts.declared(TECHNOLOGY_FILE, "redaction", what),
            "sensitive data not redacted",
        )
        for what, value in (
            ("recordings", technology.redaction.recordings),
            ("transcripts", technology.redaction.transcripts),
            ("chat", technology.redaction.chat),
        )
    ]
    judgements += [
        Judgement(
            tool.name,
            tool.redaction,
            facts.declared(TECHNOLOGY_FILE, "analytics", index, "redaction"),
            "analytics without redaction",
        )
        for index, tool in enumerate(technology.analytics)
    ]
    result = combine(judgements, "redaction of recordings, transcripts, chats and analytics")
    result = with_observed_problems(
        result, facts.observed("FLOW-ANALYTICS-UNREDACTED"), "flows with unredacted analytics"
    )
    return with_observed_problems(
        result, stored_high_risk_pi(facts), "kinds of high-risk PI kept in transcripts or stores"
    )


@check("access_controlled")
def access_controlled(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.systems is None:
        return unknown("systems not declared", f"{SYSTEMS_FILE}: access_control, access_logging, mfa")
    holding = set(_pi_systems(facts))
    judgements = []
    for system in facts.systems:
        if system.id not in holding:
            continue
        controls = {
            "role-based access": None
            if system.access_control is None
            else system.access_control == "role_based",
            "access logging": system.access_logging,
            "MFA": system.mfa,
        }
        failing = [name for name, value in controls.items() if value is False]
        ok = False if failing else (None if None in controls.values() else True)
        judgements.append(
            Judgement(
                system.id, ok, facts.item(SYSTEMS_FILE, "systems", system.id), "no " + ", ".join(failing)
            )
        )
    return combine_over(
        facts, "systems", judgements, "systems holding PI with role-based access, logging and MFA"
    )


@check("remote_agent_controls")
def remote_agent_controls(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    technology = facts.technology
    offshore = offshore_vendors(facts)
    remote = None if technology is None else technology.remote_agents
    if not offshore and remote is None:
        return unknown("remote or offshore agents not declared", f"{TECHNOLOGY_FILE}: remote_agents")
    if not offshore and not remote:
        return not_applicable("no work-from-home or offshore agents declared")
    who = ", ".join(
        (["work-from-home agents"] if remote else [])
        + [
            f"{v.name} agents in {v.agents_location}"
            + ("" if v.share_of_contacts is None else f" ({v.share_of_contacts:.0%} of contacts)")
            for v in offshore
        ]
    )
    controls = known(
        None if technology is None else technology.remote_agent_controls,
        f"controls for {who} not declared",
        f"{TECHNOLOGY_FILE}: remote_agent_controls",
    )
    provenance = facts.declared(TECHNOLOGY_FILE, "remote_agent_controls")
    evidence = [provenance] + [facts.item(VENDORS_FILE, "vendors", v.id, "agents_location") for v in offshore]
    if controls:
        return met(f"controls declared for {who}", *evidence)
    return gap(f"{who} work without declared controls (clean desk, device, network)", *evidence)


def offshore_vendors(facts: Facts) -> list[Vendor]:
    """Vendors whose agents handle contacts outside the United States (offshore BPO)."""
    return [v for v in facts.vendors or [] if v.agents_location not in (None, "US", "USA")]


@check("fraud_controls")
def fraud_controls(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    technology = facts.technology
    if technology is None or technology.fraud_controls is None:
        return unknown("social-engineering controls not declared", f"{TECHNOLOGY_FILE}: fraud_controls")
    training = facts.training
    trained = (
        None
        if training is None
        else any("social_engineering" in p.topics for p in training.programmes)
        or absent_ok(facts, "programmes")
    )
    judgements = [
        Judgement(
            "account-takeover controls",
            technology.fraud_controls,
            facts.declared(TECHNOLOGY_FILE, "fraud_controls"),
            "none declared",
        ),
        Judgement(
            "social-engineering training",
            trained,
            completeness(facts, "programmes")
            if trained is False
            else facts.declared("inventory/training.yaml", "programmes"),
            "no programme covers it",
        ),
    ]
    return combine(judgements, "fraud and social-engineering defences")
