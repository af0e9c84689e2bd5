"""The catalog's applies-when conditions, answered from facts (None = the workspace does not say)."""

from __future__ import annotations

from ccpa_readiness.assess.registry import condition
from ccpa_readiness.assess.roles import declared_roles
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.vocabulary import ChannelKind
from ccpa_readiness.workspace.models import Role


def _any_channel(facts: Facts, wanted: set[ChannelKind]) -> bool | None:
    channels = facts.channels
    return None if channels is None else any(c.kind in wanted for c in channels)


@condition("has_voice_channel")
def has_voice_channel(facts: Facts) -> bool | None:
    return _any_channel(facts, {ChannelKind.voice_ivr, ChannelKind.agent_voice})


@condition("has_digital_channel")
def has_digital_channel(facts: Facts) -> bool | None:
    return _any_channel(facts, {ChannelKind.chat, ChannelKind.email, ChannelKind.sms, ChannelKind.social})


@condition("has_chat_channel")
def has_chat_channel(facts: Facts) -> bool | None:
    return _any_channel(facts, {ChannelKind.chat})


@condition("records_calls")
def records_calls(facts: Facts) -> bool | None:
    channels = facts.channels
    if channels is None:
        return None
    return any(c.recorded or c.monitored_live for c in channels if c.kind.is_voice)


@condition("uses_bots")
def uses_bots(facts: Facts) -> bool | None:
    channels = facts.channels
    return None if channels is None else any(c.bot for c in channels)


@condition("has_self_service_portal")
def has_self_service_portal(facts: Facts) -> bool | None:
    channels = facts.channels
    return (
        None
        if channels is None
        else any(c.self_service_portal or c.kind == ChannelKind.chat for c in channels)
    )


@condition("sells_or_shares")
def sells_or_shares(facts: Facts) -> bool | None:
    practices = facts.practices
    elements = facts.data_elements or []
    if any(e.sold_or_shared for e in elements):
        return True
    if practices is None:
        return None
    answers = (practices.sells_personal_information, practices.shares_personal_information)
    if any(answers):
        return True
    return None if None in answers else False


@condition("collects_spi")
def collects_spi(facts: Facts) -> bool | None:
    elements = facts.data_elements
    return None if elements is None else any(e.sensitive_kind for e in elements)


@condition("offers_financial_incentive")
def offers_financial_incentive(facts: Facts) -> bool | None:
    practices = facts.practices
    return None if practices is None else bool(practices.financial_incentives)


@condition("uses_voice_biometrics")
def uses_voice_biometrics(facts: Facts) -> bool | None:
    technology = facts.technology
    observed = bool(facts.observed("FLOW-VOICE-BIOMETRICS"))
    if technology is None:
        return True if observed else None
    return technology.voice_biometrics or observed


@condition("uses_speech_analytics")
def uses_speech_analytics(facts: Facts) -> bool | None:
    technology = facts.technology
    return None if technology is None else bool(technology.analytics)


@condition("processes_spi_needing_assessment")
def processes_spi_needing_assessment(facts: Facts) -> bool | None:
    """SPI outside the workforce exception of CCR §7150(b)(2)(A)."""
    elements = facts.data_elements
    if elements is None:
        return None
    return any(e.sensitive_kind and not e.spi_for_employment_purposes_only for e in elements)


AGENT_SCORING_KINDS = {"qa_scoring"}
MAY_SCORE_AGENTS = {"speech_analytics", "sentiment", "chat_analytics"}


@condition("observes_workforce")
def observes_workforce(facts: Facts) -> bool | None:
    """Systematic observation of California agents that infers about them (CCR §7150(b)(4)).

    QA scoring rates agents by design; speech, sentiment and chat analytics do when `scores_agents`
    says so (not stated: unknown); so do productivity analytics. Agents outside California are not
    consumers: a workforce declared not Californian answers no.
    """
    if facts.organization.organization.california_workforce is False:
        return False
    technology = facts.technology
    if technology is None:
        return None
    answers: list[bool | None] = [technology.workforce_productivity_monitoring]
    for tool in technology.analytics:
        if tool.kind in AGENT_SCORING_KINDS:
            answers.append(tool.scores_agents is not False)
        elif tool.kind in MAY_SCORE_AGENTS:
            answers.append(tool.scores_agents)
    if any(a is True for a in answers):
        return True
    return None if any(a is None for a in answers) else False


@condition("uses_ai_training")
def uses_ai_training(facts: Facts) -> bool | None:
    technology = facts.technology
    if technology is None:
        return None
    return technology.ai_training_on_recordings or any(t.trains_vendor_models for t in technology.analytics)


@condition("uses_admt")
def uses_admt(facts: Facts) -> bool | None:
    technology = facts.technology
    return None if technology is None else any(t.makes_significant_decisions for t in technology.analytics)


@condition("takes_payments_by_phone")
def takes_payments_by_phone(facts: Facts) -> bool | None:
    technology = facts.technology
    if technology is None or technology.payment_capture is None:
        return True if facts.observed("FLOW-PAYMENT-RECORDED") else None
    return technology.payment_capture != "no_payments"


@condition("has_vendors")
def has_vendors(facts: Facts) -> bool | None:
    vendors = facts.vendors
    return None if vendors is None else bool(vendors)


@condition("is_service_provider")
def is_service_provider(facts: Facts) -> bool | None:
    roles = declared_roles(facts.organization.organization)
    return Role.service_provider in roles or Role.contractor in roles


@condition("is_data_broker")
def is_data_broker(facts: Facts) -> bool | None:
    return facts.organization.organization.is_data_broker


@condition("has_california_workforce")
def has_california_workforce(facts: Facts) -> bool | None:
    return facts.organization.organization.california_workforce


@condition("has_minor_consumers")
def has_minor_consumers(facts: Facts) -> bool | None:
    return facts.organization.organization.knows_consumers_under_16


@condition("regulated_data")
def regulated_data(facts: Facts) -> bool | None:
    elements = facts.data_elements
    return None if elements is None else any(e.exemption for e in elements)
