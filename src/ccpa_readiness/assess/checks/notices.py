"""Notices and disclosures: notice at collection, privacy policy, opt-out, limit, incentives."""

from __future__ import annotations

from ccpa_readiness.assess.checks.common import (
    Judgement,
    combine,
    combine_over,
    gap,
    met,
    months_between,
    not_applicable,
    unknown,
    with_observed_partial,
    with_observed_problems,
    with_observed_support,
)
from ccpa_readiness.assess.known import absent_ok, completeness, decides, is_complete, listed_or_settle
from ccpa_readiness.assess.models import CheckResult
from ccpa_readiness.assess.registry import CheckContext, check, known
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.vocabulary import ChannelKind
from ccpa_readiness.workspace.models import Channel, Notice, NoticeKind

CHANNELS_FILE = "inventory/channels.yaml"
PRACTICES_FILE = "inventory/practices.yaml"
DIGITAL = {ChannelKind.chat, ChannelKind.email, ChannelKind.sms, ChannelKind.social, ChannelKind.website}


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
    """Each channel: is a notice of `kind` given on it, before collection, by an allowed delivery?

    No such notice listed: a failure when the notices are declared complete or the channel's declared
    greeting shows what callers hear; otherwise not stated.
    """
    judgements = []
    for channel in channels:
        notices = [
            n for n in notices_on(facts, channel, kind) if deliveries is None or n.delivery in deliveries
        ]
        provenance = facts.item(CHANNELS_FILE, "channels", channel.id, "notices")
        timing = [n.given_before_collection for n in notices]
        if not notices:
            judgements.append(without_notice(facts, channel, kind))
        elif True in timing:
            judgements.append(Judgement(channel.id, True, provenance))
        elif None in timing:
            judgements.append(Judgement(channel.id, None, provenance))
        else:
            judgements.append(Judgement(channel.id, False, provenance, "given only after collection starts"))
    return judgements


def without_notice(facts: Facts, channel: Channel, kind: NoticeKind) -> Judgement:
    words = f"no {kind.replace('_', ' ')}"
    if channel.greeting is not None and kind in GREETING_KINDS:
        provenance = facts.item(CHANNELS_FILE, "channels", channel.id, "greeting", snippet=channel.greeting)
        return Judgement(channel.id, False, provenance, f"{words}: the declared greeting plays none")
    if is_complete(facts, "notices"):
        return Judgement(channel.id, False, completeness(facts, "notices"), words)
    return Judgement(channel.id, None, facts.item(CHANNELS_FILE, "channels", channel.id, "notices"))


# notices that, where given, come before anything is collected, so a greeting without them shows none
GREETING_KINDS = {"notice_at_collection", "recording_disclosure"}


def disclosure_problems(facts: Facts, subject: str) -> list[Observation]:
    """Transcript evidence that a disclosure was missing or late in some conversations."""
    return [
        o
        for o in facts.observed("TRANSCRIPT-DISCLOSURE", subject)
        if int(str(o.attributes.get("missing", 0) or 0)) + int(str(o.attributes.get("late", 0) or 0)) > 0
    ]


def notices_missing(kind: str) -> str:
    """What decides a channel whose notices are not stated."""
    return decides(
        "notices", f"the {kind.replace('_', ' ')} notice of each channel, with given_before_collection"
    )


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
    result = combine_over(
        facts,
        "channels",
        judge_channels_have_notice(facts, voice, "notice_at_collection"),
        "voice channels",
        notices_missing("notice_at_collection"),
    )
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
    return combine_over(
        ctx.facts, "channels", judgements, "digital channels", notices_missing("notice_at_collection")
    )


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
    describes = Judgement(
        "contact-center practices",
        policy.describes_contact_center,
        facts.declared(PRACTICES_FILE, "privacy_policy", "describes_contact_center"),
        "does not describe calls, recordings and chats",
    )
    age = None if policy.last_updated is None else months_between(policy.last_updated, facts.as_of)
    if age is not None and age >= refresh.value:
        stale = f"{age} months old; must be refreshed every {refresh.value:.0f} months ({refresh.citation})"
        result = gap(f"privacy policy: {stale}", provenance, describes.provenance)
    else:
        updated = Judgement("last updated date", None if age is None else True, provenance)
        result = combine([updated, describes], "privacy policy")
    elements = [
        o for o in facts.observed("NOTICE-ELEMENT") if o.attributes.get("document_kind") == "privacy_policy"
    ]
    absent = [o for o in elements if o.attributes.get("status") == "absent"]
    partial = [o for o in elements if o.attributes.get("status") == "partial"]
    result = with_observed_partial(result, partial, "required privacy-policy elements partial")
    return with_observed_problems(result, absent, "required privacy-policy elements absent")


