"""All 249 real exports: each is read or reported FLOW-INVALID, never a crash."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ccpa_readiness.evidence.flows import ANALYSED, scan_flows
from ccpa_readiness.evidence.flows.documents import is_flow_file

EXPECTED_INVALID = {
    "multi-tenancy-amazon-connect__census_ai_main.json": "unknown amazon-connect action type 'Start'",
    "sample-aicc-builder-for-amazon-connect-ai-agent__callback-pattern.md.json": "'CheckStaffing'",
    "sample-amazon-connect-health-unified-clinical-workflow__contact-flow.json": "'StartMediaStreaming'",
    "cx-as-code-cicd-gitactions-blueprint__EmailComprehendFlow.yaml__inboundEmail.yaml": "not a voice flow",
    "wxccflowsamples__Cars_Export-voice.json": "Webex Contact Center",
}


def test_every_shared_flow_is_read_or_reported_invalid(flows_dir: Path) -> None:
    files = sorted(p for p in flows_dir.rglob("*") if p.is_file() and is_flow_file(p))
    assert len(files) == 249

    scan = scan_flows([flows_dir])

    outcome: dict[str, set[str]] = {}
    for observation in scan.observations:
        if observation.kind in (ANALYSED, "FLOW-INVALID"):
            outcome.setdefault(observation.source, set()).add(observation.kind)
    assert sorted(outcome) == sorted(str(f) for f in files)
    assert all(len(kinds) == 1 for kinds in outcome.values())
    invalid = {
        Path(o.source).name: o.attributes["message"] for o in scan.observations if o.kind == "FLOW-INVALID"
    }
    assert len(invalid) == 12
    for name, reason in EXPECTED_INVALID.items():
        assert reason in str(invalid[name])
    genesys_native = [n for n in invalid if ".i3" in n]
    assert len(genesys_native) == 7
    # each invalid file is also a named problem, so `ccpa assess` lists it as skipped
    assert sorted(Path(p.source).name for p in scan.problems) == sorted(invalid)
    assert all(p.message.startswith("not a readable flow, skipped: ") for p in scan.problems)


def test_each_format_is_read_and_rules_fire_on_real_flows(flows_dir: Path) -> None:
    scan = scan_flows([flows_dir])
    formats = Counter(o.attributes["format"] for o in scan.observations if o.kind == ANALYSED)
    assert formats == {
        "amazon-connect": 147,
        "amazon-connect-legacy": 49,
        "twilio-studio": 34,
        "genesys-archy": 7,
    }
    kinds = {o.kind for o in scan.observations}
    assert kinds >= {
        "FLOW-NOTICE-MISSING",
        "FLOW-RECORDING-NOTICE-MISSING",
        "FLOW-SENSITIVE-INPUT-UNENCRYPTED",
        "FLOW-ANALYTICS-UNREDACTED",
        "FLOW-VOICE-BIOMETRICS",
        "FLOW-EXTERNAL-SHARE",
        "FLOW-UNREACHABLE",
        "FLOW-DEAD-END",
        "FLOW-UNHANDLED-ERROR",
        "FLOW-UNDETERMINED",
    }


def test_results_are_sorted_and_repeatable(flows_dir: Path) -> None:
    connect = flows_dir / "connect"
    first = scan_flows([connect]).model_dump()
    assert scan_flows([connect]).model_dump() == first
    keys = [(o["source"], o["subject"]) for o in first["observations"]]
    assert keys == sorted(keys)
