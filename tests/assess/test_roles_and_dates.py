"""Roles per relationship, compliance dates (`upcoming`), figures' validity, one applicability answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ccpa_readiness.assess.models import Assessment, Outcome
from ccpa_readiness.assess.run import assess
from ccpa_readiness.assess.scoring import score
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.tasks import build_tasks
from ccpa_readiness.workspace.loader import load_workspace
from tests.workspace_builder import compliant, mutated, write_workspace

CATALOG = default_catalog()
TODAY = dt.date(2026, 12, 1)
NOT_A_FORM = {
    "controls_or_controlled_by_business_with_common_branding": False,
    "joint_venture_of_businesses": False,
    "voluntarily_certified_to_cppa": False,
}


def facts_of(tmp_path: Path, files: dict[str, Any], as_of: dt.date = TODAY) -> Facts:
    return Facts(workspace=load_workspace(write_workspace(tmp_path, files)), as_of=as_of)


def run(tmp_path: Path, files: dict[str, Any], as_of: dt.date = TODAY) -> Assessment:
    return assess(facts_of(tmp_path, files, as_of), CATALOG)


def outcomes(assessment: Assessment) -> dict[str, Outcome]:
    return {f.requirement_id: f.outcome for f in assessment.findings}


def bpo(**organization: Any) -> dict[str, Any]:
    """A BPO below every threshold, a service provider for a hospital and a utility: it records
    the calls and agents key card numbers for the utility."""
    return {
        "ccpa.yaml": {
            "organization": {
                "name": "Small BPO",
                "for_profit": True,
                "does_business_in_california": True,
                "annual_gross_revenue_usd": 8_000_000,
                "revenue_year": 2025,
                "consumers_households_bought_sold_shared_per_year": 0,
                "revenue_share_from_selling_sharing": 0.0,
                "roles": ["service_provider"],
                **NOT_A_FORM,
                "relationships": [
                    {
                        "id": "hospital-line",
                        "role": "service_provider",
                        "client": "Hospital",
                        "channels": ["hospital-voice"],
                        "contract_meets_ccr_7051": False,
                    },
                    {
                        "id": "utility-line",
                        "role": "service_provider",
                        "client": "Utility",
                        "channels": ["utility-voice"],
                        "contract_meets_ccr_7051": True,
                    },
                ],
                **organization,
            },
            "plan": {"start": "2027-01-04", "deadline": "2027-06-30"},
        },
        "inventory/channels.yaml": {
            "channels": [
                {"id": "hospital-voice", "name": "Hospital line", "kind": "agent_voice", "recorded": True},
                {"id": "utility-voice", "name": "Utility line", "kind": "agent_voice", "recorded": True},
            ]
        },
        "inventory/technology.yaml": {
            "payment_capture": "agent_keyed",
            "analytics": [{"name": "QA", "kind": "qa_scoring"}],
        },
    }


def test_a_service_provider_only_bpo_gets_the_duties_that_reach_it(tmp_path: Path) -> None:
    assessment = run(tmp_path, bpo())
    applicability = assessment.applicability
    assert not applicability.applies
    found = outcomes(assessment)
    # its own duties as a service provider, per client relationship
    assert (
        found["SP-CONTRACT-01"] == Outcome.partial
    )  # hospital contract lacks the terms, utility's holds them
    sp = next(f for f in assessment.findings if f.requirement_id == "SP-CONTRACT-01")
    assert sp.relationships == ["hospital-line", "utility-line"]
    assert "hospital-line" in sp.reason
    assert found["VENDOR-BPO-ROLE-01"] != Outcome.not_applicable
    # CIPA and PCI by what it does, not by business status
    assert found["CIPA-CONSENT-01"] != Outcome.not_applicable
    assert found["PCI-DESCOPE-01"] == Outcome.gap
    # business-only duties do not reach it, and say why
    notice = next(f for f in assessment.findings if f.requirement_id == "NOTICE-AT-COLLECTION-01")
    assert notice.outcome == Outcome.not_applicable and "CCPA does not reach" in notice.reason
    # no "risk assessment needed: yes" for a non-business, though it scores agents
    assert all(v.answer is False for v in applicability.enhanced_triggers)
    assert found["RA-CONTENT-01"] == Outcome.not_applicable
    # the plain-words sentence and what applies instead
    assert applicability.statement.startswith("The CCPA does not apply to Small BPO as a business")
    assert "a service provider" in applicability.statement
    instead = " ".join(applicability.applies_instead)
    assert "Hospital" in instead and "CIPA" in instead and "PCI DSS" in instead and "§1798.155(a)" in instead
    # a roadmap for them: remediation of its gaps, a confirmation of what it left unstated (the
    # recording disclosure of its recorded lines)
    tasks = {t.id for t in build_tasks(assessment, CATALOG, facts_of(tmp_path / "again", bpo()))}
    assert {"align-client-contracts", "implement-dtmf-masking", "confirm-cipa-consent-01"} <= tasks


def test_the_report_says_why_the_ccpa_does_not_apply_as_a_business(tmp_path: Path) -> None:
    from ccpa_readiness.reports.html_report import render_report

    page = render_report(run(tmp_path, bpo()))
    assert "The CCPA does not apply to Small BPO as a business" in page
    assert "What applies instead" in page and "hospital-line" in page


def business_and_provider() -> dict[str, Any]:
    """A business for its own chat customers, a service provider on a client's voice line."""
    files = bpo(
        annual_gross_revenue_usd=40_000_000,
        roles=["business", "service_provider"],
        relationships=[
            {"id": "own-customers", "role": "business", "channels": ["own-chat"]},
            {
                "id": "client-care",
                "role": "service_provider",
                "client": "Client Co",
                "channels": ["client-voice"],
                "contract_meets_ccr_7051": True,
            },
        ],
    )
    files["inventory/channels.yaml"] = {
        "complete_lists": ["channels"],
        "channels": [
            {"id": "own-chat", "name": "Own chat", "kind": "chat"},
            {"id": "client-voice", "name": "Client line", "kind": "agent_voice", "recorded": True},
        ],
    }
    return files


