"""Notice recognition on real wording, and its traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccpa_readiness.evidence.flows.model import Node, NodeKind, Prompt
from ccpa_readiness.evidence.flows.wording import (
    discloses_recording,
    disclosure_verdict,
    gives_notice,
    is_dynamic,
    sensitive_kinds,
)

from .conftest import results_of


@pytest.mark.parametrize(
    "text",
    [
        "This call may be monitored or recorded",
        "<speak>Hello, This is your requested call. This call may be monitored or recorded. </speak>",
        "Thank you for calling. All calls may be monitored for quality assurance.",
        "This call is recorded for training purposes.",
        "This is Salesforce calling. This call may be recording for training purposes.",
        "This call demonstrates real time transcription with Deepgram.",
        "Thank you for calling $.Attributes.company. All calls may be monitored for quality assurance.",
    ],
)
def test_recording_disclosures_found_in_real_flows(text: str) -> None:
    assert discloses_recording(text)


@pytest.mark.parametrize(
    "text",
    [
        "This call is not being recorded.",
        "While you were leaving your voicemail, an agent became available. "
        "Ending voicemail recording and connecting you now.",
        "We will begin to record your message after the tone. When finished, you may hang up.",
        "If you want you can leave us a message after the tone.",
        "Transcript disabled.",
        "Thank you for using Amazon Connect IVR recording solution",
    ],
)
def test_wording_traps_are_not_disclosures(text: str) -> None:
    assert not discloses_recording(text)


def test_notice_at_collection_wording() -> None:
    assert gives_notice("To learn what personal information we collect, visit example.com/privacy.")
    assert gives_notice("Our privacy notice is at example dot com.")
    assert not gives_notice("Please enter your account number followed by the pound key.")
    assert not gives_notice("This call may be monitored or recorded.")


def test_voicemail_beep_cue_is_not_a_disclosure_but_an_unnamed_audio_prompt_is_unknown() -> None:
    beep = Node(id="b", kind=NodeKind.PROMPT, action_type="PlayPrompt", prompt=Prompt(refs=("Beep.wav",)))
    welcome = Node(
        id="w", kind=NodeKind.PROMPT, action_type="PlayPrompt", prompt=Prompt(refs=("welcome.wav",))
    )
    assert disclosure_verdict(beep, frozenset()) is False
    assert disclosure_verdict(welcome, frozenset()) is None
    assert disclosure_verdict(welcome, frozenset({"welcome.wav"})) is True


def test_real_voicemail_beep_before_streaming_is_a_missing_disclosure(flows_dir: Path) -> None:
    flow = (
        flows_dir / "connect-legacy" / "amazon-connect-collect-feedback-via-phone-ivr__ivr-feedback-flow.json"
    )
    streaming = "3b6c7ba4-c43e-4190-9818-629ffc694055"
    found = results_of([flow])
    assert ("FLOW-RECORDING-NOTICE-MISSING", streaming) in found
    assert ("FLOW-UNDETERMINED", streaming) not in found


def test_real_disclosure_before_streaming_passes(flows_dir: Path) -> None:
    flow = flows_dir / "connect" / "amazon-connect-integration__sample_contact_flow.json"
    found = results_of([flow])
    assert not {r for r in found if r[0] in ("FLOW-RECORDING-NOTICE-MISSING", "FLOW-UNDETERMINED")}


@pytest.mark.parametrize(
    ("text", "dynamic"),
    [
        ("$.External.nextQuestion", True),
        ("<speak>{{message}}</speak>", True),
        (
            '<speak><prosody volume="<<speakingVolume>>">Please enter your card number.</prosody></speak>',
            False,
        ),
        ("Hello, $.External.givenName. Please hold while we connect you to an agent.", False),
    ],
)
def test_dynamic_prompts(text: str, dynamic: bool) -> None:
    assert is_dynamic(text) is dynamic


def test_sensitive_inputs_from_prompt_and_settings() -> None:
    assert sensitive_kinds(["Please enter your 16 digit credit card number"]) == ("card",)
    assert sensitive_kinds(["Please enter the 9 digit routing number"]) == ("bank_account",)
    assert sensitive_kinds(["please enter your new 4 digit pin."]) == ("pin",)
    assert sensitive_kinds(["Enter your date of birth", "CustomerInputType Custom"]) == ("date_of_birth",)
    assert sensitive_kinds(["Press 1 for sales"]) == ()
