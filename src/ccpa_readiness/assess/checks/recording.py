"""Call recording and monitoring consent (CIPA): disclosure before recording, AI vendors, chat."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine_over,
    not_applicable,
    unknown,
    with_observed_problems,
    with_observed_support,
)
from ccpa_readiness.assess.checks.notices import (
    CHANNELS_FILE,
    channels_of,
    disclosure_problems,
    judge_channels_have_notice,
    notices_missing,
    notices_on,
    without_notice,
)
from ccpa_readiness.assess.known import decides, is_complete
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.vocabulary import ChannelKind


@check("recording_disclosed_before_recording")
def recording_disclosed_before_recording(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    channels = known(
        facts.channels, "channels not declared", "inventory/channels.yaml: recorded and monitored channels"
    )
    captured = [c for c in channels if c.kind.is_voice and (c.recorded or c.monitored_live or c.analytics)]
    result = combine_over(
        facts,
        "channels",
        judge_channels_have_notice(facts, captured, "recording_disclosure"),
        "recorded or monitored voice channels",
        notices_missing("recording_disclosure"),
    )
    result = with_observed_support(result, facts.observed("FLOW-ANALYSED"), "call flows")
    result = with_observed_problems(
        result,
        facts.observed("FLOW-RECORDING-NOTICE-MISSING"),
        "call-flow paths recording before the disclosure",
    )
    return with_observed_problems(
        result,
        disclosure_problems(facts, "recording_disclosure"),
        "transcript samples without a timely disclosure",
    )


@check("recording_disclosure_names_ai")
def recording_disclosure_names_ai(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    technology = known(facts.technology, "technology not declared", "inventory/technology.yaml: analytics")
    vendors_tools = [t for t in technology.analytics if t.vendor]
    if not vendors_tools:
        if not is_complete(facts, "analytics"):
            return unknown(
                "no third-party analytics, transcription or AI vendor listed",
                decides("analytics", "each analytics or AI tool with its vendor"),
            )
        return not_applicable("no third-party analytics, transcription or AI vendor declared")
    captured = [c for c in facts.channels or [] if c.recorded or c.analytics]
    judgements = []
    for channel in captured:
        disclosures = notices_on(facts, channel, "recording_disclosure")
        provenance = facts.item(CHANNELS_FILE, "channels", channel.id, "notices")
        if not disclosures:
            judgements.append(without_notice(facts, channel, "recording_disclosure"))
            continue
        mentions = [d.mentions_third_party_ai for d in disclosures]
        ok = True if any(mentions) else (None if None in mentions else False)
        judgements.append(
            Judgement(
                channel.id,
                ok,
                provenance,
                "disclosure does not say that third-party AI ("
                + ", ".join(sorted(t.name for t in vendors_tools))
                + ") listens or transcribes",
            )
        )
    return combine_over(
        facts,
        "channels",
        judgements,
        "disclosures naming third-party AI processing",
        notices_missing("recording_disclosure"),
    )


@check("chat_capture_disclosed")
def chat_capture_disclosed(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    chats = known(channels_of(facts, {ChannelKind.chat}), "channels not declared", "inventory/channels.yaml")
    replay = bool(facts.technology and facts.technology.session_replay_on_chat)
    captured = [c for c in chats if c.recorded or c.analytics or replay]
    return combine_over(
        facts,
        "channels",
        judge_channels_have_notice(facts, captured, "recording_disclosure"),
        "chats recorded, analysed or replayed",
        notices_missing("recording_disclosure"),
    )


@check("decline_recording_path")
def decline_recording_path(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    channels = known(facts.channels, "channels not declared", "inventory/channels.yaml")
    recorded = [c for c in channels if c.kind.is_voice and c.recorded]
    judgements = [
        Judgement(
            c.id,
            c.decline_recording_option,
            facts.item(CHANNELS_FILE, "channels", c.id, "decline_recording_option"),
            "callers cannot decline recording and still be served",
        )
        for c in recorded
    ]
    return combine_over(
        facts, "channels", judgements, "recorded voice channels with a way to decline recording"
    )
