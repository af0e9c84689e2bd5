"""Readers: real exports in every supported wrapper, and files that are not flows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccpa_readiness.evidence.flows import ANALYSED, scan_flows
from ccpa_readiness.evidence.flows.documents import FlowInvalidError
from ccpa_readiness.evidence.flows.model import FlowFormat, NodeKind
from ccpa_readiness.evidence.flows.readers import read_flows

from .conftest import results_of

SAMPLE = "amazon-connect-integration__sample_contact_flow.json"


def test_describe_contact_flow_response(flows_dir: Path, tmp_path: Path) -> None:
    content = (flows_dir / "connect" / SAMPLE).read_text(encoding="utf-8")
    wrapper = tmp_path / "described.json"
    wrapper.write_text(
        json.dumps(
            {
                "ContactFlow": {
                    "Arn": "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/abc-123",
                    "Id": "abc-123",
                    "Name": "Deepgram sample",
                    "Type": "CONTACT_FLOW",
                    "Content": content,
                }
            }
        ),
        encoding="utf-8",
    )

    (flow,) = read_flows(wrapper)

    assert flow.name == "Deepgram sample"
    assert {"abc-123", "Deepgram sample"} <= flow.aliases
    assert flow.entry_state_known
    assert results_of([wrapper]) == results_of([flows_dir / "connect" / SAMPLE])


def test_cloudformation_template_with_two_flows(flows_dir: Path, tmp_path: Path) -> None:
    main = json.loads((flows_dir / "connect" / SAMPLE).read_text(encoding="utf-8"))
    queue = json.loads(
        (
            flows_dir / "connect" / "amazon-connect-cicd-workshop__ACME_customer_queue.json__Content.json"
        ).read_text(encoding="utf-8")
    )
    template = tmp_path / "template.json"
    template.write_text(
        json.dumps(
            {
                "Resources": {
                    "MainFlow": {
                        "Type": "AWS::Connect::ContactFlow",
                        "Properties": {"Name": "Main", "Type": "CONTACT_FLOW", "Content": json.dumps(main)},
                    },
                    "QueueFlow": {
                        "Type": "AWS::Connect::ContactFlow",
                        "Properties": {
                            "Name": "Queue",
                            "Type": "CUSTOMER_QUEUE",
                            "Content": {"Fn::Sub": json.dumps(queue)},
                        },
                    },
                    "Bucket": {"Type": "AWS::S3::Bucket"},
                }
            }
        ),
        encoding="utf-8",
    )

    flows = read_flows(template)

    assert [(f.name, f.flow_type, f.entry_state_known) for f in flows] == [
        ("Main", "CONTACT_FLOW", True),
        ("Queue", "CUSTOMER_QUEUE", False),
    ]


def test_legacy_twilio_and_archy_exports(flows_dir: Path) -> None:
    (legacy,) = read_flows(
        flows_dir / "connect-legacy" / "amazon-connect-snippets__001_Context_Tracking_-_Make_Payment.json"
    )
    (twilio,) = read_flows(flows_dir / "twilio" / "twilio-demo__ivr-flow.json")
    (archy,) = read_flows(flows_dir / "archy" / "dr-fallback-ivr__DR-Emergency-IVR.yaml")

    assert legacy.format is FlowFormat.CONNECT_LEGACY
    assert legacy.name == "001 Context Tracking - Make Payment"
    assert any(n.stores_input and not n.encrypted for n in legacy.nodes())
    assert twilio.format is FlowFormat.TWILIO
    assert any(n.kind is NodeKind.PAYMENT for n in twilio.nodes())
    assert archy.format is FlowFormat.ARCHY
    assert archy.start == "startUp"
    greeting = archy.node("startUp").prompt
    assert greeting is not None
    assert greeting.text == "${ivr_initial_greeting}"
    transfers = [n for n in archy.nodes() if n.kind is NodeKind.TRANSFER_QUEUE]
    assert len(transfers) == 6


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.json", b'{"Version": "2019-10-30", "Actions": [', "invalid JSON"),
        ("binary.json", bytes(range(256)), "not a text file"),
        ("list.json", b"[1, 2, 3]", "not a JSON object"),
        ("other.json", b'{"name": "not a flow"}', "not a flow of a supported format"),
        (
            "invented.json",
            b'{"Version": "2019-10-30", "StartAction": "a", "Actions": '
            b'[{"Identifier": "a", "Type": "TransferToQueue", "Parameters": {}, "Transitions": {}}]}',
            "unknown amazon-connect action type 'TransferToQueue'",
        ),
        (
            "dangling.json",
            b'{"Version": "2019-10-30", "StartAction": "a", "Actions": [{"Identifier": "a", '
            b'"Type": "MessageParticipant", "Parameters": {"Text": "Hi"}, '
            b'"Transitions": {"NextAction": "b"}}]}',
            "not in the flow",
        ),
        ("email.yaml", b"inboundEmail:\n  name: x\n", "not a voice flow"),
        ("broken.yaml", b"inboundCall: [\n", "invalid YAML"),
    ],
)
def test_files_that_are_not_flows_are_reported_invalid(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(FlowInvalidError):
        read_flows(path)
    scan = scan_flows([path])

    (observation,) = scan.observations
    assert observation.kind == "FLOW-INVALID"
    assert observation.attributes["severity"] == "error"
    assert reason in str(observation.attributes["message"])
    assert not [o for o in scan.observations if o.kind == ANALYSED]


def test_twilio_answers_sent_on_are_collected_menu_choices_are_not(flows_dir: Path) -> None:
    (gpt,) = read_flows(flows_dir / "twilio" / "call-gpt__flow.json")
    (ivr,) = read_flows(flows_dir / "twilio" / "twilio-ivr-studio__ivr.json")

    assert gpt.node("gather_prompt").stores_input  # its speech goes to a make-http-request
    assert not ivr.node("gather_input").stores_input  # only branched on and said back
    assert ivr.node("gather_2").stores_input  # "Type in your 6 digit ticket number"
