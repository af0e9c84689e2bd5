"""The catalog's applies-when conditions, answered from facts (None = the workspace does not say)."""

from __future__ import annotations

from ccpa_readiness.assess.known import any_listed
from ccpa_readiness.assess.registry import condition
from ccpa_readiness.assess.roles import declared_roles
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.vocabulary import ChannelKind
from ccpa_readiness.workspace.models import PaymentCapture, Role, Technology


def _any_channel(facts: Facts, wanted: set[ChannelKind]) -> bool | None:
    return any_listed(facts, "channels", facts.channels, lambda c: c.kind in wanted)


@condition("has_voice_channel")
def has_voice_channel(facts: Facts) -> bool | None:
    return _any_channel(facts, {ChannelKind.voice_ivr, ChannelKind.agent_voice})


@condition("has_digital_channel")
def has_digital_channel(facts: Facts) -> bool | None:
    return _any_channel(
        facts,
        {ChannelKind.chat, ChannelKind.email, ChannelKind.sms, ChannelKind.social, ChannelKind.website},
    )


@condition("has_chat_channel")
def has_chat_channel(facts: Facts) -> bool | None:
    return _any_channel(facts, {ChannelKind.chat})


@condition("records_calls")
def records_calls(facts: Facts) -> bool | None:
    return any_listed(
        facts, "channels", facts.channels, lambda c: c.kind.is_voice and (c.recorded or c.monitored_live)
    )


@condition("uses_bots")
def uses_bots(facts: Facts) -> bool | None:
    return any_listed(facts, "channels", facts.channels, lambda c: c.bot)


@condition("has_self_service_portal")
def has_self_service_portal(facts: Facts) -> bool | None:
    return any_listed(
        facts, "channels", facts.channels, lambda c: c.self_service_portal or c.kind == ChannelKind.chat
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
    return any_listed(facts, "data_elements", facts.data_elements, lambda e: bool(e.sensitive_kind))


@condition("offers_financial_incentive")
def offers_financial_incentive(facts: Facts) -> bool | None:
    practices = facts.practices
    return any_listed(
        facts,
        "financial_incentives",
        None if practices is None else practices.financial_incentives,
        lambda i: True,
    )


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
    return any_listed(
        facts, "analytics", None if technology is None else technology.analytics, lambda t: True
    )


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
    if technology.ai_training_on_recordings:
        return True
    return any_listed(facts, "analytics", technology.analytics, lambda t: t.trains_vendor_models)


@condition("uses_admt")
def uses_admt(facts: Facts) -> bool | None:
    technology = facts.technology
    return any_listed(
        facts,
        "analytics",
        None if technology is None else technology.analytics,
        lambda t: t.makes_significant_decisions,
    )


@condition("takes_payments_by_phone")
def takes_payments_by_phone(facts: Facts) -> bool | None:
    technology = facts.technology
    methods = payment_methods(technology)
    if not methods:
        return True if facts.observed("FLOW-PAYMENT-RECORDED") else None
    return any(method != "no_payments" for method in methods)


@condition("has_vendors")
def has_vendors(facts: Facts) -> bool | None:
    return any_listed(facts, "vendors", facts.vendors, lambda v: True)


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
    return any_listed(facts, "data_elements", facts.data_elements, lambda e: bool(e.exemption))


def payment_methods(technology: Technology | None) -> list[PaymentCapture]:
    """Every declared payment-capture method: `payment_capture` and `payment_capture_methods`."""
    if technology is None:
        return []
    first = [] if technology.payment_capture is None else [technology.payment_capture]
    return list(dict.fromkeys(first + technology.payment_capture_methods))
