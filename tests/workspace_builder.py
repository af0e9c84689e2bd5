"""Small workspaces for tests, written from Python data: one compliant baseline to mutate."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ALL_CLAUSES = [
    "no_sale_or_sharing",
    "specific_business_purposes",
    "use_limited_to_purposes",
    "no_combining",
    "ccpa_compliance_and_security",
    "audit_rights",
    "notify_if_cannot_comply",
    "stop_and_remediate",
    "consumer_request_assistance",
    "subcontractor_flowdown",
]
SECURE_SYSTEM = {
    "encryption_at_rest": True,
    "encryption_in_transit": True,
    "access_control": "role_based",
    "access_logging": True,
    "mfa": True,
    "retention_days": 365,
    "deletion": "automated",
    "supports_deletion_requests": True,
}


SERVING_DUTIES = {
    "contract_meets_ccr_7051": True,
    "uses_pi_only_for_contracted_purposes": True,
    "client_data_segregated": True,
    "has_subcontractors": True,
    "subcontractors_bound_and_notified": True,
    "supports_client_consumer_requests": True,
    "direct_requests_procedure": True,
}


def procedure(kind: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"sop-{kind}", "kind": kind, "title": f"SOP {kind}", "document": f"DOC-{kind}", **extra}


# every inventory list of the compliant baseline is declared complete, so removing an item shows its absence
COMPLETE_LISTS = {
    "inventory/channels.yaml": ["channels"],
    "inventory/practices.yaml": ["notices", "financial_incentives", "request_methods"],
    "inventory/data.yaml": ["data_elements"],
    "inventory/systems.yaml": ["systems"],
    "inventory/procedures.yaml": ["procedures"],
    "inventory/technology.yaml": ["analytics"],
    "inventory/training.yaml": ["programmes"],
    "inventory/vendors.yaml": ["vendors"],
}


def compliant() -> dict[str, Any]:
    """A contact center that meets every automated check (as of 2026-11-29)."""
    files = _compliant()
    for relative, lists in COMPLETE_LISTS.items():
        files[relative]["complete_lists"] = lists
    for notice in files["inventory/practices.yaml"]["notices"]:
        notice["given_before_collection"] = True
    return files


def _compliant() -> dict[str, Any]:
    return {
        "ccpa.yaml": {
            "organization": {
                "name": "Compliant Co",
                "for_profit": True,
                "does_business_in_california": True,
                "annual_gross_revenue_usd": 50_000_000,
                "consumers_households_bought_sold_shared_per_year": 0,
                "revenue_share_from_selling_sharing": 0.0,
                "consumers_per_year": 300_000,
                "consumers_with_spi_per_year": 10_000,
                "california_workforce": True,
                "revenue_year": 2025,
                "consumers_or_households_processed_prior_year": 300_000,
                "controls_or_controlled_by_business_with_common_branding": False,
                "joint_venture_of_businesses": False,
                "voluntarily_certified_to_cppa": False,
                "is_data_broker": False,
                "relationships": [
                    {"id": "own-customers", "role": "business"},
                    {
                        "id": "client-care",
                        "role": "service_provider",
                        "client": "Client Co",
                        **SERVING_DUTIES,
                    },
                    {
                        "id": "client-billing",
                        "role": "contractor",
                        "client": "Other Client",
                        "contractor_certification_signed": True,
                        **SERVING_DUTIES,
                    },
                ],
            },
            "volumes": {
                "calls_per_year": 100_000,
                "chats_per_year": 20_000,
                "consumer_requests_per_year": 100,
            },
            "resources": {
                "privacy_owner": "P. Owner",
                "contact_center_privacy_lead": "C. Lead",
                "raci_documented": True,
                "departments": {"Privacy": {"people": 1, "day_rate_usd": 1000}},
            },
            "plan": {"start": "2027-01-04", "deadline": "2027-06-30"},
        },
        "inventory/channels.yaml": {
            "channels": [
                {
                    "id": "ivr",
                    "name": "IVR",
                    "kind": "voice_ivr",
                    "recorded": True,
                    "analytics": True,
                    "languages": ["en", "es"],
                    "notices": ["nac-voice", "rec", "optout-voice"],
                    "decline_recording_option": True,
                },
                {
                    "id": "chat",
                    "name": "Chat",
                    "kind": "chat",
                    "recorded": True,
                    "bot": True,
                    "notices": ["nac-chat", "rec", "bot"],
                },
            ]
        },
        "inventory/practices.yaml": {
            "privacy_policy": {
                "url": "https://x.example/privacy",
                "last_updated": "2026-06-01",
                "describes_contact_center": True,
                "lists_service_provider_disclosures": True,
            },
            "notices": [
                {
                    "id": "nac-voice",
                    "kind": "notice_at_collection",
                    "channels": ["voice_ivr"],
                    "delivery": "spoken_ivr",
                    "languages": ["en", "es"],
                },
                {"id": "nac-chat", "kind": "notice_at_collection", "channels": ["chat"], "delivery": "link"},
                {
                    "id": "rec",
                    "kind": "recording_disclosure",
                    "channels": ["voice_ivr", "chat"],
                    "delivery": "spoken_ivr",
                    "languages": ["en", "es"],
                    "mentions_third_party_ai": True,
                },
                {
                    "id": "optout-voice",
                    "kind": "opt_out",
                    "channels": ["voice_ivr"],
                    "delivery": "spoken_ivr",
                    "languages": ["en", "es"],
                },
                {"id": "bot", "kind": "bot_disclosure", "channels": ["chat"], "delivery": "text"},
                {"id": "fi", "kind": "financial_incentive", "channels": ["chat"], "delivery": "link"},
                {"id": "staff", "kind": "workforce", "channels": ["agent_voice"], "delivery": "text"},
            ],
            "sells_personal_information": False,
            "shares_personal_information": False,
            "honors_opt_out_preference_signals": True,
            "uses_spi_beyond_permitted_purposes": False,
            "financial_incentives": [{"name": "Rewards", "notice": "fi", "value_explained": True}],
            "request_methods": [{"kind": "toll_free_number", "detail": "1-800"}, {"kind": "web_form"}],
        },
        "inventory/data.yaml": {
            "data_elements": [
                {
                    "id": "name",
                    "name": "Name",
                    "category": "identifiers",
                    "channels": ["ivr", "chat"],
                    "purposes": ["service"],
                    "systems": ["crm"],
                    "sources": ["consumer"],
                },
                {
                    "id": "voice",
                    "name": "Voiceprint",
                    "category": "biometric_information",
                    "sensitive_kind": "biometric_identification",
                    "channels": ["ivr"],
                    "purposes": ["authentication"],
                    "systems": ["crm"],
                    "sources": ["consumer"],
                    "retention_days": 365,
                    "disclosed_to": ["sp"],
                },
            ]
        },
        "inventory/systems.yaml": {"systems": [{"id": "crm", "name": "CRM", "kind": "crm", **SECURE_SYSTEM}]},
        "inventory/procedures.yaml": {
            "procedures": [
                procedure("request_intake_phone", confirm_within_business_days=10, respond_within_days=45),
                procedure("opt_out_handling", act_within_business_days=15),
                *(
                    procedure(kind)
                    for kind in (
                        "verification",
                        "authorized_agent",
                        "access_request",
                        "deletion",
                        "correction",
                        "limit_handling",
                        "minors",
                        "incident_response",
                        "retention_disposal",
                        "qa_monitoring",
                        "vendor_onboarding",
                        "change_review",
                    )
                ),
            ],
            "request_records_retention_months": 24,
            "request_log_kept": True,
            "agents_have_request_recognition_script": True,
        },
        "inventory/technology.yaml": {
            "analytics": [
                {
                    "name": "Speech AI",
                    "kind": "speech_analytics",
                    "vendor": "sp",
                    "redaction": True,
                    "trains_vendor_models": False,
                }
            ],
            "payment_capture": "dtmf_masking",
            "redaction": {"recordings": True, "transcripts": True, "chat": True},
            "voice_biometrics": True,
            "remote_agents": True,
            "remote_agent_controls": True,
            "fraud_controls": True,
        },
        "inventory/training.yaml": {
            "programmes": [
                {
                    "id": "all",
                    "name": "Everything",
                    "topics": [
                        "consumer_rights",
                        "request_handling",
                        "recording_consent",
                        "payment_handling",
                        "verification",
                        "social_engineering",
                    ],
                    "audiences": ["agents"],
                    "completion_rate": 0.97,
                    "last_delivered": "2026-09-01",
                }
            ],
            "written_training_policy": True,
        },
        "inventory/vendors.yaml": {
            "vendors": [
                {
                    "id": "sp",
                    "name": "Speech AI Inc",
                    "role": "service_provider",
                    "contract_clauses": ALL_CLAUSES,
                    "contract_signed": "2025-01-01",
                    "subprocessors_disclosed": True,
                    "last_diligence": "2026-06-01",
                    "supports_consumer_requests": True,
                },
                {
                    "id": "tp",
                    "name": "Partner",
                    "role": "third_party",
                    "contract_signed": "2025-01-01",
                    "last_diligence": "2026-06-01",
                },
            ]
        },
    }


def write_workspace(root: Path, files: dict[str, Any]) -> Path:
    """Write each file of `files` (path -> data, or raw text) under `root`."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return root


def mutated(base: dict[str, Any], relative: str, *path: str | int, value: Any) -> dict[str, Any]:
    """A deep copy of `base` with the value at `path` in file `relative` replaced."""
    files = copy.deepcopy(base)
    target = files[relative]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return files