@check("privacy_policy_2026_changes")
def privacy_policy_2026_changes(ctx: CheckContext) -> CheckResult:
    """The policy's list of PI disclosed to service providers and contractors (CCR §7011 as amended)."""
    facts = ctx.facts
    figure = ctx.catalog.figure("privacy_policy_sp_disclosures_months")
    policy = known(
        facts.practices.privacy_policy if facts.practices else None,
        "no privacy policy declared",
        f"{PRACTICES_FILE}: privacy_policy",
    )
    updated = known(
        policy.last_updated,
        "privacy policy's last update not declared",
        f"{PRACTICES_FILE}: privacy_policy.last_updated",
    )
    provenance = facts.declared(PRACTICES_FILE, "privacy_policy", "last_updated", snippet=str(updated))
    if updated < figure.effective:
        return gap(
            f"privacy policy last updated {updated}, before the changes in force from {figure.effective} "
            f"({figure.citation})",
            provenance,
        )
    lists = known(
        policy.lists_service_provider_disclosures,
        f"privacy policy updated {updated}; "
        "whether it lists PI disclosed to service providers is not declared",
        f"{PRACTICES_FILE}: privacy_policy.lists_service_provider_disclosures",
    )
    listing = facts.declared(PRACTICES_FILE, "privacy_policy", "lists_service_provider_disclosures")
    if lists:
        return met(
            f"policy updated {updated} lists PI disclosed to service providers and contractors", listing
        )
    return gap("privacy policy does not list PI disclosed to service providers and contractors", listing)


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
        provenance = facts.item(CHANNELS_FILE, "channels", channel.id, "languages")
        if not notices:
            judgements.append(
                Judgement(
                    channel.id,
                    absent_ok(facts, "notices"),
                    completeness(facts, "notices") if is_complete(facts, "notices") else provenance,
                    "no notice given on it, in any language",
                )
            )
            continue
        judgements.append(
            Judgement(
                channel.id,
                not lacking,
                provenance,
                "notices missing in languages served: " + ", ".join(lacking),
            )
        )
    return combine_over(
        facts, "channels", judgements, "channels' notices in every language served", notices_missing("any")
    )


@check("voice_opt_out_notice")
def voice_opt_out_notice(ctx: CheckContext) -> CheckResult:
    voice = known(
        channels_of(ctx.facts, {ChannelKind.voice_ivr, ChannelKind.agent_voice}),
        "channels not declared",
        "inventory/channels.yaml",
    )
    return combine_over(
        ctx.facts,
        "channels",
        judge_channels_have_notice(ctx.facts, voice, "opt_out"),
        "voice channels (opt-out notice)",
        notices_missing("opt_out"),
    )


@check("no_undisclosed_selling_or_sharing")
def no_undisclosed_selling_or_sharing(ctx: CheckContext) -> CheckResult:
    facts = ctx.facts
    practices = facts.practices
    answers = (
        (None, None)
        if practices is None
        else (practices.sells_personal_information, practices.shares_personal_information)
    )
    if any(answers):
        return not_applicable("the business declares that it sells or shares; the opt-out requirements apply")
    if None in answers:
        return unknown(
            "selling or sharing not declared", "inventory/practices.yaml: sells/shares_personal_information"
        )
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
    listed_or_settle(
        facts, "notices", [n for n in practices.notices if n.kind == "limit"], "notice of the right to limit"
    )
    link = known(
        practices.limit_link, "the 'Limit the Use' link is not declared", f"{PRACTICES_FILE}: limit_link"
    )
    return met(
        f"notice of the right to limit and the link {link} are declared",
        provenance,
        facts.declared(PRACTICES_FILE, "limit_link"),
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
        if incentive.notice is None:
            if not notice_ids and is_complete(facts, "notices"):
                judgements.append(
                    Judgement(
                        incentive.name,
                        False,
                        completeness(facts, "notices"),
                        "no notice of financial incentive",
                    )
                )
            else:
                judgements.append(
                    Judgement(
                        incentive.name,
                        False if incentive.value_explained is False else None,
                        provenance,
                        "value of the data not explained",
                    )
                )
        elif incentive.notice not in notice_ids:
            judgements.append(
                Judgement(
                    incentive.name,
                    False,
                    provenance,
                    f"{incentive.notice} is not a notice of financial incentive",
                )
            )
        else:
            judgements.append(
                Judgement(
                    incentive.name, incentive.value_explained, provenance, "value of the data not explained"
                )
            )
    return combine_over(
        facts,
        "financial_incentives",
        judgements,
        "financial incentives",
        f"{PRACTICES_FILE}: each incentive's notice",
    )


@check("bot_disclosure")
def bot_disclosure(ctx: CheckContext) -> CheckResult:
    channels = known(ctx.facts.channels, "channels not declared", "inventory/channels.yaml")
    bots = [c for c in channels if c.bot]
    return combine_over(
        ctx.facts,
        "channels",
        judge_channels_have_notice(ctx.facts, bots, "bot_disclosure"),
        "channels with a bot",
        notices_missing("bot_disclosure"),
    )


@check("workforce_notice")
def workforce_notice(ctx: CheckContext) -> CheckResult:
    practices = known(ctx.facts.practices, "notices not declared", "inventory/practices.yaml: notices")
    workforce = listed_or_settle(
        ctx.facts,
        "notices",
        [n for n in practices.notices if n.kind == "workforce"],
        "privacy notice to agents, applicants and contractors (kind: workforce)",
    )
    index = practices.notices.index(workforce[0])
    return met("a workforce privacy notice is declared", ctx.facts.declared(PRACTICES_FILE, "notices", index))
