"""Flows in context (issue 13): module and transfer flows in and out of their bundle, recording
state a module inherits, validation errors wired to the success path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import results_of

WriteFlow = Callable[[str, object], Path]
NOTICE = (
    "This call may be recorded. We collect personal information to help you, as described in our "
    "privacy notice."
)


def action(
    identifier: str, kind: str, params: dict[str, Any], after: str = "", **errors: str
) -> dict[str, Any]:
    transitions: dict[str, Any] = {"NextAction": after} if after else {}
    if errors:
        transitions["Errors"] = [{"NextAction": to, "ErrorType": event} for event, to in errors.items()]
    return {"Identifier": identifier, "Type": kind, "Parameters": params, "Transitions": transitions}


def end(identifier: str = "end") -> dict[str, Any]:
    return action(identifier, "DisconnectParticipant", {})


def card_input(after: str, on_error: str) -> dict[str, Any]:
    params = {"Text": "Please enter your card number", "StoreInput": "True", "InputEncryption": {"Key": "k"}}
    return action("card", "GetParticipantInput", params, after, NoMatchingError=on_error)


def wrapped(key: str, flow_id: str, flow_type: str, actions: list[dict[str, Any]]) -> dict[str, Any]:
    content = {"Version": "2019-10-30", "StartAction": actions[0]["Identifier"], "Actions": actions}
    return {key: {"Id": flow_id, "Name": flow_id, "Type": flow_type, "Content": content}}


def payment_module() -> dict[str, Any]:
    done = action("done", "EndFlowModuleExecution", {})
    return wrapped(
        "ContactFlowModule", "pay-module", "MODULE", [card_input("done", "retry"), end("retry"), done]
    )


def caller(records: bool, next_step: dict[str, Any]) -> dict[str, Any]:
    actions = [
        action("hello", "MessageParticipant", {"Text": NOTICE}, "rec" if records else next_step["Identifier"])
    ]
    if records:
        behavior = {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]}}
        actions.append(action("rec", "UpdateContactRecordingBehavior", behavior, next_step["Identifier"]))
    return wrapped("ContactFlow", "main", "CONTACT_FLOW", [*actions, next_step, end()])


def invoke_module() -> dict[str, Any]:
    return action("invoke", "InvokeFlowModule", {"FlowModuleId": "pay-module"}, "end")


def rules_at(results: set[tuple[str, str]], node: str) -> set[str]:
    return {rule for rule, where in results if where.endswith(node)}


def test_a_module_alone_needs_its_calling_flow(write_flow: WriteFlow) -> None:
    results = results_of([write_flow("module.json", payment_module())])
    assert rules_at(results, "card") == {"FLOW-UNDETERMINED", "FLOW-PAYMENT-RECORDING-UNKNOWN"}


def test_a_module_inherits_recording_from_the_caller_in_the_bundle(write_flow: WriteFlow) -> None:
    module = write_flow("module.json", payment_module())
    recording = results_of([module, write_flow("main.json", caller(True, invoke_module()))])
    assert rules_at(recording, "card") == {"FLOW-PAYMENT-RECORDED"}
    silent = results_of([module, write_flow("main2.json", caller(False, invoke_module()))])
    assert rules_at(silent, "card") == set()


def transfer_flow(flow_type: str) -> dict[str, Any]:
    queue = action("queue", "TransferContactToQueue", {}, "")
    return wrapped("ContactFlow", "to-agent", flow_type, [queue])


def test_a_transfer_flow_alone_is_not_judged_as_entered_directly(write_flow: WriteFlow) -> None:
    for flow_type in ("QUEUE_TRANSFER", "AGENT_TRANSFER", "CUSTOMER_WHISPER"):
        results = results_of([write_flow(f"{flow_type}.json", transfer_flow(flow_type))])
        assert rules_at(results, "queue") == {"FLOW-UNDETERMINED"}, flow_type
    entry = results_of([write_flow("entry.json", transfer_flow("CONTACT_FLOW"))])
    assert rules_at(entry, "queue") == {"FLOW-NOTICE-MISSING"}


def test_a_transfer_flow_with_its_caller_in_the_bundle(write_flow: WriteFlow) -> None:
    callee = write_flow("to-agent.json", transfer_flow("QUEUE_TRANSFER"))
    transfer = action("go", "TransferToFlow", {"ContactFlowId": "to-agent"}, "end")
    results = results_of([callee, write_flow("main.json", caller(False, transfer))])
    assert rules_at(results, "queue") == set()  # the caller gave the notice


def test_a_validation_error_wired_to_the_success_path(write_flow: WriteFlow) -> None:
    wired = wrapped("ContactFlow", "f", "CONTACT_FLOW", [card_input("end", "end"), end()])
    assert "FLOW-ERROR-TO-SUCCESS" in rules_at(results_of([write_flow("wired.json", wired)]), "card")
    retried = wrapped("ContactFlow", "f", "CONTACT_FLOW", [card_input("end", "retry"), end("retry"), end()])
    assert "FLOW-ERROR-TO-SUCCESS" not in rules_at(results_of([write_flow("ok.json", retried)]), "card")
