"""Notices and disclosures: notice at collection, privacy policy, opt-out, limit, incentives."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine,
    gap,
    met,
    months_between,
    not_applicable,
    unknown,
    with_observed_problems,
    with_observed_support,
)
from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.vocabulary import ChannelKind
from ccpa_readiness.workspace.models import Channel, Notice, NoticeKind

CHANNELS_FILE = "inventory/channels.yaml"
PRACTICES_FILE = "inventory/practices.yaml"
DIGITAL = {ChannelKind.chat, ChannelKind.email, ChannelKind.sms, ChannelKind.social}


def notices_on(facts: Facts, channel: Channel, kind: NoticeKind) -> list[Notice]:
    """Notices of `kind` given on `channel`: listed by the channel, or naming its kind."""
    practices = facts.practices
    if practices is None:
        return []
    return [
        n
        for n in practices.notices
        if n.kind == kind and (n.id in channel.notices or channel.kind in n.channels)
    ]


def judge_channels_have_notice(
    facts: Facts, channels: list[Channel], kind: NoticeKind, deliveries: set[str] | None = None
) -> list[Judgement]:
    """Each channel: is a notice of `kind` given on it, before collection, by an allowed delivery?"""
    judgements = []
    for channel in channels:
        notices = [
            n for n in notices_on(facts, channel, kind) if deliveries is None or n.delivery in deliveries
        ]
        provenance = facts.item(CHANNELS_FILE, "channels", channel.id, "notices")
        if not notices:
            judgements.append(Judgement(channel.id, False, provenance, f"no {kind.replace('_', ' ')}"))
        elif all(n.given_before_collection is False for n in notices):
            judgements.append(Judgement(channel.id, False, provenance, "given only after collection starts"))
        else:
            judgements.append(Judgement(channel.id, True, provenance))
    return judgements


def disclosure_problems(facts: Facts, subject: str) -> list[Observation]:
    """Transcript evidence that a disclosure was missing or late in some conversations."""
    return [
        o
        for o in facts.observed("TRANSCRIPT-DISCLOSURE", subject)
        if int(str(o.attributes.get("missing", 0) or 0)) + int(str(o.attributes.get("late", 0) or 0)) > 0
    ]


def channels_of(facts: Facts, kinds: set[ChannelKind]) -> list[Channel] | None:
    channels = facts.channels
    return None if channels is None else [c for c in channels if c.kind in kinds]


@check("voice_notice_at_collection")
def voice_notice_at_collection(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    voice = known(
        channels_of(facts, {ChannelKind.voice_ivr, ChannelKind.agent_voice}),
        "channels not declared",
        "inventory/channels.yaml: the voice channels",
    )
    result = combine(judge_channels_have_notice(facts, voice, "notice_at_collection"), "voice channels")
    result = with_observed_support(result, facts.observed("FLOW-ANALYSED"), "call flows")
    result = with_observed_problems(
        result, facts.observed("FLOW-NOTICE-MISSING"), "call-flow paths collecting PI before a notice"
    )
    return with_observed_problems(
        result,
        disclosure_problems(facts, "notice_at_collection"),
        "transcript samples without a timely notice",
    )


@check("digital_notice_at_collection")
def digital_notice_at_collection(ctx: CheckContext) -> CheckResult:
    digital = known(
        channels_of(ctx.facts, DIGITAL),
        "channels not declared",
        "inventory/channels.yaml: chat, email, SMS channels",
    )
    judgements = judge_channels_have_notice(
        ctx.facts, digital, "notice_at_collection", {"link", "text", "email", "sms"}
    )
    return combine(judgements, "digital channels")


@check("notice_content_matches_practice")
def notice_content_matches_practice(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    mismatches = facts.observed("NOTICE-MISMATCH")
    documents = facts.observed("NOTICE-DOCUMENT")
    if mismatches:
        return with_observed_problems(
            unknown("notices compared with the inventory"),
            mismatches,
            "differences between notices and practice",
        )
    if documents:
        return with_observed_support(
            unknown("notices compared with the inventory"), documents, "notice documents"
        )
    return unknown(
        "no notice documents to compare with the inventory",
        "evidence/notices/: the privacy policy and notices at collection",
    )


@check("privacy_policy_current")
def privacy_policy_current(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    refresh = ctx.catalog.figure("privacy_policy_refresh_months")
    policy = known(
        practices.privacy_policy if practices else None,
        "no privacy policy declared",
        "inventory/practices.yaml: privacy_policy",
    )
    provenance = facts.declared(
        PRACTICES_FILE, "privacy_policy", "last_updated", snippet=str(policy.last_updated)
    )
    judgements = []
    if policy.last_updated is None:
        judgements.append(Judgement("last updated date", None, provenance))
    else:
        age = months_between(policy.last_updated, facts.as_of)
        judgements.append(
            Judgement(
                "last updated date",
                age < refresh.value,
                provenance,
                f"{age} months old; must be refreshed every {refresh.value:.0f} months ({refresh.citation})",
            )
        )
    judgements.append(
        Judgement(
            "contact-center practices",
            policy.describes_contact_center,
            facts.declared(PRACTICES_FILE, "privacy_policy", "describes_contact_center"),
            "does not describe calls, recordings and chats",
        )
    )
    result = combine(judgements, "privacy policy")
    elements = [
        o for o in facts.observed("NOTICE-ELEMENT") if o.attributes.get("document_kind") == "privacy_policy"
    ]
    absent = [o for o in elements if o.attributes.get("status") == "absent"]
    partial = [o for o in elements if o.attributes.get("status") == "partial"]
    result = with_observed_partial(result, partial, "required privacy-policy elements partial")
    return with_observed_problems(result, absent, "required privacy-policy elements absent")


def with_observed_partial(result: CheckResult, partial: list[Observation], what: str) -> CheckResult:
    """An element the document gives only in part (its note says what is missing) makes a met
    or unknown result partial; a gap stays a gap."""
    if not partial or result.outcome not in (Outcome.met, Outcome.unknown):
        return result
    notes = "; ".join(f"{o.subject}: {o.attributes.get('note', '')}" for o in partial[:5])
    evidence = [Facts.from_observation(o) for o in partial[:10]] + result.evidence
    reason = f"{result.reason}; evidence: {len(partial)} {what} ({notes})"
    return CheckResult(outcome=Outcome.partial, reason=reason, evidence=evidence, missing=result.missing)


@check("notices_in_languages_served")
def notices_in_languages_served(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    if facts.channels is None or facts.practices is None:
        return unknown(
            "channels or notices not declared", "inventory/channels.yaml and inventory/practices.yaml"
        )
    judgements = []
    for channel in facts.channels:
        notices = [
            n for n in facts.practices.notices if n.id in channel.notices or channel.kind in n.channels
        ]
        lacking = sorted(
            {f"{n.id} ({lang})" for n in notices for lang in channel.languages if lang not in n.languages}
        )
        judgements.append(
            Judgement(
                channel.id,
                not lacking,
                facts.item(CHANNELS_FILE, "channels", channel.id, "languages"),
                "notices missing in languages served: " + ", ".join(lacking),
            )
        )
    return combine(judgements, "channels' notices in every language served")


@check("voice_opt_out_notice")
def voice_opt_out_notice(ctx: CheckContext) -> CheckResult:
    voice = known(
        channels_of(ctx.facts, {ChannelKind.voice_ivr, ChannelKind.agent_voice}),
        "channels not declared",
        "inventory/channels.yaml",
    )
    return combine(judge_channels_have_notice(ctx.facts, voice, "opt_out"), "voice channels (opt-out notice)")


@check("no_undisclosed_selling_or_sharing")
def no_undisclosed_selling_or_sharing(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    if practices is None or (
        practices.sells_personal_information is None and practices.shares_personal_information is None
    ):
        return unknown(
            "selling and sharing not declared", "inventory/practices.yaml: sells/shares_personal_information"
        )
    if practices.sells_personal_information or practices.shares_personal_information:
        return not_applicable("the business declares that it sells or shares; the opt-out requirements apply")
    third_parties = {v.id for v in facts.vendors or [] if v.role == "third_party"}
    judgements = [
        Judgement(
            element.id,
            not (set(element.disclosed_to) & third_parties),
            facts.item("inventory/data.yaml", "data_elements", element.id, "disclosed_to"),
            "disclosed to third party " + ", ".join(sorted(set(element.disclosed_to) & third_parties)),
        )
        for element in facts.data_elements or []
    ]
    technology = facts.technology
    if technology is not None and technology.session_replay_on_chat:
        judgements.append(
            Judgement(
                "chat session replay",
                False,
                facts.declared("inventory/technology.yaml", "session_replay_on_chat"),
                "session-replay tools on chat can be a covert 'share' (interpretation)",
            )
        )
    return combine(judgements, "'we do not sell or share' against disclosures")


@check("limit_notice")
def limit_notice(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    if practices is None or practices.uses_spi_beyond_permitted_purposes is None:
        return unknown(
            "use of sensitive PI beyond the permitted purposes not declared",
            "inventory/practices.yaml: uses_spi_beyond_permitted_purposes",
        )
    provenance = facts.declared(PRACTICES_FILE, "uses_spi_beyond_permitted_purposes")
    if not practices.uses_spi_beyond_permitted_purposes:
        return met(
            "sensitive PI used only for the purposes of CCR §7027(m): no notice of the right to limit needed",
            provenance,
        )
    has_notice = any(n.kind == "limit" for n in practices.notices)
    if has_notice and practices.limit_link:
        return met("notice of the right to limit and a 'Limit the Use' link are declared", provenance)
    return gap(
        "sensitive PI used beyond permitted purposes without a notice of the right to limit and its link",
        provenance,
    )


@check("financial_incentive_notices")
def financial_incentive_notices(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = known(
        facts.practices, "practices not declared", "inventory/practices.yaml: financial_incentives"
    )
    notice_ids = {n.id for n in practices.notices if n.kind == "financial_incentive"}
    judgements = []
    for index, incentive in enumerate(practices.financial_incentives):
        provenance = facts.declared(PRACTICES_FILE, "financial_incentives", index)
        if incentive.notice not in notice_ids:
            judgements.append(
                Judgement(incentive.name, False, provenance, "no notice of financial incentive")
            )
        else:
            judgements.append(
                Judgement(
                    incentive.name, incentive.value_explained, provenance, "value of the data not explained"
                )
            )
    return combine(judgements, "financial incentives")


@check("bot_disclosure")
def bot_disclosure(ctx: CheckContext) -> CheckResult:
    channels = known(ctx.facts.channels, "channels not declared", "inventory/channels.yaml")
    bots = [c for c in channels if c.bot]
    return combine(judge_channels_have_notice(ctx.facts, bots, "bot_disclosure"), "channels with a bot")


@check("workforce_notice")
def workforce_notice(ctx: CheckContext) -> CheckResult:
    practices = known(ctx.facts.practices, "notices not declared", "inventory/practices.yaml: notices")
    workforce = [n for n in practices.notices if n.kind == "workforce"]
    if workforce:
        index = practices.notices.index(workforce[0])
        return met(
            "a workforce privacy notice is declared", ctx.facts.declared(PRACTICES_FILE, "notices", index)
        )
    return gap(
        "no privacy notice to agents, applicants and contractors",
        ctx.facts.declared(PRACTICES_FILE, "notices"),
    )
