"""The rule of what is known: silence is unknown; a gap needs the declaration or observation showing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccpa_readiness.assess.applicability import decide_applicability
from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.assess.registry import CHECKS, CheckContext
from ccpa_readiness.assess.run import assess
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.errors import InputError
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import load_workspace
from tests.assess.test_checks import (
    PR,
    TR,
    C,
    D,
    P,
    S,
    T,
    V,
    both,
    drop_notice,
    drop_procedure,
    run_check,
    set_value,
)
from tests.workspace_builder import compliant, write_workspace

Files = dict[str, Any]
NULLS = Path(__file__).parent / "workspaces" / "mostly_null"


def check_over(root: Path, check_id: str) -> Any:
    facts = Facts(workspace=load_workspace(root), as_of=dt.date(2026, 12, 1))
    catalog = default_catalog()
    context = CheckContext(
        facts=facts, catalog=catalog, conditions=decide_applicability(facts, catalog).conditions
    )
    return CHECKS[check_id](context)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_check_over_a_workspace_of_nulls_is_unknown_or_not_applicable(check_id: str) -> None:
    result = check_over(NULLS, check_id)
    if check_id in (
        "procedure_request_intake_phone",
        "procedure_opt_out_handling",
        "risk_assessment_trigger_determined",
    ):
        # what this workspace declares: a procedure of that kind exists; voice biometrics are used,
        # which alone triggers a risk assessment (CCR §7150(b)(2))
        assert result.outcome == Outcome.met and result.evidence, result.reason
        return
    assert result.outcome in (Outcome.unknown, Outcome.not_applicable), result.reason
    if result.outcome == Outcome.unknown:
        assert result.missing, f"{check_id} must name what would decide it"


def without_completeness(relative: str, key: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        files[relative]["complete_lists"] = [k for k in files[relative]["complete_lists"] if k != key]

    return change


def drop_programme_topic(topic: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        for programme in files[TR]["programmes"]:
            programme["topics"] = [t for t in programme["topics"] if t != topic]

    return change


def drop_element(element_id: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        files[D]["data_elements"] = [e for e in files[D]["data_elements"] if e["id"] != element_id]

    return change


# check -> (the thing removed from a list, that list's file and key)
NOT_LISTED: dict[str, tuple[Callable[[Files], None], str, str]] = {
    "workforce_notice": (drop_notice("staff"), P, "notices"),
    "voice_opt_out_notice": (drop_notice("optout-voice"), P, "notices"),
    "bot_disclosure": (drop_notice("bot"), P, "notices"),
    "procedure_minors": (drop_procedure("minors"), PR, "procedures"),
    "procedure_incident_response": (drop_procedure("incident_response"), PR, "procedures"),
    "procedure_change_review": (drop_procedure("change_review"), PR, "procedures"),
    "privacy_training_current": (drop_programme_topic("consumer_rights"), TR, "programmes"),
    "voice_biometrics_governed": (drop_element("voice"), D, "data_elements"),
    "request_methods_toll_free": (
        set_value(P, "request_methods", value=[{"kind": "web_form"}]),
        P,
        "request_methods",
    ),
}


@pytest.mark.parametrize("check_id", sorted(NOT_LISTED))
def test_a_thing_not_listed_is_a_gap_only_where_the_list_is_declared_complete(
    tmp_path: Path, check_id: str
) -> None:
    change, relative, key = NOT_LISTED[check_id]
    files = compliant()
    change(files)
    complete = run_check(tmp_path / "complete", files, check_id)
    assert complete.outcome in (Outcome.gap, Outcome.partial), complete.reason
    assert any(e.snippet == f"complete_lists: [{key}]" and e.location for e in complete.evidence)
    without_completeness(relative, key)(files)
    partial_list = run_check(tmp_path / "partial", files, check_id)
    assert partial_list.outcome == Outcome.unknown, partial_list.reason
    assert any(f"complete_lists: [{key}]" in m for m in partial_list.missing), partial_list.missing


def test_complete_lists_must_name_a_list_of_that_file(tmp_path: Path) -> None:
    files = compliant()
    files[PR]["complete_lists"] = ["procedure"]
    with pytest.raises(InputError) as raised:
        load_workspace(write_workspace(tmp_path, files))
    assert "procedures.yaml" in str(raised.value.problems[0].source)
    assert "procedure" in raised.value.problems[0].message


def test_a_list_written_in_an_item_says_all_it_holds_and_left_out_it_is_unknown(tmp_path: Path) -> None:
    files = compliant()
    set_value(V, "vendors", 0, "contract_clauses", value=[])(files)
    assert run_check(tmp_path / "empty", files, "vendor_contract_clauses").outcome == Outcome.gap
    del files[V]["vendors"][0]["contract_clauses"]
    assert run_check(tmp_path / "absent", files, "vendor_contract_clauses").outcome == Outcome.unknown


def test_the_same_unstated_fact_is_unknown_in_every_requirement(tmp_path: Path) -> None:
    files = compliant()
    set_value(S, "systems", 0, "mfa", value=None)(files)
    root = write_workspace(tmp_path, files)
    facts = Facts(workspace=load_workspace(root), as_of=dt.date(2026, 11, 29))
    findings = {f.requirement_id: f.outcome for f in assess(facts, default_catalog()).findings}
    assert findings["SEC-REASONABLE-01"] == findings["SEC-ACCESS-01"] == Outcome.unknown


def test_limit_requests_and_the_limit_notice_agree(tmp_path: Path) -> None:
    files = compliant()
    drop_procedure("limit_handling")(files)
    facts = Facts(workspace=load_workspace(write_workspace(tmp_path, files)), as_of=dt.date(2026, 11, 29))
    findings = {f.requirement_id: f.outcome for f in assess(facts, default_catalog()).findings}
    assert findings["DSR-LIMIT-01"] == findings["NOTICE-LIMIT-01"] == Outcome.met


def test_a_notice_whose_timing_is_not_stated_is_unknown(tmp_path: Path) -> None:
    files = compliant()
    set_value(P, "notices", 0, "given_before_collection", value=None)(files)
    assert run_check(tmp_path, files, "voice_notice_at_collection").outcome == Outcome.unknown


def test_a_declared_greeting_without_a_notice_shows_the_absence(tmp_path: Path) -> None:
    files = compliant()
    both(
        without_completeness(P, "notices"),
        drop_notice("nac-voice"),
        set_value(C, "channels", 0, "greeting", value="Thanks for calling. Press 1 for billing."),
    )(files)
    result = run_check(tmp_path, files, "voice_notice_at_collection")
    assert result.outcome == Outcome.gap
    assert any("Press 1" in e.snippet for e in result.evidence)


def test_all_staff_training_covers_agents(tmp_path: Path) -> None:
    files = compliant()
    set_value(TR, "programmes", 0, "audiences", value=["all_staff"])(files)
    assert run_check(tmp_path, files, "privacy_training_current").outcome == Outcome.met


def test_an_offshore_bpo_counts_as_offshore_agents(tmp_path: Path) -> None:
    files = compliant()
    set_value(T, "remote_agents", value=False)(files)
    set_value(T, "remote_agent_controls", value=False)(files)
    files[V]["vendors"][0]["agents_location"] = "PH"
    files[V]["vendors"][0]["share_of_contacts"] = 0.4
    result = run_check(tmp_path, files, "remote_agent_controls")
    assert result.outcome == Outcome.gap
    assert "in PH (40% of contacts)" in result.reason


def test_cardholder_data_declared_on_a_crm_is_a_gap(tmp_path: Path) -> None:
    files = compliant()
    set_value(S, "systems", 0, "cardholder_data", value=True)(files)
    result = run_check(tmp_path, files, "payment_capture_descoped")
    assert result.outcome == Outcome.gap
    assert any("cardholder_data" in e.snippet for e in result.evidence)


def test_the_worst_of_several_payment_methods_decides(tmp_path: Path) -> None:
    files = compliant()
    set_value(T, "payment_capture_methods", value=["dtmf_masking", "pause_and_resume"])(files)
    assert run_check(tmp_path, files, "payment_capture_descoped").outcome == Outcome.partial


def test_data_kept_indefinitely_is_a_retention_gap(tmp_path: Path) -> None:
    files = compliant()
    set_value(S, "systems", 0, "kept_indefinitely", value=True)(files)
    assert run_check(tmp_path, files, "retention_defined_and_enforced").outcome == Outcome.gap


def test_a_stale_policy_is_a_gap_even_where_it_describes_the_center(tmp_path: Path) -> None:
    files = compliant()
    set_value(P, "privacy_policy", "last_updated", value="2022-02-01")(files)
    result = run_check(tmp_path, files, "privacy_policy_current")
    assert result.outcome == Outcome.gap
    assert "12 months" in result.reason


def test_a_website_channel_makes_opt_out_signals_count(tmp_path: Path) -> None:
    files = compliant()
    files[C]["channels"] = [c for c in files[C]["channels"] if c["kind"] != "chat"] + [
        {"id": "web", "name": "Website", "kind": "website"}
    ]
    for element in files[D]["data_elements"]:
        element["channels"] = [c if c != "chat" else "web" for c in element["channels"]]
    set_value(P, "sells_personal_information", value=True)(files)
    facts = Facts(workspace=load_workspace(write_workspace(tmp_path, files)), as_of=dt.date(2026, 11, 29))
    conditions = decide_applicability(facts, default_catalog()).conditions
    assert conditions["has_digital_channel"] is True


def test_unknown_volumes_say_the_assumption_exposure_used(tmp_path: Path) -> None:
    files = compliant()
    files["ccpa.yaml"]["volumes"] = {"consumer_requests_per_year": 100}
    facts = Facts(workspace=load_workspace(write_workspace(tmp_path, files)), as_of=dt.date(2026, 11, 29))
    findings = assess(facts, default_catalog()).findings
    exposure = next(f.exposure for f in findings if f.requirement_id == "NOTICE-AT-COLLECTION-01")
    assert exposure is not None
    assert "not stated" in exposure.assumptions and "750,000 assumed" in exposure.assumptions
    assert exposure.high_usd > 0


def test_unknowns_lower_coverage_not_readiness(tmp_path: Path) -> None:
    files = compliant()
    facts = Facts(
        workspace=load_workspace(write_workspace(tmp_path / "a", files)), as_of=dt.date(2026, 11, 29)
    )
    before = assess(facts, default_catalog()).scores
    set_value(S, "systems", 0, "mfa", value=None)(files)
    set_value(T, "fraud_controls", value=None)(files)
    facts = Facts(
        workspace=load_workspace(write_workspace(tmp_path / "b", files)), as_of=dt.date(2026, 11, 29)
    )
    after = assess(facts, default_catalog()).scores
    assert after.overall == before.overall
    assert before.coverage is not None and after.coverage is not None and after.coverage < before.coverage