def test_a_business_that_is_also_a_service_provider_has_duties_per_relationship(tmp_path: Path) -> None:
    assessment = run(tmp_path, business_and_provider())
    by_id = {f.requirement_id: f for f in assessment.findings}
    assert assessment.applicability.applies
    assert assessment.applicability.roles == ["anyone", "business", "service_provider"]
    # the client's voice line brings no business notice duty: its only voice channel (of a list
    # declared complete) is the client's
    assert by_id["NOTICE-AT-COLLECTION-01"].outcome == Outcome.not_applicable
    assert by_id["NOTICE-AT-COLLECTION-02"].relationships == ["own-customers"]
    assert by_id["SP-CONTRACT-01"].outcome == Outcome.met
    assert by_id["SP-CONTRACT-01"].relationships == ["client-care"]
    # recording follows the activity, on every channel
    assert by_id["CIPA-CONSENT-01"].outcome != Outcome.not_applicable
    assert by_id["CIPA-CONSENT-01"].relationships == ["own-customers", "client-care"]


def test_a_workspace_with_only_roles_keeps_working(tmp_path: Path) -> None:
    files = compliant()
    del files["ccpa.yaml"]["organization"]["relationships"]
    assessment = run(tmp_path, files)
    assert [r.id for r in assessment.applicability.relationships] == ["business"]
    assert outcomes(assessment)["SP-CONTRACT-01"] == Outcome.not_applicable


def test_later_duties_are_upcoming_then_judged(tmp_path: Path) -> None:
    early = run(tmp_path, compliant(), TODAY)
    late = run(tmp_path / "late", compliant(), dt.date(2028, 6, 1))
    due = {f.requirement_id: f.due_date for f in early.findings if f.outcome == Outcome.upcoming}
    assert due["ADMT-INVENTORY-01"] == dt.date(2027, 1, 1)
    assert due["RA-CONTENT-01"] == dt.date(2027, 12, 31)
    assert due["RA-SUBMISSION-01"] == dt.date(2028, 4, 1)
    # $50M revenue: the middle tier of CCR §7121(a)
    assert due["CYBERAUDIT-CERTIFY-01"] == dt.date(2029, 4, 1)
    judged = outcomes(late)
    for requirement_id in ("ADMT-INVENTORY-01", "RA-CONTENT-01", "RA-SUBMISSION-01"):
        assert judged[requirement_id] not in (Outcome.upcoming, Outcome.not_applicable), requirement_id
    assert judged["CYBERAUDIT-CERTIFY-01"] == Outcome.upcoming
    # the roadmap schedules them to finish by their date
    tasks = build_tasks(early, CATALOG, facts_of(tmp_path / "again", compliant()))
    submission = next(t for t in tasks if "RA-SUBMISSION-01" in t.requirement_ids)
    assert submission.due_date == dt.date(2028, 4, 1)


