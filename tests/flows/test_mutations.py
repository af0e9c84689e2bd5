"""Mutations of real flows: each edit yields exactly the new result it should, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import load, results_of

WriteFlow = Callable[[str, object], Path]
SCV_INBOUND = "amazon-connect-salesforce-scv__AWS_Sample_SCV_Inbound.json__ContactFlow_Content.json"
BANKID = "amazon-connect-with-bankid-integration__contact-flow.json"
SECURE_LEX = "amazon-connect-encryption__Secure_Lex_Input.json"
C3_PAYMENT = "c3-amazon-connect__c3-payment-ivr-flow-module.json"


def _action(document: dict[str, Any], identifier: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in document["Actions"] if a["Identifier"] == identifier)
    return found


def _redirect(document: dict[str, Any], old: str, new: str) -> None:
    """Every transition (and the start) that led to `old` now leads to `new`."""
    if document["StartAction"] == old:
        document["StartAction"] = new
    for action in document["Actions"]:
        transitions = action.get("Transitions", {})
        if transitions.get("NextAction") == old:
            transitions["NextAction"] = new
        for branch in [*transitions.get("Errors", []), *transitions.get("Conditions", [])]:
            if branch.get("NextAction") == old:
                branch["NextAction"] = new


def _insert_before(document: dict[str, Any], target: str, *actions: dict[str, Any]) -> None:
    """Put `actions` in a chain in front of `target`: what led to `target` now runs them first."""
    _redirect(document, target, actions[0]["Identifier"])
    for action, following in zip(actions, [*actions[1:], {"Identifier": target}], strict=True):
        action["Transitions"] = {"NextAction": following["Identifier"], "Errors": [], "Conditions": []}
        document["Actions"].append(action)


def _changed(before: Path, after: Path, notice_prompts: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    return results_of([after], notice_prompts) - results_of([before], notice_prompts)


def test_removing_the_notice_prompt(flows_dir: Path, write_flow: WriteFlow) -> None:
    real = flows_dir / "connect" / SCV_INBOUND
    notice = "817738cb-2e38-40d3-b2b8-98d4165a4f40"  # the workspace declares this prompt the notice
    assert not {r for r in results_of([real], (notice,)) if r[0] == "FLOW-NOTICE-MISSING"}
    document = load(real)
    _redirect(document, notice, _action(document, notice)["Transitions"]["NextAction"])
    document["Actions"].remove(_action(document, notice))

    mutated = write_flow("no-notice.json", document)

    assert _changed(real, mutated, (notice,)) == {
        ("FLOW-NOTICE-MISSING", "a355c649-31f7-4080-b6e1-69b0f8f38163")
    }


def test_moving_recording_ahead_of_the_disclosure(flows_dir: Path, write_flow: WriteFlow) -> None:
    real = flows_dir / "connect" / BANKID
    disclosure, recording = "0bf507b6-7f4b-4bf8-95c6-531afca0b152", "93a19012-34f4-47c6-8011-d146cded6f8a"
    document = load(real)
    after_recording = _action(document, recording)["Transitions"]["NextAction"]
    _redirect(document, disclosure, recording)
    _action(document, recording)["Transitions"]["NextAction"] = disclosure
    _action(document, disclosure)["Transitions"]["NextAction"] = after_recording

    mutated = write_flow("recording-first.json", document)

    assert _changed(real, mutated) == {("FLOW-RECORDING-NOTICE-MISSING", recording)}
    assert not _changed(mutated, real)


def test_recording_on_before_a_card_number(flows_dir: Path, write_flow: WriteFlow) -> None:
    real = flows_dir / "connect" / SECURE_LEX
    card = "d32e87bb-2435-4718-bae5-d758125d5232"
    told = "This call may be recorded. Our privacy notice is at example dot com slash privacy."
    document = load(real)
    _insert_before(
        document,
        card,
        {"Identifier": "told", "Type": "MessageParticipant", "Parameters": {"Text": told}},
        {
            "Identifier": "record",
            "Type": "UpdateContactRecordingBehavior",
            "Parameters": {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]}},
        },
    )

    mutated = write_flow("recorded-card.json", document)

    assert _changed(real, mutated) == {("FLOW-PAYMENT-RECORDED", card)}
    _action(document, "record")["Parameters"]["RecordingBehavior"]["RecordedParticipants"] = []
    paused = write_flow("paused-card.json", document)
    assert not {r for r in results_of([paused]) if r[0] == "FLOW-PAYMENT-RECORDED"}


def test_dropping_input_encryption(flows_dir: Path, write_flow: WriteFlow) -> None:
    real = flows_dir / "connect" / C3_PAYMENT
    card = "Get & Encrypt Card Number"
    document = load(real)
    del _action(document, card)["Parameters"]["InputEncryption"]

    mutated = write_flow("clear-card.json", document)

    assert _changed(real, mutated) == {("FLOW-SENSITIVE-INPUT-UNENCRYPTED", card)}


def test_adding_an_orphan_node(flows_dir: Path, write_flow: WriteFlow) -> None:
    real = flows_dir / "connect" / BANKID
    document = load(real)
    document["Actions"].append(
        {
            "Identifier": "orphan",
            "Type": "MessageParticipant",
            "Parameters": {"Text": "This call may be monitored or recorded."},
            "Transitions": {"NextAction": "5c69b8bf-4682-4652-8574-4eec6107a865"},
        }
    )

    mutated = write_flow("orphan.json", document)

    assert _changed(real, mutated) == {("FLOW-UNREACHABLE", "orphan")}
