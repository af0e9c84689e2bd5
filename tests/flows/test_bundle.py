"""Flows given together: what the caller heard in the calling flow counts in the callee."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.flows import ANALYSED, scan_flows

from .conftest import results_of

INBOUND = "amazon-connect-salesforce-scv__001-VMX-SampleInbound-SCV.json"
VOICEMAIL = "amazon-connect-salesforce-scv__001-VMX-SampleVM-SCV.json"
STREAMING = "a2d9a221-cbff-408d-b9a4-bcd803045233"
DISCLOSURE = "1b3e66c4-9686-4b35-81d1-acd1f7ea3c3c"


def test_disclosure_in_the_calling_flow_counts_in_the_callee(flows_dir: Path) -> None:
    voicemail = flows_dir / "connect-legacy" / VOICEMAIL
    inbound = flows_dir / "connect-legacy" / INBOUND

    alone = results_of([voicemail])
    together = results_of([voicemail, inbound])

    assert ("FLOW-RECORDING-NOTICE-MISSING", STREAMING) in alone
    assert ("FLOW-RECORDING-NOTICE-MISSING", STREAMING) not in together


def test_declared_notice_prompt_in_the_caller_clears_the_callee(flows_dir: Path) -> None:
    voicemail = flows_dir / "connect-legacy" / VOICEMAIL
    inbound = flows_dir / "connect-legacy" / INBOUND

    scan = scan_flows([voicemail, inbound], [DISCLOSURE])

    callee = [o for o in scan.observations if o.source == str(voicemail)]
    assert not [o for o in callee if o.kind in ("FLOW-NOTICE-MISSING", "FLOW-RECORDING-NOTICE-MISSING")]
    (analysed,) = [o for o in callee if o.kind == ANALYSED]
    assert analysed.attributes["recording_disclosed"] is True
    assert analysed.attributes["records"] is True


def test_audio_prompt_declared_by_id_decides_a_queue_flow(flows_dir: Path) -> None:
    queue = (
        flows_dir
        / "connect"
        / "amazon-connect-callback-contact-management__Sample_interruptible_queue_flow_with_callback-2.json"
    )
    callback_number = "2ff07095-d5f5-48e8-9162-908eb7f1fb27"

    assert ("FLOW-UNDETERMINED", callback_number) in results_of([queue])
    declared = results_of([queue], ["17409106-34c6-4471-9ff8-dfad0e0580d4"])
    assert not {r for r in declared if r[0] in ("FLOW-UNDETERMINED", "FLOW-NOTICE-MISSING")}