def test_the_top_revenue_tier_is_due_first(tmp_path: Path) -> None:
    files = mutated(compliant(), "ccpa.yaml", "organization", "annual_gross_revenue_usd", value=150_000_000)
    found = {f.requirement_id: f for f in run(tmp_path, files).findings}
    assert found["CYBERAUDIT-CONDUCT-01"].due_date == dt.date(2028, 4, 1)


def test_upcoming_counts_toward_no_readiness(tmp_path: Path) -> None:
    assessment = run(tmp_path, compliant())
    without = [f for f in assessment.findings if f.outcome != Outcome.upcoming]
    assert assessment.scores.outcome_counts[Outcome.upcoming] >= 5
    assert score(without).overall == assessment.scores.overall


def test_an_assessment_after_a_figures_validity_warns(tmp_path: Path) -> None:
    assert not [w for w in run(tmp_path, compliant()).law_warnings if w.key == "revenue_threshold_usd"]
    files = mutated(compliant(), "ccpa.yaml", "organization", "revenue_year", value=2026)
    warnings = {w.key: w for w in run(tmp_path / "later", files, dt.date(2027, 2, 1)).law_warnings}
    assert "2026-12-31" in warnings["revenue_threshold_usd"].message
    assert {"admin_fine_usd", "pra_high_usd"} <= warnings.keys()


def test_revenue_of_another_year_is_said(tmp_path: Path) -> None:
    files = mutated(compliant(), "ccpa.yaml", "organization", "revenue_year", value=2023)
    assessment = run(tmp_path, files)
    assert [w.key for w in assessment.law_warnings] == ["revenue_year"]
    assert "2025" in assessment.law_warnings[0].message


def test_one_applicability_answer(tmp_path: Path) -> None:
    """APP-BUSINESS-01 is met when revenue alone decides, though the counts are null (issue 11.3)."""
    files = compliant()
    organization = files["ccpa.yaml"]["organization"]
    organization["consumers_households_bought_sold_shared_per_year"] = None
    organization["revenue_share_from_selling_sharing"] = None
    assessment = run(tmp_path, files)
    found = outcomes(assessment)
    assert assessment.applicability.applies and assessment.applicability.determined
    assert found["APP-BUSINESS-01"] == Outcome.met
    audit = next(
        v for v in assessment.applicability.enhanced_triggers if v.question.startswith("Annual cyber")
    )
    assert audit.answer is True and found["CYBERAUDIT-APPLICABILITY-01"] == Outcome.met
    risk = next(v for v in assessment.applicability.enhanced_triggers if v.question.startswith("Processing"))
    assert (found["RA-APPLICABILITY-01"] == Outcome.met) is (risk.answer is not None)


def test_agent_scoring_triggers_a_risk_assessment(tmp_path: Path) -> None:
    """CCR §7150(b)(4) (law review E5): QA scoring of a California workforce."""
    files = compliant()
    files["inventory/data.yaml"]["data_elements"] = [
        e for e in files["inventory/data.yaml"]["data_elements"] if not e.get("sensitive_kind")
    ]
    files["inventory/technology.yaml"].update(
        {
            "voice_biometrics": False,
            "analytics": [{"name": "QA", "kind": "qa_scoring"}],
            "ai_training_on_recordings": False,
        }
    )
    assessment = run(tmp_path, files)
    risk = next(v for v in assessment.applicability.enhanced_triggers if v.question.startswith("Processing"))
    assert risk.answer is True and "§7150(b)(4)" in risk.reason
    offshore = mutated(files, "ccpa.yaml", "organization", "california_workforce", value=False)
    assert run(tmp_path / "offshore", offshore).applicability.conditions["observes_workforce"] is False


def test_service_provider_and_contractor_relationships_share_their_duties(tmp_path: Path) -> None:
    found = {f.requirement_id: f for f in run(tmp_path, compliant()).findings}
    assert found["SP-CONTRACT-01"].relationships == ["client-care", "client-billing"]
    assert found["SP-CONTRACT-01"].outcome == Outcome.met
