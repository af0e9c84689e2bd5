"""Recording disclosure and notice at collection: given, late, missing, negated, fuzzy."""

from __future__ import annotations

from ccpa_readiness.evidence.transcripts.analysis import MAX_CACHED_TURNS, Conversation, analyze
from ccpa_readiness.evidence.transcripts.disclosure import NOTICE, RECORDING, DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import TurnBuilder

DEFAULT = DisclosureMatcher.from_texts()


def conversation(*turns: tuple[str, str], matcher: DisclosureMatcher = DEFAULT) -> Conversation:
    builder = TurnBuilder()
    for speaker, text in turns:
        builder.add(speaker, text)
    doc = builder.document("c", "test", 1, "jsonl", None)
    result = analyze(doc, "full", matcher)
    assert result.conversation is not None
    return result.conversation


def test_given_in_the_opening_and_notice_before_collection() -> None:
    verdict = conversation(
        ("AGENT", "Thanks for calling, this call may be recorded for quality and training purposes."),
        ("CUSTOMER", "I want to change my address."),
        ("AGENT", "We collect personal information to help you, as described in our privacy notice."),
        ("CUSTOMER", "My SSN is 078-05-1123."),
    )
    assert (verdict.recording_disclosure, verdict.notice_at_collection) == ("given", "given")
    assert (verdict.first_collection_turn, verdict.collected_before_notice) == (3, ())


def test_late_when_after_the_first_substantive_turn_and_after_collection() -> None:
    verdict = conversation(
        ("AGENT", "Hello, how can I help?"),
        ("CUSTOMER", "My phone is (415) 555-0132 and my SSN is 078-05-1123."),
        ("AGENT", "Got it. By the way, this call is being recorded."),
        ("AGENT", "We collect personal information as described in our privacy notice."),
    )
    assert (verdict.recording_disclosure, verdict.notice_at_collection) == ("late", "late")
    assert verdict.first_collection_turn == 1
    assert verdict.collected_before_notice == ("PHONE_NUMBER", "US_SSN")


def test_missing_and_negated() -> None:
    verdict = conversation(
        ("AGENT", "Hi there. This call is not being recorded."),
        ("CUSTOMER", "Great, my card is 4111 1111 1111 1111."),
    )
    assert (verdict.recording_disclosure, verdict.notice_at_collection) == ("missing", "missing")
    assert verdict.collected_before_notice == ("CREDIT_CARD",)


def test_fuzzy_match_against_approved_texts_tolerates_transcription_errors() -> None:
    approved = DisclosureMatcher.from_texts(["Your call with Acme is recorded and monitored for training."])
    assert approved.gives(RECORDING, "um your cal with acme is recorded an monitored for trainin okay")
    assert not approved.gives(RECORDING, "your call with acme is not recorded and monitored for training")
    assert not approved.gives(NOTICE, "your call with acme is recorded and monitored for training")
    verdict = conversation(
        ("AGENT", "your cal with acme is recorded an monitored for trainin"),
        ("CUSTOMER", "ok"),
        matcher=approved,
    )
    assert verdict.recording_disclosure == "given"


def test_the_customer_cannot_give_a_disclosure() -> None:
    verdict = conversation(
        ("AGENT", "Hello."), ("CUSTOMER", "Is this call being recorded?"), ("AGENT", "Yes.")
    )
    assert verdict.recording_disclosure == "missing"


def test_unnamed_speakers_first_one_is_the_agent() -> None:
    verdict = conversation(("spk_0", "This call is being recorded. How can I help?"), ("spk_1", "Hi."))
    assert verdict.recording_disclosure == "given"


def test_a_long_conversation_is_judged_as_a_short_one() -> None:
    """Past `MAX_CACHED_TURNS` the conversation's shape is worked out afresh, with the same rules."""
    opening = ("AGENT", "Thanks for calling, how can I help?")
    given = ("CUSTOMER", "My SSN is 078-05-1123.")
    late = ("AGENT", "Just so you know, this call is being recorded.")
    for chatter in (1, MAX_CACHED_TURNS):
        middle = [("CUSTOMER", "Let me think."), ("AGENT", "Take your time.")] * chatter
        verdict = conversation(opening, given, *middle, late)
        assert (verdict.recording_disclosure, verdict.notice_at_collection) == ("late", "missing")
        assert (verdict.first_collection_turn, verdict.collected_before_notice) == (1, ("US_SSN",))
