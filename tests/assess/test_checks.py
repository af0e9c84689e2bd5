"""Every registered check: met on a compliant workspace, unknown on a bare one, gap when broken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccpa_readiness.assess.applicability import decide_applicability
from ccpa_readiness.assess.checks.requests import DOCUMENTED_PROCEDURES
from ccpa_readiness.assess.models import CheckResult, FindingBasis, Outcome
from ccpa_readiness.assess.registry import CHECKS, CheckContext
from ccpa_readiness.assess.run import CHECKS as REGISTERED  # noqa: F401  (registers the checks)
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import load_workspace
from tests.workspace_builder import compliant, mutated, write_workspace

AS_OF = dt.date(2026, 11, 29)
Files = dict[str, Any]


def run_check(
    tmp_path: Path, files: Files, check_id: str, observations: list[Observation] | None = None
) -> CheckResult:
    workspace = load_workspace(write_workspace(tmp_path, files))
    facts = Facts(workspace=workspace, observations=observations or [], as_of=AS_OF)
    catalog = default_catalog()
    conditions = decide_applicability(facts, catalog).conditions
    return CHECKS[check_id](CheckContext(facts=facts, catalog=catalog, conditions=conditions))


def bare() -> Files:
    return {
        "ccpa.yaml": {
            "organization": {"name": "Bare Co", "for_profit": True, "does_business_in_california": True}
        }
    }


# decided by evidence alone: declarations cannot show what a notice document says
EVIDENCE_ONLY = {"notice_content_matches_practice"}


@pytest.mark.parametrize("check_id", sorted(set(CHECKS) - EVIDENCE_ONLY))
def test_every_check_is_met_on_the_compliant_workspace(tmp_path: Path, check_id: str) -> None:
    result = run_check(tmp_path, compliant(), check_id)
    assert result.outcome == Outcome.met, result.reason
    assert result.evidence, "a met outcome must cite what it rests on"


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_check_says_unknown_and_what_is_missing_on_a_bare_workspace(
    tmp_path: Path, check_id: str
) -> None:
    result = run_check(tmp_path, bare(), check_id)
    assert result.outcome == Outcome.unknown, result.reason
    assert result.missing, "an unknown outcome must say which information is missing"


def drop_notice(notice_id: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        practices = files["inventory/practices.yaml"]
        practices["notices"] = [n for n in practices["notices"] if n["id"] != notice_id]
        for channel in files["inventory/channels.yaml"]["channels"]:
            channel["notices"] = [n for n in channel["notices"] if n != notice_id]

    return change


def drop_procedure(kind: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        procedures = files["inventory/procedures.yaml"]
        procedures["procedures"] = [p for p in procedures["procedures"] if p["kind"] != kind]

    return change


def set_value(relative: str, *path: str | int, value: Any) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        files.update(mutated(files, relative, *path, value=value))

    return change


def both(*changes: Callable[[Files], None]) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        for each in changes:
            each(files)

    return change


P, C, D, S, V = (
    "inventory/practices.yaml",
    "inventory/channels.yaml",
    "inventory/data.yaml",
    "inventory/systems.yaml",
    "inventory/vendors.yaml",
)
T, TR, PR = "inventory/technology.yaml", "inventory/training.yaml", "inventory/procedures.yaml"

# check id -> (what breaks it, the outcome expected). Partial: one of several items fails.
BROKEN: dict[str, tuple[Callable[[Files], None], Outcome]] = {
    "workforce_notice": (drop_notice("staff"), Outcome.gap),
    "voice_notice_at_collection": (
        set_value(P, "notices", 0, "given_before_collection", value=False),
        Outcome.gap,
    ),
    "digital_notice_at_collection": (
        set_value(P, "notices", 1, "delivery", value="spoken_agent"),
        Outcome.gap,
    ),
    "privacy_policy_current": (
        set_value(P, "privacy_policy", "last_updated", value="2025-01-01"),
        Outcome.gap,
    ),
    "privacy_policy_2026_changes": (
        set_value(P, "privacy_policy", "last_updated", value="2025-12-31"),
        Outcome.gap,
    ),
    "ai_training_governed": (set_value(T, "analytics", 0, "trains_vendor_models", value=True), Outcome.gap),
    "limit_requests_handled": (
        both(
            set_value(P, "uses_spi_beyond_permitted_purposes", value=True), drop_procedure("limit_handling")
        ),
        Outcome.gap,
    ),
    "request_recognition_script": (
        set_value(PR, "agents_have_request_recognition_script", value=False),
        Outcome.gap,
    ),
    "notices_in_languages_served": (set_value(P, "notices", 0, "languages", value=["en"]), Outcome.partial),
    "voice_opt_out_notice": (drop_notice("optout-voice"), Outcome.gap),
    "no_undisclosed_selling_or_sharing": (
        set_value(D, "data_elements", 0, "disclosed_to", value=["tp"]),
        Outcome.partial,
    ),
    "limit_notice": (set_value(P, "uses_spi_beyond_permitted_purposes", value=True), Outcome.gap),
    "financial_incentive_notices": (
        set_value(P, "financial_incentives", 0, "value_explained", value=False),
        Outcome.gap,
    ),
    "bot_disclosure": (drop_notice("bot"), Outcome.gap),
    "recording_disclosed_before_recording": (
        set_value(P, "notices", 2, "given_before_collection", value=False),
        Outcome.gap,
    ),
    "recording_disclosure_names_ai": (
        set_value(P, "notices", 2, "mentions_third_party_ai", value=False),
        Outcome.gap,
    ),
    "chat_capture_disclosed": (
        both(
            set_value(P, "notices", 2, "channels", value=["voice_ivr"]),
            set_value(C, "channels", 1, "notices", value=["nac-chat", "bot"]),
        ),
        Outcome.gap,
    ),
    "decline_recording_path": (
        set_value(C, "channels", 0, "decline_recording_option", value=False),
        Outcome.gap,
    ),
    "request_confirm_deadline": (
        set_value(PR, "procedures", 0, "confirm_within_business_days", value=15),
        Outcome.gap,
    ),
    "request_respond_deadline": (
        set_value(PR, "procedures", 0, "respond_within_days", value=60),
        Outcome.gap,
    ),
    "opt_out_deadline": (set_value(PR, "procedures", 1, "act_within_business_days", value=20), Outcome.gap),
    "request_methods_toll_free": (set_value(P, "request_methods", value=[{"kind": "web_form"}]), Outcome.gap),
    "opt_out_signals_honored": (set_value(P, "honors_opt_out_preference_signals", value=False), Outcome.gap),
    "deletion_reaches_systems_and_vendors": (
        set_value(S, "systems", 0, "supports_deletion_requests", value=False),
        Outcome.partial,
    ),
    "request_records_kept": (set_value(PR, "request_records_retention_months", value=12), Outcome.partial),
    "data_map_complete": (set_value(D, "data_elements", 0, "sources", value=[]), Outcome.partial),
    "purpose_for_every_element": (set_value(D, "data_elements", 0, "purposes", value=[]), Outcome.partial),
    "retention_defined_and_enforced": (set_value(S, "systems", 0, "deletion", value="manual"), Outcome.gap),
    "spi_register": (set_value(D, "data_elements", 1, "purposes", value=[]), Outcome.gap),
    "voice_biometrics_governed": (
        set_value(D, "data_elements", 1, "retention_days", value=None),
        Outcome.gap,
    ),
    "vendor_contract_clauses": (
        set_value(V, "vendors", 0, "contract_clauses", value=["no_sale_or_sharing"]),
        Outcome.gap,
    ),
    "vendors_classified": (
        set_value(V, "vendors", 0, "contract_clauses", value=["no_sale_or_sharing"]),
        Outcome.gap,
    ),
    "third_party_contracts": (
        both(
            set_value(V, "vendors", 1, "contract_signed", value=None),
            set_value(V, "vendors", 1, "contract_in_place", value=False),
        ),
        Outcome.gap,
    ),
    "subprocessors_flow_down": (
        set_value(V, "vendors", 0, "subprocessors_disclosed", value=False),
        Outcome.gap,
    ),
    "vendor_diligence_current": (
        set_value(V, "vendors", 0, "last_diligence", value="2024-01-01"),
        Outcome.partial,
    ),
    "vendors_support_requests": (
        set_value(V, "vendors", 0, "supports_consumer_requests", value=False),
        Outcome.gap,
    ),
    "systems_encrypted": (set_value(S, "systems", 0, "encryption_at_rest", value=False), Outcome.gap),
    "recordings_redacted": (set_value(T, "redaction", "recordings", value=False), Outcome.partial),
    "access_controlled": (set_value(S, "systems", 0, "mfa", value=False), Outcome.gap),
    "remote_agent_controls": (set_value(T, "remote_agent_controls", value=False), Outcome.gap),
    "fraud_controls": (set_value(T, "fraud_controls", value=False), Outcome.partial),
    "payment_capture_descoped": (set_value(T, "payment_capture", value="agent_keyed"), Outcome.gap),
    "privacy_training_current": (set_value(TR, "programmes", 0, "completion_rate", value=0.5), Outcome.gap),
    "role_training_topics": (
        set_value(TR, "programmes", 0, "last_delivered", value="2024-01-01"),
        Outcome.gap,
    ),
    "training_policy_written": (set_value(TR, "written_training_policy", value=False), Outcome.gap),
    "privacy_owner_named": (
        set_value("ccpa.yaml", "resources", "raci_documented", value=False),
        Outcome.partial,
    ),
    "request_capacity": (
        set_value(
            "ccpa.yaml",
            "resources",
            "departments",
            value={"Legal": {"people": 1, "day_rate_usd": 1}, "Privacy": {"people": 0, "day_rate_usd": 1}},
        ),
        Outcome.gap,
    ),
}
RELATIONSHIP = ("ccpa.yaml", "organization", "relationships")
BROKEN.update(
    {
        check_id: (set_value(*RELATIONSHIP, 1, field, value=False), Outcome.partial)
        for check_id, field in (
            ("sp_client_contract", "contract_meets_ccr_7051"),
            ("sp_use_limits", "uses_pi_only_for_contracted_purposes"),
            ("sp_client_data_segregated", "client_data_segregated"),
            ("sp_subcontractors_bound", "subcontractors_bound_and_notified"),
            ("sp_supports_client_requests", "supports_client_consumer_requests"),
            ("sp_direct_requests", "direct_requests_procedure"),
        )
    }
)
BROKEN["contractor_certification"] = (
    set_value(*RELATIONSHIP, 2, "contractor_certification_signed", value=False),
    Outcome.gap,
)
BROKEN.update({f"procedure_{kind}": (drop_procedure(kind), Outcome.gap) for kind in DOCUMENTED_PROCEDURES})
# decided only by evidence or by the presence of facts: no declaration makes them a gap
NO_DECLARED_GAP = {
    "business_status_determined",
    "enhanced_triggers_determined",
    "cyberaudit_threshold_determined",
    "risk_assessment_trigger_determined",
    "role_matrix_declared",
    "notice_content_matches_practice",
}


def test_every_check_has_a_broken_case() -> None:
    assert set(CHECKS) - NO_DECLARED_GAP == set(BROKEN)


@pytest.mark.parametrize("check_id", sorted(BROKEN))
def test_each_check_finds_the_gap(tmp_path: Path, check_id: str) -> None:
    change, expected = BROKEN[check_id]
    files = compliant()
    change(files)
    result = run_check(tmp_path, files, check_id)
    assert result.outcome == expected, result.reason
    assert result.evidence and all(e.basis == "declared" for e in result.evidence)
    assert any(e.location for e in result.evidence), "declared evidence carries its line"


def test_procedure_without_a_document_is_met_on_its_declaration(tmp_path: Path) -> None:
    files = compliant()
    set_value(PR, "procedures", 2, "document", value=None)(files)
    result = run_check(tmp_path, files, "procedure_verification")
    assert result.outcome == Outcome.met
    assert "document" in result.reason


def test_pause_and_resume_is_partial(tmp_path: Path) -> None:
    files = compliant()
    set_value(T, "payment_capture", value="pause_and_resume")(files)
    assert run_check(tmp_path, files, "payment_capture_descoped").outcome == Outcome.partial


NOT_APPLICABLE: dict[str, Callable[[Files], None]] = {
    "no_undisclosed_selling_or_sharing": set_value(P, "sells_personal_information", value=True),
    "financial_incentive_notices": set_value(P, "financial_incentives", value=[]),
    "bot_disclosure": set_value(C, "channels", 1, "bot", value=False),
    "recording_disclosure_names_ai": set_value(T, "analytics", value=[]),
    "remote_agent_controls": set_value(T, "remote_agents", value=False),
    "decline_recording_path": set_value(C, "channels", 0, "recorded", value=False),
}


@pytest.mark.parametrize("check_id", sorted(NOT_APPLICABLE))
def test_checks_that_do_not_apply_say_so(tmp_path: Path, check_id: str) -> None:
    files = compliant()
    NOT_APPLICABLE[check_id](files)
    assert run_check(tmp_path, files, check_id).outcome == Outcome.not_applicable


def observation(kind: str, subject: str = "", **attributes: Any) -> Observation:
    return Observation(
        kind=kind, source="evidence/x", location="node-7", subject=subject, attributes=attributes
    )


@pytest.mark.parametrize(
    ("check_id", "observed"),
    [
        ("voice_notice_at_collection", observation("FLOW-NOTICE-MISSING")),
        ("recording_disclosed_before_recording", observation("FLOW-RECORDING-NOTICE-MISSING")),
        (
            "recording_disclosed_before_recording",
            observation("TRANSCRIPT-DISCLOSURE", "recording_disclosure", late=2),
        ),
        ("payment_capture_descoped", observation("TRANSCRIPT-PII", "CREDIT_CARD", label="CREDIT_CARD")),
        ("recordings_redacted", observation("TRANSCRIPT-PII", "US_SSN", label="US_SSN")),
        ("retention_defined_and_enforced", observation("DATASTORE-RETENTION-EXCEEDED", rows=10)),
        ("systems_encrypted", observation("DATASTORE-CLEARTEXT-SENSITIVE")),
        (
            "data_map_complete",
            observation("TRANSCRIPT-PII", "HEALTH", label="HEALTH", category="customer_records"),
        ),
        ("vendors_classified", observation("FLOW-EXTERNAL-SHARE", target="https://hooks.unknown-crm.io/x")),
        ("notice_content_matches_practice", observation("NOTICE-MISMATCH", "recording")),
    ],
)
def test_evidence_overrides_a_compliant_declaration(
    tmp_path: Path, check_id: str, observed: Observation
) -> None:
    result = run_check(tmp_path, compliant(), check_id, [observed])
    assert result.outcome == Outcome.gap, result.reason
    assert FindingBasis.of(result.evidence) in (FindingBasis.observed, FindingBasis.mixed)
    assert result.evidence[0].source == "evidence/x" and result.evidence[0].location == "node-7"


def test_evidence_that_shows_no_problem_settles_an_unknown(tmp_path: Path) -> None:
    result = run_check(
        tmp_path, compliant(), "notice_content_matches_practice", [observation("NOTICE-DOCUMENT")]
    )
    assert result.outcome == Outcome.met
    assert FindingBasis.of(result.evidence) == FindingBasis.observed


def test_external_share_to_a_declared_vendor_is_covered(tmp_path: Path) -> None:
    covered = observation(
        "FLOW-EXTERNAL-SHARE", target="https://api.speech-ai-inc.example", vendor="Speech AI Inc"
    )
    assert run_check(tmp_path, compliant(), "vendors_classified", [covered]).outcome == Outcome.met
